/*
 * bproutine: what happens next for each intake record, and which
 * exercises (bp(7); bproutine(1); bp-catalog(5)).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "diag.h"
#include "filter.h"
#include "flags.h"
#include "out.h"
#include "words.h"

enum { O_DISPOSITION, O_ROUTINE, O_EXERCISES, O_SESSIONS, O_ADVICE };

/* The classification columns bproutine reads, and their words. */
enum { K_PHASE, K_PATTERN, K_STARTBACK, K_DISABILITY, K_LEVEL, NKEYS };

static const struct {
	const char		*col;
	const char *const	*words;
} keys[NKEYS] = {
	{ "phase", phase_words }, { "pattern", pattern_words },
	{ "startback", risk_words }, { "disability", band_words },
	{ "flag_level", level_names }
};

/* A record as the rules see it: every field a known word, or -1. */
struct state {
	int	k[NKEYS];
	int	coremiss;	/* unscreened holds a core input */
	int	old;		/* age unknown, invalid, or 65 and over */
	int	osteo;		/* osteoporosis yes, unknown or invalid */
};

struct router {
	struct intake	in;
	struct catalog	cat;
	int		col[NKEYS];
	int		unscreened;
	/* every list there can be, made once from the catalog */
	char		*exercises[NROUTINES][1 << NCONTRA];
	size_t		 exlen[NROUTINES][1 << NCONTRA];
	char		*advice[NROUTINES + 1][NDISPOSITIONS];
	size_t		 advlen[NROUTINES + 1][NDISPOSITIONS];
	struct padded	 routines, dispositions, sessions;
	struct vocab	 vk[NKEYS];	/* the words of each key */
};

/* The sessions column: none, then by phase. */
enum { S_NONE, S_DAILY, S_WEEKLY };
static const char *const sessions[] = { "none", "daily", "3-5/week", NULL };

static const char *const outcols[] = {
	"disposition", "routine", "exercises", "sessions", "advice", NULL
};
static const struct need needs[] = {
	{ "id", NULL },
	{ "phase", "bpclassify" }, { "pattern", "bpclassify" },
	{ "startback", "bpclassify" }, { "disability", "bpclassify" },
	{ "flag_level", "bpflags" }, { "unscreened", "bpflags" },
	{ NULL, NULL }
};

static const char help[] =
"usage: bproutine [-hq] [-c FILE] [-r FILE] [--dump-catalog] [--version] [FILE ...]\n"
"Add disposition, routine, exercises, sessions and advice to records\n"
"that bpclassify and bpflags have read.\n"
"  -c, --catalog FILE  use the exercise catalog in FILE\n"
"  --dump-catalog   print the built-in catalog and exit\n"
"  -q, --quiet      do not warn about bad values\n"
"  -r, --rejects FILE  write unreadable lines to FILE and go on\n"
"  -h, --help       print this help\n"
"  --version        print the version\n";

static int	setup(struct tsv *, void *);
static int	known(struct router *, const struct tsv *, int);
static int	coremissing(struct router *, const struct tsv *);
static int	loadcatalog(struct catalog *, const char *);
static int	record(const struct tsv *, const char **, size_t *, void *);
static void	readstate(struct router *, const struct tsv *, struct state *);
static int	disposition(const struct state *);
static int	routine(const struct state *, int);
static char	*list(const struct catalog *, int, unsigned, int);
static int	lists(struct router *);
static unsigned	present(const struct state *);

static int
setup(struct tsv *t, void *ctx)
{
	struct router	*r = ctx;
	int		 k;

	in_init(&r->in, t);
	words_pad(&r->routines, routine_names);
	words_pad(&r->dispositions, disposition_names);
	words_pad(&r->sessions, sessions);
	for (k = 0; k < NKEYS; k++) {
		r->col[k] = tsv_col(t, keys[k].col);
		vocab_init(&r->vk[k], keys[k].words);
	}
	r->unscreened = tsv_col(t, "unscreened");
	return 0;
}

/* A word bproutine does not know is reported and read as invalid. */
static int
known(struct router *r, const struct tsv *t, int k)
{
	const char	*p = tsv_f(t, r->col[k]);
	size_t		 n = tsv_fl(t, r->col[k]);
	int		 i;

	/* the words are short: a field of 1 to 16 bytes can be one */
	if (n >= 1 && n <= 16 && r->vk[k].fast ?
	    (i = vocab_findx(&r->vk[k], p, n)) >= 0 :
	    (i = word_index(keys[k].words, p, n)) >= 0)
		return i;
	r->in.problem = 1;
	diag_value(t->name, t->line, keys[k].col, "not a known value", p, n);
	return -1;
}

