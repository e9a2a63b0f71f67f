/*
 * render_standing.c: the first page of a plan: the title band, the store profile (code
 * spelled out, surroundings in words) and its standing among peers: key figures,
 * thresholds and the peer-group histogram with the thresholds and the store marked.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render_chart.h"
#include "render_plan_int.h"

void plan_title_band(plan_ctx *p)
{
	render_doc *d = &p->doc;
	render_font tf = { 10, 1, render_tint(RENDER_TEAL, 0.55), RENDER_LEFT, 0 };
	render_font nf = { 20, 1, RENDER_WHITE, RENDER_LEFT, 0 };
	render_font sf = { 9, 0, render_tint(RENDER_NAVY, 0.75), RENDER_LEFT, 0 };
	render_font rf = { 9, 0, RENDER_WHITE, RENDER_RIGHT, 0 };
	double lw = render_width(d) * 0.70, rw = render_width(d) - lw - 12;
	char lic[160], meta[160];
	tmpl_arg la[] = { { "id", p->s->id } };
	tmpl_arg ma[] = { { "quarter", p->quarter }, { "date", p->date } };

	plan_fmt(p, lic, sizeof lic, "doc.licence", PLAN_ARGS(la));
	plan_fmt(p, meta, sizeof meta, "doc.meta", PLAN_ARGS(ma));
	const char *name = p->s->name && *p->s->name ? p->s->name : p->s->id;
	/* a long name steps down in size rather than fill the page: at most 3 lines */
	static const double sizes[] = { 20, 16, 13, 11 };
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		nf.size = sizes[i];
		double one = render_measure(d, "0", lw, &nf, NULL);
		if (render_measure(d, name, lw, &nf, NULL) <= 3.2 * one)
			break;
	}
	double h = render_measure(d, p->title, lw, &tf, NULL) + 4 +
		   render_measure(d, name, lw, &nf, NULL) + 3 + render_measure(d, lic, lw, &sf, NULL);
	double hr = render_measure(d, meta, rw, &rf, NULL);
	double band = (h > hr ? h : hr) + 2 * 22;

	render_fill(d, 0, 0, RENDER_A4_WIDTH, band, RENDER_NAVY);
	render_fill(d, 0, band, RENDER_A4_WIDTH, 3, RENDER_TEAL);
	double y = 22;
	y += render_text(d, d->left, y, lw, p->title, &tf) + 4;
	y += render_text(d, d->left, y, lw, name, &nf) + 3;
	render_text(d, d->left, y, lw, lic, &sf);
	render_text(d, d->right - rw, 22 + 2, rw, meta, &rf);
	d->y = band + 3 + 4;
}

void plan_profile(plan_ctx *p)
{
	const store *s = p->s;
	const char *missing = tmpl_get(p->t, "missing");
	char area[64], areaq[32], opened[96], years[16], year[16], code[256], places[512] = "";
	tmpl_arg aa[] = { { "area", plan_qty(s->area, areaq, sizeof areaq) } };
	tmpl_arg oa[] = { { "years", years }, { "year", year } };

	plan_fmt(p, area, sizeof area, "profile.area.value", PLAN_ARGS(aa));
	snprintf(years, sizeof years, "%d", quarter_year(p->ev->quarter) - s->opened);
	snprintf(year, sizeof year, "%d", s->opened);
	plan_fmt(p, opened, sizeof opened, quarter_year(p->ev->quarter) - s->opened >= 1
			 ? "profile.opened.value" : "profile.opened.recent", PLAN_ARGS(oa));
	plan_code_spelled(p, &s->code, code, sizeof code);
	if (s->surroundings)
		plan_list(p, "place", s->surroundings, " \t\r\n", places, sizeof places);

	render_pair pairs[] = {
		/* a long name gets the whole row (the id then follows on its own) */
		{ tmpl_get(p->t, "profile.name"), s->name && *s->name ? s->name : missing,
		  s->name && strlen(s->name) > 60 },
		{ tmpl_get(p->t, "profile.id"), s->id, 0 },
		{ tmpl_get(p->t, "profile.owner"), s->owner && *s->owner ? s->owner : missing, 0 },
		{ tmpl_get(p->t, "profile.area"), s->area > 0 ? area : missing, 0 },
		{ tmpl_get(p->t, "profile.address"), s->address && *s->address ? s->address : missing, 1 },
		{ tmpl_get(p->t, "profile.opened"), s->opened > 0 ? opened : missing, 0 },
		{ tmpl_get(p->t, "profile.code"), code, 0 },
		{ tmpl_get(p->t, "profile.surroundings"), *places ? places : missing, 1 },
	};
	plan_heading(p, "sec.profile", 60);
	render_pairs(&p->doc, pairs, sizeof pairs / sizeof pairs[0]);
}

