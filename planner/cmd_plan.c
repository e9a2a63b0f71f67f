/*
 * cmd_plan.c: `planner plan STORE.xml --region REGION.xml -o PLAN.pdf|PLAN.png`: the
 * store's printable upgrade plan in Chinese or English (render_plan.h), written
 * atomically.
 */
#include <getopt.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "cli_value.h"
#include "commands.h"
#include "render_plan.h"

static const char usage_text[] =
	"usage: planner plan STORE.xml --region REGION.xml -o PLAN.pdf|PLAN.png [options]\n"
	"\n"
	"Writes the store's upgrade plan: A4 PDF, or a PNG of all pages at 150 dpi.\n"
	"\n"
	"  -r, --region FILE     the region file the store belongs to (required)\n"
	"  -o, --output FILE     the plan to write; .pdf or .png decides the format (required)\n"
	"  -l, --lang LANG       zh (default) or en: templates/LANG.txt\n"
	"  -f, --format FMT      pdf or png, whatever the output's name (e.g. -o /dev/stdout)\n"
	"      --by Q            deadline for the target (default: the next quarter; at most\n"
	"                        8 quarters after the evaluated one)\n"
	"  -q, --quarter Q       quarter to evaluate (default: the region's quarter attribute,\n"
	"                        else the latest quarter present)\n"
	"      --shares L,M,S    class shares in % (default 20,30,50)\n"
	"      --min-peers N     smallest group that is reclassified (default 10)\n"
	"      --grades FILE     also the store's grade and the orders for the next grade\n"
	"      --grade-scope S   region (default) or group\n"
	"      --quadrants       also its value x match quadrant and what it means\n"
	"      --match-rules FILE, --value-cut PCT, --match-cut S   as in planner batch\n"
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
		return cli_usage_error("plan", "--format must be pdf or png, not \"%s\"", arg);
	return EXIT_OK;
}

/* Loads the templates; a language without a file is a usage error. */
static int load_templates(const char *lang, tmpl_set **t)
{
	char dir[4096], file[4200];
	diag err;

	if (strspn(lang, "abcdefghijklmnopqrstuvwxyz-_") != strlen(lang) || !*lang ||
	    strlen(lang) >= TMPL_LANG_MAX)
		return cli_usage_error("plan", "--lang \"%s\" is not a language name such as zh or en",
				       lang);
	datapath_file("templates", dir, sizeof dir);
	snprintf(file, sizeof file, "%s/%s.txt", dir, lang);
	if (access(file, F_OK) != 0)
		return cli_usage_error("plan", "--lang %s: no wording for it (%s does not exist)",
				       lang, file);
	int rc = render_plan_load(dir, lang, t, &err);
	if (rc != EXIT_OK)
		fprintf(stderr, "planner plan: templates: %s\n", err.text);
	return rc;
}

int cmd_plan(int argc, char **argv)
{
	enum { OPT_BY = 256, OPT_SHARES, OPT_MIN_PEERS };
	static const struct option options[] = {
		{ "region", required_argument, NULL, 'r' },
		{ "output", required_argument, NULL, 'o' },
		{ "lang", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'f' },
		{ "quarter", required_argument, NULL, 'q' },
		{ "by", required_argument, NULL, OPT_BY },
		{ "shares", required_argument, NULL, OPT_SHARES },
		{ "min-peers", required_argument, NULL, OPT_MIN_PEERS },
		VALUE_LONG_OPTIONS,
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	context_options copt = { .config = CLASSIFY_DEFAULT };
	value_options value = VALUE_OPTIONS_DEFAULT;
	const char *region_path = NULL, *out_path = NULL, *lang = "zh";
	render_format format = RENDER_FORMAT_NONE;
	long n;
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "r:o:l:f:q:h", options, NULL)) != -1) {
		switch (ch) {
		case 'r': region_path = optarg; break;
		case 'o': out_path = optarg; break;
		case 'l': lang = optarg; break;
		case 'f': if (parse_format(optarg, &format)) return EXIT_USAGE; break;
		case 'q': if (cli_quarter("plan", "--quarter", optarg, &copt.quarter)) return EXIT_USAGE; break;
		case OPT_BY: if (cli_quarter("plan", "--by", optarg, &copt.by)) return EXIT_USAGE; break;
		case OPT_SHARES: if (cli_shares("plan", optarg, &copt.config.shares)) return EXIT_USAGE; break;
		case OPT_MIN_PEERS:
			if (cli_count("plan", "--min-peers", optarg, 1, 1000000000, &n))
				return EXIT_USAGE;
			copt.config.min_peers = (size_t)n;
			break;
		case 'h': fputs(usage_text, stdout); return EXIT_OK;
		default:
			switch (value_option("plan", ch, optarg, &value)) {
			case 1: break;
			case 0: return cli_usage_error("plan", "bad option");
			default: return EXIT_USAGE;
			}
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("plan", "expected exactly one STORE.xml");
	if (!region_path)
		return cli_usage_error("plan", "--region REGION.xml is required");
	if (!out_path || !*out_path)
		return cli_usage_error("plan", "-o PLAN.pdf or -o PLAN.png is required");
	if (format == RENDER_FORMAT_NONE)
		format = render_format_of(out_path);
	if (format == RENDER_FORMAT_NONE)
		return cli_usage_error("plan", "-o \"%s\": the name must end in .pdf or .png "
				       "(or give --format)", out_path);

	if (value.hold_given)
		return cli_usage_error("plan", "--hold-down is for planner batch (it needs the "
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
		status = cli_usage_error("plan", "--by must be 1 to %d quarters after %s",
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
			fprintf(stderr, "planner plan: %s\n", err.text);
	}
	context_free(&ctx);
	tmpl_free(t);
	return status;
}
