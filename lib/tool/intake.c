#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "filter.h"
#include "intake.h"

static const struct vocab	sites = { site_words, NULL };
static const struct vocab	radiations = { radiation_words, NULL };
static const struct vocab	sides = { side_words, NULL };

/* bp(7), Intake columns: each column's type, range and words. */
static const struct coldef {
	enum coltype		 type;
	long			 lo, hi;
	const struct vocab	*words;
} def[NCOL] = {
	[COL_ID] = { T_TEXT, 0, 0, NULL },
	[COL_AGE] = { T_UINT, 0, 120, NULL },
	[COL_SITE] = { T_SET, 0, 0, &sites },
	[COL_DURATION] = { T_DURATION, 0, 0, NULL },
	[COL_ONSET] = { T_DATE, 0, 0, NULL },
	[COL_SEEN] = { T_DATE, 0, 0, NULL },
	[COL_SEVERITY] = { T_UINT, 0, 10, NULL },
	[COL_RADIATION] = { T_WORD, 0, 0, &radiations },
	[COL_SIDE] = { T_WORD, 0, 0, &sides },
	[COL_EPISODES] = { T_UINT, 0, 999999999, NULL },
	[COL_SB1] = { T_BOOL, 0, 0, &vocab_agree },
	[COL_SB2] = { T_BOOL, 0, 0, &vocab_agree },
	[COL_SB3] = { T_BOOL, 0, 0, &vocab_agree },
	[COL_SB4] = { T_BOOL, 0, 0, &vocab_agree },
	[COL_SB5] = { T_BOOL, 0, 0, &vocab_agree },
	[COL_SB6] = { T_BOOL, 0, 0, &vocab_agree },
	[COL_SB7] = { T_BOOL, 0, 0, &vocab_agree },
	[COL_SB8] = { T_BOOL, 0, 0, &vocab_agree },
	[COL_SB9] = { T_WORD, 0, 0, &vocab_bother },
	[COL_ODI1] = { T_UINT, 0, 5, NULL }, [COL_ODI2] = { T_UINT, 0, 5, NULL },
	[COL_ODI3] = { T_UINT, 0, 5, NULL }, [COL_ODI4] = { T_UINT, 0, 5, NULL },
	[COL_ODI5] = { T_UINT, 0, 5, NULL }, [COL_ODI6] = { T_UINT, 0, 5, NULL },
	[COL_ODI7] = { T_UINT, 0, 5, NULL }, [COL_ODI8] = { T_UINT, 0, 5, NULL },
	[COL_ODI9] = { T_UINT, 0, 5, NULL },
	[COL_ODI10] = { T_UINT, 0, 5, NULL },
	/* every other column is a yes/no answer: T_BOOL, 0 */
};

/*
 * Most fields are one of a few short spellings ("n", "no", "No", "3",
 * "low_back,buttock"), and parsing them anew for every record is most of
 * what a tool does.  So the answer to a field that was not a problem is
 * kept by the field's bytes (fmemo.h), one table for each type of column
 * (the same type, range and words), and looked up before parsing:
 * bpclassify 41% fewer instructions a record, bpflags 26%.  An empty
 * field is looked up the same way, with no test of its own: empty fields
 * come at random, and a branch that guesses wrong costs more than the
 * lookup.
 */
static struct fmemo	*memo(struct intake *, enum col);
static void		 slow(struct intake *, const struct incol *,
			    const char *, size_t);
static int		 report(struct intake *, enum col, const char *,
			    const char *, size_t);
static int		 range(struct intake *, enum col, const char *,
			    const char *, size_t);
static void		 parse(struct intake *, enum col, const char *, size_t);
static void		 days(struct intake *);

enum coltype
in_type(enum col c)
{
	return def[c].type;
}

void
in_range(enum col c, long *lo, long *hi)
{
	*lo = def[c].lo;
	*hi = def[c].hi;
}

const struct vocab *
in_words(enum col c)
{
	return def[c].type == T_WORD || def[c].type == T_SET ? def[c].words :
	    NULL;
}

/* The table of column c's type: that of the first column like it. */
static struct fmemo *
memo(struct intake *in, enum col c)
{
	int	k;

	/* an id is rarely seen twice */
	if (def[c].type == T_TEXT)
		return &in->none;
	for (k = 0; k < (int)c; k++)
		if (def[k].type == def[c].type && def[k].lo == def[c].lo &&
		    def[k].hi == def[c].hi && def[k].words == def[c].words)
			break;
	return &in->memo[k];
}

void
in_init(struct intake *in, struct tsv *t, uint64_t reads)
{
	static const struct fmemo_val	emptyval = { 0, V_EMPTY };
	struct incol			e;
	int				c, i, k;

	memset(in, 0, sizeof(*in));
	in->t = t;
	in->reads = reads;
	for (c = 0; c < NCOL; c++) {
		in->a[c].r = V_EMPTY;
		in->field[c] = reads & COLBIT(c) ?
		    filter_col(t, col_words[c].s) : -1;
		if (in->field[c] >= 0) {
			in->col[in->n].field = (size_t)in->field[c];
			in->col[in->n].c = (enum col)c;
			in->col[in->n].a = &in->a[c];
			in->col[in->n++].memo = memo(in, (enum col)c);
			tsv_learn(t, (size_t)in->field[c]);
		}
	}
	/* a batch whose columns are all named otherwise reads as unanswered */
	if ((reads & ~COLBIT(COL_ID)) != 0 &&
	    in->n == (in->field[COL_ID] >= 0))
		diag_warn(t->name, t->line, "no intake columns found");
	/* in the header's order: the order of the warnings */
	for (i = 1; i < in->n; i++)
		for (k = i; k > 0 && in->col[k - 1].field > in->col[k].field;
		    k--) {
			e = in->col[k];
			in->col[k] = in->col[k - 1];
			in->col[k - 1] = e;
		}
	in->days.r = V_EMPTY;
	for (c = 0; c < NCOL; c++)
		fmemo_init(&in->memo[c], 1, &emptyval);
	/* an empty id is a problem: parsed */
	fmemo_init(&in->none, 0, &emptyval);
}

