/*
 * Harness 1: the record reader, lib/tsv.c.
 *
 * The input is read twice and each time compared, event by event, with
 * a small model of bp(7) RECORD FORMAT written here (model()):
 *
 *   1. as it is, through tsv_openmem(), as catalog_parse() reads a
 *      catalog;
 *   2. decoded (decode()) into up to 4 operands written to memfds and
 *      read through tsv_open() on /dev/fd/N, as the tools read files,
 *      with read(2) returning as little as a fuzzer-chosen schedule says
 *      (the way a pipe does), so that lines cross buffer refills.
 *
 * Both ways the header must be the model's, its columns (t->cols)
 * joined by TAB giving it back; every TSV_REC must be the model's line,
 * CRs removed, and each field tsv_field() gives must be the model's
 * field i: at its place in the line, so that the fields asked for,
 * with the TABs between them, give the line back; the TSV_PAD bytes
 * from a field's start are read, for ASan to see.  Every TSV_BAD line
 * goes to tsv_reject() and the rejects file must hold the bad lines as
 * read, each ended by one LF.  Unless the reader stops with TSV_FATAL,
 * the records and bad lines must account for every non-empty line that
 * is not a header (accounted(), apart from the model).
 *
 * A record is split lazily: only the fields asked for so far are cut
 * (tsv_field(), tsv_learn()).  The first way asks for every field of
 * every record, in order (up to WIDE columns; past that for some of
 * them, as asking for each of n fields costs n splits); the second
 * asks for every field too, unless bit 2 of byte 0 says to ask for a
 * few fields of each record, chosen at random, so that records are cut
 * for the fields learnt so far while new ones are learnt.
 *
 * Decoding, when the input has at least 2 bytes: byte 0 holds flags
 * (bit 0: byte 0xff separates operands; bit 1: 0xfe N repeats the byte
 * before it (N + 1) * 4096 times, so that lines over 1 MiB take a few
 * bytes; at most 3 MiB in all; bit 2: ask for a few fields at random),
 * byte 1 seeds the read sizes (0: reads as large as asked) and the
 * choice of fields.
 *
 * lib/tsv.c is compiled into this file so that its read() can be
 * replaced; the other harnesses link it as it is.
 */
#include <sys/types.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzzutil.h"

#define read	fz_read
#include "../../lib/tsv.c"
#undef read


#define MAXOPS	4
#define MAXEXPAND	(3 * 1024 * 1024)	/* bytes 0xfe N may add */
#define BOM	"\xef\xbb\xbf"
#define HEADER	10	/* tsv_header() returned 1 */
#define WIDE	1024	/* columns up to which every field is asked for */
#define EDGE	16	/* past WIDE: the first and last EDGE fields */

/* What the model expects, one event per tsv_header()/tsv_next() call. */
struct ev {
	int		 st;	/* HEADER, TSV_REC, TSV_BAD, TSV_FATAL, TSV_EOF */
	int		 op;	/* operand index */
	unsigned long	 line;
	const char	*p;	/* the record, CR removed (TSV_REC) */
	size_t		 n;
};

struct model {
	struct ev	*ev;
	size_t		 nev, cap;
	char		*rej;	/* expected rejects file */
	size_t		 nrej, rejcap;
	const char	*hdr;
	size_t		 hdrlen, ncols;
	uint32_t	*off;	/* where field i of a record starts */
	size_t		 offcap;
};

/* How the fields of a record are asked for. */
enum ask { ASK_ALL, ASK_SOME };

static unsigned	pick;	/* xorshift32 state of ASK_SOME */

static void *
grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	*cap = need * 2 + 16;
	if ((p = realloc(p, *cap * size)) == NULL)
		fz_fail("realloc");
	return p;
}

static struct ev *
event(struct model *m, int st, int op, unsigned long line)
{
	struct ev	*e;

	m->ev = grow(m->ev, &m->cap, m->nev + 1, sizeof(*m->ev));
	e = &m->ev[m->nev++];
	memset(e, 0, sizeof(*e));
	e->st = st;
	e->op = op;
	e->line = line;
	return e;
}

static void
reject(struct model *m, const char *p, size_t n)
{
	m->rej = grow(m->rej, &m->rejcap, m->nrej + n + 1, 1);
	memcpy(m->rej + m->nrej, p, n);
	m->nrej += n;
	m->rej[m->nrej++] = '\n';
}

static size_t
count(const char *p, size_t n, int c)
{
	const char	*end = p + n, *q;
	size_t		 k = 0;

	for (; (q = memchr(p, c, (size_t)(end - p))) != NULL; p = q + 1)
		k++;
	return k;
}

