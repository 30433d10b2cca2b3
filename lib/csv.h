/*
 * csv: reading a CSV export record by record (RFC 4180; bpimport(1)).
 *
 * One reader walks the operands in turn through one buffer that holds
 * at most one record (CSV_MAXREC bytes) and one read's worth: the file
 * is never held.  A record may span lines inside quotes.  Its fields
 * are not copied: they point into that buffer, except a quoted field
 * holding doubled quotes, which is unescaped into a second buffer, so
 * that the record's bytes stay as read for csv_reject().  Fields are
 * valid until the next call to csv_next(), and CSV_PAD bytes can be
 * read from where each starts.  Nothing here prints or exits; a
 * problem is returned with a reason in c->why (and an errno in
 * c->err).
 */
#ifndef BP_CSV_H
#define BP_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "tsv.h"

#define CSV_MAXREC	TSV_MAXLINE	/* longest record, as read */
#define CSV_PAD		16		/* bytes readable from a field */

enum csv_status {
	CSV_FATAL = -1,		/* I/O or header problem: c->why, c->err */
	CSV_EOF = 0,		/* every operand read */
	CSV_REC = 1,		/* a record: csv_field() */
	CSV_BAD = 2		/* a structurally broken record: c->why */
};

/* Where field i of the record is: in the record (unq 0) or unescaped. */
struct csv_cut {
	uint32_t	off, len;
	uint32_t	unq;
};

/* Field i of the record, as csv_field() gives it. */
struct csv_span {
	const char	*p;
	size_t		 n;
};

struct csv {
	struct tsv_src	*src;		/* the operands, opened */
	int		 nsrc;
	int		 cur;		/* operand being read */
	const char	*name;		/* its name */
	unsigned long	 line;		/* line the record starts on, from 1 */
	int		 sep;		/* ',' or '\t' */

	char		*hdr;		/* the header as read (no BOM, CR, LF) */
	size_t		 hdrlen;
	char		**cols;		/* column names, unescaped */
	size_t		 ncols;

	const char	*rec;		/* the record as read, with its line end */
	size_t		 reclen;
	size_t		 nf;		/* fields the last record had */
	int		 plain;		/* 1: no field holds TAB, LF, CR, \\ */

	const char	*why;		/* reason for CSV_BAD or CSV_FATAL */
	int		 err;		/* errno for CSV_FATAL, or 0 */

	/* private */
	struct csv_span	*span;		/* the fields of a record read */
	int		 spanned;	/* span is the record's, not cut */
	struct csv_cut	*cut;		/* the fields scan() keeps */
	size_t		 ncut;		/* room in cut */
	char		*buf, *unq;
	size_t		 cap, pos, len, i, unqlen;
	unsigned long	 nextline;	/* line after the record */
	size_t		 fstart, qend;	/* field start, closing quote */
	int		 inq, quoted, closed, dq, over, eof, started, lf;
	const char	*bad;		/* first problem in the record */
	unsigned char	 cls[256];	/* what each byte is to the scanner */
	char		 whybuf[96];
};

/*
 * Open every operand (names[0..n-1]; "-" is standard input; n == 0
 * means standard input alone) before anything is read; sep is the
 * field separator.  Returns 0, or -1 with c->name the operand that
 * failed, c->why a reason and c->err its errno.  A directory is
 * refused here.
 */
int	csv_open(struct csv *c, char **names, int n, int sep);

/*
 * Read the header: the first record of the first operand that has
 * one, after a byte order mark.  Returns 1 with c->cols set, 0 if no
 * operand holds a record, or CSV_FATAL (a structural problem in it,
 * read error, out of memory).
 */
int	csv_header(struct csv *c);

/*
 * Read the next record, moving to later operands and checking that
 * their headers are the first's, byte for byte.  Blank records (every
 * field empty, as an empty line) and a repeat of the header are
 * skipped.  Returns CSV_REC (c->nf == c->ncols fields, by csv_field()),
 * CSV_EOF, CSV_BAD (an unclosed quote, a quote inside an unquoted
 * field or text after a closing one, a NUL byte, a record over
 * CSV_MAXREC, a number of fields other than the header's: the record
 * may be passed to csv_reject()) or CSV_FATAL.  With CSV_REC, c->plain
 * is 1 when no field holds a TAB, LF, CR or backslash, so that each
 * can be written as a TSV field as it is, and 0 when one may.
 */
int	csv_next(struct csv *c);

/*
 * Write the record of the last CSV_BAD (or CSV_REC) to file descriptor
 * fd as it was read, every line of it, with LF added if it had none.
 * Returns 0, or with c->err set -1 on a write error to fd, or -2 on a
 * read error of the operand (reading the rest of an overlong record).
 */
int	csv_reject(struct csv *c, int fd);

/*
 * Field i (below c->ncols) of the record csv_next() returned, quotes
 * removed: its bytes, *n of them, valid until the next call to
 * csv_next().
 */
static inline const char *
csv_field(const struct csv *c, size_t i, size_t *n)
{
	*n = c->span[i].n;
	return c->span[i].p;
}

/* Close the operands and free everything c holds. */
void	csv_close(struct csv *c);

#endif
