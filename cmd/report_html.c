/*
 * report_html: bpreport's summary, work list and plans as one HTML5 page
 * (bpreport(1), -f html): no script and nothing loaded from elsewhere,
 * its style inline, its bars drawn by CSS, each plan on a printed page of
 * its own.  The words are those of the text report; only the markup is
 * made here.
 */
#include <string.h>

#include "out.h"
#include "report.h"

/*
 * The style of every page.  Bars are drawn as a border, which prints
 * even where a browser leaves backgrounds out; long words wrap anywhere,
 * so that no id runs off a phone's screen or a sheet's margin.
 */
static const char	style[] =
":root{color-scheme:light}\n"
"html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
"body{margin:0;background:#fff;color:#1b1b1b;font-family:system-ui,"
"-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",\"Liberation Sans\","
"Arial,sans-serif;font-size:1rem;line-height:1.5}\n"
"main{max-width:46rem;margin:0 auto;padding:1rem 1.25rem 2.5rem}\n"
"h1,h2,h3,h4,p,li,th,td{overflow-wrap:anywhere}\n"
".keep{display:inline-block;max-width:100%}\n"
"h1{font-size:1.5rem;line-height:1.25;margin:.75rem 0 1rem}\n"
"h2{font-size:1.25rem;line-height:1.3;margin:2rem 0 .5rem}\n"
"h3{font-size:1.05rem;line-height:1.3;margin:1.4rem 0 .4rem}\n"
"p{margin:.4rem 0}\n"
"ul,ol{margin:.4rem 0;padding-left:1.6rem}\n"
"ol{padding-left:2.2rem}\n"
"li{margin:.35rem 0}\n"
"table{border-collapse:collapse;width:100%}\n"
"th,td{text-align:left;vertical-align:top;padding:.25rem .6rem .25rem 0}\n"
".counts{display:grid;grid-template-columns:repeat(auto-fill,"
"minmax(19rem,1fr));column-gap:2.5rem}\n"
".counts h2{margin-top:1.25rem}\n"
".bars th{font-weight:normal;width:7.5rem;padding-top:.1rem;"
"padding-bottom:.1rem}\n"
".bars td{padding-top:.1rem;padding-bottom:.1rem}\n"
".bars .n{text-align:right;width:2.5rem;font-variant-numeric:"
"tabular-nums;white-space:nowrap}\n"
".bars .pc{width:3.5rem}\n"
".bars .bar{vertical-align:middle;padding-right:0}\n"
".bars .bar div{height:0;min-width:3px;border-top:.85rem solid #2d5d8b}\n"
".people th{width:6rem;font-weight:600}\n"
".people tr{border-top:1px solid #d0d0d0}\n"
".work.emergency h3{color:#a00000}\n"
".plan h2{margin-top:0;padding-bottom:.3rem;border-bottom:2px solid "
"#1b1b1b}\n"
".plan ol>li{margin:.75rem 0}\n"
".plan ol>li::marker{font-weight:600}\n"
".plan ol>li>p{margin:.15rem 0}\n"
".plan ol>li>p:first-child{font-weight:600}\n"
".plan .next{font-weight:600;border-left:4px solid #2d5d8b;"
"padding-left:.6rem}\n"
".plan .net{border:2px solid #a00000;border-radius:4px;padding:.5rem .75rem}\n"
".plan .note{margin-top:1.5rem;font-style:italic}\n"
".sign{margin-top:1.5rem}\n"
".sign th{font-weight:normal;width:1%;padding-top:1.3rem;"
"white-space:nowrap;vertical-align:bottom}\n"
".sign td{border-bottom:1px solid #1b1b1b}\n"
".sign td.date{width:25%}\n"
".plan+.plan{break-before:page;page-break-before:always}\n"
"h2,h3{break-after:avoid;page-break-after:avoid}\n"
"li,tr,.sign{break-inside:avoid;page-break-inside:avoid}\n"
".note{break-after:avoid;page-break-after:avoid}\n"
"@media screen{.plan+.plan{margin-top:3rem;padding-top:2rem;"
"border-top:6px double #9a9a9a}}\n"
"@media (max-width:32rem){main{padding:.75rem .9rem 2rem}"
"ol{padding-left:1.9rem}}\n"
"@media print{html{font-size:10.5pt}main{max-width:none;padding:0}"
"p,li{margin:.3rem 0}h3{margin-top:1.1rem}}\n"
"@page{margin:15mm}\n";

