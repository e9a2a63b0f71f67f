/*
 * batch_pdf.c: summary.pdf of `planner batch` as a whole (see batch_pdf.h): the keys
 * it needs from templates/LANG.txt (checked at load), the helpers its sections share,
 * the footer drawn once the page count is known, and the atomic write of the document.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch_io.h"
#include "batch_pdf.h"
#include "commands.h"
#include "datapath.h"
#include "render_out.h"
#include "options.h"
#include "report.h"
#include "utf8.h"
#include "render_mem.h"

/* The most pages summary.pdf may have: the lists are cut at BATCH_PDF_LIST_MAX rows, so
 * only a layout gone wrong comes near it. */
#define SUMMARY_MAX_PAGES 48

/* Every key the summary reads, with the placeholders it supplies. */
static const tmpl_key summary_keys[] = {
	{ "style.font", "" }, { "footer.page", "page pages" },
	{ "format.Y", "" }, { "format.S", "" }, { "format.B", "" }, { "format.C", "" },
	{ "format.E", "" }, { "format.Q", "" }, { "format.other", "letter" },
	{ "market.1", "" }, { "market.2", "" },
	{ "summary.title", "" }, { "summary.heading", "title quarter" },
	{ "summary.region", "name id file" },
	{ "summary.settings", "large medium small min_peers gap" },
	{ "summary.footer", "title quarter region version" },
	{ "summary.card.stores", "" }, { "summary.card.ok", "" }, { "summary.card.up", "" },
	{ "summary.card.down", "" }, { "summary.card.candidates", "" },
	{ "summary.card.invalid", "" },
	{ "summary.groups.title", "" }, { "summary.groups.name", "market format" },
	{ "summary.groups.insufficient", "min_peers" },
	{ "summary.col.group", "" }, { "summary.col.description", "" },
	{ "summary.col.members", "" }, { "summary.col.with-orders", "" },
	{ "summary.col.large-threshold", "" }, { "summary.col.medium-threshold", "" },
	{ "summary.col.large", "" }, { "summary.col.medium", "" }, { "summary.col.small", "" },
	{ "summary.col.no-orders", "" }, { "summary.col.up", "" }, { "summary.col.down", "" },
	{ "summary.col.candidates", "" }, { "summary.col.rank", "" }, { "summary.col.store", "" },
	{ "summary.col.name", "" }, { "summary.col.orders", "" }, { "summary.col.target", "" },
	{ "summary.col.gap", "" }, { "summary.col.growth", "" }, { "summary.col.trend", "" },
	{ "summary.col.code-change", "" }, { "summary.col.previous", "" },
	{ "summary.col.regain", "" }, { "summary.col.reason", "" },
	{ "summary.transitions.title", "from to" }, { "summary.transitions.note", "" },
	{ "summary.transitions.corner", "" }, { "summary.transitions.total", "" },
	{ "summary.transitions.up", "" }, { "summary.transitions.down", "" },
	{ "summary.transitions.churn", "" }, { "summary.transitions.lifetime", "" },
	{ "summary.transitions.quarters", "value" }, { "summary.transitions.stopped", "" },
	{ "summary.transitions.stopped.value", "large medium small" },
	{ "summary.no-previous", "" },
	{ "summary.funnel.title", "" }, { "summary.funnel.note", "" },
	{ "summary.funnel.flagged", "" }, { "summary.funnel.classified", "" },
	{ "summary.funnel.grew", "" }, { "summary.funnel.moved-up", "" },
	{ "summary.funnel.rates", "rate others base" },
	{ "summary.followup.title", "count" }, { "summary.followup.note", "" },
	{ "summary.followup.sums", "met moved_up count" },
	{ "summary.followup.classes", "" }, { "summary.followup.target", "" },
	{ "summary.followup.then", "" }, { "summary.followup.now", "" },
	{ "summary.followup.met", "" }, { "summary.followup.yes", "" },
	{ "summary.followup.no", "" },
	{ "summary.overrides.title", "count" }, { "summary.overrides.note", "" },
	{ "summary.overrides.old", "" }, { "summary.overrides.rule", "" },
	{ "summary.overrides.code", "" },
	{ "summary.charts.title", "" }, { "summary.charts.note", "" },
	{ "summary.chart.title", "group name count" }, { "summary.chart.large", "value" },
	{ "summary.chart.medium", "value" }, { "summary.chart.beyond", "count value" },
	{ "summary.chart.not-reclassified", "" },
	{ "summary.candidates.title", "count" }, { "summary.candidates.note", "" },
	{ "summary.downgrades.title", "count" }, { "summary.downgrades.note", "" },
	{ "summary.downgrades.fell-below", "" }, { "summary.downgrades.stopped", "" },
	{ "summary.invalid.title", "count" }, { "summary.invalid.note", "" },
	{ "summary.invalid.file", "" },
	{ "summary.plans.title", "" }, { "summary.more", "count file" },
	{ "summary.none", "" },
	{ "summary.changes.note", "" }, { "summary.card.against-file", "" },
	{ "summary.quarter.1", "year" }, { "summary.quarter.2", "year" },
	{ "summary.quarter.3", "year" }, { "summary.quarter.4", "year" },
	{ "summary.plans.written", "written booklet" },
	{ "summary.plans.capped", "written limit candidates left_out booklet" },
	{ "summary.plans.top", "written limit candidates left_out booklet" },
	{ "summary.plans.no-booklet", "written reason" }, { "summary.plans.failed", "count" },
	{ "summary.plans.failure", "store reason" },
	{ "summary.invalid.item", "line store field reason" },
	{ "summary.invalid.item.no-field", "line store reason" },
	{ "summary.invalid.item.no-store", "line field reason" },
	{ "summary.invalid.item.bare", "line reason" },
	/* the pages of --grades, --quadrants and --hold-down (batch_pdf_grades.c) */
	{ "summary.grades.title", "" }, { "summary.grades.note", "scope" },
	{ "summary.grades.note.held", "scope held" },
	{ "summary.grades.scope.region", "" }, { "summary.grades.scope.group", "" },
	{ "summary.grades.col.grade", "" }, { "summary.grades.col.share", "" },
	{ "summary.grades.col.threshold", "" }, { "summary.grades.col.stores", "quarter" },
	{ "summary.grades.col.change", "" }, { "summary.grades.col.up-into", "" },
	{ "summary.grades.col.down-into", "" },
	{ "summary.grades.by-1", "" }, { "summary.grades.by-2", "" }, { "summary.grades.by-3", "" },
	{ "summary.grades.total", "" }, { "summary.grades.up", "" }, { "summary.grades.down", "" },
	{ "summary.grades.rule.title", "" }, { "summary.grades.rule", "verdict up down" },
	{ "summary.grades.rule.met", "" }, { "summary.grades.rule.not-met", "" },
	{ "summary.quadrants.title", "" }, { "summary.quadrants.note", "value_cut match_cut none" },
	{ "summary.quadrants.x", "" }, { "summary.quadrants.y", "" },
	{ "summary.quadrants.strategic", "count" }, { "summary.quadrants.profit", "count" },
	{ "summary.quadrants.potential", "count" }, { "summary.quadrants.ordinary", "count" },
	{ "summary.held.title", "count" }, { "summary.held.note", "hold codes grades" },
	{ "summary.held.note.grades", "hold codes grades" },
	{ "summary.held.col.code", "" }, { "summary.held.col.keep", "" },
	{ "summary.held.col.status", "" }, { "summary.held.left", "count" },
	{ "summary.held.left.one", "count" },
};

