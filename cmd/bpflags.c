/*
 * bpflags: red flags of intake records, and the screening questions
 * left unanswered (bp(7); bpflags(1)).
 */
#include <stdlib.h>
#include <string.h>

#include "bits.h"
#include "diag.h"
#include "filter.h"
#include "flags.h"
#include "words.h"

enum { O_FLAGS, O_LEVEL, O_UNSCREENED };

struct flagger {
	struct intake	in;
	int		order[32];	/* flag_table by level, then name */
	uint32_t	cand[F_NFACTS];	/* fact -> flags (by rank) it may raise */
	size_t		len[32];	/* of each flag's name */
	struct padded	levels;		/* level_names */
	struct padded	none;		/* "none" */
	int		nflags;
	enum icol	yesno[32];	/* screen_cols but age */
	int		bit[32];	/* and their bits in the miss mask */
	int		nyesno;
	int		agebit;		/* age's, or -1 */
	/* FILTER_PAD more: a filter reads a value 16 bytes at a time */
	char		flags[512 + FILTER_PAD];
	char		unscreened[512 + FILTER_PAD];
};

static const char *const outcols[] = {
	"flags", "flag_level", "unscreened", NULL
};
static const struct need needs[] = { { "id", NULL }, { NULL, NULL } };

static const char help[] =
"usage: bpflags [-hq] [-r FILE] [--version] [FILE ...]\n"
"Add flags, flag_level and unscreened to intake records.\n"
"  -q, --quiet      do not warn about bad values\n"
"  -r, --rejects FILE  write unreadable lines to FILE and go on\n"
"  -h, --help       print this help\n"
"  --version        print the version\n";

static int	byrank(const void *, const void *);
static int	setup(struct tsv *, void *);
static int	record(const struct tsv *, const char **, size_t *, void *);
static int	readfacts(struct flagger *, uint64_t *);
static void	append(char *, size_t *, const char *, size_t);

