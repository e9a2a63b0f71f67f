/*
 * render_page.c: pages as cairo recording surfaces, text with pango, and the PDF and
 * PNG writers that replay the pages (see render_page.h).
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "render_fonts.h"
#include "render_page.h"
#include "utf8.h"
#include "render_png.h"

#define MARGIN_SIDE 50.0
#define MARGIN_TOP 56.0
#define MARGIN_BOTTOM 58.0

static void fail(render_doc *d, cairo_status_t s)
{
	if (d->status == CAIRO_STATUS_SUCCESS)
		d->status = s;
}

void render_doc_fail(render_doc *d, cairo_status_t s)
{
	fail(d, s);
}

static int ok(render_doc *d)
{
	return d->status == CAIRO_STATUS_SUCCESS && d->cr;
}

/* The text machinery of the last document (its pango context, font and shaped texts),
 * kept for the next document of the same font family and language: documents made one
 * after another (a batch's plans, the booklet, the summary) share most of their texts
 * (headings, labels, the SWOT wording), which are then shaped once per process. */
static struct {
	pthread_mutex_t lock;
	pthread_t owner;             /* pango's default font map is per thread */
	char family[128], lang[16];
	PangoContext *pango;
	PangoFontDescription *font;
	GHashTable *layouts;
} kept = { .lock = PTHREAD_MUTEX_INITIALIZER };

/* d takes the slot's text machinery when it was kept by this thread for d's family and
 * language: 1, else 0. */
static int take_kept(render_doc *d)
{
	pthread_mutex_lock(&kept.lock);
	int same = kept.pango && pthread_equal(kept.owner, pthread_self()) &&
		   strcmp(kept.family, d->family) == 0 && strcmp(kept.lang, d->lang) == 0;
	if (same) {
		d->pango = kept.pango;
		d->font = kept.font;
		d->layouts = kept.layouts;
		kept.pango = NULL;
	}
	pthread_mutex_unlock(&kept.lock);
	return same;
}

static void free_texts(PangoContext *pango, PangoFontDescription *font, GHashTable *layouts)
{
	if (layouts)
		g_hash_table_destroy(layouts);
	if (pango)
		g_object_unref(pango);
	if (font)
		pango_font_description_free(font);
}

/* d's text machinery goes into the slot when it is free (else it is freed). */
static void keep_texts(render_doc *d)
{
	int kept_it = 0;

	pthread_mutex_lock(&kept.lock);
	if (!kept.pango && d->pango && d->layouts && d->font &&
	    strlen(d->family) < sizeof kept.family && strlen(d->lang) < sizeof kept.lang) {
		kept.owner = pthread_self();
		snprintf(kept.family, sizeof kept.family, "%s", d->family);
		snprintf(kept.lang, sizeof kept.lang, "%s", d->lang);
		kept.pango = d->pango;
		kept.font = d->font;
		kept.layouts = d->layouts;
		kept_it = 1;
	}
	pthread_mutex_unlock(&kept.lock);
	if (!kept_it)
		free_texts(d->pango, d->font, d->layouts);
}

void render_texts_release(void)
{
	pthread_mutex_lock(&kept.lock);
	free_texts(kept.pango, kept.font, kept.layouts);
	kept.pango = NULL;
	kept.font = NULL;
	kept.layouts = NULL;
	pthread_mutex_unlock(&kept.lock);
}

