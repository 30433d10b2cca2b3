/*
 * report_sum: bpreport's counts and work list, from records or from
 * the summaries --merge adds up (bpreport(1)).
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "report.h"
#include "value.h"

static const struct word total[] = { { "total", 5 }, { NULL, 0 } };
static const struct word levelkeys[] = {
	{ "emergency", 9 }, { "urgent", 6 }, { "review", 6 }, { "none", 4 },
	{ "unknown", 7 }, { NULL, 0 }
};

static const struct {
	const char		*section;
	const struct word	*known;
	int			 optional;
} counts[NCOUNTS] = {
	{ "records", total, 0 }, { "problems", total, 0 },
	{ "flag_level", levelkeys, 0 }, { "phase", phase_words, 0 },
	{ "pattern", pattern_words, 0 }, { "startback", risk_words, 0 },
	{ "disposition", disposition_words, 0 },
	{ "progress", progress_words, 1 }
};

static const struct {
	const char	*section;
	const char	*title;
} works[NWORK] = {
	{ "emergency", "Emergency: send to an emergency department now" },
	{ "urgent", "Urgent: a doctor within 24 hours" },
	{ "unscreened", "Ask today: unanswered questions that could make it an "
	    "emergency" }
};

static size_t	hash(const char *, size_t);
static void	place(struct count *, size_t);
static int	slot(struct count *, size_t);
static int	add(struct count *, const char *, size_t, tally_t, size_t *);
static int	bump(struct kv *, tally_t);
static int	addfield(struct count *, const struct field *);
static int	newkey(struct kv *, const char *, size_t, tally_t);
static int	keep(struct work *, const struct field *,
		    const struct field *);
static unsigned	sections(const struct field *);
static int	bykey(const void *, const void *);
static int	bycount(struct count *, const struct field *, const char *,
		    unsigned long);
static int	badline(const char *, unsigned long, const char *,
		    const char *, const struct field *);

static size_t
hash(const char *p, size_t n)
{
	size_t	h = 2166136261u;

	while (n-- > 0)
		h = (h ^ (unsigned char)*p++) * 16777619u;
	return h;
}

/* Put v[i] in the hash of keys, which is less than half full. */
static void
place(struct count *c, size_t i)
{
	size_t	h;

	h = hash(c->v[i].key, c->v[i].len) & (c->nslot - 1);
	while (c->slot[h] != 0)
		h = (h + 1) & (c->nslot - 1);
	c->slot[h] = i + 1;
}

/*
 * Put v[i], the newest key, in the hash of keys, first growing it to keep
 * it half empty; 0, or -1 when out of memory.
 */
static int
slot(struct count *c, size_t i)
{
	size_t	*ns, n, k;

	if (2 * (i + 1) > c->nslot) {
		n = c->nslot > 0 ? 2 * c->nslot : 64;
		if ((ns = calloc(n, sizeof(*ns))) == NULL)
			return -1;
		free(c->slot);
		c->slot = ns;
		c->nslot = n;
		for (k = c->nknown; k < i; k++)
			place(c, k);
	}
	place(c, i);
	return 0;
}

/*
 * Add n to the count of key (p, len), making the key if it is new: a
 * known key is found by its word, another by the hash.  Returns 0, -1
 * when out of memory, -2 when the count would overflow.
 */
static int
add(struct count *c, const char *p, size_t len, tally_t n, size_t *at)
{
	struct kv	*v;
	size_t		 h;
	int		 i;

	v = NULL;
	if ((i = vocab_index(c->known, p, len)) >= 0)
		v = &c->v[i];
	h = c->nslot > 0 ? hash(p, len) & (c->nslot - 1) : 0;
	for (; v == NULL && c->nslot > 0 && c->slot[h] != 0;
	    h = (h + 1) & (c->nslot - 1))
		if (c->v[c->slot[h] - 1].len == len &&
		    memcmp(c->v[c->slot[h] - 1].key, p, len) == 0)
			v = &c->v[c->slot[h] - 1];
	if (v != NULL) {
		*at = (size_t)(v - c->v);
		return bump(v, n);
	}
	/* cap is at least nknown, never 0: every count has a known key */
	if (c->nv == c->cap) {
		if ((v = realloc(c->v, 2 * c->cap * sizeof(*v))) == NULL)
			return -1;
		c->v = v;
		c->cap *= 2;
	}
	if (newkey(&c->v[c->nv], p, len, n) == -1)
		return -1;
	*at = c->nv;
	return slot(c, c->nv++);
}

/* Add n to the count v; 0, or -2 when it would overflow. */
static int
bump(struct kv *v, tally_t n)
{
	if (v->n > (tally_t)-1 - n)
		return -2;
	v->n += n;
	return 0;
}

