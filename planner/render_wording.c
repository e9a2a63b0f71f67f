/*
 * render_wording.c: the words of a plan: every template key the plan uses (checked when
 * the templates are loaded), and the helpers that fill them in: numbers, dates, codes
 * spelled out, data words (surroundings, honours) in the plan's language, and the
 * wording of SWOT findings with their evidence.
 */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "format.h"
#include "numbers.h"
#include "render_fonts.h"
#include "render_plan_int.h"
#include "utf8.h"

/* Every key a plan uses, with the placeholders the code supplies for it. */
static const tmpl_key plan_keys[] = {
	{ "style.font", "" }, { "date.format", "year month day mm dd" }, { "list.sep", "" },
	{ "quarter.name", "year q nth" }, { "quarter.short", "year q nth" },
	{ "quarter.nth.1", "" }, { "quarter.nth.2", "" }, { "quarter.nth.3", "" },
	{ "quarter.nth.4", "" }, { "list.neighbour", "code distance" },
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
	{ "unit.default", "" }, { "growth.region", "" },
	{ "sec.profile", "" }, { "sec.standing", "" }, { "sec.target", "" },
	{ "sec.retention", "" }, { "sec.hold", "" }, { "sec.swot", "" },
	{ "sec.measures", "" }, { "sec.signature", "" },
	{ "profile.name", "" }, { "profile.id", "" }, { "profile.owner", "" },
	{ "profile.address", "" }, { "profile.area", "" }, { "profile.area.value", "area" },
	{ "profile.opened", "" }, { "profile.opened.value", "years year" },
	{ "profile.opened.recent", "year" }, { "profile.code", "" },
	{ "profile.surroundings", "" },
	{ "standing.grade", "" }, { "standing.grade.value", "grade next orders gap unit" },
	{ "standing.grade.top", "grade next orders gap unit" },
	{ "standing.grade.none", "grade next orders gap unit" },
	{ "standing.quadrant", "" }, { "quadrant.strategic", "score percentile" },
	{ "quadrant.profit", "score percentile" }, { "quadrant.potential", "score percentile" },
	{ "quadrant.ordinary", "score percentile" }, { "quadrant.none", "score percentile" },
	{ "standing.orders", "quarter" }, { "standing.orders.note", "code scale" },
	{ "standing.peers", "" }, { "standing.peers.value", "count" },
	{ "standing.peers.note", "group" },
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
	{ "target.gap", "" }, { "target.gap.value", "gap" }, { "target.gap.note", "pct orders target unit" },
	{ "target.gap.note.zero", "pct orders target unit" },
	{ "target.changed.up", "from from_code to to_code regain unit deadline next" },
	{ "target.changed.down", "from from_code to to_code regain unit deadline next" },
	{ "target.changed.down.far", "from from_code to to_code regain unit deadline next" },
	{ "target.deadline", "" }, { "target.deadline.note", "date" },
	{ "target.margin", "" }, { "target.margin.value", "margin" },
	{ "target.margin.note", "pct" }, { "target.threshold", "" },
	{ "target.none.insufficient", "count quarter" },
	{ "target.none.insufficient.weak", "count quarter" }, { "target.none.no-orders", "quarter" },
	{ "milestones.title.monthly", "" }, { "milestones.title.quarterly", "" },
	{ "milestones.intro", "orders target deadline unit" },
	{ "milestones.intro.retention", "orders target deadline unit" },
	{ "milestones.month", "" }, { "milestones.quarter", "" }, { "milestones.check", "" },
	{ "milestones.period.month", "" }, { "milestones.period.quarter", "" },
	{ "milestones.cumulative", "" }, { "milestones.qtarget", "" },
	{ "milestones.floor", "" }, { "milestones.pace", "" }, { "milestones.margin", "" },
	{ "milestones.month.value", "year month mm quarter" },
	{ "chart.history.title", "" }, { "chart.history.y", "unit" },
	{ "chart.history.actual", "" }, { "chart.history.planned", "" },
	{ "chart.history.trend", "" }, { "chart.history.target", "value" },
	{ "chart.history.threshold", "value" }, { "chart.history.projection", "value" },
	{ "chart.history.none", "" }, { "chart.history.flat", "" },
	{ "verdict.text", "basis detail reach" }, { "verdict.label.on-trend", "" },
	{ "verdict.label.acceleration", "" }, { "verdict.label.out-of-reach", "deadline" },
	{ "verdict.label.safe", "" }, { "verdict.label.at-risk", "" },
	{ "verdict.label.none", "" },
	{ "verdict.basis.trend", "n slope projection deadline" },
	{ "verdict.basis.trend.none", "n slope projection deadline quarter" },
	{ "verdict.basis.flat", "quarter projection deadline" },
	{ "verdict.detail.on-trend", "target" },
	{ "verdict.detail.acceleration", "target shortfall pct" },
	{ "verdict.detail.acceleration.open", "target shortfall pct" },
	{ "verdict.detail.out-of-reach", "target pct max" },
	{ "verdict.detail.out-of-reach.zero", "target deadline" },
	{ "verdict.detail.safe", "target margin" },
	{ "verdict.detail.at-risk", "target shortfall code" },
	{ "verdict.detail.none", "" }, { "verdict.reach", "quarter" }, { "verdict.never", "" },
	{ "swot.strengths", "" }, { "swot.weaknesses", "" }, { "swot.opportunities", "" },
	{ "swot.threats", "" }, { "swot.empty", "" }, { "swot.no-assessment", "" },
	{ "swot.no-neighbours", "" }, { "swot.tag.strength", "n" }, { "swot.tag.weakness", "n" },
	{ "swot.tag.opportunity", "n" }, { "swot.tag.threat", "n" },
	{ "measures.for", "" }, { "measures.measure", "" }, { "measures.owner", "" },
	{ "measures.check", "" }, { "measures.none", "" },
	{ "measures.none.unassessed", "" }, { "measures.none.open", "" },
	{ "owner.store", "" }, { "owner.manager", "" },
	{ "sign.intro", "" }, { "sign.intro.target", "" }, { "sign.intro.measures", "" },
	{ "sign.intro.none", "" }, { "sign.manager", "" }, { "sign.shopkeeper", "owner" },
	{ "sign.date", "" },
};

