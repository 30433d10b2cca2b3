/*
 * bpreport: the batch summary, the work list of people to call today,
 * and a plan per person (bp(7); bpreport(1)).
 */
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "diag.h"
#include "filter.h"
#include "flags.h"
#include "out.h"
#include "sandbox.h"
#include "tsv.h"
#include "words.h"

#define WRAP	72	/* plan text width */

/* The count sections of a summary, in order, with their known keys. */
enum { S_RECORDS, S_PROBLEMS, S_LEVEL, S_PHASE, S_PATTERN, S_STARTBACK,
    S_DISPOSITION, NCOUNTS };
/* The columns read: needs[] in order, then planneeds[], then optional ones. */
enum { P_ID, P_LEVEL, P_FLAGS, P_UNSCREENED, P_PHASE, P_PATTERN,
    P_STARTBACK, P_DISPOSITION, P_ROUTINE, P_EXERCISES, P_SESSIONS,
    P_ADVICE, P_DISABILITY, P_ODI, NPCOLS };

/* The work-list sections. */
enum { W_EMERGENCY, W_URGENT, W_UNSCREENED, NWORK };

enum mode { M_SUMMARY, M_PLANS, M_MERGE };

/*
 * When every operand is a regular file the work list is not kept: it is
 * read again from the input when printed (items()).
 */
static struct {
	struct tsv	*t;
	enum mode	 m;
	int		 on;
} again;

static const char *const total[] = { "total", NULL };
static const char *const levelkeys[] = {
	"emergency", "urgent", "review", "none", "unknown", NULL
};
typedef unsigned long long	tally_t;	/* counts, as many as -f tsv writes */

struct kv {
	char		*key;
	size_t		 len;
	tally_t		 n;
};

struct count {
	const char		*section;	/* also the column counted */
	const char *const	*known;		/* keys always shown, in order */
	struct kv		*v;		/* known keys, then others */
	size_t			 nv, cap, nknown;
	size_t			*slot;		/* hash of keys: index + 1 in v */
	size_t			 nslot;		/* a power of two, or 0 */
};

struct item {
	char	*id;
	char	*value;
};

struct work {
	const char	*section;
	const char	*title;
	struct item	*v;
	size_t		 n, cap;
};

struct report {
	struct count	c[NCOUNTS];
	struct work	w[NWORK];
};

static struct report rep = {
	{
		{ "records", total, NULL, 0, 0, 0, NULL, 0 },
		{ "problems", total, NULL, 0, 0, 0, NULL, 0 },
		{ "flag_level", levelkeys, NULL, 0, 0, 0, NULL, 0 },
		{ "phase", phase_words, NULL, 0, 0, 0, NULL, 0 },
		{ "pattern", pattern_words, NULL, 0, 0, 0, NULL, 0 },
		{ "startback", risk_words, NULL, 0, 0, 0, NULL, 0 },
		{ "disposition", disposition_names, NULL, 0, 0, 0, NULL, 0 },
	},
	{
		{ "emergency", "Emergency: send to an emergency department now",
		    NULL, 0, 0 },
		{ "urgent", "Urgent: a doctor within 24 hours", NULL, 0, 0 },
		{ "unscreened", "Ask today: cauda equina questions not "
		    "answered", NULL, 0, 0 },
	}
};

static const struct need needs[] = {
	{ "id", NULL }, { "flag_level", "bpflags" }, { "flags", "bpflags" },
	{ "unscreened", "bpflags" }, { "phase", "bpclassify" },
	{ "pattern", "bpclassify" }, { "startback", "bpclassify" },
	{ "disposition", "bproutine" }, { NULL, NULL }
};
static const struct need planneeds[] = {
	{ "routine", "bproutine" }, { "exercises", "bproutine" },
	{ "sessions", "bproutine" }, { "advice", "bproutine" },
	{ NULL, NULL }
};

static const char help[] =
"usage: bpreport [-hq] [--plans] [--merge] [-f text|tsv] [-c FILE] [-r FILE] [--version] [FILE ...]\n"
"Print the batch summary and the work list of records that bpclassify,\n"
"bpflags and bproutine have read; or a plan per person.\n"
"  -f, --format FMT  text (the default) or tsv\n"
"  --plans          print a plan for each person instead\n"
"  --merge          read summaries written with -f tsv and add them up\n"
"  -c, --catalog FILE  use the exercise catalog in FILE for plans\n"
"  -q, --quiet      do not warn about bad values\n"
"  -r, --rejects FILE  write unreadable lines to FILE and go on\n"
"  -h, --help       print this help\n"
"  --version        print the version\n";

static int	u8bars;		/* draw bars with U+2588 */

