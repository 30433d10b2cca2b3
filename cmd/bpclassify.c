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
#include "words.h"

#define CHRONIC_DAYS	84	/* fixed: over 12 weeks is chronic */

enum { O_PHASE, O_PATTERN, O_STARTBACK, O_ODI, O_DISABILITY };

struct classify {
	struct intake	in;
	long		acute_days;	/* under this many days: acute */
	char		odi[4 + FILTER_PAD];	/* "100" */
	struct padded	words[4];	/* phase, pattern, startback, band */
};

static const char *const outcols[] = {
	"phase", "pattern", "startback", "odi", "disability", NULL
};
static const struct need needs[] = { { "id", NULL }, { NULL, NULL } };

static const char help[] =
"usage: bpclassify [-hq] [--acute-weeks N] [-r FILE] [--version] [FILE ...]\n"
"Add phase, pattern, startback, odi and disability to intake records.\n"
"  --acute-weeks N  acute phase lasts under N weeks (1-12; default 6)\n"
"  -q, --quiet      do not warn about bad values\n"
"  -r, --rejects FILE  write unreadable lines to FILE and go on\n"
"  -h, --help       print this help\n"
"  --version        print the version\n";

static int		 setup(struct tsv *, void *);
static int		 record(const struct tsv *, const char **, size_t *,
			    void *);
static int		 phase(struct classify *);
static int		 pattern(struct classify *);
static int		 startback(struct classify *);
static int		 odi(struct classify *, size_t *);

static int
phase(struct classify *c)
{
	long	d;

	switch (in_days(&c->in, &d)) {
	case V_BAD:
		return PH_INVALID;
	case V_EMPTY:
		return PH_UNKNOWN;
	}
	if (d < c->acute_days)
		return PH_ACUTE;
	return d <= CHRONIC_DAYS ? PH_SUBACUTE : PH_CHRONIC;
}

static int
pattern(struct classify *c)
{
	const unsigned	 back = 1U << S_LOW_BACK | 1U << S_UPPER_BACK |
			    1U << S_BUTTOCK;
	const unsigned	 hip = 1U << S_HIP | 1U << S_GROIN;
	unsigned	 site = 0;
	int		 rs, rr, rn, rm, rad = 0, numb = 0, mech = 0;

	rs = in_set(&c->in, C_SITE, &in_site, &site);
	rr = in_word(&c->in, C_RADIATION, &in_radiation, &rad);
	rn = in_bool(&c->in, C_NUMBNESS, &numb);
	rm = in_bool(&c->in, C_MECHANICAL, &mech);
	if (rs == V_BAD || rr == V_BAD || rn == V_BAD || rm == V_BAD)
		return PA_INVALID;
	if (rr == V_OK && (rad == R_BELOW_KNEE ||
	    (rad == R_THIGH && rn == V_OK && numb)))
		return PA_RADICULAR;
	if (rs == V_EMPTY || rr == V_EMPTY)
		return PA_UNKNOWN;
	if ((site & back) == 0)
		return (site & hip) != 0 ? PA_HIP : PA_OTHER;
	if (rm == V_OK && mech)
		return PA_MECHANICAL;
	return PA_NONSPECIFIC;
}

static int
startback(struct classify *c)
{
	int	i, v = 0, r, total = 0, psych = 0, bad = 0, empty = 0;

	for (i = C_SB1; i <= C_SB9; i++) {
		if (i == C_SB9) {
			r = in_word(&c->in, C_SB9, &in_sb9, &v);
			v = r == V_OK && v >= 3;	/* very, extremely */
		} else
			r = in_bool(&c->in, i, &v);
		if (r == V_BAD)
			bad = 1;
		else if (r == V_EMPTY)
			empty = 1;
		else {
			total += v;
			if (i >= C_SB5)
				psych += v;
		}
	}
	if (bad)
		return SB_INVALID;
	if (empty)
		return SB_UNKNOWN;
	if (psych >= 4)
		return SB_HIGH;
	return total <= 3 ? SB_LOW : SB_MEDIUM;
}

