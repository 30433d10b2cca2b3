/*
 * bpreport: the batch summary, the work list of people to call today,
 * and a plan per person (bp(7); bpreport(1)).  This file reads the
 * records; report.h names the parts that count and write them.
 */
#include <sys/stat.h>

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "diag.h"
#include "filter.h"
#include "out.h"
#include "report.h"
#include "tsv.h"

enum mode { M_SUMMARY, M_PLANS, M_MERGE };

/* The columns of each mode, in the order of P_* (report.h). */
static const struct need needs[] = {
	{ "id", NULL }, { "flag_level", "bpflags" }, { "flags", "bpflags" },
	{ "unscreened", "bpflags" }, { "worst_level", "bpflags" },
	{ "phase", "bpclassify" }, { "pattern", "bpclassify" },
	{ "startback", "bpclassify" }, { "disposition", "bproutine" },
	{ NULL, NULL }
};
static const struct need planneeds[] = {
	{ "routine", "bproutine" }, { "exercises", "bproutine" },
	{ "sessions", "bproutine" }, { "advice", "bproutine" },
	{ NULL, NULL }
};
static const struct need mergeneeds[] = {
	{ "section", "bpreport -f tsv" }, { "key", "bpreport -f tsv" },
	{ "value", "bpreport -f tsv" }, { NULL, NULL }
};

static const char help[] =
"usage: bpreport [-hq] [-c FILE] [-f text|tsv|html] [-r FILE] [--version]\n"
"                [FILE ...]\n"
"       bpreport --plans [-hq] [-c FILE] [-f text|html] [-r FILE] [FILE ...]\n"
"       bpreport --merge [-hq] [-f text|tsv|html] [-r FILE] [FILE ...]\n"
"Print the batch summary and the work list of records that bpclassify,\n"
"bpflags and bproutine have read; or a plan per person.\n"
"  -f, --format FMT  text (the default), tsv, or html: one page to print\n"
"  --plans          print a plan for each person instead\n"
"  --merge          read summaries written with -f tsv and add them up\n"
"  -c, --catalog FILE  use the exercise catalog in FILE for plans\n"
"  -q, --quiet      do not warn about bad values\n"
"  -r, --rejects FILE  write unreadable lines to FILE and go on\n"
"  -h, --help       print this help\n"
"  --version        print the version\n"
"The rules, the columns and the exit status: man bpreport\n";

static const struct filter	me = { "bpreport", help, NULL, NULL, NULL,
    NULL, NULL, NULL };

/* One run: what it reads, and what it makes of it. */
struct run {
	enum mode		 m;
	enum format		 fmt;
	struct catalog		*cat;		/* for plans or -c, or NULL */
	const struct entry	*net;		/* its safety net, or the
						   built-in catalog's */
	struct catalog		 builtin;	/* when cat has none */
	int			 u8bars, width;
	unsigned long		 plans;		/* written so far */
	struct report		 rep;
	int			 col[NPCOLS];
};

static void	twice(const struct tsv *);
static int	utf8(void);
static enum format format(const char *);
static int	width(void);
static int	columns(struct run *, const struct tsv *);
static int	one(struct run *, struct tsv *);
static int	readall(struct run *, struct tsv *, int, const char *);
static int	safetynet(struct run *);
static void	summary(struct run *);
static int	report(struct run *, const struct filter_opts *);

static int
utf8(void)
{
	const char	*cs;

	if (setlocale(LC_CTYPE, "") == NULL)
		return 0;
	cs = nl_langinfo(CODESET);
	return cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0);
}

static int
width(void)
{
	const char	*s = getenv("COLUMNS");
	long		 w = 0;

	if (s != NULL)
		for (; *s >= '0' && *s <= '9' && w < 10000; s++)
			w = w * 10 + (*s - '0');
	return w >= 40 ? (int)w : 80;
}

