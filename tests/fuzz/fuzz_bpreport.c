/*
 * Harnesses 3d and 5: bpreport.  cmd/bpreport.c is included here,
 * compiled with -Dmain=bpreport_main, and this file is built three
 * times (run.sh), FZ_MODE choosing what the input is:
 *
 *   0 fuzz_bpreport  records: "bpreport -q FILE" (the text summary);
 *                    then -f tsv, which --merge must read back to the
 *                    same summary, and the input cut in two at a line,
 *                    the header copied to the second part, whose two
 *                    summaries --merge must add up to the same (bp(7):
 *                    "the split run ends with the same report as one
 *                    run");
 *   1 fuzz_bpmerge   a summary: "bpreport --merge -f tsv FILE", whose
 *                    output --merge must read back to itself;
 *   2 fuzz_bpplans   records: "bpreport -q --plans FILE", one plan per
 *                    record.
 *
 * Static state: the summary lives in the file-scope "static struct
 * report rep", which a run never frees: countinit() drops the counts of
 * the previous run (a leak) and the work lists keep growing.  reset()
 * below frees and zeroes rep after every run.  main()'s "static struct
 * catalog cat" (loaded for --plans) is out of reach by name, so
 * catalog_load is renamed for the included file to a hook that notes
 * it and frees the previous catalog.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "fuzzutil.h"

static int	hook_catalog_load(struct catalog *, const char *);
#define catalog_load	hook_catalog_load
#include "../../cmd/bpreport.c"
#undef catalog_load

#ifndef FZ_MODE
#define FZ_MODE	0
#endif

int	bpreport_main(int, char **);
int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct catalog	*catp;

static int
hook_catalog_load(struct catalog *c, const char *path)
{
	catp = c;
	catalog_free(c);
	return catalog_load(c, path);
}

static void
reset(void)
{
	/* bpreport frees its report at the end of each run */
	if (catp != NULL)
		catalog_free(catp);
}

static void
run1(const char *const *argv, struct fz_run *r)
{
	fz_runtool(bpreport_main, argv, r);
	reset();
}

/* The records of (p, n) as the tools count them; -1 if unreadable. */
static long
records(const char *p, size_t n)
{
	struct tsv	t;
	long		k = 0;
	int		s;

	if (tsv_openmem(&t, "in", p, n) == -1)
		fz_fail("tsv_openmem");
	if ((s = tsv_header(&t)) == 1)
		while ((s = tsv_next(&t)) == TSV_REC)
			k++;
	tsv_close(&t);
	return s == TSV_EOF ? k : -1;
}

static size_t
starting(const char *p, size_t n, const char *prefix)
{
	size_t	i, k = 0, len = strlen(prefix);

	for (i = 0; i + len <= n; i++)
		if ((i == 0 || p[i - 1] == '\n') &&
		    memcmp(p + i, prefix, len) == 0)
			k++;
	return k;
}

static int
same(const struct fz_run *a, const struct fz_run *b)
{
	return a->status == b->status && a->nout == b->nout &&
	    memcmp(a->out, b->out, a->nout) == 0;
}


#if FZ_MODE == 0
/* Where to cut (p, n): the header line's end and a later line's end. */
static int
cut(const char *p, size_t n, size_t *hend, size_t *mid)
{
	const char	*nl, *q = p, *end = p + n;
	size_t		 len, line = 0;

	for (;;) {
		if ((nl = memchr(q, '\n', (size_t)(end - q))) == NULL)
			return 0;
		len = (size_t)(nl - q);
		line++;
		if (line == 1 && len >= 3 && memcmp(q, "\xef\xbb\xbf", 3) == 0)
			len -= 3;
		if (len > 0 && nl[-1] == '\r')
			len--;
		q = nl + 1;
		if (len > 0)
			break;
	}
	*hend = (size_t)(q - p);
	q += (size_t)(end - q) / 2;
	if ((nl = memchr(q, '\n', (size_t)(end - q))) == NULL)
		return 0;
	*mid = (size_t)(nl + 1 - p);
	return 1;
}
#endif

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
	const char		*p = (const char *)data;
	struct fz_run		 r, r2;
#if FZ_MODE == 0
	static const char *const text[] = { "bpreport", "-q", FZ_INPUT, NULL };
	static const char *const tsv[] = { "bpreport", "-q", "-f", "tsv",
				    FZ_INPUT, NULL };
	static const char *const merge[] = { "bpreport", "-q", "--merge",
				    "-f", "tsv", FZ_INPUT, NULL };
	static const char *const merge2[] = { "bpreport", "-q", "--merge",
				    "-f", "tsv", FZ_INPUT, FZ_INPUT2, NULL };
	struct fz_run		 a, b;
	char			 head[64], *part;
	size_t			 hend, mid;
	long			 nrec = records(p, size);

	fz_input(p, size);
	run1(text, &r);
	if (r.status < 2) {
		if (nrec < 0)
			fz_fail("exit 0 or 1 on unreadable input");
		snprintf(head, sizeof(head), "Batch summary: %ld records,",
		    nrec);
		if (r.nout > 0 && strncmp(r.out, head, strlen(head)) != 0)
			fz_fail("summary does not count every record");
	}
	fz_freerun(&r);

	run1(tsv, &r);
	if (r.status == 2 || r.nout == 0) {
		fz_freerun(&r);
		return 0;
	}
	fz_input(r.out, r.nout);
	run1(merge, &r2);
	if (!same(&r, &r2))
		fz_fail("--merge of a summary is not that summary");
	fz_freerun(&r2);

	if (cut(p, size, &hend, &mid) && mid > hend && mid < size) {
		fz_input(p, mid);
		run1(tsv, &a);
		if ((part = malloc(hend + size - mid)) == NULL)
			fz_fail("malloc");
		memcpy(part, p, hend);
		memcpy(part + hend, p + mid, size - mid);
		fz_input(part, hend + size - mid);
		free(part);
		run1(tsv, &b);
		if (a.status < 2 && b.status < 2) {
			fz_input(a.out, a.nout);
			fz_input2(b.out, b.nout);
			run1(merge2, &r2);
			if (!same(&r, &r2))
				fz_fail("--merge of two halves is not the "
				    "summary of the whole");
			fz_freerun(&r2);
		}
		fz_freerun(&a);
		fz_freerun(&b);
	}
	fz_freerun(&r);
#elif FZ_MODE == 1
	static const char *const merge[] = { "bpreport", "--merge", "-f",
				    "tsv", FZ_INPUT, NULL };

	fz_input(p, size);
	run1(merge, &r);
	if (r.status < 2 && r.nout > 0) {
		fz_input(r.out, r.nout);
		run1(merge, &r2);
		if (!same(&r, &r2))
			fz_fail("--merge of a merged summary changes it");
		fz_freerun(&r2);
	}
	fz_freerun(&r);
#else
	static const char *const plans[] = { "bpreport", "-q", "--plans",
				    FZ_INPUT, NULL };
	long			 nrec = records(p, size);

	fz_input(p, size);
	run1(plans, &r);
	if (r.status < 2) {
		if (nrec < 0)
			fz_fail("exit 0 or 1 on unreadable input");
		if (starting(r.out, r.nout, "Plan for ") != (size_t)nrec)
			fz_fail("not one plan per record");
	}
	fz_freerun(&r);
#endif
	(void)r2;
	(void)same;
	(void)starting;
	(void)records;
	return 0;
}
