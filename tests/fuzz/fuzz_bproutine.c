/*
 * Harness 3c: bproutine's rules and main().  cmd/bproutine.c is
 * included here, compiled with -Dmain=bproutine_main, with the checks
 * of fz_filter() as for bpclassify.
 *
 * Static state: main()'s "static struct router r" gets a fresh
 * catalog_load() (whose memset drops the previous catalog) and fresh
 * malloc'd exercise and advice lists (lists()) on every call, never
 * freed: fine for a process that runs once, a leak per input here.  r is out of reach by
 * name, so catalog_load is renamed for the included file to a hook that
 * finds r from &r.cat, the only catalog it is given, and frees what the
 * previous run left; release() frees it after each run, so that the
 * leak check sees nothing.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "catalog.h"
#include "fuzzutil.h"

static int	hook_catalog_load(struct catalog *, const char *);
#define catalog_load	hook_catalog_load
#include "../../cmd/bproutine.c"
#undef catalog_load

int	bproutine_main(int, char **);
int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const added[] = {
	"disposition", "routine", "exercises", "sessions", "advice", NULL
};
static const char *const need[] = {
	"id", "phase", "pattern", "startback", "disability", "flag_level",
	"unscreened", NULL
};

static struct router	*routerp;

/* Free the lists of every struct router pointer array, whatever shape. */
#define FREEALL(a) \
	do { \
		char	**pp_ = (char **)(void *)&(a); \
		size_t	  i_; \
		for (i_ = 0; i_ < sizeof(a) / sizeof(char *); i_++) { \
			free(pp_[i_]); \
			pp_[i_] = NULL; \
		} \
	} while (0)

static void
release(void)
{
	if (routerp == NULL)
		return;
	catalog_free(&routerp->cat);
	FREEALL(routerp->exercises);
	FREEALL(routerp->advice);
}

static int
hook_catalog_load(struct catalog *c, const char *path)
{
	routerp = (struct router *)(void *)((char *)c -
	    offsetof(struct router, cat));
	release();
	return catalog_load(c, path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_init();
	fz_toolinit();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_filter(bproutine_main, "bproutine", added, need,
	    (const char *)data, size);
	release();
	return 0;
}
