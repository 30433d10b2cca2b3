/*
 * bproutine: what happens next for each intake record, and which
 * exercises (bp(7); bproutine(1); bp-catalog(5)).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "diag.h"
#include "filter.h"
#include "flags.h"
#include "fmemo.h"
#include "intake.h"
#include "out.h"

enum { O_DISPOSITION, O_ROUTINE, O_EXERCISES, O_SESSIONS, O_ADVICE };

/*
 * The columns of the earlier tools that bproutine reads, and their words;
 * progress (bptrack's) is read when present.
 */
enum { K_PHASE, K_PATTERN, K_STARTBACK, K_DISABILITY, K_LEVEL, K_PROGRESS,
    NKEYS };

static const struct {
	const char		*col;
	const struct word	*words;
} keys[NKEYS] = {
	{ "phase", phase_words }, { "pattern", pattern_words },
	{ "startback", risk_words }, { "disability", band_words },
	{ "flag_level", level_words }, { "progress", progress_words }
};

/* The intake columns it reads, for the contraindications and children. */
#define READS	(COLBIT(COL_ID) | COLBIT(COL_AGE) | COLBIT(COL_OSTEOPOROSIS) | \
	COLBIT(COL_STEROID_USE))

#define OLD_AGE		65	/* age65: this age or more */
#define ADULT_AGE	16	/* NICE NG59 covers people this age and over */

/* A record as the rules see it: every key a known word, or -1. */
struct state {
	int	k[NKEYS];	/* progress: PROG_UNKNOWN when absent */
	int	open;		/* unscreened holds a core input, or an
				   answer that could not be read */
	int	old;		/* age unknown, invalid, or OLD_AGE and over */
	int	child;		/* age known and under ADULT_AGE */
	int	fragile;	/* osteoporosis or steroid_use yes, unknown or
				   invalid: fragile_bone */
};

struct router {
	struct intake	in;
	struct catalog	cat;
	int		col[NKEYS + 1];	/* keys, then unscreened */
	int		answer[NCOL];	/* each intake column's, or -1 */
	struct fmemo	memo[NKEYS];	/* each key's words, found before */
	/* every list there can be, made once from the catalog */
	struct word	 exercises[NROUT][1 << NCONTRA];
	struct word	 advice[NROUT + 1][NDISP];
};

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
"usage: bproutine [-hq] [-c FILE] [--part K/N] [-r FILE] [--dump-catalog]\n"
"                 [--version] [FILE ...]\n"
"Add disposition, routine, exercises, sessions and advice to records\n"
"that bpclassify and bpflags have read.\n"
"  -c, --catalog FILE  use the exercise catalog in FILE\n"
"  --dump-catalog   print the built-in catalog and exit\n"
"  --part K/N       read only part K of N of FILE, cut at line ends\n"
"  -q, --quiet      do not warn about bad values\n"
"  -r, --rejects FILE  write unreadable lines to FILE and go on\n"
"  -h, --help       print this help\n"
"  --version        print the version\n"
"The rules, the columns and the exit status: man bproutine\n";

static int	ready(void *);
static int	setup(struct tsv *, void *);
static int	known(struct router *, struct tsv *, int);
static int	given(struct router *, struct tsv *, enum col);
static int	unanswered(struct router *, struct tsv *);
static int	record(struct tsv *, struct value *, void *);
static void	readstate(struct router *, struct tsv *, struct state *);
static int	unusable(const struct state *);
static int	disposition(const struct state *);
static int	routine(const struct state *, int);
static int	list(struct word *, const struct catalog *, int, unsigned,
		    int);
static int	lists(struct router *);
static unsigned	present(const struct state *);
static int	dump(void);

/* Inside the sandbox: the catalog checked, and every list made. */
static int
ready(void *ctx)
{
	struct router	*r = ctx;
	int		 s;

	if ((s = filter_catalog_parse(&r->cat)) != 0)
		return s;
	return lists(r) == -1 ? diag_nomem() : 0;
}