static const struct filter	me = { "bpreport", help, NULL, NULL, NULL,
    NULL, NULL };

static int	 bykey(const void *, const void *);
static size_t	 hash(const char *, size_t);
static int	 slot(struct count *, size_t);
static int	 count(struct count *, const char *, size_t, tally_t);
static void	 order(struct count *);
static int	 countinit(void);
static void	 repfree(void);
static void	 asked(const char *, size_t);
static void	 flagwords(const char *, size_t);
static int	 columns(const struct tsv *, enum mode, int *);
static unsigned	 sections(const struct tsv *, const int *);
static int	 keep(struct work *, const char *, size_t, const char *,
		    size_t);
static int	 has(const char *, size_t, const char *);
static char	*copyn(const char *, size_t);
static int	 findcols(const struct tsv *, const struct need *, int *);
static int	 tally(const struct tsv *, const int *);
static int	 mergeline(const struct tsv *, const int *);
static int	 text(void);
static int	 tsvout(void);
static void	 bar(const char *, tally_t, tally_t, int, int);
static int	 utf8(void);
static int	 width(void);
static void	 wrap(const char *, const char *, const char *);
static int	 plan(const struct tsv *, const int *, const struct catalog *);

static char *
copyn(const char *p, size_t n)
{
	char	*s;

	if ((s = malloc(n + 1)) != NULL) {
		memcpy(s, p, n);
		s[n] = '\0';
	}
	return s;
}

/* 1 if the comma list (p, n) holds word. */
static int
has(const char *p, size_t n, const char *word)
{
	const char	*end = p + n, *comma;
	size_t		 len = strlen(word);

	for (; p <= end; p = comma + 1) {
		if ((comma = memchr(p, ',', (size_t)(end - p))) == NULL)
			comma = end;
		if ((size_t)(comma - p) == len && memcmp(p, word, len) == 0)
			return 1;
	}
	return 0;
}

static int
bykey(const void *a, const void *b)
{
	return strcmp(((const struct kv *)a)->key, ((const struct kv *)b)->key);
}

static size_t
hash(const char *p, size_t n)
{
	size_t	h = 2166136261u;

	while (n-- > 0)
		h = (h ^ (unsigned char)*p++) * 16777619u;
	return h;
}

/* Put v[i] in the hash of keys, growing it to keep it half empty. */
static int
slot(struct count *c, size_t i)
{
	size_t	*old = c->slot, k, h;

	if (2 * (i + 1) > c->nslot) {
		c->nslot = c->nslot > 0 ? 2 * c->nslot : 64;
		if ((c->slot = calloc(c->nslot, sizeof(*c->slot))) == NULL)
			return -1;
		free(old);
		for (k = 0; k < i; k++)
			if (slot(c, k) == -1)
				return -1;
	}
	h = hash(c->v[i].key, c->v[i].len) & (c->nslot - 1);
	while (c->slot[h] != 0)
		h = (h + 1) & (c->nslot - 1);
	c->slot[h] = i + 1;
	return 0;
}

/*
 * Add n to the count of key (p, len), making the key if it is new.
 * Returns 0, -1 when out of memory, -2 when the count would overflow.
 */
static int
count(struct count *c, const char *p, size_t len, tally_t n)
{
	struct kv	*v;
	size_t		 h;

	h = c->nslot > 0 ? hash(p, len) & (c->nslot - 1) : 0;
	for (; c->nslot > 0 && c->slot[h] != 0; h = (h + 1) & (c->nslot - 1)) {
		v = &c->v[c->slot[h] - 1];
		if (v->len == len && memcmp(v->key, p, len) == 0) {
			if (v->n > (tally_t)-1 - n)
				return -2;
			v->n += n;
			return 0;
		}
	}
	if (c->nv == c->cap) {
		c->cap = c->cap > 0 ? 2 * c->cap : 16;
		if ((v = realloc(c->v, c->cap * sizeof(*v))) == NULL)
			return -1;
		c->v = v;
	}
	if ((c->v[c->nv].key = copyn(p, len)) == NULL)
		return -1;
	c->v[c->nv].len = len;
	c->v[c->nv].n = n;
	return slot(c, c->nv++);
}

/* Free the report, leaving it as before countinit(). */
static void
repfree(void)
{
	struct count	*c;
	struct work	*w;
	size_t		 i;

	for (c = rep.c; c < rep.c + NCOUNTS; c++) {
		for (i = 0; i < c->nv; i++)
			free(c->v[i].key);
		free(c->v);
		free(c->slot);
		c->v = NULL;
		c->slot = NULL;
		c->nv = c->cap = c->nknown = c->nslot = 0;
	}
	for (w = rep.w; w < rep.w + NWORK; w++) {
		/* none kept when the input is read again (again.on) */
		for (i = 0; w->v != NULL && i < w->n; i++) {
			free(w->v[i].id);
			free(w->v[i].value);
		}
		free(w->v);
		w->v = NULL;
		w->n = w->cap = 0;
	}
}

