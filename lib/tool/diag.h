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
 * A value problem: "prog: file:line: column: what" and, when n > 0,
 * ": \"value\"" with at most DIAG_ECHO bytes of (p, n), control bytes
 * shown as '?'.
 */
void	diag_value(const char *file, unsigned long line, const char *column,
	    const char *what, const char *p, size_t n);

#endif