static int
setup(struct tsv *t, void *ctx)
{
	static const struct fmemo_val	 none = { -1, 0 };
	struct router			*r = ctx;
	int				 k;

	in_init(&r->in, t, READS);
	for (k = 0; k < NKEYS; k++) {
		r->col[k] = k == K_PROGRESS ? filter_col(t, keys[k].col) :
		    tsv_col(t, keys[k].col);
		fmemo_init(&r->memo[k], 0, &none);
	}
	r->col[NKEYS] = tsv_col(t, "unscreened");
	for (k = 0; k < NCOL; k++)
		r->answer[k] = tsv_col(t, col_words[k].s);
	return 0;
}

/*
 * A word bproutine does not know is reported and read as invalid.  The
 * words found are kept by their bytes (fmemo.h): bproutine 6% fewer
 * instructions a record than a search of the list.
 */
static int
known(struct router *r, struct tsv *t, int k)
{
	const struct fmemo_val	*found;
	struct fmemo_val	 val = { 0, 0 };
	struct fmemo_key	 key;
	const char		*p, *q;
	size_t			 n, m;
	int			 i, kept;

	if (r->col[k] < 0)		/* only progress may be absent */
		return PROG_UNKNOWN;
	p = tsv_field(t, (size_t)r->col[k], &n);
	if ((kept = fmemo_key(p, n, &key)) &&
	    ((found = fmemo_first(&r->memo[k], &key)) != NULL ||
	    (found = fmemo_find(&r->memo[k], &key)) != NULL))
		return (int)found->v;
	if ((i = vocab_index(keys[k].words, p, n)) >= 0) {
		val.v = i;
		if (kept)
			fmemo_put(&r->memo[k], &key, &val);
		return i;
	}
	r->in.problem = 1;
	q = p;
	m = n;
	val_trim(&q, &m);
	diag_value(t->name, t->line, keys[k].col, m == 0 ? "empty" :
	    "not a known value", p, m == 0 ? 0 : n);
	return -1;
}

/* 1 if the record's column c holds more than spaces. */
static int
given(struct router *r, struct tsv *t, enum col c)
{
	const char	*p;
	size_t		 n;

	if (r->answer[c] < 0)
		return 0;
	p = tsv_peek(t, (size_t)r->answer[c], &n);
	val_trim(&p, &n);
	return n > 0;
}

/*
 * 1 if unscreened names a core input, or an input whose answer is there
 * but could not be read (bp(7): a bad screening value sends the record to
 * assess), or is not a list bpflags writes.
 */
static int
unanswered(struct router *r, struct tsv *t)
{
	const struct screen	*sc;
	struct items		 it;
	const char		*p, *q;
	size_t			 n, m;
	int			 any = 0;

	p = tsv_field(t, (size_t)r->col[NKEYS], &n);
	if (n == 4 && memcmp(p, "none", 4) == 0)
		return 0;
	items_init(&it, p, n);
	while (items_next(&it, &q, &m)) {
		if (n == 0 || (sc = flags_screen(q, m)) == NULL) {
			r->in.problem = 1;
			diag_value(t->name, t->line, "unscreened",
			    "not a list of screening inputs", p, n);
			return 1;
		}
		any |= sc->core;
		if (!any)
			any = given(r, t, sc->col);
	}
	return any;
}

static void
readstate(struct router *r, struct tsv *t, struct state *s)
{
	long	age = 0;
	int	k, ra, osteo = 0, steroid = 0;

	for (k = 0; k < NKEYS; k++)
		s->k[k] = known(r, t, k);
	s->open = unanswered(r, t);
	ra = in_uint(&r->in, COL_AGE, &age);
	s->old = ra != V_OK || age >= OLD_AGE;
	s->child = ra == V_OK && age < ADULT_AGE;
	s->fragile = in_bool(&r->in, COL_OSTEOPOROSIS, &osteo) != V_OK ||
	    osteo || in_bool(&r->in, COL_STEROID_USE, &steroid) != V_OK ||
	    steroid;
}

