/*
 * sigprobe: an LD_PRELOAD shim for the sandbox tests.  With
 * BP_SIGPROBE=PID set, the tool's first write(2) or fprintf(3) first asks
 * whether it may signal process PID, and itself (signal 0: nothing is
 * sent), and whether its sandbox is on, and says on standard error
 * "sigprobe: other E self E sandbox on|off", each E the errno of the try
 * or 0.  Linux.
 */
#include <sys/prctl.h>
#include <sys/syscall.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

ssize_t	write(int, const void *, size_t);
int	fprintf(FILE *, const char *, ...);

static int
try(long pid, long tid)
{
	return syscall(SYS_tgkill, pid, tid, 0) == -1 ? errno : 0;
}

static void
probe(void)
{
	static int	 done;
	const char	*s = getenv("BP_SIGPROBE");
	char		 msg[64];
	int		 other, self, on, len;

	if (done || s == NULL)
		return;
	done = 1;
	other = try(atol(s), atol(s));
	self = try(getpid(), syscall(SYS_gettid));
	/* the sandbox refuses prctl(2) itself */
	on = prctl(PR_GET_SECCOMP, 0, 0, 0, 0) != 0;
	len = snprintf(msg, sizeof(msg), "sigprobe: other %d self %d sandbox %s\n",
	    other, self, on ? "on" : "off");
	syscall(SYS_write, 2, msg, (size_t)len);
}

ssize_t
write(int fd, const void *p, size_t n)
{
	probe();
	return syscall(SYS_write, fd, p, n);
}

int
fprintf(FILE *f, const char *fmt, ...)
{
	va_list	ap;
	int	r;

	probe();
	va_start(ap, fmt);
	r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}
