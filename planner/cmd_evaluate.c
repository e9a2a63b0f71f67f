/*
 * cmd_evaluate.c: `planner evaluate STORE.xml --region REGION.xml`: where the store
 * stands in its peer group this quarter, its computed code and its promotion target,
 * as a readable block (text) or one JSON object (json, written with jansson).  With
 * --id/--ids the stores are taken from the region file itself (context_ids.c): one
 * block per store, or JSON Lines.
 */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "options_value.h"
#include "commands.h"
#include "datapath.h"
#include "format.h"
#include "json_number.h"
#include "numbers.h"
#include "options.h"
#include "report.h"
#include "templates.h"

static json_t *json_code(const category_code *c)
{
	char s[5];
	code_format(c, s);
	return json_string(s);
}


/* "3.45" from hundredths */
static void format_match(uint16_t m, char out[16])
{
	snprintf(out, 16, "%u.%02u", m / 100u, m % 100u);
}

static void json_value(json_t *o, const store_context *ctx, const value_options *v)
{
	if (v->grades_path) {
		int g = ctx->grade;
		json_object_set_new(o, "grade_scope", json_string(v->scope_group ? "group" : "region"));
		json_object_set_new(o, "grade", g >= 0 ? json_string(v->grades.label[g]) : json_null());
		json_object_set_new(o, "next_grade", g > 0 ? json_string(v->grades.label[g - 1])
							   : json_null());
		json_object_set_new(o, "next_grade_orders", json_number(ctx->next_grade_orders, 6));
	}
	if (v->quadrants) {
		json_object_set_new(o, "match_score", ctx->match ? json_real(ctx->match / 100.0)
								: json_null());
		json_object_set_new(o, "quadrant", ctx->quadrant != QUADRANT_NONE
				    ? json_string(quadrant_name((quadrant)ctx->quadrant)) : json_null());
	}
}

/* The arguments of a key's wording: the array and its length. */
#define EVAL_ARGS(a) (a), (sizeof (a) / sizeof (a)[0])

/* Every key the text output reads, with the placeholders it supplies (checked at load). */
static const tmpl_key text_keys[] = {
	{ "quarter.short", "year q nth" }, { "quarter.nth.1", "" }, { "quarter.nth.2", "" },
	{ "quarter.nth.3", "" }, { "quarter.nth.4", "" }, { "unit.default", "" },
	{ "market.1", "" }, { "market.2", "" },
	{ "formats.Y", "" }, { "formats.S", "" }, { "formats.B", "" }, { "formats.C", "" },
	{ "formats.E", "" }, { "formats.Q", "" }, { "formats.other", "letter" },
	{ "evaluate.store", "id name" }, { "evaluate.quarter", "quarter" },
	{ "evaluate.orders", "orders unit" }, { "evaluate.orders.none", "orders unit" },
	{ "evaluate.peers", "group market format count" },
	{ "evaluate.peers.one", "group market format count" },
	{ "evaluate.thresholds", "large medium" }, { "evaluate.percentile", "value" },
	{ "evaluate.current", "code class" }, { "evaluate.computed", "code class" },
	{ "evaluate.target", "code class target deadline gap pct" },
	{ "evaluate.target.zero", "code class target deadline gap orders unit" },
	{ "evaluate.target.keep", "code margin" }, { "evaluate.target.none", "status" },
	{ "evaluate.status", "status" },
	{ "evaluate.class.large", "" }, { "evaluate.class.medium", "" },
	{ "evaluate.class.small", "" }, { "evaluate.class.none", "" },
	{ "evaluate.status.ok", "" }, { "evaluate.status.insufficient-peers", "" },
	{ "evaluate.status.no-orders", "" }, { "evaluate.status.invalid", "" },
	{ "evaluate.grade", "grade scope next orders gap" },
	{ "evaluate.grade.best", "grade scope" }, { "evaluate.grade.none", "" },
	{ "evaluate.scope.region", "" }, { "evaluate.scope.group", "" },
	{ "evaluate.quadrant", "quadrant match percentile" },
	{ "evaluate.quadrant.none", "" }, { "evaluate.quadrant.no-match", "" },
	{ "evaluate.quadrant.strategic", "" }, { "evaluate.quadrant.profit", "" },
	{ "evaluate.quadrant.potential", "" }, { "evaluate.quadrant.ordinary", "" },
};