/* 1 if unscreened names a core input, or is not a list bpflags writes. */
static int
coremissing(struct router *r, const struct tsv *t)
{
	const char	*p = tsv_f(t, r->unscreened), *end, *comma;
	size_t		 n = tsv_fl(t, r->unscreened);
	int		 i, core = 0;

	if (n == 4 && memcmp(p, "none", 4) == 0)
		return 0;
	for (end = p + n; p <= end; p = comma + 1) {
		if ((comma = memchr(p, ',', (size_t)(end - p))) == NULL)
			comma = end;
		for (i = 0; i < nscreen; i++)
			if (word_is(in_names[screen_cols[i]], p,
			    (size_t)(comma - p)))
				break;
		if (i == nscreen || n == 0) {
			r->in.problem = 1;
			diag_value(t->name, t->line, "unscreened",
			    "not a list of screening inputs", tsv_f(t, r->unscreened),
			    tsv_fl(t, r->unscreened));
			return 1;
		}
		core |= flag_core(screen_cols[i]);
	}
	return core;
}

static void
readstate(struct router *r, const struct tsv *t, struct state *s)
{
	long	age = 0;
	int	k, osteo = 0;

	for (k = 0; k < NKEYS; k++)
		s->k[k] = known(r, t, k);
	s->coremiss = coremissing(r, t);
	s->old = in_uint(&r->in, C_AGE, 0, 120, &age) != V_OK || age >= 65;
	s->osteo = in_bool(&r->in, C_OSTEOPOROSIS, &osteo) != V_OK || osteo;
}

/* The first row of the disposition table that matches (bp(7)). */
static int
disposition(const struct state *s)
{
	const int	*k = s->k;

	if (k[K_LEVEL] == L_EMERGENCY)
		return D_EMERGENCY;
	if (k[K_LEVEL] == L_URGENT)
		return D_URGENT;
	if (k[K_PHASE] < 0 || k[K_PHASE] == PH_INVALID ||
	    k[K_PHASE] == PH_UNKNOWN || k[K_PATTERN] < 0 ||
	    k[K_PATTERN] == PA_INVALID || k[K_PATTERN] == PA_UNKNOWN ||
	    k[K_PATTERN] == PA_OTHER || k[K_STARTBACK] < 0 ||
	    k[K_STARTBACK] == SB_INVALID || k[K_DISABILITY] < 0 ||
	    k[K_DISABILITY] == DI_INVALID || k[K_LEVEL] < 0 ||
	    k[K_LEVEL] == L_UNKNOWN || s->coremiss)
		return D_ASSESS;
	if (k[K_LEVEL] == L_REVIEW || k[K_DISABILITY] == DI_CRIPPLED ||
	    k[K_DISABILITY] == DI_BEDBOUND)
		return D_REVIEW;
	if (k[K_PATTERN] == PA_RADICULAR || k[K_PHASE] == PH_CHRONIC ||
	    k[K_DISABILITY] == DI_SEVERE ||
	    ((k[K_STARTBACK] == SB_MEDIUM || k[K_STARTBACK] == SB_HIGH) &&
	    k[K_PATTERN] != PA_HIP))
		return D_PHYSIO;
	return D_SELF_CARE;
}

/* The routine for a disposition, or -1 for none. */
static int
routine(const struct state *s, int d)
{
	int	acute = s->k[K_PHASE] == PH_ACUTE;

	if (d == D_EMERGENCY || d == D_URGENT || d == D_ASSESS)
		return -1;
	if (s->k[K_PATTERN] == PA_RADICULAR)
		return R_RADICULAR;
	if (s->k[K_PATTERN] == PA_HIP)
		return acute ? R_HIP_MOBILITY : R_HIP_STRENGTH;
	return acute ? R_ACUTE_BACK : R_BACK_STRENGTH;
}

/*
 * The exercises of routine rt that none of the contraindications in
 * present rules out, as "id:dose,..."; or the advice codes for routine
 * rt (-1 for none) and disposition d, as "code,...".  NULL when out of
 * memory.
 */
static char *
list(const struct catalog *c, int rt, unsigned present, int d)
{
	const struct entry	*e;
	unsigned		 want;
	char			*s;
	size_t			 i, n = 0, k;

	/* FILTER_PAD more: a filter reads a value 16 bytes at a time */
	if ((s = calloc(1, c->listmax + FILTER_PAD)) == NULL)
		return NULL;
	want = d < 0 ? CAT_ROUTINE(rt) : CAT_DISPOSITION(d) |
	    (rt >= 0 ? CAT_ROUTINE(rt) | CAT_ANY : 0);
	for (i = 0; i < c->n; i++) {
		e = &c->e[i];
		if ((e->kind == K_ADVICE) != (d >= 0) ||
		    !(e->routines & want) || (e->contra & present))
			continue;
		if (n > 0)
			s[n++] = ',';
		memcpy(s + n, e->id, k = strlen(e->id));
		n += k;
		if (d < 0) {
			s[n++] = ':';
			memcpy(s + n, e->dose, k = strlen(e->dose));
			n += k;
		}
	}
	memcpy(s + n, n > 0 ? "" : "none", n > 0 ? 1 : 5);
	return s;
}

