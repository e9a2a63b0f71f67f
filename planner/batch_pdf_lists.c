/*
 * batch_pdf_lists.c: the later sections of summary.pdf: the order distribution of each
 * peer group (render_histogram, two side by side, with the thresholds marked), the top
 * upgrade candidates, the downgrades with their reasons, the invalid stores with their
 * first problem, and the plans that could not be written.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "batch_pdf.h"
#include "batch_plans.h"
#include "messages.h"
#include "render_chart.h"
#include "utf8.h"

#define LIST_MAX BATCH_PDF_LIST_MAX
#define LIST_FONT 8.0
#define CELL_LEN 64

/* ---- order distribution per group ------------------------------------------------------- */

static void group_chart(batch_pdf *p, const batch_group *g, render_box b)
{
	render_doc *d = &p->doc;
	const peer_stats *ps = &g->cur;
	render_font tf = { 8.5, 1, ps->enough_peers ? RENDER_INK : RENDER_MUTED, RENDER_LEFT, 1 };
	char title[256], name[128], count[32], lv[32], mv[32], ll[64], ml[64];
	tmpl_arg ta[] = { { "group", g->key }, { "name", name }, { "count", count } };
	tmpl_arg la[] = { { "value", batch_pdf_num(ps->threshold_large, 2, lv) } };
	tmpl_arg ma[] = { { "value", batch_pdf_num(ps->threshold_medium, 2, mv) } };

	batch_pdf_group_name(p, g->key, name, sizeof name);
	batch_pdf_count(ps->n, count, sizeof count);
	batch_pdf_fmt(p, title, sizeof title, "summary.chart.title", BATCH_PDF_ARGS(ta));
	double th = render_text(d, b.x, b.y, b.w, title, &tf) + 2;
	render_marker marks[2] = {
		{ ps->threshold_large, batch_pdf_fmt(p, ll, sizeof ll, "summary.chart.large",
						     BATCH_PDF_ARGS(la)), RENDER_RED, 1 },
		{ ps->threshold_medium, batch_pdf_fmt(p, ml, sizeof ml, "summary.chart.medium",
						      BATCH_PDF_ARGS(ma)), RENDER_AMBER, 1 },
	};
	int thresholds = ps->enough_peers && !isnan(ps->threshold_large);
	render_histogram_spec spec = {
		ps->sorted, ps->n, thresholds ? ps->threshold_large : NAN,
		thresholds ? ps->threshold_medium : NAN, marks, thresholds ? 2 : 0, NULL, NULL,
		batch_pdf_word(p, "summary.chart.beyond"),
	};
	render_histogram(d, (render_box){ b.x, b.y + th, b.w, b.h - th }, &spec);
	if (!ps->enough_peers) {
		render_font nf = render_small();
		render_text(d, b.x + 44, b.y + th + 14, b.w - 50,
			    batch_pdf_word(p, "summary.chart.not-reclassified"), &nf);
	}
}

void batch_pdf_charts(batch_pdf *p)
{
	const batch_result *b = p->rep->result;
	render_doc *d = &p->doc;
	double gap = 16, w = (render_width(d) - gap) / 2, h = 140;

	if (b->n_groups == 0)
		return;
	batch_pdf_heading(p, batch_pdf_word(p, "summary.charts.title"),
			  batch_pdf_word(p, "summary.charts.note"), h);
	for (size_t k = 0; k < b->n_groups; k += 2) {
		render_need(d, h);
		for (size_t j = k; j < k + 2 && j < b->n_groups; j++)
			group_chart(p, &b->groups[j], (render_box){ d->left + (double)(j - k) * (w + gap),
								   d->y, w, h });
		d->y += h + 10;
	}
}

/* ---- candidates and downgrades ------------------------------------------------------------- */

static void list_table(batch_pdf *p, const render_column *cols, size_t n_cols,
		       const render_cell *cells, size_t n_rows, double size)
{
	render_table_style st = { size, 3.5, 1, NULL };

	render_table_styled(&p->doc, cols, n_cols, cells, n_rows, &st);
}

#define CAND_COLS 9