/*
 * Add one to the count of a record's field f, whose keys are kept by
 * their bytes (fmemo.h) as they are found: bpreport 10% fewer
 * instructions a record than finding each again.  As add().
 */
static int
addfield(struct count *c, const struct field *f)
{
	const struct fmemo_val	*found;
	struct fmemo_val	 val = { 0, 0 };
	struct fmemo_key	 k;
	size_t			 at;
	int			 kept, s;

	if ((kept = fmemo_key(f->p, f->n, &k)) &&
	    ((found = fmemo_first(&c->memo, &k)) != NULL ||
	    (found = fmemo_find(&c->memo, &k)) != NULL))
		return bump(&c->v[found->v], 1);
	if ((s = add(c, f->p, f->n, 1, &at)) != 0)
		return s;
	val.v = (long)at;
	if (kept)
		fmemo_put(&c->memo, &k, &val);
	return 0;
}

static int
newkey(struct kv *v, const char *p, size_t len, tally_t n)
{
	if ((v->key = malloc(len + 1)) == NULL)
		return -1;
	memcpy(v->key, p, len);
	v->key[len] = '\0';
	v->len = len;
	v->n = n;
	return 0;
}

int
sum_init(struct report *r)
{
	static const struct fmemo_val	 none = { 0, 0 };
	struct count			*c;
	size_t				 i;
	int				 s;

	memset(r, 0, sizeof(*r));
	for (s = 0; s < NWORK; s++) {
		r->w[s].section = works[s].section;
		r->w[s].title = works[s].title;
	}
	for (s = 0; s < NCOUNTS; s++) {
		c = &r->c[s];
		c->section = counts[s].section;
		c->known = counts[s].known;
		c->on = !counts[s].optional;
		fmemo_init(&c->memo, 0, &none);
		for (i = 0; c->known[i].s != NULL; i++)
			;
		/* the known keys, at zero, in their order */
		c->nknown = c->cap = i;
		if ((c->v = calloc(c->cap, sizeof(*c->v))) == NULL)
			return -1;
		for (c->nv = 0; c->nv < c->nknown; c->nv++)
			if (newkey(&c->v[c->nv], c->known[c->nv].s,
			    c->known[c->nv].n, 0) == -1)
				return -1;
	}
	return 0;
}

void
sum_free(struct report *r)
{
	struct count	*c;
	size_t		 i;
	int		 s;

	for (c = r->c; c < r->c + NCOUNTS; c++) {
		for (i = 0; i < c->nv; i++)
			free(c->v[i].key);
		free(c->v);
		free(c->slot);
	}
	for (s = 0; s < NWORK; s++)
		free(r->w[s].buf);
	memset(r, 0, sizeof(*r));
}

static int
bykey(const void *a, const void *b)
{
	return strcmp(((const struct kv *)a)->key, ((const struct kv *)b)->key);
}

/*
 * Other keys follow the known ones in byte order, whatever came first.
 * The hash of keys no longer holds after this: the counting is over.
 */
void
sum_order(struct report *r)
{
	struct count	*c;

	for (c = r->c; c < r->c + NCOUNTS; c++)
		if (c->nv > c->nknown)
			qsort(c->v + c->nknown, c->nv - c->nknown,
			    sizeof(*c->v), bykey);
}

/* Keep "id\tvalue\n" in work-list section w. */
static int
keep(struct work *w, const struct field *id, const struct field *value)
{
	size_t	 need = id->n + value->n + 2;
	char	*b;

	if (w->len + need > w->cap) {
		w->cap = w->cap > 0 ? 2 * w->cap : 4096;
		while (w->len + need > w->cap)
			w->cap *= 2;
		if ((b = realloc(w->buf, w->cap)) == NULL)
			return -1;
		w->buf = b;
	}
	memcpy(w->buf + w->len, id->p, id->n);
	w->len += id->n;
	w->buf[w->len++] = '\t';
	memcpy(w->buf + w->len, value->p, value->n);
	w->len += value->n;
	w->buf[w->len++] = '\n';
	w->n++;
	return 0;
}

int
work_next(const struct work *w, size_t *pos, struct field *id,
    struct field *value)
{
	const char	*p, *tab, *nl;

	if (*pos >= w->len)
		return 0;
	/* neither an id nor a value holds a TAB or LF: fields of a line */
	p = w->buf + *pos;
	tab = memchr(p, '\t', w->len - *pos);
	nl = memchr(tab + 1, '\n', (size_t)(w->buf + w->len - tab - 1));
	id->p = p;
	id->n = (size_t)(tab - p);
	value->p = tab + 1;
	value->n = (size_t)(nl - tab - 1);
	*pos = (size_t)(nl - w->buf) + 1;
	return 1;
}


