/*
 * options_value.h: the options that add grades, the hold-down and value quadrants
 * (--grades, --grade-scope, --hold-down, --quadrants, --match-rules, --value-cut,
 * --match-cut), shared by batch, evaluate and plan: parsing, loading their files, and
 * the batch_ext_config they make.
 */
#ifndef PLANNER_OPTIONS_VALUE_H
#define PLANNER_OPTIONS_VALUE_H

#include <getopt.h>

#include "batch_ext.h"

typedef struct value_options {
	const char *grades_path;     /* --grades FILE, or NULL */
	const char *match_path;      /* --match-rules FILE, or NULL: templates/match-rules.txt */
	int scope_group;             /* --grade-scope group */
	long hold_down;              /* --hold-down N, 1 when not given */
	int hold_given;
	int quadrants;               /* --quadrants, or any of the match options */
	double value_cut;            /* --value-cut PCT (default 50) */
	uint16_t match_cut;          /* --match-cut SCORE in hundredths (default 300) */
	grade_scheme grades;         /* loaded by value_load */
	match_rules match;
} value_options;

#define VALUE_OPTIONS_DEFAULT ((value_options){ .hold_down = 1, .value_cut = 50.0, .match_cut = 300 })

/* getopt_long codes of the options, and their table rows (put them in the command's
 * struct option array). */
enum { VALUE_OPT_GRADES = 512, VALUE_OPT_SCOPE, VALUE_OPT_HOLD, VALUE_OPT_QUADRANTS,
       VALUE_OPT_MATCH_RULES, VALUE_OPT_VALUE_CUT, VALUE_OPT_MATCH_CUT };
#define VALUE_LONG_OPTIONS                                                     \
	{ "grades", required_argument, NULL, VALUE_OPT_GRADES },               \
	{ "grade-scope", required_argument, NULL, VALUE_OPT_SCOPE },           \
	{ "hold-down", required_argument, NULL, VALUE_OPT_HOLD },              \
	{ "quadrants", no_argument, NULL, VALUE_OPT_QUADRANTS },               \
	{ "match-rules", required_argument, NULL, VALUE_OPT_MATCH_RULES },     \
	{ "value-cut", required_argument, NULL, VALUE_OPT_VALUE_CUT },         \
	{ "match-cut", required_argument, NULL, VALUE_OPT_MATCH_CUT }

/* 1 when ch is one of the options above and its value is good, 0 when ch is not one
 * of them, -1 after printing a usage error. */
int value_option(const char *cmd, int ch, const char *arg, value_options *o);
/* Reads the grade file and the match rules that the options ask for; prints the error
 * line and returns its status (65 bad file, 66 missing) on failure. */
int value_load(value_options *o);
/* The batch configuration of the options (pointing into o). */
void value_config(const value_options *o, batch_ext_config *out);

#endif
