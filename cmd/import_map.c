/*
 * bpimport: the map file, bp-map(5).  Read whole and checked before
 * any record: a row naming an unknown column or word refuses the map,
 * with its line.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "import.h"
#include "intake.h"
#include "tsv.h"
#include "value.h"

enum { F_KIND, F_COLUMN, F_FROM, F_TO, NFIELD };

static const char *const fields[NFIELD] = { "kind", "column", "from", "to" };

/* A rename (col -1) or a value row of column col. */
struct row {
	int		 col;
	char		*from;
	char		*to;
	unsigned long	 line;
};

struct map {
	const char	*name;
	struct row	*row;		/* by column, then line, once loaded */
	size_t		 nrow, cap;
	size_t		 first[NCOL], count[NCOL];	/* column c's rows */
	unsigned long	 line;		/* of the problem */
	char		*why;
};

static int	 lower(int);
static int	 same(const char *, const char *, size_t);
static int	 bycol(const void *, const void *);
static int	 bad(struct map *, const char *, ...);
static char	*copy(const char *, size_t);
static int	 add(struct map *, int, const char *, size_t, const char *,
		    size_t);
static int	 target(const char *, size_t);
static int	 renamerow(struct map *, const char *, size_t, const char *,
		    size_t);
static int	 valuerows(struct map *, const char *, size_t, const char *,
		    size_t, const char *, size_t);
static int	 valuerow(struct map *, int, const char *, size_t,
		    const char *, size_t);
static int	 readrows(struct map *, struct tsv *);

/* A byte with ASCII letters in lower case. */
static int
lower(int c)
{
	return (unsigned)c - 'A' < 26 ? c + ('a' - 'A') : c;
}

/* 1 if the answer s is (p, n), spaces around it and case set aside. */
static int
same(const char *s, const char *p, size_t n)
{
	size_t	i;

	val_trim(&p, &n);
	for (i = 0; i < n; i++)
		if (s[i] == '\0' || lower((unsigned char)s[i]) !=
		    lower((unsigned char)p[i]))
			return 0;
	return s[n] == '\0';
}

static int
bad(struct map *m, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(m->why, 160, fmt, ap);
	va_end(ap);
	return -1;
}

static char *
copy(const char *p, size_t n)
{
	char	*s;

	if ((s = malloc(n + 1)) != NULL) {
		memcpy(s, p, n);
		s[n] = '\0';
	}
	return s;
}

/* Add a row, (from, to) trimmed; refuse a second row for one answer. */
static int
add(struct map *m, int col, const char *from, size_t fn, const char *to,
    size_t tn)
{
	char	 buf[DIAG_ECHOSZ];
	size_t	 i;

	val_trim(&from, &fn);
	for (i = 0; i < m->nrow; i++)
		if (m->row[i].col == col && same(m->row[i].from, from, fn))
			return bad(m, "%s mapped twice (first on line %lu)",
			    diag_echo(buf, from, fn, 1), m->row[i].line);
	if (m->nrow == m->cap) {
		m->cap = m->cap > 0 ? 2 * m->cap : 64;
		if ((m->row = realloc(m->row, m->cap * sizeof(*m->row))) ==
		    NULL)
			return bad(m, "%s", strerror(ENOMEM));
	}
	m->row[m->nrow].col = col;
	m->row[m->nrow].line = m->line;
	m->row[m->nrow].from = copy(from, fn);
	m->row[m->nrow].to = copy(to, tn);
	if (m->row[m->nrow].from == NULL || m->row[m->nrow].to == NULL)
		return bad(m, "%s", strerror(ENOMEM));
	m->nrow++;
	return 0;
}

/*
 * 1 if (p, n) names what a column may be renamed to: an intake column,
 * or NAME___CODE, a checkbox of list column NAME.
 */
static int
target(const char *p, size_t n)
{
	const char	*u;
	int		 c;

	if (vocab_index(col_words, p, n) >= 0)
		return 1;
	for (u = p; u + 3 < p + n && memcmp(u, "___", 3) != 0; u++)
		;
	if (u + 3 >= p + n)
		return 0;
	c = vocab_index(col_words, p, (size_t)(u - p));
	return c >= 0 && in_type(c) == T_SET;
}

static int
renamerow(struct map *m, const char *from, size_t fn, const char *to,
    size_t tn)
{
	char	buf[DIAG_ECHOSZ];

	val_trim(&to, &tn);
	if (!target(to, tn))
		return bad(m, "unknown column %s", diag_echo(buf, to, tn, 1));
	return add(m, -1, from, fn, to, tn);
}

/* A value row for each column of the comma list cols. */
static int
valuerows(struct map *m, const char *cols, size_t cn, const char *from,
    size_t fn, const char *to, size_t tn)
{
	struct items	 it;
	const char	*p;
	char		 buf[DIAG_ECHOSZ];
	size_t		 n;
	int		 c;

	items_init(&it, cols, cn);
	while (items_next(&it, &p, &n)) {
		val_trim(&p, &n);
		if ((c = vocab_index(col_words, p, n)) < 0)
			return bad(m, "unknown column %s",
			    diag_echo(buf, p, n, 1));
		if (in_type(c) == T_TEXT)
			return bad(m, "%s: answers are not mapped",
			    col_words[c].s);
		if (valuerow(m, c, from, fn, to, tn) == -1)
			return -1;
	}
	return 0;
}

