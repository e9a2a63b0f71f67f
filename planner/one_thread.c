/*
 * one_thread.c: waits until this process runs on one thread (see one_thread.h).
 */
#define _DEFAULT_SOURCE    /* nanosleep, DIR */
#include <dirent.h>
#include <time.h>

#include "one_thread.h"

/* The number of threads of this process, from /proc/self/task; -1 when unreadable. */
static int count_threads(void)
{
	DIR *dir = opendir("/proc/self/task");
	int n = 0;

	if (!dir)
		return -1;
	struct dirent *e;
	while ((e = readdir(dir)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(dir);
	return n;
}

int one_thread_wait(int timeout_ms)
{
	const struct timespec ms = { 0, 1000000 };

	for (int waited = 0;; waited++) {
		int n = count_threads();
		if (n < 1)
			return -1;
		if (n == 1)
			return 1;
		if (waited >= timeout_ms)
			return 0;
		nanosleep(&ms, NULL);
	}
}