/* 1 if the record cannot be advised on yet (bp(7): assess). */
static int
unusable(const struct state *s)
{
	const int	*k = s->k;

	return k[K_PHASE] < 0 || k[K_PHASE] == PHASE_INVALID ||
	    k[K_PHASE] == PHASE_UNKNOWN || k[K_PATTERN] < 0 ||
	    k[K_PATTERN] == PAT_INVALID || k[K_PATTERN] == PAT_UNKNOWN ||
	    k[K_PATTERN] == PAT_OTHER || k[K_STARTBACK] < 0 ||
	    k[K_STARTBACK] == RISK_INVALID || k[K_DISABILITY] < 0 ||
	    k[K_DISABILITY] == BAND_INVALID || k[K_LEVEL] < 0 ||
	    k[K_LEVEL] == LEVEL_UNKNOWN || s->open;
}

/*
 * 1 if the record needs a clinician's visit (bp(7): review): a review
 * flag, a disability near its worst, a child, or a person whose pain is
 * getting worse or not better (a progress that cannot be read counts).
 */
static int
needsreview(const struct state *s)
{
	const int	*k = s->k;

	return k[K_LEVEL] == LEVEL_REVIEW || k[K_DISABILITY] == BAND_CRIPPLED ||
	    k[K_DISABILITY] == BAND_BEDBOUND || s->child ||
	    k[K_PROGRESS] == PROG_WORSE || k[K_PROGRESS] == PROG_NOT_IMPROVING ||
	    k[K_PROGRESS] == PROG_INVALID || k[K_PROGRESS] < 0;
}

/* The first row of the disposition table that matches (bp(7)). */
static int
disposition(const struct state *s)
{
	const int	*k = s->k;
	int		 back = k[K_PATTERN] != PAT_HIP;	/* STarT Back */

	if (k[K_LEVEL] == LEVEL_EMERGENCY)
		return DISP_EMERGENCY;
	if (k[K_LEVEL] == LEVEL_URGENT)
		return DISP_URGENT;
	if (unusable(s))
		return DISP_ASSESS;
	if (needsreview(s))
		return DISP_REVIEW;
	if (k[K_STARTBACK] == RISK_HIGH && back)
		return DISP_PSYCH_PHYSIO;
	if (k[K_PATTERN] == PAT_RADICULAR || (k[K_STARTBACK] == RISK_MEDIUM &&
	    back) || k[K_PHASE] == PHASE_CHRONIC ||
	    k[K_DISABILITY] == BAND_SEVERE)
		return DISP_PHYSIO;
	return DISP_SELF_CARE;
}

/* The routine for a disposition, or -1 for none. */
static int
routine(const struct state *s, int d)
{
	int	acute = s->k[K_PHASE] == PHASE_ACUTE;

	if (d == DISP_EMERGENCY || d == DISP_URGENT || d == DISP_ASSESS ||
	    s->child)
		return -1;
	if (s->k[K_PATTERN] == PAT_RADICULAR)
		return ROUT_RADICULAR;
	if (s->k[K_PATTERN] == PAT_HIP)
		return acute ? ROUT_HIP_MOBILITY : ROUT_HIP_STRENGTH;
	return acute ? ROUT_ACUTE_BACK : ROUT_BACK_STRENGTH;
}

/*
 * Make *w the exercises of routine rt that none of the contraindications
 * in present rules out, as "id:dose,..."; or the advice codes for
 * routine rt (-1 for none) and disposition d, as "code,...".  Returns 0,
 * or -1 when out of memory.
 */
