/*
 * intake: the intake columns of bp(7), read and checked (tool runtime:
 * it reports value problems on standard error).
 *
 * A tool names the columns it reads once, with in_init().  For each
 * record, in_begin() reads every one of them by its type (bp(7),
 * Values), reports each value that is recorded but unusable with
 * diag_value(), and keeps what it found; the in_*() getters then give
 * it: V_OK with the value, V_EMPTY for an absent or empty field, or
 * V_BAD.  Getting a column the tool did not name is a bug, and aborts:
 * it would otherwise read as empty.
 */
#ifndef BP_INTAKE_H
#define BP_INTAKE_H

#include <stdint.h>

#include "fmemo.h"
#include "tsv.h"
#include "value.h"
#include "vocab.h"

/* The value types of the intake columns (bp(7), Values). */
enum coltype { T_BOOL, T_TEXT, T_UINT, T_WORD, T_SET, T_DURATION, T_DATE };

/* One column's answer in the current record. */
struct answer {
	long		 v;	/* the value: yes 1, a number, a word, bits */
	int		 r;	/* V_OK, V_EMPTY or V_BAD */
};

/* private: a column present, as in_begin() reads it */
struct incol {
	size_t		 field;		/* in the record */
	enum col	 c;
	struct answer	*a;		/* where its answer goes */
	struct fmemo	*memo;		/* of its type */
};

struct intake {
	struct tsv	*t;
	uint64_t	 reads;		/* COLBIT() of the columns read */
	int		 problem;	/* a value problem in this record */
	/* private: the columns present, and what in_begin() found */
	int		 n;
	struct incol	 col[NCOL];	/* the columns present, in order */
	int		 field[NCOL];	/* column c's field, or -1 */
	struct answer	 a[NCOL];
	struct answer	 days;		/* since onset */
	/* answers found before, by the first column of a type (intake.c) */
	struct fmemo	 memo[NCOL];
	struct fmemo	 none;		/* of the column not kept, id */
};

/* The type of intake column c. */
enum coltype	in_type(enum col c);

/* The range of a number column c (T_UINT): lo to hi. */
void	in_range(enum col c, long *lo, long *hi);

/* The words of a word or list column c (T_WORD, T_SET), or NULL. */
const struct vocab *in_words(enum col c);

/*
 * Find the columns of reads (COLBIT() bits) in t's header; t must
 * outlive in.  Columns the header lacks read as empty.
 */
void	in_init(struct intake *in, struct tsv *t, uint64_t reads);

/* Read and check the named columns of t's record; sets in->problem. */
void	in_begin(struct intake *in);

/* Report a column read but not named to in_init(), and abort. */
void	in_undeclared(enum col c);

/* The answer of column c, of any type. */
static inline const struct answer *
in_get(const struct intake *in, enum col c)
{
	if (!(in->reads & COLBIT(c)))
		in_undeclared(c);
	return &in->a[c];
}

/* A yes/no column: *v = 1 for yes, 0 for no. */
static inline int
in_bool(const struct intake *in, enum col c, int *v)
{
	const struct answer	*a = in_get(in, c);

	*v = (int)a->v;
	return a->r;
}

/* A number, within the column's range (bp(7)). */
static inline int
in_uint(const struct intake *in, enum col c, long *v)
{
	const struct answer	*a = in_get(in, c);

	*v = a->v;
	return a->r;
}

/* One word of the column's list: *v its enum value. */
static inline int
in_word(const struct intake *in, enum col c, int *v)
{
	const struct answer	*a = in_get(in, c);

	*v = (int)a->v;
	return a->r;
}

/* A list of the column's words: bit i of *mask for enum value i. */
static inline int
in_set(const struct intake *in, enum col c, unsigned *mask)
{
	const struct answer	*a = in_get(in, c);

	*mask = (unsigned)a->v;
	return a->r;
}

/*
 * Days since onset (bp(7)): from duration, or when it is empty from
 * seen - onset.  V_EMPTY when neither gives it; V_BAD when the one
 * used is unusable (seen before onset, over 100 years).  Needs duration,
 * onset and seen named.
 */
static inline int
in_days(const struct intake *in, long *days)
{
	in_get(in, COL_DURATION);
	*days = in->days.v;
	return in->days.r;
}

#endif
