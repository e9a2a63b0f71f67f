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
#include "cleanup.h"
#include "messages.h"
#include "model.h"
#include "report.h"

/* Every file batch writes into DIR (and plans/ID.pdf): --force replaces a directory
 * holding nothing else.  The first two mark a directory as a previous batch output. */
static const char *const batch_files[] = { "reclassification.csv", "summary.json",
	"candidates.csv", "downgrades.csv", "transitions.csv", "summary.pdf",
	"reclassification.xlsx", "plans.pdf", "followup.csv" };
#define BATCH_MARKS 2

/* What a directory holds, as far as batch is concerned. */
typedef struct dir_scan {
	int entries;
	int marks;               /* of the BATCH_MARKS files, how many */
	char foreign[NAME_MAX + 64];   /* the first entry batch does not write, "" when none */
} dir_scan;

static int is_input(const batch_dir *d, const struct stat *st)
{
	return d->has_input && st->st_dev == d->input_dev && st->st_ino == d->input_ino;
}

/* The first entry batch does not write: prefix, name and tail ("/" for a directory),
 * worded by key (an out.foreign.* message) when there is one. */
static void name_foreign(dir_scan *sc, const char *prefix, const char *name, const char *tail,
			 const char *key)
{
	char whole[sizeof sc->foreign];

	if (sc->foreign[0])
		return;
	snprintf(whole, sizeof whole, "%s%s%s", prefix, name, tail);
	if (key)
		messages_format(sc->foreign, sizeof sc->foreign, key, "name", whole, NULL);
	else
		snprintf(sc->foreign, sizeof sc->foreign, "%s", whole);
}

/* plans/: plan files only (ID.pdf, regular files). */
static void scan_plans(int dirfd, const batch_dir *d, dir_scan *sc)
{
	int fd = openat(dirfd, "plans", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;
	struct stat st;

	if (!dir) {
		if (fd >= 0)
			close(fd);
		name_foreign(sc, "", "plans/", "", "out.foreign.unreadable");
		return;
	}
	while ((de = readdir(dir))) {
		size_t n = strlen(de->d_name);
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
		    de->d_name[0] == '.' || n < 5 || strcmp(de->d_name + n - 4, ".pdf") != 0)
			name_foreign(sc, "plans/", de->d_name, "", NULL);
		else if (is_input(d, &st))
			name_foreign(sc, "plans/", de->d_name, "", "out.foreign.input");
	}
	closedir(dir);
}

/* Lists path: 0, or -1 with errno when it cannot be read. */
static int scan_dir(const char *path, const batch_dir *d, dir_scan *sc)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;
	struct stat st;

	memset(sc, 0, sizeof *sc);
	if (!dir) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		errno = e;
		return -1;
	}
	while ((de = readdir(dir))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		sc->entries++;
		if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			name_foreign(sc, "", de->d_name, "", NULL);
			continue;
		}
		if (S_ISDIR(st.st_mode) && strcmp(de->d_name, "plans") == 0) {
			scan_plans(fd, d, sc);
			continue;
		}
		size_t i = 0, n = sizeof batch_files / sizeof batch_files[0];
		while (i < n && strcmp(de->d_name, batch_files[i]) != 0)
			i++;
		if (i == n || !S_ISREG(st.st_mode))
			name_foreign(sc, "", de->d_name, S_ISDIR(st.st_mode) ? "/" : "", NULL);
		else if (is_input(d, &st))
			name_foreign(sc, "", de->d_name, "", "out.foreign.input");
		else if (i < BATCH_MARKS)
			sc->marks++;
	}
	closedir(dir);
	return 0;
}

/* The output directory path cannot be used: key (an out.dir.* message with {dir}) and
 * one argument, or none when name is NULL. */
static int fail(const char *path, const char *key, const char *name, const char *value)
{
	report_msg("batch", key, "dir", path, name, value, NULL);
	return EXIT_CANTCREAT;
}

