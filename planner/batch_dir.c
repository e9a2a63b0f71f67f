/*
 * batch_dir.c: the output directory of `planner batch` (batch_io.h).  Everything is
 * written into DIR.tmp-XXXXXX next to DIR and renamed into place at the end, so DIR
 * is never half-filled.  A previous output is only replaced with --force, atomically
 * (renameat2 RENAME_EXCHANGE, else two renames), and a directory that does not look
 * like a batch output is never replaced, even with --force.
 */
#define _GNU_SOURCE      /* renameat2, nftw */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch_io.h"
#include "model.h"

/* The files whose presence marks a directory as a previous batch output. */
static const char *const batch_marks[] = { "reclassification.csv", "summary.json" };

/* 0 empty, 1 holds a previous batch output, 2 other content, -1 unreadable. */
static int dir_kind(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *de;
	int entries = 0, marks = 0;

	if (!dir)
		return -1;
	while ((de = readdir(dir))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		entries++;
		for (size_t i = 0; i < sizeof batch_marks / sizeof batch_marks[0]; i++)
			marks += strcmp(de->d_name, batch_marks[i]) == 0;
	}
	closedir(dir);
	if (entries == 0)
		return 0;
	return marks == (int)(sizeof batch_marks / sizeof batch_marks[0]) ? 1 : 2;
}

static int fail(const char *path, const char *what)
{
	batch_error("%s: %s", path, what);
	return EXIT_CANTCREAT;
}

int batch_dir_begin(batch_dir *d, const char *out, int force)
{
	struct stat st;
	size_t n = strlen(out);

	memset(d, 0, sizeof *d);
	while (n > 1 && out[n - 1] == '/')
		n--;
	if (n == 0 || n + sizeof ".tmp-XXXXXX" > sizeof d->final)
		return fail(out, "not a usable output directory name");
	memcpy(d->final, out, n);
	d->final[n] = '\0';
	const char *base = strrchr(d->final, '/');
	base = base ? base + 1 : d->final;
	if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0 || strcmp(d->final, "/") == 0)
		return fail(d->final, "name a new directory for the output, not . or .. or /");

	if (lstat(d->final, &st) == 0) {
		if (S_ISLNK(st.st_mode))
			return fail(d->final, "is a symbolic link; name the directory itself");
		if (!S_ISDIR(st.st_mode))
			return fail(d->final, "exists and is not a directory");
		switch (dir_kind(d->final)) {
		case 0:
			break;
		case 1:
			if (!force)
				return fail(d->final, "already holds a batch output; use --force to "
					    "replace it, or choose another --out");
			break;
		case 2:
			return fail(d->final, "exists and is not empty nor a previous batch output; "
				    "refusing to replace it (choose another --out)");
		default:
			return fail(d->final, strerror(errno));
		}
		d->exists = 1;
	} else if (errno != ENOENT) {
		return fail(d->final, strerror(errno));
	}

	snprintf(d->tmp, sizeof d->tmp, "%s.tmp-XXXXXX", d->final);
	if (!mkdtemp(d->tmp)) {
		char msg[PATH_MAX + 96];
		int e = errno;
		d->tmp[0] = '\0';
		if (e == ENOENT) {
			/* the usual cause: a parent that does not exist (it is not made for you) */
			char parent[PATH_MAX];
			snprintf(parent, sizeof parent, "%s", d->final);
			char *slash = strrchr(parent, '/');
			if (slash)
				*slash = '\0';
			snprintf(msg, sizeof msg, "cannot create the output directory: %s does not exist",
				 slash ? parent : ".");
		} else {
			snprintf(msg, sizeof msg, "cannot create the output directory: %s", strerror(e));
		}
		return fail(d->final, msg);
	}
	/* mkdtemp makes it 0700; the result should have the usual permissions */
	mode_t mask = umask(0);
	umask(mask);
	chmod(d->tmp, 0777 & ~mask);
	return EXIT_OK;
}

int batch_dir_mkdir(batch_dir *d, const char *name)
{
	char path[PATH_MAX];

	if (snprintf(path, sizeof path, "%s/%s", d->tmp, name) >= (int)sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return mkdir(path, 0777);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void remove_tree(const char *path)
{
	nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

int batch_dir_commit(batch_dir *d)
{
	char msg[PATH_MAX + 64];

	if (!d->exists || rmdir(d->final) == 0) {
		/* DIR is missing (or was an empty directory, now removed) */
		if (rename(d->tmp, d->final) == 0) {
			d->tmp[0] = '\0';
			return EXIT_OK;
		}
		snprintf(msg, sizeof msg, "cannot move the output into place: %s", strerror(errno));
		return fail(d->final, msg);
	}
	/* a previous output: swap atomically, then remove the old one (now at tmp) */
	if (renameat2(AT_FDCWD, d->tmp, AT_FDCWD, d->final, RENAME_EXCHANGE) == 0) {
		remove_tree(d->tmp);
		d->tmp[0] = '\0';
		return EXIT_OK;
	}
	/* no RENAME_EXCHANGE on this file system: move the old one aside first */
	char old[PATH_MAX + 16];
	snprintf(old, sizeof old, "%s.old-XXXXXX", d->final);
	if (!mkdtemp(old) || rename(d->final, old) != 0) {
		snprintf(msg, sizeof msg, "cannot replace the previous output: %s", strerror(errno));
		if (old[0])
			rmdir(old);
		return fail(d->final, msg);
	}
	if (rename(d->tmp, d->final) != 0) {
		snprintf(msg, sizeof msg, "cannot move the output into place: %s", strerror(errno));
		rename(old, d->final);    /* put the previous output back */
		return fail(d->final, msg);
	}
	remove_tree(old);
	d->tmp[0] = '\0';
	return EXIT_OK;
}

void batch_dir_abort(batch_dir *d)
{
	if (d->tmp[0])
		remove_tree(d->tmp);
	d->tmp[0] = '\0';
}
