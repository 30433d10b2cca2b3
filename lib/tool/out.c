#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "out.h"

#define OUTSZ	(64 * 1024)

static char	obuf[OUTSZ];
static size_t	olen;
static int	oerr;

static int
drain(const char *p, size_t n)
{
	ssize_t	w;

	while (n > 0) {
		w = write(1, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			oerr = errno;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
out_flush(void)
{
	if (oerr != 0)
		return -1;
	if (olen > 0 && drain(obuf, olen) == -1)
		return -1;
	olen = 0;
	return 0;
}

int
out_write(const void *p, size_t n)
{
	if (oerr != 0)
		return -1;
	if (n > OUTSZ - olen) {
		if (out_flush() == -1)
			return -1;
		if (n >= OUTSZ)
			return drain(p, n);
	}
	memcpy(obuf + olen, p, n);
	olen += n;
	return 0;
}

char *
out_room(size_t n)
{
	if (oerr != 0 || n > OUTSZ)
		return NULL;
	if (n > OUTSZ - olen && out_flush() == -1)
		return NULL;
	return obuf + olen;
}

void
out_commit(const char *end)
{
	olen = (size_t)(end - obuf);
}

int
out_str(const char *s)
{
	return out_write(s, strlen(s));
}

int
out_byte(int c)
{
	char	b = (char)c;

	if (oerr == 0 && olen < OUTSZ) {
		obuf[olen++] = b;
		return 0;
	}
	return out_write(&b, 1);
}

int
out_printf(const char *fmt, ...)
{
	char	 tmp[4096];
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	if ((size_t)n >= sizeof(tmp))
		n = sizeof(tmp) - 1;
	return out_write(tmp, (size_t)n);
}

int
out_error(void)
{
	return oerr;
}

int
out_end(int s)
{
	if (out_flush() == 0)
		return s;
	if (oerr == EPIPE)
		return 0;
	diag("write error: %s", strerror(oerr));
	return 2;
}