/* Make every exercise and advice list; 0, or -1 when out of memory. */
static int
lists(struct router *r)
{
	unsigned	present;
	int		rt, d;

	for (rt = 0; rt < NROUTINES; rt++)
		for (present = 0; present < 1U << NCONTRA; present++)
			if ((r->exercises[rt][present] = list(&r->cat, rt,
			    present, -1)) == NULL)
				return -1;
			else
				r->exlen[rt][present] =
				    strlen(r->exercises[rt][present]);
	for (rt = -1; rt < NROUTINES; rt++)
		for (d = 0; d < NDISPOSITIONS; d++)
			if ((r->advice[rt + 1][d] = list(&r->cat, rt, 0, d)) ==
			    NULL)
				return -1;
			else
				r->advlen[rt + 1][d] =
				    strlen(r->advice[rt + 1][d]);
	return 0;
}

/* The contraindications that apply to a record, as 1 << enum contra. */
static unsigned
present(const struct state *s)
{
	unsigned	x = 0;

	if (s->old)
		x |= 1U << X_AGE65;
	if (s->osteo)
		x |= 1U << X_OSTEOPOROSIS;
	if (s->k[K_PATTERN] == PA_RADICULAR)
		x |= 1U << X_RADICULAR;
	if (s->k[K_PHASE] == PH_ACUTE)
		x |= 1U << X_ACUTE;
	return x;
}

static int
record(const struct tsv *t, const char **val, size_t *len, void *ctx)
{
	struct router	*r = ctx;
	struct state	 s;
	unsigned	 k;
	int		 d, rt;

	in_begin(&r->in);
	in_id(&r->in);
	readstate(r, t, &s);
	d = disposition(&s);
	rt = routine(&s, d);
	val[O_DISPOSITION] = r->dispositions.w[d];
	len[O_DISPOSITION] = r->dispositions.len[d];
	if (rt >= 0) {
		k = present(&s);
		val[O_ROUTINE] = r->routines.w[rt];
		len[O_ROUTINE] = r->routines.len[rt];
		val[O_EXERCISES] = r->exercises[rt][k];
		len[O_EXERCISES] = r->exlen[rt][k];
		k = s.k[K_PHASE] == PH_ACUTE ? S_DAILY : S_WEEKLY;
	} else {
		val[O_ROUTINE] = val[O_EXERCISES] = r->sessions.w[S_NONE];
		len[O_ROUTINE] = len[O_EXERCISES] = r->sessions.len[S_NONE];
		k = S_NONE;
	}
	val[O_SESSIONS] = r->sessions.w[k];
	len[O_SESSIONS] = r->sessions.len[k];
	val[O_ADVICE] = r->advice[rt + 1][d];
	len[O_ADVICE] = r->advlen[rt + 1][d];
	return r->in.problem;
}

static int
loadcatalog(struct catalog *c, const char *path)
{
	if (catalog_load(c, path) == 0)
		return 0;
	if (c->why != NULL)
		diag_at(c->name, c->line, "%s", c->why);
	else
		diag("%s: %s", c->name, strerror(c->err));
	return 2;
}

int
main(int argc, char *argv[])
{
	static const struct optdef opts[] = {
		FILTER_OPTDEFS,
		{ "catalog", 'c', 1, 'c' },
		{ "dump-catalog", 0, 0, 'D' },
		{ NULL, 0, 0, 0 }
	};
	static struct router	r;
	struct filter		f = {
		"bproutine", help, outcols, needs, setup, record, &r
	};
	struct filter_opts	fo = { NULL, 0, NULL, 0 };
	struct opt		o;
	const char		*catalog = NULL;
	int			key, s, dump = 0;

	diag_init(f.prog);
	opt_init(&o, argc, argv, opts);
	while ((key = opt_next(&o)) != -1) {
		if (key == 'c')
			catalog = o.arg;
		else if (key == 'D')
			dump = 1;
		else if ((s = filter_option(&f, &fo, &o, key)) != FILTER_GO)
			return s;
	}
	if (dump) {
		if ((s = filter_stdout()) != 0)
			return s;
		if (catalog_dump() == -1 || out_flush() == -1) {
			diag("write error: %s", strerror(out_error()));
			return 2;
		}
		return 0;
	}
	if ((s = loadcatalog(&r.cat, catalog)) != 0)
		return s;
	if (lists(&r) == -1) {
		diag("%s", strerror(ENOMEM));
		return 2;
	}
	fo.ops = o.ops;
	fo.nops = o.nops;
	return filter_run(&f, &fo);
}
