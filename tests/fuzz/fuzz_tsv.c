/*
 * Harness 1: the record reader, lib/tsv.c.
 *
 * The input is read twice and each time compared, event by event, with
 * a small model of bp(7) RECORD FORMAT written here (model()):
 *
 *   1. as it is, through tsv_openmem(), as catalog_load() reads the
 *      built-in catalog;
 *   2. decoded (decode()) into up to 4 operands written to memfds and
 *      read through tsv_open() on /dev/fd/N, as the tools read files,
 *      with read(2) returning as little as a fuzzer-chosen schedule says
 *      (the way a pipe does), so that lines cross buffer refills.
 *
 * Both ways every TSV_REC must have nf == ncols and its fields inside
 * the record, contiguous and free of TAB, LF and NUL; every TSV_BAD line
 * goes to tsv_reject() and the rejects file must hold the bad lines as
 * read, each ended by one LF.
 *
 * Decoding, when the input has at least 2 bytes: byte 0 holds flags
 * (bit 0: byte 0xff separates operands; bit 1: 0xfe N repeats the byte
 * before it (N + 1) * 4096 times, so that lines over 1 MiB take a few
 * bytes; at most 3 MiB in all), byte 1 seeds the read sizes (0: reads
 * as large as asked).
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
	char		**cols;	/* header columns, as (p, n) pairs */
	const char	*hdr;
	size_t		 hdrlen;
};

/* The read schedule: each read returns at most fz_chunk() bytes. */


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

/* The events bp(7) asks for, reading operands op[0..nop-1]. */
static void
model(struct model *m, char **op, size_t *oplen, int nop)
{
	const char	*p, *end, *raw, *h, *nl;
	size_t		 rawlen, n, ncols = 0;
	unsigned long	 line;
	int		 i, started, bom;

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
			if (!started) {
				h = raw;
				n = rawlen;
				bom = n >= 3 && memcmp(h, BOM, 3) == 0;
				if (bom) {
					h += 3;
					n -= 3;
				}
				if (n > TSV_MAXLINE) {
					event(m, TSV_FATAL, i, line);
					return;
				}
				while (n > 0 && h[n - 1] == '\r')
					n--;
				if (n == 0)
					continue;
				if (memchr(h, '\0', n) != NULL) {
					event(m, TSV_FATAL, i, line);
					return;
				}
				started = 1;
				if (m->hdr == NULL) {
					if (duplicate(h, n)) {
						event(m, TSV_FATAL, i, line);
						return;
					}
					m->hdr = h;
					m->hdrlen = n;
					ncols = count(h, n, '\t') + 1;
					event(m, HEADER, i, line);
				} else if (n != m->hdrlen ||
				    memcmp(h, m->hdr, n) != 0) {
					event(m, TSV_FATAL, i, line);
					return;
				}
				continue;
			}
			n = rawlen;
			while (n > 0 && raw[n - 1] == '\r')
				n--;
			if (rawlen <= TSV_MAXLINE && n == 0)
				continue;
			if (rawlen > TSV_MAXLINE ||
			    memchr(raw, '\0', rawlen) != NULL ||
			    count(raw, n, '\t') + 1 != ncols) {
				event(m, TSV_BAD, i, line);
				reject(m, raw, rawlen);
				continue;
			}
			event(m, TSV_REC, i, line);
			m->ev[m->nev - 1].p = raw;
			m->ev[m->nev - 1].n = n;
		}
	}
	event(m, TSV_EOF, nop - 1, 0);
}

static void
freemodel(struct model *m)
{
	free(m->ev);
	free(m->rej);
}