static int
list(struct word *w, const struct catalog *c, int rt, unsigned present,
    int d)
{
	const struct entry	*e;
	unsigned		 want;
	char			*s;
	size_t			 i, n = 0, k;

	if ((s = malloc(c->listmax)) == NULL)
		return -1;
	want = d < 0 ? CAT_ROUTINE(rt) : CAT_DISPOSITION(d) |
	    (rt >= 0 ? CAT_ROUTINE(rt) | CAT_ANY : 0);
	for (i = 0; i < c->n; i++) {
		e = &c->e[i];
		if ((e->kind == KIND_ADVICE) != (d >= 0) ||
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
	w->s = s;
	w->n = n > 0 ? n : 4;
	return 0;
}

/* Make every exercise and advice list; 0, or -1 when out of memory. */
static int
lists(struct router *r)
{
	unsigned	present;
	int		rt, d;

	for (rt = 0; rt < NROUT; rt++)
		for (present = 0; present < 1U << NCONTRA; present++)
			if (list(&r->exercises[rt][present], &r->cat, rt,
			    present, -1) == -1)
				return -1;
	for (rt = -1; rt < NROUT; rt++)
		for (d = 0; d < NDISP; d++)
			if (list(&r->advice[rt + 1][d], &r->cat, rt, 0, d) ==
			    -1)
				return -1;
	return 0;
}

/* The contraindications that apply to a record, as 1 << enum contra. */
static unsigned
present(const struct state *s)
{
	unsigned	x = 0;

	if (s->old)
		x |= 1U << CONTRA_AGE65;
	if (s->fragile)
		x |= 1U << CONTRA_FRAGILE_BONE;
	if (s->k[K_PATTERN] == PAT_RADICULAR)
		x |= 1U << CONTRA_RADICULAR;
	if (s->k[K_PHASE] == PHASE_ACUTE)
		x |= 1U << CONTRA_ACUTE;
	return x;
}

static int
record(struct tsv *t, struct value *val, void *ctx)
{
	struct router	*r = ctx;
	struct state	 s;
	int		 d, rt, k;

	in_begin(&r->in);
	readstate(r, t, &s);
	d = disposition(&s);
	rt = routine(&s, d);
	put(&val[O_DISPOSITION], &disposition_words[d]);
	if (rt >= 0) {
		put(&val[O_ROUTINE], &routine_words[rt]);
		put(&val[O_EXERCISES], &r->exercises[rt][present(&s)]);
		k = s.k[K_PHASE] == PHASE_ACUTE ? SESS_DAILY : SESS_WEEKLY;
	} else {
		put(&val[O_ROUTINE], &sessions_words[SESS_NONE]);
		put(&val[O_EXERCISES], &sessions_words[SESS_NONE]);
		k = SESS_NONE;
	}
	put(&val[O_SESSIONS], &sessions_words[k]);
	put(&val[O_ADVICE], &r->advice[rt + 1][d]);
	return r->in.problem;
}

/* --dump-catalog */
static int
dump(void)
{
	char	*text;
	size_t	 len;
	int	 s;

	if ((s = filter_stdout()) != 0)
		return s;
	if ((text = catalog_builtin(&len)) == NULL)
		return diag_nomem();
	out_write(text, len);
	free(text);
	return out_end(0);
}

int
main(int argc, char *argv[])
{
	static const struct optdef opts[] = {
		FILTER_OPTDEFS,
		FILTER_PARTDEF,
		{ "catalog", 'c', 1, 'c' },
		{ "dump-catalog", 0, 0, 'D' },
		{ NULL, 0, 0, 0 }
	};
	static struct router	r;
	struct filter		f = {
		"bproutine", help, outcols, needs, setup, record, &r, NULL
	};
	struct filter_opts	fo = { NULL, 0, NULL, 0, 0, 0 };
	struct opt		o;
	const char		*catalog = NULL;
	int			key, s, dumping = 0;

	filter_start(f.prog);
	opt_init(&o, argc, argv, opts);
	while ((key = opt_next(&o)) != -1) {
		if (key == 'c')
			catalog = o.arg;
		else if (key == 'D')
			dumping = 1;
		else if ((s = filter_option(&f, &fo, &o, key)) != FILTER_GO)
			return s;
	}
	if (dumping)
		return dump();
	if ((s = filter_catalog(&r.cat, catalog)) != 0)
		return s;
	f.ready = ready;
	fo.ops = o.ops;
	fo.nops = o.nops;
	return filter_run(&f, &fo);
}
