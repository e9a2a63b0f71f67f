/*
 * cleanup.c: temporary files and directories removed when a signal stops planner
 * (cleanup.h).  The handler uses only async-signal-safe calls: kill, waitpid, unlink,
 * openat, getdents64, unlinkat, sigaction, sigprocmask, raise.  Every entry records
 * the process that registered it, so a forked worker never removes its parent's
 * directory and the parent never waits for a worker's workers.
 */
#define _GNU_SOURCE     /* getdents64, struct dirent64 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cleanup.h"

#define SLOTS 8
#define WORKERS 256

typedef struct entry {
	volatile sig_atomic_t used;
	pid_t owner;
	int tree;                /* a directory: remove it with what it holds */
	char path[PATH_MAX + 32];
} entry;

static entry slots[SLOTS];
static pid_t workers[WORKERS];
static volatile sig_atomic_t n_workers;
static pid_t workers_owner;

static const int handled[] = { SIGINT, SIGTERM, SIGHUP, SIGABRT, SIGTRAP, SIGSEGV, SIGBUS };

/* Removes name (in the directory parent) and, for a directory, what it holds, down to
 * depth levels (a batch output has two: DIR.tmp-X/plans/ID.pdf). */
static void remove_at(int parent, const char *name, int depth)
{
	if (unlinkat(parent, name, 0) == 0 || errno != EISDIR || depth == 0)
		return;
	int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return;
	for (int pass = 0; pass < 4; pass++) {
		_Alignas(struct dirent64) char buf[4096];
		int removed = 0;
		ssize_t n;
		while ((n = getdents64(fd, buf, sizeof buf)) > 0) {
			for (ssize_t off = 0; off < n;) {
				struct dirent64 *de = (struct dirent64 *)(buf + off);
				off += de->d_reclen;
				if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
					continue;
				remove_at(fd, de->d_name, depth - 1);
				removed = 1;
			}
		}
		if (!removed || lseek(fd, 0, SEEK_SET) != 0)
			break;
	}
	close(fd);
	unlinkat(parent, name, AT_REMOVEDIR);
}

static void on_signal(int sig)
{
	pid_t self = getpid();

	if (workers_owner == self) {
		for (int i = 0; i < n_workers; i++)
			kill(workers[i], SIGKILL);
		for (int i = 0; i < n_workers; i++)
			waitpid(workers[i], NULL, 0);
	}
	for (int i = 0; i < SLOTS; i++)
		if (slots[i].used && slots[i].owner == self)
			remove_at(AT_FDCWD, slots[i].path, slots[i].tree ? 4 : 0);

	struct sigaction dfl = { .sa_handler = SIG_DFL };
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigaction(sig, &dfl, NULL);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
}

void cleanup_install(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	signal(SIGXFSZ, SIG_IGN);
	sigfillset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof handled / sizeof handled[0]; i++) {
		struct sigaction old;
		if (sigaction(handled[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL &&
		    !(old.sa_flags & SA_SIGINFO))
			sigaction(handled[i], &sa, NULL);
	}
}

/* Blocks the handled signals while an entry is half made. */
static void hold(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < sizeof handled / sizeof handled[0]; i++)
		sigaddset(&set, handled[i]);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

static void release(const sigset_t *old)
{
	pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* Registers path (already created); -1 when every slot is taken (then it is simply
 * not removed by a signal). */
static int add(const char *path, int tree)
{
	pid_t self = getpid();

	for (int i = 0; i < SLOTS; i++) {
		/* a slot a forked parent registered is free in this process */
		if (slots[i].used && slots[i].owner == self)
			continue;
		slots[i].used = 0;
		atomic_signal_fence(memory_order_seq_cst);
		if (strlen(path) >= sizeof slots[i].path)
			return -1;
		strcpy(slots[i].path, path);
		slots[i].owner = self;
		slots[i].tree = tree;
		atomic_signal_fence(memory_order_seq_cst);
		slots[i].used = 1;
		return i;
	}
	return -1;
}

int cleanup_mkstemp(char *path, int *slot)
{
	sigset_t old;

	hold(&old);
	int fd = mkstemp(path);
	int e = errno;
	*slot = fd >= 0 ? add(path, 0) : -1;
	release(&old);
	errno = e;
	return fd;
}

char *cleanup_mkdtemp(char *path, int *slot)
{
	sigset_t old;

	hold(&old);
	char *made = mkdtemp(path);
	int e = errno;
	*slot = made ? add(path, 1) : -1;
	release(&old);
	errno = e;
	return made;
}

void cleanup_forget(int slot)
{
	if (slot >= 0 && slot < SLOTS && slots[slot].owner == getpid())
		slots[slot].used = 0;
}

pid_t cleanup_fork_worker(void)
{
	sigset_t old;

	hold(&old);
	pid_t pid = fork();
	int e = errno;
	if (pid > 0 && n_workers < WORKERS) {
		workers_owner = getpid();
		workers[n_workers] = pid;
		atomic_signal_fence(memory_order_seq_cst);
		n_workers++;
	}
	release(&old);
	errno = e;
	return pid;
}

void cleanup_forget_workers(void)
{
	n_workers = 0;
}
