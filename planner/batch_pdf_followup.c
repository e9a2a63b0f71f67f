/*
 * batch_pdf_followup.c: the follow-up table of summary.pdf, drawn under the realised
 * funnel: the first of last quarter's candidates (followup.csv's order) with the target
 * set then, the orders now, whether the target was met and the class now.
 */
#include <math.h>
#include <stdio.h>

#include "batch_pdf.h"

#define FOLLOWUP_PDF_ROWS 12
#define FOLLOWUP_COLS 7
#define FOLLOWUP_CELL 64

static const char *class_word(const batch_pdf *p, scale_class k)
{
	static const char *const keys[] = { NULL, "summary.col.large", "summary.col.medium",
					    "summary.col.small" };
	return k == CLASS_NONE ? "–" : batch_pdf_word(p, keys[k]);
}

void batch_pdf_followup(batch_pdf *p)
{
	const batch_followup_digest *f = &p->rep->followup;
	static const double share[FOLLOWUP_COLS] = { 58, 88, 62, 44, 44, 44, 30 };
	static const char *const keys[FOLLOWUP_COLS] = {
		"summary.col.store", "summary.col.name", "summary.followup.classes",
		"summary.followup.target", "summary.followup.then", "summary.followup.now",
		"summary.followup.met",
	};
	static const render_align align[FOLLOWUP_COLS] = {
		RENDER_LEFT, RENDER_LEFT, RENDER_LEFT, RENDER_RIGHT, RENDER_RIGHT, RENDER_RIGHT,
		RENDER_LEFT,
	};
	render_column cols[FOLLOWUP_COLS];
	render_cell cells[FOLLOWUP_PDF_ROWS * FOLLOWUP_COLS];
	char c[FOLLOWUP_PDF_ROWS][FOLLOWUP_COLS][FOLLOWUP_CELL], title[256], line[256];
	char count[32], met[32], up[32];
	tmpl_arg ta[] = { { "count", batch_pdf_count(f->n_rows, count, sizeof count) } };
	double sum = 0;
	size_t n = 0;

	for (int k = 0; k < FOLLOWUP_COLS; k++)
		sum += share[k];
	for (int k = 0; k < FOLLOWUP_COLS; k++)
		cols[k] = (render_column){ batch_pdf_word(p, keys[k]), share[k] / sum, align[k] };
	batch_pdf_heading(p, batch_pdf_fmt(p, title, sizeof title, "summary.followup.title",
					   BATCH_PDF_ARGS(ta)),
			  batch_pdf_word(p, "summary.followup.note"), 60);
	if (f->n_rows == 0) {
		batch_pdf_line(p, batch_pdf_word(p, "summary.none"), RENDER_MUTED);
		return;
	}
	tmpl_arg sa[] = { { "met", batch_pdf_count(f->met, met, sizeof met) },
			  { "moved_up", batch_pdf_count(f->moved_up, up, sizeof up) },
			  { "count", count } };
	batch_pdf_line(p, batch_pdf_fmt(p, line, sizeof line, "summary.followup.sums",
					BATCH_PDF_ARGS(sa)), RENDER_INK);
	for (; n < f->n_lines && n < FOLLOWUP_PDF_ROWS; n++) {
		const batch_followup_line *l = &f->lines[n];
		render_cell *row = cells + n * FOLLOWUP_COLS;
		char (*s)[FOLLOWUP_CELL] = c[n];
		for (int k = 0; k < FOLLOWUP_COLS; k++)
			row[k] = (render_cell){ s[k], NULL };
		row[0].text = l->store_id;
		row[1].text = l->name;
		snprintf(s[2], FOLLOWUP_CELL, "%s → %s", class_word(p, l->class_then),
			 class_word(p, l->class_now));
		row[3].text = batch_pdf_num(l->target_orders_then, 2, s[3]);
		row[4].text = batch_pdf_num(l->orders_then, 2, s[4]);
		row[5].text = batch_pdf_num(l->orders_now, 2, s[5]);
		row[6].text = l->met < 0 ? "–" : batch_pdf_word(p, l->met ? "summary.followup.yes"
									   : "summary.followup.no");
	}
	render_table_style st = { 8.0, 3.5, 1, NULL };
	render_table_styled(&p->doc, cols, FOLLOWUP_COLS, cells, n, &st);
	batch_pdf_more(p, n, f->n_rows, "followup.csv");
}
