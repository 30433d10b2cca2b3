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

/* Bit c of facts.yes: the yes/no column c. */
#define YES(c)		(1ULL << (c))

/* What the flag conditions read from a record, parsed once. */
struct facts {
	uint64_t	yes;		/* bit c: bool c recorded, valid, yes */
	int		have_age;	/* age recorded and valid */
	long		age;
	unsigned	site;		/* site bits; 0 if not usable */
	int		rad;		/* radiation, or -1 if not usable */
	int		side;		/* side, or -1 if not usable */
	int		have_days;	/* duration (or dates) usable */
	long		days;
};

struct flag {
	const char	*name;
	enum level	 level;
	int		(*raised)(const struct facts *);
	const char	*concern;	/* what it may point to */
};

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