int render_doc_init(render_doc *d, const char *family, const char *lang)
{
	memset(d, 0, sizeof *d);
	d->left = MARGIN_SIDE;
	d->right = RENDER_A4_WIDTH - MARGIN_SIDE;
	d->top = MARGIN_TOP;
	d->bottom = RENDER_A4_HEIGHT - MARGIN_BOTTOM;
	d->max_pages = RENDER_MAX_PAGES;
	snprintf(d->family, sizeof d->family, "%s", family);
	snprintf(d->lang, sizeof d->lang, "%s", lang);
	if (take_kept(d))
		return 0;

	/* the default font map is per thread; the context and layout are ours */
	render_fonts_init();
	PangoFontMap *fm = pango_cairo_font_map_get_default();
	d->pango = fm ? pango_font_map_create_context(fm) : NULL;
	if (!d->pango) {
		d->status = CAIRO_STATUS_NO_MEMORY;
		return -1;
	}
	/* unhinted metrics at 72 dpi: one pango point is one PDF point, on any surface */
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(d->pango, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_context_set_resolution(d->pango, 72.0);
	pango_context_set_round_glyph_positions(d->pango, FALSE);
	pango_context_set_language(d->pango, pango_language_from_string(
				   strcmp(lang, "zh") == 0 ? "zh-cn" : lang));
	d->layouts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
	d->font = pango_font_description_from_string(family);
	return 0;
}

void render_doc_drop_text(render_doc *d)
{
	keep_texts(d);
	d->layouts = NULL;
	d->layout = NULL;
	d->pango = NULL;
	d->font = NULL;
}

void render_doc_free(render_doc *d)
{
	for (int i = 0; i < d->n_pages; i++) {
		cairo_destroy(d->crs[i]);
		cairo_surface_destroy(d->pages[i]);
	}
	render_doc_drop_text(d);
	memset(d, 0, sizeof *d);
}

cairo_status_t render_doc_status(const render_doc *d)
{
	if (d->status != CAIRO_STATUS_SUCCESS)
		return d->status;
	for (int i = 0; i < d->n_pages; i++) {
		cairo_status_t s = cairo_status(d->crs[i]);
		if (s != CAIRO_STATUS_SUCCESS)
			return s;
	}
	return CAIRO_STATUS_SUCCESS;
}

void render_page_new(render_doc *d)
{
	if (d->status != CAIRO_STATUS_SUCCESS)
		return;
	if (d->n_pages >= d->max_pages || d->n_pages >= RENDER_DOC_PAGES) {
		fail(d, CAIRO_STATUS_INVALID_SIZE);   /* a runaway layout */
		return;
	}
	cairo_rectangle_t page = { 0, 0, RENDER_A4_WIDTH, RENDER_A4_HEIGHT };
	cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &page);
	cairo_t *cr = cairo_create(s);
	d->pages[d->n_pages] = s;
	d->crs[d->n_pages] = cr;
	d->n_pages++;
	d->cr = cr;
	d->y = d->top;
	fail(d, cairo_status(cr));
}

double render_room(const render_doc *d)
{
	return d->bottom - d->y;
}

int render_need(render_doc *d, double h)
{
	if (d->cr && d->y + h <= d->bottom)
		return 0;
	render_page_new(d);
	return 1;
}

/* The key of a shaped text: the bits of the width and the size in hex (exact, as the
 * comparison of the numbers was), weight, alignment, single-line mode, then the text.
 * Made by hand: a plan looks up some 450 texts, and printf's %a cost 3 % of a plan. */
static char *layout_key(const char *text, double w, const render_font *f)
{
	static const char hex[] = "0123456789abcdef";
	uint64_t bits[2];
	size_t n = strlen(text);
	char *key = g_malloc(2 * 16 + 4 + n + 1), *p = key;

	memcpy(&bits[0], &w, sizeof bits[0]);
	memcpy(&bits[1], &f->size, sizeof bits[1]);
	for (int k = 0; k < 2; k++)
		for (int shift = 60; shift >= 0; shift -= 4)
			*p++ = hex[(bits[k] >> shift) & 15];
	*p++ = f->bold ? 'b' : 'r';
	*p++ = (char)('0' + (int)f->align);
	*p++ = f->single_line ? '1' : 'n';
	*p++ = '|';
	memcpy(p, text, n + 1);
	return key;
}

/* Makes d->layout the layout of text at width w in font f.  Each distinct text is shaped
 * once per document and kept: drawing code measures a text, then other texts, then
 * draws it (SWOT boxes, cards, tables), and pango would shape it again every time. */
