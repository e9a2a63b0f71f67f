/*
 * batch_pdf.c: summary.pdf of `planner batch`, drawn with cairo and pango on A4 pages:
 * key figures, the per-group table (sizes, thresholds, class counts, changes), the
 * transition matrix and the realised funnel, a distribution chart per group with its
 * threshold lines, the top candidates, the downgrades and the invalid stores with
 * their error lines.  The page labels come in Chinese and English (--lang).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <gsl/gsl_histogram.h>
#include <pango/pangocairo.h>

#include "batch_io.h"
#include "batch_report.h"
#include "commands.h"
#include "format.h"
#include "render_page.h"
#include "utf8.h"
#include "render_mem.h"

#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 42.0
#define FONT_FAMILY "Noto Sans CJK SC"
#define LIST_MAX BATCH_SUMMARY_ROWS   /* rows of the candidate, downgrade, invalid lists */
#define CHART_BINS 30

/* ---- wording ------------------------------------------------------------------------ */

typedef struct labels {
	const char *title, *region, *settings, *shares, *min_peers, *gap, *stores, *ok,
		*up, *down, *candidates, *invalid, *groups_title, *group, *description,
		*members, *with_orders, *large_thr, *medium_thr, *large, *medium, *small,
		*no_orders, *insufficient, *transitions_title, *transitions_note, *from_to,
		*total, *churn, *lifetime, *quarters, *funnel_title, *funnel_note, *flagged,
		*classified, *grew, *moved_up, *others, *conversion, *charts_title,
		*charts_note, *not_reclassified, *above, *cand_title, *cand_note, *rank,
		*store, *name, *orders, *target, *gap_col, *growth, *trend, *down_title,
		*down_note, *prev_orders, *regain, *invalid_title, *invalid_note, *line,
		*more, *page, *none, *plans_title, *plans_written, *urban, *rural,
		*no_previous, *code_change, *page_suffix, *more_prefix, *codes_up, *codes_down,
		*reason, *fell_below, *stopped, *stopped_title;
} labels;

static const labels labels_en = {
	.title = "Quarterly reclassification", .region = "Region", .settings = "Settings",
	.shares = "shares large/medium/small", .min_peers = "min peers", .gap = "candidate gap",
	.stores = "Stores", .ok = "Reclassified", .up = "Up", .down = "Down",
	.candidates = "Candidates", .invalid = "Invalid", .groups_title = "Peer groups",
	.group = "Group", .description = "Format, market", .members = "Stores",
	.with_orders = "With orders", .large_thr = "Large ≥", .medium_thr = "Medium ≥",
	.large = "Large", .medium = "Medium", .small = "Small", .no_orders = "No orders",
	.insufficient = "too few peers: codes kept",
	.transitions_title = "Class transitions",
	.transitions_note = "Stores classified in both quarters, by their computed class "
			    "(rows: previous quarter, columns: this quarter).",
	.from_to = "from \\ to", .total = "Total", .churn = "Large stores lost",
	.lifetime = "expected stay as large", .quarters = "quarters",
	.funnel_title = "Realised funnel",
	.funnel_note = "Last quarter's candidates, and what became of them this quarter.",
	.flagged = "Candidates last quarter", .classified = "classified again",
	.grew = "ordered more", .moved_up = "moved up a class", .others = "other medium/small stores",
	.conversion = "conversion", .charts_title = "Order distribution per group",
	.charts_note = "Orders this quarter; dashed lines: the large and medium thresholds.",
	.not_reclassified = "not reclassified", .above = "above",
	.cand_title = "Top upgrade candidates",
	.cand_note = "Ranked by growth required to reach the next class; trend: least-squares "
		     "slope of the last quarters. All in candidates.csv.",
	.rank = "#", .store = "Store", .name = "Name", .orders = "Orders", .target = "Target",
	.gap_col = "Gap", .growth = "Growth", .trend = "Trend/q",
	.down_title = "Downgrades (churn risk)",
	.down_note = "New code is a smaller class than the current one, or a large or medium "
		     "store ordered last quarter and not this quarter; largest first. All in "
		     "downgrades.csv.",
	.prev_orders = "Previous", .regain = "To regain",
	.invalid_title = "Invalid stores (skipped)",
	.invalid_note = "Status invalid in reclassification.csv; the first problem of each:",
	.line = "Line", .more = "more in", .page = "page", .none = "none",
	.plans_title = "Plans", .plans_written = "written", .urban = "urban", .rural = "rural",
	.no_previous = "no figures for the previous quarter", .code_change = "Code change",
	.page_suffix = "", .more_prefix = "… and",
	.codes_up = "Codes up", .codes_down = "Codes down",
	.reason = "Reason", .fell_below = "fell below", .stopped = "stopped ordering",
	.stopped_title = "Stopped ordering",
};