void
in_undeclared(enum col c)
{
	diag("bug: column %s read but not named to in_init()", col_words[c].s);
	abort();
}

/* Report the value (p, n) of column c as a problem, why; V_BAD. */
static int
report(struct intake *in, enum col c, const char *why, const char *p,
    size_t n)
{
	val_trim(&p, &n);
	in->problem = 1;
	diag_value(in->t->name, in->t->line, col_words[c].s, why, p, n);
	return V_BAD;
}

/* The same for a number, with the range it must be in. */
static int
range(struct intake *in, enum col c, const char *why, const char *p,
    size_t n)
{
	char	buf[128];

	snprintf(buf, sizeof(buf), "%s (%ld-%ld)", why, def[c].lo, def[c].hi);
	return report(in, c, buf, p, n);
}

/* Read the field (p, n) of column c into in->a[c]. */
static void
parse(struct intake *in, enum col c, const char *p, size_t n)
{
	struct answer	*a = &in->a[c];
	const char	*why = NULL, *q = p;
	size_t		 m = n;
	unsigned	 mask = 0;
	int		 i = 0;

	switch (def[c].type) {
	case T_BOOL:
		/* STarT Back's agree and disagree: a list of its own */
		a->r = def[c].words != NULL ?
		    val_word(p, n, def[c].words, &i, &why) :
		    val_bool(p, n, &i, &why);
		if (a->r == V_BAD && def[c].words != NULL)
			why = "not yes or no (or agree or disagree)";
		a->v = i;
		break;
	case T_UINT:
		if ((a->r = val_uint(p, n, def[c].lo, def[c].hi, &a->v,
		    &why)) == V_BAD)
			a->r = range(in, c, why, p, n);
		return;
	case T_WORD:
		a->r = val_word(p, n, def[c].words, &i, &why);
		a->v = i;
		break;
	case T_SET:
		a->r = val_set(p, n, def[c].words, &mask, &why);
		a->v = mask;
		break;
	case T_DURATION:
		a->r = val_duration(p, n, &a->v, &why);
		break;
	case T_DATE:
		a->r = val_date(p, n, &a->v, &why);
		break;
	case T_TEXT:
		val_trim(&q, &m);
		a->r = m > 0 ? V_OK : V_EMPTY;
		if (c == COL_ID && m == 0)
			a->r = report(in, c, "empty", p, n);
		return;
	}
	if (a->r == V_BAD)
		report(in, c, why, p, n);
}

/* Days since onset, from what parse() found (bp(7), Values). */
static void
days(struct intake *in)
{
	const struct answer	*d = &in->a[COL_DURATION];
	const struct answer	*on = &in->a[COL_ONSET];
	const struct answer	*seen = &in->a[COL_SEEN];
	const char		*p;
	size_t			 n;

	in->days = *d;
	if (d->r != V_EMPTY)
		return;
	if (on->r == V_BAD || seen->r == V_BAD)
		in->days.r = V_BAD;
	else if (on->r == V_EMPTY || seen->r == V_EMPTY)
		in->days.r = V_EMPTY;
	else {
		in->days.v = seen->v - on->v;
		in->days.r = V_OK;
		p = tsv_field(in->t, (size_t)in->field[COL_SEEN], &n);
		if (in->days.v < 0)
			in->days.r = report(in, COL_SEEN, "before onset", p, n);
		else if (in->days.v > V_MAXDAYS)
			in->days.r = report(in, COL_SEEN,
			    "over 100 years after onset", p, n);
	}
}

/* The field (p, n) of e, not where its key is first looked for. */
static void
slow(struct intake *in, const struct incol *e, const char *p, size_t n)
{
	const struct fmemo_val	*found;
	struct fmemo_val	 val;
	struct fmemo_key	 k;
	int			 key = fmemo_key(p, n, &k);

	if (key && (found = fmemo_find(e->memo, &k)) != NULL) {
		e->a->v = found->v;
		e->a->r = found->tag;
		return;
	}
	if (n == 0 && def[e->c].type != T_TEXT)
		e->a->r = V_EMPTY;
	else
		parse(in, e->c, p, n);
	if (key && e->a->r != V_BAD && e->memo != &in->none) {
		val.v = e->a->v;
		val.tag = e->a->r;
		fmemo_put(e->memo, &k, &val);
	}
}

void
in_begin(struct intake *in)
{
	const struct tsv	*t = in->t;
	const struct incol	*e, *end = in->col + in->n;
	const struct incol	*miss[NCOL], **m = miss, **mp;
	const struct fmemo_val	*val;
	struct fmemo_key	 k;
	const char		*p;
	size_t			 n;

	in->problem = 0;
	/*
	 * The columns whose answers are where their tables first hold them,
	 * then the others: the first loop calls nothing.  The fields were
	 * marked read by in_init().
	 */
	for (e = in->col; e < end; e++) {
		p = tsv_fieldat(t, e->field, &n);
		if (fmemo_key(p, n, &k) && (val = fmemo_first(e->memo, &k))) {
			e->a->v = val->v;
			e->a->r = val->tag;
		} else
			*m++ = e;
	}
	for (mp = miss; mp < m; mp++) {
		p = tsv_fieldat(t, (*mp)->field, &n);
		slow(in, *mp, p, n);
	}
	if (in->reads & COLBIT(COL_DURATION))
		days(in);
}
