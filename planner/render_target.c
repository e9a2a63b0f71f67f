/*
 * render_target.c: the target section of a plan: the promotion (or retention) target
 * with its key figures, the milestones table, the order-history chart with trend and
 * target, and beside it the feasibility verdict; for a store without a target (insufficient
 * peers, no orders) it says why and shows the history alone.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "numbers.h"
#include "render_chart.h"
#include "render_plan_int.h"

#define CHART_QUARTERS 20

static void subheading(plan_ctx *p, const char *text, double keep_with)
{
	render_doc *d = &p->doc;
	render_font f = { 10.5, 1, RENDER_NAVY, RENDER_LEFT, 0 };
	double h = render_measure(d, text, render_width(d), &f, NULL);

	render_gap(d, 10);
	render_need(d, h + 4 + keep_with);
	render_text(d, d->left, d->y, render_width(d), text, &f);
	d->y += h + 4;
}

/* The threshold of class k (large or medium) in the store's group this quarter. */
static double class_threshold(const evaluation *ev, scale_class k)
{
	return k == CLASS_LARGE ? ev->threshold_large : k == CLASS_MEDIUM ? ev->threshold_medium : NAN;
}

/* When the store's class this quarter differs from the one its file's code holds, say so
 * plainly: a store downgraded this quarter reads what regaining its class takes. */
static void class_change_note(plan_ctx *p)
{
	const evaluation *ev = p->ev;
	scale_class was = code_class(&ev->current_code), now = ev->computed_class;
	char old_code[5], new_code[5], regain[32], target_scale[32], note[512], key[16];

	if (ev->status != STATUS_OK || was == CLASS_NONE || was == now)
		return;
	code_format(&ev->current_code, old_code);
	code_format(&ev->computed_code, new_code);
	snprintf(key, sizeof key, "scale.%c", ev->target_code.scale);
	snprintf(target_scale, sizeof target_scale, "%s", tmpl_get(p->t, key) ? tmpl_get(p->t, key) : "");
	tmpl_arg a[] = { { "from", plan_scale_word(p, &ev->current_code) }, { "from_code", old_code },
			 { "to", plan_scale_word(p, &ev->computed_code) }, { "to_code", new_code },
			 { "regain", plan_qty(class_threshold(ev, was), regain, sizeof regain) },
			 { "unit", p->unit }, { "deadline", p->deadline }, { "next", target_scale } };
	const char *k = now < was ? "target.changed.up"
			: ev->target_class == was ? "target.changed.down" : "target.changed.down.far";
	render_gap(&p->doc, 6);
	render_note(&p->doc, NULL, plan_fmt(p, note, sizeof note, k, PLAN_ARGS(a)),
		    now < was ? RENDER_GREEN : RENDER_AMBER);
}

