/*
 * test_render_png.c: the writer of render_png.c against cairo's own PNG writer: both
 * files of the same surface decode to the same pixels (a picture deflated in parts, a
 * short one in one piece, a stream spread over several IDAT chunks, a picture encoded
 * while it is still being painted on a render_png_canvas), the file is an 8-bit RGB
 * PNG, and other pixel formats are refused; the seed plan's PNG, zh and en, is no larger
 * than cairo's file of the same pixels (issue 13: "a file no larger").
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <png.h>

#include "commands.h"
#include "datapath.h"
#include "render_plan.h"
#include "render_png.h"

typedef struct bytes {
	unsigned char *data;
	size_t len;
} bytes;

static cairo_status_t to_bytes(void *closure, const unsigned char *data, unsigned int length)
{
	bytes *b = closure;
	unsigned char *grown = realloc(b->data, b->len + length);
	if (!grown)
		return CAIRO_STATUS_NO_MEMORY;
	memcpy(grown + b->len, data, length);
	b->data = grown;
	b->len += length;
	return CAIRO_STATUS_SUCCESS;
}

static bytes read_file(const char *path)
{
	bytes b = { NULL, 0 };
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	unsigned char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		assert_int_equal(to_bytes(&b, chunk, (unsigned int)n), CAIRO_STATUS_SUCCESS);
	fclose(f);
	return b;
}

/* Decodes a PNG held in memory to packed 8-bit RGB; width and height out. */
static unsigned char *decode(const bytes *png, png_uint_32 *w, png_uint_32 *h)
{
	png_image image;
	memset(&image, 0, sizeof image);
	image.version = PNG_IMAGE_VERSION;
	assert_true(png_image_begin_read_from_memory(&image, png->data, png->len));
	image.format = PNG_FORMAT_RGB;
	unsigned char *px = malloc(PNG_IMAGE_SIZE(image));
	assert_non_null(px);
	assert_true(png_image_finish_read(&image, NULL, px, 0, NULL));
	*w = image.width;
	*h = image.height;
	return px;
}

/* A surface with what a plan page holds: flat fills, antialiased lines, text. */
static cairo_surface_t *sample_surface(int w, int h)
{
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(img);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0.12, 0.35, 0.62);
	cairo_rectangle(cr, 10, 10, w / 2.0, h / 3.0);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0.9, 0.2, 0.1);
	cairo_set_line_width(cr, 1.7);
	cairo_move_to(cr, 0, h);
	cairo_curve_to(cr, w / 3.0, 0, w / 2.0, h, w, 0);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
	cairo_move_to(cr, 20, h - 20);
	cairo_set_font_size(cr, 18);
	cairo_show_text(cr, "Plan 2007Q2 +503");
	cairo_destroy(cr);
	cairo_surface_flush(img);
	return img;
}

/* Writes img with render_png_write (or finishes job, when not NULL) and with cairo,
 * decodes both and compares the pixels; the IDAT chunks of ours counted in *idat (when
 * not NULL). */
static void assert_same_pixels_job(cairo_surface_t *img, render_png_job *job, int *idat)
{
	int width = cairo_image_surface_get_width(img), height = cairo_image_surface_get_height(img);
	bytes ref = { NULL, 0 };
	assert_int_equal(cairo_surface_write_to_png_stream(img, to_bytes, &ref),
			 CAIRO_STATUS_SUCCESS);

	char path[] = "/tmp/test_render_png.XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	render_out *o = malloc(sizeof *o);
	diag err;
	assert_non_null(o);
	assert_int_equal(render_out_open(o, path, &err), EXIT_OK);
	assert_int_equal(job ? render_png_finish(job, o) : render_png_write(img, o),
			 CAIRO_STATUS_SUCCESS);
	assert_int_equal(render_out_commit(o, &err), EXIT_OK);
	free(o);
	bytes mine = read_file(path);
	unlink(path);

	/* 8-bit RGB, like cairo's file for an RGB24 surface */
	assert_true(mine.len > 33);
	assert_memory_equal(mine.data + 12, "IHDR", 4);
	assert_int_equal(mine.data[24], 8);
	assert_int_equal(mine.data[25], PNG_COLOR_TYPE_RGB);
	if (idat) {
		*idat = 0;
		for (size_t at = 8; at + 8 <= mine.len;) {
			size_t n = (size_t)mine.data[at] << 24 | (size_t)mine.data[at + 1] << 16 |
				   (size_t)mine.data[at + 2] << 8 | mine.data[at + 3];
			*idat += memcmp(mine.data + at + 4, "IDAT", 4) == 0;
			at += 12 + n;
		}
	}

	png_uint_32 rw, rh, mw, mh;
	unsigned char *a = decode(&ref, &rw, &rh);
	unsigned char *b = decode(&mine, &mw, &mh);
	assert_int_equal(rw, width);
	assert_int_equal(rh, height);
	assert_int_equal(mw, rw);
	assert_int_equal(mh, rh);
	assert_memory_equal(a, b, (size_t)rw * rh * 3);
	/* and the picture is not blank: the comparison compared something */
	int colours = 0;
	for (size_t i = 0; i + 2 < (size_t)rw * rh * 3; i += 3)
		colours += a[i] != a[0] || a[i + 1] != a[1] || a[i + 2] != a[2];
	assert_true(colours > 100);
	free(a);
	free(b);
	free(ref.data);
	free(mine.data);
}

