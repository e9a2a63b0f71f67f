/*
 * batch_booklet.c: the plans booklet, DIR/plans.pdf (batch_booklet.h).  The cover is a
 * table of rank, licence number, name, code now -> target code, target orders and the
 * booklet page where the plan starts; each cover page is its own render_doc (a
 * region's 2,000 plans need a cover longer than one doc holds), and each plan is laid
 * out again by render_plan_append into the one PDF, so its fonts are subset once.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_booklet.h"
#include "format.h"
#include "render_blocks.h"
#include "version.h"

const tmpl_key batch_booklet_keys[] = {
	{ "booklet.title", "" }, { "booklet.region", "region id" },
	{ "booklet.meta", "quarter count pages" }, { "booklet.note", "" },
	{ "booklet.col.rank", "" }, { "booklet.col.id", "" }, { "booklet.col.name", "" },
	{ "booklet.col.code", "" }, { "booklet.col.target", "" }, { "booklet.col.page", "" },
	{ "booklet.code", "from to" }, { "booklet.footer", "page pages" },
	{ "booklet.pdf-title", "region quarter" }, { "booklet.outline", "rank name id" },
};
const size_t batch_booklet_n_keys = sizeof batch_booklet_keys / sizeof batch_booklet_keys[0];

#define ROW_HEIGHT 15.0
#define HEAD_HEIGHT 20.0

/* Columns of the cover's table, as shares of the content width. */
static const struct { const char *key; double share; render_align align; } columns[] = {
	{ "booklet.col.rank", 0.07, RENDER_RIGHT }, { "booklet.col.id", 0.17, RENDER_LEFT },
	{ "booklet.col.name", 0.31, RENDER_LEFT }, { "booklet.col.code", 0.19, RENDER_LEFT },
	{ "booklet.col.target", 0.16, RENDER_RIGHT }, { "booklet.col.page", 0.10, RENDER_RIGHT },
};
#define N_COLUMNS (sizeof columns / sizeof columns[0])

typedef struct cover {
	const batch_report *rep;
	const tmpl_set *t;
	const batch_booklet_plan *plans;
	size_t n;
	int cover_pages, total_pages;
	char quarter[12];
} cover;

static const char *fmt(const cover *c, char *buf, size_t size, const char *key,
		       const tmpl_arg *args, size_t n_args)
{
	return tmpl_format(c->t, key, "", args, n_args, buf, size);
}

/* The navy band with the title, the region and the counts; moves d->y below it. */
static void cover_band(const cover *c, render_doc *d)
{
	const region *r = c->rep->region;
	render_font tf = { 10, 1, render_tint(RENDER_TEAL, 0.55), RENDER_LEFT, 0 };
	render_font nf = { 20, 1, RENDER_WHITE, RENDER_LEFT, 0 };
	render_font sf = { 9, 0, render_tint(RENDER_NAVY, 0.75), RENDER_LEFT, 0 };
	char region_line[640], meta[256], count[24], pages[24];
	double w = render_width(d);

	snprintf(count, sizeof count, "%zu", c->n);
	snprintf(pages, sizeof pages, "%d", c->total_pages);
	tmpl_arg ra[] = { { "region", r->name ? r->name : "" }, { "id", r->id ? r->id : "" } };
	tmpl_arg ma[] = { { "quarter", c->quarter }, { "count", count }, { "pages", pages } };
	fmt(c, region_line, sizeof region_line, "booklet.region", ra, 2);
	fmt(c, meta, sizeof meta, "booklet.meta", ma, 3);
	nf.single_line = 1;
	double band = render_measure(d, tmpl_get(c->t, "booklet.title"), w, &tf, NULL) + 4 +
		      render_measure(d, region_line, w, &nf, NULL) + 3 +
		      render_measure(d, meta, w, &sf, NULL) + 2 * 22;
	render_fill(d, 0, 0, RENDER_A4_WIDTH, band, RENDER_NAVY);
	render_fill(d, 0, band, RENDER_A4_WIDTH, 3, RENDER_TEAL);
	double y = 22;
	y += render_text(d, d->left, y, w, tmpl_get(c->t, "booklet.title"), &tf) + 4;
	y += render_text(d, d->left, y, w, region_line, &nf) + 3;
	render_text(d, d->left, y, w, meta, &sf);
	d->y = band + 3 + 14;
	render_font note = render_small();
	d->y += render_text(d, d->left, d->y, w, tmpl_get(c->t, "booklet.note"), &note) + 10;
}

