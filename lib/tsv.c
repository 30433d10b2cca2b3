#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "bits.h"
#include "tsv.h"

#define READSZ	(128 * 1024)
#define BUFCAP	(TSV_MAXLINE + TSV_ROOM + 2 + READSZ)

enum { STEP_HEADER = 3 };

#if defined(__SSE2__)
static unsigned char	count8[256];	/* the bits set in a byte */
#endif

static int	 fail(struct tsv *, const char *, int);
static int	 bad(struct tsv *, const char *);
static ssize_t	 fill(struct tsv *);
static int	 rawline(struct tsv *);
static int	 skiprest(struct tsv *, int);
static int	 byname(const void *, const void *);
static int	 setheader(struct tsv *, const char *, size_t);
static int	 unique(struct tsv *);
static int	 headerline(struct tsv *);
static size_t	 roomlen(struct tsv *);
static int	 recordline(struct tsv *);
static size_t	 split(struct tsv *, const char *, size_t);
static int	 nextsrc(struct tsv *);
static uint64_t	 cutat(uint64_t, unsigned, unsigned);
static size_t	 countlf(const char *, size_t);
static int	 seekpart(struct tsv *);
static int	 step(struct tsv *);

static int
fail(struct tsv *t, const char *why, int err)
{
	t->why = why;
	t->err = err;
	return TSV_FATAL;
}

static int
bad(struct tsv *t, const char *why)
{
	t->why = why;
	t->err = 0;
	return TSV_BAD;
}

int
tsv_srcopen(struct tsv_src **src, char **names, int n, const char **name)
{
	static char	*stdin_only[] = { (char *)"-" };
	struct stat	 st;
	int		 i, fd;

	if (n == 0) {
		names = stdin_only;
		n = 1;
	}
	*name = names[0];
	if ((*src = calloc((size_t)n, sizeof(**src))) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	for (i = 0; i < n; i++)
		(*src)[i].fd = -1;
	for (i = 0; i < n; i++) {
		*name = (*src)[i].name = names[i];
		if (strcmp(names[i], "-") == 0)
			fd = 0;
		else if ((fd = open(names[i], O_RDONLY)) == -1)
			return -1;
		(*src)[i].fd = fd;
		if (fstat(fd, &st) == -1)
			return -1;
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			return -1;
		}
	}
	*name = names[0];
	return n;
}

void
tsv_srcclose(struct tsv_src *src, int n)
{
	int	i;

	for (i = 0; src != NULL && i < n; i++)
		if (src[i].fd > 0)
			close(src[i].fd);
	free(src);
}

int
tsv_open(struct tsv *t, char **names, int n)
{
	memset(t, 0, sizeof(*t));
	if ((t->nsrc = tsv_srcopen(&t->src, names, n, &t->name)) == -1) {
		t->nsrc = n > 0 ? n : 1;
		return fail(t, NULL, errno);
	}
	if ((t->buf = malloc(BUFCAP + TSV_PAD)) == NULL)
		return fail(t, "out of memory", ENOMEM);
	t->cap = BUFCAP;
	t->cur = 0;
	return 0;
}

int
tsv_openmem(struct tsv *t, const char *name, const char *text, size_t len)
{
	memset(t, 0, sizeof(*t));
	if ((t->src = calloc(1, sizeof(*t->src))) == NULL ||
	    (t->buf = malloc(len + 1 + TSV_PAD)) == NULL)
		return fail(t, "out of memory", ENOMEM);
	memcpy(t->buf, text, len);
	t->nul = memchr(text, '\0', len) != NULL;
	t->cap = len + 1;
	t->len = len;
	t->eof = 1;
	t->src[0].fd = -1;
	t->name = t->src[0].name = name;
	t->nsrc = 1;
	return 0;
}

static ssize_t
fill(struct tsv *t)
{
	ssize_t	r;
	size_t	room;

	if (t->pos > 0) {
		t->off += t->pos;
		memmove(t->buf, t->buf + t->pos, t->len - t->pos);
		t->len -= t->pos;
		t->scan -= t->pos;
		t->pos = 0;
		t->nul = t->nul && memchr(t->buf, '\0', t->len) != NULL;
	}
	room = t->cap - t->len;
	if (room > READSZ)
		room = READSZ;
	do
		r = read(t->src[t->cur].fd, t->buf + t->len, room);
	while (r == -1 && errno == EINTR);
	if (r > 0) {
		/* one look per read, so that lines are split without one */
		if (memchr(t->buf + t->len, '\0', (size_t)r) != NULL)
			t->nul = 1;
		t->len += (size_t)r;
	}
	return r;
}

