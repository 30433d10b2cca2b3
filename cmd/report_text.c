/*
 * report_text: bpreport's summary and work list, as text for a terminal
 * or as TSV (bpreport(1)).
 */
#include <string.h>

#include "flags.h"
#include "out.h"
#include "report.h"
#include "value.h"

static void	bar(const char *, tally_t, tally_t, int, int);
static void	flagwords(const struct field *);
static void	asked(const struct field *);

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
flagwords(const struct field *f)
{
	const struct flag	*fl;
	struct items		 it;
	const char		*p;
	size_t			 n;
	int			 first = 1;

	if (f->n == 4 && memcmp(f->p, "none", 4) == 0) {
		out_str("no flag recorded");
		return;
	}
	items_init(&it, f->p, f->n);
	while (items_next(&it, &p, &n)) {
		if (!first)
			out_str("; ");
		first = 0;
		if ((fl = flag_find(p, n)) != NULL)
			out_printf("%s (%s)", fl->name, fl->concern);
		else
			out_write(p, n);
	}
}

/* The cauda equina questions an unscreened list holds, in words. */
static void
asked(const struct field *f)
{
	int	saddle = field_has(f, "saddle_numbness");

	out_str("not answered or unreadable: ");
	if (saddle)
		out_str("saddle numbness");
	if (field_has(f, "bladder_bowel"))
		out_str(saddle ? ", bladder or bowel control" :
		    "bladder or bowel control");
}

void
text_report(const struct report *r)
{
	const struct count	*c;
	struct field		 id, v;
	tally_t			 records = r->c[S_RECORDS].v[0].n;
	size_t			 k, pos;
	int			 s, room, calls = 0;

	room = r->width - 34;
	if (room < 10)
		room = 10;
	out_printf("Batch summary: %llu records, %llu with problems\n",
	    records, r->c[S_PROBLEMS].v[0].n);
	for (c = r->c + S_LEVEL; c < r->c + NCOUNTS; c++) {
		out_printf("\n%s\n", c->section);
		for (k = 0; k < c->nv; k++)
			bar(c->v[k].key, c->v[k].n, records, room, r->u8bars);
	}
	out_str("\nWork list: people to call today\n");
	for (s = 0; s < NWORK; s++) {
		calls += r->w[s].n > 0;
		out_printf("\n%s (%zu)\n", r->w[s].title, r->w[s].n);
		for (pos = 0; work_next(&r->w[s], &pos, &id, &v); ) {
			out_str("  ");
			out_write(id.p, id.n);
			out_str("  ");
			if (s == W_UNSCREENED)
				asked(&v);
			else
				flagwords(&v);
			out_byte('\n');
		}
	}
	if (!calls)
		out_str("\nNo one on the work list today.\n");
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
		for (k = 0; k < c->nv; k++) {
			out_str(c->section);
			out_byte('\t');
			out_str(c->v[k].key);
			out_printf("\t%llu\n", c->v[k].n);
		}
	for (s = 0; s < NWORK; s++)
		for (pos = 0; work_next(&r->w[s], &pos, &id, &v); ) {
			out_str(r->w[s].section);
			out_byte('\t');
			out_write(id.p, id.n);
			out_byte('\t');
			out_write(v.p, v.n);
			out_byte('\n');
		}
}
