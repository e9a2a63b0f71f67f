/*
 * render_plan.c: the plan as a whole (see render_plan.h): the keys its wording needs,
 * the first page (title band, store profile, standing with the peer histogram), the
 * running header and footer, and the atomic PDF/PNG output.  The target, SWOT and
 * measures sections live in render_target.c and render_swot.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands.h"
#include "format.h"
#include "render_chart.h"
#include "render_plan_int.h"

/* Every key a plan uses, with the placeholders the code supplies for it. */
static const tmpl_key plan_keys[] = {
	{ "style.font", "" }, { "date.format", "year month day" }, { "list.sep", "" },
	{ "doc.title", "" }, { "doc.title.retention", "" }, { "doc.title.hold", "" },
	{ "doc.licence", "id" }, { "doc.meta", "quarter date" },
	{ "doc.running", "title name id" }, { "doc.pdf-title", "title name" }, { "footer.left", "version date" },
	{ "footer.page", "page pages" }, { "missing", "" },
	{ "code.spelled", "code format scale market integrity" },
	{ "format.Y", "" }, { "format.S", "" }, { "format.B", "" }, { "format.C", "" },
	{ "format.E", "" }, { "format.Q", "" }, { "format.other", "letter" },
	{ "formats.Y", "" }, { "formats.S", "" }, { "formats.B", "" }, { "formats.C", "" },
	{ "formats.E", "" }, { "formats.Q", "" }, { "formats.other", "letter" },
	{ "scale.1", "" }, { "scale.2", "" }, { "scale.3", "" },
	{ "market.1", "" }, { "market.2", "" },
	{ "integrity.1", "" }, { "integrity.2", "" }, { "integrity.3", "" },
	{ "unit.default", "" },
	{ "sec.profile", "" }, { "sec.standing", "" }, { "sec.target", "" },
	{ "sec.retention", "" }, { "sec.hold", "" }, { "sec.swot", "" },
	{ "sec.measures", "" }, { "sec.signature", "" },
	{ "profile.name", "" }, { "profile.id", "" }, { "profile.owner", "" },
	{ "profile.address", "" }, { "profile.area", "" }, { "profile.area.value", "area" },
	{ "profile.opened", "" }, { "profile.opened.value", "years year" },
	{ "profile.opened.recent", "year" }, { "profile.code", "" },
	{ "profile.surroundings", "" },
	{ "standing.orders", "quarter" }, { "standing.orders.note", "code scale" },
	{ "standing.peers", "" }, { "standing.peers.note", "group" },
	{ "standing.large", "" }, { "standing.large.note", "rank count" },
	{ "standing.percentile", "" }, { "standing.percentile.note", "" },
	{ "standing.group", "" },
	{ "standing.group.value", "group market formats region count quarter" },
	{ "standing.medium", "" }, { "standing.threshold.value", "value unit rank count" },
	{ "standing.spread", "" }, { "standing.spread.value", "median q1 q3 unit" },
	{ "standing.class", "" }, { "standing.class.value", "code scale" },
	{ "standing.class.kept", "code" }, { "standing.class.no-orders", "code quarter" },
	{ "standing.insufficient", "count quarter code" }, { "standing.no-orders", "quarter code" },
	{ "chart.peers.title", "quarter count" }, { "chart.peers.x", "unit quarter" },
	{ "chart.peers.y", "" }, { "chart.peers.large", "value" },
	{ "chart.peers.medium", "value" }, { "chart.peers.store", "value" },
	{ "chart.peers.none", "quarter" }, { "chart.peers.beyond", "count value" },
	{ "target.code", "" }, { "target.code.retention", "" }, { "target.code.note", "from to" },
	{ "target.headline", "from to" }, { "target.keep", "code" },
	{ "target.reach", "" }, { "target.reach.note", "deadline unit" },
	{ "target.gap", "" }, { "target.gap.value", "gap" }, { "target.gap.note", "pct" },
	{ "target.deadline", "" }, { "target.deadline.note", "date" },
	{ "target.margin", "" }, { "target.margin.value", "margin" },
	{ "target.margin.note", "pct" }, { "target.threshold", "" },
	{ "target.none.insufficient", "count quarter" }, { "target.none.no-orders", "quarter" },
	{ "milestones.title.monthly", "" }, { "milestones.title.quarterly", "" },
	{ "milestones.intro", "orders target deadline unit" },
	{ "milestones.intro.retention", "target deadline unit" },
	{ "milestones.month", "" }, { "milestones.quarter", "" }, { "milestones.check", "" },
	{ "milestones.period.month", "" }, { "milestones.period.quarter", "" },
	{ "milestones.cumulative", "" }, { "milestones.qtarget", "" },
	{ "milestones.month.value", "year month quarter" },
	{ "chart.history.title", "" }, { "chart.history.y", "unit" },
	{ "chart.history.actual", "" }, { "chart.history.planned", "" },
	{ "chart.history.trend", "" }, { "chart.history.target", "value" },
	{ "chart.history.threshold", "value" }, { "chart.history.projection", "value" },
	{ "chart.history.none", "" },
	{ "verdict.text", "basis detail reach" }, { "verdict.label.on-trend", "" },
	{ "verdict.label.acceleration", "" }, { "verdict.label.out-of-reach", "deadline" },
	{ "verdict.label.safe", "" }, { "verdict.label.at-risk", "" },
	{ "verdict.label.none", "" },
	{ "verdict.basis.trend", "n slope projection deadline" },
	{ "verdict.basis.flat", "quarter projection deadline" },
	{ "verdict.detail.on-trend", "target" },
	{ "verdict.detail.acceleration", "target shortfall pct" },
	{ "verdict.detail.out-of-reach", "target pct max" },
	{ "verdict.detail.safe", "target margin" },
	{ "verdict.detail.at-risk", "target shortfall code" },
	{ "verdict.detail.none", "" }, { "verdict.reach", "quarter" }, { "verdict.never", "" },
	{ "swot.strengths", "" }, { "swot.weaknesses", "" }, { "swot.opportunities", "" },
	{ "swot.threats", "" }, { "swot.empty", "" }, { "swot.no-assessment", "" },
	{ "swot.no-neighbours", "" }, { "swot.tag.strength", "n" }, { "swot.tag.weakness", "n" },
	{ "swot.tag.opportunity", "n" }, { "swot.tag.threat", "n" },
	{ "measures.for", "" }, { "measures.measure", "" }, { "measures.owner", "" },
	{ "measures.check", "" }, { "measures.none", "" },
	{ "owner.store", "" }, { "owner.manager", "" },
	{ "sign.intro", "" }, { "sign.manager", "" }, { "sign.shopkeeper", "owner" },
	{ "sign.date", "" },
};