static void peer_chart(plan_ctx *p)
{
	render_doc *d = &p->doc;
	const peer_stats *ps = p->in->ps;
	const evaluation *ev = p->ev;
	char title[256], xl[128], yl[64], count[24], lv[32], mv[32], sv[32];
	char ll[64], ml[64], sl[64];
	tmpl_arg ta[] = { { "quarter", p->quarter }, { "count", count } };
	tmpl_arg xa[] = { { "unit", p->unit }, { "quarter", p->quarter } };

	snprintf(count, sizeof count, "%zu", ps ? ps->n : (size_t)0);
	plan_fmt(p, title, sizeof title, "chart.peers.title", PLAN_ARGS(ta));
	if (!ps || ps->n == 0) {
		render_gap(d, 8);
		render_note(d, NULL, plan_fmt(p, title, sizeof title, "chart.peers.none", PLAN_ARGS(ta)),
			    RENDER_MUTED);
		return;
	}
	plan_fmt(p, xl, sizeof xl, "chart.peers.x", PLAN_ARGS(xa));
	plan_fmt(p, yl, sizeof yl, "chart.peers.y", NULL, 0);
	tmpl_arg a1[] = { { "value", plan_qty(ev->threshold_large, lv, sizeof lv) } };
	tmpl_arg a2[] = { { "value", plan_qty(ev->threshold_medium, mv, sizeof mv) } };
	tmpl_arg a3[] = { { "value", plan_qty(ev->orders, sv, sizeof sv) } };
	render_marker marks[3];
	size_t n = 0;
	int thresholds = ps->enough_peers;   /* valid for the group even if the store has no figure */
	if (thresholds) {
		marks[n++] = (render_marker){ ev->threshold_large,
			plan_fmt(p, ll, sizeof ll, "chart.peers.large", PLAN_ARGS(a1)), RENDER_RED, 1 };
		marks[n++] = (render_marker){ ev->threshold_medium,
			plan_fmt(p, ml, sizeof ml, "chart.peers.medium", PLAN_ARGS(a2)), RENDER_AMBER, 1 };
	}
	if (!isnan(ev->orders))
		marks[n++] = (render_marker){ ev->orders,
			plan_fmt(p, sl, sizeof sl, "chart.peers.store", PLAN_ARGS(a3)), RENDER_BLUE, 0 };
	render_font cf = { 9.5, 1, RENDER_INK, RENDER_LEFT, 0 };
	double th = render_measure(d, title, render_width(d), &cf, NULL), ch = 180;
	render_gap(d, 10);
	render_need(d, th + 6 + ch);
	render_text(d, d->left, d->y, render_width(d), title, &cf);
	d->y += th + 6;
	render_histogram_spec spec = {
		ps->sorted, ps->n, thresholds ? ev->threshold_large : NAN,
		thresholds ? ev->threshold_medium : NAN, marks, n, xl, yl,
		tmpl_get(p->t, "chart.peers.beyond"),
	};
	render_histogram(d, (render_box){ d->left, d->y, render_width(d), ch }, &spec);
	d->y += ch;
}