static void set_layout(render_doc *d, const char *text, double w, const render_font *f)
{
	char *key = layout_key(text, w, f);
	PangoLayout *l = g_hash_table_lookup(d->layouts, key);

	if (l) {
		g_free(key);
		d->layout = l;
		return;
	}
	if (g_hash_table_size(d->layouts) >= RENDER_LAYOUTS_KEPT)
		g_hash_table_remove_all(d->layouts);   /* a long document: start again */
	l = pango_layout_new(d->pango);
	g_hash_table_insert(d->layouts, key, l);
	d->layout = l;
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_font_description_set_absolute_size(d->font, f->size * PANGO_SCALE);
	pango_font_description_set_weight(d->font, f->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, d->font);
	pango_layout_set_width(l, w > 0 ? (int)(w * PANGO_SCALE) : -1);
	pango_layout_set_ellipsize(l, f->single_line ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
	/* a single line stays one: a line break in the data (a store name holding "&#10;")
	 * shows as a symbol, never as a second line over the running header's rule */
	pango_layout_set_single_paragraph_mode(l, f->single_line);
	pango_layout_set_alignment(l, f->align == RENDER_RIGHT ? PANGO_ALIGN_RIGHT
				      : f->align == RENDER_CENTER ? PANGO_ALIGN_CENTER
								  : PANGO_ALIGN_LEFT);
	render_set_text(l, text);
}

void render_set_text(PangoLayout *layout, const char *text)
{
	if (utf8_showable(text)) {
		pango_layout_set_text(layout, text, -1);
		return;
	}
	char *clean = utf8_showable_dup(text);
	pango_layout_set_text(layout, clean ? clean : "", -1);
	free(clean);
}

void render_set_metadata(cairo_surface_t *pdf, cairo_pdf_metadata_t key, const char *value)
{
	if (utf8_showable(value)) {
		cairo_pdf_surface_set_metadata(pdf, key, value);
		return;
	}
	char *clean = utf8_showable_dup(value);
	if (clean)
		cairo_pdf_surface_set_metadata(pdf, key, clean);
	free(clean);
}

double render_measure(render_doc *d, const char *text, double w, const render_font *f,
		      double *used)
{
	PangoRectangle logical;

	if (used)
		*used = 0;
	if (!d->layouts)
		return 0;
	set_layout(d, text, w, f);
	pango_layout_get_extents(d->layout, NULL, &logical);
	if (used)
		*used = (double)logical.width / PANGO_SCALE;
	return (double)logical.height / PANGO_SCALE;
}

double render_baseline(render_doc *d, const char *text, double w, const render_font *f)
{
	if (!d->layouts)
		return 0;
	set_layout(d, text, w, f);
	return (double)pango_layout_get_baseline(d->layout) / PANGO_SCALE;
}

double render_text(render_doc *d, double x, double y, double w, const char *text,
		   const render_font *f)
{
	double h = render_measure(d, text, w, f, NULL);

	if (!ok(d))
		return h;
	cairo_set_source_rgb(d->cr, f->color.r, f->color.g, f->color.b);
	cairo_move_to(d->cr, x, y);
	pango_cairo_show_layout(d->cr, d->layout);
	return h;
}

void render_fill(render_doc *d, double x, double y, double w, double h, render_rgb c)
{
	if (!ok(d))
		return;
	cairo_set_source_rgb(d->cr, c.r, c.g, c.b);
	cairo_rectangle(d->cr, x, y, w, h);
	cairo_fill(d->cr);
}

void render_frame(render_doc *d, double x, double y, double w, double h, double lw,
		  render_rgb c)
{
	if (!ok(d))
		return;
	cairo_set_source_rgb(d->cr, c.r, c.g, c.b);
	cairo_set_line_width(d->cr, lw);
	cairo_rectangle(d->cr, x, y, w, h);
	cairo_stroke(d->cr);
}

void render_line(render_doc *d, double x0, double y0, double x1, double y1, double lw,
		 render_rgb c, int dashed)
{
	static const double dash[] = { 4.0, 3.0 };

	if (!ok(d))
		return;
	cairo_save(d->cr);
	cairo_set_source_rgb(d->cr, c.r, c.g, c.b);
	cairo_set_line_width(d->cr, lw);
	if (dashed)
		cairo_set_dash(d->cr, dash, 2, 0);
	cairo_move_to(d->cr, x0, y0);
	cairo_line_to(d->cr, x1, y1);
	cairo_stroke(d->cr);
	cairo_restore(d->cr);
}

void render_doc_finish(render_doc *d, render_page_fn decorate, void *ctx)
{
	for (int i = 0; i < d->n_pages && d->status == CAIRO_STATUS_SUCCESS; i++) {
		d->cr = d->crs[i];
		if (decorate)
			decorate(ctx, i + 1, d->n_pages);
	}
}

int render_source_date(time_t *when)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end;

	if (!sde || !*sde)
		return 0;
	long long v = strtoll(sde, &end, 10);
	if (*end || v < 0)
		return 0;
	*when = (time_t)v;
	return 1;
}

