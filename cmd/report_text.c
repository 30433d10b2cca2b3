/*
 * report_text: bpreport's summary and work list, as text for a terminal
 * or as TSV (bpreport(1)); the wrapped text both it and the plans
 * write; and how a plan's blocks look as text.
 */
#include <stdio.h>
#include <string.h>

#include "flags.h"
#include "out.h"
#include "report.h"
#include "value.h"

#define INDENT_MAX	24	/* of a work list item's later lines */
#define WRAP		72	/* plan text width */

static void	bar(const struct kv *, tally_t, size_t, int, int);
static void	flagwords(struct wrap *, const struct field *);
static void	asked(struct wrap *, const struct field *);
static void	item(const struct report *, int, const struct field *,
		    const struct field *);
static void	tbegin(struct doc *, int);
static void	topen(struct doc *, enum block);
static void	tclose(struct doc *, enum block);
static void	tend(struct doc *);
static void	tkeep(struct doc *, const char *, size_t);

const struct docfmt	text_doc = { tbegin, topen, tclose, tend, tkeep };

void
text_put(const char *p, size_t n)
{
	size_t	i, k;

	for (i = 0; i < n && (unsigned char)p[i] >= 0x20 && p[i] != 0x7f; i++)
		;
	if (i == n) {
		out_write(p, n);
		return;
	}
	for (i = 0; i < n; i = k + 1) {
		for (k = i; k < n && (unsigned char)p[k] >= 0x20 &&
		    p[k] != 0x7f; k++)
			;
		out_write(p + i, k - i);
		if (k < n)
			out_byte('?');
	}
}

void
wrap_start(struct wrap *w, int width, const char *first, const char *indent)
{
	w->width = width;
	w->indent = indent;
	w->words = 0;
	w->tail = 0;
	w->col = (int)strlen(first);
	w->put = text_put;
	out_str(first);
}

void
wrap_words(struct wrap *w, const char *p, size_t n)
{
	const char	*end = p + n, *sp;
	size_t		 len;

	while (end > p && end[-1] == ' ')
		end--;
	for (; p < end; p = sp) {
		while (p < end && *p == ' ')
			p++;
		/* words are short: a loop, not a call to memchr(3) */
		for (sp = p; sp < end && *sp != ' '; sp++)
			;
		len = (size_t)(sp - p);
		if (w->words > 0 && w->col + 1 + (int)len +
		    (sp == end ? w->tail : 0) > w->width) {
			out_byte('\n');
			out_str(w->indent);
			w->col = (int)strlen(w->indent);
			w->words = 0;
		} else if (w->words > 0) {
			out_byte(' ');
			w->col++;
		}
		w->put(p, len);
		w->col += (int)len;
		w->words++;
	}
}

void
wrap_put(struct wrap *w, const char *p, size_t n)
{
	w->put(p, n);
	w->col += (int)n;
}

void
wrap_glue(struct wrap *w, const char *s)
{
	wrap_put(w, s, strlen(s));
}

void
wrap_items(struct wrap *w, const char *p, size_t n, const char *sep,
    void (*words)(const char **, size_t *))
{
	struct items	 it;
	const char	*q, *next;
	size_t		 m, nextn;
	int		 more;

	items_init(&it, p, n);
	for (more = items_next(&it, &next, &nextn); more; ) {
		q = next;
		m = nextn;
		more = items_next(&it, &next, &nextn);
		words(&q, &m);
		w->tail = more ? (int)strlen(sep) : 0;
		wrap_words(w, q, m);
		w->tail = 0;
		if (more)
			wrap_glue(w, sep);
	}
}

void
wrap_end(struct wrap *w)
{
	(void)w;
	out_byte('\n');
}

double
share(tally_t n, tally_t all)
{
	return all > 0 ? 100.0 * (double)n / (double)all : 0.0;
}

/* One value's line of a count: its key in a column keyw wide, then room. */
static void
bar(const struct kv *v, tally_t of, size_t keyw, int room, int u8)
{
	int	len, i;

	out_str("  ");
	text_put(v->key, v->len);
	out_printf("%*s %7llu %5.1f%%", (int)(keyw - v->len), "", v->n,
	    share(v->n, of));
	/* merged summaries may claim more than their records: cap it */
	len = of == 0 ? 0 : v->n >= of ? room :
	    (int)((double)v->n * room / (double)of + 0.5);
	if (len == 0 && v->n > 0)
		len = 1;
	if (len > 0)
		out_str("  ");
	for (i = 0; i < len; i++)
		out_str(u8 ? "\xe2\x96\x88" : "#");
	out_byte('\n');
}

/*
 * The words of flag fl in a work list, "name (concern)" with the name
 * spaced, *n bytes: made once for each flag, as a work list names a
 * flag for a good part of its records (bpreport 12% fewer instructions
 * a record).
 */
static const char *
label(const struct flag *fl, size_t *n)
{
	static char	 buf[32][192];
	static size_t	 len[32];
	size_t		 i = (size_t)(fl - flag_table);
	char		*p;

	if (len[i] == 0) {
		len[i] = (size_t)snprintf(buf[i], sizeof(buf[i]), "%s (%s)",
		    fl->name, fl->concern);
		for (p = buf[i]; (p = strchr(p, '_')) != NULL; )
			*p = ' ';
	}
	*n = len[i];
	return buf[i];
}

/* A flag's name in a work list: its label() if it is one. */
static void
flagword(const char **p, size_t *n)
{
	const struct flag	*fl;

	if ((fl = flag_find(*p, *n)) != NULL)
		*p = label(fl, n);
}

