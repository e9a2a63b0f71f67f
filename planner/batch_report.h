/*
 * batch_report.h: the pieces of `planner batch` below cmd_batch.c: the CSV tables
 * (batch_csv.c), summary.json (batch_json.c), summary.pdf (batch_pdf.c) and the
 * parallel plan renderer (batch_plans.c).  Each writer takes the finished
 * reclassification and writes into the temporary output directory.
 */
#ifndef PLANNER_BATCH_REPORT_H
#define PLANNER_BATCH_REPORT_H

#include <stddef.h>

#include "batch.h"
#include "model.h"

/* One plan that could not be rendered. */
typedef struct batch_plan_failure {
	uint32_t entry;
	char message[512];
} batch_plan_failure;

typedef struct batch_report {
	const region *region;
	const batch_result *result;
	const char *region_path;
	const char *dir;               /* the temporary output directory */
	int bom;                       /* UTF-8 BOM at the start of each CSV */
	const char *lang;              /* "zh" or "en": plans and the summary */
	size_t problems;               /* problem lines printed while reading */
	/* plans (--plans) */
	int plans;                     /* plans were asked for */
	int jobs;
	size_t plans_written;
	batch_plan_failure *plan_failures;
	size_t n_plan_failures;
} batch_report;

/* Each returns EXIT_OK, or prints "planner batch: FILE: reason" and returns EXIT_IOERR
 * (EXIT_SOFTWARE when out of memory). */
int batch_write_reclassification(const batch_report *rep);
int batch_write_candidates(const batch_report *rep);
int batch_write_downgrades(const batch_report *rep);
int batch_write_transitions(const batch_report *rep);
int batch_write_json(const batch_report *rep);
int batch_write_pdf(const batch_report *rep);

/* Names of the scale classes and statuses, for the tables. */
const char *batch_class_label(scale_class k);

#endif
