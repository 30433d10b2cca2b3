/*
 * flags: the red-flag table of bp(7) and bpflags(1).
 *
 * The table is the one place where a flag's name, level, condition and
 * concern live; bpflags(1) raises flags with it and bpreport(1) names
 * them in plain words with it.
 */
#ifndef BP_FLAGS_H
#define BP_FLAGS_H

#include <stdint.h>

#include "intake.h"

/* L_UNKNOWN is no flag's level: flag_level when core inputs are missing. */
enum level { L_NONE, L_REVIEW, L_URGENT, L_EMERGENCY, L_UNKNOWN };

/*
 * What the flag conditions read from a record, as bits of one word: bit
 * c for a yes/no column c answered yes (recorded and valid), then the
 * facts below, each true only on values recorded and valid.
 */
enum fact {
	F_HIPSITE = C_NICOLS,	/* site holds hip or groin */
	F_UPPER_BACK,		/* site holds upper_back */
	F_BELOW_KNEE_BOTH,	/* radiation below_knee and side both */
	F_AGE65,		/* age 65 or more */
	F_AGE_OVER50,		/* age over 50 */
	F_AGE_UNDER45,
	F_AGE_UNDER20,
	F_OVER12WEEKS,		/* duration over 84 days (bp(7), phase) */
	F_TRUE,			/* set in every record */
	F_NFACTS
};

/* The bit of a yes/no column or a fact. */
#define FACT(x)		(1ULL << (x))

/*
 * A flag is raised when each of its three masks shares a bit with the
 * record's facts: a condition written as "this and that and the other",
 * each part "any of these"; FACT(F_TRUE) is a part always met.
 */
struct flag {
	const char	*name;
	enum level	 level;
	uint64_t	 when[3];
	const char	*concern;	/* what it may point to */
};

/* 1 if flag fl is raised by the facts f. */
static inline int
flag_raised(const struct flag *fl, uint64_t f)
{
	return ((f & fl->when[0]) != 0) & ((f & fl->when[1]) != 0) &
	    ((f & fl->when[2]) != 0);
}

extern const struct flag	flag_table[];	/* ends with a NULL name */
extern const char *const	level_names[];	/* by enum level, NULL-ended */

/* The screening inputs, in the order of the unscreened column. */
extern const enum icol		screen_cols[];
extern const int		nscreen;

/* 1 if column c is a core screening input (bp(7)). */
int	flag_core(enum icol c);

/* The flag called (p, n), or NULL. */
const struct flag *flag_find(const char *p, size_t n);


#endif
