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

#endif
