/*
 * render_page.h: A4 pages and text for printed documents, on cairo + pango.  Pages are
 * drawn into cairo recording surfaces while the layout flows (so the page count is
 * known before anything is written), then replayed into a PDF (one page each) or a
 * PNG (all pages stacked, 150 dpi, white background).  Errors are sticky: the first
 * cairo or memory problem is kept in the doc and every later call does nothing; the
 * caller checks render_doc_status once.  Units are PostScript points; y grows down.
 * Thread safety: a render_doc belongs to one thread; separate docs may be used by
 * separate threads at once (pango's default font map is per thread).
 */
#ifndef PLANNER_RENDER_PAGE_H
#define PLANNER_RENDER_PAGE_H

#include <time.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "render_out.h"

#define RENDER_A4_WIDTH 595.28
#define RENDER_A4_HEIGHT 841.89
#define RENDER_PNG_WIDTH 1240      /* A4 at 150 dpi */
#define RENDER_MAX_PAGES 12        /* a plan longer than this is a runaway layout */
#define RENDER_DOC_PAGES 64        /* the most any document may raise max_pages to */
#define RENDER_LAYOUTS_KEPT 4096   /* shaped texts kept (a plan has ~250, ~75 its own) */

typedef struct render_rgb {
	double r, g, b;
} render_rgb;

typedef enum render_align { RENDER_LEFT, RENDER_CENTER, RENDER_RIGHT } render_align;

typedef struct render_font {
	double size;             /* points */
	int bold;
	render_rgb color;
	render_align align;
	int single_line;         /* ellipsize instead of wrapping */
} render_font;

/* Draws what every page repeats (running header, footer) once the count is known. */
typedef void (*render_page_fn)(void *ctx, int page, int pages);

typedef struct render_doc {
	PangoContext *pango;
	PangoLayout *layout;      /* the text measured or drawn last, one of layouts */
	PangoFontDescription *font;
	cairo_surface_t *pages[RENDER_DOC_PAGES];
	cairo_t *crs[RENDER_DOC_PAGES];
	cairo_t *cr;             /* the current page */
	int n_pages;
	int max_pages;           /* RENDER_MAX_PAGES after init; a longer document may raise it */
	double left, right, top, bottom;   /* the content box of every page */
	double y;                /* where the flow continues on the current page */
	cairo_status_t status;   /* first error, CAIRO_STATUS_SUCCESS while fine */
	/* every text laid out so far, shaped once: drawing code measures a text, measures
	 * others, then draws it (see set_layout in render_page.c); d->layout is one of them */
	GHashTable *layouts;
	char family[128], lang[16];   /* the text machinery is kept for a doc of the same */
	/* the PDF's title and creation date, set where the document is laid out for
	 * whoever writes it (render_plan.c); empty: none */
	char pdf_title[512], pdf_date[64];
} render_doc;

/* family: a fontconfig family such as "Noto Sans CJK SC"; lang: "zh", "en", ...  The
 * pango context and the texts shaped by the previous document of the same family and
 * language (render_doc_drop_text, render_doc_free) are taken over: a text is shaped
 * once for a run of documents. */
int render_doc_init(render_doc *d, const char *family, const char *lang);
void render_doc_free(render_doc *d);
/* Gives up what laying text out needs (the pango context, the shaped texts: kept for
 * the next document, see render_doc_init), keeping the finished pages for writing: a
 * document held for later costs only its pages. */
void render_doc_drop_text(render_doc *d);
/* Frees the texts kept for a next document (at the end of a command). */
void render_texts_release(void);
cairo_status_t render_doc_status(const render_doc *d);
/* Keeps s as the doc's error unless it already has one (a failed allocation of the
 * drawing code: NO_MEMORY); every later call then does nothing. */
void render_doc_fail(render_doc *d, cairo_status_t s);

/* Starts a page; the flow continues at its top. */
void render_page_new(render_doc *d);
/* Starts a new page unless h points still fit below the cursor; 1 when it did. */
int render_need(render_doc *d, double h);
double render_room(const render_doc *d);
static inline double render_width(const render_doc *d) { return d->right - d->left; }

/* pango_layout_set_text and cairo_pdf_surface_set_metadata for any text validate
 * accepts: broken sequences and noncharacters (U+FDD0 ...), which cairo refuses in a
 * PDF, are shown as U+FFFD. */
void render_set_text(PangoLayout *layout, const char *text);
void render_set_metadata(cairo_surface_t *pdf, cairo_pdf_metadata_t key, const char *value);
/* $SOURCE_DATE_EPOCH when it is set to a valid time: 1 and *when, else 0. */
int render_source_date(time_t *when);
/* tm as "2007-04-01T00:00:00" (a PDF creation date as cairo takes it) into buf. */
void render_iso_date(const struct tm *tm, char *buf, size_t size);
/* A PDF's creation date from $SOURCE_DATE_EPOCH ("2007-04-01T00:00:00", in buf), so that
 * a document made twice is the same bytes; NULL without it (cairo then writes now). */
const char *render_metadata_date(char *buf, size_t size);

/* Lays out text into width w; returns its height (and its widest line in *used). */
double render_measure(render_doc *d, const char *text, double w, const render_font *f,
		      double *used);
/* Distance from the top of text's first line to its baseline. */
double render_baseline(render_doc *d, const char *text, double w, const render_font *f);
/* Draws text at (x, y) wrapped into width w; returns the height used. */
double render_text(render_doc *d, double x, double y, double w, const char *text,
		   const render_font *f);

void render_fill(render_doc *d, double x, double y, double w, double h, render_rgb c);
void render_frame(render_doc *d, double x, double y, double w, double h, double lw,
		  render_rgb c);
void render_line(render_doc *d, double x0, double y0, double x1, double y1, double lw,
		 render_rgb c, int dashed);

/* Calls each page's decoration, then writes every page to o. */
void render_doc_finish(render_doc *d, render_page_fn decorate, void *ctx);
/* PDF metadata strings may be NULL.  Return the cairo status (sticky with d). */
cairo_status_t render_doc_write_pdf(render_doc *d, render_out *o, const char *title,
				    const char *author, const char *date_iso);
cairo_status_t render_doc_write_png(render_doc *d, render_out *o);

#endif
