/*
 * failmalloc: an LD_PRELOAD shim whose allocations fail on request, for
 * the out-of-memory tests.  BP_FAILMALLOC=N lets N allocations succeed
 * and fails every one after them with ENOMEM, until the tool exits: what
 * comes after (the counters a --coverage build writes) is not the tool's.
 * glibc only.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
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

typedef int	mainfn(int, char **, char **);
typedef int	startfn(mainfn *, int, char **, void (*)(void),
		    void (*)(void), void (*)(void), void *);
int	__libc_start_main(mainfn *, int, char **, void (*)(void),
	    void (*)(void), void (*)(void), void *);

static mainfn	*realmain;

static void
stop(void)
{
	left = -1;
}

/*
 * stop() is registered as main() starts: after the C library's own exit
 * handler (which runs the destructors that write the counters), so it
 * runs before it, and after the tool's (the tools add none).
 */
static int
wrapmain(int argc, char **argv, char **envp)
{
	atexit(stop);
	return realmain(argc, argv, envp);
}

int
__libc_start_main(mainfn *m, int argc, char **argv, void (*init)(void),
    void (*fini)(void), void (*rtld_fini)(void), void *stack_end)
{
	startfn	*start;

	*(void **)&start = dlsym(RTLD_NEXT, "__libc_start_main");
	realmain = m;
	return start(wrapmain, argc, argv, init, fini, rtld_fini, stack_end);
}

static int
fail(void)
{
	const char	*s;

	if (left == -2) {
		s = getenv("BP_FAILMALLOC");
		left = s != NULL ? atol(s) : -1;
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
