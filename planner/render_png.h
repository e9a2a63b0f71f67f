/*
 * render_png.h: writes a cairo RGB24 image surface as a PNG through libpng, with the
 * row filter "none" and a fast zlib level: the same pixels as
 * cairo_surface_write_to_png, in a fraction of the time (cairo lets libpng try every
 * filter on every row) and in a file no larger for plan pages.
 */
#ifndef PLANNER_RENDER_PNG_H
#define PLANNER_RENDER_PNG_H

#include <cairo.h>

#include "render_out.h"

/* A CAIRO_FORMAT_RGB24 image surface for a picture to be written by render_png_write,
 * zeroed (black) like cairo_image_surface_create's, but with its pixels in a mapping of
 * their own aligned for the kernel's 2 MB pages (MADV_HUGEPAGE), so that a plan's 35 MB
 * picture is not faulted in 4 KB at a time.  Falls back to cairo's own surface; check
 * cairo_surface_status as for cairo's. */
cairo_surface_t *render_png_canvas(int width, int height);

/* Writes img (CAIRO_FORMAT_RGB24, flushed) to o as an 8-bit RGB PNG.  Returns
 * CAIRO_STATUS_SUCCESS, CAIRO_STATUS_WRITE_ERROR (o's sticky error is set),
 * CAIRO_STATUS_INVALID_FORMAT (another pixel format) or CAIRO_STATUS_NO_MEMORY. */
cairo_status_t render_png_write(cairo_surface_t *img, render_out *o);

/* The same in three steps, so that encoding overlaps painting: render_png_start(img)
 * before painting img (a helper thread waits for rows); render_png_ready(job, rows)
 * once rows [0, rows) are painted and will not change (the helper deflates them while
 * the caller paints on below); render_png_finish(job, o) once img is painted: the caller
 * deflates the rest with the helper, writes the PNG and frees job, whatever the result.
 * Nothing may draw on rows already said ready.  A NULL job (out of memory) is finished
 * with CAIRO_STATUS_NO_MEMORY.  render_png_cancel(job) frees a job without writing
 * (painting failed). */
typedef struct render_png_job render_png_job;
render_png_job *render_png_start(cairo_surface_t *img);
void render_png_ready(render_png_job *job, int rows);
cairo_status_t render_png_finish(render_png_job *job, render_out *o);
void render_png_cancel(render_png_job *job);

#endif