static void key_figures(plan_ctx *p)
{
	const evaluation *ev = p->ev;
	char target[32], reach_note[128], gap[64], gapq[32], gap_note[128], pct[32];
	char date[48], deadline_note[96], margin[64], marginq[32], margin_note[64];
	char from[5], to[5], codes[64], code_note[128], key[16], from_scale[32], to_scale[32];
	int y, m, dd;

	/* the promotion starts from the class computed this quarter, not the file's code */
	code_format(&ev->computed_code, from);
	code_format(&ev->target_code, to);
	snprintf(key, sizeof key, "scale.%c", ev->computed_code.scale);
	snprintf(from_scale, sizeof from_scale, "%s", tmpl_get(p->t, key) ? tmpl_get(p->t, key) : "");
	snprintf(key, sizeof key, "scale.%c", ev->target_code.scale);
	snprintf(to_scale, sizeof to_scale, "%s", tmpl_get(p->t, key) ? tmpl_get(p->t, key) : "");
	tmpl_arg ca[] = { { "from", from }, { "to", to } };
	tmpl_arg sa[] = { { "from", from_scale }, { "to", to_scale } };
	tmpl_arg ka[] = { { "code", to } };
	plan_fmt(p, codes, sizeof codes, p->ms.retention ? "target.keep" : "target.headline",
		 PLAN_ARGS(ca));
	if (p->ms.retention)
		plan_fmt(p, codes, sizeof codes, "target.keep", PLAN_ARGS(ka));
	plan_fmt(p, code_note, sizeof code_note, "target.code.note", PLAN_ARGS(sa));

	milestones_month_end(ev->quarter, 3 * (ev->deadline - ev->quarter), &y, &m, &dd);
	plan_date(p, y, m, dd, date, sizeof date);
	tmpl_arg ra[] = { { "deadline", p->deadline }, { "unit", p->unit } };
	tmpl_arg da[] = { { "date", date } };
	plan_fmt(p, reach_note, sizeof reach_note, "target.reach.note", PLAN_ARGS(ra));
	plan_fmt(p, deadline_note, sizeof deadline_note, "target.deadline.note", PLAN_ARGS(da));
	if (p->ms.retention) {
		tmpl_arg ma[] = { { "margin", plan_qty(ev->margin, marginq, sizeof marginq) } };
		tmpl_arg mp[] = { { "pct", plan_pct(100.0 * ev->margin / ev->threshold_large, pct,
						     sizeof pct) } };
		plan_fmt(p, margin, sizeof margin, "target.margin.value", PLAN_ARGS(ma));
		plan_fmt(p, margin_note, sizeof margin_note, "target.margin.note", PLAN_ARGS(mp));
		render_card cards[] = {
			{ tmpl_get(p->t, "target.code.retention"), codes, to_scale },
			{ tmpl_get(p->t, "target.threshold"),
			  plan_qty(ev->threshold_large, target, sizeof target), reach_note },
			{ tmpl_get(p->t, "target.margin"), margin, margin_note },
			{ tmpl_get(p->t, "target.deadline"), p->deadline_brief, deadline_note },
		};
		render_cards(&p->doc, cards, 4, RENDER_GREEN);
		class_change_note(p);
		return;
	}
	char orders[32];
	tmpl_arg ga[] = { { "gap", plan_qty(ev->gap, gapq, sizeof gapq) } };
	tmpl_arg gp[] = { { "pct", plan_pct(ev->growth_required_pct, pct, sizeof pct) },
			  { "orders", plan_qty(ev->orders, orders, sizeof orders) },
			  { "target", plan_qty(ev->target_orders, target, sizeof target) },
			  { "unit", p->unit } };
	plan_fmt(p, gap, sizeof gap, "target.gap.value", PLAN_ARGS(ga));
	/* from 0 there is no growth rate: "from 0 to 900 cartons" */
	plan_fmt(p, gap_note, sizeof gap_note, isnan(ev->growth_required_pct)
		 ? "target.gap.note.zero" : "target.gap.note", PLAN_ARGS(gp));
	render_card cards[] = {
		{ tmpl_get(p->t, "target.code"), codes, code_note },
		{ tmpl_get(p->t, "target.reach"), plan_qty(ev->target_orders, target, sizeof target),
		  reach_note },
		{ tmpl_get(p->t, "target.gap"), gap, gap_note },
		{ tmpl_get(p->t, "target.deadline"), p->deadline_brief, deadline_note },
	};
	render_cards(&p->doc, cards, 4, RENDER_TEAL);
	class_change_note(p);
}

/* A retention plan's milestones: what keeping the class means on each check date: the
 * floor (the threshold's share to date), where the store is at this quarter's own pace,
 * and the margin between them, so that a store ordering three times the floor reads
 * its headroom rather than a third of its orders as a goal. */
