/*
 * bptrack: how far each person has moved since the first visit, by the
 * minimal important change of the Oswestry index and of the pain score
 * (bp(7); bptrack(1)).  What it keeps of each person is in track.h.
 */
#include <errno.h>
#include <string.h>

#include "diag.h"
#include "filter.h"
#include "intake.h"
#include "track.h"

enum { O_VISIT, O_DAYS, O_ODI_CHANGE, O_PAIN_CHANGE, O_PROGRESS };

static const struct word none = { "none", 4 };

#define READS	(COLBIT(COL_ID) | COLBIT(COL_SEEN) | COLBIT(COL_SEVERITY))

/*
 * The minimal important change (Ostelo 2008): 10 points of the Oswestry
 * index, 2 of the pain score, or 30% of the first visit's value.
 */
#define ODI_MIC		10
#define PAIN_MIC	2
#define MIC_PERCENT	30

#define NUMSZ	24	/* a long in decimal, with its sign */

/* A number of this record, or the change of one since the first visit. */
struct num {
	long	v;
	int	r;		/* V_OK, V_EMPTY (unknown) or V_BAD */
};

/* This record against the person's first visit. */
struct visit {
	struct num	seen, odi, pain;	/* this record's */
	struct num	days, dodi, dpain;	/* since the first visit */
	int		late;	/* seen before the person's latest seen */
};

struct tracker {
	struct intake	 in;
	struct people	 people;
	struct person	*prev;		/* the previous record's person */
	int		 idcol, seencol, odicol;
	long		 review_days;	/* not better after this: review */
	char		 buf[4][NUMSZ];	/* the numbers written */
};

static const char *const outcols[] = {
	"visit", "days", "odi_change", "pain_change", "progress", NULL
};
static const struct need needs[] = {
	{ "id", NULL }, { "seen", NULL }, { NULL, NULL }
};

static const char help[] =
"usage: bptrack [-hq] [--review-weeks N] [-r FILE] [--version] [FILE ...]\n"
"Add visit, days, odi_change, pain_change and progress to each record:\n"
"the change since the person's first visit.  Each person's records must\n"
"come in date order.\n"
"  --review-weeks N  no better after N weeks is not_improving (1-52; default 4)\n"
"  -q, --quiet      do not warn about bad values\n"
"  -r, --rejects FILE  write unreadable lines to FILE and go on\n"
"  -h, --help       print this help\n"
"  --version        print the version\n"
"The rules, the columns and the exit status: man bptrack\n";

static int		 setup(struct tsv *, void *);
static int		 record(struct tsv *, struct value *, void *);
static void		 readodi(struct tracker *, struct tsv *, struct num *);
static void		 readvisit(struct tracker *, struct tsv *,
			    struct visit *);
static int		 person(struct tracker *, struct tsv *,
			    struct person **);
static void		 first(struct person *, const struct visit *);
static void		 days(struct tracker *, struct tsv *, struct person *,
			    struct visit *);
static struct num	 change(const struct num *, int);
static int		 fell(const struct num *, int, long);
static int		 progress(const struct tracker *, const struct person *,
			    const struct visit *);
static void		 number(struct value *, char *, const struct num *,
			    int);
static void		 output(struct tracker *, struct value *,
			    const struct person *, const struct visit *);
static int		 options(const struct filter *, struct filter_opts *,
			    int, char *[]);

static int
setup(struct tsv *t, void *ctx)
{
	struct tracker	*k = ctx;

	in_init(&k->in, t, READS);
	k->idcol = tsv_col(t, "id");
	k->seencol = tsv_col(t, "seen");
	k->odicol = filter_col(t, "odi");
	/* the Oswestry answers without the index: bpclassify was left out */
	if (k->odicol < 0 && tsv_col(t, col_words[COL_ODI1].s) >= 0)
		diag_warn(t->name, t->line, "no column odi: run bpclassify "
		    "first, or the Oswestry index is not compared");
	return 0;
}

/*
 * odi as bpclassify writes it: a number from 0 to 100, unknown or
 * invalid; anything else is warned about and read as invalid.
 */
static void
readodi(struct tracker *k, struct tsv *t, struct num *o)
{
	const char	*p, *why;
	size_t		 n;
	int		 w;

	o->r = V_EMPTY;
	if (k->odicol < 0)
		return;
	p = tsv_field(t, (size_t)k->odicol, &n);
	if ((o->r = val_uint(p, n, 0, 100, &o->v, &why)) != V_BAD)
		return;
	val_trim(&p, &n);
	if ((w = vocab_index(band_words, p, n)) == BAND_UNKNOWN)
		o->r = V_EMPTY;
	else if (w != BAND_INVALID) {
		k->in.problem = 1;
		diag_value(t->name, t->line, "odi",
		    "not a number from 0 to 100, unknown or invalid", p, n);
	}
}

