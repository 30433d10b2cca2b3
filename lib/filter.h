/*
 * filter: what every bp filter does around its rules (bp(7)).
 *
 * A filter reads records, adds or overwrites its output columns, and
 * writes one record for each record read.  The tool supplies its rules
 * as callbacks; filter_run() does the reading, rejects, writing and
 * exit status, and reports problems with diag(3)-style messages.
 */
#ifndef BP_FILTER_H
#define BP_FILTER_H

#include "opt.h"
#include "tsv.h"

#define FILTER_GO	(-1)	/* tool_option(): carry on */

/* A column the tool cannot work without, and the tool that adds it. */
struct need {
	const char	*col;
	const char	*tool;		/* "bpclassify", or NULL for intake */
};

#define FILTER_PAD	16

struct filter {
	const char		*prog;
	const char		*help;	/* usage and options, for --help */
	const char *const	*out;	/* output columns, NULL-terminated */
	const struct need	*need;	/* ends with { NULL, NULL } */
	/*
	 * After the header: find columns, and tsv_cuts() if the tool reads
	 * only the first few; 0, or 2 after a diagnostic.
	 */
	int			(*setup)(struct tsv *t, void *ctx);
	/*
	 * One record: set val[k] for out[k] and len[k] to its length, and
	 * return 1 if it had a value problem, else 0.  A value lives until
	 * the next call, and the len[k] + FILTER_PAD bytes from val[k] may
	 * be read: it is copied 16 bytes at a time (words_pad() in words.h
	 * keeps words so).
	 */
	int			(*record)(const struct tsv *t,
				    const char **val, size_t *len, void *ctx);
	void			*ctx;
};

struct filter_opts {
	const char	*rejects;	/* -r FILE, or NULL */
	int		 quiet;		/* -q */
	char		**ops;		/* operands */
	int		 nops;
};

/* The options every filter has, for its optdef table. */
#define FILTER_OPTDEFS \
	{ "help", 'h', 0, 'h' }, \
	{ "version", 0, 0, 'V' }, \
	{ "quiet", 'q', 0, 'q' }, \
	{ "rejects", 'r', 1, 'r' }

/*
 * Handle an option key common to every tool ('h', 'V', 'q', 'r', '?')
 * from opt_next().  Returns FILTER_GO, or the exit status the tool
 * should end with now (after --help, --version, or a usage error).
 */
int	filter_option(const struct filter *f, struct filter_opts *fo,
	    const struct opt *o, int key);

/* Print "usage: ..." and err (if not NULL) to stderr; returns 2. */
int	filter_usage(const struct filter *f, const char *err);

/*
 * Flush standard output (out.h).  Returns 0, or 2 after a message for a
 * write error (a closed pipe is 0: bp(7), EXIT STATUS).
 */
int	filter_flush(void);

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
 * enter the sandbox.  Returns 0, or 2 after a message.
 */
int	filter_open(struct tsv *t, const struct filter_opts *fo, int *rejfd);

/*
 * Report the bad line of a TSV_BAD and copy it to the rejects file.
 * Returns 1 when it was rejected and the run goes on, 2 when fatal.
 */
int	filter_reject(struct tsv *t, int rejfd, const char *rejects);

/* Report a TSV_FATAL; returns 2. */
int	filter_readerror(const struct tsv *t);

/*
 * Close the rejects file and the operands after a run that would end
 * with status s.  Returns s, or 2 if the rejects file failed.
 */
int	filter_close(struct tsv *t, int rejfd, const char *rejects, int s);

/* Run the filter over the operands.  Returns the exit status. */
int	filter_run(const struct filter *f, const struct filter_opts *fo);

#endif