void plan_standing(plan_ctx *p)
{
	render_doc *d = &p->doc;
	const evaluation *ev = p->ev;
	const peer_stats *ps = p->in->ps;
	char l_orders[96], orders[32], n_orders[128], code[5], peers[32], n_peers[64];
	char large[32], n_large[96], pct[32], rank[24], count[24];
	char group_v[256], fmts[96], mkt[64], key[32], letter[2] = { ev->current_code.format, 0 };
	char med_v[160], medq[32], kmed[24], spread[160], q1[32], q3[32], median[32];
	char cls[128], note[512];

	code_format(&ev->computed_code, code);
	snprintf(count, sizeof count, "%zu", ev->peer_count);
	snprintf(rank, sizeof rank, "%zu", ps ? ps->k_large : 0);
	snprintf(kmed, sizeof kmed, "%zu", ps ? ps->k_medium : 0);
	tmpl_arg qa[] = { { "quarter", p->quarter } };
	tmpl_arg ca[] = { { "code", code }, { "scale", plan_scale_word(p, &ev->computed_code) } };
	tmpl_arg ga[] = { { "group", ev->peer_group } };
	tmpl_arg ra[] = { { "rank", rank }, { "count", count } };
	plan_fmt(p, l_orders, sizeof l_orders, "standing.orders", PLAN_ARGS(qa));
	plan_fmt(p, n_orders, sizeof n_orders, "standing.orders.note", PLAN_ARGS(ca));
	plan_fmt(p, n_peers, sizeof n_peers, "standing.peers.note", PLAN_ARGS(ga));
	plan_fmt(p, n_large, sizeof n_large, "standing.large.note", PLAN_ARGS(ra));
	tmpl_arg pa[] = { { "count", count } };   /* with its measure word: "271户" */
	plan_fmt(p, peers, sizeof peers, "standing.peers.value", PLAN_ARGS(pa));
	int ranked = ev->status == STATUS_OK, thresholds = ps && ps->enough_peers && ps->n > 0;

	plan_heading(p, "sec.standing", 120);
	render_card cards[] = {
		{ l_orders, plan_qty(ev->orders, orders, sizeof orders), ranked ? n_orders : NULL },
		{ tmpl_get(p->t, "standing.peers"), peers, n_peers },
		{ tmpl_get(p->t, "standing.large"),
		  thresholds ? plan_qty(ev->threshold_large, large, sizeof large) : "-",
		  thresholds ? n_large : NULL },
		{ tmpl_get(p->t, "standing.percentile"), ranked ? plan_pct(ev->percentile, pct, sizeof pct) : "-",
		  tmpl_get(p->t, "standing.percentile.note") },
	};
	render_cards(d, cards, 4, RENDER_NAVY);
	render_gap(d, 8);

	snprintf(key, sizeof key, "formats.%c", ev->current_code.format);
	tmpl_arg la[] = { { "letter", letter } };
	plan_fmt_or(p, fmts, sizeof fmts, key, "formats.other", PLAN_ARGS(la));
	snprintf(key, sizeof key, "market.%c", ev->current_code.market);
	plan_fmt_or(p, mkt, sizeof mkt, key, "missing", NULL, 0);
	const char *rname = p->in->region && p->in->region->name ? p->in->region->name : "";
	tmpl_arg gva[] = { { "group", ev->peer_group }, { "market", mkt }, { "formats", fmts },
			   { "region", rname }, { "count", count }, { "quarter", p->quarter } };
	plan_fmt(p, group_v, sizeof group_v, "standing.group.value", PLAN_ARGS(gva));
	tmpl_arg mva[] = { { "value", plan_qty(ev->threshold_medium, medq, sizeof medq) },
			   { "unit", p->unit }, { "rank", kmed }, { "count", count } };
	plan_fmt(p, med_v, sizeof med_v, "standing.threshold.value", PLAN_ARGS(mva));
	tmpl_arg sa[] = { { "median", plan_qty(ps ? ps->median : NAN, median, sizeof median) },
			  { "q1", plan_qty(ps ? ps->q1 : NAN, q1, sizeof q1) },
			  { "q3", plan_qty(ps ? ps->q3 : NAN, q3, sizeof q3) }, { "unit", p->unit } };
	plan_fmt(p, spread, sizeof spread, "standing.spread.value", PLAN_ARGS(sa));
	if (ranked) {
		plan_fmt(p, cls, sizeof cls, "standing.class.value", PLAN_ARGS(ca));
	} else {
		char cur[5];
		code_format(&ev->current_code, cur);
		tmpl_arg ka[] = { { "code", cur }, { "quarter", p->quarter } };
		plan_fmt(p, cls, sizeof cls, ev->status == STATUS_NO_ORDERS ? "standing.class.no-orders"
					     : "standing.class.kept", PLAN_ARGS(ka));
	}
	render_pair pairs[] = {
		{ tmpl_get(p->t, "standing.group"), group_v, 1 },
		{ tmpl_get(p->t, "standing.medium"), thresholds ? med_v : "-", 0 },
		{ tmpl_get(p->t, "standing.spread"), ps && ps->n ? spread : "-", 0 },
		{ tmpl_get(p->t, "standing.class"), cls, 1 },
	};
	render_pairs(d, pairs, 4);
	plan_value(p);
	if (ev->status == STATUS_INSUFFICIENT_PEERS || ev->status == STATUS_NO_ORDERS) {
		char cur[5];
		code_format(&ev->current_code, cur);
		tmpl_arg na[] = { { "count", count }, { "quarter", p->quarter }, { "code", cur } };
		render_gap(d, 8);
		render_note(d, NULL, plan_fmt(p, note, sizeof note, ev->status == STATUS_NO_ORDERS
					      ? "standing.no-orders" : "standing.insufficient",
					      PLAN_ARGS(na)), RENDER_AMBER);
	}
	peer_chart(p);
}
