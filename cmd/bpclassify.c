/*
 * bpclassify: phase, pain pattern, STarT Back risk and Oswestry
 * disability of intake records (bp(7); bpclassify(1)).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "filter.h"
#include "intake.h"

enum { O_PHASE, O_PATTERN, O_STARTBACK, O_ODI, O_DISABILITY };

/* What bpclassify reads; severity and episodes only to check them. */
#define READS	(COLBIT(COL_ID) | COLBIT(COL_SEVERITY) |		\
	COLBIT(COL_EPISODES) | COLBIT(COL_DURATION) | COLBIT(COL_ONSET) |	\
	COLBIT(COL_SEEN) | COLBIT(COL_SITE) | COLBIT(COL_RADIATION) |	\
	COLBIT(COL_NUMBNESS) | COLBIT(COL_MECHANICAL) |		\
	(COLBIT(COL_SB9 + 1) - COLBIT(COL_SB1)) |			\
	(COLBIT(COL_ODI10 + 1) - COLBIT(COL_ODI1)))

/* The Oswestry bands: a percent up to max is the band. */
static const struct {
	long		max;
	enum band	band;
} bands[] = {
	{ 20, BAND_MINIMAL }, { 40, BAND_MODERATE }, { 60, BAND_SEVERE },
	{ 80, BAND_CRIPPLED }, { 100, BAND_BEDBOUND }
};

struct classify {
	struct intake	in;
	long		acute_days;	/* under this many days: acute */
	char		odi[4];		/* "100" */
};

static const char *const outcols[] = {
	"phase", "pattern", "startback", "odi", "disability", NULL
};
static const struct need needs[] = { { "id", NULL }, { NULL, NULL } };

static const char help[] =
"usage: bpclassify [-hq] [--acute-weeks N] [--part K/N] [-r FILE] [--version]\n"
"                  [FILE ...]\n"
"Add phase, pattern, startback, odi and disability to intake records.\n"
"  --acute-weeks N  acute phase lasts under N weeks (1-12; default 6)\n"
"  --part K/N       read only part K of N of FILE, cut at line ends\n"
"  -q, --quiet      do not warn about bad values\n"
"  -r, --rejects FILE  write unreadable lines to FILE and go on\n"
"  -h, --help       print this help\n"
"  --version        print the version\n"
"The rules, the columns and the exit status: man bpclassify\n";

static int	setup(struct tsv *, void *);
static int	record(struct tsv *, struct value *, void *);
static int	phase(struct classify *);
static int	pattern(struct classify *);
static int	startback(struct classify *);
static int	odi(struct classify *, size_t *);

static int
phase(struct classify *c)
{
	long	d;

	switch (in_days(&c->in, &d)) {
	case V_BAD:
		return PHASE_INVALID;
	case V_EMPTY:
		return PHASE_UNKNOWN;
	}
	if (d < c->acute_days)
		return PHASE_ACUTE;
	return d <= CHRONIC_DAYS ? PHASE_SUBACUTE : PHASE_CHRONIC;
}

static int
pattern(struct classify *c)
{
	const unsigned	 back = 1U << SITE_LOW_BACK | 1U << SITE_UPPER_BACK |
			    1U << SITE_BUTTOCK;
	const unsigned	 hip = 1U << SITE_HIP | 1U << SITE_GROIN;
	unsigned	 site = 0;
	int		 rs, rr, rn, rm, rad = 0, numb = 0, mech = 0;

	rs = in_set(&c->in, COL_SITE, &site);
	rr = in_word(&c->in, COL_RADIATION, &rad);
	rn = in_bool(&c->in, COL_NUMBNESS, &numb);
	rm = in_bool(&c->in, COL_MECHANICAL, &mech);
	if (rs == V_BAD || rr == V_BAD || rn == V_BAD || rm == V_BAD)
		return PAT_INVALID;
	if (rr == V_OK && (rad == RAD_BELOW_KNEE ||
	    (rad == RAD_THIGH && rn == V_OK && numb)))
		return PAT_RADICULAR;
	if (rs == V_EMPTY || rr == V_EMPTY)
		return PAT_UNKNOWN;
	if ((site & back) == 0)
		return (site & hip) != 0 ? PAT_HIP : PAT_OTHER;
	if (rm == V_OK && mech)
		return PAT_MECHANICAL;
	return PAT_NONSPECIFIC;
}