int batch_pdf_load_words(const char *lang, tmpl_set **out)
{
	char dir[PATH_MAX];
	diag err;

	if (options_lang_check("batch", lang) != EXIT_OK)
		return EXIT_USAGE;
	datapath_file("templates", dir, sizeof dir);
	int status = tmpl_load(dir, lang, summary_keys, sizeof summary_keys / sizeof summary_keys[0],
			       out, &err);
	if (status != EXIT_OK)
		report_msg("batch", "templates.failed", "why", err.text, NULL);
	return status;
}

/* ---- helpers of the sections ------------------------------------------------------------ */

const char *batch_pdf_fmt(const batch_pdf *p, char *buf, size_t size, const char *key,
			  const tmpl_arg *args, size_t n_args)
{
	return tmpl_format(p->t, key, NULL, args, n_args, buf, size);
}

const char *batch_pdf_word(const batch_pdf *p, const char *key)
{
	const char *w = tmpl_get(p->t, key);
	return w ? w : "";
}

void batch_pdf_heading(batch_pdf *p, const char *title, const char *note, double keep_with)
{
	render_doc *d = &p->doc;
	render_font nf = render_small();
	double nh = note ? render_measure(d, note, render_width(d), &nf, NULL) + 4 : 0;

	render_heading(d, ++p->section, title, nh + keep_with);
	if (note)
		d->y += render_text(d, d->left, d->y, render_width(d), note, &nf) + 4;
}