/* Make the known keys of every count, at zero. */
static int
countinit(void)
{
	struct count	*c;
	size_t		 i;

	for (c = rep.c; c < rep.c + NCOUNTS; c++) {
		for (i = 0; c->known[i] != NULL; i++)
			if (count(c, c->known[i], strlen(c->known[i]), 0) != 0)
				return -1;
		c->nknown = i;
	}
	return 0;
}

/*
 * Other keys follow the known ones in byte order, whatever came first.
 * The hash of keys no longer holds after this: the counting is over.
 */
static void
order(struct count *c)
{
	if (c->nv > c->nknown)
		qsort(c->v + c->nknown, c->nv - c->nknown, sizeof(*c->v),
		    bykey);
}

static int
keep(struct work *w, const char *id, size_t idlen, const char *val,
    size_t vallen)
{
	struct item	*v;

	if (again.on) {		/* read again when printed: just count */
		w->n++;
		return 0;
	}
	if (w->n == w->cap) {
		w->cap = w->cap > 0 ? 2 * w->cap : 64;
		if ((v = realloc(w->v, w->cap * sizeof(*v))) == NULL)
			return -1;
		w->v = v;
	}
	if ((w->v[w->n].id = copyn(id, idlen)) == NULL ||
	    (w->v[w->n].value = copyn(val, vallen)) == NULL)
		return -1;
	w->n++;
	return 0;
}

/* Find the needed columns; col[i] for need[i].  0, or 2 if missing. */
static int
findcols(const struct tsv *t, const struct need *nd, int *col)
{
	for (; nd->col != NULL; nd++, col++)
		if ((*col = tsv_col(t, nd->col)) < 0) {
			if (nd->tool != NULL)
				diag_at(t->name, t->line,
				    "no column %s: run %s first", nd->col,
				    nd->tool);
			else
				diag_at(t->name, t->line, "no column %s",
				    nd->col);
			return 2;
		}
	return 0;
}

#define F(i)	tsv_f(t, col[i]), tsv_fl(t, col[i])

/* Count one record into the summary; returns 1 if it had a problem. */
static int
tally(const struct tsv *t, const int *col)
{
	static const int checked[] = {
		P_PHASE, P_PATTERN, P_STARTBACK, P_ODI, P_DISABILITY
	};
	const char	*p;
	size_t		 n, i;
	unsigned	 w;
	int		 k, problem = 0;

	p = tsv_f(t, col[P_ID]);
	n = tsv_fl(t, col[P_ID]);
	val_trim(&p, &n);
	if (n == 0) {
		problem = 1;
		diag_value(t->name, t->line, "id", "empty", "", 0);
	}
	for (i = 0; i < sizeof(checked) / sizeof(checked[0]); i++)
		if ((k = col[checked[i]]) >= 0 && tsv_fl(t, k) == 7 &&
		    memcmp(tsv_f(t, k), "invalid", 7) == 0)
			problem = 1;
	if (count(&rep.c[S_RECORDS], "total", 5, 1) == -1 ||
	    count(&rep.c[S_PROBLEMS], "total", 5, (tally_t)problem) ==
	    -1 || count(&rep.c[S_LEVEL], F(P_LEVEL), 1) == -1 ||
	    count(&rep.c[S_PHASE], F(P_PHASE), 1) == -1 ||
	    count(&rep.c[S_PATTERN], F(P_PATTERN), 1) == -1 ||
	    count(&rep.c[S_STARTBACK], F(P_STARTBACK), 1) == -1 ||
	    count(&rep.c[S_DISPOSITION], F(P_DISPOSITION), 1) == -1)
		return -1;
	w = sections(t, col);
	if (((w & 1U << W_EMERGENCY) &&
	    keep(&rep.w[W_EMERGENCY], F(P_ID), F(P_FLAGS)) == -1) ||
	    ((w & 1U << W_URGENT) &&
	    keep(&rep.w[W_URGENT], F(P_ID), F(P_FLAGS)) == -1) ||
	    ((w & 1U << W_UNSCREENED) &&
	    keep(&rep.w[W_UNSCREENED], F(P_ID), F(P_UNSCREENED)) == -1))
		return -1;
	return problem;
}