/*
 * Find the next line of the current operand.  Returns 1 (t->raw), 0 at
 * the end of the operand, -1 on a read error.  A line that does not fit
 * in TSV_MAXLINE + TSV_ROOM bytes (a header: TSV_MAXLINE and a byte
 * order mark) is returned in part, with t->partial set.
 */
static int
rawline(struct tsv *t)
{
	char	*nl;
	ssize_t	 r;

	for (;;) {
		nl = memchr(t->buf + t->scan, '\n', t->len - t->scan);
		if (nl != NULL) {
			t->raw = t->buf + t->pos;
			t->rawlen = (size_t)(nl - t->raw);
			t->rawlf = 1;
			t->partial = 0;
			t->pos = t->scan = (size_t)(nl - t->buf) + 1;
			return 1;
		}
		t->scan = t->len;
		/* a header may also have a byte order mark */
		if (t->len - t->pos > (t->started ? TSV_MAXLINE + TSV_ROOM :
		    TSV_MAXLINE + 3) ||
		    (t->eof &&
		    t->len > t->pos)) {
			t->raw = t->buf + t->pos;
			t->rawlen = t->len - t->pos;
			t->rawlf = 0;
			t->partial = !t->eof;
			t->pos = t->scan = t->len;
			return 1;
		}
		if (t->eof)
			return 0;
		if ((r = fill(t)) == -1)
			return -1;
		if (r == 0)
			t->eof = 1;
	}
}

/*
 * Consume the rest of an overlong line, copying it to fd unless fd is
 * -1.  Returns 0, -1 with t->err set on a write error, or -2 with t->err
 * set and t->why NULL on a read error.
 */
static int
skiprest(struct tsv *t, int fd)
{
	char	*nl;
	size_t	 n;
	ssize_t	 r;

	while (t->partial) {
		t->pos = t->scan = t->len;
		if ((r = fill(t)) == -1) {
			t->why = NULL;
			t->err = errno;
			return -2;
		}
		if (r == 0) {
			t->eof = 1;
			t->partial = 0;
			t->rawlf = 0;
			break;
		}
		nl = memchr(t->buf, '\n', t->len);
		n = nl != NULL ? (size_t)(nl - t->buf) + 1 : t->len;
		if (fd != -1 && tsv_writeall(fd, t->buf, n) == -1) {
			t->err = errno;
			return -1;
		}
		if (nl != NULL) {
			t->pos = t->scan = n;
			t->partial = 0;
			t->rawlf = 1;
		}
	}
	return 0;
}