static int
startback(struct classify *c)
{
	int	i, v = 0, r, total = 0, psych = 0, bad = 0, empty = 0;

	for (i = COL_SB1; i <= COL_SB9; i++) {
		if (i == COL_SB9) {
			r = in_word(&c->in, COL_SB9, &v);
			v = r == V_OK && v >= SB9_VERY;
		} else
			r = in_bool(&c->in, i, &v);
		if (r == V_BAD)
			bad = 1;
		else if (r == V_EMPTY)
			empty = 1;
		else {
			total += v;
			if (i >= COL_SB5)
				psych += v;
		}
	}
	if (bad)
		return RISK_INVALID;
	if (empty)
		return RISK_UNKNOWN;
	if (psych >= 4)
		return RISK_HIGH;
	return total <= 3 ? RISK_LOW : RISK_MEDIUM;
}

/* The disability band; for a score, c->odi holds it, *n bytes long. */
static int
odi(struct classify *c, size_t *n)
{
	long	v = 0, sum = 0, pct;
	size_t	k;
	int	i, r, bad = 0, answered = 0;

	for (i = COL_ODI1; i <= COL_ODI10; i++) {
		r = in_uint(&c->in, i, &v);
		if (r == V_BAD)
			bad = 1;
		else if (r == V_OK) {
			sum += v;
			answered++;
		}
	}
	if (bad || answered < 8)
		return bad ? BAND_INVALID : BAND_UNKNOWN;
	/* 100 * sum / (5 * answered), halves rounded up */
	pct = (40 * sum + answered) / (2 * answered);
	*n = 0;
	if (pct >= 100)
		c->odi[(*n)++] = '1';
	if (pct >= 10)
		c->odi[(*n)++] = (char)('0' + pct / 10 % 10);
	c->odi[(*n)++] = (char)('0' + pct % 10);
	c->odi[*n] = '\0';
	for (k = 0; pct > bands[k].max; k++)
		;
	return bands[k].band;
}

static int
setup(struct tsv *t, void *ctx)
{
	struct classify	*c = ctx;

	in_init(&c->in, t, READS);
	return 0;
}

static int
record(struct tsv *t, struct value *val, void *ctx)
{
	struct classify	*c = ctx;
	size_t		 n = 0;
	int		 w;

	(void)t;
	in_begin(&c->in);
	put(&val[O_PHASE], &phase_words[phase(c)]);
	put(&val[O_PATTERN], &pattern_words[pattern(c)]);
	put(&val[O_STARTBACK], &risk_words[startback(c)]);
	w = odi(c, &n);
	put(&val[O_DISABILITY], &band_words[w]);
	/* no score: the odi column says why, as disability does */
	val[O_ODI].p = n > 0 ? c->odi : band_words[w].s;
	val[O_ODI].n = n > 0 ? n : band_words[w].n;
	return c->in.problem;
}

int
main(int argc, char *argv[])
{
	static const struct optdef opts[] = {
		FILTER_OPTDEFS,
		FILTER_PARTDEF,
		{ "acute-weeks", 0, 1, 'a' },
		{ NULL, 0, 0, 0 }
	};
	static struct classify	c = { .acute_days = 42 };
	struct filter		f = {
		"bpclassify", help, outcols, needs, setup, record, &c, NULL
	};
	struct filter_opts	fo = { NULL, 0, NULL, 0, 0, 0 };
	struct opt		o;
	long			weeks;
	int			key, s;

	filter_start(f.prog);
	opt_init(&o, argc, argv, opts);
	while ((key = opt_next(&o)) != -1) {
		if (key == 'a') {
			if ((s = filter_number(&f, "--acute-weeks", o.arg, 1, 12,
			    &weeks)) != FILTER_GO)
				return s;
			c.acute_days = 7 * weeks;
		} else if ((s = filter_option(&f, &fo, &o, key)) != FILTER_GO)
			return s;
	}
	fo.ops = o.ops;
	fo.nops = o.nops;
	return filter_run(&f, &fo);
}
