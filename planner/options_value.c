/*
 * options_value.c: the grade, hold-down and quadrant options (options_value.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "options_value.h"
#include "commands.h"

static int parse_cut(const char *cmd, const char *opt, const char *arg, double lo, double hi,
		     double *out)
{
	char *end;
	double v = strtod(arg, &end);

	if (*arg == '\0' || *end != '\0' || !(v >= lo && v <= hi)) {
		char from[32], to[32];
		snprintf(from, sizeof from, "%g", lo);
		snprintf(to, sizeof to, "%g", hi);
		report_usage_msg(cmd, "option.number", "option", opt, "value", arg, "min", from,
				 "max", to, NULL);
		return -1;
	}
	*out = v;
	return 0;
}

int value_option(const char *cmd, int ch, const char *arg, value_options *o)
{
	double v;

	switch (ch) {
	case VALUE_OPT_GRADES:
		o->grades_path = arg;
		return 1;
	case VALUE_OPT_SCOPE:
		if (strcmp(arg, "region") != 0 && strcmp(arg, "group") != 0) {
			report_usage_msg(cmd, "option.grade-scope", "value", arg, NULL);
			return -1;
		}
		o->scope_group = strcmp(arg, "group") == 0;
		return 1;
	case VALUE_OPT_HOLD:
		if (options_count(cmd, "--hold-down", arg, 1, HOLDDOWN_MAX - 1, &o->hold_down))
			return -1;
		o->hold_given = 1;
		return 1;
	case VALUE_OPT_QUADRANTS:
		o->quadrants = 1;
		return 1;
	case VALUE_OPT_MATCH_RULES:
		o->match_path = arg;
		o->quadrants = 1;
		return 1;
	case VALUE_OPT_VALUE_CUT:
		if (parse_cut(cmd, "--value-cut", arg, 0, 100, &o->value_cut) < 0)
			return -1;
		o->quadrants = 1;
		return 1;
	case VALUE_OPT_MATCH_CUT:
		if (parse_cut(cmd, "--match-cut", arg, 1, 5, &v) < 0)
			return -1;
		o->match_cut = (uint16_t)floor(v * 100 + 0.5);
		o->quadrants = 1;
		return 1;
	default:
		return 0;
	}
}

int value_load(value_options *o)
{
	char path[4096];
	diag d;
	int status;

	if (o->grades_path) {
		status = grades_load(o->grades_path, &o->grades, &d);
		if (status != EXIT_OK)
			return report_diag(&d);
	}
	if (o->quadrants) {
		const char *p = o->match_path ? o->match_path
			: datapath_file("templates/match-rules.txt", path, sizeof path);
		status = match_load(p, &o->match, &d);
		if (status != EXIT_OK)
			return report_diag(&d);
	}
	return EXIT_OK;
}

void value_config(const value_options *o, batch_ext_config *out)
{
	out->grades = o->grades_path ? &o->grades : NULL;
	out->grade_scope_group = o->scope_group;
	out->hold_down = (int)o->hold_down;
	out->held_column = o->hold_given;
	out->quadrants = o->quadrants;
	out->value_cut = o->value_cut;
	out->match_cut = o->match_cut;
}
