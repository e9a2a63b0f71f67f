/*
 * cmd_plan.c: `planner plan STORE.xml --region REGION.xml -o PLAN.pdf|PLAN.png`: the
 * store's printable upgrade plan in Chinese or English (render_plan.h), written
 * atomically.  With --id/--ids the stores come from the region file itself
 * (context_ids.c), and -o DIR/ takes one plan per id, DIR/ID.pdf or DIR/ID.png.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "options_value.h"
#include "commands.h"
#include "render_out.h"
#include "render_plan.h"

static int parse_format(const char *arg, render_format *out)
{
	if (strcmp(arg, "pdf") == 0)
		*out = RENDER_FORMAT_PDF;
	else if (strcmp(arg, "png") == 0)
		*out = RENDER_FORMAT_PNG;
	else
		return report_usage_msg("plan", "usage.plan.format", "value", arg, NULL);
	return EXIT_OK;
}

/* Loads the templates; a language without a file is a usage error. */
static int load_templates(const char *lang, tmpl_set **t)
{
	char dir[4096];
	diag err;

	if (options_lang_check("plan", lang) != EXIT_OK)
		return EXIT_USAGE;
	datapath_file("templates", dir, sizeof dir);
	int rc = render_plan_load(dir, lang, t, &err);
	if (rc != EXIT_OK)
		report_msg("plan", "cmd.templates", "problem", err.text, NULL);
	return rc;
}

/* An output that is one of the inputs (the same file, by device and inode, whatever
 * the name or link) would be replaced by the plan: a usage error, nothing is read. */
static int check_not_input(const char *out, const char *store_path, const char *region_path)
{
	const char *inputs[2] = { store_path, region_path };
	const char *what[2] = { "usage.plan.over-input.store", "usage.plan.over-input.region" };
	struct stat o, in;
	int found = render_out_is_stdout(out) ? fstat(STDOUT_FILENO, &o) : stat(out, &o);

	if (found != 0 || !S_ISREG(o.st_mode))
		return EXIT_OK;    /* a new file, a terminal, a pipe */
	for (int i = 0; i < 2; i++)
		if (inputs[i] && stat(inputs[i], &in) == 0 && in.st_dev == o.st_dev &&
		    in.st_ino == o.st_ino)
			return report_usage_msg("plan", what[i], "output", out, "file", inputs[i],
						NULL);
	return EXIT_OK;
}

/* --by within 1 to MILESTONES_MAX_QUARTERS quarters after q, or a usage error. */
static int check_by(quarter_t by, quarter_t q)
{
	char text[12], most[16];

	if (by == QUARTER_NONE || (by > q && by <= q + MILESTONES_MAX_QUARTERS))
		return EXIT_OK;
	quarter_format(q, text);
	snprintf(most, sizeof most, "%d", MILESTONES_MAX_QUARTERS);
	return report_usage_msg("plan", "usage.plan.by", "most", most, "quarter", text, NULL);
}

/* value: the grade and quadrant options, or NULL */
static int write_plan(const tmpl_set *t, const store_context *ctx, const char *out_path,
		      render_format format, const value_options *value)
{
	plan_input in = { .store = ctx->store, .ev = &ctx->ev, .ps = &ctx->stats,
			  .region = &ctx->region, .peer_area_median = NAN, .format = format };
	if (value && value->grades_path) {
		in.grade = ctx->grade >= 0 ? value->grades.label[ctx->grade] : "";
		in.next_grade = ctx->grade > 0 ? value->grades.label[ctx->grade - 1] : NULL;
		in.next_grade_orders = ctx->next_grade_orders;
	}
	if (value && value->quadrants) {
		in.quadrant = quadrant_name((quadrant)ctx->quadrant);
		in.match = ctx->match;
	}
	diag err;
	int status = render_plan_write(t, &in, out_path, &err);

	if (status != EXIT_OK)
		report_msg("plan", "cmd.problem", "problem", err.text, NULL);
	return status;
}

/* -o DIR/: a name ending in '/', or an existing directory. */
static int output_is_dir(const char *out_path)
{
	struct stat st;

	return out_path[strlen(out_path) - 1] == '/' ||
	       (stat(out_path, &st) == 0 && S_ISDIR(st.st_mode));
}

/* The plans of ids, read from the region once: into out_path itself (one id), or one
 * per id into the directory out_path.  Nothing is written when an id is not in the
 * region; a failing plan stops the rest (the plans written before it stay). */
static int plan_ids(const tmpl_set *t, id_list *ids, const char *region_path,
		    const char *out_path, int into_dir, render_format format,
		    const context_options *copt)
{
	char path[4096];
	id_region ir;
	int status = id_region_load(&ir, ids, region_path, copt);

	if (status == EXIT_OK)
		status = check_by(copt->by, ir.quarter);
	if (status == EXIT_OK && into_dir && mkdir(out_path, 0777) != 0 && errno != EEXIST) {
		report_msg("plan", "cmd.plan.mkdir", "dir", out_path, "error", strerror(errno), NULL);
		status = EXIT_CANTCREAT;
	}
	for (size_t i = 0; status == EXIT_OK && i < ids->n; i++) {
		const char *file = out_path;
		if (into_dir) {
			int slash = out_path[strlen(out_path) - 1] == '/';
			if (snprintf(path, sizeof path, "%s%s%s.%s", out_path, slash ? "" : "/",
				     ids->ids[i], format == RENDER_FORMAT_PNG ? "png" : "pdf") >=
			    (int)sizeof path) {
				report_msg("plan", "cmd.plan.path-long", "dir", out_path, NULL);
				status = EXIT_CANTCREAT;
				break;
			}
			file = path;
			if (check_not_input(file, NULL, region_path) != EXIT_OK) {
				status = EXIT_USAGE;
				break;
			}
		}
		store_context ctx;
		status = id_context_load(&ctx, &ir, i, copt);
		if (status == EXIT_OK)
			status = write_plan(t, &ctx, file, format, NULL);
		id_context_free(&ctx);
	}
	id_region_free(&ir);
	return status;
}