static size_t	utf8len(const unsigned char *, size_t);
static void	hbegin(struct doc *, int);
static void	hopen(struct doc *, enum block);
static void	hclose(struct doc *, enum block);
static void	hend(struct doc *);
static void	hkeep(struct doc *, const char *, size_t);
static void	endlist(struct doc *);
static void	hwrap(struct wrap *);
static void	bars(const struct count *, tally_t);
static void	work(const struct work *, int);

const struct docfmt	html_doc = { hbegin, hopen, hclose, hend, hkeep };

/*
 * 1 if HTML text may hold byte c as it is: printable ASCII but markup.
 * A table, not tests of c: bpreport -f html 3% fewer instructions a
 * record.
 */
static const unsigned char	plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	/* 0x80 and up: 0 */
};

/*
 * The length of the UTF-8 character at p (n bytes left), or 0 when the
 * bytes there are not one: a stray continuation byte, a sequence cut
 * short, an overlong form, a surrogate or a code point past U+10FFFF
 * (RFC 3629).  A noncharacter, which HTML does not allow as text, also
 * gives 0.
 */
static size_t
utf8len(const unsigned char *p, size_t n)
{
	unsigned long	c;
	size_t		len, i;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, c = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, c = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, c = p[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) ||
	    (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe)
		return 0;
	return len;
}

void
html_put(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, k, len;

	for (i = 0; i < n; i = k) {
		for (k = i; k < n && plain[p[k]]; k++)
			;
		out_write(p + i, k - i);
		if (k == n)
			break;
		switch (p[k]) {
		case '<':
			out_str("&lt;");
			break;
		case '>':
			out_str("&gt;");
			break;
		case '&':
			out_str("&amp;");
			break;
		case '"':
			out_str("&quot;");
			break;
		case '\'':
			out_str("&#39;");
			break;
		default:
			if (p[k] < 0x80 || (p[k] == 0xc2 && k + 1 < n &&
			    p[k + 1] >= 0x80 && p[k + 1] <= 0x9f)) {
				/* a control, C0 or C1: a ? as in text */
				out_byte('?');
				k += p[k] >= 0x80;
			} else if ((len = utf8len(p + k, n - k)) > 0) {
				out_write(p + k, len);
				k += len - 1;
			} else
				out_str("\xef\xbf\xbd");
		}
		k++;
	}
}

void
html_begin(const char *title)
{
	out_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>");
	out_str(title);
	out_str("</title>\n<style>\n");
	out_str(style);
	out_str("</style>\n</head>\n<body>\n<main>\n");
}

void
html_end(void)
{
	out_str("</main>\n</body>\n</html>\n");
}

/* A wrap for HTML: escaped, never cut into lines. */
static void
hwrap(struct wrap *w)
{
	wrap_start(w, NOWRAP, "", "");
	w->put = html_put;
}

/* A plan: a section of the page, on a printed page of its own (style). */
static void
hbegin(struct doc *d, int first)
{
	(void)d;
	(void)first;
	out_str("<section class=\"plan\">\n");
}

static void
endlist(struct doc *d)
{
	if (d->list == B_ITEM)
		out_str("</ul>\n");
	else if (d->list == B_STEP)
		out_str("</li>\n</ol>\n");
	d->list = -1;
}

static void
hopen(struct doc *d, enum block b)
{
	static const char *const tag[] = {
		[B_TITLE] = "<h2>", [B_HEAD] = "<h3>", [B_PARA] = "<p>",
		[B_NEXT] = "<p class=\"next\">", [B_NET] = "<p class=\"net\">",
		[B_ITEM] = "<li>", [B_STEP] = "<li><p>",
		[B_STEPTEXT] = "<p>", [B_NOTE] = "<p class=\"note\">"
	};

	if (b == B_STEP && d->list == B_STEP)
		out_str("</li>\n");
	else if (b != B_STEPTEXT && (int)b != d->list) {
		endlist(d);
		if (b == B_ITEM)
			out_str("<ul>\n");
		else if (b == B_STEP)
			out_str("<ol>\n");
		if (b == B_ITEM || b == B_STEP)
			d->list = b;
	}
	out_str(tag[b]);
	hwrap(&d->w);
}

