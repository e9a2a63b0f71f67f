/*
 * cmd_evaluate.c: `planner evaluate STORE.xml --region REGION.xml`: where the store
 * stands in its peer group this quarter, its computed code and its promotion target,
 * as a readable block (text) or one JSON object (json, written with jansson).  With
 * --id/--ids the stores are taken from the region file itself (context_ids.c): one
 * block per store, or JSON Lines.
 */
#include <getopt.h>
#include <math.h>
#include <string.h>

#include <jansson.h>

#include "options_value.h"
#include "commands.h"
#include "format.h"
#include "json_number.h"
#include "numbers.h"

static const char usage_text[] =
	"usage: planner evaluate STORE.xml --region REGION.xml [options]\n"
	"       planner evaluate --id ID [--id ID ...] --region REGION.xml [options]\n"
	"\n"
	"Evaluates one store among its peers (same region, format letter and market digit).\n"
	"\n"
	"      --id ID           evaluate the store ID of the region file, instead of a\n"
	"                        STORE.xml; may be given several times\n"
	"      --ids FILE        the ids of FILE too: one per line, # comments\n"
	"  -f, --format FMT      text (default) or json (with --id: JSON Lines, one object\n"
	"                        per store and line)\n"
	"      --grades FILE     also the store's grade in the scheme FILE and the orders\n"
	"                        that reach the next grade (see planner batch --help)\n"
	"      --grade-scope S   region (default) or group\n"
	"      --quadrants       also its match score and value x match quadrant\n"
	"      --match-rules FILE, --value-cut PCT, --match-cut S   as in planner batch\n";

static const char usage_tail[] =
	"  -h, --help            this text\n";

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

static void print_value(const store_context *ctx, const value_options *v)
{
	char m[16], next[32], gap[32];

	if (v->grades_path) {
		int g = ctx->grade;
		if (g < 0)
			printf("Grade        -\n");
		else if (g == 0)
			printf("Grade        %s (the best grade, %s scope)\n", v->grades.label[g],
			       v->scope_group ? "group" : "region");
		else {
			format_quantity(ctx->next_grade_orders, next, sizeof next);
			format_quantity(ctx->next_grade_orders - ctx->ev.orders, gap, sizeof gap);
			printf("Grade        %s (%s scope): grade %s at %s, gap +%s\n",
			       v->grades.label[g], v->scope_group ? "group" : "region",
			       v->grades.label[g - 1], next, gap);
		}
	}
	if (v->quadrants) {
		format_match(ctx->match, m);
		if (ctx->quadrant == QUADRANT_NONE)
			printf("Quadrant     -%s\n", ctx->match ? "" : " (no match score)");
		else
			printf("Quadrant     %s (match %s, percentile %.1f)\n",
			       quadrant_name((quadrant)ctx->quadrant), m, ctx->ev.percentile);
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

static void print_text(const store_context *ctx, const value_options *v)
{
	const evaluation *ev = &ctx->ev;
	char q[12], deadline[12], cur[5], comp[5], tgt[5];
	char orders[32], tl[32], tm[32], gap[32], target[32], margin[32];

	quarter_format(ev->quarter, q);
	quarter_format(ev->deadline, deadline);
	code_format(&ev->current_code, cur);
	code_format(&ev->computed_code, comp);
	code_format(&ev->target_code, tgt);
	format_quantity(ev->orders, orders, sizeof orders);
	format_quantity(ev->threshold_large, tl, sizeof tl);
	format_quantity(ev->threshold_medium, tm, sizeof tm);
	format_quantity(ev->gap, gap, sizeof gap);
	format_quantity(ev->target_orders, target, sizeof target);
	format_quantity(ev->margin, margin, sizeof margin);

	/* the name and unit come from the file: escaped, so they stay on their line */
	printf("Store        %s ", ctx->store->id);
	format_print_escaped(stdout, ctx->store->name);
	printf("\nQuarter      %s\n", q);
	printf("Orders       %s ", orders);
	format_print_escaped(stdout, ctx->region.unit);
	printf("%s\n", isnan(ev->orders) ? " (no figure this quarter)" : "");
	printf("Peer group   %s (%s %s): %zu stores\n", ev->peer_group,
	       ev->current_code.market == '1' ? "urban" : "rural",
	       format_letter_name(ev->current_code.format), ev->peer_count);
	printf("Thresholds   large >= %s, medium >= %s\n", tl, tm);
	if (isnan(ev->percentile))
		printf("Percentile   -\n");
	else {
		char pct[48];
		number_round_fixed(ev->percentile, 1, pct, sizeof pct);
		printf("Percentile   %s\n", pct);
	}
	printf("Current code %s (%s)\n", cur, class_name(code_class(&ev->current_code)));
	printf("Computed     %s (%s)\n", comp, class_name(ev->computed_class));
	if (ev->status != STATUS_OK)
		printf("Target       none: %s\n", eval_status_name(ev->status));
	else if (ev->target_class == CLASS_NONE)
		printf("Target       keep %s: %s above the large threshold\n", comp, margin);
	else if (isnan(ev->growth_required_pct)) {
		/* from 0 there is no growth rate: say from what to what */
		printf("Target       %s (%s): reach %s by %s, gap +%s (from %s to %s ", tgt,
		       class_name(ev->target_class), target, deadline, gap, orders, target);
		format_print_escaped(stdout, ctx->region.unit);
		printf(")\n");
	} else {
		char growth[48];
		number_round_fixed(ev->growth_required_pct, 1, growth, sizeof growth);
		printf("Target       %s (%s): reach %s by %s, gap +%s (+%s %%)\n", tgt,
		       class_name(ev->target_class), target, deadline, gap, growth);
	}
	printf("Status       %s\n", eval_status_name(ev->status));
	if (v)
		print_value(ctx, v);
}

/* evaluate's own options; the shared ones (--region, --quarter, ...) are options.c's */
const struct option cmd_evaluate_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "id", required_argument, NULL, 'i' },
	{ "ids", required_argument, NULL, 'I' },
	VALUE_LONG_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ 0 },
};