static void retention_table(plan_ctx *p)
{
	const milestones *ms = &p->ms;
	render_cell cells[MILESTONES_MAX_ROWS * 5];
	char text[MILESTONES_MAX_ROWS][5][48];

	for (size_t i = 0; i < ms->n_rows; i++) {
		const milestone *r = &ms->rows[i];
		char y[8], m[4], mm[4];
		/* the share of the quarter gone by the check date: 1/3, 2/3, 1 (months) or 1 */
		double share = ms->per_quarter ? 1.0 : (double)((r->month - 1) % 3 + 1) / 3.0;
		double floor_v = ms->per_quarter ? r->quarter_target : r->cumulative;
		double pace = round(p->ev->orders * share);
		snprintf(y, sizeof y, "%04d", r->year % 10000);
		snprintf(m, sizeof m, "%d", r->month % 100);
		snprintf(mm, sizeof mm, "%02d", r->month % 100);
		tmpl_arg ma[] = { { "year", y }, { "month", m }, { "mm", mm }, { "quarter", "" } };
		if (ms->per_quarter)
			plan_quarter(p, r->quarter, 1, text[i][0], sizeof text[i][0]);
		else
			plan_fmt(p, text[i][0], sizeof text[i][0], "milestones.month.value", PLAN_ARGS(ma));
		plan_date(p, r->year, r->month, r->day, text[i][1], sizeof text[i][1]);
		plan_qty(floor_v, text[i][2], sizeof text[i][2]);
		plan_qty(pace, text[i][3], sizeof text[i][3]);
		text[i][4][0] = pace - floor_v >= 0 ? '+' : '-';
		plan_qty(fabs(pace - floor_v), text[i][4] + 1, sizeof text[i][4] - 1);
		for (size_t c = 0; c < 5; c++)
			cells[i * 5 + c] = (render_cell){ text[i][c], NULL };
	}
	render_column c[] = {
		{ tmpl_get(p->t, ms->per_quarter ? "milestones.quarter" : "milestones.month"), 0.16, RENDER_LEFT },
		{ tmpl_get(p->t, "milestones.check"), 0.20, RENDER_LEFT },
		{ tmpl_get(p->t, "milestones.floor"), 0.22, RENDER_RIGHT },
		{ tmpl_get(p->t, "milestones.pace"), 0.22, RENDER_RIGHT },
		{ tmpl_get(p->t, "milestones.margin"), 0.20, RENDER_RIGHT },
	};
	render_table(&p->doc, c, 5, cells, ms->n_rows);
}

