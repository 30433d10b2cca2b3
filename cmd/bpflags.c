/*
 * bpflags: red flags of intake records, and the screening questions
 * left unanswered (bp(7); bpflags(1)).  The flags and what they read
 * are in lib/flags.c; this reads the answers and writes the outcome.
 */
#include <stdlib.h>
#include <string.h>

#include "bits.h"
#include "diag.h"
#include "filter.h"
#include "flags.h"
#include "intake.h"

enum { O_FLAGS, O_LEVEL, O_UNSCREENED, O_WORST };

struct flagger {
	struct intake	in;
	uint64_t	bools;		/* the yes/no columns the flags read */
	struct flagged	out;
};

static const char *const outcols[] = {
	"flags", "flag_level", "unscreened", "worst_level", NULL
};
static const struct need needs[] = { { "id", NULL }, { NULL, NULL } };

static const char help[] =
"usage: bpflags [-hq] [--part K/N] [-r FILE] [--version] [FILE ...]\n"
"Add flags, flag_level, unscreened and worst_level to intake records.\n"
"  --part K/N       read only part K of N of FILE, cut at line ends\n"
"  -q, --quiet      do not warn about bad values\n"
"  -r, --rejects FILE  write unreadable lines to FILE and go on\n"
"  -h, --help       print this help\n"
"  --version        print the version\n"
"The rules, the columns and the exit status: man bpflags\n";

static int	setup(struct tsv *, void *);
static int	record(struct tsv *, struct value *, void *);
static void	answers(struct flagger *, struct answers *);

static int
setup(struct tsv *t, void *ctx)
{
	struct flagger	*g = ctx;
	const char	*why;
	uint64_t	 reads = flags_reads();
	int		 c;

	if (flags_check(&why) == -1) {
		diag("bug in the flag table: %s", why);
		return 2;
	}
	in_init(&g->in, t, reads);
	for (c = 0; c < NCOL; c++)
		if ((reads & COLBIT(c)) && in_type(c) == T_BOOL)
			g->bools |= COLBIT(c);
	return 0;
}

/* Read the answers the flags need; only valid ones are known. */
static void
answers(struct flagger *g, struct answers *a)
{
	struct intake	*in = &g->in;
	uint64_t	 b;
	int		 c, v = 0;

	memset(a, 0, sizeof(*a));
	for (b = g->bools; b != 0; b &= b - 1) {
		c = bits_low(b);
		if (in_bool(in, c, &v) == V_OK) {
			a->known |= COLBIT(c);
			a->yes |= (uint64_t)v << c;
		}
	}
	if (in_uint(in, COL_AGE, &a->age) == V_OK)
		a->known |= COLBIT(COL_AGE);
	if (in_set(in, COL_SITE, &a->site) == V_OK)
		a->known |= COLBIT(COL_SITE);
	if (in_word(in, COL_RADIATION, &a->radiation) == V_OK)
		a->known |= COLBIT(COL_RADIATION);
	if (in_word(in, COL_SIDE, &a->side) == V_OK)
		a->known |= COLBIT(COL_SIDE);
	if (in_days(in, &a->days) != V_OK)
		a->days = -1;
}

static int
record(struct tsv *t, struct value *val, void *ctx)
{
	struct flagger	*g = ctx;
	struct answers	 a;

	(void)t;
	in_begin(&g->in);
	answers(g, &a);
	flags_eval(&a, &g->out);
	val[O_FLAGS].p = g->out.flags;
	val[O_FLAGS].n = g->out.nflags;
	put(&val[O_LEVEL], &level_words[g->out.level]);
	val[O_UNSCREENED].p = g->out.unscreened;
	val[O_UNSCREENED].n = g->out.nunscreened;
	put(&val[O_WORST], &level_words[g->out.worst]);
	return g->in.problem;
}

int
main(int argc, char *argv[])
{
	static const struct optdef opts[] = {
		FILTER_OPTDEFS,
		FILTER_PARTDEF,
		{ NULL, 0, 0, 0 }
	};
	static struct flagger	g;
	struct filter		f = {
		"bpflags", help, outcols, needs, setup, record, &g, NULL
	};
	struct filter_opts	fo = { NULL, 0, NULL, 0, 0, 0 };
	struct opt		o;
	int			key, s;

	filter_start(f.prog);
	opt_init(&o, argc, argv, opts);
	while ((key = opt_next(&o)) != -1)
		if ((s = filter_option(&f, &fo, &o, key)) != FILTER_GO)
			return s;
	fo.ops = o.ops;
	fo.nops = o.nops;
	return filter_run(&f, &fo);
}
