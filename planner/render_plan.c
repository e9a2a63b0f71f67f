/*
 * render_plan.c: the plan as a whole (see render_plan.h): derives the SWOT findings and
 * milestones, lays the sections out page by page (render_standing.c, render_target.c,
 * render_swot.c), adds the running header and footer once the page count is known,
 * and writes the PDF or PNG atomically.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render_mem.h"
#include "render_plan_int.h"
#include "utf8.h"
#include "version.h"

/* ---- running header and footer, drawn once the page count is known ----------------- */

static void decorate(void *ctx, int page, int pages)
{
	plan_ctx *p = ctx;
	render_doc *d = &p->doc;
	render_font f = render_small();
	char left[256], right[64], pg[16], pgs[16], run[512];
	tmpl_arg fa[] = { { "version", PLANNER_VERSION }, { "date", p->date } };
	tmpl_arg pa[] = { { "page", pg }, { "pages", pgs } };

	snprintf(pg, sizeof pg, "%d", page);
	snprintf(pgs, sizeof pgs, "%d", pages);
	plan_fmt(p, left, sizeof left, "footer.left", PLAN_ARGS(fa));
	plan_fmt(p, right, sizeof right, "footer.page", PLAN_ARGS(pa));
	double fy = d->bottom + 24;
	render_line(d, d->left, fy - 6, d->right, fy - 6, 0.5, RENDER_RULE, 0);
	f.single_line = 1;
	render_text(d, d->left, fy, render_width(d) * 0.7, left, &f);
	f.align = RENDER_RIGHT;
	render_text(d, d->right - 120, fy, 120, right, &f);
	if (page > 1) {
		tmpl_arg ra[] = { { "title", p->title }, { "name", p->s->name ? p->s->name : "" },
				  { "id", p->s->id } };
		plan_fmt(p, run, sizeof run, "doc.running", PLAN_ARGS(ra));
		f.align = RENDER_LEFT;
		render_text(d, d->left, 26, render_width(d), run, &f);
		render_line(d, d->left, 40, d->right, 40, 0.5, RENDER_RULE, 0);
	}
}

/* ---- the whole plan ------------------------------------------------------------------- */

static time_t plan_time(const plan_input *in, int *utc)
{
	time_t when;

	*utc = 0;
	if (in->date)
		return in->date;
	if (render_source_date(&when)) {
		*utc = 1;
		return when;
	}
	return time(NULL);
}

static void plan_setup(plan_ctx *p)
{
	const evaluation *ev = p->ev;
	const region *r = p->in->region;
	struct tm tm;
	int utc;
	time_t now = plan_time(p->in, &utc);

	if (utc)
		gmtime_r(&now, &tm);
	else
		localtime_r(&now, &tm);
	plan_date(p, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, p->date, sizeof p->date);
	render_iso_date(&tm, p->date_iso, sizeof p->date_iso);
	plan_quarter(p, ev->quarter, 0, p->quarter, sizeof p->quarter);
	plan_quarter(p, ev->deadline, 0, p->deadline, sizeof p->deadline);
	plan_quarter(p, ev->deadline, 1, p->deadline_brief, sizeof p->deadline_brief);

	char key[96];
	const char *unit = r && r->unit && *r->unit ? r->unit : NULL, *word = NULL;
	if (unit) {
		snprintf(key, sizeof key, "unit.%.80s", unit);
		word = tmpl_get(p->t, key);
	}
	utf8_truncate(p->unit, sizeof p->unit, word ? word : unit ? unit : tmpl_get(p->t, "unit.default"));
	const char *tk = ev->status != STATUS_OK ? "doc.title.hold"
			 : ev->target_class == CLASS_NONE ? "doc.title.retention" : "doc.title";
	snprintf(p->title, sizeof p->title, "%s", tmpl_get(p->t, tk));
}

static int plan_derive(plan_ctx *p)
{
	const plan_input *in = p->in;
	const region *r = in->region;
	/* a growth fact without a place is the region's: worded with its name */
	const char *rname = r && r->name && *r->name ? r->name : tmpl_get(p->t, "growth.region");
	swot_input si = { in->store, in->ev, in->ps, r ? r->growth : NULL,
			  r ? r->n_growth : 0, in->peer_area_median, rname };

	if (isnan(si.peer_area_median) && in->region)
		si.peer_area_median = swot_peer_area_median(in->region, in->ev->peer_group,
							    in->ev->quarter);
	milestones_compute(in->store, in->ev, &p->t->milestones, &p->ms);
	return swot_derive(&p->t->swot, &si, &p->swot);
}

/* Lays the plan out into p->doc (derived findings, every section, header and footer).
 * EXIT_OK, or EXIT_SOFTWARE with *err naming what (path: the output, for the message). */
static int plan_lay_out(plan_ctx *p, const tmpl_set *t, const plan_input *in, const char *path,
			diag *err)
{
	p->t = t;
	p->in = in;
	p->s = in->store;
	p->ev = in->ev;
	if (plan_derive(p) != 0 || render_doc_init(&p->doc, tmpl_get(t, "style.font"), t->lang) != 0) {
		diag_msg(err, EXIT_SOFTWARE, path, 0, NULL, NULL, "out.no-memory", NULL);
		return EXIT_SOFTWARE;
	}
	plan_setup(p);
	render_page_new(&p->doc);
	plan_title_band(p);
	plan_profile(p);
	plan_standing(p);
	plan_target(p);
	plan_swot(p);
	plan_measures(p);
	plan_signature(p);
	render_doc_finish(&p->doc, decorate, p);
	render_mem_fonts_up();

	cairo_status_t cs = render_doc_status(&p->doc);
	if (cs != CAIRO_STATUS_SUCCESS) {
		diag_msg(err, EXIT_SOFTWARE, path, 0, NULL, NULL, "render.cannot-draw-plan", "error",
			 cairo_status_to_string(cs), NULL);
		return EXIT_SOFTWARE;
	}
	return EXIT_OK;
}

