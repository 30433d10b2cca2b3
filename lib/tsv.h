/*
 * tsv: reading header-aware TSV records (bp(7), RECORD FORMAT).
 *
 * One reader walks the operands in turn through one buffer.  A record's
 * fields are not copied: they point into that buffer and are valid until
 * the next call to tsv_next().  Nothing here prints or exits; a problem
 * is returned with a reason in t->why (and an errno in t->err).
 */
#ifndef BP_TSV_H
#define BP_TSV_H

#include <stddef.h>
#include <stdint.h>

#include "vocab.h"

/*
 * The longest line, LF excluded, of a batch's own columns; the columns
 * the tools add (those given to tsv_room()) have TSV_ROOM more, so that
 * whatever a tool writes the next one reads (bp(7), Record format).
 */
#define TSV_MAXLINE	(1024 * 1024)
#define TSV_ROOM	(64 * 1024)
#define TSV_PAD		16		/* bytes readable from a field */

enum tsv_status {
	TSV_FATAL = -1,		/* I/O or header problem: t->why, t->err */
	TSV_EOF = 0,		/* every operand read */
	TSV_REC = 1,		/* a record: tsv_field() */
	TSV_BAD = 2		/* a structurally broken line: t->why */
};

struct tsv_src {
	const char	*name;		/* as in diagnostics; "-" for stdin */
	int		 fd;
};

struct tsv {
	struct tsv_src	*src;		/* the operands, opened */
	int		 nsrc;
	int		 cur;		/* operand being read */
	const char	*name;		/* its name */
	unsigned long	 line;		/* line number in it, from 1 */

	char		*hdr;		/* the header line (no BOM, CR, LF) */
	size_t		 hdrlen;
	char		**cols;		/* column names, NUL-terminated */
	size_t		 ncols;

	const char	*rec;		/* the record line, no CR or LF */
	size_t		 reclen;

	const char	*why;		/* reason for TSV_BAD or TSV_FATAL */
	int		 err;		/* errno for TSV_FATAL, or 0 */

	/* private */
	uint32_t	*cut;		/* field i is rec[cut[i]..cut[i+1]-1) */
	unsigned char	*read;		/* read[i]: field i has been asked for */
	unsigned char	*room;		/* room[i]: column i is a tool's */
	int		 anyroom;
	uint32_t	*need;		/* runs of the cuts that serve them */
	char		*buf;
	size_t		 cap, pos, len, scan;
	const char	*raw;		/* current line as read, with CR */
	size_t		 rawlen;
	int		 rawlf;		/* the line ended with LF */
	int		 eof;		/* current operand fully read */
	int		 partial;	/* overlong line not fully in buf */
	int		 started;	/* header of current operand read */
	int		 nul;		/* buf may hold a NUL byte */
	uint64_t	 off;		/* the operand's offset of buf[0] */
	unsigned	 partk, partn;	/* tsv_part(); partn 0: all */
	int		 parted;	/* the part's first line found */
	uint64_t	 partend;	/* no line from here; 0: to the end */
	char		 whybuf[96];
};

/*
 * Open every operand (names[0..n-1]; "-" is standard input; n == 0
 * means standard input alone) before anything is read, as bp(7)
 * requires.  Returns 0, or -1 with t->name the operand that failed,
 * t->why a reason and t->err its errno.  A directory is refused here.
 */
int	tsv_open(struct tsv *t, char **names, int n);

/*
 * Open the operands names[0..n-1] ("-" is standard input; n == 0 means
 * standard input alone) into *src, a new array that tsv_srcclose()
 * frees, a directory refused.  Returns how many there are, or -1 with
 * errno set and *name the operand that failed (*src, if not NULL, still
 * to be closed, its unopened entries -1).  Any reader of operands
 * opens them here.
 */
int	tsv_srcopen(struct tsv_src **src, char **names, int n,
	    const char **name);

/* Close the n operands of src that tsv_srcopen() opened, and free it. */
void	tsv_srcclose(struct tsv_src *src, int n);

/* Write the n bytes at p to fd whole.  Returns 0, or -1 with errno. */
int	tsv_writeall(int fd, const char *p, size_t n);