int render_plan_load(const char *dir, const char *lang, tmpl_set **out, diag *err)
{
	return tmpl_load(dir, lang, plan_keys, sizeof plan_keys / sizeof plan_keys[0], out, err);
}

render_format render_format_of(const char *path)
{
	size_t n = strlen(path);

	if (n > 4 && strcasecmp(path + n - 4, ".pdf") == 0)
		return RENDER_FORMAT_PDF;
	if (n > 4 && strcasecmp(path + n - 4, ".png") == 0)
		return RENDER_FORMAT_PNG;
	return RENDER_FORMAT_NONE;
}

/* ---- wording helpers shared by the renderer parts ---------------------------------- */

const char *plan_fmt(const plan_ctx *p, char *buf, size_t size, const char *key,
		     const tmpl_arg *args, size_t n_args)
{
	return tmpl_format(p->t, key, NULL, args, n_args, buf, size);
}

const char *plan_fmt_or(const plan_ctx *p, char *buf, size_t size, const char *key,
			const char *fallback, const tmpl_arg *args, size_t n_args)
{
	return tmpl_format(p->t, key, fallback, args, n_args, buf, size);
}

const char *plan_qty(double x, char *buf, size_t size)
{
	return format_quantity(x, buf, size);
}

const char *plan_pct(double x, char *buf, size_t size)
{
	if (isnan(x))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.1f", x);
	return buf;
}

const char *plan_date(const plan_ctx *p, int year, int month, int day, char *buf, size_t size)
{
	char y[8], m[4], d[4];
	snprintf(y, sizeof y, "%04d", year % 10000);
	snprintf(m, sizeof m, "%02d", month % 100);
	snprintf(d, sizeof d, "%02d", day % 100);
	tmpl_arg a[] = { { "year", y }, { "month", m }, { "day", d } };
	return plan_fmt(p, buf, size, "date.format", PLAN_ARGS(a));
}

void plan_heading(plan_ctx *p, const char *key, double keep_with)
{
	render_heading(&p->doc, ++p->section, tmpl_get(p->t, key), keep_with);
}

/* A list of data items (split at any of seps) in the language: each item through the
 * optional key "KIND.ITEM" (blanks in ITEM as '-'), else as written; joined by list.sep. */