void batch_pdf_line(batch_pdf *p, const char *text, render_rgb color)
{
	render_doc *d = &p->doc;
	render_font f = render_small();
	double h;

	f.color = color;
	h = render_measure(d, text, render_width(d), &f, NULL);
	render_need(d, h);
	d->y += render_text(d, d->left, d->y, render_width(d), text, &f) + 2;
}

void batch_pdf_more(batch_pdf *p, size_t shown, size_t total, const char *file)
{
	char count[24], line[256];
	tmpl_arg a[] = { { "count", count }, { "file", file } };

	if (total <= shown)
		return;
	snprintf(count, sizeof count, "%zu", total - shown);
	p->doc.y += 3;
	batch_pdf_line(p, batch_pdf_fmt(p, line, sizeof line, "summary.more", BATCH_PDF_ARGS(a)),
		       RENDER_MUTED);
}

const char *batch_pdf_num(double x, int decimals, char *buf)
{
	if (isnan(x))
		return "–";
	batch_format_num(x, decimals, buf);
	return buf;
}

const char *batch_pdf_count(size_t n, char *buf, size_t size)
{
	char raw[32];
	int len = snprintf(raw, sizeof raw, "%zu", n);
	size_t j = 0;

	for (int i = 0; i < len && j + 2 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[j++] = ',';
		buf[j++] = raw[i];
	}
	buf[j] = '\0';
	return buf;
}

const char *batch_pdf_pct(double x, char *buf, size_t size)
{
	if (isnan(x))
		return "–";
	snprintf(buf, size, x > 0 && x < 1 ? "%.2f%%" : "%.1f%%", x);
	return buf;
}

const char *batch_pdf_quarter(const batch_pdf *p, quarter_t q, char *buf, size_t size)
{
	char key[24], year[16];
	tmpl_arg a[] = { { "year", year } };

	if (q == QUARTER_NONE) {
		snprintf(buf, size, "–");
		return buf;
	}
	snprintf(key, sizeof key, "summary.quarter.%d", quarter_number(q));
	snprintf(year, sizeof year, "%d", quarter_year(q));
	return batch_pdf_fmt(p, buf, size, key, BATCH_PDF_ARGS(a));
}

const char *batch_pdf_group_name(const batch_pdf *p, const char *key, char *buf, size_t size)
{
	char fkey[16], mkey[16], letter[2] = { key[0], 0 }, format[96];
	tmpl_arg la[] = { { "letter", letter } };

	snprintf(fkey, sizeof fkey, "format.%c", key[0]);
	snprintf(mkey, sizeof mkey, "market.%c", key[0] ? key[1] : '0');
	tmpl_format(p->t, fkey, tmpl_get(p->t, "format.other"), BATCH_PDF_ARGS(la), format,
		    sizeof format);
	tmpl_arg a[] = { { "market", batch_pdf_word(p, mkey) }, { "format", format } };
	return batch_pdf_fmt(p, buf, size, "summary.groups.name", BATCH_PDF_ARGS(a));
}

/* ---- the document ------------------------------------------------------------------------- */

/* The footer of every page: what the document is, and "page N of M". */
static void decorate(void *ctx, int page, int pages)
{
	batch_pdf *p = ctx;
	render_doc *d = &p->doc;
	render_font f = render_small();
	char left[512], right[64], pg[16], pgs[16];
	tmpl_arg fa[] = { { "title", batch_pdf_word(p, "summary.title") },
			  { "quarter", p->quarter },
			  { "region", p->rep->region->name ? p->rep->region->name : "" },
			  { "version", PLANNER_VERSION } };
	tmpl_arg pa[] = { { "page", pg }, { "pages", pgs } };

	snprintf(pg, sizeof pg, "%d", page);
	snprintf(pgs, sizeof pgs, "%d", pages);
	batch_pdf_fmt(p, left, sizeof left, "summary.footer", BATCH_PDF_ARGS(fa));
	batch_pdf_fmt(p, right, sizeof right, "footer.page", BATCH_PDF_ARGS(pa));
	double fy = d->bottom + 24;
	render_line(d, d->left, fy - 6, d->right, fy - 6, 0.5, RENDER_RULE, 0);
	f.single_line = 1;
	render_text(d, d->left, fy, render_width(d) * 0.75, left, &f);
	f.align = RENDER_RIGHT;
	render_text(d, d->right - 120, fy, 120, right, &f);
}

