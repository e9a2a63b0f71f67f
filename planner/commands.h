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
#include "store_pick.h"
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
	const char *summary;            /* the key of its line in --help (help.command.*) */
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
	long jobs;                /* threads that parse a large region; 0: CPUs online */
} context_options;

/* Reads STORE.xml and REGION.xml (only the store's peer group is kept), resolves the
 * quarter, classifies.  Prints the error and returns its status on failure. */
int context_load(store_context *ctx, const char *store_path, const char *region_path,
		 const context_options *opt);
void context_free(store_context *ctx);
/* Grade and quadrant of the loaded store (context_value.c); called by context_load. */
int context_value(store_context *ctx, const struct value_options *v);

/* ---- stores chosen by id in their region: --id, --ids (context_ids.c) ------------- */
typedef struct id_list {
	char **ids;               /* in the order given (each id once after id_list_unique) */
	size_t n, cap;
} id_list;

/* --id ID: a text that is not a store id is a usage error (EXIT_USAGE, printed). */
int id_list_add(id_list *l, const char *cmd, const char *id);
/* --ids FILE: one id per line; blank lines and lines starting with '#' are skipped.
 * Prints "FILE:LINE: ..." and returns EXIT_DATAERR / EXIT_NOINPUT on a problem. */
int id_list_read(id_list *l, const char *cmd, const char *path);
/* Drops the second and later copies of each id, keeping the order of first mentions.
 * 0, or -1 when out of memory. */
int id_list_unique(id_list *l);
void id_list_free(id_list *l);

/* A group's figures classified once for all its chosen stores: a store taken from the
 * region has the same figure as its region entry, so replacing one by the other (as
 * for a profile file) leaves the group as it is. */
typedef struct id_group {
	char key[3];
	peer_stats stats;
} id_group;

/* A region read once (every group kept) with the full profiles of the chosen stores. */
typedef struct id_region {
	region region;
	store_pick pick;          /* pick.ids are the id_list's */
	quarter_t quarter;        /* the evaluated quarter */
	id_group *groups;         /* classified so far */
	size_t n_groups;
} id_region;

/* Streams REGION.xml once, keeping every store's compact entry and the profiles of
 * ids (an id given twice is dropped from the list the second time).  An id that is
 * not in the region: one line naming it, EXIT_DATAERR. */
int id_region_load(id_region *ir, id_list *ids, const char *region_path,
		   const context_options *opt);
/* Evaluates the i-th chosen store.  ctx->store is its profile (taken from ir), and
 * ctx->region and ctx->stats shallow copies of ir's: release with id_context_free. */
int id_context_load(store_context *ctx, id_region *ir, size_t i, const context_options *opt);
void id_context_free(store_context *ctx);
void id_region_free(id_region *ir);

#endif
