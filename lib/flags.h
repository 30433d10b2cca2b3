/*
 * flags: the red-flag table of bp(7) and bpflags(1), the facts its
 * conditions read, and their evaluation (a pure module: it never
 * prints and never exits).
 *
 * The table is the one place where a flag's name, level, condition and
 * concern live; bpflags(1) raises flags with flags_eval() and
 * bpreport(1) names them in plain words with flag_find().
 */
#ifndef BP_FLAGS_H
#define BP_FLAGS_H

#include <stddef.h>
#include <stdint.h>

#include "vocab.h"

/* The thresholds of the table (bpflags(1)). */
#define HIP_FRACTURE_AGE	65	/* hip_fracture: this age or more */
#define OLDER_AGE		50	/* age_over_50: over this */
#define YOUNG_AGE		20	/* age_under_20: under this */
#define INFLAMMATORY_AGE	45	/* inflammatory: onset under this age */
#define AGE_MAX			120	/* the oldest age an intake holds */

/*
 * What the flags read of a record, parsed.  An answer is known when its
 * column is present and holds a valid value; only known answers raise
 * flags, and the other fields mean nothing for unknown ones.
 */
struct answers {
	uint64_t	 known;		/* COLBIT(c): column c known */
	uint64_t	 yes;		/* COLBIT(c): yes/no column c is yes */
	long		 age;
	long		 days;		/* since onset (bp(7)), or -1 */
	unsigned	 site;		/* bits of enum site */
	int		 radiation;	/* enum radiation */
	int		 side;		/* enum side */
};

#define FLAGS_LISTMAX	512	/* longest flags or unscreened list + 1 */

/* What flags_eval() makes of one record. */
struct flagged {
	char		 flags[FLAGS_LISTMAX];	/* names, or "none" */
	size_t		 nflags;		/* its length */
	char		 unscreened[FLAGS_LISTMAX];	/* inputs, or "none" */
	size_t		 nunscreened;
	enum level	 level;			/* flag_level */
	enum level	 worst;			/* worst_level */
};

/*
 * A flag of the table: its name, level, condition, what it may point to
 * (for a clinician), and what was found, in plain words (for a plan).
 */
struct flag {
	const char	*name;
	enum level	 level;
	uint64_t	 when[3];	/* the condition: flags.c */
	const char	*concern;
	const char	*plain;
};

extern const struct flag	flag_table[];	/* ends with a NULL name */

/*
 * Check the table against the limits of this module (flags, facts, list
 * lengths).  Returns 0, or -1 with *why a static reason: a table that
 * fails is a bug to be found before any record is read.
 */
int	flags_check(const char **why);

/*
 * The intake columns the flags read, as COLBIT() bits: those of the
 * facts of the table and the screening inputs.
 */
uint64_t flags_reads(void);

/* Raise the flags of the record a, into f. */
void	flags_eval(const struct answers *a, struct flagged *f);

/* The flag called (p, n), or NULL. */
const struct flag *flag_find(const char *p, size_t n);

/* A screening input, of the unscreened column. */
struct screen {
	enum col	 col;
	int		 core;	/* a core input (bpflags(1)) */
	const char	*plain;	/* the question, in plain words */
};

/* The screening input called (p, n), or NULL. */
const struct screen *flags_screen(const char *p, size_t n);

/* (*p, *n) made the plain words of its question, if it names one. */
void	flags_plain(const char **p, size_t *n);

#endif
