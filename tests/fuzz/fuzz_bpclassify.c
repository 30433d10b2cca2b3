/*
 * Harness 3a: bpclassify's rules and main(), cmd/bpclassify.c compiled
 * with -Dmain=bpclassify_main.  The input is the whole file the tool
 * reads (/dev/fd/N of a memfd); fz_filter() runs it with
 * "-q -r REJECTS FILE", checks records in = out + rejected, the exit
 * status, the columns passed through, and that a second run over the
 * output changes nothing.  Its static state (struct classify, with the
 * acute boundary of --acute-weeks) is only set by options, which stay
 * the same from run to run.
 */
#include <stdint.h>

#include "fuzzutil.h"

int	bpclassify_main(int, char **);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const added[] = {
	"phase", "pattern", "startback", "odi", "disability", NULL
};
static const char *const need[] = { "id", NULL };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_filter(bpclassify_main, "bpclassify", added, need,
	    (const char *)data, size);
	return 0;
}