/* The work-list sections a record belongs in, as 1 << W_*. */
static unsigned
sections(const struct tsv *t, const int *col)
{
	unsigned	w = 0;

	if (has(F(P_LEVEL), "emergency") || has(F(P_DISPOSITION), "emergency"))
		w |= 1U << W_EMERGENCY;
	else if (has(F(P_LEVEL), "urgent") || has(F(P_DISPOSITION), "urgent"))
		w |= 1U << W_URGENT;
	if (has(F(P_UNSCREENED), "saddle_numbness") ||
	    has(F(P_UNSCREENED), "bladder_bowel"))
		w |= 1U << W_UNSCREENED;
	return w;
}

/* The columns of a summary, for --merge. */
enum { M_SECTION, M_KEY, M_VALUE };

/* One line of a summary written with -f tsv: add it to the report. */
static int
mergeline(const struct tsv *t, const int *col)
{
	const char	*p = tsv_f(t, col[M_VALUE]);
	size_t		 i, n = tsv_fl(t, col[M_VALUE]);
	tally_t		 v = 0;
	int		 s, r;

	for (s = 0; s < NCOUNTS; s++)
		if (strlen(rep.c[s].section) == tsv_fl(t, col[M_SECTION]) &&
		    memcmp(rep.c[s].section, tsv_f(t, col[M_SECTION]),
		    tsv_fl(t, col[M_SECTION])) == 0)
			break;
	if (s < NCOUNTS) {
		if (n == 0)
			goto badcount;
		for (i = 0; i < n; i++) {
			if (p[i] < '0' || p[i] > '9' ||
			    v > ((tally_t)-1 - (tally_t)(p[i] - '0')) / 10)
				goto badcount;
			v = v * 10 + (tally_t)(p[i] - '0');
		}
		if ((r = count(&rep.c[s], F(M_KEY), v)) == -2) {
			diag_value(t->name, t->line, "value",
			    "the sum is too large", p, n);
			return 2;
		}
		return r;
	}
	for (s = 0; s < NWORK; s++)
		if (strlen(rep.w[s].section) == tsv_fl(t, col[M_SECTION]) &&
		    memcmp(rep.w[s].section, tsv_f(t, col[M_SECTION]),
		    tsv_fl(t, col[M_SECTION])) == 0)
			return keep(&rep.w[s], F(M_KEY), p, n);
	diag_value(t->name, t->line, "section", "not a summary section",
	    F(M_SECTION));
	return 2;
badcount:
	diag_value(t->name, t->line, "value", "not a count", p, n);
	return 2;
}

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

static void
bar(const char *key, tally_t n, tally_t of, int room, int u8)
{
	size_t	klen = strlen(key);
	int	len, i;

	out_str("  ");
	out_str(key);
	out_printf("%*s %7llu %5.1f%%", klen < 12 ? (int)(12 - klen) : 0, "",
	    n, of > 0 ? 100.0 * (double)n / (double)of : 0.0);
	/* merged summaries may claim more than their records: cap it */
	len = of == 0 ? 0 : n >= of ? room :
	    (int)((double)n * room / (double)of + 0.5);
	if (len == 0 && n > 0)
		len = 1;
	if (len > 0)
		out_str("  ");
	for (i = 0; i < len; i++)
		out_str(u8 ? "\xe2\x96\x88" : "#");
	out_byte('\n');
}

/* A flag list in plain words: "name (concern); ...". */
static void
flagwords(const char *list, size_t len)
{
	const struct flag	*fl;
	const char		*p, *comma, *end = list + len;
	size_t			 n;
	int			 first = 1;

	if (len == 4 && memcmp(list, "none", 4) == 0) {
		out_str("no flag recorded");
		return;
	}
	for (p = list; ; p = comma + 1) {
		if ((comma = memchr(p, ',', (size_t)(end - p))) == NULL)
			comma = end;
		n = (size_t)(comma - p);
		if (!first)
			out_str("; ");
		first = 0;
		if ((fl = flag_find(p, n)) != NULL)
			out_printf("%s (%s)", fl->name, fl->concern);
		else
			out_write(p, n);
		if (comma == end)
			break;
	}
}

/* The cauda equina questions an unscreened list holds, in words. */
static void
asked(const char *list, size_t n)
{
	int	saddle = has(list, n, "saddle_numbness");

	out_str("not answered or unreadable: ");
	if (saddle)
		out_str("saddle numbness");
	if (has(list, n, "bladder_bowel"))
		out_str(saddle ? ", bladder or bowel control" :
		    "bladder or bowel control");
}

/*
 * The work list, one section at a time, to emit(): from memory, or read
 * again from the input when every operand is a regular file (again.on),
 * so that memory does not grow with the number of records (bp(7)).
 */
typedef void	(*emitfn)(int, const char *, size_t, const char *, size_t);