int
tsv_writeall(int fd, const char *p, size_t n)
{
	ssize_t	w;

	while (n > 0) {
		if ((w = write(fd, p, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
tsv_reject(struct tsv *t, int fd)
{
	int	partial = t->partial, r;

	if (tsv_writeall(fd, t->raw, t->rawlen) == -1) {
		t->err = errno;
		return -1;
	}
	if (partial && (r = skiprest(t, fd)) != 0)
		return r;
	/* the LF of a whole line was not in raw; an overlong one's was */
	if ((!partial || !t->rawlf) && tsv_writeall(fd, "\n", 1) == -1) {
		t->err = errno;
		return -1;
	}
	return 0;
}

static int
byname(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
setheader(struct tsv *t, const char *p, size_t n)
{
	size_t	 i, k;
	char	*s;

	if ((t->hdr = malloc(n + 1)) == NULL || (s = malloc(n + 1)) == NULL)
		return fail(t, "out of memory", ENOMEM);
	memcpy(t->hdr, p, n);
	t->hdr[n] = '\0';
	t->hdrlen = n;
	memcpy(s, p, n);
	s[n] = '\0';
	t->ncols = 1;
	for (i = 0; i < n; i++)
		if (s[i] == '\t')
			t->ncols++;
	t->cols = malloc(t->ncols * sizeof(*t->cols));
	/* room for the 16 cuts one block of a line too long may add */
	t->cut = malloc((t->ncols + 17) * sizeof(*t->cut));
	t->read = calloc(t->ncols, 1);
	t->room = calloc(t->ncols, 1);
	/* runs of the cuts 1 to ncols, at most (ncols + 1) / 2, and the end */
	t->need = malloc((t->ncols + 4) * sizeof(*t->need));
	if (t->cols == NULL || t->cut == NULL || t->read == NULL ||
	    t->room == NULL || t->need == NULL) {
		free(s);
		free(t->cols);
		t->cols = NULL;
		return fail(t, "out of memory", ENOMEM);
	}
	t->need[0] = t->need[1] = UINT32_MAX;
#if defined(__SSE2__)
	for (i = 1; i < 256; i++)
		count8[i] = (unsigned char)(count8[i / 2] + (i & 1));
#endif
	t->cols[0] = s;
	for (i = 0, k = 1; i < n; i++)
		if (s[i] == '\t') {
			s[i] = '\0';
			t->cols[k++] = s + i + 1;
		}
	return unique(t);
}

/* STEP_HEADER if no column of t is named twice, else TSV_FATAL. */
static int
unique(struct tsv *t)
{
	char	**sorted;
	size_t	  i;

	/* duplicates are neighbours once sorted: a header can be long */
	if ((sorted = malloc(t->ncols * sizeof(*sorted))) == NULL)
		return fail(t, "out of memory", ENOMEM);
	memcpy(sorted, t->cols, t->ncols * sizeof(*sorted));
	qsort(sorted, t->ncols, sizeof(*sorted), byname);
	for (i = 1; i < t->ncols; i++)
		if (strcmp(sorted[i - 1], sorted[i]) == 0) {
			if (sorted[i][0] == '\0')
				snprintf(t->whybuf, sizeof(t->whybuf),
				    "more than one column without a name");
			else
				snprintf(t->whybuf, sizeof(t->whybuf),
				    "duplicate column %.40s", sorted[i]);
			free(sorted);
			return fail(t, t->whybuf, 0);
		}
	free(sorted);
	return STEP_HEADER;
}

/* The first non-empty line of an operand: the header, or its copy. */
static int
headerline(struct tsv *t)
{
	const char	*p = t->raw;
	size_t		 n = t->rawlen;

	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		p += 3;
		n -= 3;
	}
	while (n > 0 && p[n - 1] == '\r')
		n--;
	/* a file whose lines end in CR alone reads as one line */
	if (memchr(p, '\r', n) != NULL)
		return fail(t, "a CR inside the header line: lines that end in "
		    "CR alone must be converted first (tr '\\r' '\\n')", 0);
	if (t->partial || n > TSV_MAXLINE)
		return fail(t, "header line longer than 1 MiB", 0);
	if (n == 0)
		return 0;
	if (memchr(p, '\0', n) != NULL)
		return fail(t, "NUL byte in header line", 0);
	t->started = 1;
	if (t->hdr == NULL)
		return setheader(t, p, n);
	if (n != t->hdrlen || memcmp(p, t->hdr, n) != 0)
		return fail(t, "header differs from the first file's", 0);
	return STEP_HEADER;
}

/* Where split() is in a line, and the cuts it makes. */
struct cutter {
	const char	*start, *p, *end;
	const uint32_t	*need;		/* runs of the cuts asked for */
	uint32_t	*cut;
	size_t		 k;		/* TABs seen */
};

#if defined(__SSE2__)
/*
 * Cut c->p on, sixteen bytes at a time (SSE2): bpclassify 7% fewer
 * instructions a record than eight at a time, bproutine 10%.  A block
 * with no cut that is needed only has its TABs counted: bproutine, which
 * reads 14 of its 57 fields, 9% fewer.  Eight cuts are written whether
 * the block has them or not, past its TABs with garbage the next block
 * writes over, so that the loop does not end at a different place for
 * every block: 11% less time for bpclassify.
 */
static void
blocks(struct cutter *c)
{
	const char	*p = c->p;
	const uint32_t	*need = c->need;
	uint32_t	*w, off;
	size_t		 k = c->k;
	unsigned	 m, n;

	for (; c->end - p >= 16; p += 16) {
		m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)p),
		    _mm_set1_epi8('\t')));
		n = count8[m & 0xff] + count8[m >> 8];
		if (k + n < need[0]) {
			k += n;
			continue;
		}
		/* need[0] <= ncols: k + 16 stays within the cuts */
		off = (uint32_t)(p - c->start) + 1;
		m |= 0xffff0000U;	/* bits_low() of it: 16 and up */
		w = c->cut + k + 1;
		w[0] = off + (uint32_t)bits_low(m);
		m &= m - 1;
		w[1] = off + (uint32_t)bits_low(m);
		m &= m - 1;
		w[2] = off + (uint32_t)bits_low(m);
		m &= m - 1;
		w[3] = off + (uint32_t)bits_low(m);
		m &= m - 1;
		w[4] = off + (uint32_t)bits_low(m);
		m &= m - 1;
		w[5] = off + (uint32_t)bits_low(m);
		m &= m - 1;
		w[6] = off + (uint32_t)bits_low(m);
		m &= m - 1;
		w[7] = off + (uint32_t)bits_low(m);
		for (w += 8, m &= m - 1; n > 8 && (m & 0xffff) != 0;
		    m &= m - 1)
			*w++ = off + (uint32_t)bits_low(m);
		k += n;
		/* past every run it passed: a block may pass several */
		while (k >= need[1])
			need += 2;
	}
	c->p = p;
	c->need = need;
	c->k = k;
}
#endif

/*
 * Cut c->p on, eight bytes at a time where the byte order allows: the
 * fields are a few bytes long, too short for memchr(3) per field to pay
 * off.
 */
static void
words(struct cutter *c)
{
	static const union {
		uint64_t	u;
		unsigned char	c[8];
	} probe = { 1 };
	const uint64_t	 ones = 0x0101010101010101ULL;
	const uint64_t	 low7 = 0x7f7f7f7f7f7f7f7fULL;
	const char	*p = c->p;
	const uint32_t	*need = c->need;
	uint64_t	 x, y;
	uint32_t	 off;
	size_t		 k = c->k;

	for (; probe.c[0] == 1 && c->end - p >= 8; p += 8) {
		memcpy(&x, p, 8);
		/* 0x80 in each byte that is TAB */
		x ^= ones * '\t';
		y = ~(((x & low7) + low7) | x | low7);
		if (k + 8 < need[0]) {
			/* each byte of y >> 7 is 0 or 1: their sum */
			k += (size_t)(((y >> 7) * ones) >> 56);
			continue;
		}
		off = (uint32_t)(p - c->start) + 1;
		for (; y != 0; y &= y - 1)
			c->cut[++k] = off + (uint32_t)(bits_low(y) >> 3);
		while (k >= need[1])
			need += 2;
	}
	c->p = p;
	c->need = need;
	c->k = k;
}

/*
 * Split (p, n) at TAB: t->cut[i] is where field i starts, as an offset
 * from p, for every i in the runs of t->need (and for the fields after
 * the last TAB of a line too long, if not too many); t->cut[nf] is n + 1.
 * Every TAB is counted.  Returns the number of fields.
 */
static size_t
split(struct tsv *t, const char *p, size_t n)
{
	struct cutter	c;

	c.start = c.p = p;
	c.end = p + n;
	c.need = t->need;
	c.cut = t->cut;
	c.k = 0;
	c.cut[0] = 0;
#if defined(__SSE2__)
	blocks(&c);
#endif
	words(&c);
	for (; c.p < c.end; c.p++)
		if (*c.p == '\t' && ++c.k <= t->ncols)
			c.cut[c.k] = (uint32_t)(c.p - p) + 1;
	if (c.k < t->ncols)
		c.cut[c.k + 1] = (uint32_t)n + 1;
	return c.k + 1;
}

const char *
tsv_peek(const struct tsv *t, size_t i, size_t *n)
{
	const char	*p = t->rec, *end = t->rec + t->reclen, *tab;

	if (t->read[i])
		return tsv_fieldat(t, i, n);
	for (; i > 0; i--)
		p = (const char *)memchr(p, '\t', (size_t)(end - p)) + 1;
	if ((tab = memchr(p, '\t', (size_t)(end - p))) == NULL)
		tab = end;
	*n = (size_t)(tab - p);
	return p;
}

void
tsv_learn(struct tsv *t, size_t i)
{
	size_t	j, k = 0;

	t->read[i] = 1;
	/*
	 * Field j needs the cuts j and j + 1 (cut 0 is always there); the
	 * runs of them, first and last, ascending.
	 */
	for (j = 1; j <= t->ncols; j++)
		if (t->read[j - 1] || (j < t->ncols && t->read[j])) {
			if (k == 0 || t->need[k - 1] != j - 1)
				t->need[k++] = (uint32_t)j;
			else
				k--;
			t->need[k++] = (uint32_t)j;
		}
	/* the end: a run from and to no cut */
	t->need[k] = t->need[k + 1] = UINT32_MAX;
	if (t->rec != NULL)
		split(t, t->rec, t->reclen);
}

/*
 * The bytes of the record's fields in the tools' columns (tsv_room()),
 * each with the TAB that joins it to the line.
 */
static size_t
roomlen(struct tsv *t)
{
	size_t	i, n, len = 0;

	for (i = 0; t->anyroom && i < t->ncols; i++)
		if (t->room[i]) {
			tsv_field(t, i, &n);
			len += n + 1;
		}
	return len;
}

void
tsv_room(struct tsv *t, const struct word *words)
{
	const struct word	*w;
	int			 i;

	for (w = words; w->s != NULL; w++)
		if ((i = tsv_col(t, w->s)) >= 0) {
			t->room[i] = 1;
			t->anyroom = 1;
		}
}

static int
recordline(struct tsv *t)
{
	size_t	n, nf;

	if (t->partial || t->rawlen > TSV_MAXLINE + TSV_ROOM)
		return bad(t, "line longer than 1 MiB");
	/* every CR before the LF: one more would end the last field */
	n = t->rawlen;
	while (n > 0 && t->raw[n - 1] == '\r')
		n--;
	/* an empty line, or a repeated header (bp(7)): no record */
	if (n == 0 || (n == t->hdrlen && memcmp(t->raw, t->hdr, n) == 0) ||
	    (n == t->hdrlen + 3 && memcmp(t->raw, "\xef\xbb\xbf", 3) == 0 &&
	    memcmp(t->raw + 3, t->hdr, t->hdrlen) == 0))
		return 0;
	if (t->nul && memchr(t->raw, '\0', n) != NULL)
		return bad(t, "NUL byte in line");
	nf = split(t, t->raw, n);
	t->rec = t->raw;
	t->reclen = n;
	if (nf == t->ncols && n > TSV_MAXLINE && n - roomlen(t) > TSV_MAXLINE)
		return bad(t, "line longer than 1 MiB");
	if (nf == t->ncols)
		return TSV_REC;
	snprintf(t->whybuf, sizeof(t->whybuf), "%zu field%s, the header has %zu",
	    nf, nf == 1 ? "" : "s", t->ncols);
	return bad(t, t->whybuf);
}

/* Move to the next operand; returns 0 when there is none. */
static int
nextsrc(struct tsv *t)
{
	if (++t->cur >= t->nsrc)
		return 0;
	t->name = t->src[t->cur].name;
	t->line = 0;
	t->off = 0;
	t->pos = t->len = t->scan = 0;
	t->eof = t->partial = t->started = t->nul = 0;
	return 1;
}

int
tsv_part(struct tsv *t, unsigned k, unsigned n)
{
	struct stat	st;

	t->err = 0;
	if (t->nsrc != 1 || k < 1 || k > n) {
		t->why = "a part is of one file";
		return -1;
	}
	if (fstat(t->src[0].fd, &st) == -1) {
		t->why = NULL;
		t->err = errno;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		t->why = TSV_PARTSTREAM;
		return -1;
	}
	t->partk = k;
	t->partn = n;
	return 0;
}

/* Where the i-th of n equal runs of b bytes ends: b * i / n. */
static uint64_t
cutat(uint64_t b, unsigned i, unsigned n)
{
	return b / n * i + b % n * i / n;
}

/*
 * The LFs in (p, n), sixteen bytes at a time (SSE2): a part counts the
 * lines before it in a third less time than with memchr(3) for each.
 */
static size_t
countlf(const char *p, size_t n)
{
	const char	*end = p + n;
	size_t		 k = 0;
#if defined(__SSE2__)
	unsigned	 m;

	for (; end - p >= 16; p += 16) {
		m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)p),
		    _mm_set1_epi8('\n')));
		k += count8[m & 0xff] + count8[m >> 8];
	}
