/*
 * commands.h: the commands of planner and the helpers they share.
 *
 * To add a command: write planner/cmd_<name>.c with
 *     int cmd_<name>(int argc, char **argv);
 * (its own getopt_long options and usage text; argv[0] is the command name), declare
 * it below, and add one row to the table in main.c.  A command returns a planner_exit
 * status and prints its own errors, one line each, to stderr.
 */
#ifndef PLANNER_COMMANDS_H
#define PLANNER_COMMANDS_H

#include <stdio.h>

#include "datapath.h"
#include "model.h"
#include "version.h"
#include "xml_reader.h"

int cmd_evaluate(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_import(int argc, char **argv);

/* ---- shared option parsing (cli.c) ------------------------------------------------ */
/* Each prints "planner CMD: ..." and returns -1 on a bad value (exit EXIT_USAGE). */
int cli_quarter(const char *cmd, const char *opt, const char *arg, quarter_t *out);
int cli_shares(const char *cmd, const char *arg, shares *out);
int cli_count(const char *cmd, const char *opt, const char *arg, long min, long max, long *out);
/* Prints "planner CMD: msg" and a pointer to --help; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints a diag's line to stderr and returns its status. */
int cli_report(const diag *d);

/* ---- a store evaluated in its region (context.c), shared by evaluate and plan ------ */
typedef struct store_context {
	store *store;
	region region;
	peer_stats stats;
	evaluation ev;
	char peer_group[3];
	/* with --grades / --quadrants (context_value.c); -1, NaN, 0 otherwise */
	int grade;                /* index in the scheme, 0 best */
	double next_grade_orders;
	uint16_t match;           /* match score in hundredths */
	int quadrant;             /* quadrant (match.h) */
} store_context;

typedef struct context_options {
	quarter_t quarter;        /* --quarter, or QUARTER_NONE */
	quarter_t by;             /* --by, or QUARTER_NONE */
	classify_config config;
	const struct value_options *value;   /* --grades, --quadrants ...; NULL: none */
} context_options;

/* Reads STORE.xml and REGION.xml (only the store's peer group is kept), resolves the
 * quarter, classifies.  Prints the error and returns its status on failure. */
int context_load(store_context *ctx, const char *store_path, const char *region_path,
		 const context_options *opt);
void context_free(store_context *ctx);
/* Grade and quadrant of the loaded store (context_value.c); called by context_load. */
int context_value(store_context *ctx, const struct value_options *v);

#endif
