/*
 * See fuzzutil.h: running a tool's main() in the fuzzing process.
 *
 * A tool runs once per process, so the runtime keeps some state in
 * statics that a second run in the same process would inherit: diag.c's
 * "warned" (the exit status of every later run would be 1), and
 * filter_col()'s "told", calloc'd once for the columns of the first
 * header it sees and indexed by the columns of every later one.  So
 * diag.c and filter.c are compiled in here, where reset() can reach
 * them before each run: diag.c's statics by name, and "told" through
 * the calloc() of filter_col(), which gets a buffer room enough for
 * any header (TOLDMAX columns) that reset() zeroes.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzzutil.h"
#include "tsv.h"

#define TOLDMAX	(TSV_MAXLINE + 2)	/* columns of the widest header */

int		 LLVMFuzzerInitialize(int *, char ***);
static void	*toldcalloc(size_t, size_t, const char *);

#define calloc(n, size)	toldcalloc(n, size, __func__)
#include "../../lib/tool/filter.c"
#undef calloc
#include "../../lib/tool/diag.c"

static unsigned char	*toldbuf;
static int	infd = -1, in2fd, rejfd, outfd;
static char	inpath[32], in2path[32], rejpath[32];

static void *
toldcalloc(size_t n, size_t size, const char *func)
{
	if (strcmp(func, "filter_col") != 0)
		return calloc(n, size);
	if (n * size > TOLDMAX)
		fz_fail("a header wider than filter_col()'s buffer here");
	return toldbuf;
}

/* The state a fresh process starts with (see the top). */
static void
reset(void)
{
	memset(toldbuf, 0, TOLDMAX);
	prog = "bp";
	quiet = 0;
	warned = 0;
	idp = NULL;
	idn = 0;
}

/* The setup of every harness that runs a tool (fuzzutil.h). */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_init();
	if ((toldbuf = malloc(TOLDMAX)) == NULL)
		fz_fail("malloc");
	infd = fz_memfd("fuzz-input");
	in2fd = fz_memfd("fuzz-input2");
	rejfd = fz_memfd("fuzz-rejects");
	outfd = fz_memfd("fuzz-stdout");
	fz_path(inpath, sizeof(inpath), infd);
	fz_path(in2path, sizeof(in2path), in2fd);
	fz_path(rejpath, sizeof(rejpath), rejfd);
	return 0;
}

void
fz_input(const void *p, size_t n)
{
	fz_fill(infd, p, n);
}

void
fz_input2(const void *p, size_t n)
{
	fz_fill(in2fd, p, n);
}

void
fz_runtool(fz_main m, const char *const *argv, struct fz_run *r)
{
	char	*av[16];
	int	 ac;

	for (ac = 0; argv[ac] != NULL && ac < 15; ac++) {
		if (strcmp(argv[ac], FZ_INPUT) == 0)
			av[ac] = inpath;
		else if (strcmp(argv[ac], FZ_INPUT2) == 0)
			av[ac] = in2path;
		else if (strcmp(argv[ac], FZ_REJECTS) == 0)
			av[ac] = rejpath;
		else
			av[ac] = (char *)argv[ac];
	}
	av[ac] = NULL;
	fz_fill(rejfd, "", 0);
	fz_fill(outfd, "", 0);
	fz_stdout(outfd);
	fz_fdmark();
	reset();
	r->status = m(ac, av);
	fz_stdout(-1);
	if (r->status < 0 || r->status > 2) {
		fprintf(stderr, "%s returned %d\n", argv[0], r->status);
		fz_fail("exit status not 0, 1 or 2");
	}
	fz_nofdleak();
	r->out = fz_slurp(outfd, &r->nout);
	r->rej = fz_slurp(rejfd, &r->nrej);
}

void
fz_freerun(struct fz_run *r)
{
	free(r->out);
	free(r->rej);
	r->out = r->rej = NULL;
}


/* What the record reader makes of (p, n); t left open at its end. */
struct readout {
	int	 hdr;		/* a header was read */
	int	 fatal;		/* TSV_FATAL somewhere */
	size_t	 nrec, nbad;
};

static void
readall(const char *p, size_t n, struct readout *ro, struct tsv *t)
{
	int	s;

	memset(ro, 0, sizeof(*ro));
	if (tsv_openmem(t, "fuzz", p, n) == -1)
		fz_fail("tsv_openmem");
	if ((s = tsv_header(t)) == TSV_FATAL) {
		ro->fatal = 1;
		return;
	}
	if (s == 0)
		return;
	ro->hdr = 1;
	while ((s = tsv_next(t)) != TSV_EOF)
		if (s == TSV_FATAL) {
			ro->fatal = 1;
			return;
		} else if (s == TSV_REC)
			ro->nrec++;
		else
			ro->nbad++;
}

