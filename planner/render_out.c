/*
 * render_out.c: atomic output files with a sticky write error (see render_out.h).
 */
#define _XOPEN_SOURCE 700   /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanup.h"
#include "messages.h"
#include "render_out.h"

/* The directory part of path ("." when none) into dir. */
static void dir_of(const char *path, char *dir, size_t size)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(dir, size, ".");
	else if (slash == path)
		snprintf(dir, size, "/");
	else
		snprintf(dir, size, "%.*s", (int)(slash - path), path);
}

int render_out_is_stdout(const char *path)
{
	return strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0 ||
	       strcmp(path, "/dev/fd/1") == 0 || strcmp(path, "/proc/self/fd/1") == 0;
}

/* The mode of the new file: an existing file's own, else 0666 less the umask (a plan
 * is a document to share, not a program).  *owner tells to give it the old owner. */
static mode_t mode_for(const char *path, struct stat *old, int *owner)
{
	*owner = 0;
	if (stat(path, old) == 0 && S_ISREG(old->st_mode)) {
		*owner = old->st_uid != geteuid() || old->st_gid != getegid();
		return old->st_mode & 0777;
	}
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

int render_out_open(render_out *o, const char *path, diag *err)
{
	struct stat st;
	char real[PATH_MAX];

	out_buf_init(&o->out, -1);
	o->tmp[0] = '\0';
	o->slot = -1;
	if (render_out_is_stdout(path)) {
		/* a stream: never a rename over whatever stdout is (a file opened with >>) */
		messages_format(o->path, sizeof o->path, "out.stdout", NULL);
		o->out.fd = dup(STDOUT_FILENO);
		if (o->out.fd < 0) {
			diag_msg(err, EXIT_CANTCREAT, o->path, 0, NULL, NULL, "out.cannot-write",
				 "error", strerror(errno), NULL);
			return EXIT_CANTCREAT;
		}
		return EXIT_OK;
	}
	/* write through a symlink to its target instead of replacing the link */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (!realpath(path, real)) {
			diag_msg(err, EXIT_CANTCREAT, path, 0, NULL, NULL, "out.bad-link", "error",
				 strerror(errno), NULL);
			return EXIT_CANTCREAT;
		}
		path = real;
	}
	if (strlen(path) + 16 >= sizeof o->path) {
		diag_msg(err, EXIT_CANTCREAT, path, 0, NULL, NULL, "out.name-too-long", NULL);
		return EXIT_CANTCREAT;
	}
	snprintf(o->path, sizeof o->path, "%s", path);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		diag_msg(err, EXIT_CANTCREAT, path, 0, NULL, NULL, "out.is-directory", NULL);
		return EXIT_CANTCREAT;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		o->out.fd = open(path, O_WRONLY | O_CLOEXEC);
		if (o->out.fd < 0) {
			diag_msg(err, EXIT_CANTCREAT, path, 0, NULL, NULL, "out.cannot-open", "error",
				 strerror(errno), NULL);
			return EXIT_CANTCREAT;
		}
		return EXIT_OK;
	}
	char dir[PATH_MAX];
	const char *base = strrchr(path, '/');
	dir_of(path, dir, sizeof dir);
	base = base ? base + 1 : path;
	int len = snprintf(o->tmp, sizeof o->tmp, "%s/.%s.XXXXXX", dir, base);
	if (len < 0 || (size_t)len >= sizeof o->tmp) {
		o->tmp[0] = '\0';
		diag_msg(err, EXIT_CANTCREAT, path, 0, NULL, NULL, "out.name-too-long", NULL);
		return EXIT_CANTCREAT;
	}
	int owner;
	mode_t mode = mode_for(path, &st, &owner);
	o->out.fd = cleanup_mkstemp(o->tmp, &o->slot);
	if (o->out.fd < 0) {
		diag_msg(err, EXIT_CANTCREAT, path, 0, NULL, NULL, "out.cannot-create", "error",
			 strerror(errno), NULL);
		o->tmp[0] = '\0';
		return EXIT_CANTCREAT;
	}
	/* mkstemp makes 0600 */
	if (fchmod(o->out.fd, mode) != 0)
		o->out.err = errno;
	if (owner && fchown(o->out.fd, st.st_uid, st.st_gid) != 0) {
		/* not allowed to give it away: the replacement belongs to the writer */
	}
	return EXIT_OK;
}

void render_out_write(render_out *o, const void *data, size_t n)
{
	out_buf_write(&o->out, data, n);
}

cairo_status_t render_out_cairo(void *closure, const unsigned char *data, unsigned int length)
{
	render_out *o = closure;

	render_out_write(o, data, length);
	return o->out.err ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

void render_out_abort(render_out *o)
{
	if (o->out.fd >= 0)
		close(o->out.fd);
	o->out.fd = -1;
	if (o->tmp[0])
		unlink(o->tmp);
	cleanup_forget(o->slot);
	o->slot = -1;
	o->tmp[0] = '\0';
}

static void sync_dir(const char *path)
{
	char dir[PATH_MAX];
	dir_of(path, dir, sizeof dir);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);   /* best effort: the rename itself has happened */
		close(fd);
	}
}

int render_out_commit(render_out *o, diag *err)
{
	out_buf_flush(&o->out);
	if (!o->out.err && fsync(o->out.fd) != 0 && o->tmp[0])
		o->out.err = errno;   /* devices and pipes cannot fsync: not an error there */
	if (close(o->out.fd) != 0 && !o->out.err)
		o->out.err = errno;
	o->out.fd = -1;
	if (o->out.err) {
		diag_msg(err, EXIT_IOERR, o->path, 0, NULL, NULL, "out.write-error", "error",
			 strerror(o->out.err), NULL);
		render_out_abort(o);
		return EXIT_IOERR;
	}
	if (o->tmp[0] && rename(o->tmp, o->path) != 0) {
		diag_msg(err, EXIT_CANTCREAT, o->path, 0, NULL, NULL, "out.cannot-create", "error",
			 strerror(errno), NULL);
		render_out_abort(o);
		return EXIT_CANTCREAT;
	}
	cleanup_forget(o->slot);
	o->slot = -1;
	if (o->tmp[0])
		sync_dir(o->path);
	o->tmp[0] = '\0';
	return EXIT_OK;
}
