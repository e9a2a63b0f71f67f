/*
 * milestones.h: the road from this quarter's orders to the target: monthly (or, for a
 * deadline more than two quarters away, quarterly) milestones, a least-squares trend of
 * the order history (gsl_fit_linear) projected to the deadline, and an honest verdict
 * on whether the target is on trend, needs acceleration or is out of reach.
 * A large store gets the same for keeping its place (retention: target = the large
 * threshold).  Nothing here prints.
 */
#ifndef PLANNER_MILESTONES_H
#define PLANNER_MILESTONES_H

#include <stddef.h>

#include "model.h"

#define MILESTONES_MAX_QUARTERS 8   /* furthest deadline a plan accepts */
#define MILESTONES_MAX_ROWS 12
#define MILESTONES_HISTORY 8        /* quarters of history the trend is fitted to */

typedef enum ms_verdict {
	MS_NONE = 0,             /* no target (insufficient peers, no orders) */
	MS_ON_TREND,             /* the trend reaches the target by the deadline */
	MS_NEEDS_ACCELERATION,   /* above trend, by at most acceleration_max_pct */
	MS_OUT_OF_REACH,         /* further above trend than that */
} ms_verdict;

typedef struct milestones_config {
	double acceleration_max_pct;  /* % above the trend's projection still "reachable" */
} milestones_config;

typedef struct milestone {
	quarter_t quarter;        /* the quarter the row belongs to */
	int year, month, day;     /* the check date: end of the month (or quarter) */
	double period_orders;     /* orders expected in that month (quarter) */
	double cumulative;        /* orders expected from the quarter's start to the date */
	double quarter_target;    /* the quarter's total target */
} milestone;

typedef struct milestones {
	int retention;            /* target = keep the large threshold */
	double target;            /* NaN when there is none */
	int per_quarter;          /* rows are quarters, not months */
	size_t n_rows;
	milestone rows[MILESTONES_MAX_ROWS];
	size_t n_history;         /* figures up to the evaluated quarter, ascending */
	order_figure history[MILESTONES_HISTORY];
	int has_trend;            /* at least two figures */
	double intercept, slope;  /* orders ~ intercept + slope * (quarter - evaluated) */
	double projection;        /* the trend (or, without one, today's orders) at the deadline */
	double over_trend_pct;    /* how far the target lies above the projection, % */
	quarter_t reach;          /* when the trend meets the target; QUARTER_NONE: not within 10 years */
	ms_verdict verdict;
} milestones;

void milestones_compute(const store *s, const evaluation *ev, const milestones_config *cfg,
			milestones *out);

/* End of the n-th month (n >= 1) after quarter q: q = 2007Q1, n = 1 -> 2007-04-30. */
void milestones_month_end(quarter_t q, int n, int *year, int *month, int *day);

#endif