static void milestone_table(plan_ctx *p)
{
	const milestones *ms = &p->ms;
	render_cell cells[MILESTONES_MAX_ROWS * 5];
	char text[MILESTONES_MAX_ROWS][5][48], intro[512], orders[32], target[32];
	size_t cols = ms->per_quarter ? 4 : 5;

	if (ms->n_rows == 0)
		return;
	tmpl_arg ia[] = { { "orders", plan_qty(p->ev->orders, orders, sizeof orders) },
			  { "target", plan_qty(ms->target, target, sizeof target) },
			  { "deadline", p->deadline }, { "unit", p->unit } };
	plan_fmt(p, intro, sizeof intro, ms->retention ? "milestones.intro.retention"
						       : "milestones.intro", PLAN_ARGS(ia));
	subheading(p, tmpl_get(p->t, ms->per_quarter ? "milestones.title.quarterly"
						     : "milestones.title.monthly"), 60);
	render_font bf = render_body();
	p->doc.y += render_text(&p->doc, p->doc.left, p->doc.y, render_width(&p->doc), intro, &bf) + 6;
	if (ms->retention) {
		retention_table(p);
		return;
	}

	for (size_t i = 0; i < ms->n_rows; i++) {
		const milestone *r = &ms->rows[i];
		char y[8], m[4], mm[4], q[48];
		snprintf(y, sizeof y, "%04d", r->year % 10000);
		snprintf(m, sizeof m, "%d", r->month % 100);
		snprintf(mm, sizeof mm, "%02d", r->month % 100);
		plan_quarter(p, r->quarter, 1, q, sizeof q);
		tmpl_arg ma[] = { { "year", y }, { "month", m }, { "mm", mm }, { "quarter", q } };
		if (ms->per_quarter)
			snprintf(text[i][0], sizeof text[i][0], "%s", q);
		else
			plan_fmt(p, text[i][0], sizeof text[i][0], "milestones.month.value", PLAN_ARGS(ma));
		plan_date(p, r->year, r->month, r->day, text[i][1], sizeof text[i][1]);
		/* whole units from the model, adding up as printed (models/milestones.c) */
		plan_qty(r->period_orders, text[i][2], sizeof text[i][2]);
		plan_qty(r->cumulative, text[i][3], sizeof text[i][3]);
		plan_qty(r->quarter_target, text[i][4], sizeof text[i][4]);
		render_cell *row = cells + i * cols;
		row[0] = (render_cell){ text[i][0], NULL };
		row[1] = (render_cell){ text[i][1], NULL };
		row[2] = (render_cell){ text[i][2], NULL };
		if (ms->per_quarter) {
			row[3] = (render_cell){ text[i][4], NULL };
		} else {
			row[3] = (render_cell){ text[i][3], NULL };
			row[4] = (render_cell){ text[i][4], NULL };
		}
	}
	if (ms->per_quarter) {
		render_column c[] = {
			{ tmpl_get(p->t, "milestones.quarter"), 0.22, RENDER_LEFT },
			{ tmpl_get(p->t, "milestones.check"), 0.26, RENDER_LEFT },
			{ tmpl_get(p->t, "milestones.period.quarter"), 0.26, RENDER_RIGHT },
			{ tmpl_get(p->t, "milestones.qtarget"), 0.26, RENDER_RIGHT },
		};
		render_table(&p->doc, c, 4, cells, ms->n_rows);
	} else {
		render_column c[] = {
			{ tmpl_get(p->t, "milestones.month"), 0.16, RENDER_LEFT },
			{ tmpl_get(p->t, "milestones.check"), 0.20, RENDER_LEFT },
			{ tmpl_get(p->t, "milestones.period.month"), 0.22, RENDER_RIGHT },
			{ tmpl_get(p->t, "milestones.cumulative"), 0.22, RENDER_RIGHT },
			{ tmpl_get(p->t, "milestones.qtarget"), 0.20, RENDER_RIGHT },
		};
		render_table(&p->doc, c, 5, cells, ms->n_rows);
	}
}

typedef struct verdict_text {
	char label[128], text[1400];
	render_rgb color;
} verdict_text;

static void verdict(plan_ctx *p, verdict_text *v);

