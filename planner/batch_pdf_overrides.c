/*
 * batch_pdf_overrides.c: the list of reviewed codes (--overrides) in summary.pdf: each
 * listed store with its old code, the code the rule computed, the reviewed code and
 * the reason.  Nothing is drawn when the batch ran without --overrides.
 */
#include <stdio.h>

#include "batch_pdf.h"
#include "overrides.h"

#define OVERRIDE_PDF_ROWS BATCH_PDF_LIST_MAX
#define OVERRIDE_COLS 5

void batch_pdf_overrides(batch_pdf *p)
{
	const overrides *o = p->rep->result->overrides;
	static const double share[OVERRIDE_COLS] = { 58, 34, 34, 34, 160 };
	static const char *const keys[OVERRIDE_COLS] = {
		"summary.col.store", "summary.overrides.old", "summary.overrides.rule",
		"summary.overrides.code", "summary.col.reason",
	};
	render_column cols[OVERRIDE_COLS];
	render_cell cells[OVERRIDE_PDF_ROWS * OVERRIDE_COLS];
	char c[OVERRIDE_PDF_ROWS][3][8], title[256], count[32];
	double sum = 0;
	size_t n = 0;

	if (!o)
		return;
	tmpl_arg ta[] = { { "count", batch_pdf_count(o->n, count, sizeof count) } };
	for (int k = 0; k < OVERRIDE_COLS; k++)
		sum += share[k];
	for (int k = 0; k < OVERRIDE_COLS; k++)
		cols[k] = (render_column){ batch_pdf_word(p, keys[k]), share[k] / sum, RENDER_LEFT };
	batch_pdf_heading(p, batch_pdf_fmt(p, title, sizeof title, "summary.overrides.title",
					   BATCH_PDF_ARGS(ta)),
			  batch_pdf_word(p, "summary.overrides.note"), 40);
	if (o->n == 0) {
		batch_pdf_line(p, batch_pdf_word(p, "summary.none"), RENDER_MUTED);
		return;
	}
	for (; n < o->n && n < OVERRIDE_PDF_ROWS; n++) {
		const override_item *it = &o->items[n];
		render_cell *row = cells + n * OVERRIDE_COLS;
		code_format(&it->old_code, c[n][0]);
		code_format(&it->rule_code, c[n][1]);
		code_format(&it->code, c[n][2]);
		row[0] = (render_cell){ it->store_id, NULL };
		row[1] = (render_cell){ c[n][0], NULL };
		row[2] = (render_cell){ c[n][1], NULL };
		row[3] = (render_cell){ c[n][2], NULL };
		row[4] = (render_cell){ it->reason, NULL };
	}
	render_table_style st = { 8.0, 3.5, 0, NULL };
	render_table_styled(&p->doc, cols, OVERRIDE_COLS, cells, n, &st);
	batch_pdf_more(p, n, o->n, "reclassification.csv");
}
