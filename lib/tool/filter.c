#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "filter.h"
#include "out.h"
#include "sandbox.h"
#include "value.h"

#ifndef BP_VERSION
#define BP_VERSION	"0"
#endif

struct run {
	const struct filter	*f;
	struct tsv		 t;
	int			 rejfd;
	size_t			 nout;
	int			*slot;	/* input column -> output, or -1 */
	int			*where;	/* output -> input column, or -1 */
	int			 inplace;
	int			 idcol;
	struct value		*val;
};

/* the most parts of --part */
#define PARTMAX		1000000
#define PARTMAXS	"1000000"

static int	stdout_closed;	/* found closed by filter_start() */

static int	more(const struct filter *, const char *);
static int	nearmiss(const char *, const char *);
static int	part(const struct filter *, struct filter_opts *,
		    const char *);
static int	same(int, const struct stat *);
static int	namesid(const char *);
static int	holdsrecords(const char *, int);
static int	setup(struct run *);
static int	writeheader(struct run *);
static size_t	outlen(struct run *);
static int	writerecord(struct run *);
static int	writelong(struct run *);
static int	writenew(struct run *);
static int	loop(struct run *, const struct filter_opts *);
static int	start(struct run *, const struct filter_opts *);

void
filter_start(const char *prog)
{
	int	fd;

	diag_init(prog);
	sandbox_nocore();
	/* the lowest descriptor free is the one closed */
	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
			if (open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) !=
			    fd)
				_exit(2);
			if (fd == 1)
				stdout_closed = 1;
		}
}

/*
 * 1 if col, not name, matches name once case, spaces around it, and
 * spaces or hyphens against underscores are ignored.
 */
static int
nearmiss(const char *col, const char *name)
{
	const char	*end = col + strlen(col);
	int		 c;

	while (*col == ' ')
		col++;
	while (end > col && end[-1] == ' ')
		end--;
	for (; col < end && *name != '\0'; col++, name++) {
		c = (unsigned char)*col;
		c = c == ' ' || c == '-' ? '_' :
		    (unsigned)c - 'A' < 26 ? c + ('a' - 'A') : c;
		if (c != *name)
			return 0;
	}
	return col == end && *name == '\0';
}

int
filter_col(const struct tsv *t, const char *name)
{
	static unsigned char	*told;	/* header columns warned about */
	char			 buf[DIAG_ECHOSZ];
	size_t			 i;

	if (told == NULL && (told = calloc(t->ncols, 1)) == NULL)
		return tsv_col(t, name);
	for (i = 0; i < t->ncols; i++)
		if (!told[i] && strcmp(t->cols[i], name) != 0 &&
		    nearmiss(t->cols[i], name)) {
			told[i] = 1;
			diag_warn(t->name, t->line, "column %s is not read; "
			    "did you mean \"%s\"?", diag_echo(buf, t->cols[i],
			    strlen(t->cols[i]), 1), name);
		}
	return tsv_col(t, name);
}

/* 1 if the line at p goes on with the synopsis before it. */
static int
more(const struct filter *f, const char *p)
{
	size_t	n = strlen(f->prog);

	if (*p != ' ')
		return 0;
	p += strspn(p, " ");
	return *p == '[' || (strncmp(p, f->prog, n) == 0 && p[n] == ' ');
}

int
filter_usage(const struct filter *f, const char *err)
{
	const char	*nl;

	if (err != NULL)
		diag("%s", err);
	/*
	 * the synopsis: the first line of help, and the lines that go on
	 * with it (spaces, then "[" or the program's name)
	 */
	for (nl = strchr(f->help, '\n'); nl != NULL && more(f, nl + 1);
	    nl = strchr(nl + 1, '\n'))
		;
	fprintf(stderr, "%.*s\n", nl != NULL ? (int)(nl - f->help) :
	    (int)strlen(f->help), f->help);
	return 2;
}

int
filter_number(const struct filter *f, const char *name, const char *arg,
    long lo, long hi, long *v)
{
	const char	*why;
	char		 err[128];

	if (val_uint(arg, strlen(arg), lo, hi, v, &why) == V_OK)
		return FILTER_GO;
	snprintf(err, sizeof(err), "%s takes a number from %ld to %ld", name,
	    lo, hi);
	return filter_usage(f, err);
}

/* --part K/N: 1 <= K <= N <= PARTMAX. */
static int
part(const struct filter *f, struct filter_opts *fo, const char *arg)
{
	const char	*slash = strchr(arg, '/'), *why;
	long		 k, n;

	if (slash == NULL || val_uint(arg, (size_t)(slash - arg), 1, PARTMAX,
	    &k, &why) != V_OK || val_uint(slash + 1, strlen(slash + 1), 1,
	    PARTMAX, &n, &why) != V_OK || k > n)
		return filter_usage(f, "--part takes K/N, whole numbers with "
		    "1 <= K <= N <= " PARTMAXS);
	fo->partk = (unsigned)k;
	fo->partn = (unsigned)n;
	return FILTER_GO;
}

