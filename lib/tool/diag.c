#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"

static const char	*prog = "bp";
static int		 quiet;
static int		 warned;
static const char	*idp;		/* the record's id */
static size_t		 idn;

void
diag_init(const char *p)
{
	prog = p;
}

void
diag_quiet(int q)
{
	quiet = q;
}

void
diag(const char *fmt, ...)
{
	char	msg[1024];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: %s\n", prog, msg);
}

void
diag_at(const char *file, unsigned long line, const char *fmt, ...)
{
	char	msg[1024];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line > 0)
		fprintf(stderr, "%s: %s:%lu: %s\n", prog, file, line, msg);
	else
		fprintf(stderr, "%s: %s: %s\n", prog, file, msg);
}

int
diag_nomem(void)
{
	diag("%s", strerror(ENOMEM));
	return 2;
}

void
diag_warn(const char *file, unsigned long line, const char *fmt, ...)
{
	char	msg[1024];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	warned = 1;
	diag_at(file, line, "%s", msg);
}

int
diag_warned(void)
{
	return warned;
}

void
diag_record(const char *p, size_t n)
{
	idp = p;
	idn = n;
}

char *
diag_echo(char buf[DIAG_ECHOSZ], const char *p, size_t n, int quote)
{
	size_t	i, k = n, o = 0;

	if (n > DIAG_ECHO) {
		k = DIAG_ECHO;
		/* do not split a UTF-8 sequence */
		while (k > 0 && ((unsigned char)p[k] & 0xc0) == 0x80)
			k--;
	}
	if (quote)
		buf[o++] = '"';
	for (i = 0; i < k; i++)
		buf[o++] = (unsigned char)p[i] < 0x20 || p[i] == 0x7f ? '?' :
		    p[i];
	if (quote)
		buf[o++] = '"';
	memcpy(buf + o, k < n ? "..." : "", k < n ? 4 : 1);
	return buf;
}

void
diag_value(const char *file, unsigned long line, const char *column,
    const char *what, const char *p, size_t n)
{
	char		 id[DIAG_ECHOSZ], echo[DIAG_ECHOSZ];
	const char	*q = idp;
	size_t		 m = idn;

	if (quiet)
		return;
	while (m > 0 && *q == ' ') {
		q++;
		m--;
	}
	while (m > 0 && q[m - 1] == ' ')
		m--;
	/* one write: the lines of two tools on one terminal stay whole */
	fprintf(stderr, "%s: %s:%lu: %s%s%s%s: %s%s%s\n", prog, file, line,
	    m > 0 ? "id " : "", m > 0 ? diag_echo(id, q, m, 0) : "",
	    m > 0 ? ": " : "", column, what, n > 0 ? ": " : "",
	    n > 0 ? diag_echo(echo, p, n, 1) : "");
}
