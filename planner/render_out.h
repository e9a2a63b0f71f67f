/*
 * render_out.h: an output file written atomically, with a sticky error.  Bytes go to
 * a temporary file next to the target (mkstemp); commit flushes, fsyncs and renames
 * it into place; any failure removes the temporary, so no half-written file is ever
 * left.  The first write error is remembered and later writes do nothing (as cairo's
 * own status works), so drawing code stays linear and the caller checks once.
 * A target that exists and is not a regular file (a device such as /dev/full, a
 * pipe) is written directly, and so is standard output ("-", "/dev/stdout"), as a
 * stream.  A symlink is followed (its target is replaced, the link stays).  The new
 * file gets the mode of the file it replaces, else 0666 less the umask.  The temporary
 * is registered with cleanup.h, so a signal removes it.
 */
#ifndef PLANNER_RENDER_OUT_H
#define PLANNER_RENDER_OUT_H

#include <limits.h>
#include <stddef.h>

#include <cairo.h>

#include "model.h"
#include "out_buf.h"

typedef struct render_out {
	char path[PATH_MAX];     /* the final name (a symlink's target) */
	char tmp[PATH_MAX];      /* the temporary, "" when writing directly */
	out_buf out;             /* fd, buffer, first errno (0 while all is well) */
	int slot;                /* the temporary's cleanup.h slot, -1 when none */
} render_out;

/* path names standard output: "-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1". */
int render_out_is_stdout(const char *path);
/* Creates the temporary.  EXIT_OK, or EXIT_CANTCREAT with *err naming path and why. */
int render_out_open(render_out *o, const char *path, diag *err);
void render_out_write(render_out *o, const void *data, size_t n);
/* A cairo_write_func_t writing to the render_out given as closure. */
cairo_status_t render_out_cairo(void *closure, const unsigned char *data, unsigned int length);
/* Flushes, fsyncs, closes and renames.  EXIT_OK, EXIT_IOERR (a write failed) or
 * EXIT_CANTCREAT (the rename failed); on failure the temporary is removed. */
int render_out_commit(render_out *o, diag *err);
/* Gives up: closes and removes the temporary. */
void render_out_abort(render_out *o);

#endif
