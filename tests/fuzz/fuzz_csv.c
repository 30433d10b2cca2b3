/*
 * Harness 10: the CSV reader, lib/csv.c, and bpimport's main() on it.
 *
 * The input decodes to one file (decode()) that is read twice:
 *
 *   1. by the reader, through a memfd on /dev/fd/N, with read(2)
 *      returning as little as a fuzzer-chosen schedule says (the way a
 *      pipe does), so that records cross buffer refills; compared,
 *      record by record, with a small model of RFC 4180 as bpimport(1)
 *      reads it (model()): the line each record starts on, whether it
 *      is read or rejected, its bytes as read and its fields; the
 *      rejects file must hold the rejected records as read, each ended
 *      by an LF;
 *   2. by bpimport -q -r REJECTS FILE (cmd/bpimport.c compiled with
 *      -Dmain=bpimport_main), which must end with 0, 1 or 2 and, unless
 *      2, write one line for each record it did not reject: records in
 *      = records out + records rejected.
 *
 * Decoding: byte 0 holds flags (bit 0: a TAB separates fields, as
 * with -t; bit 1: 0xfe N repeats the byte before it (N + 1) * 4096
 * times, so that records over 1 MiB take a few bytes; at most 3 MiB in
 * all), byte 1 seeds the read sizes (0: reads as large as asked).
 *
 * lib/csv.c is compiled into this file so that its read() can be
 * replaced.
 */
#include <sys/types.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzzutil.h"

#define read	fz_read
#include "../../lib/csv.c"
#undef read


#define MAXEXPAND	(3 * 1024 * 1024)

int	bpimport_main(int, char **);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* One record as the model sees it. */
struct mrec {
	size_t		 off, len;	/* its bytes, line end included */
	size_t		 body;		/* without the line end */
	size_t		 nf;
	unsigned long	 line;
	int		 bad, blank;
};

static int	infd, rejfd;
static struct mrec *recs;	/* the records after the header */
static char	inpath[32];


/* Where the record starting at i ends, and what it is (bpimport(1)). */
static size_t
split(const char *s, size_t n, size_t i, int sep, struct mrec *r)
{
	size_t	j, fstart = i, k;
	int	inq = 0, closed = 0;

	memset(r, 0, sizeof(*r));
	r->off = i;
	r->nf = 1;
	for (j = i; j < n; j++) {
		if (inq) {
			if (s[j] == '"' && j + 1 < n && s[j + 1] == '"')
				j++;
			else if (s[j] == '"') {
				inq = 0;
				closed = 1;
			} else if (s[j] == '\0')
				r->bad = 1;
			continue;
		}
		if (s[j] == sep) {
			r->nf++;
			fstart = j + 1;
			closed = 0;
		} else if (s[j] == '\n')
			break;
		else if (s[j] == '"' && j == fstart && !closed)
			inq = 1;
		else if (s[j] == '"' || s[j] == '\0' || (closed &&
		    s[j] != '\r'))
			r->bad = 1;
	}
	r->bad |= inq;
	r->len = (j < n ? j + 1 : n) - i;
	r->body = r->len - (j < n);
	while (r->body > 0 && s[i + r->body - 1] == '\r')
		r->body--;
	r->bad |= r->body > CSV_MAXREC;
	for (r->blank = 1, k = 0; k < r->body; k++)
		r->blank &= s[i + k] == sep;
	return i + r->len;
}

/* Field f of a good record's body, unescaped, into out; its length. */
static size_t
mfield(const char *p, size_t n, int sep, size_t f, char *out)
{
	size_t	i = 0, k, fi;

	for (fi = 0;; fi++, i++) {
		k = 0;
		if (i < n && p[i] == '"') {
			for (i++; i < n; i++) {
				if (p[i] == '"' && (i + 1 == n || p[i + 1] !=
				    '"'))
					break;
				i += p[i] == '"';
				out[k++] = p[i];
			}
			/* CRs may follow the closing quote */
			while (i < n && p[i] != sep)
				i++;
		} else
			for (; i < n && p[i] != sep; i++)
				out[k++] = p[i];
		if (fi == f)
			return k;
	}
}