/* The PDF's title and date, kept in the laid-out document for whoever writes it. */
static void plan_meta(plan_ctx *p)
{
	tmpl_arg ta[] = { { "title", p->title }, { "name", p->s->name ? p->s->name : p->s->id } };
	plan_fmt(p, p->doc.pdf_title, sizeof p->doc.pdf_title, "doc.pdf-title", PLAN_ARGS(ta));
	snprintf(p->doc.pdf_date, sizeof p->doc.pdf_date, "%s", p->date_iso);
}

/* Writes a laid-out plan to path atomically, as a PDF or a PNG. */
static int write_doc(render_doc *doc, render_format fmt, const char *path, diag *err)
{
	render_out *o = malloc(sizeof *o);
	if (!o) {
		diag_msg(err, EXIT_SOFTWARE, path, 0, NULL, NULL, "out.no-memory", NULL);
		return EXIT_SOFTWARE;
	}
	int rc = render_out_open(o, path, err);
	if (rc != EXIT_OK) {
		free(o);
		return rc;
	}
	cairo_status_t cs = fmt == RENDER_FORMAT_PDF
		     ? render_doc_write_pdf(doc, o, doc->pdf_title, "planner " PLANNER_VERSION,
					    doc->pdf_date)
		     : render_doc_write_png(doc, o);
	if (cs != CAIRO_STATUS_SUCCESS && !o->out.err) {
		diag_msg(err, EXIT_SOFTWARE, path, 0, NULL, NULL, "render.cannot-write-plan",
			 "error", cairo_status_to_string(cs), NULL);
		render_out_abort(o);
		rc = EXIT_SOFTWARE;
	} else {
		rc = render_out_commit(o, err);   /* reports a write error remembered by o */
	}
	free(o);
	return rc;
}

static int render_once(const tmpl_set *t, const plan_input *in, render_format fmt,
		       const char *path, int *pages, diag *err)
{
	char mem[256];
	if (render_mem_check(mem, sizeof mem) != 0) {
		/* already worded by render_mem_check: the empty key's "text" */
		diag_msg(err, EXIT_SOFTWARE, NULL, 0, NULL, NULL, "", "text", mem, NULL);
		return EXIT_SOFTWARE;
	}
	plan_ctx *p = calloc(1, sizeof *p);
	if (!p) {
		diag_msg(err, EXIT_SOFTWARE, path, 0, NULL, NULL, "out.no-memory", NULL);
		return EXIT_SOFTWARE;
	}
	int rc = plan_lay_out(p, t, in, path, err);
	if (rc == EXIT_OK) {
		if (pages)
			*pages = p->doc.n_pages;
		plan_meta(p);
		rc = write_doc(&p->doc, fmt, path, err);
	}
	render_doc_free(&p->doc);
	swot_result_free(&p->swot);
	free(p);
	return rc;
}

int render_plan_append(const tmpl_set *t, const plan_input *in, render_book *book,
		       const char *outline, int *pages, diag *err)
{
	plan_ctx *p = calloc(1, sizeof *p);
	int rc;

	*pages = 0;
	if (!p) {
		diag_msg(err, EXIT_SOFTWARE, book->path, 0, NULL, NULL, "out.no-memory", NULL);
		return EXIT_SOFTWARE;
	}
	rc = plan_lay_out(p, t, in, book->path, err);
	if (rc == EXIT_OK) {
		*pages = p->doc.n_pages;
		rc = render_book_add(book, &p->doc, outline, err);
	}
	render_doc_free(&p->doc);
	swot_result_free(&p->swot);
	free(p);
	return rc;
}

int render_plan_lay_out_doc(const tmpl_set *t, const plan_input *in, const char *path,
			    render_doc *doc, diag *err)
{
	plan_ctx *p = calloc(1, sizeof *p);
	int rc;

	memset(doc, 0, sizeof *doc);
	if (!p) {
		diag_msg(err, EXIT_SOFTWARE, path, 0, NULL, NULL, "out.no-memory", NULL);
		return EXIT_SOFTWARE;
	}
	rc = plan_lay_out(p, t, in, path, err);
	if (rc == EXIT_OK) {
		plan_meta(p);
		render_doc_drop_text(&p->doc);
		*doc = p->doc;    /* the pages change hands */
	} else {
		render_doc_free(&p->doc);
	}
	swot_result_free(&p->swot);
	free(p);
	return rc;
}

int render_plan_write_doc(render_doc *doc, const char *path, diag *err)
{
	return write_doc(doc, RENDER_FORMAT_PDF, path, err);
}

int render_plan_write(const tmpl_set *t, const plan_input *in, const char *path, diag *err)
{
	return render_plan_write_counted(t, in, path, NULL, err);
}

int render_plan_write_counted(const tmpl_set *t, const plan_input *in, const char *path,
			      int *pages, diag *err)
{
	render_format fmt = in->format ? in->format : render_format_of(path);

	if (fmt == RENDER_FORMAT_NONE) {
		diag_msg(err, EXIT_USAGE, path, 0, NULL, NULL, "render.bad-extension", NULL);
		return EXIT_USAGE;
	}
	return render_once(t, in, fmt, path, pages, err);
}