void render_iso_date(const struct tm *tm, char *buf, size_t size)
{
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d", tm->tm_year + 1900, tm->tm_mon + 1,
		 tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec);
}

const char *render_metadata_date(char *buf, size_t size)
{
	time_t when;
	struct tm tm;

	if (!render_source_date(&when) || !gmtime_r(&when, &tm))
		return NULL;    /* cairo's own: now */
	render_iso_date(&tm, buf, size);
	return buf;
}

cairo_status_t render_doc_write_pdf(render_doc *d, render_out *o, const char *title,
				    const char *author, const char *date_iso)
{
	if (render_doc_status(d) != CAIRO_STATUS_SUCCESS)
		return render_doc_status(d);
	cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(render_out_cairo, o,
								   RENDER_A4_WIDTH, RENDER_A4_HEIGHT);
	if (title)
		render_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, title);
	if (author)
		render_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, author);
	if (date_iso)
		render_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, date_iso);
	cairo_t *cr = cairo_create(pdf);
	for (int i = 0; i < d->n_pages; i++) {
		cairo_set_source_surface(cr, d->pages[i], 0, 0);
		cairo_paint(cr);
		cairo_show_page(cr);
	}
	cairo_status_t s = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(pdf);
	if (s == CAIRO_STATUS_SUCCESS)
		s = cairo_surface_status(pdf);
	cairo_surface_destroy(pdf);
	fail(d, s);
	return s;
}

cairo_status_t render_doc_write_png(render_doc *d, render_out *o)
{
	if (render_doc_status(d) != CAIRO_STATUS_SUCCESS)
		return render_doc_status(d);
	double scale = RENDER_PNG_WIDTH / RENDER_A4_WIDTH;
	int page_px = (int)lround(RENDER_A4_HEIGHT * scale);
	cairo_surface_t *img = render_png_canvas(RENDER_PNG_WIDTH, page_px * d->n_pages);
	render_png_job *job = render_png_start(img);   /* encodes the sheets painted */
	cairo_t *cr = cairo_create(img);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	for (int i = 0; i < d->n_pages; i++) {
		cairo_save(cr);
		cairo_translate(cr, 0, (double)i * page_px);
		cairo_scale(cr, scale, scale);
		cairo_set_source_surface(cr, d->pages[i], 0, 0);
		cairo_paint(cr);
		cairo_restore(cr);
		if (i > 0) {   /* a thin rule where one sheet ends and the next begins */
			cairo_set_source_rgb(cr, 0.75, 0.77, 0.80);
			cairo_rectangle(cr, 0, (double)i * page_px - 1, RENDER_PNG_WIDTH, 2);
			cairo_fill(cr);
		}
		/* sheet i is done but for its last row, which the next sheet's rule covers
		 * (and a row more, in case a sheet's edge is rounded out into it) */
		cairo_surface_flush(img);
		render_png_ready(job, (i + 1) * page_px - 2);
	}
	cairo_status_t s = cairo_status(cr);
	cairo_destroy(cr);
	if (s == CAIRO_STATUS_SUCCESS)
		s = render_png_finish(job, o);
	else
		render_png_cancel(job);
	cairo_surface_destroy(img);
	fail(d, s);
	return s;
}