/* Compare a record csv_next() read with the model's. */
static void
checkrec(struct csv *c, const char *s, const struct mrec *m, char *tmp)
{
	const char	*f;
	size_t		 i, n, k;

	if (c->reclen != m->len || memcmp(c->rec, s + m->off, m->len) != 0)
		fz_fail("record bytes differ from the model");
	for (i = 0; i < c->ncols; i++) {
		f = csv_field(c, i, &n);
		k = mfield(s + m->off, m->body, c->sep, i, tmp);
		if (n != k || memcmp(f, tmp, n) != 0)
			fz_fail("a field differs from the model");
		/* c->plain: no field holds a byte bpimport escapes */
		for (k = 0; c->plain && k < n; k++)
			if (f[k] == '\t' || f[k] == '\n' || f[k] == '\r' ||
			    f[k] == '\\')
				fz_fail("a plain record's field holds TAB, LF, "
				    "CR or backslash");
	}
}

/* What the model expects of record m after the header: 0 skipped. */
static int
expect(const char *s, const struct mrec *m, const struct mrec *h,
    size_t ncols)
{
	if (m->bad)
		return CSV_BAD;
	if (m->blank || (m->body == h->body && memcmp(s + m->off, s + h->off,
	    h->body) == 0))
		return 0;
	return m->nf != ncols ? CSV_BAD : CSV_REC;
}

/* The lines of (p, n): LFs, so that the next record's line follows. */
static unsigned long
lfs(const char *p, size_t n)
{
	unsigned long	k = 0;

	while (n-- > 0)
		k += *p++ == '\n';
	return k;
}

/*
 * Read the file (s, n) with the reader and compare; returns the
 * records the model counts after the header, or -1 without a header.
 */
static long
reader(const char *s, size_t n, int sep, char *tmp)
{
	struct csv	 c;
	struct mrec	 m, h;
	char		*names[1] = { inpath }, *rej, *want;
	size_t		 i = 0, nrej, nwant = 0;
	unsigned long	 line = 1;
	long		 count = 0;
	int		 st, e;

	if ((want = malloc(n + (n / 1 + 1) + 8)) == NULL)
		fz_fail("malloc");
	fz_fill(infd, s, n);
	fz_fill(rejfd, "", 0);
	if (csv_open(&c, names, 1, sep) == -1)
		fz_fail("csv_open");
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	do {
		if (i >= n) {
			if (csv_header(&c) != 0)
				fz_fail("a header where the model has none");
			csv_close(&c);
			free(want);
			return -1;
		}
		i = split(s, n, i, sep, &h);
		h.line = line;
		line += lfs(s + h.off, h.len);
	} while (h.blank && !h.bad);
	st = csv_header(&c);
	if (h.bad) {
		if (st != CSV_FATAL || c.why == NULL)
			fz_fail("a bad header not refused");
		csv_close(&c);
		free(want);
		return -1;
	}
	if (st != 1 || c.ncols != h.nf || c.line != h.line)
		fz_fail("header differs from the model");
	while (i < n) {
		i = split(s, n, i, sep, &m);
		m.line = line;
		line += lfs(s + m.off, m.len);
		if ((e = expect(s, &m, &h, c.ncols)) == 0)
			continue;
		recs[count++] = m;
		if ((st = csv_next(&c)) != e || c.line != m.line) {
			fprintf(stderr, "status %d, model %d; line %lu, model "
			    "%lu\n", st, e, c.line, m.line);
			fz_fail("record differs from the model");
		}
		if (st == CSV_REC)
			checkrec(&c, s, &m, tmp);
		else {
			if (csv_reject(&c, rejfd) != 0)
				fz_fail("csv_reject");
			memcpy(want + nwant, s + m.off, m.len);
			nwant += m.len;
			if (m.len == 0 || s[m.off + m.len - 1] != '\n')
				want[nwant++] = '\n';
		}
	}
	if (csv_next(&c) != CSV_EOF)
		fz_fail("a record more than the model has");
	rej = fz_slurp(rejfd, &nrej);
	if (nrej != nwant || memcmp(rej, want, nrej) != 0)
		fz_fail("rejects differ from the records rejected");
	free(rej);
	free(want);
	csv_close(&c);
	return count;
}

