/*
 * datapath.c: finds the directory of planner's data files (see datapath.h).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datapath.h"

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *datapath_dir(void)
{
	static char dir[PATH_MAX + 32];
	char exe[PATH_MAX], probe[PATH_MAX + 32];
	const char *env = getenv("PLANNER_DATADIR");

	if (dir[0])
		return dir;
	if (env && *env) {
		snprintf(dir, sizeof dir, "%s", env);
		return dir;
	}
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';     /* .../build */
		slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';     /* the source tree */
		snprintf(probe, sizeof probe, "%s/templates", exe);
		if (is_dir(probe)) {
			snprintf(dir, sizeof dir, "%s", exe);
			return dir;
		}
		/* installed: PREFIX/bin/planner next to PREFIX/share/planner */
		snprintf(probe, sizeof probe, "%s/share/planner/templates", exe);
		if (is_dir(probe)) {
			snprintf(dir, sizeof dir, "%s/share/planner", exe);
			return dir;
		}
	}
	snprintf(dir, sizeof dir, "%s", PLANNER_DATADIR);
	return dir;
}

const char *datapath_file(const char *rel, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s", datapath_dir(), rel);
	return buf;
}