static const labels labels_zh = {
	.title = "季度客户分类调整汇总", .region = "区域", .settings = "参数",
	.shares = "大/中/小户比例", .min_peers = "最少同类户数", .gap = "潜力户差距上限",
	.stores = "零售户", .ok = "已分类", .up = "升档", .down = "降档",
	.candidates = "潜力户", .invalid = "无效", .groups_title = "同类客户组",
	.group = "组", .description = "业态、市场", .members = "户数",
	.with_orders = "有订货", .large_thr = "大户 ≥", .medium_thr = "中户 ≥",
	.large = "大户", .medium = "中户", .small = "小户", .no_orders = "无订货",
	.insufficient = "同类户过少：保留原编码",
	.transitions_title = "档位迁移",
	.transitions_note = "两个季度均已分类的零售户（行：上季度，列：本季度）。",
	.from_to = "上季\\本季", .total = "合计", .churn = "大户流失",
	.lifetime = "大户平均保持", .quarters = "个季度",
	.funnel_title = "潜力户转化漏斗",
	.funnel_note = "上季度的潜力户在本季度的结果。",
	.flagged = "上季度潜力户", .classified = "本季度已分类", .grew = "订货增加",
	.moved_up = "升档", .others = "其他中小户", .conversion = "转化率",
	.charts_title = "各组订货分布",
	.charts_note = "本季度订货量；虚线为大户线和中户线。",
	.not_reclassified = "未分类", .above = "超出",
	.cand_title = "潜力户排名",
	.cand_note = "按升档所需增长排序；趋势为近几个季度的最小二乘斜率。完整名单见 candidates.csv。",
	.rank = "序", .store = "编号", .name = "店名", .orders = "订货", .target = "目标",
	.gap_col = "差距", .growth = "需增长", .trend = "趋势/季",
	.down_title = "降档户（流失风险）",
	.down_note = "新编码档位低于原编码，或大户、中户上季度有订货而本季度无订货；按原档位和订货量排序。"
		     "完整名单见 downgrades.csv。",
	.prev_orders = "上季度", .regain = "恢复需",
	.invalid_title = "无效零售户（已跳过）",
	.invalid_note = "在 reclassification.csv 中状态为 invalid；每户的第一个问题：",
	.line = "行", .more = "户，见", .page = "第", .none = "无",
	.plans_title = "提升方案", .plans_written = "已生成", .urban = "城网", .rural = "农网",
	.no_previous = "无上季度订货数据", .code_change = "编码变化",
	.page_suffix = " 页", .more_prefix = "… 另有",
	.codes_up = "编码升档", .codes_down = "编码降档",
	.reason = "原因", .fell_below = "低于档位线", .stopped = "停止订货",
	.stopped_title = "停止订货",
};

static const char *format_name_en(char letter)
{
	switch (letter) {
	case 'Y': return "tobacco & liquor";
	case 'S': return "grocery";
	case 'B': return "convenience";
	case 'C': return "supermarket";
	case 'E': return "entertainment";
	case 'Q': return "other";
	default: return format_letter_name(letter);
	}
}

static const char *format_name_zh(char letter)
{
	switch (letter) {
	case 'Y': return "烟酒商店";
	case 'S': return "食杂店";
	case 'B': return "便利店";
	case 'C': return "超市";
	case 'E': return "娱乐服务";
	case 'Q': return "其他";
	default: return "零售户";
	}
}

/* ---- drawing context ------------------------------------------------------------------- */

typedef struct rgb {
	double r, g, b;
} rgb;

static const rgb INK = { 0.13, 0.13, 0.15 }, GREY = { 0.45, 0.45, 0.48 },
		 RULE = { 0.78, 0.78, 0.80 }, SHADE = { 0.95, 0.95, 0.96 },
		 HEAD = { 0.88, 0.90, 0.93 }, C_LARGE = { 0.85, 0.42, 0.10 },
		 C_MEDIUM = { 0.20, 0.45, 0.75 }, C_SMALL = { 0.55, 0.57, 0.62 },
		 C_BAD = { 0.75, 0.15, 0.15 };

typedef struct pdf {
	const batch_report *rep;
	const labels *L;
	int zh;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoLayout *layout;
	double y;
	int page;
	char footer[256];
} pdf;

enum { LEFT, CENTER, RIGHT };

/* Draws text in the box starting at (x, y) of width w; returns the height used.
 * single: one line, ellipsized.  draw 0 only measures. */
