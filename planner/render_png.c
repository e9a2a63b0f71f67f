/*
 * render_png.c: an RGB24 cairo surface to PNG, filter none, zlib level 3 (see
 * render_png.h).  libpng writes the chunks around the picture; the picture's zlib
 * stream is deflated in parts by two threads at once, as pigz does: each part is a raw
 * deflate stream of its rows, made into scanlines and deflated a block at a time (a
 * later part primed with the last 32 KB of scanlines before it, so it compresses as
 * well as one stream would), every part but the last ended by a sync flush on a byte
 * boundary, all joined under one zlib header and one Adler-32 of the whole (each
 * part's summed by libdeflate, several times faster than zlib's, and combined by
 * zlib).  Any PNG decoder reads it as one stream.  The helper thread starts on the top
 * parts while the caller still paints the lower pages (render_png_ready); the caller
 * then deflates from the bottom up until the two meet.
 */
#define _GNU_SOURCE      /* MADV_HUGEPAGE */
#include <png.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <libdeflate.h>
#include <zlib.h>

#include "render_png.h"

/* zlib level 3 with filter none: measured on plan pages, smaller than cairo's level 6
 * with every filter tried (level 2 was not on the en plan's 4 pages: 646,774 bytes of
 * stream against cairo's 639,000 bytes of file; level 3 630,355), and about six times
 * faster.  Filters sub and up made the stream 20-25 % larger. */
#define RENDER_PNG_ZLIB_LEVEL 3
#define RENDER_PNG_PARTS 8            /* parts of the stream, taken by two threads */
#define RENDER_PNG_PART_ROWS 64       /* rows of a part at least: a short picture is one */
#define RENDER_PNG_WINDOW 32768       /* deflate's window: the dictionary of a later part */
#define RENDER_PNG_IDAT_MAX (1 << 20) /* bytes of the stream in one IDAT chunk */
#define RENDER_PNG_BLOCK 65536        /* scanline bytes made and deflated at a time */

#define RENDER_PNG_HUGE_PAGE (2u << 20)   /* the picture's pixels are aligned to this */

/* ---- the canvas ---------------------------------------------------------------------- */

/* The pixels of a canvas: a mapping of their own, given back when the surface goes. */
typedef struct canvas_map {
	void *start;
	size_t len;
} canvas_map;

static const cairo_user_data_key_t canvas_key;

static void canvas_unmap(void *arg)
{
	canvas_map *m = arg;

	munmap(m->start, m->len);
	free(m);
}

cairo_surface_t *render_png_canvas(int width, int height)
{
	int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, width);

	if (stride <= 0 || height <= 0)    /* cairo's own surface, and its error */
		return cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
	size_t bytes = (size_t)stride * (size_t)height;
	canvas_map *m = malloc(sizeof *m);
	if (!m)
		return cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
	m->len = bytes + RENDER_PNG_HUGE_PAGE;
	m->start = mmap(NULL, m->len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m->start == MAP_FAILED) {
		free(m);
		return cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
	}
	uintptr_t at = ((uintptr_t)m->start + RENDER_PNG_HUGE_PAGE - 1) &
		       ~(uintptr_t)(RENDER_PNG_HUGE_PAGE - 1);
	unsigned char *data = (unsigned char *)at;
#ifdef MADV_HUGEPAGE
	madvise(data, bytes, MADV_HUGEPAGE);   /* a hint: without it, 4 KB pages */
#endif
	cairo_surface_t *img = cairo_image_surface_create_for_data(data, CAIRO_FORMAT_RGB24,
								   width, height, stride);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS ||
	    cairo_surface_set_user_data(img, &canvas_key, m, canvas_unmap) !=
		    CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		canvas_unmap(m);
		return cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
	}
	return img;
}

/* ---- the encoder --------------------------------------------------------------------- */

/* One part of the picture, rows [from, to): their PNG scanlines (a filter byte 0,
 * then R, G, B per pixel) made a block of rows at a time, each block summed into the
 * Adler-32 and deflated while it is in the cache; raw deflate output into out. */