/* This record's seen, odi and severity. */
static void
readvisit(struct tracker *k, struct tsv *t, struct visit *v)
{
	const struct answer	*a;

	memset(v, 0, sizeof(*v));
	in_begin(&k->in);
	a = in_get(&k->in, COL_SEEN);
	v->seen.v = a->v;
	v->seen.r = a->r;
	v->pain.r = in_uint(&k->in, COL_SEVERITY, &v->pain.v);
	readodi(k, t, &v->odi);
}

/*
 * The record's person into *pp: NULL for an empty id, which is nobody's
 * visit.  Returns 0, or -1 when out of memory.  A person's records
 * usually come together, so the previous record's person is tried first.
 */
static int
person(struct tracker *k, struct tsv *t, struct person **pp)
{
	struct person	*p = k->prev;
	const char	*id;
	size_t		 n;

	id = tsv_field(t, (size_t)k->idcol, &n);
	val_trim(&id, &n);
	*pp = NULL;
	if (n == 0)
		return 0;
	if (p == NULL || p->idlen != n || memcmp(p->id, id, n) != 0)
		p = people_get(&k->people, id, n);
	*pp = k->prev = p;
	return p != NULL ? 0 : -1;
}

/* Keep what the first visit gives. */
static void
first(struct person *p, const struct visit *v)
{
	p->first = v->seen.r == V_OK ? (int32_t)v->seen.v :
	    v->seen.r == V_EMPTY ? DAY_EMPTY : DAY_BAD;
	p->last = DAY_EMPTY;
	p->odi = (int8_t)(v->odi.r == V_OK ? v->odi.v : -1);
	p->severity = (int8_t)(v->pain.r == V_OK ? v->pain.v : -1);
}

/*
 * Days since the first visit, and whether this visit comes before the
 * latest one seen (a warning); the latest seen moves on.
 */
static void
days(struct tracker *k, struct tsv *t, struct person *p, struct visit *v)
{
	struct num	*d = &v->days;
	const char	*s;
	size_t		 n;

	*d = v->seen;
	if (p->first == DAY_BAD || d->r == V_BAD)
		d->r = V_BAD;
	else if (p->first == DAY_EMPTY || d->r == V_EMPTY)
		d->r = V_EMPTY;
	else
		d->v -= p->first;
	if (v->seen.r != V_OK)
		return;
	s = tsv_field(t, (size_t)k->seencol, &n);
	if (p->last != DAY_EMPTY && v->seen.v < p->last) {
		v->late = 1;
		k->in.problem = 1;
		val_trim(&s, &n);
		diag_value(t->name, t->line, "seen",
		    "before the person's previous visit", s, n);
	} else {
		p->last = (int32_t)v->seen.v;
		if (d->r == V_OK && d->v > V_MAXDAYS) {
			k->in.problem = 1;
			val_trim(&s, &n);
			diag_value(t->name, t->line, "seen",
			    "over 100 years after the first visit", s, n);
		}
	}
	if (d->r == V_OK && (d->v < 0 || d->v > V_MAXDAYS))
		d->r = V_BAD;
}

/* now minus first when both are numbers (first -1: not one); else unknown. */
static struct num
change(const struct num *now, int first)
{
	struct num	c = { 0, V_EMPTY };

	if (now->r == V_OK && first >= 0) {
		c.v = now->v - first;
		c.r = V_OK;
	}
	return c;
}

/* 1 if the change c from first fell by mic or by 30% of first, at least 1. */
static int
fell(const struct num *c, int first, long mic)
{
	return c->r == V_OK && c->v < 0 &&
	    (-c->v >= mic || -c->v * 100 >= (long)MIC_PERCENT * first);
}

/* The first row of bptrack(1)'s progress rules that holds. */
static int
progress(const struct tracker *k, const struct person *p,
    const struct visit *v)
{
	const struct num	*o = &v->dodi, *s = &v->dpain;

	if (p->visits == 1)
		return PROG_BASELINE;
	if (v->days.r == V_BAD || v->late)
		return PROG_INVALID;
	if ((o->r == V_OK && o->v >= ODI_MIC) ||
	    (s->r == V_OK && s->v >= PAIN_MIC))
		return PROG_WORSE;
	if (o->r == V_OK ? fell(o, p->odi, ODI_MIC) :
	    fell(s, p->severity, PAIN_MIC))
		return PROG_IMPROVED;
	if ((o->r != V_OK && s->r != V_OK) || v->days.r != V_OK)
		return PROG_UNKNOWN;
	return v->days.v >= k->review_days ? PROG_NOT_IMPROVING : PROG_SAME;
}