/* Warn about an operand that is an earlier one again: counted twice. */
static void
twice(const struct tsv *t)
{
	struct stat	a, b;
	int		i, k;

	for (i = 1; i < t->nsrc; i++)
		for (k = 0; k < i; k++)
			if (fstat(t->src[i].fd, &a) == 0 &&
			    fstat(t->src[k].fd, &b) == 0 &&
			    a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
				diag_warn(t->src[i].name, 0, "the same file as "
				    "%s: counted twice", t->src[k].name);
				break;
			}
}

/* Find the columns of the mode; 0, or 2 if one is missing. */
static int
columns(struct run *r, const struct tsv *t)
{
	int	i;

	for (i = 0; i < NPCOLS; i++)
		r->col[i] = -1;
	if (r->m == M_MERGE)
		return filter_need(t, mergeneeds, r->col);
	if (filter_need(t, needs, r->col) != 0)
		return 2;
	if (r->m == M_PLANS && filter_need(t, planneeds, r->col + P_ROUTINE))
		return 2;
	r->col[P_DISABILITY] = filter_col(t, "disability");
	r->col[P_ODI] = filter_col(t, "odi");
	r->col[P_PROGRESS] = filter_col(t, "progress");
	r->col[P_SEEN] = filter_col(t, "seen");
	return 0;
}

/* One record, or one line of a summary: 0, 1 (a problem), -1 or 2. */
static int
one(struct run *r, struct tsv *t)
{
	struct field	 f[NPCOLS];
	const char	*p;
	size_t		 n;
	int		 i, problem = 0;

	for (i = 0; i < NPCOLS; i++) {
		f[i].p = NULL;
		f[i].n = 0;
		if (r->col[i] >= 0)
			f[i].p = tsv_field(t, (size_t)r->col[i], &f[i].n);
	}
	if (r->m == M_MERGE)
		return sum_merge(&r->rep, f, t->name, t->line);
	diag_record(f[P_ID].p, f[P_ID].n);
	p = f[P_ID].p;
	n = f[P_ID].n;
	val_trim(&p, &n);
	if (n == 0) {
		diag_value(t->name, t->line, "id", "empty", "", 0);
		problem = 1;
	}
	problem |= sum_invalid(f);
	if (r->m == M_PLANS) {
		if (r->plans == 0 && r->fmt == F_HTML)
			html_begin("Plans");
		problem |= plan(f, r->cat, r->net, r->fmt == F_HTML ?
		    &html_doc : &text_doc, r->plans++ == 0, t->name, t->line);
		return problem;
	}
	return sum_record(&r->rep, f, problem);
}

/* Read every record (or summary line); -1 when there is no input. */
static int
readall(struct run *r, struct tsv *t, int rejfd, const char *rejects)
{
	int	s, k, bad;

	if ((s = tsv_header(t)) == TSV_FATAL)
		return filter_readerror(t);
	/* a run its header stops leaves the rejects file as it was */
	if (s != 0) {
		tsv_room(t, added_words);
		if (columns(r, t) != 0)
			return 2;
	}
	if (filter_rejects(t, rejfd, rejects) != 0)
		return 2;
	if (s == 0)
		return -1;
	bad = diag_warned();
	while ((s = tsv_next(t)) != TSV_EOF) {
		if (s == TSV_FATAL)
			return filter_readerror(t);
		if (s == TSV_BAD) {
			if (filter_reject(t, rejfd, rejects) == 2)
				return 2;
			bad = 1;
			continue;
		}
		k = one(r, t);
		if (out_error() != 0)
			return out_end(2);
		if (k == -1)
			return diag_nomem();
		if (k == 2)
			return 2;
		bad |= k;
	}
	return bad;
}

static void
summary(struct run *r)
{
	sum_order(&r->rep);
	if (r->fmt == F_TSV)
		tsv_report(&r->rep);
	else if (r->fmt == F_HTML)
		html_report(&r->rep);
	else
		text_report(&r->rep);
}