typedef struct png_part {
	const unsigned char *pixels;
	int width, stride, from, to, last;
	unsigned char *out;
	size_t out_len;
	size_t raw_len;           /* scanline bytes of the part */
	uLong adler;
	int failed;
} png_part;

/* Rows [from, to) as scanlines into d; a pixel is one native-endian uint32 0x00RRGGBB. */
static size_t scanlines(const png_part *p, int from, int to, unsigned char *d)
{
	unsigned char *start = d;

	for (int y = from; y < to; y++) {
		const uint32_t *s = (const uint32_t *)(p->pixels + (size_t)y * (size_t)p->stride);
		*d++ = 0;   /* filter: none */
		for (int x = 0; x < p->width; x++) {
			uint32_t v = s[x];
			d[0] = (unsigned char)(v >> 16);
			d[1] = (unsigned char)(v >> 8);
			d[2] = (unsigned char)v;
			d += 3;
		}
	}
	return (size_t)(d - start);
}

/* The dictionary of a later part: the last 32 KB of scanlines before its first row. */
static int prime(png_part *p, z_stream *z, size_t row)
{
	int rows = (int)((RENDER_PNG_WINDOW + row - 1) / row);
	int from = p->from - rows < 0 ? 0 : p->from - rows;
	unsigned char *dict = malloc(row * (size_t)(p->from - from));

	if (!dict)
		return -1;
	size_t n = scanlines(p, from, p->from, dict);
	size_t take = n < RENDER_PNG_WINDOW ? n : RENDER_PNG_WINDOW;
	int rc = deflateSetDictionary(z, dict + n - take, (uInt)take);
	free(dict);
	return rc == Z_OK ? 0 : -1;
}

