/*
 * failmalloc: an LD_PRELOAD shim whose allocations fail on request, for
 * the out-of-memory tests.  BP_FAILMALLOC=N lets N allocations succeed
 * and fails every one after them with ENOMEM, until the tool exits: what
 * comes after (the counters a --coverage build writes) is not the tool's.
 * glibc only.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>

void	*__libc_malloc(size_t);
void	*__libc_calloc(size_t, size_t);
void	*__libc_realloc(void *, size_t);

void	*malloc(size_t);
void	*calloc(size_t, size_t);
void	*realloc(void *, size_t);

static long	left = -2;	/* -2: not read yet; -1: never fail */

/*
 * Registered at the first allocation, after the C library's own handler
 * (which runs the destructors that write the counters), so run before it.
 * The tools add no exit handler of their own.
 */
static void
stop(void)
{
	left = -1;
}

static int
fail(void)
{
	const char	*s;

	if (left == -2) {
		s = getenv("BP_FAILMALLOC");
		left = s != NULL ? atol(s) : -1;
		atexit(stop);
	}
	if (left < 0)
		return 0;
	if (left == 0) {
		errno = ENOMEM;
		return 1;
	}
	left--;
	return 0;
}

void *
malloc(size_t n)
{
	return fail() ? NULL : __libc_malloc(n);
}

void *
calloc(size_t n, size_t m)
{
	return fail() ? NULL : __libc_calloc(n, m);
}

void *
realloc(void *p, size_t n)
{
	return fail() ? NULL : __libc_realloc(p, n);
}