/* The invariants of a TSV_REC, whatever the model says. */
static void
checkrec(const struct tsv *t)
{
	const char	*end = t->rec + t->reclen;
	size_t		 i;

	if (t->nf != t->ncols)
		fz_fail("TSV_REC with nf != ncols");
	if (t->reclen == 0)
		fz_fail("empty record");
	if (t->rec < t->buf || end > t->buf + t->len)
		fz_fail("record outside the buffer");
	for (i = 0; i < t->nf; i++) {
		if (tsv_f(t, i) < t->rec || tsv_f(t, i) + tsv_fl(t, i) > end)
			fz_fail("field outside the record");
		if (memchr(tsv_f(t, i), '\t', tsv_fl(t, i)) != NULL)
			fz_fail("TAB in a field");
		if (memchr(tsv_f(t, i), '\n', tsv_fl(t, i)) != NULL)
			fz_fail("LF in a field");
		if (memchr(tsv_f(t, i), '\0', tsv_fl(t, i)) != NULL)
			fz_fail("NUL in a field");
		if (i == 0 ? tsv_f(t, i) != t->rec :
		    tsv_f(t, i) != tsv_f(t, i - 1) + tsv_fl(t, i - 1) + 1)
			fz_fail("fields not contiguous");
	}
	if (tsv_f(t, t->nf - 1) + tsv_fl(t, t->nf - 1) != end)
		fz_fail("last field does not end the record");
}

/*
 * Read t (already opened on names[]) and compare with the model;
 * rejects go to rejfd, which must end up holding m->rej.
 */
static void
compare(struct tsv *t, struct model *m, char **names, int rejfd)
{
	const struct ev	*e;
	char		*rej;
	size_t		 k = 0, nrej;
	int		 s;

	if ((s = tsv_header(t)) == 1)
		s = HEADER;
	for (;;) {
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
			return;
		}
		if (s == TSV_REC) {
			checkrec(t);
			if (t->reclen != e->n || memcmp(t->rec, e->p, e->n))
				fz_fail("record differs from the model");
		} else if (s == TSV_BAD) {
			if (t->why == NULL)
				fz_fail("TSV_BAD without a reason");
			if (tsv_reject(t, rejfd) == -1)
				fz_fail("tsv_reject failed");
		}
		s = tsv_next(t);
	}
	if (k != m->nev)
		fz_fail("fewer events than the model has");
	rej = fz_slurp(rejfd, &nrej);
	if (nrej != m->nrej || (nrej > 0 && memcmp(rej, m->rej, nrej) != 0))
		fz_fail("rejects differ from the lines rejected");
	free(rej);
}

/* Split and expand the input as the comment at the top says. */
static int
decode(const uint8_t *d, size_t n, char **op, size_t *oplen)
{
	size_t	 i, cap = 0, len = 0, rep, total = 0;
	char	*s = NULL;
	int	 flags = d[0], nop = 1;

	fz_schedule(d[1]);
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
	struct model	 m;
	char		*op[MAXOPS], *names[MAXOPS];
	size_t		 oplen[MAXOPS];
	int		 i, nop;

	fz_fdmark();
	/* 1: the bytes as they are, from memory */
	op[0] = (char *)data;
	oplen[0] = size;
	names[0] = (char *)"fuzz";
	model(&m, op, oplen, 1);
	if (tsv_openmem(&t, names[0], (const char *)data, size) == -1)
		fz_fail("tsv_openmem");
	fz_fill(rejfd, "", 0);
	fz_schedule(0);
	compare(&t, &m, names, rejfd);
	tsv_close(&t);
	freemodel(&m);
	if (size < 2)
		return 0;

	/* 2: decoded, from files */
	nop = decode(data, size, op, oplen);
	for (i = 0; i < nop; i++) {
		fz_fill(memfds[i], op[i], oplen[i]);
		names[i] = paths[i];
	}
	model(&m, op, oplen, nop);
	fz_fill(rejfd, "", 0);
	if (tsv_open(&t, names, nop) == -1)
		fz_fail("tsv_open");
	compare(&t, &m, names, rejfd);
	tsv_close(&t);
	freemodel(&m);
	for (i = 0; i < nop; i++) {
		free(op[i]);
		fz_fill(memfds[i], "", 0);
	}
	fz_nofdleak();
	return 0;
}
