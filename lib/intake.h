/*
 * intake: the intake columns of bp(7), read and checked.
 *
 * A tool finds the columns once with in_init() and then, for each
 * record, reads the ones it needs through the in_*() calls.  A value
 * that is recorded but unusable is reported with diag_value() and marks
 * the record (in->problem); the caller gets V_BAD and decides what
 * depends on it.  An absent column reads as empty.
 */
#ifndef BP_INTAKE_H
#define BP_INTAKE_H

#include <stdint.h>

#include "tsv.h"
#include "value.h"

enum icol {
	C_ID, C_AGE, C_SITE, C_DURATION, C_ONSET, C_SEEN, C_SEVERITY,
	C_RADIATION, C_SIDE, C_MECHANICAL, C_NUMBNESS, C_EPISODES,
	C_WORSENING, C_TRAUMA, C_FEVER, C_CANCER_HISTORY, C_WEIGHT_LOSS,
	C_SADDLE_NUMBNESS, C_BLADDER_BOWEL, C_LEG_WEAKNESS, C_OSTEOPOROSIS,
	C_STEROID_USE, C_IV_DRUG_USE, C_IMMUNOSUPPRESSED, C_NIGHT_PAIN,
	C_MORNING_STIFFNESS,
	C_SB1, C_SB2, C_SB3, C_SB4, C_SB5, C_SB6, C_SB7, C_SB8, C_SB9,
	C_ODI1, C_ODI2, C_ODI3, C_ODI4, C_ODI5, C_ODI6, C_ODI7, C_ODI8,
	C_ODI9, C_ODI10,
	C_NICOLS
};

/* Vocabularies, in the bit order of in_set() and index of in_word(). */
enum site { S_LOW_BACK, S_UPPER_BACK, S_BUTTOCK, S_HIP, S_GROIN, S_THIGH };
enum radiation { R_NONE, R_BUTTOCK, R_THIGH, R_BELOW_KNEE };
enum side { D_LEFT, D_RIGHT, D_BOTH, D_CENTRAL };

extern const char *const in_names[C_NICOLS];
/* Made by in_init(). */
extern struct vocab in_site, in_radiation, in_side, in_sb9;

struct intake {
	const struct tsv	*t;
	const char		*rec;		/* t's record, by in_begin() */
	const uint32_t		*cut;
	int			 col[C_NICOLS];	/* index, or tsv_none() */
	int			 problem;	/* a value problem seen */
};

/* Find the intake columns in t's header; t must outlive in. */
void	in_init(struct intake *in, const struct tsv *t);

/*
 * Read only the intake columns of mask (bit c for column c): the others
 * read as absent from now on.  Returns how many fields of a record that
 * takes, for tsv_cuts().
 */
size_t	in_only(struct intake *in, uint64_t mask);

/* Start a record: clear in->problem. */
static inline void
in_begin(struct intake *in)
{
	in->problem = 0;
	in->rec = in->t->rec;
	in->cut = in->t->cut;
}

/* The raw field of column c ("" if absent): bytes at *p, *n long. */
static inline void
in_raw(const struct intake *in, enum icol c, const char **p, size_t *n)
{
	int	i = in->col[c];

	*p = in->rec + in->cut[i];
	*n = in->cut[i + 1] - in->cut[i] - 1;
}

/* Report an empty id; returns V_OK or V_BAD. */
int	in_id_slow(struct intake *in);

static inline int
in_id(struct intake *in)
{
	const char	*p;
	size_t		 n;

	in_raw(in, C_ID, &p, &n);
	/* not empty, not all spaces */
	return n > 0 && p[0] != ' ' ? V_OK : in_id_slow(in);
}

/*
 * Report the value of column c as a problem: why, and for a number the
 * range lo-hi when lo <= hi.  Returns V_BAD.
 */
int	in_report(struct intake *in, enum icol c, const char *why, long lo,
	    long hi);

/* A yes/no column: *v is 1 for a valid yes, else 0. */
static inline int
in_bool(struct intake *in, enum icol c, int *v)
{
	const char	*p, *why;
	size_t		 n;
	int		 r;

	in_raw(in, c, &p, &n);
	if ((r = val_boolp(p, n, v, &why)) == V_BAD)
		return in_report(in, c, why, 1, 0);
	return r;
}

static inline int
in_uint(struct intake *in, enum icol c, long lo, long hi, long *v)
{
	const char	*p, *why;
	size_t		 n;
	int		 r;

	in_raw(in, c, &p, &n);
	if ((r = val_uintp(p, n, lo, hi, v, &why)) == V_BAD)
		return in_report(in, c, why, lo, hi);
	return r;
}
int	in_word(struct intake *in, enum icol c, const struct vocab *words,
	    int *v);
int	in_set(struct intake *in, enum icol c, const struct vocab *words,
	    unsigned *mask);

/*
 * Days since onset (bp(7)): from duration, or when it is empty from
 * seen - onset.  V_EMPTY when neither gives it; V_BAD when the one
 * used is unusable (seen before onset, over 100 years).
 */
int	in_days(struct intake *in, long *days);

#endif
