/*
 * diag: the diagnostics of the tools, on standard error (tool runtime).
 *
 * Every message starts with the tool's name.  A value from a record is
 * never echoed in more than DIAG_ECHO bytes: these are health records.
 */
#ifndef BP_DIAG_H
#define BP_DIAG_H

#include <stddef.h>

#define DIAG_ECHO	40

/* Set the tool name that starts every message; prog is not copied. */
void	diag_init(const char *prog);

/* With q set, diag_value() prints nothing (it still counts). */
void	diag_quiet(int q);

/* "prog: message\n", the message formatted as printf(3). */
void	diag(const char *fmt, ...);

/* "prog: file:line: message\n"; line 0 leaves out the line. */
void	diag_at(const char *file, unsigned long line, const char *fmt, ...);

/* Report running out of memory; returns 2, the exit status. */
int	diag_nomem(void);

/*
 * A warning about the input as a whole (a column's name, say) rather
 * than one record: diag_at(), and the run will end with status 1 or more
 * (diag_warned()).
 */
void	diag_warn(const char *file, unsigned long line, const char *fmt, ...);

/* 1 if diag_warn() was called, else 0. */
int	diag_warned(void);

/*
 * The record the next value problems are in: its id, n bytes at p (not
 * copied; valid until the next call), or NULL for none.
 */
void	diag_record(const char *p, size_t n);

/*
 * A value problem: "prog: file:line: id ID: column: what" and, when n >
 * 0, ": \"value\"" with at most DIAG_ECHO bytes of (p, n), control bytes
 * shown as '?'.  The id part is left out when the record's id is empty.
 */
void	diag_value(const char *file, unsigned long line, const char *column,
	    const char *what, const char *p, size_t n);

#define DIAG_ECHOSZ	(DIAG_ECHO + 6)	/* room for diag_echo() */

/*
 * (p, n) as it may be shown: at most DIAG_ECHO bytes, not splitting a
 * UTF-8 sequence, control bytes as '?', in double quotes when quote is
 * set, then "..." when cut; in buf, which it returns.
 */
char	*diag_echo(char buf[DIAG_ECHOSZ], const char *p, size_t n,
	    int quote);

#endif