static void candidates_table(batch_pdf *p)
{
	const batch_result *b = p->rep->result;
	const region *r = p->rep->region;
	static const double share[CAND_COLS] = { 22, 62, 112, 38, 46, 74, 40, 46, 52 };
	static const char *const keys[CAND_COLS] = {
		"summary.col.rank", "summary.col.store", "summary.col.name", "summary.col.group",
		"summary.col.orders", "summary.col.target", "summary.col.gap", "summary.col.growth",
		"summary.col.trend",
	};
	static const render_align align[CAND_COLS] = {
		RENDER_RIGHT, RENDER_LEFT, RENDER_LEFT, RENDER_LEFT, RENDER_RIGHT, RENDER_LEFT,
		RENDER_RIGHT, RENDER_RIGHT, RENDER_RIGHT,
	};
	render_column cols[CAND_COLS];
	render_cell cells[LIST_MAX * CAND_COLS];
	char c[LIST_MAX][CAND_COLS][CELL_LEN], title[256], count[32];
	tmpl_arg ta[] = { { "count", count } };
	size_t n = 0;
	double sum = 0;

	for (int k = 0; k < CAND_COLS; k++)
		sum += share[k];
	for (int k = 0; k < CAND_COLS; k++)
		cols[k] = (render_column){ batch_pdf_word(p, keys[k]), share[k] / sum, align[k] };
	snprintf(count, sizeof count, "%zu", b->total.n_candidates);
	render_page_new(&p->doc);
	batch_pdf_heading(p, batch_pdf_fmt(p, title, sizeof title, "summary.candidates.title",
					   BATCH_PDF_ARGS(ta)),
			  batch_pdf_word(p, "summary.candidates.note"), 60);
	if (b->n_candidates == 0) {
		batch_pdf_line(p, batch_pdf_word(p, "summary.none"), RENDER_MUTED);
		return;
	}
	for (; n < b->n_candidates && n < LIST_MAX; n++) {
		batch_candidate_detail dt;
		batch_candidate_get(b, r, &b->candidates[n], &dt);
		const evaluation *ev = &dt.row.ev;
		render_cell *row = cells + n * CAND_COLS;
		char (*s)[CELL_LEN] = c[n], code[5], tv[40];
		for (int k = 0; k < CAND_COLS; k++)
			row[k] = (render_cell){ s[k], NULL };
		snprintf(s[0], CELL_LEN, "%zu", n + 1);
		row[1].text = region_str(r, dt.row.e->id);     /* whole: the cell ellipsizes */
		row[2].text = region_str(r, dt.row.e->name);
		snprintf(s[3], CELL_LEN, "%s", ev->peer_group);
		row[4].text = batch_pdf_num(ev->orders, 2, s[4]);
		code_format(&ev->target_code, code);
		snprintf(s[5], CELL_LEN, "%s ≥ %s", code, batch_pdf_num(ev->target_orders, 2, tv));
		row[6].text = batch_pdf_num(ev->gap, 2, s[6]);
		row[7].text = batch_pdf_pct(ev->growth_required_pct, s[7], CELL_LEN);
		if (isnan(dt.trend.pct))
			snprintf(s[8], CELL_LEN, "–");
		else
			snprintf(s[8], CELL_LEN, "%+.1f%%", dt.trend.pct);
	}
	list_table(p, cols, CAND_COLS, cells, n, LIST_FONT);
	batch_pdf_more(p, LIST_MAX, b->total.n_candidates, "candidates.csv");
}

#define DOWN_COLS 8

