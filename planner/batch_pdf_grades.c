/*
 * batch_pdf_grades.c: the pages of summary.pdf that the batch options add, each drawn
 * only when its option was given: the grade distribution with the moves and the
 * industry's check (--grades), the value quadrants as a percentile x match score map
 * (--quadrants) and the stores whose move down was held (--hold-down N, N > 1).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "batch_pdf.h"
#include "render_chart.h"

#define CELL_LEN 48
#define GRADE_COLS 8
#define GRADE_FONT 7.5

/* ---- grade distribution ------------------------------------------------------------------ */

static void grade_table(batch_pdf *p, const grade_scheme *s, const grade_cuts *cuts)
{
	const batch_ext_counts *x = &p->rep->result->total.x;
	static const double share[GRADE_COLS] = { 14, 12, 16, 14, 14, 12, 14, 14 };
	static const char *const keys[GRADE_COLS] = {
		"summary.grades.col.grade", "summary.grades.col.share",
		"summary.grades.col.threshold", NULL, NULL, "summary.grades.col.change",
		"summary.grades.col.up-into", "summary.grades.col.down-into",
	};
	render_column cols[GRADE_COLS];
	render_cell cells[GRADES_MAX * GRADE_COLS];
	char c[GRADES_MAX][GRADE_COLS][CELL_LEN], now[64], before[64];
	tmpl_arg na[] = { { "quarter", p->quarter } }, ba[] = { { "quarter", p->prev_quarter } };
	uint32_t prev_cum = 0;

	batch_pdf_fmt(p, now, sizeof now, "summary.grades.col.stores", BATCH_PDF_ARGS(na));
	batch_pdf_fmt(p, before, sizeof before, "summary.grades.col.stores", BATCH_PDF_ARGS(ba));
	for (int k = 0; k < GRADE_COLS; k++)
		cols[k] = (render_column){ k == 3 ? now : k == 4 ? before : batch_pdf_word(p, keys[k]),
					   share[k] / 114.0, k == 0 ? RENDER_LEFT : RENDER_RIGHT };
	for (size_t j = 0; j < s->n; j++) {
		char (*r)[CELL_LEN] = c[j];
		long diff = (long)x->grade[j] - (long)x->prev_grade[j];
		snprintf(r[0], CELL_LEN, "%s", s->label[j]);
		batch_pdf_num((s->cum[j] - prev_cum) / 100.0, 2, r[1]);
		prev_cum = s->cum[j];
		snprintf(r[2], CELL_LEN, "–");
		if (cuts && cuts->figures)
			batch_pdf_num(cuts->t[j], 2, r[2]);
		batch_pdf_count(x->grade[j], r[3], CELL_LEN);
		batch_pdf_count(x->prev_grade[j], r[4], CELL_LEN);
		snprintf(r[5], CELL_LEN, diff ? "%+ld" : "0", diff);
		batch_pdf_count(x->into_up[j], r[6], CELL_LEN);
		batch_pdf_count(x->into_down[j], r[7], CELL_LEN);
		for (int k = 0; k < GRADE_COLS; k++)
			cells[j * GRADE_COLS + (size_t)k] = (render_cell){ r[k], NULL };
	}
	render_table_style st = { GRADE_FONT, 3, 1, NULL };
	render_table_styled(&p->doc, cols, GRADE_COLS, cells, s->n, &st);
}