static void pause_2ms(void)
{
	struct timespec t = { 0, 2000000 };
	nanosleep(&t, NULL);
}

static void assert_same_pixels(cairo_surface_t *img, int *idat)
{
	assert_same_pixels_job(img, NULL, idat);
}

static void test_same_pixels_as_cairo(void **state)
{
	(void)state;
	/* an odd width: rows whose byte length is not a multiple of 4; two halves */
	cairo_surface_t *img = sample_surface(301, 177);
	assert_same_pixels(img, NULL);
	cairo_surface_destroy(img);
}

/* A picture too short to be cut in two is deflated in one piece. */
static void test_short_picture(void **state)
{
	(void)state;
	cairo_surface_t *img = sample_surface(300, 40);
	assert_same_pixels(img, NULL);
	cairo_surface_destroy(img);
}

/* Noise does not compress: the stream of a 700 x 700 picture (1.4 MB) spans two IDAT
 * chunks, and the two halves joined still decode to the same pixels. */
static void test_stream_over_several_chunks(void **state)
{
	(void)state;
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 700, 700);
	unsigned char *px = cairo_image_surface_get_data(img);
	int stride = cairo_image_surface_get_stride(img);
	uint32_t seed = 12345;
	cairo_surface_flush(img);
	for (int y = 0; y < 700; y++)
		for (int x = 0; x < 700; x++) {
			seed = seed * 1664525u + 1013904223u;
			((uint32_t *)(px + (size_t)y * (size_t)stride))[x] = seed >> 8;
		}
	cairo_surface_mark_dirty(img);
	int idat = 0;
	assert_same_pixels(img, &idat);
	assert_true(idat >= 2);
	cairo_surface_destroy(img);
}

/* As a plan's picture is made: bands of a canvas painted one after another, each said
 * ready while the next is painted, so that the helper deflates the top ones meanwhile. */
static void test_encoded_while_painted(void **state)
{
	(void)state;
	const int w = 333, h = 1200, bands = 5;
	cairo_surface_t *img = render_png_canvas(w, h);
	assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
	render_png_job *job = render_png_start(img);
	assert_non_null(job);
	cairo_t *cr = cairo_create(img);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	for (int b = 0; b < bands; b++) {
		int top = h * b / bands, bottom = h * (b + 1) / bands;
		cairo_save(cr);
		cairo_rectangle(cr, 0, top, w, bottom - top);   /* this band only */
		cairo_clip(cr);
		cairo_set_source_rgb(cr, 0.1 * b, 0.35, 0.62);
		cairo_rectangle(cr, 10 + 7 * b, top + 5, w / 2.0, (bottom - top) / 3.0);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0.9, 0.2, 0.1);
		cairo_set_line_width(cr, 1.3 + b);
		cairo_move_to(cr, 0, bottom);
		cairo_curve_to(cr, w / 3.0, top, w / 2.0, bottom, w, top);
		cairo_stroke(cr);
		cairo_restore(cr);
		cairo_surface_flush(img);
		render_png_ready(job, bottom);
		pause_2ms();   /* the helper's turn */
	}
	cairo_destroy(cr);
	assert_same_pixels_job(img, job, NULL);
	cairo_surface_destroy(img);
}