static void translate_list(const plan_ctx *p, const char *kind, const char *items,
			   const char *seps, char *out, size_t size)
{
	const char *sep = tmpl_get(p->t, "list.sep");
	size_t len = 0;

	out[0] = '\0';
	while (*items) {
		items += strspn(items, seps);
		size_t n = strcspn(items, seps);
		if (n == 0)
			break;
		char key[128];
		int k = snprintf(key, sizeof key, "%s.%.*s", kind, (int)(n < 100 ? n : 100), items);
		for (int i = (int)strlen(kind) + 1; i < k && key[i]; i++)
			if (key[i] == ' ')
				key[i] = '-';
		const char *word = tmpl_get(p->t, key);
		int w = word ? snprintf(out + len, size - len, "%s%s", len ? sep : "", word)
			     : snprintf(out + len, size - len, "%s%.*s", len ? sep : "", (int)n, items);
		if (w < 0 || (size_t)w >= size - len)
			break;
		len += (size_t)w;
		items += n;
	}
}

const char *plan_finding_text(const plan_ctx *p, const char *key, const swot_finding *f,
			      char *buf, size_t size)
{
	tmpl_arg args[SWOT_MAX_ARGS];
	char lists[SWOT_MAX_ARGS][SWOT_ARG_SIZE * 2];

	for (size_t i = 0; i < f->n_args; i++) {
		args[i].name = f->args[i].name;
		args[i].value = f->args[i].text;
		if (f->args[i].list) {
			translate_list(p, f->args[i].list, f->args[i].text, "\n", lists[i],
				       sizeof lists[i]);
			args[i].value = lists[i];
		}
	}
	return plan_fmt(p, buf, size, key, args, f->n_args);
}

/* "Y221: tobacco-and-liquor shop, medium, rural, law-abiding" */
static const char *code_spelled(const plan_ctx *p, const category_code *c, char *buf, size_t size)
{
	char code[5], letter[2] = { c->format, 0 }, key[32], fmt[128], sc[64], mk[64], ig[64];
	tmpl_arg la[] = { { "letter", letter } };

	code_format(c, code);
	snprintf(key, sizeof key, "format.%c", c->format);
	plan_fmt_or(p, fmt, sizeof fmt, key, "format.other", PLAN_ARGS(la));
	snprintf(key, sizeof key, "scale.%c", c->scale);
	plan_fmt_or(p, sc, sizeof sc, key, "missing", NULL, 0);
	snprintf(key, sizeof key, "market.%c", c->market);
	plan_fmt_or(p, mk, sizeof mk, key, "missing", NULL, 0);
	snprintf(key, sizeof key, "integrity.%c", c->integrity);
	plan_fmt_or(p, ig, sizeof ig, key, "missing", NULL, 0);
	tmpl_arg a[] = { { "code", code }, { "format", fmt }, { "scale", sc }, { "market", mk },
			 { "integrity", ig } };
	return plan_fmt(p, buf, size, "code.spelled", PLAN_ARGS(a));
}

static const char *scale_word(const plan_ctx *p, const category_code *c)
{
	char key[16];
	snprintf(key, sizeof key, "scale.%c", c->scale);
	const char *w = tmpl_get(p->t, key);
	return w ? w : tmpl_get(p->t, "missing");
}

/* ---- page 1: title band, profile, standing ---------------------------------------- */

static void title_band(plan_ctx *p)
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

static void profile(plan_ctx *p)
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
	code_spelled(p, &s->code, code, sizeof code);
	if (s->surroundings)
		translate_list(p, "place", s->surroundings, " \t\r\n", places, sizeof places);

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

