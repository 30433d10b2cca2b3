/*
 * Harnesses 3d and 5: bpreport.  cmd/bpreport.c is included here,
 * compiled with -Dmain=bpreport_main and linked with report_sum.c,
 * report_text.c and report_plan.c; this file is built three times
 * (run.sh), FZ_MODE choosing what the input is:
 *
 *   0 fuzz_bpreport  records: "bpreport -q -r REJECTS FILE" (the text
 *                    summary), whose record count and rejects must
 *                    account for every record read; then -f tsv,
 *                    which --merge must read back to the same summary,
 *                    and the input cut in two at a line, the header
 *                    copied to the second part, whose two summaries
 *                    --merge must add up to the same (bp(7): "the
 *                    split run ends with the same report as one run");
 *   1 fuzz_bpmerge   a summary: "bpreport --merge -f tsv FILE", whose
 *                    output --merge must read back to itself;
 *   2 fuzz_bpplans   records: "bpreport -q --plans -r REJECTS FILE",
 *                    one plan per record not rejected.
 *
 * Static state: main() keeps "static struct run r" (the format, the
 * plans written so far) and "static struct catalog cat" (loaded for
 * --plans, never freed), both out of reach by name.  So sum_init and
 * filter_catalog are renamed for the included file to hooks that note
 * &r (from &r.rep) and &cat; reset() frees the catalog and zeroes both
 * after every run, as a new process has them.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "filter.h"
#include "fuzzutil.h"
#include "../../cmd/report.h"

static int	hook_filter_catalog(struct catalog *, const char *);
static int	hook_sum_init(struct report *);
#define filter_catalog	hook_filter_catalog
#define sum_init	hook_sum_init
#include "../../cmd/bpreport.c"
#undef filter_catalog
#undef sum_init

#ifndef FZ_MODE
#define FZ_MODE	0
#endif

int	bpreport_main(int, char **);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct catalog	*catp;
static struct run	*runp;

static int
hook_filter_catalog(struct catalog *c, const char *path)
{
	catp = c;
	return filter_catalog(c, path);
}

static int
hook_sum_init(struct report *rep)
{
	runp = (struct run *)(void *)((char *)rep - offsetof(struct run,
	    rep));
	return sum_init(rep);
}

static void
run1(const char *const *argv, struct fz_run *r)
{
	fz_runtool(bpreport_main, argv, r);
	if (catp != NULL)
		catalog_free(catp);
	if (runp != NULL)
		memset(runp, 0, sizeof(*runp));
}

#if FZ_MODE != 1
/* The records and bad lines of (p, n) as the reader has them. */
struct readin {
	long	nrec, nbad;
	int	fatal;
};

static void
count(const char *p, size_t n, struct readin *k)
{
	struct tsv	t;
	int		s;

	memset(k, 0, sizeof(*k));
	if (tsv_openmem(&t, "in", p, n) == -1)
		fz_fail("tsv_openmem");
	if ((s = tsv_header(&t)) == 1)
		while ((s = tsv_next(&t)) != TSV_EOF && s != TSV_FATAL) {
			if (s == TSV_REC)
				k->nrec++;
			else
				k->nbad++;
		}
	k->fatal = s == TSV_FATAL;
	tsv_close(&t);
}

/* Records in = records out + records rejected, out being nout. */
static void
accounted(const struct readin *k, long nout, const struct fz_run *r)
{
	if (k->fatal)
		fz_fail("exit 0 or 1 on input the reader refuses");
	if (nout != k->nrec || (long)fz_lines(r->rej, r->nrej) != k->nbad) {
		fprintf(stderr, "%ld records and %ld bad lines in; %ld out, "
		    "%zu rejected\n", k->nrec, k->nbad, nout,
		    fz_lines(r->rej, r->nrej));
		fz_fail("records in != records out + rejected");
	}
	if (k->nbad > 0 && r->status != 1)
		fz_fail("lines rejected but exit 0");
}

#endif

#if FZ_MODE != 2
static int
same(const struct fz_run *a, const struct fz_run *b)
{
	return a->nout == b->nout && memcmp(a->out, b->out, a->nout) == 0;
}
#endif

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
		while (len > 0 && q[len - 1] == '\r')
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

