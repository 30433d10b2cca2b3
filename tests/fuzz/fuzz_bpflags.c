/*
 * Harness 3b: bpflags's rules and main(), cmd/bpflags.c compiled with
 * -Dmain=bpflags_main; the checks of fz_filter() as for bpclassify.
 * Its static state (struct flagger) is set up again by every run, to
 * the same values.
 */
#include <stdint.h>

#include "fuzzutil.h"

int	bpflags_main(int, char **);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const added[] = {
	"flags", "flag_level", "unscreened", "worst_level", NULL
};
static const char *const need[] = { "id", NULL };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_filter(bpflags_main, "bpflags", added, need, (const char *)data,
	    size);
	return 0;
}