static void standing(plan_ctx *p)
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
	tmpl_arg ca[] = { { "code", code }, { "scale", scale_word(p, &ev->computed_code) } };
	tmpl_arg ga[] = { { "group", ev->peer_group } };
	tmpl_arg ra[] = { { "rank", rank }, { "count", count } };
	plan_fmt(p, l_orders, sizeof l_orders, "standing.orders", PLAN_ARGS(qa));
	plan_fmt(p, n_orders, sizeof n_orders, "standing.orders.note", PLAN_ARGS(ca));
	plan_fmt(p, n_peers, sizeof n_peers, "standing.peers.note", PLAN_ARGS(ga));
	plan_fmt(p, n_large, sizeof n_large, "standing.large.note", PLAN_ARGS(ra));
	snprintf(peers, sizeof peers, "%zu", ev->peer_count);
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
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end;

	*utc = 0;
	if (in->date)
		return in->date;
	if (sde && *sde) {
		long long v = strtoll(sde, &end, 10);
		if (!*end && v >= 0) {
			*utc = 1;
			return (time_t)v;
		}
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
	snprintf(p->date_iso, sizeof p->date_iso, "%04d-%02d-%02dT%02d:%02d:%02d",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	quarter_format(ev->quarter, p->quarter);
	quarter_format(ev->deadline, p->deadline);

	char key[96];
	const char *unit = r && r->unit && *r->unit ? r->unit : NULL, *word = NULL;
	if (unit) {
		snprintf(key, sizeof key, "unit.%.80s", unit);
		word = tmpl_get(p->t, key);
	}
	snprintf(p->unit, sizeof p->unit, "%s", word ? word : unit ? unit : tmpl_get(p->t, "unit.default"));
	const char *tk = ev->status != STATUS_OK ? "doc.title.hold"
			 : ev->target_class == CLASS_NONE ? "doc.title.retention" : "doc.title";
	snprintf(p->title, sizeof p->title, "%s", tmpl_get(p->t, tk));
}

static int plan_derive(plan_ctx *p)
{
	const plan_input *in = p->in;
	swot_input si = { in->store, in->ev, in->ps, in->region ? in->region->growth : NULL,
			  in->region ? in->region->n_growth : 0, in->peer_area_median };

	if (isnan(si.peer_area_median) && in->region)
		si.peer_area_median = swot_peer_area_median(in->region, in->ev->peer_group,
							    in->ev->quarter);
	milestones_compute(in->store, in->ev, &p->t->milestones, &p->ms);
	return swot_derive(&p->t->swot, &si, &p->swot);
}

static int render_once(const tmpl_set *t, const plan_input *in, render_format fmt,
		       const char *path, diag *err)
{
	plan_ctx *p = calloc(1, sizeof *p);
	render_out *o = malloc(sizeof *o);
	int rc = EXIT_OK;

	if (!p || !o) {
		free(p);
		free(o);
		diag_set(err, EXIT_SOFTWARE, path, 0, NULL, NULL, "out of memory");
		return EXIT_SOFTWARE;
	}
	p->t = t;
	p->in = in;
	p->s = in->store;
	p->ev = in->ev;
	if (plan_derive(p) != 0 || render_doc_init(&p->doc, tmpl_get(t, "style.font"), t->lang) != 0) {
		diag_set(err, EXIT_SOFTWARE, path, 0, NULL, NULL, "out of memory");
		rc = EXIT_SOFTWARE;
		goto done;
	}
	plan_setup(p);
	render_page_new(&p->doc);
	title_band(p);
	profile(p);
	standing(p);
	plan_target(p);
	plan_swot(p);
	plan_measures(p);
	plan_signature(p);
	render_doc_finish(&p->doc, decorate, p);

	cairo_status_t cs = render_doc_status(&p->doc);
	if (cs != CAIRO_STATUS_SUCCESS) {
		diag_set(err, EXIT_SOFTWARE, path, 0, NULL, NULL, "cannot draw the plan: %s",
			 cairo_status_to_string(cs));
		rc = EXIT_SOFTWARE;
		goto done;
	}
	rc = render_out_open(o, path, err);
	if (rc != EXIT_OK)
		goto done;
	char pdf_title[512];
	tmpl_arg ta[] = { { "title", p->title }, { "name", p->s->name ? p->s->name : p->s->id } };
	plan_fmt(p, pdf_title, sizeof pdf_title, "doc.pdf-title", PLAN_ARGS(ta));
	cs = fmt == RENDER_FORMAT_PDF
		     ? render_doc_write_pdf(&p->doc, o, pdf_title, "planner " PLANNER_VERSION, p->date_iso)
		     : render_doc_write_png(&p->doc, o);
	if (cs != CAIRO_STATUS_SUCCESS && !o->err) {
		diag_set(err, EXIT_SOFTWARE, path, 0, NULL, NULL, "cannot write the plan: %s",
			 cairo_status_to_string(cs));
		render_out_abort(o);
		rc = EXIT_SOFTWARE;
		goto done;
	}
	rc = render_out_commit(o, err);   /* reports a write error remembered by o */
done:
	render_doc_free(&p->doc);
	swot_result_free(&p->swot);
	free(p);
	free(o);
	return rc;
}

int render_plan_write(const tmpl_set *t, const plan_input *in, const char *path, diag *err)
{
	render_format fmt = in->format ? in->format : render_format_of(path);
	int rc = EXIT_OK;

	if (fmt == RENDER_FORMAT_NONE) {
		diag_set(err, EXIT_USAGE, path, 0, NULL, NULL, "output must end in .pdf or .png");
		return EXIT_USAGE;
	}
	for (int i = 0; i < (in->repeat > 1 ? in->repeat : 1) && rc == EXIT_OK; i++)
		rc = render_once(t, in, fmt, path, err);
	return rc;
}

int render_plan_file(const store *s, const evaluation *ev, const peer_stats *ps,
		     const region *r, const char *lang, const char *path, diag *err)
{
	char dir[4096];
	tmpl_set *t;
	int rc = render_plan_load(cli_datapath("templates", dir, sizeof dir), lang, &t, err);

	if (rc != EXIT_OK)
		return rc;
	plan_input in = { .store = s, .ev = ev, .ps = ps, .region = r, .peer_area_median = NAN };
	rc = render_plan_write(t, &in, path, err);
	tmpl_free(t);
	return rc;
}
