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

int render_out_open(render_out *o, const char *path, diag *err)
{
	struct stat st;
	char real[PATH_MAX];

	out_buf_init(&o->out, -1);
	o->tmp[0] = '\0';
	/* write through a symlink to its target instead of replacing the link */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && realpath(path, real))
		path = real;
	if (strlen(path) + 16 >= sizeof o->path) {
		diag_set(err, EXIT_CANTCREAT, path, 0, NULL, NULL, "cannot create: name too long");
		return EXIT_CANTCREAT;
	}
	snprintf(o->path, sizeof o->path, "%s", path);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		diag_set(err, EXIT_CANTCREAT, path, 0, NULL, NULL, "cannot create: is a directory");
		return EXIT_CANTCREAT;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		o->out.fd = open(path, O_WRONLY | O_CLOEXEC);
		if (o->out.fd < 0) {
			diag_set(err, EXIT_CANTCREAT, path, 0, NULL, NULL, "cannot open: %s",
				 strerror(errno));
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
		diag_set(err, EXIT_CANTCREAT, path, 0, NULL, NULL, "cannot create: name too long");
		return EXIT_CANTCREAT;
	}
	o->out.fd = mkstemp(o->tmp);
	if (o->out.fd < 0) {
		diag_set(err, EXIT_CANTCREAT, path, 0, NULL, NULL, "cannot create: %s",
			 strerror(errno));
		o->tmp[0] = '\0';
		return EXIT_CANTCREAT;
	}
	/* mkstemp makes 0600; a plan is a document to share */
	if (fchmod(o->out.fd, 0644) != 0)
		o->out.err = errno;
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
		diag_set(err, EXIT_IOERR, o->path, 0, NULL, NULL, "write error: %s",
			 strerror(o->out.err));
		render_out_abort(o);
		return EXIT_IOERR;
	}
	if (o->tmp[0] && rename(o->tmp, o->path) != 0) {
		diag_set(err, EXIT_CANTCREAT, o->path, 0, NULL, NULL, "cannot create: %s",
			 strerror(errno));
		render_out_abort(o);
		return EXIT_CANTCREAT;
	}
	if (o->tmp[0])
		sync_dir(o->path);
	o->tmp[0] = '\0';
	return EXIT_OK;
}