static int
items(int s, emitfn emit)
{
	struct item	*it;
	struct tsv	*t = again.t;
	int		 col[NPCOLS], r;
	int		 v = s == W_UNSCREENED ? P_UNSCREENED : P_FLAGS;
	size_t		 i, seen = 0;

	if (!again.on) {
		for (i = 0; i < rep.w[s].n; i++) {
			it = &rep.w[s].v[i];
			emit(s, it->id, strlen(it->id), it->value,
			    strlen(it->value));
		}
		return 0;
	}
	if (tsv_rewind(t) == -1)
		return filter_readerror(t);
	if ((r = tsv_header(t)) != 1 || columns(t, again.m, col) != 0)
		goto changed;
	while ((r = tsv_next(t)) != TSV_EOF) {
		if (r == TSV_FATAL)
			return filter_readerror(t);
		if (r == TSV_BAD)	/* rejected the first time */
			continue;
		if (again.m == M_MERGE) {
			if (tsv_fl(t, col[M_SECTION]) ==
			    strlen(rep.w[s].section) &&
			    memcmp(tsv_f(t, col[M_SECTION]), rep.w[s].section,
			    tsv_fl(t, col[M_SECTION])) == 0) {
				emit(s, F(M_KEY), F(M_VALUE));
				seen++;
			}
		} else if (sections(t, col) & 1U << s) {
			emit(s, F(P_ID), F(v));
			seen++;
		}
	}
	if (seen == rep.w[s].n)
		return 0;
changed:
	diag("%s: the input changed while it was read", t->name);
	return 2;
}

static void
textitem(int s, const char *id, size_t idn, const char *v, size_t vn)
{
	out_str("  ");
	out_write(id, idn);
	out_str("  ");
	if (s == W_UNSCREENED)
		asked(v, vn);
	else
		flagwords(v, vn);
	out_byte('\n');
}

static void
tsvitem(int s, const char *id, size_t idn, const char *v, size_t vn)
{
	out_str(rep.w[s].section);
	out_byte('\t');
	out_write(id, idn);
	out_byte('\t');
	out_write(v, vn);
	out_byte('\n');
}

static int
text(void)
{
	tally_t		 records = rep.c[S_RECORDS].v[0].n;
	size_t		 k;
	int		 s, room, calls = 0;

	room = width() - 34;
	if (room < 10)
		room = 10;
	out_printf("Batch summary: %llu records, %llu with problems\n",
	    records, rep.c[S_PROBLEMS].v[0].n);
	for (s = S_LEVEL; s < NCOUNTS; s++) {
		out_printf("\n%s\n", rep.c[s].section);
		for (k = 0; k < rep.c[s].nv; k++)
			bar(rep.c[s].v[k].key, rep.c[s].v[k].n, records, room,
			    u8bars);
	}
	out_str("\nWork list: people to call today\n");
	for (s = 0; s < NWORK; s++) {
		calls += rep.w[s].n > 0;
		out_printf("\n%s (%zu)\n", rep.w[s].title, rep.w[s].n);
		if (rep.w[s].n > 0 && items(s, textitem) != 0)
			return 2;
	}
	if (!calls)
		out_str("\nNo one on the work list today.\n");
	return 0;
}

static int
tsvout(void)
{
	size_t	k;
	int	s;

	out_str("section\tkey\tvalue\n");
	for (s = 0; s < NCOUNTS; s++)
		for (k = 0; k < rep.c[s].nv; k++)
		{
			out_str(rep.c[s].section);
			out_byte('\t');
			out_str(rep.c[s].v[k].key);
			out_printf("\t%llu\n", rep.c[s].v[k].n);
		}
	for (s = 0; s < NWORK; s++)
		if (rep.w[s].n > 0 && items(s, tsvitem) != 0)
			return 2;
	return 0;
}

/* Words for the person, by value of a classification column. */
struct words {
	const char	*value;
	const char	*text;
};