#endif
	for (; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		k++;
	return k;
}

/*
 * Just past the header line of a part: pass the lines that start before
 * the part, counting them, and set where the part ends.  Returns
 * STEP_HEADER, or TSV_FATAL.  The file's size at this moment sets the
 * cuts: parts of a file that changes in between do not fit together.
 */
static int
seekpart(struct tsv *t)
{
	struct stat	 st;
	uint64_t	 h = t->off + t->pos, b = 0, start, before;
	size_t		 m;
	ssize_t		 r;
	char		*nl;

	if (fstat(t->src[t->cur].fd, &st) == -1)
		return fail(t, NULL, errno);
	if ((uint64_t)st.st_size > h)
		b = (uint64_t)st.st_size - h;
	start = h + cutat(b, t->partk - 1, t->partn);
	t->partend = t->partk < t->partn ? h + cutat(b, t->partk, t->partn) :
	    0;
	/*
	 * A line starts before the part when its LF comes before the byte
	 * just ahead of it; the first line of the part follows the first LF
	 * from that byte on.
	 */
	while (t->off + t->pos < start) {
		m = t->len - t->pos;
		if ((before = start - 1 - (t->off + t->pos)) > 0) {
			if (m > before)
				m = (size_t)before;
			t->line += countlf(t->buf + t->pos, m);
			t->pos += m;
		} else if ((nl = memchr(t->buf + t->pos, '\n', m)) != NULL) {
			t->line++;
			t->pos = (size_t)(nl - t->buf) + 1;
			break;
		} else
			t->pos = t->len;
		if (t->pos < t->len)
			continue;
		t->scan = t->pos;
		if ((r = fill(t)) == -1)
			return fail(t, NULL, errno);
		if (r == 0) {
			t->eof = 1;
			break;
		}
	}
	t->scan = t->pos;
	return STEP_HEADER;
}