int
filter_option(const struct filter *f, struct filter_opts *fo,
    const struct opt *o, int key)
{
	switch (key) {
	case 'h':
		out_str(f->help);
		return out_end(0);
	case 'V':
		out_printf("%s (bp) %s\n", f->prog, BP_VERSION);
		return out_end(0);
	case 'q':
		fo->quiet = 1;
		diag_quiet(1);
		return FILTER_GO;
	case 'r':
		fo->rejects = o->arg;
		return FILTER_GO;
	case 'P':
		return part(f, fo, o->arg);
	default:
		return filter_usage(f, o->err[0] != '\0' ? o->err : NULL);
	}
}

int
filter_sandbox(void)
{
	if (sandbox_enter() == -1) {
		diag("cannot enter the sandbox: %s (BP_SANDBOX=0 runs "
		    "without it)", strerror(errno));
		return 2;
	}
	return 0;
}

int
filter_stdout(void)
{
	if (stdout_closed || fcntl(1, F_GETFL) == -1) {
		diag("standard output: %s", strerror(EBADF));
		return 2;
	}
	return 0;
}

/* Report the problem of catalog c; returns 2. */
static int
catalogerror(const struct catalog *c)
{
	if (c->why != NULL)
		diag_at(c->name, c->line, "%s", c->why);
	else
		diag("%s: %s", c->name, strerror(c->err));
	return 2;
}

int
filter_catalog(struct catalog *c, const char *path)
{
	return catalog_read(c, path) == 0 ? 0 : catalogerror(c);
}

int
filter_catalog_parse(struct catalog *c)
{
	return catalog_parse(c) == 0 ? 0 : catalogerror(c);
}

int
filter_readerror(const struct tsv *t)
{
	if (t->why != NULL)
		diag_at(t->name, t->line, "%s", t->why);
	else
		diag_at(t->name, 0, "%s", strerror(t->err));
	return 2;
}

int
filter_need(const struct tsv *t, const struct need *nd, int *col)
{
	for (; nd->col != NULL; nd++, col++) {
		if ((*col = filter_col(t, nd->col)) >= 0)
			continue;
		if (nd->tool != NULL)
			diag_at(t->name, t->line, "no column %s: run %s first",
			    nd->col, nd->tool);
		else
			diag_at(t->name, t->line, "no column %s", nd->col);
		return 2;
	}
	return 0;
}

static int
setup(struct run *r)
{
	const struct filter	*f = r->f;
	const struct need	*nd;
	size_t			 k;
	int			 i, s, *col;

	for (nd = f->need; nd->col != NULL; nd++)
		;
	if ((col = malloc(((size_t)(nd - f->need) + 1) * sizeof(*col))) ==
	    NULL)
		return diag_nomem();
	s = filter_need(&r->t, f->need, col);
	free(col);
	if (s != 0)
		return s;
	for (r->nout = 0; f->out[r->nout] != NULL; r->nout++)
		if (vocab_index(added_words, f->out[r->nout],
		    strlen(f->out[r->nout])) < 0) {
			diag("bug: %s is not among the added columns",
			    f->out[r->nout]);
			abort();
		}
	tsv_room(&r->t, added_words);
	r->idcol = tsv_col(&r->t, "id");
	r->slot = malloc(r->t.ncols * sizeof(*r->slot));
	r->where = malloc(r->nout * sizeof(*r->where));
	r->val = calloc(r->nout, sizeof(*r->val));
	if (r->slot == NULL || r->where == NULL || r->val == NULL)
		return diag_nomem();
	for (i = 0; i < (int)r->t.ncols; i++)
		r->slot[i] = -1;
	for (k = 0; k < r->nout; k++) {
		r->where[k] = i = tsv_col(&r->t, f->out[k]);
		if (i >= 0) {
			r->slot[i] = (int)k;
			r->inplace = 1;
		}
	}
	return f->setup != NULL ? f->setup(&r->t, f->ctx) : 0;
}

static int
writeheader(struct run *r)
{
	size_t	k;

	out_write(r->t.hdr, r->t.hdrlen);
	for (k = 0; k < r->nout; k++)
		if (r->where[k] < 0) {
			out_byte('\t');
			out_str(r->f->out[k]);
		}
	return out_byte('\n');
}

