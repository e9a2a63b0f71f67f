/*
 * cmd_plan.c: `planner plan STORE.xml --region REGION.xml -o PLAN.pdf|PLAN.png`: the
 * store's printable upgrade plan in Chinese or English (render_plan.h), written
 * atomically.
 */
#include <getopt.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "options_value.h"
#include "commands.h"
#include "render_out.h"
#include "render_plan.h"

static const char usage_head[] =
	"usage: planner plan STORE.xml --region REGION.xml -o PLAN.pdf|PLAN.png [options]\n"
	"\n"
	"Writes the store's upgrade plan: A4 PDF, or a PNG of all pages at 150 dpi.\n"
	"\n"
	"  -o, --output FILE     the plan to write; .pdf or .png decides the format (required);\n"
	"                        - (or /dev/stdout) writes it to standard output\n"
	"  -f, --format FMT      pdf or png, whatever the output's name (e.g. -o -)\n"
	"      --grades FILE     also the store's grade and the orders for the next grade\n"
	"      --grade-scope S   region (default) or group\n"
	"      --quadrants       also its value x match quadrant and what it means\n"
	"      --match-rules FILE, --value-cut PCT, --match-cut S   as in planner batch\n";

static const char usage_tail[] =
	"  -h, --help            this text\n"
	"\n"
	"Wording and SWOT rules come from templates/ (see templates/README.md).\n"
	"Exit status: 0 ok, 64 usage, 65 bad data or templates, 66 missing input,\n"
	"73 output cannot be created, 74 write error.\n";

static int parse_format(const char *arg, render_format *out)
{
	if (strcmp(arg, "pdf") == 0)
		*out = RENDER_FORMAT_PDF;
	else if (strcmp(arg, "png") == 0)
		*out = RENDER_FORMAT_PNG;
	else
		return report_usage("plan", "--format must be pdf or png, not \"%s\"", arg);
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
		report_error("plan", "templates: %s", err.text);
	return rc;
}

/* An output that is one of the inputs (the same file, by device and inode, whatever
 * the name or link) would be replaced by the plan: a usage error, nothing is read. */
static int check_not_input(const char *out, const char *store_path, const char *region_path)
{
	const char *inputs[2] = { store_path, region_path };
	const char *what[2] = { "store", "region" };
	struct stat o, in;
	int found = render_out_is_stdout(out) ? fstat(STDOUT_FILENO, &o) : stat(out, &o);

	if (found != 0 || !S_ISREG(o.st_mode))
		return EXIT_OK;    /* a new file, a terminal, a pipe */
	for (int i = 0; i < 2; i++)
		if (stat(inputs[i], &in) == 0 && in.st_dev == o.st_dev && in.st_ino == o.st_ino)
			return report_usage("plan", "-o %s is the %s file %s: refusing to write "
					    "the plan over an input", out, what[i], inputs[i]);
	return EXIT_OK;
}

/* plan's own options; the shared ones (--region, --quarter, ...) are options.c's */
const struct option cmd_plan_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	VALUE_LONG_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ 0 },
};

int cmd_plan(int argc, char **argv)
{
	options_parser p;
	options_common common;
	const char *out_path = NULL;
	value_options value = VALUE_OPTIONS_DEFAULT;
	render_format format = RENDER_FORMAT_NONE;
	int ch;

	options_begin(&p, "plan", OPTIONS_PLAN, cmd_plan_options, "o:f:h", &common);
	while ((ch = getopt_long(argc, argv, p.shorts, p.table, NULL)) != -1) {
		switch (ch) {
		case 'o': out_path = optarg; break;
		case 'f': if (parse_format(optarg, &format)) return EXIT_USAGE; break;
		case 'h': return options_print_usage("plan", p.mask, usage_head, usage_tail);
		default:
			switch (options_take(&p, ch, optarg, &common)) {
			case 1: break;
			case -1: return EXIT_USAGE;
			default:
				switch (value_option("plan", ch, optarg, &value)) {
				case 1: break;
				case 0: return report_usage("plan", "bad option");
				default: return EXIT_USAGE;
				}
			}
		}
	}
	context_options copt = { .quarter = common.quarter, .by = common.by,
				 .config = common.config };
	const char *region_path = common.region, *lang = common.lang;

	if (optind != argc - 1)
		return report_usage("plan", "expected exactly one STORE.xml");
	if (!region_path)
		return report_usage("plan", "--region REGION.xml is required");
	if (!out_path || !*out_path)
		return report_usage("plan", "-o PLAN.pdf or -o PLAN.png is required");
	if (format == RENDER_FORMAT_NONE)
		format = render_format_of(out_path);
	if (format == RENDER_FORMAT_NONE)
		return report_usage("plan", "-o \"%s\": the name must end in .pdf or .png "
				    "(or give --format)", out_path);

	if (check_not_input(out_path, argv[optind], region_path) != EXIT_OK)
		return EXIT_USAGE;

	if (value.hold_given)
		return report_usage("plan", "--hold-down is for planner batch (it needs the "
				    "whole region's history)");
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
	store_context ctx;
	status = context_load(&ctx, argv[optind], region_path, &copt);
	if (status == EXIT_OK && copt.by != QUARTER_NONE &&
	    (copt.by <= ctx.ev.quarter || copt.by > ctx.ev.quarter + MILESTONES_MAX_QUARTERS)) {
		char q[12];
		quarter_format(ctx.ev.quarter, q);
		status = report_usage("plan", "--by must be 1 to %d quarters after %s",
				      MILESTONES_MAX_QUARTERS, q);
	}
	if (status == EXIT_OK) {
		plan_input in = { .store = ctx.store, .ev = &ctx.ev, .ps = &ctx.stats,
				  .region = &ctx.region, .peer_area_median = NAN, .format = format };
		if (value.grades_path) {
			in.grade = ctx.grade >= 0 ? value.grades.label[ctx.grade] : "";
			in.next_grade = ctx.grade > 0 ? value.grades.label[ctx.grade - 1] : NULL;
			in.next_grade_orders = ctx.next_grade_orders;
		}
		if (value.quadrants) {
			in.quadrant = quadrant_name((quadrant)ctx.quadrant);
			in.match = ctx.match;
		}
		diag err;
		status = render_plan_write(t, &in, out_path, &err);
		if (status != EXIT_OK)
			report_error("plan", "%s", err.text);
	}
	context_free(&ctx);
	tmpl_free(t);
	return status;
}