int batch_pdf_save(render_doc *d, const char *dir, const char *title)
{
	char path[PATH_MAX + 16];
	cairo_status_t s = render_doc_status(d);
	render_out *o;
	diag err;

	snprintf(path, sizeof path, "%s/summary.pdf", dir);
	if (s != CAIRO_STATUS_SUCCESS) {
		char pages[16];
		snprintf(pages, sizeof pages, "%d", d->max_pages);
		if (s == CAIRO_STATUS_INVALID_SIZE)
			report_msg("batch", "render.summary.too-long", "file", path, "pages", pages,
				   NULL);
		else
			report_msg("batch", "render.summary.not-written", "file", path, "error",
				   cairo_status_to_string(s), NULL);
		return EXIT_SOFTWARE;
	}
	o = malloc(sizeof *o);
	if (!o) {
		report_msg("batch", "render.summary.no-memory", "file", path, NULL);
		return EXIT_SOFTWARE;
	}
	int status = render_out_open(o, path, &err);
	if (status != EXIT_OK) {
		report_msg("batch", "", "text", err.text, NULL);   /* worded by render_out */
		free(o);
		return status;
	}
	char date[32];
	s = render_doc_write_pdf(d, o, title, "planner batch", render_metadata_date(date, sizeof date));
	if (s == CAIRO_STATUS_SUCCESS) {
		status = render_out_commit(o, &err);
		if (status != EXIT_OK)
			report_msg("batch", "", "text", err.text, NULL);
	} else {
		int e = o->out.err;
		render_out_abort(o);
		status = s == CAIRO_STATUS_WRITE_ERROR ? EXIT_IOERR : EXIT_SOFTWARE;
		report_msg("batch", "out.file-error", "file", path, "error",
			   e ? strerror(e) : cairo_status_to_string(s), NULL);
	}
	free(o);
	return status;
}

int batch_write_pdf(const batch_report *rep)
{
	char msg[PATH_MAX + 128];

	if (render_mem_check(msg, sizeof msg) != 0) {
		report_msg("batch", "render.summary.fonts-memory", "why", msg, NULL);
		return EXIT_SOFTWARE;
	}
	batch_pdf *p = calloc(1, sizeof *p);
	char title[512];

	if (!p) {
		char path[PATH_MAX + 16];
		snprintf(path, sizeof path, "%s/summary.pdf", rep->dir);
		report_msg("batch", "render.summary.no-memory", "file", path, NULL);
		return EXIT_SOFTWARE;
	}
	p->rep = rep;
	p->t = rep->words;
	batch_pdf_quarter(p, rep->result->quarter, p->quarter, sizeof p->quarter);
	batch_pdf_quarter(p, rep->result->prev_quarter, p->prev_quarter, sizeof p->prev_quarter);
	render_doc_init(&p->doc, batch_pdf_word(p, "style.font"), p->t->lang);
	p->doc.max_pages = SUMMARY_MAX_PAGES;
	tmpl_arg ta[] = { { "title", batch_pdf_word(p, "summary.title") },
			  { "quarter", p->quarter },
			  { "region", rep->region->name ? rep->region->name : "" },
			  { "version", PLANNER_VERSION } };
	batch_pdf_fmt(p, title, sizeof title, "summary.footer", BATCH_PDF_ARGS(ta));

	/* a section that failed (memory) stops the document: nothing more is drawn, and
	 * batch_pdf_save reports it instead of writing a summary with a part missing */
	void (*const sections[])(batch_pdf *) = { batch_pdf_overview, batch_pdf_changes,
						  batch_pdf_charts, batch_pdf_grades,
						  batch_pdf_lists };
	render_page_new(&p->doc);
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
		if (render_doc_status(&p->doc) == CAIRO_STATUS_SUCCESS)
			sections[i](p);
	render_doc_finish(&p->doc, decorate, p);

	int status = batch_pdf_save(&p->doc, rep->dir, title);
	render_doc_free(&p->doc);
	free(p);
	return status;
}
