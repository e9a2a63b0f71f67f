/*
 * stop_at_fsync.c: an LD_PRELOAD shim for the signal tests of output_safety.sh.  The
 * first fsync() of a file whose name contains $STOP_AT_FSYNC stops the process with
 * SIGSTOP, so the test can signal it at a known moment (its temporary file exists and
 * is not yet renamed) instead of racing a 50 ms plan.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int fsync(int fd);

int fsync(int fd)
{
	static int stopped;
	int (*real_fsync)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	const char *want = getenv("STOP_AT_FSYNC");
	char link[64], path[4096];

	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, path, sizeof path - 1);
	if (!stopped && want && *want && n > 0) {
		path[n] = '\0';
		if (strstr(path, want)) {
			stopped = 1;
			raise(SIGSTOP);
		}
	}
	return real_fsync(fd);
}