static const struct words phasewords[] = {
	{ "acute", "The pain began recently (acute phase)." },
	{ "subacute", "The pain has lasted some weeks, up to 12 "
	    "(subacute phase)." },
	{ "chronic", "The pain has lasted more than 12 weeks "
	    "(chronic phase)." },
	{ "unknown", "How long the pain has lasted was not recorded." },
	{ "invalid", "The answer about how long the pain has lasted could "
	    "not be read." },
	{ NULL, NULL }
};
static const struct words patternwords[] = {
	{ "radicular", "The pain travels down the leg, as it does when a "
	    "nerve root in the back is irritated (radicular pain)." },
	{ "hip", "The pain is centred on the hip or groin." },
	{ "mechanical", "Back pain that changes with movement and position "
	    "(mechanical pain)." },
	{ "nonspecific", "Back pain without signs of nerve involvement "
	    "(non-specific pain)." },
	{ "other", "The pain is in a place these tools do not sort, such "
	    "as the thigh alone." },
	{ "unknown", "Where the pain is, or how far it spreads, was not "
	    "recorded." },
	{ "invalid", "The answers about where the pain is could not be "
	    "read." },
	{ NULL, NULL }
};
static const struct words riskwords[] = {
	{ "low", "Low risk of the pain becoming a lasting problem "
	    "(STarT Back)." },
	{ "medium", "Medium risk of the pain becoming a lasting problem "
	    "(STarT Back)." },
	{ "high", "High risk of the pain becoming a lasting problem, with "
	    "worry and low mood playing a part (STarT Back)." },
	{ "unknown", "The STarT Back questions were not all answered." },
	{ "invalid", "Some STarT Back answers could not be read." },
	{ NULL, NULL }
};
static const struct words disabilitywords[] = {
	{ "minimal", "Daily life is affected a little (Oswestry)." },
	{ "moderate", "Daily life is moderately affected (Oswestry)." },
	{ "severe", "Daily life is severely affected (Oswestry)." },
	{ "crippled", "The pain affects almost every part of daily life "
	    "(Oswestry)." },
	{ "bedbound", "The pain keeps the person in bed or nearly so "
	    "(Oswestry)." },
	{ "unknown", "Too few Oswestry questions were answered to score." },
	{ "invalid", "Some Oswestry answers could not be read." },
	{ NULL, NULL }
};
static const struct words dispwords[] = {
	{ "emergency", "Go to an emergency department now." },
	{ "urgent", "See a doctor within 24 hours." },
	{ "assess", "Not enough information to advise yet: complete the "
	    "questionnaire with a clinician before starting exercises." },
	{ "review", "Book a visit with a clinician; the routine below may "
	    "start in the meantime." },
	{ "physio", "Work through the routine below with a "
	    "physiotherapist's guidance." },
	{ "self_care", "Look after this at home with the routine below; "
	    "seek care if things change." },
	{ NULL, NULL }
};
static const char *const levelwhat[] = {
	"", "mention it to the clinician who reviews this plan",
	"see a doctor within 24 hours", "go to an emergency department now"
};

static const char *
say(const struct words *w, const char *p, size_t n)
{
	for (; w->value != NULL; w++)
		if (strlen(w->value) == n && memcmp(w->value, p, n) == 0)
			return w->text;
	return NULL;
}

/*
 * Write s wrapped at WRAP columns: the first line starts with first,
 * the others with indent (as many columns wide).
 */
static void
wrap(const char *first, const char *indent, const char *s)
{
	size_t	col, w, ind = strlen(indent);

	out_str(first);
	col = ind;
	while (*s != '\0') {
		while (*s == ' ')
			s++;
		w = strcspn(s, " ");
		if (w == 0)
			break;
		if (col > ind && col + 1 + w > WRAP) {
			out_byte('\n');
			out_str(indent);
			col = ind;
		} else if (col > ind) {
			out_byte(' ');
			col++;
		}
		out_write(s, w);
		col += w;
		s += w;
	}
	out_byte('\n');
}

/* Write the field (p, n) with '_' shown as ' '. */
static void
spaced(const char *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		out_byte(p[i] == '_' ? ' ' : p[i]);
}

static void
line(const struct words *w, const char *what, const char *p, size_t n)
{
	const char	*s = say(w, p, n);

	if (s != NULL) {
		wrap("  ", "  ", s);
		return;
	}
	out_printf("  %s: ", what);
	out_write(p, n);
	out_byte('\n');
}

static void
planflags(const struct tsv *t, const int *col)
{
	const struct flag	*fl;
	const char		*p = tsv_f(t, col[P_FLAGS]), *end, *comma;
	size_t			 n = tsv_fl(t, col[P_FLAGS]);
	char			 buf[256];

	out_str("\nWarning signs\n");
	if (n == 0 || (n == 4 && memcmp(p, "none", 4) == 0))
		wrap("  ", "  ", "None of the warning signs asked about was "
		    "reported. That is not proof that all is well.");
	else
		for (end = p + n; p <= end; p = comma + 1) {
			if ((comma = memchr(p, ',', (size_t)(end - p))) == NULL)
				comma = end;
			if ((fl = flag_find(p, (size_t)(comma - p))) == NULL) {
				out_str("  ");
				out_write(p, (size_t)(comma - p));
				out_byte('\n');
				continue;
			}
			snprintf(buf, sizeof(buf), "- %s: it can point to %s; "
			    "%s.", fl->name, fl->concern,
			    levelwhat[fl->level]);
			wrap("  - ", "    ", buf + 2);
		}
	p = tsv_f(t, col[P_UNSCREENED]);
	n = tsv_fl(t, col[P_UNSCREENED]);
	if (n > 0 && !(n == 4 && memcmp(p, "none", 4) == 0)) {
		out_str("  Not yet asked or not readable: ");
		spaced(p, n);
		out_byte('\n');
	}
}