static void downgrades_table(batch_pdf *p)
{
	const batch_result *b = p->rep->result;
	const region *r = p->rep->region;
	static const double share[DOWN_COLS] = { 58, 88, 34, 62, 38, 45, 84, 78 };
	static const char *const keys[DOWN_COLS] = {
		"summary.col.store", "summary.col.name", "summary.col.group",
		"summary.col.code-change", "summary.col.orders", "summary.col.previous",
		"summary.col.regain", "summary.col.reason",
	};
	static const render_align align[DOWN_COLS] = {
		RENDER_LEFT, RENDER_LEFT, RENDER_LEFT, RENDER_LEFT, RENDER_RIGHT, RENDER_RIGHT,
		RENDER_RIGHT, RENDER_LEFT,
	};
	render_column cols[DOWN_COLS];
	render_cell cells[LIST_MAX * DOWN_COLS];
	char c[LIST_MAX][DOWN_COLS][CELL_LEN], title[256], count[32];
	size_t total = b->total.n_downgrades + b->total.n_stopped, n = 0;
	tmpl_arg ta[] = { { "count", count } };
	double sum = 0;

	for (int k = 0; k < DOWN_COLS; k++)
		sum += share[k];
	for (int k = 0; k < DOWN_COLS; k++)
		cols[k] = (render_column){ batch_pdf_word(p, keys[k]), share[k] / sum, align[k] };
	snprintf(count, sizeof count, "%zu", total);
	batch_pdf_heading(p, batch_pdf_fmt(p, title, sizeof title, "summary.downgrades.title",
					   BATCH_PDF_ARGS(ta)),
			  batch_pdf_word(p, "summary.downgrades.note"), 60);
	if (b->n_downgrades == 0) {
		batch_pdf_line(p, batch_pdf_word(p, "summary.none"), RENDER_MUTED);
		return;
	}
	for (; n < b->n_downgrades && n < LIST_MAX; n++) {
		batch_downgrade_detail dt;
		batch_downgrade_get(b, r, &b->downgrades[n], &dt);
		const evaluation *ev = &dt.row.ev;
		int stopped = b->downgrades[n].reason == BATCH_STOPPED_ORDERING;
		render_cell *row = cells + n * DOWN_COLS;
		char (*s)[CELL_LEN] = c[n], from[5], to[5], tv[40];
		for (int k = 0; k < DOWN_COLS; k++)
			row[k] = (render_cell){ s[k], NULL };
		row[0].text = region_str(r, dt.row.e->id);
		row[1].text = region_str(r, dt.row.e->name);
		snprintf(s[2], CELL_LEN, "%s", ev->peer_group);
		code_format(&ev->current_code, from);
		code_format(&ev->computed_code, to);
		if (stopped)
			snprintf(s[3], CELL_LEN, "%s", from);
		else
			snprintf(s[3], CELL_LEN, "%s → %s", from, to);
		row[4].text = batch_pdf_num(ev->orders, 2, s[4]);
		row[5].text = batch_pdf_num(dt.row.prev_orders, 2, s[5]);
		if (isnan(dt.regain_orders))
			snprintf(s[6], CELL_LEN, "–");
		else if (stopped)
			snprintf(s[6], CELL_LEN, "≥ %s", batch_pdf_num(dt.regain_orders, 2, tv));
		else if (isnan(dt.regain_pct))
			snprintf(s[6], CELL_LEN, "+%s", batch_pdf_num(dt.regain_gap, 2, tv));
		else
			snprintf(s[6], CELL_LEN, "+%s (%.1f%%)", batch_pdf_num(dt.regain_gap, 2, tv),
				 dt.regain_pct);
		row[7].text = batch_pdf_word(p, stopped ? "summary.downgrades.stopped"
							: "summary.downgrades.fell-below");
	}
	list_table(p, cols, DOWN_COLS, cells, n, LIST_FONT - 0.5);
	batch_pdf_more(p, LIST_MAX, total, "downgrades.csv");
}

/* ---- invalid stores and plans -------------------------------------------------------------- */

/* One item of a list of problems: a red mark, the text in small print. */
static void problem_line(batch_pdf *p, const char *text)
{
	render_doc *d = &p->doc;
	render_font f = render_small();
	double w = render_width(d) - 10;

	f.color = RENDER_INK;
	render_need(d, render_measure(d, text, w, &f, NULL) + 3);
	render_fill(d, d->left + 1.5, d->y + 4, 3, 3, RENDER_RED);
	d->y += render_text(d, d->left + 10, d->y, w, text, &f) + 3;
}

/* An invalid store's first problem, framed in the summary's language: the reader keeps
 * it packed (place, message key, arguments), so its line, store and field fill
 * summary.invalid.item and the reason is worded from templates/messages-LANG.txt. */
