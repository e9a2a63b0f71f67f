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
#include "region_quarter.h"
#include "store_pick.h"
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
/* The warning about later quarters held by a few stores (region_quarter.h), if any. */
void cli_quarter_warning(const char *region_path, const quarter_choice *qc);

/* ---- a store evaluated in its region (context.c), shared by evaluate and plan ------ */
typedef struct store_context {
	store *store;
	region region;
	peer_stats stats;
	evaluation ev;
	char peer_group[3];
} store_context;

typedef struct context_options {
	quarter_t quarter;        /* --quarter, or QUARTER_NONE */
	quarter_t by;             /* --by, or QUARTER_NONE */
	classify_config config;
} context_options;

/* Reads STORE.xml and REGION.xml (only the store's peer group is kept), resolves the
 * quarter, classifies.  Prints the error and returns its status on failure. */
int context_load(store_context *ctx, const char *store_path, const char *region_path,
		 const context_options *opt);
void context_free(store_context *ctx);

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