/* The wording of the text output: templates/LANG.txt, its evaluate.* keys checked. */
static int load_words(const char *lang, tmpl_set **t)
{
	char dir[PATH_MAX];
	diag err;

	if (options_lang_check("evaluate", lang) != EXIT_OK)
		return EXIT_USAGE;
	datapath_file("templates", dir, sizeof dir);
	int status = tmpl_load(dir, lang, text_keys, sizeof text_keys / sizeof text_keys[0], t,
			       &err);
	if (status != EXIT_OK)
		report_msg("evaluate", "cmd.templates", "problem", err.text, NULL);
	return status;
}

/* Prints key's wording with args as one line. */
static void say(const tmpl_set *t, const char *key, const tmpl_arg *args, size_t n_args)
{
	char line[8192];
	puts(tmpl_format(t, key, NULL, args, n_args, line, sizeof line));
}

/* The word for an identifier of the models ("evaluate.class." + "large"). */
static const char *word(const tmpl_set *t, const char *prefix, const char *id)
{
	char key[96];
	snprintf(key, sizeof key, "%s%s", prefix, id);
	const char *w = tmpl_get(t, key);
	return w ? w : id;
}

/* s on one line (format_print_escaped) in a malloc'd string, NULL when out of memory:
 * a name holding a line break cannot forge a line of the text output. */