/* The summary of the two parts of (p, n) merged must be r's. */
static void
halves(const char *p, size_t n, const struct fz_run *r)
{
	static const char *const tsv[] = { "bpreport", "-q", "-f", "tsv",
				    FZ_INPUT, NULL };
	static const char *const merge2[] = { "bpreport", "-q", "--merge",
				    "-f", "tsv", FZ_INPUT, FZ_INPUT2, NULL };
	struct fz_run		 a, b, m;
	char			*part;
	size_t			 hend, mid;

	if (!cut(p, n, &hend, &mid) || mid <= hend || mid >= n)
		return;
	fz_input(p, mid);
	run1(tsv, &a);
	if ((part = malloc(hend + n - mid)) == NULL)
		fz_fail("malloc");
	memcpy(part, p, hend);
	memcpy(part + hend, p + mid, n - mid);
	fz_input(part, hend + n - mid);
	free(part);
	run1(tsv, &b);
	if (a.status < 2 && b.status < 2) {
		fz_input(a.out, a.nout);
		fz_input2(b.out, b.nout);
		run1(merge2, &m);
		if (m.status == 2 || !same(r, &m))
			fz_fail("--merge of two halves is not the summary "
			    "of the whole");
		fz_freerun(&m);
	}
	fz_freerun(&a);
	fz_freerun(&b);
}

static void
batch(const char *p, size_t n)
{
	static const char *const text[] = { "bpreport", "-q", "-r",
				    FZ_REJECTS, FZ_INPUT, NULL };
	static const char *const tsv[] = { "bpreport", "-q", "-f", "tsv",
				    FZ_INPUT, NULL };
	static const char *const merge[] = { "bpreport", "-q", "--merge",
				    "-f", "tsv", FZ_INPUT, NULL };
	struct fz_run		 r, r2;
	struct readin		 k;
	unsigned long long	 nout;

	count(p, n, &k);
	fz_input(p, n);
	run1(text, &r);
	if (r.status < 2 && r.nout > 0) {
		if (sscanf(r.out, "Batch summary: %llu records,", &nout) != 1)
			fz_fail("summary without its record count");
		accounted(&k, (long)nout, &r);
	}
	fz_freerun(&r);

	run1(tsv, &r);
	if (r.status == 2 || r.nout == 0) {
		fz_freerun(&r);
		return;
	}
	fz_input(r.out, r.nout);
	run1(merge, &r2);
	if (r2.status == 2 || !same(&r, &r2))
		fz_fail("--merge of a summary is not that summary");
	fz_freerun(&r2);
	halves(p, n, &r);
	fz_freerun(&r);
}
#elif FZ_MODE == 1
static void
batch(const char *p, size_t n)
{
	static const char *const merge[] = { "bpreport", "--merge", "-f",
				    "tsv", FZ_INPUT, NULL };
	struct fz_run		 r, r2;

	fz_input(p, n);
	run1(merge, &r);
	if (r.status < 2 && r.nout > 0) {
		fz_input(r.out, r.nout);
		run1(merge, &r2);
		if (r2.status != r.status || !same(&r, &r2))
			fz_fail("--merge of a merged summary changes it");
		fz_freerun(&r2);
	}
	fz_freerun(&r);
}
#else
/* Plans in out: one starts it, a form feed each later one. */
static long
plans(const char *p, size_t n)
{
	static const char	 first[] = "Plan for ", next[] = "\fPlan for ";
	const char		*q, *end = p + n;
	long			 k;

	k = n >= sizeof(first) - 1 && memcmp(p, first, sizeof(first) - 1) == 0;
	for (q = p; (q = memchr(q, '\f', (size_t)(end - q))) != NULL; q++)
		if ((size_t)(end - q) >= sizeof(next) - 1 &&
		    memcmp(q, next, sizeof(next) - 1) == 0)
			k++;
	return k;
}

static void
batch(const char *p, size_t n)
{
	static const char *const argv[] = { "bpreport", "-q", "--plans",
				    "-r", FZ_REJECTS, FZ_INPUT, NULL };
	struct fz_run		 r;
	struct readin		 k;

	count(p, n, &k);
	fz_input(p, n);
	run1(argv, &r);
	if (r.status < 2)
		accounted(&k, plans(r.out, r.nout), &r);
	fz_freerun(&r);
}
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	batch((const char *)data, size);
	return 0;
}