static int
report(struct run *r, const struct filter_opts *fo)
{
	struct tsv	t;
	int		s = 0, rejfd = -1;

	memset(&t, 0, sizeof(t));
	if (sum_init(&r->rep) == -1)
		s = diag_nomem();
	else if ((s = filter_open(&t, fo, &rejfd)) == 0 &&
	    (r->cat == NULL || (s = filter_catalog_parse(r->cat)) == 0) &&
	    (r->m != M_PLANS || (s = safetynet(r)) == 0)) {
		if (r->m != M_PLANS)
			twice(&t);
		s = readall(r, &t, rejfd, fo->rejects);
	}
	r->rep.u8bars = r->u8bars;
	r->rep.width = r->width;
	if (s >= 0 && s < 2 && r->m != M_PLANS) {
		summary(r);
		/* merged summaries end as the one run would */
		if (r->rep.c[S_PROBLEMS].v[0].n > 0)
			s = 1;
	}
	if (s >= 0 && s < 2 && r->m == M_PLANS && r->fmt == F_HTML) {
		/* a page even for a batch of no records, saying so */
		if (r->plans == 0) {
			html_begin("Plans");
			out_str("<p>No records, so no plans.</p>\n");
		}
		html_end();
	}
	if (s == -1)		/* no input at all: no output */
		s = 0;
	if (s < 2)
		s = out_end(s);
	sum_free(&r->rep);
	catalog_free(&r->builtin);
	return filter_close(&t, rejfd, fo->rejects, s);
}

/*
 * The safety net of the plans: the catalog's, or, for a catalog that has
 * none, the built-in catalog's, with a warning (bpreport(1)).
 */
static int
safetynet(struct run *r)
{
	const size_t	n = strlen(CAT_SAFETY_NET);

	if ((r->net = catalog_find(r->cat, CAT_SAFETY_NET, n, 1)) != NULL)
		return 0;
	diag("%s: no advice %s: the plans give the built-in catalog's",
	    r->cat->name, CAT_SAFETY_NET);
	if (filter_catalog(&r->builtin, NULL) != 0 ||
	    filter_catalog_parse(&r->builtin) != 0)
		return 2;
	r->net = catalog_find(&r->builtin, CAT_SAFETY_NET, n, 1);
	return 0;
}

/* The format called name, or F_NONE. */
static enum format
format(const char *name)
{
	static const char *const names[] = { "text", "tsv", "html" };
	static const enum format formats[] = { F_TEXT, F_TSV, F_HTML };
	size_t	i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return formats[i];
	return F_NONE;
}

int
main(int argc, char *argv[])
{
	static const struct optdef opts[] = {
		FILTER_OPTDEFS,
		{ "format", 'f', 1, 'f' },
		{ "plans", 0, 0, 'P' },
		{ "merge", 0, 0, 'M' },
		{ "catalog", 'c', 1, 'c' },
		{ NULL, 0, 0, 0 }
	};
	struct filter_opts	fo = { NULL, 0, NULL, 0, 0, 0 };
	static struct catalog	cat;
	static struct run	r;
	struct opt		o;
	const char		*catalog = NULL;
	int			key, s, plans = 0, merge = 0;

	filter_start(me.prog);
	opt_init(&o, argc, argv, opts);
	while ((key = opt_next(&o)) != -1) {
		if (key == 'f') {
			if ((r.fmt = format(o.arg)) == F_NONE)
				return filter_usage(&me,
				    "-f takes text, tsv or html");
		} else if (key == 'P')
			plans = 1;
		else if (key == 'M')
			merge = 1;
		else if (key == 'c')
			catalog = o.arg;
		else if ((s = filter_option(&me, &fo, &o, key)) != FILTER_GO)
			return s;
	}
	if (plans && (merge || r.fmt == F_TSV))
		return filter_usage(&me, "--plans goes with neither --merge "
		    "nor -f tsv");
	if (merge && catalog != NULL)
		return filter_usage(&me, "--merge reads no catalog: -c goes "
		    "without it");
	r.m = plans ? M_PLANS : merge ? M_MERGE : M_SUMMARY;
	r.u8bars = utf8();
	r.width = width();
	if ((s = filter_stdout()) != 0)
		return s;
	if ((plans || catalog != NULL) &&
	    (s = filter_catalog(r.cat = &cat, catalog)) != 0)
		return s;
	fo.ops = o.ops;
	fo.nops = o.nops;
	return report(&r, &fo);
}