static void cover_header(const cover *c, render_doc *d)
{
	render_font hf = render_label();
	double x = d->left;

	hf.bold = 1;
	hf.single_line = 1;
	render_fill(d, d->left, d->y, render_width(d), HEAD_HEIGHT, RENDER_HEADER_BG);
	for (size_t k = 0; k < N_COLUMNS; k++) {
		double w = columns[k].share * render_width(d);
		hf.align = columns[k].align;
		render_text(d, x + 4, d->y + 5, w - 8, tmpl_get(c->t, columns[k].key), &hf);
		x += w;
	}
	d->y += HEAD_HEIGHT;
}

static void cover_row(const cover *c, render_doc *d, size_t i, int start_page)
{
	const batch_booklet_plan *pl = &c->plans[i];
	const store *s = pl->in.store;
	render_font f = render_body();
	char rank[24], from[5], to[5], codes[64], target[32], page[16];
	const char *cells[N_COLUMNS];
	double x = d->left;

	snprintf(rank, sizeof rank, "%zu", pl->rank);
	code_format(&pl->ev.computed_code, from);
	code_format(&pl->ev.target_code, to);
	tmpl_arg ca[] = { { "from", from }, { "to", to } };
	fmt(c, codes, sizeof codes, "booklet.code", ca, 2);
	format_quantity(pl->ev.target_orders, target, sizeof target);
	snprintf(page, sizeof page, "%d", start_page);
	cells[0] = rank;
	cells[1] = s->id;
	cells[2] = s->name && *s->name ? s->name : s->id;
	cells[3] = codes;
	cells[4] = target;
	cells[5] = page;
	if (i % 2 == 1)
		render_fill(d, d->left, d->y, render_width(d), ROW_HEIGHT, RENDER_ZEBRA);
	f.single_line = 1;
	for (size_t k = 0; k < N_COLUMNS; k++) {
		double w = columns[k].share * render_width(d);
		f.align = columns[k].align;
		render_text(d, x + 4, d->y + 2, w - 8, cells[k], &f);
		x += w;
	}
	d->y += ROW_HEIGHT;
}

/* Rows that fit below the band on the first cover page, and on each further one. */
static int cover_capacity(const cover *c, size_t *first, size_t *other)
{
	render_doc d;

	if (render_doc_init(&d, tmpl_get(c->t, "style.font"), c->t->lang) != 0) {
		render_doc_free(&d);
		return -1;
	}
	render_page_new(&d);
	cover_band(c, &d);
	*first = (size_t)floor((d.bottom - d.y - HEAD_HEIGHT) / ROW_HEIGHT);
	*other = (size_t)floor((d.bottom - d.top - HEAD_HEIGHT) / ROW_HEIGHT);
	int bad = render_doc_status(&d) != CAIRO_STATUS_SUCCESS;
	render_doc_free(&d);
	return bad || *other < 1 ? -1 : 0;
}

static void cover_footer(const cover *c, render_doc *d, int page)
{
	render_font f = render_small();
	char pg[16], pgs[16], text[128];
	tmpl_arg pa[] = { { "page", pg }, { "pages", pgs } };

	snprintf(pg, sizeof pg, "%d", page);
	snprintf(pgs, sizeof pgs, "%d", c->cover_pages);
	fmt(c, text, sizeof text, "booklet.footer", pa, 2);
	double fy = d->bottom + 24;
	render_line(d, d->left, fy - 6, d->right, fy - 6, 0.5, RENDER_RULE, 0);
	f.single_line = 1;
	f.align = RENDER_RIGHT;
	render_text(d, d->left, fy, render_width(d), text, &f);
}

/* Draws the cover pages into book. */
static int cover_write(cover *c, render_book *book, size_t first, size_t other, diag *err)
{
	size_t i = 0;
	int start = c->cover_pages + 1;

	for (int page = 1; page <= c->cover_pages; page++) {
		render_doc d;
		int rc;
		if (render_doc_init(&d, tmpl_get(c->t, "style.font"), c->t->lang) != 0) {
			render_doc_free(&d);
			diag_msg(err, EXIT_SOFTWARE, book->path, 0, NULL, NULL, "out.no-memory", NULL);
			return EXIT_SOFTWARE;
		}
		render_page_new(&d);
		if (page == 1)
			cover_band(c, &d);
		cover_header(c, &d);
		for (size_t k = 0; k < (page == 1 ? first : other) && i < c->n; k++, i++) {
			cover_row(c, &d, i, start);
			start += c->plans[i].pages;
		}
		cover_footer(c, &d, page);
		rc = render_book_add(book, &d, NULL, err);
		render_doc_free(&d);
		if (rc != EXIT_OK)
			return rc;
	}
	return EXIT_OK;
}