static char *escaped(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	format_print_escaped(f, s);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void print_value(const tmpl_set *t, const store_context *ctx, const value_options *v)
{
	char m[16], next[32], gap[32], pct[32];
	const char *scope = word(t, "evaluate.scope.", v->scope_group ? "group" : "region");

	if (v->grades_path) {
		int g = ctx->grade;
		if (g < 0)
			say(t, "evaluate.grade.none", NULL, 0);
		else if (g == 0) {
			tmpl_arg a[] = { { "grade", v->grades.label[g] }, { "scope", scope } };
			say(t, "evaluate.grade.best", EVAL_ARGS(a));
		} else {
			format_quantity(ctx->next_grade_orders, next, sizeof next);
			format_quantity(ctx->next_grade_orders - ctx->ev.orders, gap, sizeof gap);
			tmpl_arg a[] = { { "grade", v->grades.label[g] }, { "scope", scope },
					 { "next", v->grades.label[g - 1] }, { "orders", next },
					 { "gap", gap } };
			say(t, "evaluate.grade", EVAL_ARGS(a));
		}
	}
	if (v->quadrants) {
		format_match(ctx->match, m);
		if (ctx->quadrant == QUADRANT_NONE)
			say(t, ctx->match ? "evaluate.quadrant.none" : "evaluate.quadrant.no-match",
			    NULL, 0);
		else {
			snprintf(pct, sizeof pct, "%.1f", ctx->ev.percentile);
			tmpl_arg a[] = { { "quadrant", word(t, "evaluate.quadrant.",
							    quadrant_name((quadrant)ctx->quadrant)) },
					 { "match", m }, { "percentile", pct } };
			say(t, "evaluate.quadrant", EVAL_ARGS(a));
		}
	}
}

static int print_json(const store_context *ctx, const value_options *v, size_t layout)
{
	const evaluation *ev = &ctx->ev;
	char q[12], deadline[12];
	int has_target = ev->target_class != CLASS_NONE;

	quarter_format(ev->quarter, q);
	quarter_format(ev->deadline, deadline);
	json_t *o = json_object();
	json_object_set_new(o, "store_id", json_string(ctx->store->id));
	json_object_set_new(o, "name", json_string(ctx->store->name));
	json_object_set_new(o, "quarter", json_string(q));
	json_object_set_new(o, "orders", json_number(ev->orders, 6));
	json_object_set_new(o, "peer_group", json_string(ev->peer_group));
	json_object_set_new(o, "peer_count", json_integer((json_int_t)ev->peer_count));
	json_object_set_new(o, "threshold_large", json_number(ev->threshold_large, 6));
	json_object_set_new(o, "threshold_medium", json_number(ev->threshold_medium, 6));
	json_object_set_new(o, "percentile", json_number(ev->percentile, 2));
	json_object_set_new(o, "current_code", json_code(&ev->current_code));
	json_object_set_new(o, "computed_code", json_code(&ev->computed_code));
	json_object_set_new(o, "computed_class", json_string(class_name(ev->computed_class)));
	json_object_set_new(o, "target_code", has_target ? json_code(&ev->target_code) : json_null());
	json_object_set_new(o, "target_orders", json_number(ev->target_orders, 6));
	json_object_set_new(o, "gap", json_number(ev->gap, 6));
	json_object_set_new(o, "growth_required_pct", json_number(ev->growth_required_pct, 2));
	json_object_set_new(o, "deadline", has_target ? json_string(deadline) : json_null());
	json_object_set_new(o, "margin", json_number(ev->margin, 6));
	json_object_set_new(o, "status", json_string(eval_status_name(ev->status)));
	if (v)
		json_value(o, ctx, v);
	int rc = json_dumpf(o, stdout, layout | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	json_decref(o);
	putchar('\n');
	return rc == 0 ? EXIT_OK : EXIT_IOERR;
}

/* "2007Q1" / "2007年一季度": quarter.short */
static const char *quarter_words(const tmpl_set *t, quarter_t q, char *buf, size_t size)
{
	char year[8], num[4], key[24];

	snprintf(year, sizeof year, "%d", quarter_year(q));
	snprintf(num, sizeof num, "%d", quarter_number(q));
	snprintf(key, sizeof key, "quarter.nth.%d", quarter_number(q));
	tmpl_arg a[] = { { "year", year }, { "q", num }, { "nth", tmpl_get(t, key) } };
	return tmpl_format(t, "quarter.short", NULL, EVAL_ARGS(a), buf, size);
}

/* The store's evaluation as a readable block in the language of t (one line per fact). */
static int print_text(const tmpl_set *t, const store_context *ctx, const value_options *v)
{
	const evaluation *ev = &ctx->ev;
	char q[64], deadline[64], cur[5], comp[5], tgt[5], key[96], fmt[256], count[24];
	char orders[32], tl[32], tm[32], gap[32], target[32], margin[32], pct[48];

	/* the name and unit come from the file: escaped, so they stay on their line */
	char *name = escaped(ctx->store->name), *unit_raw = NULL;
	const char *unit = tmpl_get(t, "unit.default");
	if (ctx->region.unit && *ctx->region.unit) {
		snprintf(key, sizeof key, "unit.%.80s", ctx->region.unit);
		unit = tmpl_get(t, key);
		if (!unit)
			unit = unit_raw = escaped(ctx->region.unit);
	}
	if (!name || !unit) {
		free(name);
		free(unit_raw);
		report_msg("evaluate", "cmd.out-of-memory", NULL);
		return EXIT_SOFTWARE;
	}

	quarter_words(t, ev->quarter, q, sizeof q);
	quarter_words(t, ev->deadline, deadline, sizeof deadline);
	code_format(&ev->current_code, cur);
	code_format(&ev->computed_code, comp);
	code_format(&ev->target_code, tgt);
	format_quantity(ev->orders, orders, sizeof orders);
	format_quantity(ev->threshold_large, tl, sizeof tl);
	format_quantity(ev->threshold_medium, tm, sizeof tm);
	format_quantity(ev->gap, gap, sizeof gap);
	format_quantity(ev->target_orders, target, sizeof target);
	format_quantity(ev->margin, margin, sizeof margin);
	snprintf(count, sizeof count, "%zu", ev->peer_count);
	char letter[2] = { ev->current_code.format, '\0' };
	snprintf(key, sizeof key, "formats.%c", ev->current_code.format);
	tmpl_arg la[] = { { "letter", letter } };
	tmpl_format(t, key, "formats.other", EVAL_ARGS(la), fmt, sizeof fmt);
	const char *status = word(t, "evaluate.status.", eval_status_name(ev->status));
	const char *cur_class = word(t, "evaluate.class.", class_name(code_class(&ev->current_code)));
	const char *comp_class = word(t, "evaluate.class.", class_name(ev->computed_class));
	const char *tgt_class = word(t, "evaluate.class.", class_name(ev->target_class));

	tmpl_arg who[] = { { "id", ctx->store->id }, { "name", name } };
	say(t, "evaluate.store", EVAL_ARGS(who));
	tmpl_arg quarter[] = { { "quarter", q } };
	say(t, "evaluate.quarter", EVAL_ARGS(quarter));
	tmpl_arg ord[] = { { "orders", orders }, { "unit", unit } };
	say(t, isnan(ev->orders) ? "evaluate.orders.none" : "evaluate.orders", EVAL_ARGS(ord));
	tmpl_arg peers[] = { { "group", ev->peer_group },
			     { "market", tmpl_get(t, ev->current_code.market == '1' ? "market.1"
										: "market.2") },
			     { "format", fmt }, { "count", count } };
	say(t, ev->peer_count == 1 ? "evaluate.peers.one" : "evaluate.peers", EVAL_ARGS(peers));
	tmpl_arg thr[] = { { "large", tl }, { "medium", tm } };
	say(t, "evaluate.thresholds", EVAL_ARGS(thr));
	if (isnan(ev->percentile))
		snprintf(pct, sizeof pct, "-");
	else
		number_round_fixed(ev->percentile, 1, pct, sizeof pct);
	tmpl_arg per[] = { { "value", pct } };
	say(t, "evaluate.percentile", EVAL_ARGS(per));
	tmpl_arg cc[] = { { "code", cur }, { "class", cur_class } };
	say(t, "evaluate.current", EVAL_ARGS(cc));
	tmpl_arg co[] = { { "code", comp }, { "class", comp_class } };
	say(t, "evaluate.computed", EVAL_ARGS(co));
	if (ev->status != STATUS_OK) {
		tmpl_arg a[] = { { "status", status } };
		say(t, "evaluate.target.none", EVAL_ARGS(a));
	} else if (ev->target_class == CLASS_NONE) {
		tmpl_arg a[] = { { "code", comp }, { "margin", margin } };
		say(t, "evaluate.target.keep", EVAL_ARGS(a));
	} else if (isnan(ev->growth_required_pct)) {
		/* from 0 there is no growth rate: say from what to what */
		tmpl_arg a[] = { { "code", tgt }, { "class", tgt_class }, { "target", target },
				 { "deadline", deadline }, { "gap", gap }, { "orders", orders },
				 { "unit", unit } };
		say(t, "evaluate.target.zero", EVAL_ARGS(a));
	} else {
		char growth[48];
		number_round_fixed(ev->growth_required_pct, 1, growth, sizeof growth);
		tmpl_arg a[] = { { "code", tgt }, { "class", tgt_class }, { "target", target },
				 { "deadline", deadline }, { "gap", gap }, { "pct", growth } };
		say(t, "evaluate.target", EVAL_ARGS(a));
	}
	tmpl_arg st[] = { { "status", status } };
	say(t, "evaluate.status", EVAL_ARGS(st));
	if (v)
		print_value(t, ctx, v);
	free(name);
	free(unit_raw);
	return EXIT_OK;
}
/* evaluate's own options; the shared ones (--region, --quarter, ...) are options.c's */
const struct option cmd_evaluate_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "id", required_argument, NULL, 'i' },
	{ "ids", required_argument, NULL, 'I' },
	{ "jobs", required_argument, NULL, 'j' },
	VALUE_LONG_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ 0 },
};