int batch_dir_begin(batch_dir *d, const char *out, int force, const struct stat *input)
{
	struct stat st;
	size_t n = strlen(out);
	dir_scan sc;

	memset(d, 0, sizeof *d);
	d->slot = -1;
	if (input) {
		d->has_input = 1;
		d->input_dev = input->st_dev;
		d->input_ino = input->st_ino;
	}
	while (n > 1 && out[n - 1] == '/')
		n--;
	if (n == 0 || n + sizeof ".tmp-XXXXXX" > sizeof d->final)
		return fail(out, "out.dir.bad-name", NULL, NULL);
	memcpy(d->final, out, n);
	d->final[n] = '\0';
	const char *base = strrchr(d->final, '/');
	base = base ? base + 1 : d->final;
	if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0 || strcmp(d->final, "/") == 0)
		return fail(d->final, "out.dir.dots", NULL, NULL);

	if (lstat(d->final, &st) == 0) {
		if (S_ISLNK(st.st_mode))
			return fail(d->final, "out.dir.symlink", NULL, NULL);
		if (!S_ISDIR(st.st_mode))
			return fail(d->final, "out.dir.not-dir", NULL, NULL);
		if (scan_dir(d->final, d, &sc) != 0)
			return fail(d->final, "out.dir.error", "error", strerror(errno));
		if (sc.marks == BATCH_MARKS && sc.foreign[0])
			return fail(d->final, "out.dir.foreign", "what", sc.foreign);
		if (sc.entries > 0 && sc.marks < BATCH_MARKS)
			return fail(d->final, sc.foreign[0] ? "out.dir.not-batch"
				    : "out.dir.not-batch.partial", "what", sc.foreign);
		if (sc.entries > 0 && !force)
			return fail(d->final, "out.dir.exists", NULL, NULL);
		d->was_empty = sc.entries == 0;
		d->dev = st.st_dev;
		d->ino = st.st_ino;
		d->exists = 1;
	} else if (errno != ENOENT) {
		return fail(d->final, "out.dir.error", "error", strerror(errno));
	}

	snprintf(d->tmp, sizeof d->tmp, "%s.tmp-XXXXXX", d->final);
	if (!cleanup_mkdtemp(d->tmp, &d->slot)) {
		int e = errno;
		d->tmp[0] = '\0';
		if (e == ENOENT) {
			/* the usual cause: a parent that does not exist (it is not made for you) */
			char parent[PATH_MAX];
			snprintf(parent, sizeof parent, "%s", d->final);
			char *slash = strrchr(parent, '/');
			if (slash)
				*slash = '\0';
			return fail(d->final, "out.dir.no-parent", "parent", slash ? parent : ".");
		}
		return fail(d->final, "out.dir.cannot-create", "error", strerror(e));
	}
	/* mkdtemp makes it 0700; the result should have the usual permissions */
	mode_t mask = umask(0);
	umask(mask);
	if (chmod(d->tmp, 0777 & ~mask) != 0)
		report_msg("batch", "out.dir.owner-only", "dir", d->tmp, "error", strerror(errno),
			   NULL);
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

/* Removes path and all it holds; says so on stderr (key, an out.dir.left.* message)
 * when some of it stays. */
static void remove_tree(const char *path, const char *key)
{
	struct stat st;

	nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	if (lstat(path, &st) == 0)
		report_msg("batch", key, "dir", path, NULL);
}

/* Plans whose worker was killed half-way leave their temporary (plans/.ID.pdf.XXXXXX,
 * render_out.h): never part of a committed DIR. */