/* A flag list in words: "name (concern); ...", names spaced. */
static void
flagwords(struct wrap *w, const struct field *f)
{
	if (f->n == 4 && memcmp(f->p, "none", 4) == 0)
		wrap_words(w, "no flag recorded", 16);
	else
		wrap_items(w, f->p, f->n, ";", flagword);
}

/* The questions an unscreened list holds, in plain words. */
static void
asked(struct wrap *w, const struct field *f)
{
	wrap_words(w, "not answered or unreadable:", 27);
	wrap_items(w, f->p, f->n, ";", flags_plain);
}

/* One line of the work list, wrapped to the terminal, never cut. */
static void
item(const struct report *r, int s, const struct field *id,
    const struct field *v)
{
	static const char	spaces[] = "                        ";
	struct wrap		 w;
	size_t			 ind = id->n + 4;

	/* the later lines under the text, but not so far on a narrow one */
	if (ind > INDENT_MAX)
		ind = INDENT_MAX;
	if (ind > (size_t)r->width / 4)
		ind = (size_t)r->width / 4;
	wrap_start(&w, r->width, "  ", spaces + INDENT_MAX - ind);
	text_put(id->p, id->n);
	out_str("  ");
	w.col += (int)id->n + 2;
	w.words = 0;
	work_words(&w, s, v);
	wrap_end(&w);
}

void
work_words(struct wrap *w, int s, const struct field *v)
{
	if (s == W_UNSCREENED)
		asked(w, v);
	else
		flagwords(w, v);
}

void
text_report(const struct report *r)
{
	const struct count	*c;
	struct field		 id, v;
	struct wrap		 w;
	char			 title[128];
	tally_t			 records = r->c[S_RECORDS].v[0].n;
	size_t			 k, pos, keyw;
	int			 s, room, calls = 0;

	snprintf(title, sizeof(title), SUM_TITLE, records,
	    r->c[S_PROBLEMS].v[0].n);
	wrap_start(&w, r->width, "", "");
	wrap_words(&w, title, strlen(title));
	wrap_end(&w);
	for (c = r->c + S_LEVEL; c < r->c + NCOUNTS; c++) {
		if (!c->on)
			continue;
		out_printf("\n%s\n", c->section);
		/* the keys in a column as wide as the longest, at least 12 */
		for (keyw = 12, k = 0; k < c->nv; k++)
			if (c->v[k].len > keyw)
				keyw = c->v[k].len;
		/* the bar's room on the line, 3 columns to spare */
		room = r->width - (int)keyw - 22;
		if (room < 1)
			room = 1;
		for (k = 0; k < c->nv; k++)
			bar(&c->v[k], records, keyw, room, r->u8bars);
	}
	out_str("\n" SUM_WORK "\n");
	for (s = 0; s < NWORK; s++) {
		calls += r->w[s].n > 0;
		snprintf(title, sizeof(title), "%s (%zu)", r->w[s].title,
		    r->w[s].n);
		wrap_start(&w, r->width, "\n", "  ");
		w.col = 0;
		wrap_words(&w, title, strlen(title));
		wrap_end(&w);
		for (pos = 0; work_next(&r->w[s], &pos, &id, &v); )
			item(r, s, &id, &v);
	}
	if (!calls)
		out_str("\n" SUM_NOONE "\n");
}

/* A plan as text: one person a sheet, each block as it is wrapped. */
static void
tbegin(struct doc *d, int first)
{
	(void)d;
	if (!first)
		out_byte('\f');
}

static void
topen(struct doc *d, enum block b)
{
	static const struct {
		int		 blank;		/* a blank line before */
		int		 width;
		const char	*first, *indent;
	} look[] = {
		[B_TITLE] = { 0, NOWRAP, "", "" },
		[B_HEAD] = { 1, NOWRAP, "", "" },
		[B_PARA] = { 0, WRAP, "  ", "  " },
		[B_NEXT] = { 0, WRAP, "  ", "  " },
		[B_NET] = { 0, WRAP, "  ", "  " },
		[B_ITEM] = { 0, WRAP, "  - ", "    " },
		[B_STEP] = { 0, NOWRAP, "", "" },
		[B_STEPTEXT] = { 0, WRAP, "     ", "     " },
		[B_NOTE] = { 1, WRAP, "", "" }
	};

	if (look[b].blank)
		out_byte('\n');
	if (b == B_STEP)
		out_printf("  %d. ", ++d->step);
	wrap_start(&d->w, look[b].width, look[b].first, look[b].indent);
}

static void
tclose(struct doc *d, enum block b)
{
	(void)b;
	wrap_end(&d->w);
}

static void
tend(struct doc *d)
{
	(void)d;
}

static void
tkeep(struct doc *d, const char *p, size_t n)
{
	wrap_put(&d->w, p, n);
}

void
tsv_report(const struct report *r)
{
	const struct count	*c;
	struct field		 id, v;
	size_t			 k, pos;
	int			 s;

	out_str("section\tkey\tvalue\n");
	for (c = r->c; c < r->c + NCOUNTS; c++)
		for (k = 0; c->on && k < c->nv; k++) {
			out_str(c->section);
			out_byte('\t');
			out_write(c->v[k].key, c->v[k].len);
			out_printf("\t%llu\n", c->v[k].n);
		}
	for (s = 0; s < NWORK; s++)
		for (pos = 0; work_next(&r->w[s], &pos, &id, &v); ) {
			/* a CR ending the line would not be read back */
			while (v.n > 0 && v.p[v.n - 1] == '\r')
				v.n--;
			out_str(r->w[s].section);
			out_byte('\t');
			out_write(id.p, id.n);
			out_byte('\t');
			out_write(v.p, v.n);
			out_byte('\n');
		}
}