/* 1 if the header (p, n) names a column twice. */
static int
duplicate(const char *p, size_t n)
{
	const char	*a, *b, *end = p + n, *ae, *be;

	for (a = p; a <= end; a = ae + 1) {
		if ((ae = memchr(a, '\t', (size_t)(end - a))) == NULL)
			ae = end;
		for (b = ae + 1; b <= end; b = be + 1) {
			if ((be = memchr(b, '\t', (size_t)(end - b))) == NULL)
				be = end;
			if (ae - a == be - b && memcmp(a, b,
			    (size_t)(ae - a)) == 0)
				return 1;
		}
	}
	return 0;
}

/*
 * The first non-empty line of an operand (h, n), BOM included: 1 if it
 * is the header (or its copy), -1 if fatal, 0 if empty.
 */
static int
mheader(struct model *m, int op, unsigned long line, const char *h,
    size_t n)
{
	if (n >= 3 && memcmp(h, BOM, 3) == 0) {
		h += 3;
		n -= 3;
	}
	if (n > TSV_MAXLINE) {
		event(m, TSV_FATAL, op, line);
		return -1;
	}
	while (n > 0 && h[n - 1] == '\r')
		n--;
	/* a CR inside: lines that end in CR alone (bp(7)) */
	if (memchr(h, '\r', n) != NULL) {
		event(m, TSV_FATAL, op, line);
		return -1;
	}
	if (n == 0)
		return 0;
	if (memchr(h, '\0', n) != NULL) {
		event(m, TSV_FATAL, op, line);
		return -1;
	}
	if (m->hdr == NULL) {
		if (duplicate(h, n)) {
			event(m, TSV_FATAL, op, line);
			return -1;
		}
		m->hdr = h;
		m->hdrlen = n;
		m->ncols = count(h, n, '\t') + 1;
		event(m, HEADER, op, line);
	} else if (n != m->hdrlen || memcmp(h, m->hdr, n) != 0) {
		event(m, TSV_FATAL, op, line);
		return -1;
	}
	return 1;
}

/* 1 if the line (p, n) is the header (h, hn), a BOM before it or not. */
static int
isheader(const char *h, size_t hn, const char *p, size_t n)
{
	if (n == hn + 3 && memcmp(p, BOM, 3) == 0) {
		p += 3;
		n -= 3;
	}
	return n == hn && memcmp(p, h, n) == 0;
}

/* A later line (raw, rawlen) of operand op. */
static void
mline(struct model *m, int op, unsigned long line, const char *raw,
    size_t rawlen)
{
	size_t	n = rawlen;

	while (n > 0 && raw[n - 1] == '\r')
		n--;
	/*
	 * An empty line, or the header again, a BOM before it or not: no
	 * record.  The limit is on the line without its ending, CRs and LF
	 * (bp(7)); what is read of one line at most holds TSV_ROOM more for
	 * the tools' columns.
	 */
	if (rawlen <= TSV_MAXLINE + TSV_ROOM && (n == 0 ||
	    isheader(m->hdr, m->hdrlen, raw, n)))
		return;
	if (rawlen > TSV_MAXLINE + TSV_ROOM || n > TSV_MAXLINE ||
	    memchr(raw, '\0', rawlen) != NULL ||
	    count(raw, n, '\t') + 1 != m->ncols) {
		event(m, TSV_BAD, op, line);
		reject(m, raw, rawlen);
		return;
	}
	event(m, TSV_REC, op, line);
	m->ev[m->nev - 1].p = raw;
	m->ev[m->nev - 1].n = n;
}

/* The events bp(7) asks for, reading operands op[0..nop-1]. */
static void
model(struct model *m, char **op, size_t *oplen, int nop)
{
	const char	*p, *end, *raw, *nl;
	size_t		 rawlen;
	unsigned long	 line;
	int		 i, started, r;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < nop; i++) {
		line = 0;
		started = 0;
		for (p = op[i], end = p + oplen[i]; p < end; ) {
			raw = p;
			nl = memchr(p, '\n', (size_t)(end - p));
			rawlen = (size_t)((nl != NULL ? nl : end) - p);
			p = nl != NULL ? nl + 1 : end;
			line++;
			if (started)
				mline(m, i, line, raw, rawlen);
			else if ((r = mheader(m, i, line, raw, rawlen)) == -1)
				return;
			else
				started = r;
		}
	}
	event(m, TSV_EOF, nop - 1, 0);
}

static void
freemodel(struct model *m)
{
	free(m->ev);
	free(m->rej);
	free(m->off);
}

/*
 * Records and bad lines the reader gave against the lines of the
 * operands: each non-empty line (CRs before the LF removed) is the
 * operand's header, a copy of it, a record or a bad line.
 */