static void grade_moves(batch_pdf *p)
{
	const batch_ext_counts *x = &p->rep->result->total.x;
	render_doc *d = &p->doc;
	render_column cols[5] = {
		{ "", 0.28, RENDER_LEFT },
		{ batch_pdf_word(p, "summary.grades.by-1"), 0.18, RENDER_RIGHT },
		{ batch_pdf_word(p, "summary.grades.by-2"), 0.18, RENDER_RIGHT },
		{ batch_pdf_word(p, "summary.grades.by-3"), 0.18, RENDER_RIGHT },
		{ batch_pdf_word(p, "summary.grades.total"), 0.18, RENDER_RIGHT },
	};
	render_cell cells[2 * 5];
	char v[2][4][32], line[512], up_s[32], down_s[32];
	size_t total[2] = { 0, 0 };

	for (int i = 0; i < 2; i++) {
		const size_t *bins = i == 0 ? x->up : x->down;
		cells[i * 5] = (render_cell){ batch_pdf_word(p, i == 0 ? "summary.grades.up"
								      : "summary.grades.down"), NULL };
		for (int k = 0; k < BATCH_EXT_MOVE_BINS; k++) {
			total[i] += bins[k];
			cells[i * 5 + k + 1] = (render_cell){ batch_pdf_count(bins[k], v[i][k], 32), NULL };
		}
		cells[i * 5 + 4] = (render_cell){ batch_pdf_count(total[i], v[i][3], 32), NULL };
	}
	tmpl_arg a[] = { { "verdict", batch_pdf_word(p, total[0] >= total[1] ? "summary.grades.rule.met"
									  : "summary.grades.rule.not-met") },
			 { "up", batch_pdf_count(total[0], up_s, sizeof up_s) },
			 { "down", batch_pdf_count(total[1], down_s, sizeof down_s) } };
	batch_pdf_fmt(p, line, sizeof line, "summary.grades.rule", BATCH_PDF_ARGS(a));
	/* the moves on the left, the rule check next to them: the page stays whole */
	double right = d->right, gap = 12, split = d->left + render_width(d) * 0.58;
	render_gap(d, 10);
	render_need(d, 64);
	double top = d->y;
	d->right = split;
	render_table(d, cols, 5, cells, 2);
	d->right = right;
	double h = render_note_at(d, split + gap, top, right - split - gap, d->y - top,
				  batch_pdf_word(p, "summary.grades.rule.title"), line,
				  total[0] >= total[1] ? RENDER_TEAL : RENDER_AMBER);
	d->y = fmax(d->y, top + h);
}

static void grades_page(batch_pdf *p)
{
	const batch_result *b = p->rep->result;
	const batch_ext_config *cfg = &b->cfg.ext;
	char note[512], held[32];
	tmpl_arg a[] = { { "scope", batch_pdf_word(p, cfg->grade_scope_group ? "summary.grades.scope.group"
									    : "summary.grades.scope.region") },
			 { "held", batch_pdf_count(b->total.x.grades_held, held, sizeof held) } };

	render_page_new(&p->doc);
	batch_pdf_fmt(p, note, sizeof note, cfg->hold_down > 1 ? "summary.grades.note.held"
							       : "summary.grades.note",
		      BATCH_PDF_ARGS(a));
	batch_pdf_heading(p, batch_pdf_word(p, "summary.grades.title"), note, 120);
	grade_table(p, cfg->grades, cfg->grade_scope_group ? NULL : batch_ext_cuts(b, -1, 0));
	grade_moves(p);
}

/* ---- value quadrants --------------------------------------------------------------------- */

/* A tick label at (x, y), centred (align RENDER_CENTER) or right-aligned to x. */
static void tick(render_doc *d, double x, double y, const char *text, render_align align)
{
	render_font f = { 7, 0, RENDER_MUTED, align, 1 };
	double w = 40;

	render_text(d, align == RENDER_CENTER ? x - w / 2 : x - w, y, w, text, &f);
}

static void quadrant_corner(batch_pdf *p, double x, double y, double w, quadrant q,
			    render_align align)
{
	static const char *const keys[QUADRANT_COUNT] = {
		NULL, "summary.quadrants.strategic", "summary.quadrants.profit",
		"summary.quadrants.potential", "summary.quadrants.ordinary",
	};
	render_font f = { 8.5, 1, RENDER_NAVY, align, 1 };
	char count[32], text[128];
	tmpl_arg a[] = { { "count", batch_pdf_count(p->rep->result->total.x.quadrants[q], count,
						     sizeof count) } };

	batch_pdf_fmt(p, text, sizeof text, keys[q], BATCH_PDF_ARGS(a));
	render_fill(&p->doc, align == RENDER_RIGHT ? x + w - 2 : x, y, 2, 11, RENDER_TEAL);
	render_text(&p->doc, align == RENDER_RIGHT ? x : x + 5, y, w - 5, text, &f);
}

