/*
 * Harness 4: the catalog parser, lib/catalog.c (bp-catalog(5)).
 *
 * Each input is a catalog file: catalog_read() and catalog_parse(), as a
 * tool calls them, on /dev/fd/N of a memfd holding it.  It must either
 * refuse the file with a reason (or an errno) and a line within the
 * file, at least 1 when the file has a line that is not empty, or give a
 * catalog that bp-catalog(5) allows (check()): an entry for every row,
 * in order, its id, name, dose, source and instructions the row's with
 * the spaces around them removed; ids and doses single words without
 * comma, colon or space; every field within its CAT_*MAX bound; known
 * kinds; exercises on routines only; advice free of contraindications;
 * no id twice in its class, each found by catalog_find(); every routine
 * with an exercise free of contraindications; and every list bproutine
 * can write no longer than CAT_LISTMAX bytes, nor than listmax with its
 * NUL.
 *
 * Then the same file with a space added on both sides of every field
 * of every row (padded()) must give the same outcome: the same
 * entries, or the same refusal at the same line (bp-catalog(5):
 * "Spaces around a field are ignored").
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "fuzzutil.h"
#include "tsv.h"
#include "value.h"

#define BOM	"\xef\xbb\xbf"

static int	infd;
static char	inpath[32];

/* A non-empty word without comma, colon, space, TAB or LF. */
static void
token(const char *s, size_t max, const char *what)
{
	size_t	n = strlen(s);

	if (n == 0 || n > max || strpbrk(s, ",: \t\n") != NULL) {
		fprintf(stderr, "%s: \"%s\"\n", what, s);
		fz_fail("catalog: not a word, or over its bound");
	}
}

/* Non-empty text, no spaces around it, no TAB or LF, within max. */
static void
text(const char *s, size_t max, const char *what)
{
	size_t	n = strlen(s);

	if (n == 0 || n > max || s[0] == ' ' || s[n - 1] == ' ' ||
	    strpbrk(s, "\t\n") != NULL) {
		fprintf(stderr, "%s: \"%s\"\n", what, s);
		fz_fail("catalog: empty or untrimmed text, or over its bound");
	}
}

/* The fields of an entry, and its bits, by bp-catalog(5). */
static void
entry(const struct catalog *c, const struct entry *e)
{
	token(e->id, CAT_IDMAX, "id");
	token(e->dose, CAT_DOSEMAX, "dose");
	text(e->name, CAT_NAMEMAX, "name");
	text(e->source, CAT_SOURCEMAX, "source");
	text(e->instructions, CAT_TEXTMAX, "instructions");
	if ((unsigned)e->kind >= NKIND)
		fz_fail("catalog: kind out of range");
	if (e->routines == 0 || e->routines >= CAT_ANY << 1)
		fz_fail("catalog: routines empty or unknown");
	if (e->kind != KIND_ADVICE &&
	    (e->routines & ~((1U << NROUT) - 1)) != 0)
		fz_fail("catalog: exercise for a disposition");
	if (e->contra >= 1U << NCONTRA)
		fz_fail("catalog: unknown contraindication");
	if (e->kind == KIND_ADVICE && e->contra != 0)
		fz_fail("catalog: advice with a contraindication");
	if (catalog_find(c, e->id, strlen(e->id),
	    e->kind == KIND_ADVICE) != e)
		fz_fail("catalog: id twice in its class, or not found");
}

/*
 * The longest list of bproutine's lists() in c, with its NUL: the
 * exercises of a routine with no contraindication present, "id:dose"
 * with commas between; the advice of a routine (or none) and a
 * disposition, "id" with commas between.
 */