static void
planexercises(const struct tsv *t, const int *col, const struct catalog *c)
{
	const struct entry	*e;
	const char		*p = tsv_f(t, col[P_EXERCISES]), *end, *comma, *colon;
	size_t			 n = tsv_fl(t, col[P_EXERCISES]);
	int			 k = 0;

	if (n == 0 || (n == 4 && memcmp(p, "none", 4) == 0))
		return;
	out_str("\nExercises, ");
	if (tsv_fl(t, col[P_SESSIONS]) == 5 &&
	    memcmp(tsv_f(t, col[P_SESSIONS]), "daily", 5) == 0)
		out_str("every day\n");
	else if (tsv_fl(t, col[P_SESSIONS]) == 8 &&
	    memcmp(tsv_f(t, col[P_SESSIONS]), "3-5/week", 8) == 0)
		out_str("3 to 5 days a week, with rest days between\n");
	else {
		out_write(tsv_f(t, col[P_SESSIONS]), tsv_fl(t, col[P_SESSIONS]));
		out_byte('\n');
	}
	for (end = p + n; p <= end; p = comma + 1) {
		if ((comma = memchr(p, ',', (size_t)(end - p))) == NULL)
			comma = end;
		if ((colon = memchr(p, ':', (size_t)(comma - p))) == NULL)
			colon = comma;
		e = catalog_find(c, p, (size_t)(colon - p), 0);
		out_printf("  %d. ", ++k);
		if (e != NULL)
			out_str(e->name);
		else
			out_write(p, (size_t)(colon - p));
		if (colon < comma) {
			out_str(" (");
			spaced(colon + 1, (size_t)(comma - colon - 1));
			out_byte(')');
		}
		out_byte('\n');
		if (e != NULL)
			wrap("     ", "     ", e->instructions);
	}
}

static void
planadvice(const struct tsv *t, const int *col, const struct catalog *c)
{
	const struct entry	*e;
	const char		*p = tsv_f(t, col[P_ADVICE]), *end, *comma;
	size_t			 n = tsv_fl(t, col[P_ADVICE]);

	if (n == 0 || (n == 4 && memcmp(p, "none", 4) == 0))
		return;
	out_str("\nAdvice\n");
	for (end = p + n; p <= end; p = comma + 1) {
		if ((comma = memchr(p, ',', (size_t)(end - p))) == NULL)
			comma = end;
		if ((e = catalog_find(c, p, (size_t)(comma - p), 1)) != NULL)
			wrap("  - ", "    ", e->instructions);
		else {
			out_str("  - ");
			out_write(p, (size_t)(comma - p));
			out_byte('\n');
		}
	}
}

static int
plan(const struct tsv *t, const int *col, const struct catalog *c)
{
	const char	*id = tsv_f(t, col[P_ID]);
	size_t		 n = tsv_fl(t, col[P_ID]);
	int		 problem = 0;

	val_trim(&id, &n);
	if (n == 0) {
		diag_value(t->name, t->line, "id", "empty", "", 0);
		problem = 1;
	}
	out_str("Plan for ");
	out_write(tsv_f(t, col[P_ID]), tsv_fl(t, col[P_ID]));
	out_str("\n\nWhat the answers show\n");
	line(patternwords, "pattern", F(P_PATTERN));
	line(phasewords, "phase", F(P_PHASE));
	line(riskwords, "startback", F(P_STARTBACK));
	if (tsv_fl(t, col[P_PATTERN]) == 3 && memcmp(tsv_f(t, col[P_PATTERN]), "hip",
	    3) == 0)
		wrap("  ", "  ", "STarT Back was made for back pain, not hip "
		    "pain, so it does not change this plan.");
	if (col[P_DISABILITY] >= 0)
		line(disabilitywords, "disability", F(P_DISABILITY));
	planflags(t, col);
	out_str("\nWhat happens next\n");
	line(dispwords, "disposition", F(P_DISPOSITION));
	planexercises(t, col, c);
	planadvice(t, col, c);
	out_str("\n");
	wrap("", "", "This plan is not a diagnosis. It sorts the answers given "
	    "and suggests a routine for a clinician to review; if the pain "
	    "gets worse, spreads, or new symptoms appear, seek care.");
	out_byte('\n');
	return problem;
}

static int
oom(void)
{
	diag("%s", strerror(ENOMEM));
	return 2;
}

static int
writefail(void)
{
	if (out_error() == EPIPE)
		return 0;
	diag("write error: %s", strerror(out_error()));
	return 2;
}

