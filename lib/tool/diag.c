#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"

static const char	*prog = "bp";
static int		 quiet;

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
diag_value(const char *file, unsigned long line, const char *column,
    const char *what, const char *p, size_t n)
{
	char	echo[DIAG_ECHO + 1];
	size_t	i, k;
	int	cut = 0;

	if (quiet)
		return;
	if (n > DIAG_ECHO) {
		k = DIAG_ECHO;
		/* do not split a UTF-8 sequence */
		while (k > 0 && ((unsigned char)p[k] & 0xc0) == 0x80)
			k--;
		n = k;
		cut = 1;
	}
	for (i = 0; i < n; i++)
		echo[i] = (unsigned char)p[i] < 0x20 || p[i] == 0x7f ?
		    '?' : p[i];
	echo[n] = '\0';
	if (n > 0 || cut)
		fprintf(stderr, "%s: %s:%lu: %s: %s: \"%s\"%s\n", prog, file,
		    line, column, what, echo, cut ? "..." : "");
	else
		fprintf(stderr, "%s: %s:%lu: %s: %s\n", prog, file, line,
		    column, what);
}