/* The work-list sections a record belongs in, as 1 << W_*. */
static unsigned
sections(const struct field *f)
{
	unsigned	w = 0;

	if (field_has(&f[P_LEVEL], "emergency") ||
	    field_has(&f[P_DISPOSITION], "emergency"))
		w |= 1U << W_EMERGENCY;
	else if (field_has(&f[P_LEVEL], "urgent") ||
	    field_has(&f[P_DISPOSITION], "urgent"))
		w |= 1U << W_URGENT;
	/* a question left open could make it an emergency */
	if (field_has(&f[P_WORST], "emergency") &&
	    !field_has(&f[P_LEVEL], "emergency"))
		w |= 1U << W_UNSCREENED;
	return w;
}

int
sum_invalid(const struct field *f)
{
	static const int checked[] = {
		P_PHASE, P_PATTERN, P_STARTBACK, P_ODI, P_DISABILITY, P_PROGRESS
	};
	size_t	i;

	for (i = 0; i < sizeof(checked) / sizeof(checked[0]); i++)
		if (f[checked[i]].n == 7 &&
		    memcmp(f[checked[i]].p, "invalid", 7) == 0)
			return 1;
	return 0;
}

int
sum_record(struct report *r, const struct field *f, int problem)
{
	static const int counted[NCOUNTS] = {
		-1, -1, P_LEVEL, P_PHASE, P_PATTERN, P_STARTBACK, P_DISPOSITION,
		P_PROGRESS
	};
	unsigned	 w;
	int		 s;

	/* "total", the one known key of both */
	bump(&r->c[S_RECORDS].v[0], 1);
	bump(&r->c[S_PROBLEMS].v[0], (tally_t)problem);
	for (s = S_LEVEL; s < NCOUNTS; s++) {
		if (f[counted[s]].p == NULL)	/* progress, absent */
			continue;
		r->c[s].on = 1;
		if (addfield(&r->c[s], &f[counted[s]]) == -1)
			return -1;
	}
	w = sections(f);
	if (((w & 1U << W_EMERGENCY) &&
	    keep(&r->w[W_EMERGENCY], &f[P_ID], &f[P_FLAGS]) == -1) ||
	    ((w & 1U << W_URGENT) &&
	    keep(&r->w[W_URGENT], &f[P_ID], &f[P_FLAGS]) == -1) ||
	    ((w & 1U << W_UNSCREENED) &&
	    keep(&r->w[W_UNSCREENED], &f[P_ID], &f[P_UNSCREENED]) == -1))
		return -1;
	return problem;
}

/*
 * A summary line that --merge cannot add up: "FILE:LINE: column: what"
 * and the value in quotes.  Fatal, so -q, which silences warnings about
 * values, does not silence it.  Returns 2.
 */
static int
badline(const char *file, unsigned long line, const char *column,
    const char *what, const struct field *v)
{
	char	echo[DIAG_ECHOSZ];

	if (v->n > 0)
		diag_at(file, line, "%s: %s: %s", column, what,
		    diag_echo(echo, v->p, v->n, 1));
	else
		diag_at(file, line, "%s: %s", column, what);
	return 2;
}

/* Add the count of a summary line (section, key, value) to c. */
static int
bycount(struct count *c, const struct field *f, const char *file,
    unsigned long line)
{
	const struct field	*v = &f[2];
	tally_t			 x = 0;
	size_t			 i, at;
	int			 e;

	for (i = 0; i < v->n; i++) {
		if (v->p[i] < '0' || v->p[i] > '9' ||
		    x > ((tally_t)-1 - (tally_t)(v->p[i] - '0')) / 10)
			break;
		x = x * 10 + (tally_t)(v->p[i] - '0');
	}
	if (v->n == 0 || i < v->n)
		return badline(file, line, "value", "not a count", v);
	if ((e = add(c, f[1].p, f[1].n, x, &at)) == -2)
		return badline(file, line, "value", "the sum is too large", v);
	return e;
}

int
sum_merge(struct report *r, const struct field *f, const char *file,
    unsigned long line)
{
	int	s;

	for (s = 0; s < NCOUNTS; s++)
		if (strlen(r->c[s].section) == f[0].n &&
		    memcmp(r->c[s].section, f[0].p, f[0].n) == 0) {
			r->c[s].on = 1;
			return bycount(&r->c[s], f, file, line);
		}
	for (s = 0; s < NWORK; s++)
		if (strlen(r->w[s].section) == f[0].n &&
		    memcmp(r->w[s].section, f[0].p, f[0].n) == 0)
			return keep(&r->w[s], &f[1], &f[2]);
	return badline(file, line, "section", "not a summary section", &f[0]);
}