int render_plan_load(const char *dir, const char *lang, tmpl_set **out, diag *err)
{
	render_fonts_init();   /* before any thread or forked child makes a font map */
	return render_plan_load_with(dir, lang, NULL, 0, out, err);
}

int render_plan_load_with(const char *dir, const char *lang, const tmpl_key *extra,
			  size_t n_extra, tmpl_set **out, diag *err)
{
	size_t n_plan = sizeof plan_keys / sizeof plan_keys[0];
	tmpl_key *keys = malloc((n_plan + n_extra) * sizeof *keys);

	if (!keys) {
		diag_msg(err, EXIT_SOFTWARE, NULL, 0, NULL, NULL, "out.no-memory", NULL);
		return EXIT_SOFTWARE;
	}
	memcpy(keys, plan_keys, sizeof plan_keys);
	if (n_extra)
		memcpy(keys + n_plan, extra, n_extra * sizeof *keys);
	int status = tmpl_load(dir, lang, keys, n_plan + n_extra, out, err);
	free(keys);
	return status;
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
		number_round_fixed(x, 1, buf, size);
	return buf;
}

const char *plan_date(const plan_ctx *p, int year, int month, int day, char *buf, size_t size)
{
	char y[8], m[4], d[4], mm[4], dd[4];
	snprintf(y, sizeof y, "%04d", year % 10000);
	snprintf(m, sizeof m, "%d", month % 100);
	snprintf(d, sizeof d, "%d", day % 100);
	snprintf(mm, sizeof mm, "%02d", month % 100);
	snprintf(dd, sizeof dd, "%02d", day % 100);
	tmpl_arg a[] = { { "year", y }, { "month", m }, { "day", d }, { "mm", mm }, { "dd", dd } };
	return plan_fmt(p, buf, size, "date.format", PLAN_ARGS(a));
}

const char *plan_quarter(const plan_ctx *p, quarter_t q, int brief, char *buf, size_t size)
{
	char y[8], n[4], key[24];

	if (q == QUARTER_NONE) {
		snprintf(buf, size, "-");
		return buf;
	}
	snprintf(y, sizeof y, "%04d", quarter_year(q) % 10000);
	snprintf(n, sizeof n, "%d", quarter_number(q));
	snprintf(key, sizeof key, "quarter.nth.%d", quarter_number(q));
	tmpl_arg a[] = { { "year", y }, { "q", n }, { "nth", tmpl_get(p->t, key) } };
	return plan_fmt(p, buf, size, brief ? "quarter.short" : "quarter.name", PLAN_ARGS(a));
}

void plan_heading(plan_ctx *p, const char *key, double keep_with)
{
	render_heading(&p->doc, ++p->section, tmpl_get(p->t, key), keep_with);
}

void plan_list(const plan_ctx *p, const char *kind, const char *items,
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
		char item[160], code[24];
		double distance;
		/* a neighbour "S121 50 m": its code and distance in the language's words */
		if (!word && strcmp(kind, "neighbour") == 0 &&
		    sscanf(items, "%23s %lf m", code, &distance) == 2) {
			char dist[32];
			tmpl_arg na[] = { { "code", code }, { "distance", plan_qty(distance, dist, sizeof dist) } };
			word = plan_fmt(p, item, sizeof item, "list.neighbour", PLAN_ARGS(na));
		}
		int w = word ? utf8_format(out + len, size - len, "%s%s", len ? sep : "", word)
			     : utf8_format(out + len, size - len, "%s%.*s", len ? sep : "", (int)n, items);
		if (w < 0 || (size_t)w >= size - len)
			break;   /* cut on a character boundary, with "…" */
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
		quarter_t q;
		args[i].name = f->args[i].name;
		args[i].value = f->args[i].text;
		/* evidence that is a quarter ("2006Q2") is worded as the plan words quarters */
		if (!f->args[i].list && strlen(f->args[i].text) == 6 &&
		    quarter_parse(f->args[i].text, &q) == 0) {
			plan_quarter(p, q, 0, lists[i], sizeof lists[i]);
			args[i].value = lists[i];
		}
		if (f->args[i].list) {
			plan_list(p, f->args[i].list, f->args[i].text, "\n", lists[i],
				       sizeof lists[i]);
			args[i].value = lists[i];
		}
	}
	return plan_fmt(p, buf, size, key, args, f->n_args);
}

const char *plan_code_spelled(const plan_ctx *p, const category_code *c, char *buf, size_t size)
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

const char *plan_scale_word(const plan_ctx *p, const category_code *c)
{
	char key[16];
	snprintf(key, sizeof key, "scale.%c", c->scale);
	const char *w = tmpl_get(p->t, key);
	return w ? w : tmpl_get(p->t, "missing");
}