static void
hclose(struct doc *d, enum block b)
{
	static const char *const tag[] = {
		[B_TITLE] = "</h2>\n", [B_HEAD] = "</h3>\n",
		[B_PARA] = "</p>\n", [B_NEXT] = "</p>\n", [B_NET] = "</p>\n",
		[B_ITEM] = "</li>\n",
		[B_STEP] = "</p>\n",
		[B_STEPTEXT] = "</p>\n", [B_NOTE] = "</p>\n"
	};

	(void)d;
	out_str(tag[b]);
}

/* The plan ends with lines for the clinician who reviews it. */
static void
hend(struct doc *d)
{
	endlist(d);
	out_str("<table class=\"sign\">\n"
	    "<tr><th scope=\"row\">Reviewed by (clinician)</th>"
	    "<td colspan=\"3\"></td></tr>\n"
	    "<tr><th scope=\"row\">Signature</th><td></td>"
	    "<th scope=\"row\">Date</th><td class=\"date\"></td></tr>\n"
	    "</table>\n</section>\n");
}

/* A date, say, that a line must not break at its hyphens. */
static void
hkeep(struct doc *d, const char *p, size_t n)
{
	out_str("<span class=\"keep\">");
	wrap_put(&d->w, p, n);
	out_str("</span>");
}

/* A count section: a row a value, its bar as wide as its share. */
static void
bars(const struct count *c, tally_t records)
{
	const struct kv	*v;
	size_t		 k;

	out_str("<section class=\"count\">\n<h2>");
	out_str(c->section);
	out_str("</h2>\n<table class=\"bars\">\n");
	for (k = 0; k < c->nv; k++) {
		v = &c->v[k];
		out_str("<tr><th scope=\"row\">");
		html_put(v->key, v->len);
		out_printf("</th><td class=\"n\">%llu</td>"
		    "<td class=\"n pc\">%.1f%%</td><td class=\"bar\">", v->n,
		    share(v->n, records));
		/* merged summaries may claim more than their records: cap it */
		if (v->n > 0)
			out_printf("<div style=\"width:%.1f%%\"></div>",
			    v->n >= records ? 100.0 : share(v->n, records));
		out_str("</td></tr>\n");
	}
	out_str("</table>\n</section>\n");
}

/* A work-list section: its title, then a row a person. */
static void
work(const struct work *w, int s)
{
	struct field	id, v;
	struct wrap	ww;
	size_t		pos;

	out_printf("<section class=\"work %s\">\n<h3>", w->section);
	hwrap(&ww);
	wrap_glue(&ww, w->title);
	out_printf(" (%zu)</h3>\n", w->n);
	if (w->n > 0)
		out_str("<table class=\"people\">\n");
	for (pos = 0; work_next(w, &pos, &id, &v); ) {
		out_str("<tr><th scope=\"row\">");
		html_put(id.p, id.n);
		out_str("</th><td>");
		hwrap(&ww);
		work_words(&ww, s, &v);
		out_str("</td></tr>\n");
	}
	if (w->n > 0)
		out_str("</table>\n");
	out_str("</section>\n");
}

void
html_report(const struct report *r)
{
	const struct count	*c;
	tally_t			 records = r->c[S_RECORDS].v[0].n;
	int			 s, calls = 0;

	html_begin("Batch summary");
	out_str("<h1>");
	out_printf(SUM_TITLE, records, r->c[S_PROBLEMS].v[0].n);
	out_str("</h1>\n");
	out_str("<div class=\"counts\">\n");
	for (c = r->c + S_LEVEL; c < r->c + NCOUNTS; c++)
		if (c->on)
			bars(c, records);
	out_str("</div>\n");
	out_str("<h2>" SUM_WORK "</h2>\n");
	for (s = 0; s < NWORK; s++) {
		calls += r->w[s].n > 0;
		work(&r->w[s], s);
	}
	if (!calls)
		out_str("<p>" SUM_NOONE "</p>\n");
	html_end();
}