/* The columns a mode reads, into col[]; 0, or 2 if one is missing. */
static int
columns(const struct tsv *t, enum mode m, int *col)
{
	static const struct need mergeneeds[] = {
		{ "section", "bpreport -f tsv" }, { "key", "bpreport -f tsv" },
		{ "value", "bpreport -f tsv" }, { NULL, NULL }
	};

	if (m == M_MERGE)
		return findcols(t, mergeneeds, col);
	if (findcols(t, needs, col) != 0)
		return 2;
	if (m == M_PLANS && findcols(t, planneeds, col + P_ROUTINE) != 0)
		return 2;
	col[P_DISABILITY] = tsv_col(t, "disability");
	col[P_ODI] = tsv_col(t, "odi");
	return 0;
}

/* Read every record (or summary line) into the report, or plans. */
static int
readall(struct tsv *t, enum mode m, int rejfd, const char *rejects,
    const struct catalog *c)
{
	int	col[NPCOLS], s, r, bad = 0;

	if ((s = tsv_header(t)) != 1)
		return s == TSV_FATAL ? filter_readerror(t) : -1;
	if (columns(t, m, col) != 0)
		return 2;
	while ((s = tsv_next(t)) != TSV_EOF) {
		if (s == TSV_FATAL)
			return filter_readerror(t);
		if (s == TSV_BAD) {
			if (filter_reject(t, rejfd, rejects) == 2)
				return 2;
			bad = 1;
			continue;
		}
		if (m == M_MERGE)
			r = mergeline(t, col);
		else if (m == M_PLANS)
			r = plan(t, col, c);
		else
			r = tally(t, col);
		if (out_error() != 0)
			return writefail();
		if (r == -1)
			return oom();
		if (r == 2)
			return 2;
		bad |= r == 1;
	}
	return bad;
}

static int
run(enum mode m, int tsvfmt, const struct filter_opts *fo,
    const struct catalog *c)
{
	struct tsv	t;
	int		s, k, rejfd;

	memset(&t, 0, sizeof(t));
	if (countinit() == -1)
		return oom();
	if ((s = filter_open(&t, fo, &rejfd)) == 0) {
		again.t = &t;
		again.m = m;
		again.on = m != M_PLANS && tsv_seekable(&t);
	}
	if (s == 0 &&
	    (s = readall(&t, m, rejfd, fo->rejects, c)) >= 0 && s < 2 &&
	    m != M_PLANS) {
		for (k = 0; k < NCOUNTS; k++)
			order(&rep.c[k]);
		if ((tsvfmt ? tsvout() : text()) != 0)
			s = 2;
		/* merged summaries end as the one run would */
		if (rep.c[S_PROBLEMS].v[0].n > 0)
			s = 1;
	}
	if (s == -1)		/* no input at all: no output */
		s = 0;
	if (s < 2 && out_flush() == -1)
		s = writefail();
	repfree();
	return filter_close(&t, rejfd, fo->rejects, s);
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
	struct filter_opts	fo = { NULL, 0, NULL, 0 };
	static struct catalog	cat;
	struct opt		o;
	const char		*catalog = NULL;
	enum mode		m = M_SUMMARY;
	int			key, s, tsvfmt = 0, plans = 0, merge = 0;

	diag_init(me.prog);
	opt_init(&o, argc, argv, opts);
	while ((key = opt_next(&o)) != -1) {
		if (key == 'f') {
			if (strcmp(o.arg, "tsv") == 0)
				tsvfmt = 1;
			else if (strcmp(o.arg, "text") == 0)
				tsvfmt = 0;
			else
				return filter_usage(&me,
				    "-f takes text or tsv");
		} else if (key == 'P')
			plans = 1;
		else if (key == 'M')
			merge = 1;
		else if (key == 'c')
			catalog = o.arg;
		else if ((s = filter_option(&me, &fo, &o, key)) != FILTER_GO)
			return s;
	}
	if (plans && (merge || tsvfmt))
		return filter_usage(&me, "--plans goes with neither --merge "
		    "nor -f tsv");
	m = plans ? M_PLANS : merge ? M_MERGE : M_SUMMARY;
	u8bars = utf8();
	if ((s = filter_stdout()) != 0)
		return s;
	if ((plans || catalog != NULL) && catalog_load(&cat, catalog) == -1) {
		if (cat.why != NULL)
			diag_at(cat.name, cat.line, "%s", cat.why);
		else
			diag("%s: %s", cat.name, strerror(cat.err));
		return 2;
	}
	fo.ops = o.ops;
	fo.nops = o.nops;
	return run(m, tsvfmt, &fo, &cat);
}
