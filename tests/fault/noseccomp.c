/*
 * noseccomp: an LD_PRELOAD shim for make coverage.  A tool under its
 * seccomp filter could not write the counters of a --coverage build when
 * it exits, so this prctl(2) takes the filter and installs nothing: the
 * tool builds its filter as always and runs on unconfined.  With
 * BP_NOSECCOMP=fail the filter is refused with EINVAL instead, as a
 * kernel without seccomp refuses it.  Every other prctl(2) goes to the
 * kernel.  Linux.
 */
#include <sys/prctl.h>
#include <sys/syscall.h>

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int	prctl(int, ...);

int
prctl(int option, ...)
{
	va_list		 ap;
	unsigned long	 a[4];
	const char	*s;
	int		 i;

	va_start(ap, option);
	for (i = 0; i < 4; i++)
		a[i] = va_arg(ap, unsigned long);
	va_end(ap);
	if (option == PR_SET_SECCOMP) {
		s = getenv("BP_NOSECCOMP");
		if (s != NULL && strcmp(s, "fail") == 0) {
			errno = EINVAL;
			return -1;
		}
		return 0;
	}
	return (int)syscall(SYS_prctl, option, a[0], a[1], a[2], a[3]);
}
