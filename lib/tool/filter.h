/*
 * filter: what every bp filter does around its rules (tool runtime;
 * bp(7)).
 *
 * A filter reads records, adds or overwrites its output columns, and
 * writes one record for each record read.  The tool supplies its rules
 * as callbacks; filter_run() does the reading, rejects, writing and
 * exit status, and reports problems with diag(3)-style messages.
 */
#ifndef BP_FILTER_H
#define BP_FILTER_H

#include "catalog.h"
#include "opt.h"
#include "tsv.h"
#include "vocab.h"

#define FILTER_GO	(-1)	/* filter_option(): carry on */
#define FILTER_FATAL	2	/* record(): end the run, exit status 2 */

/* A column the tool cannot work without, and the tool that adds it. */
struct need {
	const char	*col;
	const char	*tool;		/* "bpclassify", or NULL for intake */
};

/* A value a tool writes: n bytes at p. */
struct value {
	const char	*p;
	size_t		 n;
};

/* Set v to the word w. */
static inline void
put(struct value *v, const struct word *w)
{
	v->p = w->s;
	v->n = w->n;
}

struct filter {
	const char		*prog;
	const char		*help;	/* usage and options, for --help */
	const char *const	*out;	/* output columns, NULL-terminated */
	const struct need	*need;	/* ends with { NULL, NULL } */
	/* After the header: find columns; 0, or 2 after a diagnostic. */
	int			(*setup)(struct tsv *t, void *ctx);
	/*
	 * One record: set val[k] for out[k], and return 1 if it had a
	 * value problem, else 0; or FILTER_FATAL after a diagnostic when
	 * the run cannot go on (out of memory).  A value lives until the
	 * next call.
	 */
	int			(*record)(struct tsv *t, struct value *val,
				    void *ctx);
	void			*ctx;
	/*
	 * Once the files are open and the sandbox is on, before the header
	 * is read (NULL: nothing to do): 0, or 2 after a diagnostic.
	 */
	int			(*ready)(void *ctx);
};

struct filter_opts {
	const char	*rejects;	/* -r FILE, or NULL */
	int		 quiet;		/* -q */
	char		**ops;		/* operands */
	int		 nops;
	unsigned	 partk, partn;	/* --part K/N; partn 0: all */
};

/* The options every filter has, for its optdef table. */
#define FILTER_OPTDEFS \
	{ "help", 'h', 0, 'h' }, \
	{ "version", 0, 0, 'V' }, \
	{ "quiet", 'q', 0, 'q' }, \
	{ "rejects", 'r', 1, 'r' }

/*
 * --part K/N, for a filter whose records are each written from
 * themselves alone: it reads part K of N of its one file (tsv_part()).
 */
#define FILTER_PARTDEF \
	{ "part", 0, 1, 'P' }

/*
 * What every tool does first: name itself in diagnostics, turn core
 * dumps off, and open /dev/null on standard input or error if either is
 * closed, so that no file it opens takes their place.  A closed standard
 * output is reported later, by filter_stdout().
 */
void	filter_start(const char *prog);

/*
 * The index of column name in t's header, or -1.  A column of the header
 * that is not name but matches it when case, spaces around it, and spaces
 * or hyphens against underscores are ignored is warned about
 * (diag_warn()): the tool would not read it.
 */
int	filter_col(const struct tsv *t, const char *name);

/*
 * Handle an option key common to every tool ('h', 'V', 'q', 'r', '?',
 * and 'P' of FILTER_PARTDEF)
 * from opt_next().  Returns FILTER_GO, or the exit status the tool
 * should end with now (after --help, --version, or a usage error).
 */
int	filter_option(const struct filter *f, struct filter_opts *fo,
	    const struct opt *o, int key);

/* Print "usage: ..." and err (if not NULL) to stderr; returns 2. */
int	filter_usage(const struct filter *f, const char *err);

/*
 * The value arg of option name (as "--name"), a whole number from lo to
 * hi, into *v.  Returns FILTER_GO, or after a usage error 2.
 */
int	filter_number(const struct filter *f, const char *name,
	    const char *arg, long lo, long hi, long *v);

/*
 * Confine the tool once its files are open (sandbox.h).  Returns 0, or
 * 2 after a message.
 */
int	filter_sandbox(void);

/* Check that standard output is open; returns 0, or 2 after a message. */
int	filter_stdout(void);

/*
 * Open what a run reads and writes, in the order bp(7) gives: standard
 * output checked, every operand, the rejects file (*rejfd, or -1); then
 * enter the sandbox.  A rejects file that is an operand or standard
 * output is refused before it is opened.  Returns 0, or 2 after a
 * message.
 */
int	filter_open(struct tsv *t, const struct filter_opts *fo, int *rejfd);

/*
 * The rejects file part of filter_open(), for a reader of another
 * kind: refuse rejects when it is one of the nsrc operands of src or
 * standard output, else open it (created mode 0600, not emptied) into
 * *rejfd; -1 when rejects is NULL.  Returns 0, or 2 after a message.
 */
int	filter_openrejects(const struct tsv_src *src, int nsrc,
	    const char *rejects, int *rejfd);

/*
 * Once the header is read (or found missing): empty the rejects file,
 * unless it holds records, which no rejects file does (its first line is
 * t's header, or names an id column): that is refused.  Returns 0, or 2
 * after a message.
 */
int	filter_rejects(const struct tsv *t, int rejfd, const char *rejects);

/*
 * filter_rejects() for a reader of another kind: hdr is its header
 * line as read (NUL-terminated, without BOM or line end), or NULL.
 */
int	filter_emptyrejects(const char *hdr, int rejfd, const char *rejects);

/*
 * Find the columns nd names in t's header, into col[] (in order); a
 * missing one is reported, naming the tool to run first.  Returns 0, or
 * 2 if one is missing.
 */
int	filter_need(const struct tsv *t, const struct need *nd, int *col);

/*
 * Report the bad line of a TSV_BAD and copy it to the rejects file.
 * Returns 1 when it was rejected and the run goes on, 2 when fatal.
 */
int	filter_reject(struct tsv *t, int rejfd, const char *rejects);

/*
 * Read the catalog from path, or the built-in one when path is NULL,
 * for filter_catalog_parse() to check once the sandbox is on: a file
 * from elsewhere is parsed only where it can do no harm (catalog.h).
 * Returns 0, or 2 after a message.
 */
int	filter_catalog(struct catalog *c, const char *path);

/* Parse and check what filter_catalog() read; 0, or 2 after a message. */
int	filter_catalog_parse(struct catalog *c);

/* Report a TSV_FATAL; returns 2. */
int	filter_readerror(const struct tsv *t);

/*
 * Close the rejects file and the operands (t, unless NULL) after a run
 * that would end with status s.  Returns s, or 2 if the rejects file
 * failed.
 */
int	filter_close(struct tsv *t, int rejfd, const char *rejects, int s);

/* Run the filter over the operands.  Returns the exit status. */
int	filter_run(const struct filter *f, const struct filter_opts *fo);

#endif
