/*
 * batch_report.h: the pieces of `planner batch` below cmd_batch.c: the CSV tables
 * (batch_csv.c), summary.json (batch_json.c), summary.pdf (batch_pdf*.c) and the
 * parallel plan renderer (batch_plans.c).  Each writer takes the finished
 * reclassification and writes into the temporary output directory.
 */
#ifndef PLANNER_BATCH_REPORT_H
#define PLANNER_BATCH_REPORT_H

#include <stddef.h>

#include "batch.h"
#include "batch_followup.h"
#include "batch_io.h"
#include "model.h"

/* Rows a thread of the batch pipeline takes at least (below this a thread costs more
 * than it saves): a region is split over threads from twice this many stores.
 * batch --thread-min-rows N sets it (tests lower it to run the threads on small files). */
#define BATCH_THREAD_MIN_ROWS 50000

/* Rows of each list shown in summary.pdf (summary.json shows up to 100). */
#define BATCH_SUMMARY_ROWS 30

/* One plan that could not be rendered. */
typedef struct batch_plan_failure {
	char store_id[72];
	char message[1024];   /* why, packed (diag.msg): diag_render, messages_words */
} batch_plan_failure;

typedef struct batch_report {
	const region *region;
	const batch_result *result;
	const char *region_path;
	const char *dir;               /* the temporary output directory */
	int bom;                       /* UTF-8 BOM at the start of each CSV */
	const char *lang;              /* templates/LANG.txt: plans and the summary */
	const struct tmpl_set *words;  /* that file, loaded with summary.pdf's keys */
	size_t problems;               /* problem lines printed while reading */
	/* plans (--plans) */
	int plans;                     /* plans were asked for */
	long top;                      /* plans for the best `top` candidates only; 0: all */
	int top_default;               /* top is the default cap, not a --top N */
	int jobs;
	size_t thread_min_rows;        /* rows a thread takes at least; 0: BATCH_THREAD_MIN_ROWS */
	size_t plans_written;
	batch_plan_failure *plan_failures;
	size_t n_plan_failures;
	int booklet_written;           /* plans.pdf */
	char booklet_error[512];       /* why plans.pdf was not written, "" when not tried or written */
	batch_followup_digest followup;   /* followup.csv's head, for summary.pdf */
	int rows_parts;                /* reclassification.csv's parts, the first included, that
					* batch_write_lists appends to it (batch_write_rows) */
} batch_report;

/* reclassification.csv is written row by row as batch_tally_rows derives the rows
 * (batch_reclass_row is its batch_row_fn); name lets a range go to a part file. */
typedef struct batch_reclass {
	batch_file *f;
	const region *r;
	const batch_ext_config *ext;   /* which of the added columns are written */
	int overrides;                 /* --overrides given: the override column */
	char quarter[12];
} batch_reclass;

int batch_reclass_open(batch_reclass *w, const batch_report *rep, const char *name, int header);
void batch_reclass_row(void *ctx, const batch_row *row);
int batch_reclass_close(batch_reclass *w);

/* The batch pipeline, the one production and the tests run (batch_rows.c):
 * 1. batch_classify_jobs: batch_prepare, then the quarter and the previous one sorted at
 *    once when jobs > 1 and the region has min_rows stores or more (0: the default).
 *    0, or -1 when out of memory (*b freed). */
int batch_classify_jobs(const region *r, quarter_t q, const batch_config *cfg, batch_result *b,
			int jobs, size_t min_rows);
/* 2. the row pass: derives every row once, counting it into b and writing it to
 * reclassification.csv, in up to `jobs` threads over ranges of the file of at least
 * rep->thread_min_rows rows each, each range into a part file of its own (counted in
 * rep->rows_parts); then batch_finish(b).  EXIT_OK, EXIT_IOERR or EXIT_SOFTWARE
 * (printed). */
int batch_write_rows(batch_report *rep, const region *r, batch_result *b, int jobs);

/* 3. candidates.csv, downgrades.csv, transitions.csv and followup.csv, the first next
 * to the other three when jobs > 1 and the lists hold rep->thread_min_rows rows; the
 * row pass's later parts are appended to reclassification.csv beside candidates.csv.
 * EXIT_OK or the first failure's status (printed). */
int batch_write_lists(batch_report *rep, int jobs);

/* Each returns EXIT_OK, or prints "planner batch: FILE: reason" and returns EXIT_IOERR
 * (EXIT_SOFTWARE when out of memory). */
int batch_write_candidates(const batch_report *rep);
int batch_write_downgrades(const batch_report *rep);
int batch_write_transitions(const batch_report *rep);
int batch_write_json(const batch_report *rep);
/* Adds summary.json's "grades", "held" and "quadrants" to o when asked for
 * (batch_json_ext.c); o is a json_t *, left untyped to keep jansson out of here. */
void batch_json_ext(const batch_report *rep, void *o);
int batch_write_pdf(const batch_report *rep);

/* Names of the scale classes and statuses, for the tables. */
const char *batch_class_label(scale_class k);

#endif
