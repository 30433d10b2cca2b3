/*
 * out: the one buffered standard output of a tool (tool runtime).
 *
 * Everything a tool prints on standard output goes through here, so that
 * a write error is seen once and reported once.  The first failure is
 * kept: later calls do nothing and return -1.
 */
#ifndef BP_OUT_H
#define BP_OUT_H

#include <stddef.h>

/*
 * Append n bytes at p to the output buffer, writing it to file
 * descriptor 1 when full.  Returns 0, or -1 once any write has failed
 * (the errno of that failure is out_error()).
 */
int	out_write(const void *p, size_t n);

/* As out_write() for the NUL-terminated string s. */
int	out_str(const char *s);

/* As out_write() for the single byte c. */
int	out_byte(int c);

/* As out_write() for a formatted string (printf(3) rules); at most 4 KiB. */
int	out_printf(const char *fmt, ...);

/*
 * Room for n bytes in the output buffer, written there directly and
 * then kept with out_commit(): faster than several out_write() calls.
 * Returns NULL (use out_write()) if n is more than the buffer holds or a
 * write has failed.
 */
char	*out_room(size_t n);

/* Keep what was written from out_room() up to end. */
void	out_commit(const char *end);

/* Write what is buffered.  Returns 0, or -1 as out_write(). */
int	out_flush(void);

/* The errno of the first failed write, or 0 if none failed. */
int	out_error(void);

/*
 * The one way a tool ends its output: flush it, and return the exit
 * status of a run that would end with status s.  That is s, but after a
 * failed write 2, with one diagnostic, or 0 without one when the reader
 * went away (EPIPE: bp(7), EXIT STATUS).
 */
int	out_end(int s);

#endif