static void *part_deflate(void *arg)
{
	png_part *p = arg;
	size_t row = 1 + (size_t)p->width * 3;
	int block_rows = (int)(RENDER_PNG_BLOCK / row) > 0 ? (int)(RENDER_PNG_BLOCK / row) : 1;
	unsigned char *block = malloc(row * (size_t)block_rows);
	z_stream z;

	memset(&z, 0, sizeof z);
	p->raw_len = row * (size_t)(p->to - p->from);
	p->adler = adler32(0, NULL, 0);
	if (!block ||
	    deflateInit2(&z, RENDER_PNG_ZLIB_LEVEL, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
		free(block);
		p->failed = 1;
		return NULL;
	}
	size_t cap = deflateBound(&z, (uLong)p->raw_len) + 16;   /* and a sync flush's bytes */
	if (!(p->out = malloc(cap)) || (p->from > 0 && prime(p, &z, row) < 0)) {
		deflateEnd(&z);
		free(block);
		p->failed = 1;
		return NULL;
	}
	z.next_out = p->out;
	z.avail_out = (uInt)cap;
	for (int y = p->from; y < p->to && !p->failed; y += block_rows) {
		int end = y + block_rows < p->to ? y + block_rows : p->to;
		size_t n = scanlines(p, y, end, block);
		p->adler = libdeflate_adler32((uint32_t)p->adler, block, n);
		z.next_in = block;
		z.avail_in = (uInt)n;
		if (deflate(&z, Z_NO_FLUSH) != Z_OK || z.avail_in != 0)
			p->failed = 1;
	}
	int ended = p->failed ? Z_STREAM_ERROR : deflate(&z, p->last ? Z_FINISH : Z_SYNC_FLUSH);
	if (ended != (p->last ? Z_STREAM_END : Z_OK))
		p->failed = 1;
	p->out_len = cap - z.avail_out;
	deflateEnd(&z);
	free(block);
	return NULL;
}

static void png_out(png_structp png, png_bytep data, size_t length)
{
	render_out *o = png_get_io_ptr(png);

	render_out_write(o, data, length);
	if (o->out.err)
		png_error(png, "write error");
}

static void png_flush_nothing(png_structp png)
{
	(void)png;
}

/* libpng reports errors through png_error (longjmp to the setjmp below); the message
 * adds nothing to the status the caller gets. */
static void png_quiet(png_structp png, png_const_charp message)
{
	(void)message;
	png_longjmp(png, 1);
}

static void png_no_warning(png_structp png, png_const_charp message)
{
	(void)png;
	(void)message;
}

/* A picture being encoded: its parts, which rows are painted, which parts are taken. */
struct render_png_job {
	cairo_surface_t *img;
	png_part parts[RENDER_PNG_PARTS];
	int n;
	pthread_mutex_t lock;
	pthread_cond_t painted;
	int ready;           /* rows [0, ready) are final */
	int front, back;     /* parts [front, back) are not taken yet */
	pthread_t helper;
	int helper_started;
};

/* The first part not taken once its rows are final (the helper's); NULL when none is
 * left. */
static png_part *take_front(render_png_job *j)
{
	png_part *p = NULL;

	pthread_mutex_lock(&j->lock);
	while (j->front < j->back && j->parts[j->front].to > j->ready)
		pthread_cond_wait(&j->painted, &j->lock);
	if (j->front < j->back)
		p = &j->parts[j->front++];
	pthread_mutex_unlock(&j->lock);
	return p;
}

/* The last part not taken (the caller's, once every row is final); NULL when none. */
static png_part *take_back(render_png_job *j)
{
	png_part *p = NULL;

	pthread_mutex_lock(&j->lock);
	if (j->front < j->back)
		p = &j->parts[--j->back];
	pthread_mutex_unlock(&j->lock);
	return p;
}

static void *helper_main(void *arg)
{
	render_png_job *j = arg;

	for (png_part *p; (p = take_front(j)) != NULL;)
		part_deflate(p);
	return NULL;
}

render_png_job *render_png_start(cairo_surface_t *img)
{
	render_png_job *j = calloc(1, sizeof *j);

	if (!j)
		return NULL;
	j->img = img;
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS ||
	    cairo_image_surface_get_format(img) != CAIRO_FORMAT_RGB24)
		return j;   /* nothing to encode: render_png_finish says why */
	int width = cairo_image_surface_get_width(img);
	int height = cairo_image_surface_get_height(img);
	unsigned char *pixels = cairo_image_surface_get_data(img);
	if (width <= 0 || height <= 0 || !pixels)
		return j;
	int n = height / RENDER_PNG_PART_ROWS;
	j->n = n < 1 ? 1 : n > RENDER_PNG_PARTS ? RENDER_PNG_PARTS : n;
	for (int k = 0; k < j->n; k++)
		j->parts[k] = (png_part){ .pixels = pixels, .width = width,
					  .stride = cairo_image_surface_get_stride(img),
					  .from = height * k / j->n, .to = height * (k + 1) / j->n,
					  .last = k == j->n - 1 };
	j->back = j->n;
	pthread_mutex_init(&j->lock, NULL);
	pthread_cond_init(&j->painted, NULL);
	if (j->n > 1)
		j->helper_started = pthread_create(&j->helper, NULL, helper_main, j) == 0;
	return j;
}

void render_png_ready(render_png_job *j, int rows)
{
	if (!j || j->n == 0)
		return;
	pthread_mutex_lock(&j->lock);
	if (rows > j->ready) {
		j->ready = rows;
		pthread_cond_broadcast(&j->painted);
	}
	pthread_mutex_unlock(&j->lock);
}

/* The picture's zlib stream in j's parts, each deflated by the helper or here.  0, or
 * -1 when out of memory. */
static int deflate_parts(render_png_job *j)
{
	render_png_ready(j, cairo_image_surface_get_height(j->img));
	for (png_part *p; (p = take_back(j)) != NULL;)
		part_deflate(p);
	if (j->helper_started)
		pthread_join(j->helper, NULL);
	j->helper_started = 0;
	for (int k = 0; k < j->n; k++)
		if (j->parts[k].failed)
			return -1;
	return 0;
}

