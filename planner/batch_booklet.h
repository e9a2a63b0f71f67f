/*
 * batch_booklet.h: DIR/plans.pdf of `planner batch --plans`: every plan in rank order
 * in one PDF, after a cover listing the stores with the booklet page where each plan
 * starts, so a manager prints once.  Rendered by batch_plans.c, while its workers
 * render the plan files or after them.
 */
#ifndef PLANNER_BATCH_BOOKLET_H
#define PLANNER_BATCH_BOOKLET_H

#include "batch_io.h"
#include "batch_report.h"
#include "render_plan.h"

/* One plan of the booklet. */
typedef struct batch_booklet_plan {
	size_t rank;             /* 1 = best-ranked candidate */
	int pages;               /* the plan's page count, as its own file has it */
	evaluation ev;
	plan_input in;           /* in.ev points to ev */
} batch_booklet_plan;

/* Template keys of the cover (checked with the plan's when the templates load). */
extern const tmpl_key batch_booklet_keys[];
extern const size_t batch_booklet_n_keys;

/* Writes DIR/plans.pdf: the cover, then plans[0..n) in that order.  The cover's page
 * numbers come from plans[i].pages; a plan that lays out to another count stops the
 * booklet.  bar moves with each plan.  EXIT_OK, or the failure's status with *err saying why (no file left). */
int batch_write_booklet(const batch_report *rep, const batch_dir *dir, const tmpl_set *t,
			const batch_booklet_plan *plans, size_t n, batch_progress *bar, diag *err);

/* What moves while the booklet is written: bar (may be NULL) with each plan, and
 * tick(ctx) (may be NULL) after each plan, e.g. to read the workers' reports. */
typedef struct batch_booklet_progress {
	batch_progress *bar;
	void (*tick)(void *ctx);
	void *ctx;
} batch_booklet_progress;

/* The same with every plan already laid out: docs[i] holds plans[i]
 * (render_plan_lay_out_doc), so only their pages are written; docs[0..n) stay the
 * caller's (to write as plan files, render_plan_write_doc, then free). */
int batch_write_booklet_docs(const batch_report *rep, const batch_dir *dir, const tmpl_set *t,
			     const batch_booklet_plan *plans, size_t n, render_doc *docs,
			     const batch_booklet_progress *progress, diag *err);

#endif