static size_t
longest(const struct catalog *c)
{
	size_t		 i, n, most = 5;	/* "none" */
	unsigned	 want;
	int		 rt, d;

	for (rt = -1; rt < NROUT; rt++)
		for (d = -1; d < NDISP; d++) {
			if (d < 0 && rt < 0)
				continue;
			want = d < 0 ? CAT_ROUTINE(rt) : CAT_DISPOSITION(d) |
			    (rt >= 0 ? CAT_ROUTINE(rt) | CAT_ANY : 0);
			for (n = 0, i = 0; i < c->n; i++)
				if ((c->e[i].kind == KIND_ADVICE) == (d >= 0) &&
				    (c->e[i].routines & want))
					n += strlen(c->e[i].id) + 1 + (d < 0 ?
					    strlen(c->e[i].dose) + 1 : 0);
			if (n > most)
				most = n;
		}
	return most;
}

/* The rows of text, read apart: one entry each, fields as they were. */
static void
rows(const struct catalog *c, const char *p, size_t len)
{
	static const char *const cols[] = { "id", "name", "dose", "source",
				    "instructions" };
	struct tsv	 t;
	const char	*f, *want[5];
	size_t		 i = 0, k, n;
	int		 col[5];

	if (tsv_openmem(&t, "rows", p, len) == -1)
		fz_fail("tsv_openmem");
	if (tsv_header(&t) != 1)
		fz_fail("catalog taken without a header");
	for (k = 0; k < 5; k++)
		if ((col[k] = tsv_col(&t, cols[k])) < 0)
			fz_fail("catalog taken without a column");
	while (tsv_next(&t) == TSV_REC) {
		if (i >= c->n)
			fz_fail("catalog: fewer entries than rows");
		want[0] = c->e[i].id;
		want[1] = c->e[i].name;
		want[2] = c->e[i].dose;
		want[3] = c->e[i].source;
		want[4] = c->e[i].instructions;
		for (k = 0; k < 5; k++) {
			f = tsv_field(&t, (size_t)col[k], &n);
			val_trim(&f, &n);
			if (strlen(want[k]) != n || memcmp(want[k], f, n) != 0)
				fz_fail("catalog: an entry is not its row");
		}
		i++;
	}
	if (i != c->n)
		fz_fail("catalog: more entries than rows");
	tsv_close(&t);
}

static void
check(const struct catalog *c, const char *p, size_t len)
{
	size_t	i;
	int	r;

	if (c->n == 0 || c->e == NULL)
		fz_fail("catalog taken with no entry");
	for (i = 0; i < c->n; i++)
		entry(c, &c->e[i]);
	for (r = 0; r < NROUT; r++) {
		for (i = 0; i < c->n; i++)
			if (c->e[i].kind != KIND_ADVICE && c->e[i].contra == 0 &&
			    (c->e[i].routines & CAT_ROUTINE(r)))
				break;
		if (i == c->n)
			fz_fail("catalog: routine with no free exercise");
	}
	i = longest(c);
	if (i > CAT_LISTMAX + 1 || i > c->listmax)
		fz_fail("catalog: a list over CAT_LISTMAX, or listmax");
	rows(c, p, len);
}

/* A refusal: a reason, and a line within the file. */
static void
refused(const struct catalog *c, const char *p, size_t len)
{
	struct tsv	t;
	int		empty;

	if (c->why == NULL && c->err == 0)
		fz_fail("catalog refused without a reason");
	if (c->why != NULL && (c->why[0] == '\0' ||
	    (c->why == c->whybuf && memchr(c->whybuf, '\0',
	    sizeof(c->whybuf)) == NULL)))
		fz_fail("catalog reason empty or not a string");
	if (tsv_openmem(&t, "lines", p, len) == -1)
		fz_fail("tsv_openmem");
	empty = tsv_header(&t) == 0;
	tsv_close(&t);
	if (c->line > fz_lines(p, len) || (c->line == 0 && !empty &&
	    c->why != NULL))
		fz_fail("catalog problem not at a line of the file");
}

/*
 * (p, n) with a space on both sides of every field of every line after
 * the header, but lines empty or equal to the header; CRs stay at the
 * end.  A new buffer, *len its length.
 */