/* The zlib stream (header, the parts, Adler-32 of all scanlines) in IDAT chunks. */
static void write_idat(png_structp png, const png_part *parts, int n)
{
	/* CMF 0x78: deflate, 32 KB window; FLG 0x5E: "fast" levels, no dictionary, check bits */
	unsigned char head[2] = { 0x78, 0x5E }, tail[4];
	uLong adler = parts[0].adler;
	size_t total = 2 + 4;

	for (int k = 1; k < n; k++)
		adler = adler32_combine(adler, parts[k].adler, (z_off_t)parts[k].raw_len);
	for (int k = 0; k < n; k++)
		total += parts[k].out_len;
	for (int i = 0; i < 4; i++)
		tail[i] = (unsigned char)(adler >> (24 - 8 * i));

	/* one stream, cut into chunks of at most RENDER_PNG_IDAT_MAX bytes */
	size_t chunk = total < RENDER_PNG_IDAT_MAX ? total : RENDER_PNG_IDAT_MAX, in_chunk = 0;
	png_write_chunk_start(png, (png_const_bytep)"IDAT", (png_uint_32)chunk);
	for (int piece = -1; piece <= n; piece++) {
		const unsigned char *d = piece < 0 ? head : piece == n ? tail : parts[piece].out;
		size_t len = piece < 0 ? 2 : piece == n ? 4 : parts[piece].out_len;
		while (len > 0) {
			if (in_chunk == chunk) {
				png_write_chunk_end(png);
				total -= chunk;
				chunk = total < RENDER_PNG_IDAT_MAX ? total : RENDER_PNG_IDAT_MAX;
				in_chunk = 0;
				png_write_chunk_start(png, (png_const_bytep)"IDAT", (png_uint_32)chunk);
			}
			size_t take = chunk - in_chunk < len ? chunk - in_chunk : len;
			png_write_chunk_data(png, d, take);
			in_chunk += take;
			d += take;
			len -= take;
		}
	}
	png_write_chunk_end(png);
}

/* Frees j (its parts' output and threads). */
static void job_free(render_png_job *j)
{
	if (j->helper_started) {   /* cancelled: the parts not taken are dropped, not deflated */
		pthread_mutex_lock(&j->lock);
		j->back = j->front;
		pthread_cond_broadcast(&j->painted);
		pthread_mutex_unlock(&j->lock);
		pthread_join(j->helper, NULL);
	}
	for (int k = 0; k < j->n; k++)
		free(j->parts[k].out);
	if (j->n > 0) {
		pthread_cond_destroy(&j->painted);
		pthread_mutex_destroy(&j->lock);
	}
	free(j);
}

cairo_status_t render_png_finish(render_png_job *j, render_out *o)
{
	if (!j)
		return CAIRO_STATUS_NO_MEMORY;
	cairo_surface_t *img = j->img;
	cairo_status_t status = cairo_surface_status(img);
	if (status == CAIRO_STATUS_SUCCESS && cairo_image_surface_get_format(img) != CAIRO_FORMAT_RGB24)
		status = CAIRO_STATUS_INVALID_FORMAT;
	if (status == CAIRO_STATUS_SUCCESS && j->n == 0)
		status = CAIRO_STATUS_INVALID_SIZE;
	if (status != CAIRO_STATUS_SUCCESS) {
		job_free(j);
		return status;
	}
	cairo_surface_flush(img);
	int width = cairo_image_surface_get_width(img);
	int height = cairo_image_surface_get_height(img);
	status = CAIRO_STATUS_NO_MEMORY;
	if (deflate_parts(j) == 0) {
		png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_quiet,
							  png_no_warning);
		png_infop info = png ? png_create_info_struct(png) : NULL;
		if (info && setjmp(png_jmpbuf(png)) == 0) {
			png_set_write_fn(png, o, png_out, png_flush_nothing);
			png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8,
				     PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
				     PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
			png_color_16 white = { .red = 0xff, .green = 0xff, .blue = 0xff };
			png_set_bKGD(png, info, &white);   /* as cairo writes it */
			png_write_info(png, info);
			write_idat(png, j->parts, j->n);
			png_write_chunk(png, (png_const_bytep)"IEND", NULL, 0);
			status = CAIRO_STATUS_SUCCESS;
		}
		png_destroy_write_struct(&png, info ? &info : NULL);
	}
	job_free(j);
	if (o->out.err)
		return CAIRO_STATUS_WRITE_ERROR;
	return status;
}

void render_png_cancel(render_png_job *j)
{
	if (j)
		job_free(j);
}

cairo_status_t render_png_write(cairo_surface_t *img, render_out *o)
{
	return render_png_finish(render_png_start(img), o);
}
