/*
 * sandbox: what a tool gives up before it reads a record.
 *
 * Once a tool has opened everything it will read or write, it needs
 * nothing from the system but reading, writing, memory and exiting.
 * sandbox_enter() drops the rest with a seccomp filter, so a hostile
 * record that took over the parser still could not open a file, run a
 * program or reach the network.
 */
#ifndef BP_SANDBOX_H
#define BP_SANDBOX_H

/* Turn core dumps off: a crash must not write records to disk. */
void	sandbox_nocore(void);

/*
 * Confine the process: from now on any system call but the few a tool
 * needs fails with EPERM.  Does nothing when the environment has
 * BP_SANDBOX=0, or where seccomp is not available at build time.
 * Returns 0, or -1 with errno set.
 */
int	sandbox_enter(void);

#endif