static int
isout(const char *name, const char *const *added)
{
	for (; *added != NULL; added++)
		if (strcmp(name, *added) == 0)
			return 1;
	return 0;
}

/*
 * Compare the output of a 0 or 1 run with its input, record by record:
 * the header and every column the tool does not write as they were,
 * the tool's columns appended (or in place), nothing dropped.
 */
static void
passthrough(const char *prog, const char *const *added, const char *p,
    size_t n, const struct fz_run *r)
{
	struct tsv	in, out;
	const char	*pi, *po;
	size_t		i, k, nadd = 0, ni, no;
	int		si, so;

	if (tsv_openmem(&in, "in", p, n) == -1 ||
	    tsv_openmem(&out, "out", r->out, r->nout) == -1)
		fz_fail("tsv_openmem");
	si = tsv_header(&in);
	so = tsv_header(&out);
	if (si != 1) {
		if (so != 0 || r->nout != 0)
			fz_fail("output without an input header");
		goto done;
	}
	if (so != 1)
		fz_fail("output header unreadable");
	for (k = 0; added[k] != NULL; k++)
		if (tsv_col(&in, added[k]) < 0) {
			if (out.ncols <= in.ncols + nadd || strcmp(
			    out.cols[in.ncols + nadd], added[k]) != 0)
				fz_fail("output column not appended");
			nadd++;
		}
	if (out.ncols != in.ncols + nadd ||
	    out.hdrlen < in.hdrlen || memcmp(out.hdr, in.hdr, in.hdrlen) != 0)
		fz_fail("output header is not the input's plus the tool's");
	for (;;) {
		while ((si = tsv_next(&in)) == TSV_BAD)
			;
		so = tsv_next(&out);
		if (si == TSV_EOF && so == TSV_EOF)
			break;
		if (si != TSV_REC || so != TSV_REC) {
			fprintf(stderr, "%s: input %d, output %d\n", prog, si,
			    so);
			fz_fail("output records do not match input records");
		}
		for (i = 0; i < in.ncols; i++) {
			pi = tsv_field(&in, i, &ni);
			po = tsv_field(&out, i, &no);
			if (!isout(in.cols[i], added) && (ni != no ||
			    memcmp(pi, po, ni) != 0))
				fz_fail("a column passed through changed");
		}
		for (i = 0; i < out.ncols; i++)
			if (isout(out.cols[i], added) &&
			    (tsv_field(&out, i, &no), no == 0))
				fz_fail("an output column left empty");
	}
done:
	tsv_close(&in);
	tsv_close(&out);
}

int
fz_filter(fz_main m, const char *prog, const char *const *added,
    const char *const *need, const char *p, size_t n)
{
	const char *const	 argv[] = { prog, "-q", "-r", FZ_REJECTS,
				    FZ_INPUT, NULL };
	struct fz_run		 r, r2;
	struct readout		 ro;
	struct tsv		 t;
	size_t			 k;
	int			 missing = 0, status;

	readall(p, n, &ro, &t);
	for (k = 0; ro.hdr && need[k] != NULL; k++)
		missing |= tsv_col(&t, need[k]) < 0;
	tsv_close(&t);
	fz_input(p, n);
	fz_runtool(m, argv, &r);
	status = r.status;
	if (r.status == 2) {
		if (!ro.fatal && !missing)
			fz_fail("exit 2 on readable input");
		fz_freerun(&r);
		return status;
	}
	if (ro.fatal)
		fz_fail("exit 0 or 1 on input the reader refuses");
	/* records in = records out + records rejected (bp(7)) */
	if (fz_lines(r.out, r.nout) != (ro.hdr ? 1 + ro.nrec : 0))
		fz_fail("records in != records out + rejected (output)");
	if (fz_lines(r.rej, r.nrej) != ro.nbad)
		fz_fail("records in != records out + rejected (rejects)");
	if (ro.nbad > 0 && r.status != 1)
		fz_fail("lines rejected but exit 0");
	if (r.nout > 0 && r.out[r.nout - 1] != '\n')
		fz_fail("output does not end with LF");
	if (!ro.hdr && r.status != 0)
		fz_fail("no input lines but exit 1");
	passthrough(prog, added, p, n, &r);

	/* running a tool twice gives the same output as once (bp(7)) */
	fz_input(r.out, r.nout);
	fz_runtool(m, argv, &r2);
	if (r2.status == 2 || r2.nrej != 0)
		fz_fail("its own output refused");
	if (r2.nout != r.nout || memcmp(r2.out, r.out, r.nout) != 0)
		fz_fail("running twice differs from running once");
	fz_freerun(&r2);
	fz_freerun(&r);
	return status;
}
