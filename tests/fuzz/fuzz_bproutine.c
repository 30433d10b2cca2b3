/*
 * Harness 3c: bproutine's rules and main().  cmd/bproutine.c is
 * included here, compiled with -Dmain=bproutine_main, with the checks
 * of fz_filter() as for bpclassify.
 *
 * Static state: main()'s "static struct router r" gets a fresh catalog
 * (filter_catalog(), whose catalog_read() drops the previous one) and
 * fresh malloc'd exercise and advice lists (lists()) on every call,
 * never freed: fine for a process that runs once, a leak per input
 * here.  r is out of reach by name, so filter_catalog is renamed for
 * the included file to a hook that finds r from &r.cat, the only
 * catalog it is given; release() frees what a run left and zeroes r,
 * as a new process has it, after each run.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "filter.h"
#include "fuzzutil.h"

static int	hook_filter_catalog(struct catalog *, const char *);
#define filter_catalog	hook_filter_catalog
#include "../../cmd/bproutine.c"
#undef filter_catalog

int	bproutine_main(int, char **);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const added[] = {
	"disposition", "routine", "exercises", "sessions", "advice", NULL
};
static const char *const need[] = {
	"id", "phase", "pattern", "startback", "disability", "flag_level",
	"unscreened", NULL
};

static struct router	*routerp;

static void
release(void)
{
	int	rt, k;

	if (routerp == NULL)
		return;
	catalog_free(&routerp->cat);
	for (rt = 0; rt < NROUT; rt++)
		for (k = 0; k < 1 << NCONTRA; k++)
			free((char *)routerp->exercises[rt][k].s);
	for (rt = 0; rt < NROUT + 1; rt++)
		for (k = 0; k < NDISP; k++)
			free((char *)routerp->advice[rt][k].s);
	memset(routerp, 0, sizeof(*routerp));
}

static int
hook_filter_catalog(struct catalog *c, const char *path)
{
	routerp = (struct router *)(void *)((char *)c -
	    offsetof(struct router, cat));
	release();
	return filter_catalog(c, path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_filter(bproutine_main, "bproutine", added, need,
	    (const char *)data, size);
	release();
	return 0;
}