static int
byrank(const void *a, const void *b)
{
	const struct flag	*x = &flag_table[*(const int *)a];
	const struct flag	*y = &flag_table[*(const int *)b];

	if (x->level != y->level)
		return x->level > y->level ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int
setup(struct tsv *t, void *ctx)
{
	struct flagger	*g = ctx;
	uint64_t	 f, reads = FACT(C_ID) | FACT(C_SITE) | FACT(C_DURATION) |
			    FACT(C_ONSET) | FACT(C_SEEN) | FACT(C_RADIATION) |
			    FACT(C_SIDE);
	int		 i;

	in_init(&g->in, t);
	for (g->nflags = 0; flag_table[g->nflags].name != NULL; g->nflags++)
		g->order[g->nflags] = g->nflags;
	qsort(g->order, (size_t)g->nflags, sizeof(g->order[0]), byrank);
	for (i = 0; i < g->nflags; i++)
		g->len[i] = strlen(flag_table[i].name);
	/* a flag can be raised only by a fact of its first part */
	for (i = 0; i < g->nflags; i++)
		for (f = flag_table[g->order[i]].when[0]; f != 0; f &= f - 1)
			g->cand[bits_low(f)] |= 1U << i;
	words_pad(&g->levels, level_names);
	words_pad(&g->none, (const char *const[]){ "none", NULL });
	g->agebit = -1;
	for (i = 0; i < nscreen; i++)
		if (screen_cols[i] == C_AGE)
			g->agebit = i;
		else {
			g->yesno[g->nyesno] = screen_cols[i];
			g->bit[g->nyesno++] = i;
		}
	/* the columns past the last it reads are only counted */
	for (i = 0; i < nscreen; i++)
		reads |= FACT(screen_cols[i]);
	tsv_cuts(t, in_only(&g->in, reads));
	return 0;
}

/*
 * Read what the flags need into *facts (flags.h); returns the unscreened
 * inputs as a bit per index of screen_cols.  Only recorded, valid
 * values count as facts.
 */
static int
readfacts(struct flagger *g, uint64_t *facts)
{
	struct intake	*in = &g->in;
	uint64_t	 f = FACT(F_TRUE);
	unsigned	 site = 0;
	long		 age = 0, days = 0;
	int		 i, v = 0, miss = 0, rad = -1, side = -1;

	/* v is 0 unless the answer is a valid yes (intake.h) */
	for (i = 0; i < g->nyesno; i++) {
		miss |= (in_bool(in, g->yesno[i], &v) != V_OK) << g->bit[i];
		f |= (uint64_t)v << g->yesno[i];
	}
	if (g->agebit >= 0) {
		if (in_uint(in, C_AGE, 0, 120, &age) == V_OK)
			f |= (uint64_t)(age >= 65) << F_AGE65 |
			    (uint64_t)(age > 50) << F_AGE_OVER50 |
			    (uint64_t)(age < 45) << F_AGE_UNDER45 |
			    (uint64_t)(age < 20) << F_AGE_UNDER20;
		else
			miss |= 1 << g->agebit;
	}
	if (in_set(in, C_SITE, &in_site, &site) == V_OK)
		f |= (uint64_t)((site & (1U << S_HIP | 1U << S_GROIN)) != 0) <<
		    F_HIPSITE |
		    (uint64_t)((site & 1U << S_UPPER_BACK) != 0) << F_UPPER_BACK;
	in_word(in, C_RADIATION, &in_radiation, &rad);
	in_word(in, C_SIDE, &in_side, &side);
	f |= (uint64_t)(rad == R_BELOW_KNEE && side == D_BOTH) <<
	    F_BELOW_KNEE_BOTH;
	if (in_days(in, &days) == V_OK)
		f |= (uint64_t)(days > 84) << F_OVER12WEEKS;
	*facts = f;
	return miss;
}

static void
append(char *buf, size_t *len, const char *word, size_t n)
{
	if (*len > 0)
		buf[(*len)++] = ',';
	memcpy(buf + *len, word, n);
	*len += n;
	buf[*len] = '\0';
}

static int
record(const struct tsv *t, const char **val, size_t *len, void *ctx)
{
	struct flagger		*g = ctx;
	const struct flag	*fl;
	uint64_t		 f, x;
	uint32_t		 cand = 0;
	enum level		 top = L_NONE;
	size_t			 nf = 0, nu = 0;
	int			 i, miss, coremiss = 0;

	(void)t;
	in_begin(&g->in);
	in_id(&g->in);
	miss = readfacts(g, &f);
	/* the flags the record's facts may raise, then the ones raised */
	for (x = f; x != 0; x &= x - 1)
		cand |= g->cand[bits_low(x)];
	for (; cand != 0; cand &= cand - 1) {
		i = bits_low(cand);
		fl = &flag_table[g->order[i]];
		if (flag_raised(fl, f)) {
			append(g->flags, &nf, fl->name, g->len[g->order[i]]);
			/* by rank: the first raised is the highest level */
			if (top == L_NONE)
				top = fl->level;
		}
	}
	for (; miss != 0; miss &= miss - 1) {
		i = bits_low((unsigned)miss);
		append(g->unscreened, &nu, in_names[screen_cols[i]],
		    strlen(in_names[screen_cols[i]]));
		coremiss |= flag_core(screen_cols[i]);
	}
	val[O_FLAGS] = nf > 0 ? g->flags : g->none.w[0];
	len[O_FLAGS] = nf > 0 ? nf : g->none.len[0];
	val[O_UNSCREENED] = nu > 0 ? g->unscreened : g->none.w[0];
	len[O_UNSCREENED] = nu > 0 ? nu : g->none.len[0];
	if (top == L_NONE && coremiss)
		top = L_UNKNOWN;
	val[O_LEVEL] = g->levels.w[top];
	len[O_LEVEL] = g->levels.len[top];
	return g->in.problem;
}

int
main(int argc, char *argv[])
{
	static const struct optdef opts[] = {
		FILTER_OPTDEFS,
		{ NULL, 0, 0, 0 }
	};
	static struct flagger	g;
	struct filter		f = {
		"bpflags", help, outcols, needs, setup, record, &g
	};
	struct filter_opts	fo = { NULL, 0, NULL, 0 };
	struct opt		o;
	int			key, s;

	diag_init(f.prog);
	opt_init(&o, argc, argv, opts);
	while ((key = opt_next(&o)) != -1)
		if ((s = filter_option(&f, &fo, &o, key)) != FILTER_GO)
			return s;
	fo.ops = o.ops;
	fo.nops = o.nops;
	return filter_run(&f, &fo);
}