/* Read one line: a header, a record, a bad line, or the end. */
static int
step(struct tsv *t)
{
	int	r;

	for (;;) {
		if (t->cur >= t->nsrc)
			return TSV_EOF;
		if (t->partial && skiprest(t, -1) != 0)
			return fail(t, NULL, t->err);
		/*
		 * a part: once the header is read and the tool has looked at
		 * it (its warnings name line 1), on to the part's first line;
		 * the end of a part: the first line that starts after it
		 */
		if (t->partn != 0 && t->started && !t->parted) {
			t->parted = 1;
			if ((r = seekpart(t)) != STEP_HEADER)
				return r;
		}
		if (t->partend != 0 && t->off + t->pos >= t->partend) {
			t->cur = t->nsrc;
			return TSV_EOF;
		}
		if ((r = rawline(t)) == -1)
			return fail(t, NULL, errno);
		if (r == 0) {
			if (!nextsrc(t))
				return TSV_EOF;
			continue;
		}
		t->line++;
		r = t->started ? recordline(t) : headerline(t);
		if (r != 0)
			return r;
	}
}

int
tsv_header(struct tsv *t)
{
	int	r = step(t);

	if (r == STEP_HEADER)
		return 1;
	return r;
}

int
tsv_next(struct tsv *t)
{
	int	r;

	while ((r = step(t)) == STEP_HEADER)
		;
	return r;
}

int
tsv_col(const struct tsv *t, const char *name)
{
	size_t	i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i], name) == 0)
			return (int)i;
	return -1;
}

void
tsv_close(struct tsv *t)
{
	tsv_srcclose(t->src, t->nsrc);
	if (t->cols != NULL)
		free(t->cols[0]);
	free(t->cols);
	free(t->cut);
	free(t->read);
	free(t->room);
	free(t->need);
	free(t->hdr);
	free(t->buf);
	memset(t, 0, sizeof(*t));
}