/* Writes the booklet; docs, when not NULL, holds each plan already laid out (left as
 * it was, for the caller to write again or free), else each is laid out now. */
static int write_booklet(const batch_report *rep, const batch_dir *dir, const tmpl_set *t,
			 const batch_booklet_plan *plans, size_t n, render_doc *docs,
			 const batch_booklet_progress *progress, diag *err)
{
	cover c = { .rep = rep, .t = t, .plans = plans, .n = n };
	char path[PATH_MAX + 16], title[640], date[64];
	size_t first, other, i = 0;
	render_book book;
	int rc = EXIT_OK;

	quarter_format(rep->result->quarter, c.quarter);
	if (snprintf(path, sizeof path, "%s/plans.pdf", dir->tmp) >= (int)sizeof path) {
		diag_msg(err, EXIT_CANTCREAT, dir->tmp, 0, NULL, NULL, "plans.booklet.path-too-long",
			 NULL);
		rc = EXIT_CANTCREAT;
		goto done;
	}
	if (cover_capacity(&c, &first, &other) != 0) {
		diag_msg(err, EXIT_SOFTWARE, path, 0, NULL, NULL, "plans.booklet.cover", NULL);
		rc = EXIT_SOFTWARE;
		goto done;
	}
	c.cover_pages = 1;
	if (n > first)
		c.cover_pages += (int)((n - first + other - 1) / other);
	c.total_pages = c.cover_pages;
	for (size_t k = 0; k < n; k++)
		c.total_pages += plans[k].pages;

	tmpl_arg ta[] = { { "region", rep->region->name ? rep->region->name : "" },
			  { "quarter", c.quarter } };
	fmt(&c, title, sizeof title, "booklet.pdf-title", ta, 2);
	rc = render_book_open(&book, path, title, "planner " PLANNER_VERSION,
			      render_metadata_date(date, sizeof date), err);
	if (rc != EXIT_OK)
		goto done;
	rc = cover_write(&c, &book, first, other, err);
	for (; i < n && rc == EXIT_OK; i++) {
		const store *s = plans[i].in.store;
		char rank[24], outline[512];
		int pages;
		snprintf(rank, sizeof rank, "%zu", plans[i].rank);
		tmpl_arg oa[] = { { "rank", rank }, { "name", s->name && *s->name ? s->name : s->id },
				  { "id", s->id } };
		fmt(&c, outline, sizeof outline, "booklet.outline", oa, 3);
		if (docs) {
			pages = docs[i].n_pages;
			rc = render_book_add(&book, &docs[i], outline, err);
		} else {
			rc = render_plan_append(t, &plans[i].in, &book, outline, &pages, err);
		}
		if (rc == EXIT_OK && pages != plans[i].pages) {
			char took[16], own[16];
			snprintf(took, sizeof took, "%d", pages);
			snprintf(own, sizeof own, "%d", plans[i].pages);
			diag_msg(err, EXIT_SOFTWARE, path, 0, s->id, NULL, "plans.booklet.pages",
				 "pages", took, "own", own, NULL);
			rc = EXIT_SOFTWARE;
		}
		if (progress->bar)
			batch_progress_update(progress->bar, i + 1);
		if (progress->tick)
			progress->tick(progress->ctx);
	}
	if (rc != EXIT_OK)
		render_book_abort(&book);
	else
		rc = render_book_commit(&book, err);
done:
	return rc;
}

int batch_write_booklet(const batch_report *rep, const batch_dir *dir, const tmpl_set *t,
			const batch_booklet_plan *plans, size_t n, batch_progress *bar, diag *err)
{
	batch_booklet_progress progress = { .bar = bar };

	return write_booklet(rep, dir, t, plans, n, NULL, &progress, err);
}

int batch_write_booklet_docs(const batch_report *rep, const batch_dir *dir, const tmpl_set *t,
			     const batch_booklet_plan *plans, size_t n, render_doc *docs,
			     const batch_booklet_progress *progress, diag *err)
{
	return write_booklet(rep, dir, t, plans, n, docs, progress, err);
}