static char *
padded(const char *p, size_t n, size_t *len)
{
	const char	*end = p + n, *nl, *h = NULL, *q, *tab;
	char		*s, *o;
	size_t		 k, hn = 0;

	if ((s = o = malloc(3 * n + 2)) == NULL)
		fz_fail("malloc");
	for (; p < end; p = nl < end ? nl + 1 : end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		for (k = (size_t)(nl - p); k > 0 && p[k - 1] == '\r'; k--)
			;
		q = p;
		if (h == NULL && k >= 3 && memcmp(q, BOM, 3) == 0)
			q += 3;
		if (h == NULL && q < p + k) {
			h = q;
			hn = k - (size_t)(q - p);
		} else if (h != NULL && k > 0 && (k != hn ||
		    memcmp(p, h, hn) != 0)) {
			for (q = p; ; q = tab + 1) {
				if ((tab = memchr(q, '\t', k -
				    (size_t)(q - p))) == NULL)
					tab = p + k;
				*o++ = ' ';
				memcpy(o, q, (size_t)(tab - q));
				o += tab - q;
				*o++ = ' ';
				if (tab == p + k)
					break;
				*o++ = '\t';
			}
			memcpy(o, p + k, (size_t)(nl - p) - k);
			o += (size_t)(nl - p) - k;
			if (nl < end)
				*o++ = '\n';
			continue;
		}
		memcpy(o, p, (size_t)(nl - p) + (nl < end));
		o += (size_t)(nl - p) + (nl < end);
	}
	*len = (size_t)(o - s);
	return s;
}

static int
samestr(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Two loads of a file and its padded copy agree. */
static void
agree(int r, const struct catalog *a, int r2, const struct catalog *b)
{
	size_t	i;

	if (r != r2)
		fz_fail("spaces around fields change whether it is taken");
	if (r != 0) {
		if (a->line != b->line || !samestr(a->why, b->why) ||
		    a->err != b->err) {
			fprintf(stderr, "%lu: %s; padded %lu: %s\n", a->line,
			    a->why, b->line, b->why);
			fz_fail("spaces around fields change the refusal");
		}
		return;
	}
	if (a->n != b->n || a->listmax != b->listmax)
		fz_fail("spaces around fields change the catalog");
	for (i = 0; i < a->n; i++)
		if (!samestr(a->e[i].id, b->e[i].id) ||
		    a->e[i].kind != b->e[i].kind ||
		    !samestr(a->e[i].name, b->e[i].name) ||
		    a->e[i].routines != b->e[i].routines ||
		    a->e[i].contra != b->e[i].contra ||
		    !samestr(a->e[i].dose, b->e[i].dose) ||
		    !samestr(a->e[i].source, b->e[i].source) ||
		    !samestr(a->e[i].instructions, b->e[i].instructions))
			fz_fail("spaces around fields change an entry");
}

/* Read and parse the catalog file path (NULL: the built-in one). */
static int
readparse(struct catalog *c, const char *path)
{
	return catalog_read(c, path) == 0 ? catalog_parse(c) : -1;
}

/* Load (p, n) as a catalog file into c and check it; 0 if taken. */
static int
load(struct catalog *c, const char *p, size_t n)
{
	int	r;

	fz_fill(infd, p, n);
	if ((r = readparse(c, inpath)) == 0)
		check(c, p, n);
	else
		refused(c, p, n);
	return r;
}

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct catalog	 c;
	char		*text;
	size_t		 len;

	(void)argc;
	(void)argv;
	fz_init();
	infd = fz_memfd("fuzz-catalog");
	fz_path(inpath, sizeof(inpath), infd);
	/* the built-in catalog passes its own checks */
	if (readparse(&c, NULL) != 0)
		fz_fail("built-in catalog refused");
	if ((text = catalog_builtin(&len)) == NULL)
		fz_fail("catalog_builtin");
	check(&c, text, len);
	free(text);
	catalog_free(&c);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalog	 a, b;
	char		*pad;
	size_t		 npad;
	int		 r, r2;

	fz_fdmark();
	r = load(&a, (const char *)data, size);
	pad = padded((const char *)data, size, &npad);
	r2 = load(&b, pad, npad);
	agree(r, &a, r2, &b);
	free(pad);
	catalog_free(&a);
	catalog_free(&b);
	fz_nofdleak();
	return 0;
}