/* The disability band; for a score, c->odi holds it, *n bytes long. */
static int
odi(struct classify *c, size_t *n)
{
	long	v = 0, sum = 0, pct, num;
	int	i, r, bad = 0, answered = 0;

	for (i = C_ODI1; i <= C_ODI10; i++) {
		r = in_uint(&c->in, i, 0, 5, &v);
		if (r == V_BAD)
			bad = 1;
		else if (r == V_OK) {
			sum += v;
			answered++;
		}
	}
	if (bad || answered < 8)
		return bad ? DI_INVALID : DI_UNKNOWN;
	/*
	 * 100 * sum / (5 * answered), halves up: (40 * sum + answered) /
	 * (2 * answered), with constant divisors (no division instruction)
	 */
	num = 40 * sum;
	switch (answered) {
	case 8:
		pct = (num + 8) / 16;
		break;
	case 9:
		pct = (num + 9) / 18;
		break;
	default:
		pct = (num + 10) / 20;
		break;
	}
	/* pct is 0 to 100 */
	i = 0;
	if (pct >= 100)
		c->odi[i++] = '1';
	if (pct >= 10)
		c->odi[i++] = (char)('0' + pct / 10 % 10);
	c->odi[i++] = (char)('0' + pct % 10);
	c->odi[i] = '\0';
	*n = (size_t)i;
	return pct <= 20 ? DI_MINIMAL : (int)(pct - 1) / 20;
}

static int
setup(struct tsv *t, void *ctx)
{
	struct classify	*c = ctx;
	uint64_t	 reads = 0;
	int		 i;

	in_init(&c->in, t);
	/* what record() reads; columns past the last of them are counted */
	reads |= 1ULL << C_ID | 1ULL << C_SEVERITY | 1ULL << C_EPISODES |
	    1ULL << C_DURATION | 1ULL << C_ONSET | 1ULL << C_SEEN |
	    1ULL << C_SITE | 1ULL << C_RADIATION | 1ULL << C_NUMBNESS |
	    1ULL << C_MECHANICAL;
	for (i = C_SB1; i <= C_ODI10; i++)
		reads |= 1ULL << i;
	tsv_cuts(t, in_only(&c->in, reads));
	words_pad(&c->words[0], phase_words);
	words_pad(&c->words[1], pattern_words);
	words_pad(&c->words[2], risk_words);
	words_pad(&c->words[3], band_words);
	return 0;
}

static int
record(const struct tsv *t, const char **val, size_t *len, void *ctx)
{
	struct classify	*c = ctx;
	long		 v;
	size_t		 n = 0;
	int		 w;

	(void)t;
	in_begin(&c->in);
	in_id(&c->in);
	in_uint(&c->in, C_SEVERITY, 0, 10, &v);
	in_uint(&c->in, C_EPISODES, 0, 999999999, &v);
	w = phase(c);
	val[O_PHASE] = c->words[0].w[w];
	len[O_PHASE] = c->words[0].len[w];
	w = pattern(c);
	val[O_PATTERN] = c->words[1].w[w];
	len[O_PATTERN] = c->words[1].len[w];
	w = startback(c);
	val[O_STARTBACK] = c->words[2].w[w];
	len[O_STARTBACK] = c->words[2].len[w];
	/* c->odi has room for FILTER_PAD bytes past a score */
	w = odi(c, &n);
	val[O_DISABILITY] = c->words[3].w[w];
	len[O_DISABILITY] = c->words[3].len[w];
	/* no score: the odi column says why, as disability does */
	val[O_ODI] = n > 0 ? c->odi : val[O_DISABILITY];
	len[O_ODI] = n > 0 ? n : len[O_DISABILITY];
	return c->in.problem;
}

int
main(int argc, char *argv[])
{
	static const struct optdef opts[] = {
		FILTER_OPTDEFS,
		{ "acute-weeks", 0, 1, 'a' },
		{ NULL, 0, 0, 0 }
	};
	static struct classify	c = { .acute_days = 42 };
	struct filter		f = {
		"bpclassify", help, outcols, needs, setup, record, &c
	};
	struct filter_opts	fo = { NULL, 0, NULL, 0 };
	struct opt		o;
	const char		*why;
	long			weeks;
	int			key, s;

	diag_init(f.prog);
	opt_init(&o, argc, argv, opts);
	while ((key = opt_next(&o)) != -1) {
		if (key == 'a') {
			if (val_uint(o.arg, strlen(o.arg), 1, 12, &weeks,
			    &why) != V_OK)
				return filter_usage(&f,
				    "--acute-weeks takes a number from 1 to 12");
			c.acute_days = 7 * weeks;
		} else if ((s = filter_option(&f, &fo, &o, key)) != FILTER_GO)
			return s;
	}
	fo.ops = o.ops;
	fo.nops = o.nops;
	return filter_run(&f, &fo);
}