/* Prints the stores of ids in the order given: text blocks separated by a blank
 * line, or JSON Lines. */
static int evaluate_ids(const tmpl_set *words, id_list *ids, const char *region_path,
			const context_options *copt, int json)
{
	id_region ir;
	int status = id_region_load(&ir, ids, region_path, copt);

	if (status == EXIT_OK && copt->by != QUARTER_NONE && copt->by <= ir.quarter)
		status = report_usage_msg("evaluate", "usage.evaluate.by", NULL);
	for (size_t i = 0; status == EXIT_OK && i < ids->n; i++) {
		store_context ctx;
		status = id_context_load(&ctx, &ir, i, copt);
		if (status == EXIT_OK && json)
			status = print_json(&ctx, NULL, JSON_COMPACT);
		else if (status == EXIT_OK) {
			if (i > 0)
				putchar('\n');
			status = print_text(words, &ctx, NULL);
		}
		id_context_free(&ctx);
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		status = EXIT_IOERR;
	id_region_free(&ir);
	return status;
}

static int evaluate_main(int argc, char **argv, id_list *ids)
{
	options_parser p;
	options_common common;
	const char *fmt = "text";
	value_options value = VALUE_OPTIONS_DEFAULT;
	long jobs = 0;
	int ch;

	options_begin(&p, "evaluate", OPTIONS_EVALUATE, cmd_evaluate_options, "f:j:h", &common);
	/* English by default: scripts written before --lang read this text */
	snprintf(common.lang, sizeof common.lang, "en");
	while ((ch = getopt_long(argc, argv, p.shorts, p.table, NULL)) != -1) {
		switch (ch) {
		case 'f': fmt = optarg; break;
		case 'j': if (options_count("evaluate", "--jobs", optarg, 1, 256, &jobs)) return EXIT_USAGE; break;
		case 'i': if (id_list_add(ids, "evaluate", optarg)) return EXIT_USAGE; break;
		case 'I': {
			int st = id_list_read(ids, "evaluate", optarg);
			if (st != EXIT_OK)
				return st;
			break;
		}
		case 'h':
			return options_print_usage("evaluate", p.mask, "help.evaluate",
						   "help.evaluate.tail");
		default:
			switch (options_take(&p, ch, optarg, &common)) {
			case 1: break;
			case -1: return EXIT_USAGE;
			default:
				switch (value_option("evaluate", ch, optarg, &value)) {
				case 1: break;
				case 0: return report_usage_msg("evaluate", "usage.bad-option", NULL);
				default: return EXIT_USAGE;
				}
			}
		}
	}
	if (ids->n > 0 && optind != argc)
		return report_usage_msg("evaluate", "usage.store-or-ids", NULL);
	if (ids->n == 0 && optind != argc - 1)
		return report_usage_msg("evaluate", "usage.one-store", NULL);
	if (!common.region)
		return report_usage_msg("evaluate", "usage.region", NULL);
	if (strcmp(fmt, "text") != 0 && strcmp(fmt, "json") != 0)
		return report_usage_msg("evaluate", "usage.evaluate.format", "value", fmt, NULL);
	if (ids->n > 0 && (value.grades_path || value.quadrants || value.hold_given))
		return report_usage_msg("evaluate", "usage.evaluate.ids-value", NULL);

	context_options copt = { .quarter = common.quarter, .by = common.by,
				 .config = common.config, .jobs = jobs };
	const char *region_path = common.region;
	if (value.hold_given)
		return report_usage_msg("evaluate", "usage.hold-down", NULL);
	/* the wording first: a broken language file stops before the region is read */
	tmpl_set *words = NULL;
	int ws = strcmp(fmt, "text") == 0 ? load_words(common.lang, &words)
					  : options_lang_check("evaluate", common.lang);
	if (ws != EXIT_OK)
		return ws;
	if (ids->n > 0) {
		int is = evaluate_ids(words, ids, region_path, &copt, strcmp(fmt, "json") == 0);
		tmpl_free(words);
		return is;
	}
	if (value.grades_path || value.quadrants) {
		int vs = value_load(&value);
		if (vs != EXIT_OK) {
			tmpl_free(words);
			return vs;
		}
		copt.value = &value;
	}
	store_context ctx;
	int status = context_load(&ctx, argv[optind], region_path, &copt);
	if (status == EXIT_OK && copt.by != QUARTER_NONE && copt.by <= ctx.ev.quarter) {
		status = report_usage_msg("evaluate", "usage.evaluate.by", NULL);
	} else if (status == EXIT_OK) {
		if (strcmp(fmt, "json") == 0)
			status = print_json(&ctx, copt.value, JSON_INDENT(2));
		else
			status = print_text(words, &ctx, copt.value);
		if (fflush(stdout) != 0 || ferror(stdout))
			status = EXIT_IOERR;
	}
	context_free(&ctx);
	tmpl_free(words);
	return status;
}

int cmd_evaluate(int argc, char **argv)
{
	id_list ids = { 0 };
	int status = evaluate_main(argc, argv, &ids);

	id_list_free(&ids);
	return status;
}