/* A job cancelled (painting failed) frees its parts and its helper, writes nothing. */
static void test_cancelled_job(void **state)
{
	(void)state;
	cairo_surface_t *img = render_png_canvas(200, 900);
	render_png_job *job = render_png_start(img);
	assert_non_null(job);
	render_png_ready(job, 300);     /* the helper has started on the top */
	pause_2ms();
	render_png_cancel(job);          /* ASan and valgrind see what is left */
	render_png_cancel(NULL);
	cairo_surface_destroy(img);
	/* and a NULL job, the start's out-of-memory answer, is finished as such */
	render_out *o = calloc(1, sizeof *o);
	assert_non_null(o);
	o->out.fd = -1;
	render_png_ready(NULL, 10);
	assert_int_equal(render_png_finish(NULL, o), CAIRO_STATUS_NO_MEMORY);
	assert_int_equal(o->out.len, 0);
	free(o);
}

/* The Wen Qi plan as `planner plan --format png` writes it, in lang: its file no larger
 * than cairo_surface_write_to_png's of the same pixels. */
static void assert_seed_plan_no_larger(const char *lang)
{
	char dir[4096], path[] = "/tmp/test_render_png_plan.XXXXXX";
	tmpl_set *t;
	store_context ctx;
	context_options copt = { .config = CLASSIFY_DEFAULT };
	diag err;

	assert_int_equal(render_plan_load(datapath_file("templates", dir, sizeof dir), lang, &t,
					  &err), EXIT_OK);
	assert_int_equal(context_load(&ctx, "samples/wenqi.xml", "samples/yancheng.xml", &copt),
			 EXIT_OK);
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	plan_input in = { .store = ctx.store, .ev = &ctx.ev, .ps = &ctx.stats,
			  .region = &ctx.region, .peer_area_median = NAN,
			  .format = RENDER_FORMAT_PNG };
	assert_int_equal(render_plan_write(t, &in, path, &err), EXIT_OK);
	bytes mine = read_file(path);
	unlink(path);
	context_free(&ctx);
	tmpl_free(t);

	png_uint_32 w, h;
	unsigned char *px = decode(&mine, &w, &h);
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)h);
	unsigned char *row = cairo_image_surface_get_data(img);
	int stride = cairo_image_surface_get_stride(img);
	for (png_uint_32 y = 0; y < h; y++)
		for (png_uint_32 x = 0; x < w; x++) {
			const unsigned char *p = px + ((size_t)y * w + x) * 3;
			uint32_t v = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
			memcpy(row + (size_t)y * (size_t)stride + x * 4, &v, 4);
		}
	cairo_surface_mark_dirty(img);
	bytes ref = { NULL, 0 };
	assert_int_equal(cairo_surface_write_to_png_stream(img, to_bytes, &ref),
			 CAIRO_STATUS_SUCCESS);
	assert_true(h > 3000);   /* the whole plan: 3 or 4 pages */
	if (mine.len > ref.len)
		fail_msg("%s plan: %zu bytes against cairo's %zu", lang, mine.len, ref.len);
	cairo_surface_destroy(img);
	free(px);
	free(mine.data);
	free(ref.data);
}

static void test_seed_plans_no_larger(void **state)
{
	(void)state;
	setenv("PLANNER_DATADIR", ".", 0);   /* the tests run in the source tree */
	assert_seed_plan_no_larger("zh");
	assert_seed_plan_no_larger("en");
	render_texts_release();
}

static void test_other_formats_refused(void **state)
{
	(void)state;
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_A8, 8, 8);
	render_out *o = calloc(1, sizeof *o);
	assert_non_null(o);
	o->out.fd = -1;
	assert_int_equal(render_png_write(img, o), CAIRO_STATUS_INVALID_FORMAT);
	assert_int_equal(o->out.len, 0);
	free(o);
	cairo_surface_destroy(img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_pixels_as_cairo),
		cmocka_unit_test(test_short_picture),
		cmocka_unit_test(test_stream_over_several_chunks),
		cmocka_unit_test(test_encoded_while_painted),
		cmocka_unit_test(test_cancelled_job),
		cmocka_unit_test(test_other_formats_refused),
		cmocka_unit_test(test_seed_plans_no_larger),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