/* The history chart, with the verdict in a panel at its right. */
static void history_chart(plan_ctx *p)
{
	render_doc *d = &p->doc;
	const milestones *ms = &p->ms;
	const evaluation *ev = p->ev;
	char labels[CHART_QUARTERS][12], ylab[96], tl[64], pl[64], tq[32], pq[32];
	const char *lp[CHART_QUARTERS];
	double actual[CHART_QUARTERS], planned[CHART_QUARTERS];

	subheading(p, tmpl_get(p->t, "chart.history.title"), 150);
	if (ms->n_history == 0) {
		render_note(d, NULL, tmpl_get(p->t, "chart.history.none"), RENDER_MUTED);
		return;
	}
	quarter_t first = ms->history[0].quarter;
	quarter_t last = isnan(ms->target) ? ev->quarter : ev->deadline;
	if (last - first + 1 > CHART_QUARTERS)
		first = last - CHART_QUARTERS + 1;
	size_t n = (size_t)(last - first + 1);
	for (size_t i = 0; i < n; i++) {
		quarter_format(first + (quarter_t)i, labels[i]);
		lp[i] = labels[i];
		actual[i] = planned[i] = NAN;
	}
	for (size_t i = 0; i < ms->n_history; i++)
		if (ms->history[i].quarter >= first && ms->history[i].quarter <= ev->quarter)
			actual[ms->history[i].quarter - first] = ms->history[i].orders;
	for (size_t i = 0; i < ms->n_rows; i++)
		if (ms->rows[i].quarter >= first && ms->rows[i].quarter <= last)
			planned[ms->rows[i].quarter - first] = ms->rows[i].quarter_target;

	tmpl_arg ua[] = { { "unit", p->unit } };
	tmpl_arg ta[] = { { "value", plan_qty(ms->target, tq, sizeof tq) } };
	tmpl_arg pa[] = { { "value", plan_qty(round(ms->projection), pq, sizeof pq) } };
	plan_fmt(p, ylab, sizeof ylab, "chart.history.y", PLAN_ARGS(ua));
	plan_fmt(p, tl, sizeof tl, ms->retention ? "chart.history.threshold" : "chart.history.target",
		 PLAN_ARGS(ta));
	plan_fmt(p, pl, sizeof pl, "chart.history.projection", PLAN_ARGS(pa));
	/* the verdict states a projection whenever there is a target: draw it, as the trend
	 * or, with one quarter of history, as the flat line the verdict assumes */
	int flat = !ms->has_trend && !isnan(ms->target) && !isnan(ms->projection);
	/* a retention plan has no planned rise: its minimum is the threshold line, and bars
	 * at the threshold below today's orders would read as a planned drop */
	render_history_spec spec = {
		n, lp, actual, ms->n_rows && !ms->retention ? planned : NULL,
		ms->has_trend || flat, flat ? ms->projection : ms->intercept, flat ? 0 : ms->slope,
		(size_t)(ev->quarter - first), ms->target, tl,
		(ms->has_trend || flat) && !isnan(ms->target) ? pl : NULL, ylab,
		tmpl_get(p->t, "chart.history.actual"), tmpl_get(p->t, "chart.history.planned"),
		tmpl_get(p->t, flat ? "chart.history.flat" : "chart.history.trend"),
	};
	verdict_text v;
	double h = 150, cw = render_width(d) * 0.6, gap = 12;
	double nx = d->left + cw + gap, nw = render_width(d) - cw - gap;
	verdict(p, &v);
	render_need(d, h);
	render_history_chart(d, (render_box){ d->left, d->y, cw, h }, &spec);
	double nh = render_note_at(d, nx, d->y, nw, h, v.label, v.text, v.color);
	d->y += nh > h ? nh : h;
}

