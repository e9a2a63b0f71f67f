/*
 * candidates.h: upgrade candidates ("potential stocks"): medium stores close to the
 * large threshold and small stores close to the medium threshold, their recent order
 * trend (least-squares slope over the kept history), their ranking, and the realised
 * conversion funnel (last quarter's candidates -> how many moved up this quarter).
 */
#ifndef PLANNER_CANDIDATES_H
#define PLANNER_CANDIDATES_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define CANDIDATES_GAP_DEFAULT 25.0   /* % growth required, at most */

/* Whether the evaluated store is a candidate: status ok, a class above it to reach, orders
 * > 0, and growth required <= gap_pct, tested exactly as 100 * gap <= gap_pct * orders
 * (no rounding at the boundary). */
int candidates_check(const evaluation *ev, double gap_pct);
/* The same test on plain figures: orders > 0, target_orders > orders, and
 * 100 * (target_orders - orders) <= gap_pct * orders. */
int candidates_check_figure(double orders, double target_orders, double gap_pct);

typedef struct candidates_trend {
	size_t points;       /* figures used; the slope needs at least 2 */
	double slope;        /* cartons per quarter; NaN with fewer than 2 figures */
	double pct;          /* slope / mean of the figures, % per quarter; NaN if undefined */
} candidates_trend;

/* Fits y = c0 + slope * t over y[0..n), y[i] being the figure of i quarters before the
 * latest (NaN: missing, skipped).  Returns 0, or -1 when fewer than 2 figures. */
int candidates_trend_fit(const double *y_latest_first, size_t n, candidates_trend *out);

/* A candidate as kept for ranking: small, because a region of a million stores can
 * have a hundred thousand; the rest is derived again when it is written out. */
typedef struct candidate {
	uint32_t entry;              /* index into region.stores */
	scale_class target;          /* the class to reach */
	double growth_pct;           /* growth required, % (the ranking key) */
} candidate;

/* Fills c from an evaluation that passed candidates_check. */
void candidates_make(candidate *c, uint32_t entry, const evaluation *ev);
/* Quarters until the gap closes at the trend's slope: ceil(gap / slope) when the slope
 * is > 0 (0 when there is no gap), else NaN. */
double candidates_quarters_at_trend(double gap, const candidates_trend *t);
/* Ranks by growth required (ascending), then by position in the file. */
void candidates_rank(candidate *c, size_t n);

typedef struct candidates_funnel {
	size_t flagged;          /* candidates of the previous quarter */
	size_t classified;       /* ... classified again this quarter */
	size_t grew;             /* ... whose orders rose */
	size_t moved_up;         /* ... now in a larger class than last quarter */
	size_t others;           /* other medium/small stores of last quarter, classified again */
	size_t others_moved_up;  /* ... now in a larger class */
} candidates_funnel;

/* Counts one store.  prev: its class last quarter (CLASS_NONE: not classified then);
 * now: this quarter (CLASS_NONE: not classified now); flagged: it was a candidate. */
void candidates_funnel_add(candidates_funnel *f, int flagged, scale_class prev, scale_class now,
			   double prev_orders, double orders);
void candidates_funnel_merge(candidates_funnel *into, const candidates_funnel *f);
/* moved_up / flagged in %, NaN when nobody was flagged; likewise for the others. */
double candidates_funnel_rate(const candidates_funnel *f);
double candidates_funnel_base_rate(const candidates_funnel *f);

#endif