/*
 * Read only part k of n (1 <= k <= n) of the one operand, which must be
 * a regular file: its header, then the lines that start in the k-th of n
 * equal runs of the bytes after the header line (bp(7), SCALING).  Line
 * numbers stay those of the file: a part after the first counts the
 * lines before it as it passes them.  Call it after tsv_open() and
 * before tsv_header().  Returns 0, or -1 with t->why set (and t->err
 * for a system error).
 */
int	tsv_part(struct tsv *t, unsigned k, unsigned n);

/* Why tsv_part() refuses an operand that is not a regular file. */
#define TSV_PARTSTREAM	"a part is of a regular file, not a stream"

/*
 * Read len bytes of text, named name in diagnostics, as the only
 * operand.  The text is copied.  Returns 0, or -1 (out of memory).
 */
int	tsv_openmem(struct tsv *t, const char *name, const char *text,
	    size_t len);

/*
 * Read the header: the first line of the first operand that has one.
 * Returns 1 with t->cols set, 0 if no operand holds any line (then
 * there is no output at all), or TSV_FATAL (duplicate column, NUL,
 * overlong header, read error).
 */
int	tsv_header(struct tsv *t);

/*
 * Read the next record, moving to later operands and checking that
 * their headers equal the first.  Empty lines are skipped.  Returns
 * TSV_REC (its fields by tsv_field()), TSV_EOF, TSV_BAD (wrong field
 * count, NUL byte, line too long: the line may be passed to
 * tsv_reject()) or TSV_FATAL.
 */
int	tsv_next(struct tsv *t);

/*
 * Write the line of the last TSV_BAD to file descriptor fd as it was
 * read, with LF added if it had none.  Returns 0, -1 with t->err set
 * on a write error, or -2 with t->err set and t->why NULL on a read
 * error of the input (the rest of a line too long is read as it is
 * copied).
 */
int	tsv_reject(struct tsv *t, int fd);

/*
 * Mark field i as read: records are split at it from now on, the current
 * one too (tsv_field() does it the first time it is asked for i).
 */
void	tsv_learn(struct tsv *t, size_t i);

/* Field i, marked read before: tsv_field() without its check. */
static inline const char *
tsv_fieldat(const struct tsv *t, size_t i, size_t *n)
{
	*n = t->cut[i + 1] - t->cut[i] - 1;
	return t->rec + t->cut[i];
}

/*
 * Field i (below t->ncols) of the record tsv_next() returned: its bytes,
 * *n of them, valid until the next call to tsv_next().  The TSV_PAD bytes
 * from its start can be read whatever *n is; those past *n hold anything.
 *
 * A record is split only as far as the fields asked for so far need:
 * the first time field i is asked for, tsv_learn() marks it, so that the
 * records after it are split at field i as well (bproutine reads 14 of
 * its 57 fields: see split() in tsv.c for the gain).
 */
static inline const char *
tsv_field(struct tsv *t, size_t i, size_t *n)
{
	if (!t->read[i])
		tsv_learn(t, i);
	return tsv_fieldat(t, i, n);
}

/*
 * Field i (below t->ncols) of the record tsv_next() returned, as
 * tsv_field() gives it, found by walking the line instead of splitting
 * records at it from now on: for a field read on a few records, as
 * splitting every record at it costs more (bproutine 3% more
 * instructions a record when it read one such field by tsv_field()).
 * Only the *n bytes of the field may be read.
 */
const char	*tsv_peek(const struct tsv *t, size_t i, size_t *n);

/*
 * The columns of t's header named in words (a list ending with a NULL
 * word) are those the tools add: a record may be longer than
 * TSV_MAXLINE by what they hold, up to TSV_ROOM.  Call it after
 * tsv_header(); without it every line is held to TSV_MAXLINE.
 */
void	tsv_room(struct tsv *t, const struct word *words);

/* The index of column name, or -1 if the header has none. */
int	tsv_col(const struct tsv *t, const char *name);

/* Close the operands and free everything t holds. */
void	tsv_close(struct tsv *t);

#endif