static void drop_partial_plans(const batch_dir *d)
{
	char path[PATH_MAX + 32];
	snprintf(path, sizeof path, "%s/plans", d->tmp);
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;

	if (!dir) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((de = readdir(dir)))
		if (de->d_name[0] == '.' && strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			unlinkat(fd, de->d_name, 0);
	closedir(dir);
}

/* The commit is refused: the finished output stays in DIR.tmp-XXXXXX, and says so. */
static int refuse_kept(batch_dir *d, const char *why)
{
	report_msg("batch", "out.dir.kept", "dir", d->final, "why", why, "kept", d->tmp, NULL);
	cleanup_forget(d->slot);
	d->slot = -1;
	d->tmp[0] = '\0';
	return EXIT_CANTCREAT;
}

static void committed(batch_dir *d)
{
	cleanup_forget(d->slot);
	d->slot = -1;
	d->tmp[0] = '\0';
}

/* tmp becomes DIR, which must not exist (renameat2 RENAME_NOREPLACE: atomic, so a DIR
 * that appeared since the check is never replaced). */
static int move_into_place(batch_dir *d)
{
	char msg[PATH_MAX + 64];
	struct stat st;

	if (renameat2(AT_FDCWD, d->tmp, AT_FDCWD, d->final, RENAME_NOREPLACE) == 0) {
		committed(d);
		return EXIT_OK;
	}
	if (errno == EEXIST || errno == ENOTEMPTY)
		return refuse_kept(d, messages_format(msg, sizeof msg, "out.why.appeared", NULL));
	if (errno == EINVAL && lstat(d->final, &st) != 0 && errno == ENOENT &&
	    rename(d->tmp, d->final) == 0) {    /* a file system without RENAME_NOREPLACE */
		committed(d);
		return EXIT_OK;
	}
	messages_format(msg, sizeof msg, "out.why.cannot-move", "error", strerror(errno), NULL);
	return refuse_kept(d, msg);
}

/* DIR is still the directory that was checked at the start, holding only what was
 * allowed there: else the commit is refused. */
static int recheck(batch_dir *d, const char *path, char *why, size_t size)
{
	struct stat st;
	dir_scan sc;

	if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_dev != d->dev ||
	    st.st_ino != d->ino) {
		messages_format(why, size, "out.why.replaced", NULL);
		return -1;
	}
	if (scan_dir(path, d, &sc) != 0 || sc.foreign[0] ||
	    (sc.entries > 0 && (d->was_empty || sc.marks < BATCH_MARKS))) {
		messages_format(why, size, sc.foreign[0] ? "out.why.new-content"
				: "out.why.new-content.files", "what", sc.foreign, NULL);
		return -1;
	}
	return 0;
}

int batch_dir_commit(batch_dir *d)
{
	char why[NAME_MAX + 512];

	drop_partial_plans(d);
	if (!d->exists)
		return move_into_place(d);
	if (recheck(d, d->final, why, sizeof why) != 0)
		return refuse_kept(d, why);
	if (d->was_empty) {
		if (rmdir(d->final) != 0)
			return refuse_kept(d, messages_format(why, sizeof why,
							      "out.why.new-content.bare", NULL));
		return move_into_place(d);
	}
	/* a previous output: swap atomically, check what was swapped out, then remove it */
	if (renameat2(AT_FDCWD, d->tmp, AT_FDCWD, d->final, RENAME_EXCHANGE) == 0) {
		if (recheck(d, d->tmp, why, sizeof why) != 0) {
			/* changed between the check and the swap: swap back */
			if (renameat2(AT_FDCWD, d->tmp, AT_FDCWD, d->final, RENAME_EXCHANGE) == 0)
				return refuse_kept(d, why);
			report_msg("batch", "out.dir.swapped", "dir", d->final, "why", why, "old",
				   d->tmp, NULL);
			committed(d);
			return EXIT_CANTCREAT;
		}
		remove_tree(d->tmp, "out.dir.left.previous");
		committed(d);
		return EXIT_OK;
	}
	if (errno != EINVAL) {
		messages_format(why, sizeof why, "out.why.cannot-replace", "error", strerror(errno),
				NULL);
		return refuse_kept(d, why);
	}
	/* no RENAME_EXCHANGE on this file system: move the old one aside first */
	char old[PATH_MAX + 16];
	snprintf(old, sizeof old, "%s.old-XXXXXX", d->final);
	if (!mkdtemp(old) || rename(d->final, old) != 0) {
		messages_format(why, sizeof why, "out.why.cannot-replace", "error", strerror(errno),
				NULL);
		if (old[0])
			rmdir(old);
		return refuse_kept(d, why);
	}
	if (rename(d->tmp, d->final) != 0) {
		messages_format(why, sizeof why, "out.why.cannot-move", "error", strerror(errno),
				NULL);
		if (rename(old, d->final) != 0)    /* put the previous output back */
			report_msg("batch", "out.dir.previous-moved", "dir", d->final, "old", old,
				   "error", strerror(errno), NULL);
		return refuse_kept(d, why);
	}
	remove_tree(old, "out.dir.left.previous");
	committed(d);
	return EXIT_OK;
}

void batch_dir_abort(batch_dir *d)
{
	if (d->tmp[0])
		remove_tree(d->tmp, "out.dir.left.unfinished");
	committed(d);
}