static int
writerecord(struct run *r)
{
	struct tsv		*t = &r->t;
	const struct value	*v;
	const char		*p;
	size_t			 i, k, n, need;
	char			*o;

	if (!r->inplace) {
		/* the common case: the line, then the new columns */
		for (need = t->reclen + 1, k = 0; k < r->nout; k++)
			need += r->val[k].n + 1;
		if ((o = out_room(need)) == NULL)
			return writelong(r);
		memcpy(o, t->rec, t->reclen);
		o += t->reclen;
		for (v = r->val; v < r->val + r->nout; v++) {
			*o++ = '\t';
			memcpy(o, v->p, v->n);
			o += v->n;
		}
		*o++ = '\n';
		out_commit(o);
		return 0;
	}
	for (i = 0; i < t->ncols; i++) {
		if (i > 0)
			out_byte('\t');
		if (r->slot[i] >= 0)
			out_write(r->val[r->slot[i]].p, r->val[r->slot[i]].n);
		else {
			p = tsv_field(t, i, &n);
			out_write(p, n);
		}
	}
	return writenew(r);
}

/* The length of the line writerecord() would write, LF excluded. */
static size_t
outlen(struct run *r)
{
	size_t	k, n, len = r->t.reclen;

	for (k = 0; k < r->nout; k++) {
		len += r->val[k].n;
		if (r->where[k] < 0)
			len++;
		else {
			tsv_field(&r->t, (size_t)r->where[k], &n);
			len -= n;
		}
	}
	return len;
}

/* A record longer than the output buffer: the line, then the rest. */
static int
writelong(struct run *r)
{
	out_write(r->t.rec, r->t.reclen);
	return writenew(r);
}

/* The output columns the input did not have, and the end of the line. */
static int
writenew(struct run *r)
{
	size_t	k;

	for (k = 0; k < r->nout; k++)
		if (r->where[k] < 0) {
			out_byte('\t');
			out_write(r->val[k].p, r->val[k].n);
		}
	return out_byte('\n');
}

static int
loop(struct run *r, const struct filter_opts *fo)
{
	struct tsv	*t = &r->t;
	const char	*id;
	size_t		 n;
	int		 s, p, problems = diag_warned(), rejected = 0;

	while ((s = tsv_next(t)) != TSV_EOF) {
		if (s == TSV_FATAL)
			return filter_readerror(t);
		if (s == TSV_BAD) {
			if (filter_reject(t, r->rejfd, fo->rejects) == 2)
				return 2;
			rejected = 1;
			continue;
		}
		id = tsv_field(t, (size_t)r->idcol, &n);
		diag_record(id, n);
		if ((p = r->f->record(t, r->val, r->f->ctx)) == FILTER_FATAL)
			return 2;
		problems |= p;
		/* what this tool writes, the next one reads (bp(7)) */
		if (outlen(r) > TSV_MAXLINE + TSV_ROOM) {
			t->why = "line longer than 1 MiB and 64 KiB once the "
			    "columns are added";
			if (filter_reject(t, r->rejfd, fo->rejects) == 2)
				return out_end(2);
			rejected = 1;
			continue;
		}
		if (writerecord(r) == -1)
			return out_end(2);
	}
	return out_end(problems || rejected ? 1 : 0);
}

/* 1 if file descriptor fd is the file st is. */
static int
same(int fd, const struct stat *st)
{
	struct stat	f;

	return fstat(fd, &f) == 0 && f.st_dev == st->st_dev &&
	    f.st_ino == st->st_ino;
}

int
filter_open(struct tsv *t, const struct filter_opts *fo, int *rejfd)
{
	int	s;

	*rejfd = -1;
	if ((s = filter_stdout()) != 0)
		return s;
	if (tsv_open(t, fo->ops, fo->nops) == -1 || (fo->partn != 0 &&
	    tsv_part(t, fo->partk, fo->partn) == -1)) {
		diag("%s: %s", t->name, t->why != NULL ? t->why :
		    strerror(t->err));
		return 2;
	}
	if ((s = filter_openrejects(t->src, t->nsrc, fo->rejects, rejfd)) != 0)
		return s;
	return filter_sandbox();
}

int
filter_openrejects(const struct tsv_src *src, int nsrc, const char *rejects,
    int *rejfd)
{
	struct stat	st;
	int		i;

	*rejfd = -1;
	if (rejects != NULL && stat(rejects, &st) == 0) {
		for (i = 0; i < nsrc; i++)
			if (same(src[i].fd, &st)) {
				diag("%s: refused as the rejects file: it is "
				    "also an input", rejects);
				return 2;
			}
		if (same(1, &st) && S_ISREG(st.st_mode)) {
			diag("%s: refused as the rejects file: it is also "
			    "standard output", rejects);
			return 2;
		}
	}
	/* emptied once its first line is seen: filter_rejects() */
	if (rejects != NULL &&
	    (*rejfd = open(rejects, O_RDWR | O_CREAT, 0600)) == -1 &&
	    (*rejfd = open(rejects, O_WRONLY | O_CREAT, 0600)) == -1) {
		diag("%s: %s", rejects, strerror(errno));
		return 2;
	}
	return 0;
}