static const char *invalid_item(const batch_pdf *p, const region_entry *e, char *buf,
				size_t size)
{
	const char *packed = region_str(p->rep->region, region_entry_error(p->rep->region, e)), *key;
	char line[16], reason[1024];
	diag_parts m;

	if (!strchr(packed, DIAG_SEP))
		return packed;          /* not the reader's form: shown as it is */
	diag_unpack(packed, &m);
	messages_words(messages_of(p->t->lang), packed, reason, sizeof reason);
	snprintf(line, sizeof line, "%d", m.line);
	key = m.store[0] ? (m.field[0] ? "summary.invalid.item" : "summary.invalid.item.no-field")
			 : (m.field[0] ? "summary.invalid.item.no-store" : "summary.invalid.item.bare");
	tmpl_arg a[] = { { "line", line }, { "store", m.store }, { "field", m.field },
			 { "reason", reason } };
	return batch_pdf_fmt(p, buf, size, key, BATCH_PDF_ARGS(a));
}

static void invalid_list(batch_pdf *p)
{
	const batch_result *b = p->rep->result;
	const region *r = p->rep->region;
	char title[256], count[32], item[1400];
	tmpl_arg ta[] = { { "count", count } };

	if (b->n_invalid == 0)
		return;
	snprintf(count, sizeof count, "%zu", b->n_status[STATUS_INVALID]);
	batch_pdf_heading(p, batch_pdf_fmt(p, title, sizeof title, "summary.invalid.title",
					   BATCH_PDF_ARGS(ta)),
			  batch_pdf_word(p, "summary.invalid.note"), 30);
	for (size_t i = 0; i < b->n_invalid && i < LIST_MAX; i++)
		problem_line(p, invalid_item(p, &r->stores[b->invalid[i]], item, sizeof item));
	batch_pdf_more(p, LIST_MAX, b->n_status[STATUS_INVALID],
		       batch_pdf_word(p, "summary.invalid.file"));
}

/* How many plans were written, how many the cap (or --top N) left out, and the booklet. */
static const char *plans_line(const batch_pdf *p, char *buf, size_t size)
{
	const batch_report *rep = p->rep;
	size_t candidates = rep->result->total.n_candidates, limit = batch_plans_count(rep);
	char written[32], lim[32], cand[32], left[32];
	tmpl_arg a[] = { { "written", batch_pdf_count(rep->plans_written, written, sizeof written) },
			 { "limit", batch_pdf_count(limit, lim, sizeof lim) },
			 { "candidates", batch_pdf_count(candidates, cand, sizeof cand) },
			 { "left_out", batch_pdf_count(candidates - limit, left, sizeof left) },
			 { "booklet", "plans.pdf" } };
	tmpl_arg na[] = { { "written", written }, { "reason", rep->booklet_error } };

	if (!rep->booklet_written && rep->booklet_error[0])
		return batch_pdf_fmt(p, buf, size, "summary.plans.no-booklet", BATCH_PDF_ARGS(na));
	const char *key = limit >= candidates ? "summary.plans.written"
			  : rep->top_default   ? "summary.plans.capped"
					       : "summary.plans.top";
	return batch_pdf_fmt(p, buf, size, key, BATCH_PDF_ARGS(a));
}

static void plans_block(batch_pdf *p)
{
	const batch_report *rep = p->rep;
	char line[1024], count[32];
	tmpl_arg fa[] = { { "count", count } };

	if (!rep->plans)
		return;
	batch_pdf_heading(p, batch_pdf_word(p, "summary.plans.title"), NULL, 20);
	batch_pdf_line(p, plans_line(p, line, sizeof line), RENDER_INK);
	if (rep->n_plan_failures > 0) {
		batch_pdf_count(rep->n_plan_failures, count, sizeof count);
		batch_pdf_line(p, batch_pdf_fmt(p, line, sizeof line, "summary.plans.failed",
						BATCH_PDF_ARGS(fa)), RENDER_INK);
	}
	for (size_t i = 0; i < rep->n_plan_failures && i < LIST_MAX; i++) {
		char reason[1024];
		messages_words(messages_of(p->t->lang), rep->plan_failures[i].message, reason,
			       sizeof reason);
		tmpl_arg ra[] = { { "store", rep->plan_failures[i].store_id }, { "reason", reason } };
		problem_line(p, batch_pdf_fmt(p, line, sizeof line, "summary.plans.failure",
					      BATCH_PDF_ARGS(ra)));
	}
	batch_pdf_more(p, LIST_MAX, rep->n_plan_failures, "summary.json");
}

void batch_pdf_lists(batch_pdf *p)
{
	candidates_table(p);
	downgrades_table(p);
	batch_pdf_overrides(p);
	invalid_list(p);
	plans_block(p);
}