static void quadrant_map(batch_pdf *p, render_box box)
{
	const batch_result *b = p->rep->result;
	render_doc *d = &p->doc;
	double px = box.x + 30, py = box.y + 16, pw = box.w - 30, ph = box.h - 16 - 30;
	double cw = pw / BATCH_QMAP_X, ch = ph / BATCH_QMAP_Y;
	uint32_t most = 0;

	for (size_t i = 0; b->qmap && i < BATCH_QMAP_CELLS; i++)
		most = b->qmap[i] > most ? b->qmap[i] : most;
	render_fill(d, px, py, pw, ph, render_tint(RENDER_PANEL, 0.3));
	for (int y = 0; most && y < BATCH_QMAP_Y; y++)
		for (int x = 0; x < BATCH_QMAP_X; x++) {
			uint32_t n = b->qmap[y * BATCH_QMAP_X + x];
			if (!n)
				continue;
			double t = most > 1 ? 0.75 * (1 - log1p(n) / log1p(most)) : 0;
			render_fill(d, px + x * cw, py + ph - (y + 1) * ch, cw, ch,
				    render_tint(RENDER_NAVY, t));
		}
	render_frame(d, px, py, pw, ph, 0.6, RENDER_RULE);
	for (int v = 0; v <= 100; v += 25) {
		char s[16];
		snprintf(s, sizeof s, "%d", v);
		render_line(d, px + pw * v / 100.0, py + ph, px + pw * v / 100.0, py + ph + 3, 0.5,
			    RENDER_MUTED, 0);
		tick(d, px + pw * v / 100.0, py + ph + 4, s, RENDER_CENTER);
	}
	for (int v = 1; v <= 5; v++) {
		char s[16];
		double y = py + ph - ph * (v - 1) / 4.0;
		snprintf(s, sizeof s, "%d", v);
		render_line(d, px - 3, y, px, y, 0.5, RENDER_MUTED, 0);
		tick(d, px - 5, y - 4.5, s, RENDER_RIGHT);
	}
	/* the cut lines, at their exact values */
	double vx = px + pw * b->cfg.ext.value_cut / 100.0;
	double my = py + ph - ph * (b->cfg.ext.match_cut / 100.0 - 1) / 4.0;
	render_line(d, vx, py, vx, py + ph, 1.0, RENDER_RED, 1);
	render_line(d, px, my, px + pw, my, 1.0, RENDER_RED, 1);
	render_font af = { 7.5, 0, RENDER_INK, RENDER_CENTER, 1 };
	render_text(d, px, py + ph + 16, pw, batch_pdf_word(p, "summary.quadrants.x"), &af);
	af.align = RENDER_LEFT;
	render_text(d, box.x, box.y, box.w, batch_pdf_word(p, "summary.quadrants.y"), &af);
	double cw2 = pw / 2 - 8;
	quadrant_corner(p, px + 4, py + 4, cw2, QUADRANT_POTENTIAL, RENDER_LEFT);
	quadrant_corner(p, px + pw - cw2 - 4, py + 4, cw2, QUADRANT_STRATEGIC, RENDER_RIGHT);
	quadrant_corner(p, px + 4, py + ph - 15, cw2, QUADRANT_ORDINARY, RENDER_LEFT);
	quadrant_corner(p, px + pw - cw2 - 4, py + ph - 15, cw2, QUADRANT_PROFIT, RENDER_RIGHT);
}

static void quadrants_page(batch_pdf *p)
{
	const batch_result *b = p->rep->result;
	render_doc *d = &p->doc;
	char note[768], vc[32], mc[32], none[32];
	tmpl_arg a[] = { { "value_cut", batch_pdf_num(b->cfg.ext.value_cut, 2, vc) },
			 { "match_cut", mc },
			 { "none", batch_pdf_count(b->total.x.quadrants[QUADRANT_NONE], none,
						   sizeof none) } };
	double h = fmin(420, render_width(d) * 0.8);

	snprintf(mc, sizeof mc, "%u.%02u", b->cfg.ext.match_cut / 100u, b->cfg.ext.match_cut % 100u);
	batch_pdf_fmt(p, note, sizeof note, "summary.quadrants.note", BATCH_PDF_ARGS(a));
	batch_pdf_heading(p, batch_pdf_word(p, "summary.quadrants.title"), note, h);
	render_need(d, h);
	quadrant_map(p, (render_box){ d->left, d->y, render_width(d), h });
	d->y += h + 8;
}

/* ---- held by the hold-down ------------------------------------------------------------------ */

#define HELD_COLS 7