/* 1 if the line (a NUL-terminated string) has a field "id". */
static int
namesid(const char *line)
{
	const char	*tab;

	for (;; line = tab + 1) {
		if ((tab = strchr(line, '\t')) == NULL)
			return strcmp(line, "id") == 0;
		if (tab - line == 2 && strncmp(line, "id", 2) == 0)
			return 1;
	}
}

/*
 * 1 if the regular file fd starts with a header line: hdr (if not
 * NULL), or any that names an id column.  Rejected lines are never
 * either: a line equal to the header is a repeated header, skipped, and
 * a line naming a column "id" has the header's fields or is no record.
 */
static int
holdsrecords(const char *hdr, int fd)
{
	struct stat	 st;
	char		*b, *p, *nl;
	ssize_t		 n;
	int		 r;

	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) || st.st_size == 0 ||
	    lseek(fd, 0, SEEK_SET) == -1 ||
	    (b = malloc(TSV_MAXLINE + 8)) == NULL)
		return 0;
	while ((n = read(fd, b, TSV_MAXLINE + 7)) == -1 && errno == EINTR)
		;
	if (n <= 0) {
		free(b);
		return 0;
	}
	b[n] = '\n';
	nl = memchr(b, '\n', (size_t)n + 1);
	while (nl > b && nl[-1] == '\r')
		nl--;
	*nl = '\0';
	p = strncmp(b, "\xef\xbb\xbf", 3) == 0 ? b + 3 : b;
	r = (hdr != NULL && strcmp(p, hdr) == 0) || namesid(p);
	free(b);
	return r;
}

int
filter_rejects(const struct tsv *t, int rejfd, const char *rejects)
{
	return filter_emptyrejects(t->hdr, rejfd, rejects);
}

int
filter_emptyrejects(const char *hdr, int rejfd, const char *rejects)
{
	struct stat	st;

	if (rejfd < 0)
		return 0;
	if (holdsrecords(hdr, rejfd)) {
		diag("%s: refused as the rejects file: it holds records (its "
		    "first line is a header)", rejects);
		return 2;
	}
	if (fstat(rejfd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (ftruncate(rejfd, 0) == -1 || lseek(rejfd, 0, SEEK_SET) == -1)) {
		diag("%s: %s", rejects, strerror(errno));
		return 2;
	}
	return 0;
}

int
filter_reject(struct tsv *t, int rejfd, const char *rejects)
{
	diag_at(t->name, t->line, "%s", t->why);
	if (rejfd < 0)
		return 2;
	switch (tsv_reject(t, rejfd)) {
	case 0:
		return 1;
	case -2:
		/* the input's, not the rejects file's */
		return filter_readerror(t);
	default:
		diag("%s: %s", rejects, strerror(t->err));
		return 2;
	}
}

int
filter_close(struct tsv *t, int rejfd, const char *rejects, int s)
{
	if (rejfd >= 0 && close(rejfd) == -1 && s != 2) {
		diag("%s: %s", rejects, strerror(errno));
		s = 2;
	}
	if (t != NULL)
		tsv_close(t);
	return s;
}

static int
start(struct run *r, const struct filter_opts *fo)
{
	int	h, s;

	if ((s = filter_open(&r->t, fo, &r->rejfd)) != 0)
		return s;
	if (r->f->ready != NULL && (s = r->f->ready(r->f->ctx)) != 0)
		return s;
	if ((h = tsv_header(&r->t)) == TSV_FATAL)
		return filter_readerror(&r->t);
	/* a run its header stops leaves the rejects file as it was */
	if (h != 0 && (s = setup(r)) != 0)
		return s;
	if (filter_rejects(&r->t, r->rejfd, fo->rejects) != 0)
		return 2;
	if (h == 0)
		return 0;
	if (writeheader(r) == -1)
		return out_end(2);
	return loop(r, fo);
}

int
filter_run(const struct filter *f, const struct filter_opts *fo)
{
	struct run	r;
	struct stat	st;
	int		s;

	if (fo->partn != 0 && (fo->nops != 1 || strcmp(fo->ops[0], "-") == 0))
		return filter_usage(f, "--part reads one FILE, not several and "
		    "not standard input");
	/* a FIFO is refused before an open(2) that would wait for a writer */
	if (fo->partn != 0 && stat(fo->ops[0], &st) == 0 &&
	    !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		diag("%s: %s", fo->ops[0], TSV_PARTSTREAM);
		return 2;
	}
	memset(&r, 0, sizeof(r));
	r.f = f;
	s = start(&r, fo);
	free(r.slot);
	free(r.where);
	free(r.val);
	return filter_close(&r.t, r.rejfd, fo->rejects, s);
}