static void
accounted(char **op, size_t *oplen, int nop, size_t nrec, size_t nbad,
    const char *hdr, size_t hdrlen)
{
	const char	*p, *q, *end, *nl;
	size_t		 n, lines = 0;
	int		 i, first;

	for (i = 0; i < nop; i++) {
		first = 1;
		for (p = op[i], end = p + oplen[i]; p < end;
		    p = nl < end ? nl + 1 : end) {
			if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
				nl = end;
			q = p;
			n = (size_t)(nl - p);
			if (first && n >= 3 && memcmp(q, BOM, 3) == 0) {
				q += 3;
				n -= 3;
			}
			if (n > TSV_MAXLINE) {
				lines++;
				continue;
			}
			while (n > 0 && q[n - 1] == '\r')
				n--;
			if (n == 0)
				continue;
			if (first)
				first = 0;
			else if (!isheader(hdr, hdrlen, q, n))
				lines++;
		}
	}
	if (nrec + nbad != lines) {
		fprintf(stderr, "%zu records, %zu bad lines; %zu lines\n",
		    nrec, nbad, lines);
		fz_fail("records + bad lines != non-empty lines after headers");
	}
}

/* The header t read against the model's. */
static void
checkheader(const struct tsv *t, const struct model *m)
{
	size_t	i, off = 0, n;

	if (t->hdrlen != m->hdrlen || memcmp(t->hdr, m->hdr, m->hdrlen) != 0)
		fz_fail("header differs from the model");
	if (t->ncols != m->ncols)
		fz_fail("column count differs from the model");
	for (i = 0; i < t->ncols; i++) {
		n = strlen(t->cols[i]);
		if (off + n > t->hdrlen || memcmp(t->cols[i], t->hdr + off,
		    n) != 0 || (i + 1 < t->ncols ? t->hdr[off + n] != '\t' :
		    off + n != t->hdrlen))
			fz_fail("columns do not give the header back");
		if (t->ncols <= 64 && tsv_col(t, t->cols[i]) != (int)i)
			fz_fail("tsv_col() does not find a column");
		off += n + 1;
	}
}

/* Field i of the record against the model's cuts m->off. */
static void
checkfield(struct tsv *t, const struct model *m, size_t i)
{
	volatile char	 sink = 0;
	const char	*p;
	size_t		 n, k;

	p = tsv_field(t, i, &n);
	if (p != t->rec + m->off[i] || n != m->off[i + 1] - m->off[i] - 1) {
		fprintf(stderr, "field %zu of %zu: at %td, %zu bytes; model "
		    "at %u, %u bytes\n", i, t->ncols, p - t->rec, n,
		    m->off[i], m->off[i + 1] - m->off[i] - 1);
		fz_fail("field differs from the model");
	}
	for (k = 0; k < TSV_PAD; k++)
		sink ^= p[k];
	(void)sink;
}

static unsigned
nextpick(void)
{
	pick ^= pick << 13;
	pick ^= pick >> 17;
	pick ^= pick << 5;
	return pick;
}

/* A TSV_REC against the model's record (p, n). */
static void
checkrec(struct tsv *t, struct model *m, const char *p, size_t n,
    enum ask ask)
{
	size_t	i, k, nf = m->ncols;

	if (t->reclen != n || memcmp(t->rec, p, n) != 0)
		fz_fail("record differs from the model");
	m->off = grow(m->off, &m->offcap, nf + 1, sizeof(*m->off));
	for (i = 0, k = 0; i < n; i++)
		if (p[i] == '\t')
			m->off[++k] = (uint32_t)i + 1;
	m->off[0] = 0;
	m->off[nf] = (uint32_t)n + 1;
	if (ask == ASK_SOME) {
		for (k = nextpick() % 4; k > 0; k--)
			checkfield(t, m, nextpick() % nf);
		return;
	}
	for (i = 0; i < nf; i++)
		if (nf <= WIDE || i < EDGE || i >= nf - EDGE)
			checkfield(t, m, i);
}

/*
 * Read t (already opened on names[]) and compare with the model;
 * rejects go to rejfd, which must end up holding m->rej.  Returns 0,
 * or -1 after a TSV_FATAL.
 */
static int
compare(struct tsv *t, struct model *m, char **names, int rejfd,
    enum ask ask, size_t *nrec, size_t *nbad)
{
	const struct ev	*e;
	char		*rej;
	size_t		 k = 0, nr;
	int		 s;

