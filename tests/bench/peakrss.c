/*
 * peakrss: run a command and measure it.
 *
 * usage: peakrss [-o FILE] COMMAND [ARG ...]
 *
 * Runs COMMAND (found on PATH) with this process's standard input,
 * output and error, waits for it, and appends one line to FILE (or
 * writes it to standard error):
 *
 *	ELAPSED USER SYS MAXRSS STATUS
 *
 * ELAPSED, USER and SYS in seconds; MAXRSS the peak resident set of
 * the largest process among the command and every descendant it waited
 * for (a shell running a pipeline counts its stages), in KiB as Linux
 * and the BSDs report ru_maxrss; STATUS the exit status, or 128 plus
 * the signal that ended it.  Exits with 0 once measured, 2 if it could
 * not run the command.
 */
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double
seconds(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

int
main(int argc, char *argv[])
{
	struct timespec	 t0, t1;
	struct rusage	 ru;
	const char	*outname = NULL;
	FILE		*out = stderr;
	pid_t		 pid;
	int		 st, status;

	/* by hand: getopt(3) would take the command's own options */
	if (argc > 2 && strcmp(argv[1], "-o") == 0) {
		outname = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc < 2 || argv[1][0] == '-') {
		fputs("usage: peakrss [-o FILE] COMMAND [ARG ...]\n", stderr);
		return 2;
	}
	if (outname != NULL && (out = fopen(outname, "a")) == NULL) {
		fprintf(stderr, "peakrss: %s: %s\n", outname, strerror(errno));
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) == -1) {
		perror("peakrss: fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		fprintf(stderr, "peakrss: %s: %s\n", argv[1],
		    strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR) {
			perror("peakrss: waitpid");
			return 2;
		}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (getrusage(RUSAGE_CHILDREN, &ru) == -1) {
		perror("peakrss: getrusage");
		return 2;
	}
	status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	fprintf(out, "%.4f %.4f %.4f %ld %d\n",
	    (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
	    seconds(ru.ru_utime), seconds(ru.ru_stime), ru.ru_maxrss, status);
	if (fclose(out) == EOF) {
		perror("peakrss: write error");
		return 2;
	}
	return status == 127 ? 2 : 0;
}
