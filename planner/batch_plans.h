/*
 * batch_plans.h: `planner batch --plans`: one upgrade plan per candidate, rendered in
 * N worker processes into DIR/plans/<store_id>.pdf, and all of them as one booklet,
 * DIR/plans.pdf.
 */
#ifndef PLANNER_BATCH_PLANS_H
#define PLANNER_BATCH_PLANS_H

#include "batch_io.h"
#include "batch_report.h"

/* Plans rendered without --top: a region's 2,000 candidates would make 400 MB. */
#define BATCH_PLANS_CAP 200

/* Plans the batch renders: the best-ranked rep->top candidates (all when top is 0). */
size_t batch_plans_count(const batch_report *rep);

/* Reads the candidates' full profiles (a second streaming pass over the region file),
 * then renders their plans with rep->jobs processes, and then, in this process, the
 * booklet DIR/plans.pdf (batch_booklet.h) of the plans written.  Fills
 * rep->plans_written, rep->plan_failures and rep->booklet_error.  Returns EXIT_OK when every plan was written, EXIT_IOERR when
 * some failed or the booklet could not be written (each is printed and listed), EXIT_CANTCREAT when DIR/plans cannot be
 * made, EXIT_SOFTWARE when out of memory.  The other outputs are kept either way. */
int batch_render_plans(batch_report *rep, const batch_dir *dir);

#endif
