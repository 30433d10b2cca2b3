#include <sys/resource.h>

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sandbox.h"

#if defined(__linux__) && (defined(__x86_64__) || defined(__aarch64__))
#include <sys/prctl.h>
#include <sys/syscall.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#if defined(__x86_64__)
#define ARCH	AUDIT_ARCH_X86_64
#else
#define ARCH	AUDIT_ARCH_AARCH64
#endif

/* Where the low 32 bits of a 64-bit argument are. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define LOW	4
#else
#define LOW	0
#endif

/* What a tool needs once its files are open. */
static const int allowed[] = {
	SYS_read, SYS_write, SYS_writev, SYS_close, SYS_lseek, SYS_ftruncate,
	SYS_fstat, SYS_newfstatat,
	SYS_brk, SYS_mmap, SYS_munmap, SYS_mremap, SYS_mprotect,
	SYS_madvise, SYS_getrandom, SYS_futex,
	SYS_rt_sigreturn, SYS_rt_sigprocmask, SYS_getpid, SYS_gettid,
	SYS_exit, SYS_exit_group,
#ifdef SYS_fstatat64
	SYS_fstatat64,
#endif
};
#define NALLOWED	(sizeof(allowed) / sizeof(allowed[0]))

int
sandbox_enter(void)
{
	struct sock_filter	 prog[12 + 2 * NALLOWED], *p = prog;
	struct sock_fprog	 fp;
	const char		*env = getenv("BP_SANDBOX");
	size_t			 i;

	if (env != NULL && strcmp(env, "0") == 0)
		return 0;
	*p++ = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
	    offsetof(struct seccomp_data, arch));
	*p++ = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH,
	    1, 0);
	*p++ = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
	    SECCOMP_RET_KILL_PROCESS);
	*p++ = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
	    offsetof(struct seccomp_data, nr));
#if defined(__x86_64__)
	/* the x32 calls are another table: refuse them all */
	*p++ = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K,
	    0x40000000, 0, 1);
	*p++ = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
	    SECCOMP_RET_ERRNO | EPERM);
#endif
	for (i = 0; i < NALLOWED; i++) {
		*p++ = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
		    (unsigned)allowed[i], 0, 1);
		*p++ = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
		    SECCOMP_RET_ALLOW);
	}
	/* a signal to this process only (abort(3) sends itself one) */
	*p++ = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
	    SYS_tgkill, 0, 3);
	*p++ = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
	    offsetof(struct seccomp_data, args[0]) + LOW);
	*p++ = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
	    (unsigned)getpid(), 0, 1);
	*p++ = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
	    SECCOMP_RET_ALLOW);
	*p++ = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
	    SECCOMP_RET_ERRNO | EPERM);
	fp.len = (unsigned short)(p - prog);
	fp.filter = prog;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fp, 0, 0) == -1)
		return -1;
	return 0;
}

void
sandbox_nocore(void)
{
	struct rlimit	rl = { 0, 0 };

	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	setrlimit(RLIMIT_CORE, &rl);
}

#else

int
sandbox_enter(void)
{
	return 0;
}

void
sandbox_nocore(void)
{
	struct rlimit	rl = { 0, 0 };

	setrlimit(RLIMIT_CORE, &rl);
}

#endif