static void verdict(plan_ctx *p, verdict_text *v)
{
	const milestones *ms = &p->ms;
	const evaluation *ev = p->ev;
	char basis[512] = "", detail[512], reach[256] = "";
	char n[24], slope[32], proj[32], target[32], shortfall[32], pct[32], max[32], margin[32];
	char code[5], rq[48];
	const char *lk, *dk;
	render_rgb color;

	snprintf(n, sizeof n, "%zu", ms->n_history);
	number_round_fixed(ms->slope, 1, slope + 1, sizeof slope - 1);
	slope[0] = '+';
	if (slope[1] == '-')    /* "+-2.5" -> "-2.5" */
		memmove(slope, slope + 1, strlen(slope + 1) + 1);
	plan_qty(round(ms->projection), proj, sizeof proj);
	plan_qty(ms->target, target, sizeof target);
	plan_qty(round(ms->target - ms->projection), shortfall, sizeof shortfall);
	plan_pct(ms->over_trend_pct, pct, sizeof pct);
	plan_qty(p->t->milestones.acceleration_max_pct, max, sizeof max);
	plan_qty(ev->margin, margin, sizeof margin);
	category_code fallen = code_with_class(ev->current_code, CLASS_MEDIUM);
	code_format(&fallen, code);   /* where a large store falls to */
	plan_quarter(p, ms->reach, 0, rq, sizeof rq);

	switch (ms->verdict) {
	case MS_ON_TREND:
		lk = ms->retention ? "verdict.label.safe" : "verdict.label.on-trend";
		dk = ms->retention ? "verdict.detail.safe" : "verdict.detail.on-trend";
		color = RENDER_GREEN;
		break;
	case MS_NEEDS_ACCELERATION:
		lk = ms->retention ? "verdict.label.at-risk" : "verdict.label.acceleration";
		/* "the measures below" only when the plan lists some */
		dk = ms->retention ? "verdict.detail.at-risk"
		     : plan_measure_count(p) ? "verdict.detail.acceleration"
		     : "verdict.detail.acceleration.open";
		color = RENDER_AMBER;
		break;
	case MS_OUT_OF_REACH:
		lk = ms->retention ? "verdict.label.at-risk" : "verdict.label.out-of-reach";
		/* a trend that falls to 0 gives no percentage above it */
		dk = ms->retention ? "verdict.detail.at-risk"
		     : isnan(ms->over_trend_pct) ? "verdict.detail.out-of-reach.zero"
		     : "verdict.detail.out-of-reach";
		color = RENDER_RED;
		break;
	default:
		lk = "verdict.label.none";
		dk = "verdict.detail.none";
		color = RENDER_MUTED;
		break;
	}
	tmpl_arg la[] = { { "deadline", p->deadline } };
	tmpl_arg ba[] = { { "n", n }, { "slope", slope }, { "projection", proj },
			  { "deadline", p->deadline }, { "quarter", p->quarter } };
	tmpl_arg da[] = { { "target", target }, { "shortfall", shortfall }, { "pct", pct },
			  { "max", max }, { "margin", margin }, { "code", code },
			  { "deadline", p->deadline } };
	tmpl_arg qa[] = { { "quarter", rq } };
	plan_fmt(p, v->label, sizeof v->label, lk, PLAN_ARGS(la));
	/* without a target the chart stops at this quarter: the text names no projection */
	if (ms->has_trend && ms->verdict == MS_NONE)
		plan_fmt(p, basis, sizeof basis, "verdict.basis.trend.none", PLAN_ARGS(ba));
	else if (ms->has_trend)
		plan_fmt(p, basis, sizeof basis, "verdict.basis.trend", PLAN_ARGS(ba));
	else if (ms->verdict != MS_NONE)
		plan_fmt(p, basis, sizeof basis, "verdict.basis.flat", PLAN_ARGS(ba));
	plan_fmt(p, detail, sizeof detail, dk, PLAN_ARGS(da));
	if (!ms->retention && ms->verdict == MS_OUT_OF_REACH && ms->has_trend)
		plan_fmt(p, reach, sizeof reach, ms->reach ? "verdict.reach" : "verdict.never",
			 PLAN_ARGS(qa));
	tmpl_arg ja[] = { { "basis", basis }, { "detail", detail }, { "reach", reach } };
	plan_fmt(p, v->text, sizeof v->text, "verdict.text", PLAN_ARGS(ja));
	v->color = color;
}

void plan_target(plan_ctx *p)
{
	const evaluation *ev = p->ev;
	char note[512], count[24];

	if (ev->status != STATUS_OK || isnan(ev->orders)) {
		snprintf(count, sizeof count, "%zu", ev->peer_count);
		tmpl_arg a[] = { { "count", count }, { "quarter", p->quarter } };
		plan_heading(p, "sec.hold", 60);
		/* "work on the weaknesses below" only when the SWOT lists some */
		const char *k = ev->status == STATUS_NO_ORDERS || isnan(ev->orders)
				? "target.none.no-orders"
				: p->swot.count[SWOT_WEAKNESS] ? "target.none.insufficient.weak"
				: "target.none.insufficient";
		render_note(&p->doc, NULL, plan_fmt(p, note, sizeof note, k, PLAN_ARGS(a)),
			    RENDER_AMBER);
		history_chart(p);
		return;
	}
	plan_heading(p, p->ms.retention ? "sec.retention" : "sec.target", 150);
	key_figures(p);
	milestone_table(p);
	history_chart(p);
}
