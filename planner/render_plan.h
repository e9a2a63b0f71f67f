/*
 * render_plan.h: a store's printable upgrade plan (A4 PDF, or all pages stacked in one
 * 150-dpi PNG): profile, standing with the peer histogram, target with milestones,
 * history chart and feasibility verdict, SWOT grid, measures, signatures.  Used by
 * `planner plan` and by `planner batch --plans`.
 *
 * Load the templates once (render_plan_load) and call render_plan_write per store, or
 * render_plan_append to put several plans into one PDF (render_book.h).
 * Thread and process safety: render_plan_write may run in several threads at once
 * (each call owns its surfaces, layouts and output file; a loaded tmpl_set is
 * read-only; pango's default font map is per thread) and in forked children.
 */
#ifndef PLANNER_RENDER_PLAN_H
#define PLANNER_RENDER_PLAN_H

#include <time.h>

#include "model.h"
#include "render_book.h"
#include "templates.h"

typedef enum render_format {
	RENDER_FORMAT_NONE = 0,
	RENDER_FORMAT_PDF,
	RENDER_FORMAT_PNG,
} render_format;

/* ".pdf" / ".png" (any case) at the end of path, else RENDER_FORMAT_NONE. */
render_format render_format_of(const char *path);

/* Loads DIR/LANG.txt and DIR/swot-rules.txt, checked against every key a plan uses.
 * EXIT_OK, EXIT_NOINPUT (missing file) or EXIT_DATAERR (missing key, bad line). */
int render_plan_load(const char *dir, const char *lang, tmpl_set **out, diag *err);
/* The same, also checking extra keys (e.g. the booklet's cover, batch_booklet.h). */
int render_plan_load_with(const char *dir, const char *lang, const tmpl_key *extra,
			  size_t n_extra, tmpl_set **out, diag *err);

typedef struct plan_input {
	const store *store;
	const evaluation *ev;
	const peer_stats *ps;        /* the store's peer group (ps->sorted for the chart) */
	const region *region;        /* name, unit, growth facts, areas; may be NULL */
	double peer_area_median;     /* m²; NaN: computed from region, O(region size) */
	time_t date;                 /* printed date; 0: $SOURCE_DATE_EPOCH, else now */
	render_format format;        /* NONE: from the path's extension */
	/* --grades / --quadrants (render_value.c); NULL: the line is left out */
	const char *grade;           /* its label, "" without a grade */
	const char *next_grade;      /* NULL at the top */
	double next_grade_orders;
	const char *quadrant;        /* "potential" ..., "" without a score or percentile */
	unsigned match;              /* match score in hundredths */
} plan_input;

/* Renders the plan and writes it atomically to path.  EXIT_OK, EXIT_USAGE (unknown
 * format), EXIT_CANTCREAT, EXIT_IOERR or EXIT_SOFTWARE, with *err saying why in one
 * line; on failure no file is left behind. */
int render_plan_write(const tmpl_set *t, const plan_input *in, const char *path, diag *err);
/* The same, also saying how many pages the plan took (*pages, when not NULL). */
int render_plan_write_counted(const tmpl_set *t, const plan_input *in, const char *path,
			      int *pages, diag *err);

/* Renders the plan as the next pages of book (its own running header and "page 2 of
 * 3" footer, as render_plan_write's), with outline as its bookmark (may be NULL);
 * *pages is how many pages it took.  EXIT_OK, or EXIT_SOFTWARE / the book's write
 * error with *err saying why (the book is then in error: abort it). */
int render_plan_append(const tmpl_set *t, const plan_input *in, render_book *book,
		       const char *outline, int *pages, diag *err);
/* Lays the plan out into *doc without writing it (doc->n_pages: its page count), for a
 * caller that needs the count before the pages go into a book (render_book_add, then
 * render_doc_free); only the pages are kept, not the text machinery.  path names the
 * output in a message.  EXIT_OK, or EXIT_SOFTWARE with *err saying why (*doc is then
 * empty). */
int render_plan_lay_out_doc(const tmpl_set *t, const plan_input *in, const char *path,
			    render_doc *doc, diag *err);
/* Writes a plan laid out by render_plan_lay_out_doc to path as a PDF, atomically: the
 * same bytes as render_plan_write's for the same plan (the doc is left as it was, to
 * be written again or freed).  EXIT_OK, EXIT_CANTCREAT, EXIT_IOERR or EXIT_SOFTWARE,
 * with *err saying why. */
int render_plan_write_doc(render_doc *doc, const char *path, diag *err);

#endif