	*nrec = *nbad = 0;
	if ((s = tsv_header(t)) == 1)
		s = HEADER;
	for (;; s = tsv_next(t)) {
		if (k >= m->nev)
			fz_fail("more events than the model has");
		e = &m->ev[k++];
		if (s != e->st) {
			fprintf(stderr, "event %zu: status %d, model %d "
			    "(line %lu, model line %lu)\n", k - 1, s, e->st,
			    t->line, e->line);
			fz_fail("status differs from the model");
		}
		if (s == TSV_EOF)
			break;
		if (t->line != e->line)
			fz_fail("line number differs from the model");
		if (t->name != names[e->op])
			fz_fail("operand name differs from the model");
		if (s == TSV_FATAL) {
			if (t->why == NULL && t->err == 0)
				fz_fail("TSV_FATAL without a reason");
			return -1;
		}
		if (s == HEADER)
			checkheader(t, m);
		else if (s == TSV_REC) {
			checkrec(t, m, e->p, e->n, ask);
			(*nrec)++;
		} else {
			if (t->why == NULL)
				fz_fail("TSV_BAD without a reason");
			if (tsv_reject(t, rejfd) != 0)
				fz_fail("tsv_reject failed");
			(*nbad)++;
		}
	}
	if (k != m->nev)
		fz_fail("fewer events than the model has");
	rej = fz_slurp(rejfd, &nr);
	if (nr != m->nrej || (nr > 0 && memcmp(rej, m->rej, nr) != 0))
		fz_fail("rejects differ from the lines rejected");
	free(rej);
	return 0;
}

/* Read operands op[] as t (opened on names[]) and check it all. */
static void
check(struct tsv *t, char **op, size_t *oplen, int nop, char **names,
    int rejfd, enum ask ask)
{
	struct model	m;
	size_t		nrec, nbad;

	model(&m, op, oplen, nop);
	fz_fill(rejfd, "", 0);
	if (compare(t, &m, names, rejfd, ask, &nrec, &nbad) == 0)
		accounted(op, oplen, nop, nrec, nbad, m.hdr, m.hdrlen);
	tsv_close(t);
	freemodel(&m);
}

/* Split and expand the input as the comment at the top says. */
static int
decode(const uint8_t *d, size_t n, char **op, size_t *oplen)
{
	size_t	 i, cap = 0, len = 0, rep, total = 0;
	char	*s = NULL;
	int	 flags = d[0], nop = 1;

	fz_schedule(d[1]);
	pick = 0x2545f491u ^ d[1];
	for (i = 2; i < n; i++) {
		if ((flags & 1) && d[i] == 0xff && nop < MAXOPS) {
			op[nop - 1] = s != NULL ? s : grow(s, &cap, 1, 1);
			oplen[nop - 1] = len;
			s = NULL;
			cap = len = 0;
			nop++;
			continue;
		}
		if ((flags & 2) && d[i] == 0xfe && i + 1 < n) {
			rep = ((size_t)d[++i] + 1) * 4096;
			/* at most MAXEXPAND in all, to keep runs fast */
			if (total + rep > MAXEXPAND)
				continue;
			total += rep;
			s = grow(s, &cap, len + rep + 1, 1);
			memset(s + len, len > 0 ? s[len - 1] : 'a', rep);
			len += rep;
			continue;
		}
		s = grow(s, &cap, len + 1, 1);
		s[len++] = (char)d[i];
	}
	op[nop - 1] = s != NULL ? s : grow(s, &cap, 1, 1);
	oplen[nop - 1] = len;
	return nop;
}

static int	memfds[MAXOPS], rejfd;
static char	paths[MAXOPS][32];

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int	i;

	(void)argc;
	(void)argv;
	fz_init();
	for (i = 0; i < MAXOPS; i++) {
		memfds[i] = fz_memfd("fuzz-operand");
		fz_path(paths[i], sizeof(paths[i]), memfds[i]);
	}
	rejfd = fz_memfd("fuzz-rejects");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tsv	 t;
	char		*op[MAXOPS], *names[MAXOPS];
	size_t		 oplen[MAXOPS];
	int		 i, nop;

	fz_fdmark();
	/* 1: the bytes as they are, from memory, every field asked for */
	op[0] = (char *)data;
	oplen[0] = size;
	names[0] = (char *)"fuzz";
	if (tsv_openmem(&t, names[0], (const char *)data, size) == -1)
		fz_fail("tsv_openmem");
	fz_schedule(0);
	check(&t, op, oplen, 1, names, rejfd, ASK_ALL);
	if (size < 2)
		return 0;

	/* 2: decoded, from files */
	nop = decode(data, size, op, oplen);
	for (i = 0; i < nop; i++) {
		fz_fill(memfds[i], op[i], oplen[i]);
		names[i] = paths[i];
	}
	if (tsv_open(&t, names, nop) == -1)
		fz_fail("tsv_open");
	check(&t, op, oplen, nop, names, rejfd, data[0] & 4 ? ASK_SOME :
	    ASK_ALL);
	for (i = 0; i < nop; i++) {
		free(op[i]);
		fz_fill(memfds[i], "", 0);
	}
	fz_nofdleak();
	return 0;
}