static void held_list(batch_pdf *p)
{
	const batch_result *b = p->rep->result;
	const region *r = p->rep->region;
	static const double share[HELD_COLS] = { 56, 84, 34, 62, 40, 48, 140 };
	static const char *const keys[HELD_COLS] = {
		"summary.col.store", "summary.col.name", "summary.col.group",
		"summary.held.col.code", "summary.col.orders", "summary.held.col.keep",
		"summary.held.col.status",
	};
	static const render_align align[HELD_COLS] = {
		RENDER_LEFT, RENDER_LEFT, RENDER_LEFT, RENDER_LEFT, RENDER_RIGHT, RENDER_RIGHT,
		RENDER_LEFT,
	};
	render_column cols[HELD_COLS];
	render_cell cells[BATCH_PDF_LIST_MAX * HELD_COLS];
	char c[BATCH_PDF_LIST_MAX][HELD_COLS][CELL_LEN], title[256], note[512];
	char count[32], hold[16], codes[32], grades[32];
	tmpl_arg ta[] = { { "count", batch_pdf_count(b->total.x.held, count, sizeof count) } };
	tmpl_arg na[] = { { "hold", hold },
			  { "codes", batch_pdf_count(b->total.x.held, codes, sizeof codes) },
			  { "grades", batch_pdf_count(b->total.x.grades_held, grades, sizeof grades) } };
	double sum = 0;
	size_t n = 0;

	snprintf(hold, sizeof hold, "%d", b->cfg.ext.hold_down);
	for (int k = 0; k < HELD_COLS; k++)
		sum += share[k];
	for (int k = 0; k < HELD_COLS; k++)
		cols[k] = (render_column){ batch_pdf_word(p, keys[k]), share[k] / sum, align[k] };
	batch_pdf_fmt(p, title, sizeof title, "summary.held.title", BATCH_PDF_ARGS(ta));
	batch_pdf_fmt(p, note, sizeof note, b->cfg.ext.grades ? "summary.held.note.grades"
							      : "summary.held.note",
		      BATCH_PDF_ARGS(na));
	batch_pdf_heading(p, title, note, 60);
	if (b->n_held == 0) {
		batch_pdf_line(p, batch_pdf_word(p, "summary.none"), RENDER_MUTED);
		return;
	}
	for (; n < b->n_held && n < BATCH_PDF_LIST_MAX; n++) {
		batch_row row;
		batch_row_get(b, r, b->held[n].entry, &row);
		const peer_stats *cur = &b->groups[row.group].cur;
		render_cell *rc = cells + n * HELD_COLS;
		char (*s)[CELL_LEN] = c[n], kept[5], computed[5], left[16];
		category_code would = row.ev.current_code;
		tmpl_arg la[] = { { "count", left } };
		for (int k = 0; k < HELD_COLS; k++)
			rc[k] = (render_cell){ s[k], NULL };
		rc[0].text = region_str(r, row.e->id);
		rc[1].text = region_str(r, row.e->name);
		snprintf(s[2], CELL_LEN, "%s", row.ev.peer_group);
		code_format(&row.ev.current_code, kept);
		would.scale = (char)('0' + b->held[n].to);
		code_format(&would, computed);
		snprintf(s[3], CELL_LEN, "%s (%s)", kept, computed);
		rc[4].text = batch_pdf_num(row.ev.orders, 2, s[4]);
		rc[5].text = batch_pdf_num(batch_class_threshold(cur, row.old_class), 2, s[5]);
		snprintf(left, sizeof left, "%d", b->held[n].hold_left);
		batch_pdf_fmt(p, s[6], CELL_LEN, b->held[n].hold_left == 1 ? "summary.held.left.one"
									   : "summary.held.left",
			      BATCH_PDF_ARGS(la));
	}
	render_table_style st = { 7.5, 3.5, 1, NULL };
	render_table_styled(&p->doc, cols, HELD_COLS, cells, n, &st);
	batch_pdf_more(p, BATCH_PDF_LIST_MAX, b->total.x.held, "reclassification.csv");
}

void batch_pdf_grades(batch_pdf *p)
{
	const batch_ext_config *cfg = &p->rep->result->cfg.ext;

	if (cfg->grades)
		grades_page(p);
	if (cfg->quadrants && render_doc_status(&p->doc) == CAIRO_STATUS_SUCCESS) {
		if (!cfg->grades)
			render_page_new(&p->doc);
		quadrants_page(p);
	}
	if (cfg->held_column && cfg->hold_down > 1 &&
	    render_doc_status(&p->doc) == CAIRO_STATUS_SUCCESS)
		held_list(p);
}
