/*
 * commands.h: the commands of planner and the helpers they share.
 *
 * To add a command: write planner/cmd_<name>.c with
 *     int cmd_<name>(int argc, char **argv);
 * (its own getopt_long options and usage text, merged with the shared options of
 * options.c; argv[0] is the command name), declare it below, and add one row to the
 * table in main.c.  A command returns a planner_exit
 * status and prints its own errors, one line each, to stderr.
 */
#ifndef PLANNER_COMMANDS_H
#define PLANNER_COMMANDS_H

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>

#include "datapath.h"
#include "model.h"
#include "options.h"
#include "report.h"
#include "version.h"
#include "region_quarter.h"
#include "xml_reader.h"

int cmd_evaluate(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_import(int argc, char **argv);

/* Each command's own options (the shared ones are in options.c), for the completion. */
extern const struct option cmd_evaluate_options[];
extern const struct option cmd_plan_options[];
extern const struct option cmd_batch_options[];
extern const struct option cmd_validate_options[];
extern const struct option cmd_import_options[];

/* A row of main.c's command table. */
typedef struct planner_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const struct option *options;   /* its own options */
	unsigned shared;                /* OPTIONS_* bit of the shared options it takes */
} planner_command;

/* `planner completion bash` (completion.c): the bash completion script for these
 * commands; `planner completion langs`: the languages of templates/.  EXIT_OK, or
 * EXIT_IOERR when stdout cannot be written. */
int completion_bash(const planner_command *cmds, size_t n);
int completion_langs(void);

/* Shared options are parsed by options.c (options.h), errors printed by report.c
 * (report.h). */

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