/*
 * bpimport over the file: records in = records out + rejected, the
 * rejects file holding the records rejected, in order, as read.
 */
static void
tool(const char *s, size_t n, int sep, long count)
{
	const char *const	 argv[] = { "bpimport", "-q", "-r", FZ_REJECTS,
				    sep == '\t' ? "-t" : "-q", FZ_INPUT, NULL };
	struct fz_run		 r;
	const struct mrec	*m;
	size_t			 pos = 0;
	long			 k, rejected = 0;
	int			 lf;

	fz_input(s, n);
	fz_runtool(bpimport_main, argv, &r);
	if (r.status != 2 && count >= 0) {
		for (k = 0; k < count; k++) {
			m = &recs[k];
			lf = m->len > 0 && s[m->off + m->len - 1] == '\n';
			if (r.nrej - pos >= m->len + !lf &&
			    memcmp(r.rej + pos, s + m->off, m->len) == 0 &&
			    (lf || r.rej[pos + m->len] == '\n')) {
				pos += m->len + !lf;
				rejected++;
			}
		}
		if (pos != r.nrej)
			fz_fail("rejects file holds more than records");
		if ((long)fz_lines(r.out, r.nout) - 1 + rejected != count) {
			fprintf(stderr, "%ld records, %zu lines out, %ld "
			    "rejected\n", count, fz_lines(r.out, r.nout),
			    rejected);
			fz_fail("records in != records out + rejected");
		}
	} else if (r.status != 2 && r.nout != 0)
		fz_fail("output without a header");
	fz_freerun(&r);
}

/* The file the input stands for (see the top), in *out. */
static size_t
decode(const uint8_t *d, size_t n, char **out, int *sep)
{
	size_t	 i, len = 0, rep, total = 0;
	char	*s;

	*sep = d[0] & 1 ? '\t' : ',';
	fz_schedule(d[1]);
	if ((s = malloc(n + MAXEXPAND + 1)) == NULL)
		fz_fail("malloc");
	for (i = 2; i < n; i++) {
		if ((d[0] & 2) && d[i] == 0xfe && i + 1 < n) {
			rep = ((size_t)d[++i] + 1) * 4096;
			if (total + rep > MAXEXPAND)
				continue;
			total += rep;
			memset(s + len, len > 0 ? s[len - 1] : 'a', rep);
			len += rep;
			continue;
		}
		s[len++] = (char)d[i];
	}
	*out = s;
	return len;
}

/* The reader's own memfds, made at the first run. */
static void
memfds(void)
{
	if (inpath[0] != '\0')
		return;
	infd = fz_memfd("fuzz-csv");
	rejfd = fz_memfd("fuzz-csv-rejects");
	fz_path(inpath, sizeof(inpath), infd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*s, *tmp;
	size_t		 n;
	long		 count;
	int		 sep;

	if (size < 2)
		return 0;
	memfds();
	n = decode(data, size, &s, &sep);
	if ((tmp = malloc(n + 8)) == NULL ||
	    (recs = malloc((n + 1) * sizeof(*recs))) == NULL)
		fz_fail("malloc");
	fz_fdmark();
	count = reader(s, n, sep, tmp);
	fz_nofdleak();
	fz_schedule(0);
	tool(s, n, sep, count);
	free(recs);
	free(tmp);
	free(s);
	return 0;
}