/* Prints the stores of ids in the order given: text blocks separated by a blank
 * line, or JSON Lines. */
static int evaluate_ids(id_list *ids, const char *region_path, const context_options *copt,
			int json)
{
	id_region ir;
	int status = id_region_load(&ir, ids, region_path, copt);

	if (status == EXIT_OK && copt->by != QUARTER_NONE && copt->by <= ir.quarter)
		status = report_usage("evaluate", "--by must be after the evaluated quarter");
	for (size_t i = 0; status == EXIT_OK && i < ids->n; i++) {
		store_context ctx;
		status = id_context_load(&ctx, &ir, i, copt);
		if (status == EXIT_OK && json)
			status = print_json(&ctx, NULL, JSON_COMPACT);
		else if (status == EXIT_OK) {
			if (i > 0)
				putchar('\n');
			print_text(&ctx, NULL);
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
	int ch;

	options_begin(&p, "evaluate", OPTIONS_EVALUATE, cmd_evaluate_options, "f:h", &common);
	while ((ch = getopt_long(argc, argv, p.shorts, p.table, NULL)) != -1) {
		switch (ch) {
		case 'f': fmt = optarg; break;
		case 'i': if (id_list_add(ids, "evaluate", optarg)) return EXIT_USAGE; break;
		case 'I': {
			int st = id_list_read(ids, "evaluate", optarg);
			if (st != EXIT_OK)
				return st;
			break;
		}
		case 'h': return options_print_usage("evaluate", p.mask, usage_text, usage_tail);
		default:
			switch (options_take(&p, ch, optarg, &common)) {
			case 1: break;
			case -1: return EXIT_USAGE;
			default:
				switch (value_option("evaluate", ch, optarg, &value)) {
				case 1: break;
				case 0: return report_usage("evaluate", "bad option");
				default: return EXIT_USAGE;
				}
			}
		}
	}
	if (ids->n > 0 && optind != argc)
		return report_usage("evaluate", "give either STORE.xml or --id/--ids, not both");
	if (ids->n == 0 && optind != argc - 1)
		return report_usage("evaluate", "expected exactly one STORE.xml (or --id ID)");
	if (!common.region)
		return report_usage("evaluate", "--region REGION.xml is required");
	if (strcmp(fmt, "text") != 0 && strcmp(fmt, "json") != 0)
		return report_usage("evaluate", "--format must be text or json, not \"%s\"", fmt);
	if (ids->n > 0 && (value.grades_path || value.quadrants || value.hold_given))
		return report_usage("evaluate", "--id/--ids evaluate classes only: give the grade "
				    "and quadrant options with STORE.xml");

	context_options copt = { .quarter = common.quarter, .by = common.by,
				 .config = common.config };
	const char *region_path = common.region;
	if (ids->n > 0)
		return evaluate_ids(ids, region_path, &copt, strcmp(fmt, "json") == 0);
	if (value.hold_given)
		return report_usage("evaluate", "--hold-down is for planner batch (it needs the "
				    "whole region's history)");
	if (value.grades_path || value.quadrants) {
		int vs = value_load(&value);
		if (vs != EXIT_OK)
			return vs;
		copt.value = &value;
	}
	store_context ctx;
	int status = context_load(&ctx, argv[optind], region_path, &copt);
	if (status == EXIT_OK && copt.by != QUARTER_NONE && copt.by <= ctx.ev.quarter) {
		status = report_usage("evaluate", "--by must be after the evaluated quarter");
	} else if (status == EXIT_OK) {
		if (strcmp(fmt, "json") == 0)
			status = print_json(&ctx, copt.value, JSON_INDENT(2));
		else
			print_text(&ctx, copt.value);
		if (fflush(stdout) != 0 || ferror(stdout))
			status = EXIT_IOERR;
	}
	context_free(&ctx);
	return status;
}

int cmd_evaluate(int argc, char **argv)
{
	id_list ids = { 0 };
	int status = evaluate_main(argc, argv, &ids);

	id_list_free(&ids);
	return status;
}
