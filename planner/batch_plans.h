/*
 * batch_plans.h: `planner batch --plans`: one upgrade plan per candidate, rendered in
 * N worker processes into DIR/plans/<store_id>.pdf.
 */
#ifndef PLANNER_BATCH_PLANS_H
#define PLANNER_BATCH_PLANS_H

#include "batch_io.h"
#include "batch_report.h"

/* Reads the candidates' full profiles (a second streaming pass over the region file),
 * then renders their plans with rep->jobs processes.  Fills rep->plans_written and
 * rep->plan_failures.  Returns EXIT_OK when every plan was written, EXIT_IOERR when
 * some failed (each is printed and listed), EXIT_CANTCREAT when DIR/plans cannot be
 * made, EXIT_SOFTWARE when out of memory.  The other outputs are kept either way. */
int batch_render_plans(batch_report *rep, const batch_dir *dir);

#endif
