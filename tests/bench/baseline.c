/*
 * baseline: the speed of light for a bp filter on this machine.
 *
 * usage: baseline [FILE ...]
 *
 * Does the work every filter must do and nothing else: reads the
 * operands (or standard input) with read(2) into one buffer, finds each
 * line, strips a CR, splits every field at TAB (keeping where each one
 * starts, as an offset in the line, as a filter's reader does), checks
 * the field count against the header, and writes the line with five
 * constant columns appended through one buffered output.  It is meant
 * to be as fast as plain C allows, so that the ratio of a tool's time
 * to this one measures the tool's own rules and overheads.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define READSZ	(256 * 1024)
#define OUTSZ	(128 * 1024)

static const char	 hdrtail[] = "\tb1\tb2\tb3\tb4\tb5\n";
static const char	 rectail[] = "\tnone\tacute\tlow\t42\tminimal\n";

static char		 obuf[OUTSZ];
static size_t		 olen;

static uint32_t		*cut;		/* field i starts at cut[i] */
static size_t		 ncols;		/* from the header; 0 before it */
static unsigned long	 lineno;
static size_t		 nf;		/* fields of the last line split */
static const char	*name;

static void
die(const char *what)
{
	fprintf(stderr, "baseline: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void
drain(void)
{
	size_t	off = 0;
	ssize_t	w;

	while (off < olen) {
		if ((w = write(1, obuf + off, olen - off)) == -1) {
			if (errno == EINTR)
				continue;
			die("write error");
		}
		off += (size_t)w;
	}
	olen = 0;
}

static void
put(const char *p, size_t n)
{
	if (n > OUTSZ - olen) {
		drain();
		if (n > OUTSZ) {
			memcpy(obuf, p, OUTSZ);	/* rare: a very long line */
			olen = OUTSZ;
			drain();
			put(p + OUTSZ, n - OUTSZ);
			return;
		}
	}
	memcpy(obuf + olen, p, n);
	olen += n;
}

/* The index of the lowest set bit of y (y != 0). */
static int
lowbit(uint64_t y)
{
#if defined(__GNUC__)
	return __builtin_ctzll(y);
#else
	static const unsigned char debruijn[64] = {
		0, 1, 48, 2, 57, 49, 28, 3, 61, 58, 50, 42, 38, 29, 17, 4,
		62, 55, 59, 36, 53, 51, 43, 22, 45, 39, 33, 30, 24, 18, 12, 5,
		63, 47, 56, 27, 60, 41, 37, 16, 54, 35, 52, 21, 44, 32, 23, 11,
		46, 26, 40, 15, 34, 20, 31, 10, 25, 14, 19, 9, 13, 8, 7, 6
	};

	return debruijn[((y & -y) * 0x03f79d71b4cb0a89ULL) >> 58];
#endif
}

/*
 * Split (p, n) at every TAB; returns the number of fields.  Eight bytes
 * at a time: the fields are a few bytes long, too short for memchr(3)
 * per field to pay off.  The word trick numbers bytes from the low end,
 * so a big-endian machine takes the byte loop.  Field i of a line with
 * the header's number of fields is p[cut[i]] to p[cut[i + 1] - 2].
 */
static size_t
split(const char *p, size_t n)
{
	static const union {
		uint64_t	u;
		unsigned char	c[8];
	} probe = { 1 };
	const uint64_t	 ones = 0x0101010101010101ULL;
	const uint64_t	 low7 = 0x7f7f7f7f7f7f7f7fULL;
	const char	*start = p, *end = p + n;
	uint32_t	 off;
	size_t		 k = 0;		/* TABs seen */
	uint64_t	 x, y;

	cut[0] = 0;
	if (probe.c[0] == 1)
		for (; end - p >= 8; p += 8) {
			memcpy(&x, p, 8);
			x ^= ones * '\t';
			/* 0x80 in each byte of y where x had a TAB */
			y = ~(((x & low7) + low7) | x | low7);
			if (k >= ncols) {	/* too many: count them */
				k += (size_t)(((y >> 7) * ones) >> 56);
				continue;
			}
			off = (uint32_t)(p - start) + 1;
			for (; y != 0; y &= y - 1)
				cut[++k] = off + (uint32_t)(lowbit(y) >> 3);
		}
	for (; p < end; p++)
		if (*p == '\t' && ++k <= ncols)
			cut[k] = (uint32_t)(p - start) + 1;
	if (k < ncols)
		cut[k + 1] = (uint32_t)n + 1;
	return k + 1;
}

static void
header(const char *p, size_t n)
{
	const char	*q;

	ncols = 1;
	for (q = p; (q = memchr(q, '\t', (size_t)(p + n - q))) != NULL; q++)
		ncols++;
	/* room for the 8 cuts one word of a line too long may add */
	if ((cut = malloc((ncols + 9) * sizeof(*cut))) == NULL)
		die("header");
	put(p, n);
	put(hdrtail, sizeof(hdrtail) - 1);
}

/*
 * One line without its LF; first is set until an operand's first
 * non-empty line, its header.  Returns 0 for an empty line, else 1.
 */
static int
line(const char *p, size_t n, int first)
{
	lineno++;
	if (n > 0 && p[n - 1] == '\r')
		n--;
	if (n == 0)
		return 0;
	if (first) {
		if (ncols == 0)
			header(p, n);
		return 1;
	}
	if ((nf = split(p, n)) != ncols) {
		fprintf(stderr, "baseline: %s:%lu: %zu fields, the header "
		    "has %zu\n", name, lineno, nf, ncols);
		exit(2);
	}
	put(p, n);
	put(rectail, sizeof(rectail) - 1);
	return 1;
}

static void
file(int fd)
{
	static char	*buf;
	static size_t	 cap;
	size_t		 len = 0, pos;
	ssize_t		 r;
	char		*nl, *p;
	int		 first = 1, eof = 0;

	lineno = 0;
	while (!eof) {
		if (cap - len < READSZ) {
			cap = cap == 0 ? 4 * READSZ : 2 * cap;
			if ((buf = realloc(buf, cap)) == NULL)
				die("read");
		}
		if ((r = read(fd, buf + len, cap - len)) == -1) {
			if (errno == EINTR)
				continue;
			die(name);
		}
		if (r == 0) {
			eof = 1;
			if (len > 0)
				buf[len++] = '\n';	/* last line, no LF */
		}
		len += (size_t)r;
		for (pos = 0, p = buf; (nl = memchr(p, '\n', len - pos)) !=
		    NULL; p = nl + 1, pos = (size_t)(p - buf)) {
			if (line(p, (size_t)(nl - p), first))
				first = 0;
		}
		memmove(buf, p, len - pos);
		len -= pos;
	}
}

int
main(int argc, char *argv[])
{
	int	i, fd;

	if (argc < 2) {
		name = "-";
		file(0);
	}
	for (i = 1; i < argc; i++) {
		name = argv[i];
		if (strcmp(name, "-") == 0)
			fd = 0;
		else if ((fd = open(name, O_RDONLY)) == -1)
			die(name);
		file(fd);
		if (fd != 0)
			close(fd);
	}
	drain();
	return 0;
}