/* plan's own options; the shared ones (--region, --quarter, ...) are options.c's */
enum { OPT_ID = 256, OPT_IDS };
const struct option cmd_plan_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	{ "id", required_argument, NULL, OPT_ID },
	{ "ids", required_argument, NULL, OPT_IDS },
	VALUE_LONG_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ 0 },
};

static int plan_main(int argc, char **argv, id_list *ids)
{
	options_parser p;
	options_common common;
	const char *out_path = NULL;
	value_options value = VALUE_OPTIONS_DEFAULT;
	render_format format = RENDER_FORMAT_NONE;
	int into_dir = 0;
	int ch;

	options_begin(&p, "plan", OPTIONS_PLAN, cmd_plan_options, "o:f:h", &common);
	while ((ch = getopt_long(argc, argv, p.shorts, p.table, NULL)) != -1) {
		switch (ch) {
		case 'o': out_path = optarg; break;
		case 'f': if (parse_format(optarg, &format)) return EXIT_USAGE; break;
		case OPT_ID: if (id_list_add(ids, "plan", optarg)) return EXIT_USAGE; break;
		case OPT_IDS: {
			int st = id_list_read(ids, "plan", optarg);
			if (st != EXIT_OK)
				return st;
			break;
		}
		case 'h': return options_print_usage("plan", p.mask, "help.plan", "help.plan.tail");
		default:
			switch (options_take(&p, ch, optarg, &common)) {
			case 1: break;
			case -1: return EXIT_USAGE;
			default:
				switch (value_option("plan", ch, optarg, &value)) {
				case 1: break;
				case 0: return report_usage_msg("plan", "usage.bad-option", NULL);
				default: return EXIT_USAGE;
				}
			}
		}
	}
	context_options copt = { .quarter = common.quarter, .by = common.by,
				 .config = common.config };
	const char *region_path = common.region, *lang = common.lang;

	if (ids->n > 0 && optind != argc)
		return report_usage_msg("plan", "usage.store-or-ids", NULL);
	if (ids->n == 0 && optind != argc - 1)
		return report_usage_msg("plan", "usage.one-store", NULL);
	if (ids->n > 0 && (value.grades_path || value.quadrants || value.hold_given))
		return report_usage_msg("plan", "usage.plan.ids-value", NULL);
	if (!region_path)
		return report_usage_msg("plan", "usage.region", NULL);
	if (!out_path || !*out_path)
		return report_usage_msg("plan", "usage.plan.output", NULL);
	if (ids->n > 0) {
		if (id_list_unique(ids) < 0) {
			report_msg("plan", "cmd.out-of-memory", NULL);
			return EXIT_SOFTWARE;
		}
		into_dir = !render_out_is_stdout(out_path) && output_is_dir(out_path);
		if (ids->n > 1 && !into_dir)
			return report_usage_msg("plan", "usage.plan.ids-dir", "output", out_path,
						NULL);
		if (into_dir && format == RENDER_FORMAT_NONE)
			format = RENDER_FORMAT_PDF;
	}
	if (format == RENDER_FORMAT_NONE)
		format = render_format_of(out_path);
	if (format == RENDER_FORMAT_NONE)
		return report_usage_msg("plan", "usage.plan.output-name", "output", out_path, NULL);

	if (!into_dir && check_not_input(out_path, ids->n ? NULL : argv[optind],
					 region_path) != EXIT_OK)
		return EXIT_USAGE;

	if (value.hold_given)
		return report_usage_msg("plan", "usage.hold-down", NULL);
	if (value.grades_path || value.quadrants) {
		int vs = value_load(&value);
		if (vs != EXIT_OK)
			return vs;
		copt.value = &value;
	}
	tmpl_set *t;
	int status = load_templates(lang, &t);
	if (status != EXIT_OK)
		return status;
	if (ids->n > 0) {
		status = plan_ids(t, ids, region_path, out_path, into_dir, format, &copt);
		tmpl_free(t);
		return status;
	}
	store_context ctx;
	status = context_load(&ctx, argv[optind], region_path, &copt);
	if (status == EXIT_OK)
		status = check_by(copt.by, ctx.ev.quarter);
	if (status == EXIT_OK)
		status = write_plan(t, &ctx, out_path, format, &value);
	context_free(&ctx);
	tmpl_free(t);
	return status;
}

int cmd_plan(int argc, char **argv)
{
	id_list ids = { 0 };
	int status = plan_main(argc, argv, &ids);

	id_list_free(&ids);
	return status;
}
