/* See fuzzutil.h.  Built with _GNU_SOURCE for memfd_create(2). */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzzutil.h"
#include "out.h"

static int	devnull = -1;
static int	lowfd = -1;

void
fz_fail(const char *what)
{
	fprintf(stderr, "fuzz invariant broken: %s\n", what);
	abort();
}

int
fz_memfd(const char *name)
{
	int	fd;

	if ((fd = memfd_create(name, 0)) == -1) {
		perror("memfd_create");
		abort();
	}
	return fd;
}

void
fz_fill(int fd, const void *p, size_t n)
{
	const char	*s = p;
	size_t		 off = 0;
	ssize_t		 w;

	if (ftruncate(fd, 0) == -1)
		fz_fail("ftruncate");
	while (off < n) {
		if ((w = pwrite(fd, s + off, n - off, (off_t)off)) <= 0)
			fz_fail("pwrite");
		off += (size_t)w;
	}
	if (lseek(fd, 0, SEEK_SET) == -1)
		fz_fail("lseek");
}

char *
fz_slurp(int fd, size_t *n)
{
	struct stat	 st;
	char		*s;
	size_t		 off = 0;
	ssize_t		 r;

	if (fstat(fd, &st) == -1)
		fz_fail("fstat");
	if ((s = malloc((size_t)st.st_size + 1)) == NULL)
		fz_fail("malloc");
	while (off < (size_t)st.st_size) {
		r = pread(fd, s + off, (size_t)st.st_size - off, (off_t)off);
		if (r <= 0)
			fz_fail("pread");
		off += (size_t)r;
	}
	s[off] = '\0';
	*n = off;
	return s;
}

void
fz_path(char *buf, size_t size, int fd)
{
	snprintf(buf, size, "/dev/fd/%d", fd);
}

void
fz_init(void)
{
	if (setenv("BP_SANDBOX", "0", 1) == -1)
		fz_fail("setenv");
	unsetenv("COLUMNS");
	if ((devnull = open("/dev/null", O_RDWR)) == -1)
		fz_fail("open /dev/null");
	if (fcntl(devnull, F_SETFD, FD_CLOEXEC) == -1)
		fz_fail("fcntl");
	fz_stdout(-1);
}

void
fz_stdout(int fd)
{
	/*
	 * Whatever a tool left in the output buffer when it ended with
	 * status 2 goes to /dev/null, as it vanishes when a tool exits.
	 */
	if (dup2(devnull, 1) == -1)
		fz_fail("dup2");
	out_flush();
	if (fd != -1 && dup2(fd, 1) == -1)
		fz_fail("dup2");
}

void
fz_fdmark(void)
{
	if ((lowfd = dup(devnull)) == -1)
		fz_fail("dup");
	close(lowfd);
}

void
fz_nofdleak(void)
{
	int	fd;

	if ((fd = dup(devnull)) == -1)
		fz_fail("dup");
	close(fd);
	if (fd != lowfd) {
		fprintf(stderr, "fd %d open, expected %d free\n", fd, lowfd);
		fz_fail("file descriptor left open");
	}
}

size_t
fz_lines(const char *p, size_t n)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++)
		if (p[i] == '\n')
			k++;
	if (n > 0 && p[n - 1] != '\n')
		k++;
	return k;
}

static unsigned	rnd;
static int	shortreads;

void
fz_schedule(unsigned seed)
{
	rnd = 0x9e3779b9u ^ seed;
	shortreads = seed != 0;
}

/* The next read's size: xorshift32 over rnd. */
static size_t
chunk(void)
{
	static const size_t	 sizes[] = { 1, 2, 3, 7, 64, 4096, 65536,
				    128 * 1024 };
	unsigned		 r;

	rnd ^= rnd << 13;
	rnd ^= rnd >> 17;
	rnd ^= rnd << 5;
	r = rnd;
	if (r & 1)
		return sizes[(r >> 1) % 8];
	return 1 + (r >> 4) % (128 * 1024);
}

ssize_t
fz_read(int fd, void *buf, size_t n)
{
	size_t	c;

	if (shortreads && n > (c = chunk()))
		n = c;
	return read(fd, buf, n);
}