static double text_at(pdf *p, double x, double y, double w, const char *s, double size,
		      int bold, int align, rgb c, int single, int draw)
{
	PangoFontDescription *fd = pango_font_description_new();
	int tw, th;

	pango_font_description_set_family(fd, FONT_FAMILY);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(p->layout, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(p->layout, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_ellipsize(p->layout, single ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
	pango_layout_set_alignment(p->layout, align == RIGHT ? PANGO_ALIGN_RIGHT :
				   align == CENTER ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
	render_set_text(p->layout, s);
	pango_layout_get_size(p->layout, &tw, &th);
	if (draw) {
		cairo_set_source_rgb(p->cr, c.r, c.g, c.b);
		cairo_move_to(p->cr, x, y);
		pango_cairo_show_layout(p->cr, p->layout);
	}
	return (double)th / PANGO_SCALE;
}

/* Width of one line of text. */
static double text_width(pdf *p, const char *s, double size, int bold)
{
	PangoRectangle ink, logical;

	text_at(p, 0, 0, 1000, s, size, bold, LEFT, INK, 1, 0);
	pango_layout_get_pixel_extents(p->layout, &ink, &logical);
	return logical.width;
}

static double text(pdf *p, double x, double w, const char *s, double size, int bold, rgb c)
{
	return text_at(p, x, p->y, w, s, size, bold, LEFT, c, 0, 1);
}

static void fill(pdf *p, double x, double y, double w, double h, rgb c)
{
	cairo_set_source_rgb(p->cr, c.r, c.g, c.b);
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_fill(p->cr);
}

static void hline(pdf *p, double x0, double x1, double y, double lw, rgb c)
{
	cairo_set_source_rgb(p->cr, c.r, c.g, c.b);
	cairo_set_line_width(p->cr, lw);
	cairo_move_to(p->cr, x0, y);
	cairo_line_to(p->cr, x1, y);
	cairo_stroke(p->cr);
}

static void footer(pdf *p)
{
	char s[320];

	utf8_format(s, sizeof s, "%s  ·  %s %d%s", p->footer, p->L->page, p->page, p->L->page_suffix);
	hline(p, MARGIN, PAGE_W - MARGIN, PAGE_H - MARGIN + 8, 0.5, RULE);
	text_at(p, MARGIN, PAGE_H - MARGIN + 12, PAGE_W - 2 * MARGIN, s, 7.5, 0, RIGHT, GREY, 1, 1);
}

static void new_page(pdf *p)
{
	if (p->page > 0) {
		footer(p);
		cairo_show_page(p->cr);
	}
	p->page++;
	p->y = MARGIN;
}

/* Starts a new page unless h more points fit. */
static void need(pdf *p, double h)
{
	if (p->y + h > PAGE_H - MARGIN)
		new_page(p);
}

static void heading(pdf *p, const char *title, const char *note)
{
	double w = PAGE_W - 2 * MARGIN;
	double h = text_at(p, 0, 0, w, title, 13, 1, LEFT, INK, 0, 0) + 30;

	need(p, h + 60);   /* never a heading alone at the bottom of a page */
	p->y += 6;
	p->y += text(p, MARGIN, w, title, 13, 1, INK) + 2;
	if (note)
		p->y += text(p, MARGIN, w, note, 8.5, 0, GREY) + 4;
	p->y += 2;
}

static const char *num(double x, int decimals, char *buf)
{
	if (isnan(x))
		return "–";
	batch_format_num(x, decimals, buf);
	return buf;
}

/* "1,234,567" */
static const char *grouped(size_t n, char *buf, size_t size)
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

static const char *pct(double x, char *buf, size_t size)
{
	if (isnan(x))
		return "–";
	snprintf(buf, size, x > 0 && x < 1 ? "%.2f %%" : "%.1f %%", x);
	return buf;
}

/* ---- tables ------------------------------------------------------------------------------- */

typedef struct column {
	const char *title;
	double width;
	int align;
} column;

#define ROW_H 14.0

static void table_head(pdf *p, const column *cols, int n)
{
	double x = MARGIN, h = ROW_H + 4;

	for (int i = 0; i < n; i++)
		h = fmax(h, text_at(p, 0, 0, cols[i].width - 6, cols[i].title, 7, 1, cols[i].align,
				    INK, 0, 0) + 6);
	fill(p, MARGIN, p->y, PAGE_W - 2 * MARGIN, h, HEAD);
	for (int i = 0; i < n; i++) {
		text_at(p, x + 3, p->y + 3, cols[i].width - 6, cols[i].title, 7, 1, cols[i].align,
			INK, 0, 1);
		x += cols[i].width;
	}
	p->y += h;
}

/* One row of cells; starts a new page (repeating the head) when it does not fit. */
static void table_row(pdf *p, const column *cols, int n, const char *const *cells, int shade,
		      rgb color)
{
	double x = MARGIN;

	if (p->y + ROW_H > PAGE_H - MARGIN) {
		new_page(p);
		table_head(p, cols, n);
	}
	if (shade)
		fill(p, MARGIN, p->y, PAGE_W - 2 * MARGIN, ROW_H, SHADE);
	for (int i = 0; i < n; i++) {
		text_at(p, x + 3, p->y + 2.5, cols[i].width - 6, cells[i], 8, 0, cols[i].align, color,
			1, 1);
		x += cols[i].width;
	}
	p->y += ROW_H;
}

/* Scales the column widths to the page's width. */
static void fit_columns(column *cols, int n)
{
	double sum = 0;

	for (int i = 0; i < n; i++)
		sum += cols[i].width;
	for (int i = 0; i < n; i++)
		cols[i].width *= (PAGE_W - 2 * MARGIN) / sum;
}

/* ---- page 1: key figures, groups, transitions, funnel ------------------------------------- */

static void title_block(pdf *p)
{
	const batch_report *rep = p->rep;
	const batch_result *b = rep->result;
	const region *r = rep->region;
	char q[12], pq[12], line[1024], a[32], m[32], s[32], g[32];
	double w = PAGE_W - 2 * MARGIN;

	quarter_format(b->quarter, q);
	quarter_format(b->prev_quarter, pq);
	snprintf(line, sizeof line, "%s  %s", p->L->title, q);
	p->y += text(p, MARGIN, w, line, 20, 1, INK) + 2;
	utf8_format(line, sizeof line, "%s: %s (%s)  ·  %s", p->L->region, r->name ? r->name : "-",
		    r->id ? r->id : "-", rep->region_path);
	p->y += text(p, MARGIN, w, line, 9.5, 0, GREY);
	snprintf(line, sizeof line, "%s: %s %s/%s/%s %%  ·  %s %zu  ·  %s %s %%", p->L->settings,
		 p->L->shares, num(b->cfg.classify.shares.large / 100.0, 2, a),
		 num(b->cfg.classify.shares.medium / 100.0, 2, m),
		 num(b->cfg.classify.shares.small / 100.0, 2, s), p->L->min_peers,
		 b->cfg.classify.min_peers, p->L->gap, num(b->cfg.gap_pct, 2, g));
	p->y += text(p, MARGIN, w, line, 9.5, 0, GREY) + 12;
}

static void key_figures(pdf *p)
{
	const batch_result *b = p->rep->result;
	const struct { const char *label; size_t value; rgb color; } box[] = {
		{ p->L->stores, b->n_stores, INK },
		{ p->L->ok, b->n_status[STATUS_OK], INK },
		{ p->L->codes_up, b->total.up, C_MEDIUM },
		{ p->L->codes_down, b->total.down, C_LARGE },
		{ p->L->candidates, b->total.n_candidates, C_MEDIUM },
		{ p->L->invalid, b->n_status[STATUS_INVALID], b->n_status[STATUS_INVALID] ? C_BAD : INK },
	};
	int n = (int)(sizeof box / sizeof box[0]);
	double gapw = 8, w = (PAGE_W - 2 * MARGIN - gapw * (n - 1)) / n, h = 46;
	char v[32];

	for (int i = 0; i < n; i++) {
		double x = MARGIN + i * (w + gapw);
		double size = 16;
		fill(p, x, p->y, w, h, SHADE);
		grouped(box[i].value, v, sizeof v);
		while (size > 9 && text_width(p, v, size, 1) > w - 12)
			size -= 1;
		text_at(p, x + 6, p->y + 5 + (16 - size), w - 12, v, size, 1, LEFT, box[i].color, 1, 1);
		text_at(p, x + 6, p->y + 28, w - 12, box[i].label, 8, 0, LEFT, GREY, 1, 1);
	}
	p->y += h + 6;
}

static void group_description(const pdf *p, const batch_group *g, char *buf, size_t size)
{
	if (p->zh)
		snprintf(buf, size, "%s%s", g->key[1] == '1' ? p->L->urban : p->L->rural,
			 format_name_zh(g->key[0]));
	else
		snprintf(buf, size, "%s %s", g->key[1] == '1' ? p->L->urban : p->L->rural,
			 format_name_en(g->key[0]));
}

#define GROUP_COLS 13

static void group_cells(const pdf *p, const batch_group *g, char c[GROUP_COLS][48])
{
	snprintf(c[0], sizeof c[0], "%s%s", g->key, g->cur.enough_peers ? "" : " *");
	group_description(p, g, c[1], sizeof c[1]);
	grouped(g->members, c[2], sizeof c[2]);
	grouped(g->cur.n, c[3], sizeof c[3]);
	snprintf(c[4], sizeof c[4], "–");
	snprintf(c[5], sizeof c[5], "–");
	if (!isnan(g->cur.threshold_large)) {
		num(g->cur.threshold_large, 2, c[4]);
		num(g->cur.threshold_medium, 2, c[5]);
	}
	grouped(g->c.classes[CLASS_LARGE], c[6], sizeof c[6]);
	grouped(g->c.classes[CLASS_MEDIUM], c[7], sizeof c[7]);
	grouped(g->c.classes[CLASS_SMALL], c[8], sizeof c[8]);
	grouped(g->c.no_orders, c[9], sizeof c[9]);
	grouped(g->c.up, c[10], sizeof c[10]);
	grouped(g->c.down, c[11], sizeof c[11]);
	grouped(g->c.n_candidates, c[12], sizeof c[12]);
}

/* The groups table sizes its columns to their widest cell, so that six-digit counts fit;
 * the description column takes what is left. */
static void groups_table(pdf *p)
{
	const batch_result *b = p->rep->result;
	column cols[GROUP_COLS] = {
		{ p->L->group, 0, LEFT }, { p->L->description, 0, LEFT },
		{ p->L->members, 0, RIGHT }, { p->L->with_orders, 0, RIGHT },
		{ p->L->large_thr, 0, RIGHT }, { p->L->medium_thr, 0, RIGHT },
		{ p->L->large, 0, RIGHT }, { p->L->medium, 0, RIGHT }, { p->L->small, 0, RIGHT },
		{ p->L->no_orders, 0, RIGHT }, { p->L->up, 0, RIGHT }, { p->L->down, 0, RIGHT },
		{ p->L->candidates, 0, RIGHT },
	};
	char (*c)[GROUP_COLS][48] = calloc(b->n_groups ? b->n_groups : 1, sizeof *c);
	const char *cells[GROUP_COLS];
	double avail = PAGE_W - 2 * MARGIN, used = 0;
	int insufficient = 0;

	if (!c)
		return;
	/* each column as wide as its widest cell, and its header on one line if the
	 * description still fits; else headers wrap onto two lines */
	double cellw[GROUP_COLS] = { 0 }, desc = 60;
	for (size_t k = 0; k < b->n_groups; k++) {
		group_cells(p, &b->groups[k], c[k]);
		for (int i = 0; i < GROUP_COLS; i++)
			cellw[i] = fmax(cellw[i], text_width(p, c[k][i], 8, 0) + 8);
	}
	desc = fmax(desc, cellw[1]);
	for (int pass = 0; pass < 2; pass++) {
		used = 0;
		for (int i = 0; i < GROUP_COLS; i++) {
			double head = text_width(p, cols[i].title, 7, 1) + 8;
			cols[i].width = i == 1 ? 0 : fmax(cellw[i], pass == 0 ? head : fmin(head, 28));
			used += cols[i].width;
		}
		if (used + desc <= avail)
			break;
	}
	/* room left over goes to the headers that had to wrap, in proportion to what each
	 * lacks, then to the description */
	double lack = 0, head[GROUP_COLS];
	for (int i = 0; i < GROUP_COLS; i++) {
		head[i] = text_width(p, cols[i].title, 7, 1) + 8;
		if (i != 1 && cols[i].width < head[i])
			lack += head[i] - cols[i].width;
	}
	double spare = avail - used - desc;
	for (int i = 0; i < GROUP_COLS && lack > 0 && spare > 0; i++) {
		if (i == 1 || cols[i].width >= head[i])
			continue;
		double more = (head[i] - cols[i].width) * fmin(1, spare / lack);
		cols[i].width += more;
		used += more;
	}
	cols[1].width = fmax(avail - used, 60);
	fit_columns(cols, GROUP_COLS);
	heading(p, p->L->groups_title, NULL);
	table_head(p, cols, GROUP_COLS);
	for (size_t k = 0; k < b->n_groups; k++) {
		int ok = b->groups[k].cur.enough_peers;
		for (int i = 0; i < GROUP_COLS; i++)
			cells[i] = c[k][i];
		table_row(p, cols, GROUP_COLS, cells, k % 2 == 1, ok ? INK : GREY);
		insufficient |= !ok;
	}
	free(c);
	if (insufficient) {
		char note[160];
		snprintf(note, sizeof note, "* %s (< %zu)", p->L->insufficient,
			 b->cfg.classify.min_peers);
		p->y += 3;
		p->y += text(p, MARGIN, PAGE_W - 2 * MARGIN, note, 8, 0, GREY);
	}
	p->y += 6;
}

static void transitions_block(pdf *p)
{
	const batch_result *b = p->rep->result;
	const transitions *t = &b->total.moves;
	const char *names[4] = { p->L->from_to, p->L->large, p->L->medium, p->L->small };
	const rgb colors[4] = { INK, C_LARGE, C_MEDIUM, C_SMALL };
	char q[12], pq[12], title[160], s[64], s2[64];
	double cw = 64, x0 = MARGIN, ch = 17;

	quarter_format(b->quarter, q);
	quarter_format(b->prev_quarter, pq);
	snprintf(title, sizeof title, "%s  %s → %s", p->L->transitions_title, pq, q);
	heading(p, title, p->L->transitions_note);
	if (transitions_total(t) == 0) {
		p->y += text(p, MARGIN, PAGE_W - 2 * MARGIN, p->L->no_previous, 9, 0, GREY) + 8;
		return;
	}
	need(p, 5 * ch + 30);
	double top = p->y;
	for (int i = 0; i < 5; i++) {           /* rows: head, large, medium, small, total */
		double y = top + i * ch;
		if (i == 0)
			fill(p, x0, y, cw * 5, ch, HEAD);
		for (int j = 0; j < 5; j++) {       /* columns: label, large, medium, small, total */
			double x = x0 + j * cw;
			const char *cell;
			rgb color = INK;
			int bold = i == 0 || j == 0;
			if (i == 0 && j == 4)
				cell = p->L->total;
			else if (i == 0)
				cell = names[j], color = colors[j];
			else if (i == 4 && j == 0)
				cell = p->L->total;
			else if (j == 0)
				cell = names[i], color = colors[i];
			else if (i == 4 && j == 4)
				cell = grouped(transitions_total(t), s, sizeof s);
			else if (i == 4)
				cell = grouped(transitions_to(t, (scale_class)j), s, sizeof s);
			else if (j == 4)
				cell = grouped(transitions_from(t, (scale_class)i), s, sizeof s);
			else {
				cell = grouped(transitions_count(t, (scale_class)i, (scale_class)j), s,
					       sizeof s);
				if (i != j)
					color = i > j ? C_MEDIUM : C_LARGE;
				if (i == j)
					fill(p, x, y, cw, ch, SHADE);
				bold = i != j;
			}
			text_at(p, x + 4, y + 3, cw - 8, cell, 8.5, bold, j == 0 ? LEFT : RIGHT, color,
				1, 1);
		}
	}
	hline(p, x0, x0 + 5 * cw, top + 4 * ch, 0.6, RULE);

	/* to the right of the matrix: up / down / churn */
	double xr = x0 + 5 * cw + 24, wr = PAGE_W - MARGIN - xr, yr = top;
	char line[256];
	snprintf(line, sizeof line, "%s %s   %s %s", p->L->up,
		 grouped(transitions_up(t), s, sizeof s), p->L->down,
		 grouped(transitions_down(t), s2, sizeof s2));
	yr += text_at(p, xr, yr, wr, line, 10, 1, LEFT, INK, 0, 1) + 4;
	double churn = transitions_churn_pct(t, CLASS_LARGE);
	double life = transitions_lifetime(t, CLASS_LARGE);
	snprintf(line, sizeof line, "%s: %s", p->L->churn, pct(churn, s, sizeof s));
	yr += text_at(p, xr, yr, wr, line, 9, 0, LEFT, INK, 0, 1) + 2;
	if (!isnan(life)) {
		if (isinf(life))
			snprintf(line, sizeof line, "%s: ∞", p->L->lifetime);
		else
			snprintf(line, sizeof line, "%s: %.1f %s", p->L->lifetime, life,
				 p->L->quarters);
		yr += text_at(p, xr, yr, wr, line, 9, 0, LEFT, INK, 0, 1) + 2;
	}
	/* stores that had a class and no figure now are not in the matrix: say how many */
	char s3[32];
	snprintf(line, sizeof line, "%s: %s %s, %s %s, %s %s", p->L->stopped_title,
		 p->L->large, grouped(transitions_stopped(t, CLASS_LARGE), s, sizeof s),
		 p->L->medium, grouped(transitions_stopped(t, CLASS_MEDIUM), s2, sizeof s2),
		 p->L->small, grouped(transitions_stopped(t, CLASS_SMALL), s3, sizeof s3));
	text_at(p, xr, yr, wr, line, 9, 0, LEFT, INK, 0, 1);
	p->y = top + 5 * ch + 8;
}

static void funnel_block(pdf *p)
{
	const candidates_funnel *f = &p->rep->result->total.funnel;
	const struct { const char *label; size_t n; } stage[] = {
		{ p->L->flagged, f->flagged }, { p->L->classified, f->classified },
		{ p->L->grew, f->grew }, { p->L->moved_up, f->moved_up },
	};
	char s[64], line[256], r1[32], r2[32];
	double maxw = 300, h = 15;

	heading(p, p->L->funnel_title, p->L->funnel_note);
	if (f->flagged == 0 && f->others == 0) {
		p->y += text(p, MARGIN, PAGE_W - 2 * MARGIN, p->L->no_previous, 9, 0, GREY) + 8;
		return;
	}
	need(p, 4 * (h + 3) + 30);
	for (int i = 0; i < 4; i++) {
		double frac = f->flagged ? (double)stage[i].n / (double)f->flagged : 0;
		double w = fmax(2, maxw * frac);
		double x = MARGIN + 150 + (maxw - w) / 2;
		fill(p, x, p->y, w, h, i == 3 ? C_LARGE : C_MEDIUM);
		text_at(p, MARGIN, p->y + 2, 145, stage[i].label, 8.5, 0, LEFT, INK, 1, 1);
		text_at(p, MARGIN + 150 + maxw + 8, p->y + 2, 80, grouped(stage[i].n, s, sizeof s), 8.5,
			1, LEFT, INK, 1, 1);
		p->y += h + 3;
	}
	snprintf(line, sizeof line, "%s: %s  ·  %s (%s): %s", p->L->conversion,
		 pct(candidates_funnel_rate(f), r1, sizeof r1), p->L->others,
		 grouped(f->others, s, sizeof s), pct(candidates_funnel_base_rate(f), r2, sizeof r2));
	p->y += 3;
	p->y += text(p, MARGIN, PAGE_W - 2 * MARGIN, line, 9, 0, INK) + 8;
}

/* ---- distribution charts ------------------------------------------------------------------- */

/* A round number >= x: 1, 2, 2.5 or 5 times a power of ten. */
static double nice_ceil(double x)
{
	if (!(x > 0))
		return 1;
	double e = pow(10, floor(log10(x)));
	const double steps[] = { 1, 2, 2.5, 5, 10 };
	for (int i = 0; i < 5; i++)
		if (steps[i] * e >= x * 0.999999)
			return steps[i] * e;
	return 10 * e;
}

static void chart(pdf *p, const batch_group *g, double x, double y, double w, double h)
{
	const peer_stats *ps = &g->cur;
	const rgb colors[4] = { C_SMALL, C_LARGE, C_MEDIUM, C_SMALL };
	char title[160], desc[96], s[128], t[128], nb[40];
	double ch = h - 34, cx = x + 28, cw = w - 30, cy = y + 18;

	group_description(p, g, desc, sizeof desc);
	snprintf(title, sizeof title, "%s  %s  (n = %s)", g->key, desc, grouped(ps->n, nb, sizeof nb));
	text_at(p, x, y, w, title, 8.5, 1, LEFT, ps->enough_peers ? INK : GREY, 1, 1);
	cairo_set_source_rgb(p->cr, RULE.r, RULE.g, RULE.b);
	cairo_set_line_width(p->cr, 0.5);
	cairo_rectangle(p->cr, cx, cy, cw, ch);
	cairo_stroke(p->cr);
	if (ps->n == 0)
		return;

	/* x axis: up to the 99th percentile, and past the large threshold */
	double top = ps->sorted[(size_t)floor(0.99 * (double)(ps->n - 1))];
	if (ps->enough_peers)
		top = fmax(top, ps->threshold_large * 1.15);
	double xmax = nice_ceil(top > 0 ? top : ps->sorted[ps->n - 1] + 1);

	/* one histogram per class, stacked: a bin that holds both sides of a threshold
	 * shows both colours */
	gsl_histogram *hist[4] = { NULL, NULL, NULL, NULL };
	int ok = 1;
	for (int k = 0; k < 4; k++) {
		hist[k] = gsl_histogram_alloc(CHART_BINS);
		ok &= hist[k] != NULL;
		if (hist[k])
			gsl_histogram_set_ranges_uniform(hist[k], 0, xmax);
	}
	size_t over = 0;
	for (size_t i = 0; i < ps->n && ok; i++) {
		scale_class k = ps->enough_peers ? classify_class(ps, ps->sorted[i]) : CLASS_NONE;
		if (gsl_histogram_increment(hist[k], ps->sorted[i]) != 0)
			over++;
	}
	double ymax = 0;
	for (size_t i = 0; i < CHART_BINS && ok; i++) {
		double v = 0;
		for (int k = 0; k < 4; k++)
			v += gsl_histogram_get(hist[k], i);
		ymax = fmax(ymax, v);
	}
	double bw = cw / CHART_BINS, scale = ymax > 0 ? (ch - 14) / ymax : 0;
	for (size_t i = 0; i < CHART_BINS && ok; i++) {
		double base = cy + ch;
		const int order[4] = { CLASS_SMALL, CLASS_NONE, CLASS_MEDIUM, CLASS_LARGE };
		for (int j = 0; j < 4; j++) {
			double v = gsl_histogram_get(hist[order[j]], i);
			if (v <= 0)
				continue;
			double bh = fmax(0.8, v * scale);
			fill(p, cx + (double)i * bw + 0.5, base - bh, bw - 1, bh, colors[order[j]]);
			base -= bh;
		}
	}
	for (int k = 0; k < 4; k++)
		if (hist[k])
			gsl_histogram_free(hist[k]);

	/* threshold lines, each labelled on its own row next to it */
	if (ps->enough_peers) {
		const struct { double v; rgb c; const char *label; } th[2] = {
			{ ps->threshold_large, C_LARGE, p->L->large_thr },
			{ ps->threshold_medium, C_MEDIUM, p->L->medium_thr },
		};
		for (int i = 0; i < 2; i++) {
			double lx = cx + cw * th[i].v / xmax;
			if (lx > cx + cw)
				continue;
			cairo_set_source_rgb(p->cr, th[i].c.r, th[i].c.g, th[i].c.b);
			cairo_set_line_width(p->cr, 1);
			double dash[] = { 3, 2 };
			cairo_set_dash(p->cr, dash, 2, 0);
			cairo_move_to(p->cr, lx, cy);
			cairo_line_to(p->cr, lx, cy + ch);
			cairo_stroke(p->cr);
			cairo_set_dash(p->cr, NULL, 0, 0);
			snprintf(s, sizeof s, "%s %s", th[i].label, num(th[i].v, 2, nb));
			double tw = text_width(p, s, 6.5, 1) + 2;
			double tx = lx + 3;
			if (tx + tw > cx + cw - 2)
				tx = lx - 3 - tw;      /* no room on the right: left of the line */
			cairo_set_source_rgba(p->cr, 1, 1, 1, 0.85);
			cairo_rectangle(p->cr, tx - 1, cy + 3 + i * 10, tw + 2, 9);
			cairo_fill(p->cr);
			text_at(p, tx, cy + 3 + i * 10, tw, s, 6.5, 1, LEFT, th[i].c, 1, 1);
		}
	}
	/* axes: the tallest bin's count, and the order scale */
	snprintf(t, sizeof t, "%.0f", ymax);
	text_at(p, x, cy - 1, 26, t, 6, 0, RIGHT, GREY, 1, 1);
	text_at(p, cx, cy + ch + 2, 40, "0", 6.5, 0, LEFT, GREY, 1, 1);
	text_at(p, cx + cw / 2 - 30, cy + ch + 2, 60, num(xmax / 2, 2, nb), 6.5, 0, CENTER, GREY, 1,
		1);
	text_at(p, cx + cw - 60, cy + ch + 2, 60, num(xmax, 2, nb), 6.5, 0, RIGHT, GREY, 1, 1);
	if (over > 0) {
		snprintf(t, sizeof t, "+%zu %s %s", over, p->L->above, num(xmax, 2, nb));
		text_at(p, cx + cw - 124, cy + 24, 120, t, 6.5, 0, RIGHT, GREY, 1, 1);
	}
	if (!ps->enough_peers)
		text_at(p, cx + 6, cy + 4, cw - 12, p->L->not_reclassified, 7, 0, LEFT, GREY, 1, 1);
}

static void charts(pdf *p)
{
	const batch_result *b = p->rep->result;
	double gapx = 16, w = (PAGE_W - 2 * MARGIN - gapx) / 2, h = 118;

	if (b->n_groups == 0)
		return;
	new_page(p);
	heading(p, p->L->charts_title, p->L->charts_note);
	for (size_t k = 0; k < b->n_groups; k += 2) {
		need(p, h + 8);
		for (size_t j = k; j < k + 2 && j < b->n_groups; j++)
			chart(p, &b->groups[j], MARGIN + (double)(j - k) * (w + gapx), p->y, w, h);
		p->y += h + 8;
	}
}

/* ---- lists ------------------------------------------------------------------------------------ */

static void more_line(pdf *p, size_t shown, size_t total, const char *file)
{
	char line[200];

	if (total <= shown)
		return;
	snprintf(line, sizeof line, "%s %zu %s %s", p->L->more_prefix, total - shown, p->L->more,
		 file);
	p->y += 3;
	p->y += text(p, MARGIN, PAGE_W - 2 * MARGIN, line, 8, 0, GREY);
}

static void candidates_table(pdf *p)
{
	const batch_report *rep = p->rep;
	const batch_result *b = rep->result;
	const region *r = rep->region;
	column cols[] = {
		{ p->L->rank, 22, RIGHT }, { p->L->store, 62, LEFT }, { p->L->name, 120, LEFT },
		{ p->L->group, 30, LEFT }, { p->L->orders, 46, RIGHT }, { p->L->target, 74, LEFT },
		{ p->L->gap_col, 40, RIGHT }, { p->L->growth, 46, RIGHT }, { p->L->trend, 52, RIGHT },
	};
	int n = (int)(sizeof cols / sizeof cols[0]);
	char c[9][64], code[5];
	const char *cells[9];
	char title[160];

	fit_columns(cols, n);
	snprintf(title, sizeof title, "%s (%zu)", p->L->cand_title, b->total.n_candidates);
	new_page(p);
	heading(p, title, p->L->cand_note);
	if (b->n_candidates == 0) {
		p->y += text(p, MARGIN, PAGE_W - 2 * MARGIN, p->L->none, 9, 0, GREY) + 8;
		return;
	}
	table_head(p, cols, n);
	for (size_t i = 0; i < b->n_candidates && i < LIST_MAX; i++) {
		batch_candidate_detail d;
		batch_candidate_get(b, r, &b->candidates[i], &d);
		const evaluation *ev = &d.row.ev;
		char tv[40];
		for (int k = 0; k < n; k++)
			cells[k] = c[k];
		snprintf(c[0], sizeof c[0], "%zu", i + 1);
		cells[1] = region_str(r, d.row.e->id);     /* whole: the cell ellipsizes */
		cells[2] = region_str(r, d.row.e->name);
		snprintf(c[3], sizeof c[3], "%s", ev->peer_group);
		num(ev->orders, 2, c[4]);
		code_format(&ev->target_code, code);
		snprintf(c[5], sizeof c[5], "%s ≥ %s", code, num(ev->target_orders, 2, tv));
		num(ev->gap, 2, c[6]);
		pct(ev->growth_required_pct, c[7], sizeof c[7]);
		if (isnan(d.trend.pct))
			snprintf(c[8], sizeof c[8], "–");
		else
			snprintf(c[8], sizeof c[8], "%+.1f %%", d.trend.pct);
		table_row(p, cols, n, cells, i % 2 == 1, INK);
	}
	more_line(p, LIST_MAX, b->total.n_candidates, "candidates.csv");
	p->y += 8;
}

static void downgrades_table(pdf *p)
{
	const batch_report *rep = p->rep;
	const batch_result *b = rep->result;
	const region *r = rep->region;
	column cols[] = {
		{ p->L->store, 62, LEFT }, { p->L->name, 108, LEFT }, { p->L->group, 26, LEFT },
		{ p->L->code_change, 60, LEFT }, { p->L->orders, 42, RIGHT },
		{ p->L->prev_orders, 42, RIGHT }, { p->L->regain, 62, RIGHT },
		{ p->L->reason, 78, LEFT },
	};
	int n = (int)(sizeof cols / sizeof cols[0]);
	char c[8][64], a[5], z[5], title[160];
	const char *cells[8];
	size_t total = b->total.n_downgrades + b->total.n_stopped;

	fit_columns(cols, n);
	snprintf(title, sizeof title, "%s (%zu)", p->L->down_title, total);
	heading(p, title, p->L->down_note);
	if (b->n_downgrades == 0) {
		p->y += text(p, MARGIN, PAGE_W - 2 * MARGIN, p->L->none, 9, 0, GREY) + 8;
		return;
	}
	table_head(p, cols, n);
	for (size_t i = 0; i < b->n_downgrades && i < LIST_MAX; i++) {
		batch_downgrade_detail d;
		batch_downgrade_get(b, r, &b->downgrades[i], &d);
		const evaluation *ev = &d.row.ev;
		int stopped = b->downgrades[i].reason == BATCH_STOPPED_ORDERING;
		char tv[40];
		for (int k = 0; k < n; k++)
			cells[k] = c[k];
		cells[0] = region_str(r, d.row.e->id);
		cells[1] = region_str(r, d.row.e->name);
		snprintf(c[2], sizeof c[2], "%s", ev->peer_group);
		code_format(&ev->current_code, a);
		code_format(&ev->computed_code, z);
		if (stopped)
			snprintf(c[3], sizeof c[3], "%s", a);
		else
			snprintf(c[3], sizeof c[3], "%s → %s", a, z);
		cells[4] = num(ev->orders, 2, c[4]);
		cells[5] = num(d.row.prev_orders, 2, c[5]);
		if (isnan(d.regain_orders))
			snprintf(c[6], sizeof c[6], "–");
		else if (stopped)
			snprintf(c[6], sizeof c[6], "≥ %s", num(d.regain_orders, 2, tv));
		else if (isnan(d.regain_pct))
			snprintf(c[6], sizeof c[6], "+%s", num(d.regain_gap, 2, tv));
		else
			snprintf(c[6], sizeof c[6], "+%s (%.1f %%)", num(d.regain_gap, 2, tv),
				 d.regain_pct);
		cells[7] = stopped ? p->L->stopped : p->L->fell_below;
		table_row(p, cols, n, cells, i % 2 == 1, INK);
	}
	more_line(p, LIST_MAX, total, "downgrades.csv");
	p->y += 8;
}

static void invalid_list(pdf *p)
{
	const batch_report *rep = p->rep;
	const batch_result *b = rep->result;
	const region *r = rep->region;
	double w = PAGE_W - 2 * MARGIN;
	char title[160];

	if (b->n_invalid == 0)
		return;
	snprintf(title, sizeof title, "%s (%zu)", p->L->invalid_title, b->n_status[STATUS_INVALID]);
	heading(p, title, p->L->invalid_note);
	for (size_t i = 0; i < b->n_invalid && i < LIST_MAX; i++) {
		const char *err = region_str(r, r->stores[b->invalid[i]].error);
		double h = text_at(p, 0, 0, w - 10, err, 7.5, 0, LEFT, C_BAD, 0, 0);
		need(p, h + 3);
		cairo_set_source_rgb(p->cr, C_BAD.r, C_BAD.g, C_BAD.b);
		cairo_arc(p->cr, MARGIN + 3, p->y + 5, 1.5, 0, 6.2831853);
		cairo_fill(p->cr);
		p->y += text_at(p, MARGIN + 10, p->y, w - 10, err, 7.5, 0, LEFT, INK, 0, 1) + 3;
	}
	more_line(p, LIST_MAX, b->n_status[STATUS_INVALID], "reclassification.csv (status invalid)");
	p->y += 8;
}

static void plans_block(pdf *p)
{
	const batch_report *rep = p->rep;
	double w = PAGE_W - 2 * MARGIN;
	char line[700];

	if (!rep->plans)
		return;
	snprintf(line, sizeof line, "%s: %zu %s", p->L->plans_title, rep->plans_written,
		 p->L->plans_written);
	heading(p, line, NULL);
	for (size_t i = 0; i < rep->n_plan_failures && i < LIST_MAX; i++) {
		utf8_format(line, sizeof line, "%s: %s", rep->plan_failures[i].store_id,
			    rep->plan_failures[i].message);
		double h = text_at(p, 0, 0, w, line, 7.5, 0, LEFT, C_BAD, 0, 0);
		need(p, h + 3);
		p->y += text_at(p, MARGIN, p->y, w, line, 7.5, 0, LEFT, C_BAD, 0, 1) + 3;
	}
	more_line(p, LIST_MAX, rep->n_plan_failures, "summary.json");
}

/* ---- the document ----------------------------------------------------------------------------- */

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int length)
{
	batch_file_write(closure, data, length);
	return batch_file_error(closure) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

int batch_write_pdf(const batch_report *rep)
{
	char msg[PATH_MAX + 128], q[12];
	pdf p = { .rep = rep, .zh = strcmp(rep->lang, "zh") == 0 };

	if (render_mem_check(msg, sizeof msg) != 0) {
		batch_error("summary.pdf: %s", msg);
		return EXIT_SOFTWARE;
	}
	batch_file *f = batch_file_create(rep->dir, "summary.pdf");
	if (!f) {
		batch_error("%s/summary.pdf: %s", rep->dir, strerror(errno));
		return EXIT_IOERR;
	}
	p.L = p.zh ? &labels_zh : &labels_en;
	quarter_format(rep->result->quarter, q);
	utf8_format(p.footer, sizeof p.footer, "%s %s  ·  %s  ·  planner %s", p.L->title, q,
		    rep->region->name ? rep->region->name : "", PLANNER_VERSION);
	p.surface = cairo_pdf_surface_create_for_stream(write_out, f, PAGE_W, PAGE_H);
	render_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, p.footer);
	render_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "planner batch");
	p.cr = cairo_create(p.surface);
	p.layout = pango_cairo_create_layout(p.cr);

	new_page(&p);
	title_block(&p);
	key_figures(&p);
	groups_table(&p);
	transitions_block(&p);
	funnel_block(&p);
	charts(&p);
	candidates_table(&p);
	downgrades_table(&p);
	invalid_list(&p);
	plans_block(&p);
	footer(&p);

	g_object_unref(p.layout);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surface);
	cairo_status_t cs = cairo_surface_status(p.surface);
	cairo_surface_destroy(p.surface);
	int err = batch_file_close(f, msg, sizeof msg);
	if (err) {
		batch_error("%s", msg);
		return EXIT_IOERR;
	}
	if (cs != CAIRO_STATUS_SUCCESS) {
		batch_error("%s/summary.pdf: %s", rep->dir,
			cairo_status_to_string(cs));
		return EXIT_IOERR;
	}
	return EXIT_OK;
}