/*
 * The number n in buf (NUMSZ bytes), with a sign when sign is set and n
 * is not 0; unknown or invalid when it is not a number.
 */
static void
number(struct value *val, char *buf, const struct num *n, int sign)
{
	unsigned long	u;
	char		*p = buf + NUMSZ;

	if (n->r != V_OK) {
		put(val, &progress_words[n->r == V_BAD ? PROG_INVALID :
		    PROG_UNKNOWN]);
		return;
	}
	u = n->v < 0 ? 0UL - (unsigned long)n->v : (unsigned long)n->v;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (n->v < 0)
		*--p = '-';
	else if (sign && n->v > 0)
		*--p = '+';
	val->p = p;
	val->n = (size_t)(buf + NUMSZ - p);
}

/* The five columns; p is NULL for a record of nobody (an empty id). */
static void
output(struct tracker *k, struct value *val, const struct person *p,
    const struct visit *v)
{
	struct num	visit = { 0, V_EMPTY };

	if (p != NULL) {
		visit.v = (long)p->visits;
		visit.r = V_OK;
	}
	number(&val[O_VISIT], k->buf[0], &visit, 0);
	number(&val[O_DAYS], k->buf[1], &v->days, 0);
	if (p != NULL && p->visits == 1) {
		put(&val[O_ODI_CHANGE], &none);
		put(&val[O_PAIN_CHANGE], &none);
	} else {
		number(&val[O_ODI_CHANGE], k->buf[2], &v->dodi, 1);
		number(&val[O_PAIN_CHANGE], k->buf[3], &v->dpain, 1);
	}
	put(&val[O_PROGRESS], &progress_words[p != NULL ?
	    progress(k, p, v) : PROG_UNKNOWN]);
}

static int
record(struct tsv *t, struct value *val, void *ctx)
{
	struct tracker	*k = ctx;
	struct person	*p;
	struct visit	 v;

	readvisit(k, t, &v);
	if (person(k, t, &p) == -1) {
		diag_at(t->name, t->line, "%s, holding %zu persons",
		    strerror(ENOMEM), k->people.n);
		return FILTER_FATAL;
	}
	if (p != NULL && p->visits == UINT32_MAX) {
		diag_at(t->name, t->line, "over %lu records of one person",
		    (unsigned long)UINT32_MAX);
		return FILTER_FATAL;
	}
	if (p != NULL) {
		if (p->visits++ == 0)
			first(p, &v);
		days(k, t, p, &v);
		v.dodi = change(&v.odi, p->odi);
		v.dpain = change(&v.pain, p->severity);
	}
	output(k, val, p, &v);
	return k->in.problem;
}

/* The options into fo and k; FILTER_GO, or the status to exit with. */
static int
options(const struct filter *f, struct filter_opts *fo, int argc,
    char *argv[])
{
	static const struct optdef opts[] = {
		FILTER_OPTDEFS,
		{ "review-weeks", 0, 1, 'w' },
		{ NULL, 0, 0, 0 }
	};
	struct tracker	*k = f->ctx;
	struct opt	 o;
	long		 weeks;
	int		 key, s;

	opt_init(&o, argc, argv, opts);
	while ((key = opt_next(&o)) != -1) {
		if (key != 'w')
			s = filter_option(f, fo, &o, key);
		else if ((s = filter_number(f, "--review-weeks", o.arg, 1, 52,
		    &weeks)) == FILTER_GO)
			k->review_days = 7 * weeks;
		if (s != FILTER_GO)
			return s;
	}
	fo->ops = o.ops;
	fo->nops = o.nops;
	return FILTER_GO;
}

int
main(int argc, char *argv[])
{
	static struct tracker	k = { .review_days = 28 };
	struct filter		f = {
		"bptrack", help, outcols, needs, setup, record, &k, NULL
	};
	struct filter_opts	fo = { NULL, 0, NULL, 0, 0, 0 };
	int			s;

	filter_start(f.prog);
	if ((s = options(&f, &fo, argc, argv)) != FILTER_GO)
		return s;
	s = filter_run(&f, &fo);
	people_free(&k.people);
	return s;
}
