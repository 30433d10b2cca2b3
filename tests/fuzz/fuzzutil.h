/*
 * fuzzutil: what the libFuzzer harnesses share (tests/fuzz/run.sh).
 *
 * Files are memfds named /dev/fd/N, so a tool opens its operand the
 * way it opens any file.  Everything aborts on a failure of its own:
 * a harness that cannot set up is not a finding.
 */
#ifndef BP_FUZZUTIL_H
#define BP_FUZZUTIL_H

#include <sys/types.h>

#include <stddef.h>

/* A new memfd; aborts on failure. */
int	fz_memfd(const char *name);

/* Make fd hold exactly the n bytes at p (offset left at 0). */
void	fz_fill(int fd, const void *p, size_t n);

/* What fd holds, NUL-terminated, in a malloc'd buffer; *n its length. */
char	*fz_slurp(int fd, size_t *n);

/* "/dev/fd/N" in buf. */
void	fz_path(char *buf, size_t size, int fd);

/*
 * Once per process: BP_SANDBOX=0 (the sandbox can be entered once and
 * would refuse the fuzzer's own system calls), standard output to
 * /dev/null.
 */
void	fz_init(void);

/* Note the lowest free file descriptor (before each run). */
void	fz_fdmark(void);

/* Standard output to fd (or /dev/null when fd is -1). */
void	fz_stdout(int fd);

/* Abort if a file descriptor was left open since fz_fdmark(). */
void	fz_nofdleak(void);

/* Count LF-ended lines in (p, n) (a last line without LF counts). */
size_t	fz_lines(const char *p, size_t n);

/*
 * read(2) as a pipe may answer it: at most as many bytes as the
 * schedule seeded by fz_schedule() says, from 1 byte to 128 KiB.  A
 * harness that compiles a reader into itself defines read as fz_read.
 */
ssize_t	fz_read(int fd, void *buf, size_t n);

/* Seed the schedule of fz_read(); 0: reads as large as asked. */
void	fz_schedule(unsigned seed);

/* Abort with a message on standard error. */
void	fz_fail(const char *what);

#endif

/* ---- running a tool's main() (fuzztool.c) ---- */

typedef int	(*fz_main)(int, char **);

struct fz_run {
	int	 status;	/* what main returned */
	char	*out;		/* standard output */
	size_t	 nout;
	char	*rej;		/* the rejects file, if -r FZ_REJECTS */
	size_t	 nrej;
};

/* argv words that stand for the input and rejects memfds' paths. */
#define FZ_INPUT	"@in"
#define FZ_INPUT2	"@in2"
#define FZ_REJECTS	"@rej"

/*
 * fuzztool.c defines LLVMFuzzerInitialize() for the harnesses it is
 * linked with: fz_init(), then the memfds of FZ_INPUT, FZ_INPUT2,
 * FZ_REJECTS and of standard output.
 */

/* The bytes the next run reads as FZ_INPUT (and FZ_INPUT2). */
void	fz_input(const void *p, size_t n);
void	fz_input2(const void *p, size_t n);

/*
 * Run main with argv (NULL-terminated) and standard output captured,
 * the runtime's statics (lib/tool/) as a new process has them; abort
 * unless it returns 0, 1 or 2 and closes what it opened.
 */
void	fz_runtool(fz_main m, const char *const *argv, struct fz_run *r);

void	fz_freerun(struct fz_run *r);


/*
 * The checks of a filter (bp(7)) on input (p, n): run m with
 * "-q -r REJECTS INPUT", then again on its own output.  added: its
 * output columns; need: the columns it cannot do without (NULL-ended).
 * Returns the status of the first run.
 */
int	fz_filter(fz_main m, const char *prog, const char *const *added,
	    const char *const *need, const char *p, size_t n);