/* One value row: to must be an answer of column c, as bp(7) spells it. */
static int
valuerow(struct map *m, int c, const char *from, size_t fn, const char *to,
    size_t tn)
{
	const char	*out;
	char		 buf[IV_BUFSZ], echo[DIAG_ECHOSZ];
	size_t		 n;
	int		 i;

	val_trim(&to, &tn);
	if (in_type(c) == T_SET) {
		if ((i = iv_item(NULL, c, to, tn)) < 0)
			return bad(m, "%s is not a word of %s",
			    diag_echo(echo, to, tn, 1), col_words[c].s);
		out = iv_list(c)[i].s;
		n = iv_list(c)[i].n;
	} else if (tn == 0 || iv_map(NULL, c, DATES_YMD, to, tn, buf, &out,
	    &n) == IV_LEFT)
		return bad(m, "%s is not an answer of %s",
		    diag_echo(echo, to, tn, 1), col_words[c].s);
	return add(m, c, from, fn, out, n);
}

static int
readrows(struct map *m, struct tsv *t)
{
	const char	*f[NFIELD];
	char		 buf[DIAG_ECHOSZ];
	size_t		 n[NFIELD], k;
	int		 col[NFIELD], s;

	for (k = 0; k < NFIELD; k++)
		if ((col[k] = tsv_col(t, fields[k])) < 0)
			return bad(m, "no column %s", fields[k]);
	while ((s = tsv_next(t)) != TSV_EOF) {
		m->line = t->line;
		if (s != TSV_REC)
			return bad(m, "%s", t->why != NULL ? t->why :
			    strerror(t->err));
		for (k = 0; k < NFIELD; k++)
			f[k] = tsv_field(t, (size_t)col[k], &n[k]);
		if (n[F_FROM] == 0)
			return bad(m, "empty from");
		if (n[F_KIND] == 6 && memcmp(f[F_KIND], "rename", 6) == 0)
			s = renamerow(m, f[F_FROM], n[F_FROM], f[F_TO], n[F_TO]);
		else if (n[F_KIND] == 5 && memcmp(f[F_KIND], "value", 5) == 0)
			s = valuerows(m, f[F_COLUMN], n[F_COLUMN], f[F_FROM],
			    n[F_FROM], f[F_TO], n[F_TO]);
		else
			return bad(m, "unknown kind %s (rename or value)",
			    diag_echo(buf, f[F_KIND], n[F_KIND], 1));
		if (s == -1)
			return -1;
	}
	return 0;
}

struct map *
map_load(const char *path, unsigned long *line, char *why)
{
	struct map	*m;
	struct tsv	 t;
	size_t		 k;
	int		 s = -1;

	*line = 0;
	if ((m = calloc(1, sizeof(*m))) == NULL) {
		snprintf(why, 160, "%s", strerror(ENOMEM));
		return NULL;
	}
	m->name = path;
	m->why = why;
	if (tsv_open(&t, (char **)&path, 1) == -1)
		snprintf(why, 160, "%s", t.why != NULL ? t.why :
		    strerror(t.err));
	else if ((s = tsv_header(&t)) != 1) {
		m->line = t.line;
		snprintf(why, 160, "%s", s == 0 ? "empty map" : t.why !=
		    NULL ? t.why : strerror(t.err));
		s = -1;
	} else {
		m->line = 1;
		s = readrows(m, &t);
	}
	tsv_close(&t);
	*line = m->line;
	if (s == -1) {
		map_free(m);
		return NULL;
	}
	/* a column's answers together: a record looks up only its own */
	qsort(m->row, m->nrow, sizeof(*m->row), bycol);
	for (k = m->nrow; k-- > 0;)
		if (m->row[k].col >= 0) {
			m->first[m->row[k].col] = k;
			m->count[m->row[k].col]++;
		}
	return m;
}

static int
bycol(const void *a, const void *b)
{
	const struct row	*x = a, *y = b;

	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

const char *
map_rename(const struct map *m, const char *name, unsigned long *line)
{
	size_t	i;

	for (i = 0; m != NULL && i < m->nrow; i++)
		if (m->row[i].col == -1 &&
		    same(m->row[i].from, name, strlen(name))) {
			*line = m->row[i].line;
			return m->row[i].to;
		}
	return NULL;
}

const char *
map_value(const struct map *m, enum col c, const char *p, size_t n)
{
	size_t	i;

	for (i = m->first[c]; i < m->first[c] + m->count[c]; i++)
		if (same(m->row[i].from, p, n))
			return m->row[i].to;
	return NULL;
}

int
map_has(const struct map *m, enum col c)
{
	return m != NULL && m->count[c] > 0;
}

const char *
map_name(const struct map *m)
{
	return m->name;
}

void
map_free(struct map *m)
{
	size_t	i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nrow; i++) {
		free(m->row[i].from);
		free(m->row[i].to);
	}
	free(m->row);
	free(m);
}
