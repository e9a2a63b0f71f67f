/*
 * batch.h: reclassifying a whole region at once (planner batch): every peer group is
 * classified for the quarter and for the one before it, then each store's row (status,
 * new code, change, previous class, candidate or not) is derived on demand, and the
 * region's totals are gathered: class counts, transitions, upgrade candidates, the
 * realised funnel, downgrades, invalid stores.  Plain data; nothing here prints.
 *
 * Cost: one pass over the entries collects both quarters' figures per group, each
 * group is sorted once (n log n), and one more pass derives every row once, counting
 * it and handing it to the writer: no per-store result is kept in memory.
 */
#ifndef PLANNER_BATCH_H
#define PLANNER_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "batch_ext.h"
#include "candidates.h"
#include "model.h"
#include "transitions.h"

typedef enum batch_change {
	BATCH_SAME = 0,
	BATCH_UP,
	BATCH_DOWN,
} batch_change;

const char *batch_change_name(batch_change c);   /* "same", "up", "down" */

/* Reviewed codes (overrides.h); NULL in batch_result when there are none. */
typedef struct overrides overrides;

typedef struct batch_config {
	classify_config classify;
	double gap_pct;          /* candidates: growth required at most this, in % */
	quarter_t by;            /* deadline of the targets; QUARTER_NONE: next quarter */
	batch_ext_config ext;    /* grades, hold-down, quadrants (batch_ext.h); zero: none */
} batch_config;

#define BATCH_CONFIG_DEFAULT \
	((batch_config){ CLASSIFY_DEFAULT, CANDIDATES_GAP_DEFAULT, QUARTER_NONE, BATCH_EXT_DEFAULT })

/* Groups are keyed by format letter A-Z and market digit 1-2, as code_parse allows. */
#define BATCH_SLOTS (26 * 2)

/* What the rows of a group (or of the region) add up to. */
typedef struct batch_counts {
	size_t classes[4];           /* computed classes this quarter (status ok), by scale_class */
	size_t prev_classes[4];      /* the same for the previous quarter */
	size_t no_orders, insufficient;
	size_t up, down, same;       /* old code -> new code */
	size_t n_candidates, n_downgrades;
	size_t n_stopped;            /* large and medium stores that stopped ordering */
	transitions moves;           /* previous quarter's class -> this quarter's class */
	candidates_funnel funnel;
	batch_ext_counts x;          /* grades, holds, quadrants (batch_ext.h) */
} batch_counts;

/* Counts of figures below each whole value, for percentiles in O(1) when a group's
 * figures are whole numbers in a range not much wider than the group (the usual case
 * for cartons); NULL below otherwise, and the percentile is searched for. */
typedef struct batch_ranks {
	uint32_t *below;             /* below[v - lo]: figures < v, for v in [lo, lo + len) */
	double lo;
	size_t len;
} batch_ranks;

typedef struct batch_group {
	char key[3];                 /* "Y2" */
	size_t members;              /* valid stores of the group, with or without a figure */
	size_t figures[2];           /* of them with a figure this quarter, and last quarter */
	peer_stats cur, prev;        /* the quarter and the one before */
	batch_ranks ranks;           /* of cur */
	batch_counts c;
} batch_group;

/* One store's line of the reclassification, derived by batch_row_get. */
typedef struct batch_row {
	size_t index;                /* position in the file (region.stores) */
	const region_entry *e;
	int group;                   /* index into batch_result.groups; -1: invalid store */
	eval_status status;          /* STATUS_INVALID for a store that had a problem */
	evaluation ev;               /* this quarter; for an invalid store only quarter,
					orders, peer_group and the codes are set */
	scale_class old_class;       /* digit 2 of the store's <code> */
	batch_change change;         /* old code -> new code; same unless status ok */
	double prev_orders;          /* figure of the previous quarter, NaN when none */
	scale_class prev_class;      /* computed for the previous quarter, CLASS_NONE if not */
	int candidate;               /* an upgrade candidate this quarter */
	int was_candidate;           /* was one in the previous quarter */
	int stopped;                 /* stopped ordering: valid, coded large or medium, a
					figure last quarter and none now (small stores are
					left out: they cannot fall a class, and a closed
					small shop is no churn a manager can act on) */
	batch_ext_row x;             /* grade, hold, quadrant (batch_ext.h) */
	const char *override;        /* --overrides: the reason of the reviewed code that
					replaced the computed one in ev.computed_code and
					change; NULL when none */
} batch_row;

/* Why a store is on the churn list (downgrades.csv). */
typedef enum batch_churn {
	BATCH_FELL_BELOW = 0,        /* new code is a smaller class than the old one */
	BATCH_STOPPED_ORDERING,      /* a figure last quarter, none this quarter */
} batch_churn;

const char *batch_churn_name(batch_churn c);   /* "fell below", "stopped ordering" */

/* A store whose move down was held by --hold-down, as kept for the summary's list. */
typedef struct batch_held {
	uint32_t entry;
	uint8_t hold_left;           /* quarters more below before the move down */
	uint8_t to;                  /* scale_class computed this quarter (not applied) */
} batch_held;

/* Stores placed by percentile x match score (--quadrants), counted in cells: x in
 * whole percentile points 0-99 (100 goes to 99), y in steps of 0.05 from 1.00 (5.00
 * goes to the top row); cell (x, y) at [y * BATCH_QMAP_X + x].  Fixed size whatever the
 * region's: 32 KB. */
#define BATCH_QMAP_X 100
#define BATCH_QMAP_Y 80
#define BATCH_QMAP_CELLS (BATCH_QMAP_X * BATCH_QMAP_Y)

/* A downgrade as kept for sorting; the rest is derived when it is written out. */
typedef struct batch_downgrade {
	uint32_t entry;
	uint8_t from, to;            /* scale_class: old code's class -> computed class
					(CLASS_NONE for a store that stopped ordering) */
	uint8_t reason;              /* batch_churn */
	double orders;               /* this quarter's; last quarter's when it stopped */
} batch_downgrade;

typedef struct batch_result {
	quarter_t quarter, prev_quarter;
	batch_config cfg;
	batch_group *groups;         /* sorted by key */
	size_t n_groups;
	int slot[BATCH_SLOTS];       /* group index by (letter, market digit); -1: none */
	size_t n_stores;
	size_t n_status[4];          /* by eval_status */
	batch_counts total;          /* every group */
	candidate *candidates;       /* ranked by growth required */
	size_t n_candidates;
	batch_downgrade *downgrades; /* the churn list: larger old class first, stopped
					ordering before fell below, then larger orders */
	size_t n_downgrades;
	uint32_t *invalid;           /* entries of invalid stores, in file order */
	size_t n_invalid;
	batch_ext *ext;              /* NULL unless cfg.ext asks for something */
	const overrides *overrides;  /* reviewed codes, applied by batch_row_get; not owned;
					set after batch_classify; NULL: none */
	batch_held *held;            /* codes held by --hold-down: fewest quarters left
					first, then file order; total.x.held counts them all */
	size_t n_held;
	uint32_t *qmap;              /* BATCH_QMAP_CELLS with --quadrants, else NULL */
} batch_result;

/* Rows are counted in tallies, one per range of the file, so that ranges can be
 * derived (and written) by separate threads and merged afterwards. */
typedef struct batch_tally {
	batch_counts groups[BATCH_SLOTS];    /* by group index */
	size_t n_status[4];
	candidate *candidates;
	size_t n_candidates, cap_candidates;
	batch_downgrade *downgrades;
	size_t n_downgrades, cap_downgrades;
	batch_held *held;
	size_t n_held, cap_held;
	uint32_t *qmap;                      /* with --quadrants: BATCH_QMAP_CELLS */
	int failed;                          /* out of memory */
} batch_tally;

typedef void (*batch_row_fn)(void *ctx, const batch_row *row);

/* The steps of the batch pipeline, run in order (and in threads) by
 * planner/batch_rows.c, the one driver that production and the tests share.
 * Step 1: classifies every group of r for quarter q and q - 1 (one pass over the
 * entries, then one sort per group and quarter), in parts so that the two quarters can
 * be classified at the same time (say by two threads; they write separate fields):
 * batch_prepare lays out the groups and lists the invalid stores,
 * batch_classify_quarter(previous = 0, then 1) gathers and sorts each quarter's
 * figures.  0, or -1 when out of memory (then free *out). */
int batch_prepare(const region *r, quarter_t q, const batch_config *cfg, batch_result *out);
int batch_classify_quarter(const region *r, batch_result *b, int previous);
/* After batch_ext_prepare: frees the sorted figures of the previous and older quarters
 * (prev.sorted, the hold-down's past quarters), which from then on serve by their
 * thresholds and counts only; this quarter's stay (percentiles, the summary's charts). */
void batch_drop_past_figures(batch_result *b);

/* Step 2: derives the rows [from, to) in file order, counts them into t (zeroed first)
 * and hands each to on_row (may be NULL).  Reads b and r only: ranges may run in
 * parallel.  0, or -1 when out of memory. */
int batch_tally_rows(const batch_result *b, const region *r, size_t from, size_t to,
		     batch_tally *t, batch_row_fn on_row, void *ctx);
/* Step 3: adds a tally to the result and frees it; then, after the last one,
 * batch_finish ranks the candidates and sorts the downgrades.  -1 when out of memory. */
int batch_merge(batch_result *b, batch_tally *t);
void batch_finish(batch_result *b);
void batch_tally_free(batch_tally *t);

void batch_result_free(batch_result *b);

/* The row of entry i (0 <= i < r->n_stores). */
void batch_row_get(const batch_result *b, const region *r, size_t i, batch_row *row);

/* A candidate's line: its row, and its trend over the kept history. */
typedef struct batch_candidate_detail {
	batch_row row;
	candidates_trend trend;
	double quarters_at_trend;    /* at the trend's slope; NaN when not rising */
} batch_candidate_detail;

/* A downgrade's line: its row, the change since last quarter, and what it takes to
 * get the old class back this quarter (for a store that stopped ordering: the old
 * class's threshold, with gap and % undefined). */
typedef struct batch_downgrade_detail {
	batch_row row;
	double change_pct;           /* orders against the previous quarter, % */
	double regain_orders;        /* threshold of the old class this quarter */
	double regain_gap, regain_pct;
} batch_downgrade_detail;

void batch_candidate_get(const batch_result *b, const region *r, const candidate *c,
			 batch_candidate_detail *out);
void batch_downgrade_get(const batch_result *b, const region *r, const batch_downgrade *d,
			 batch_downgrade_detail *out);

/* The cell of b->qmap of a percentile (0-100) and a match score in hundredths (100-500). */
size_t batch_qmap_cell(double percentile, uint16_t match);

/* Shrinks b to what a summary shows, so that the big region can be freed first: the
 * first `keep` candidates, downgrades, held stores and invalid stores are copied into the small
 * region *out (entries, strings, the region's id, name and unit) and b's lists are cut
 * to them, pointing into *out.  Counts, totals and group statistics are unchanged
 * (b->total.n_candidates, b->total.n_downgrades, b->total.n_stopped and b->n_status keep
 * the full counts).
 * 0, or -1 when out of memory (b is then unchanged). */
int batch_digest(batch_result *b, const region *r, size_t keep, region *out);

/* Group of a code, or NULL when the region has no valid store in it. */
const batch_group *batch_group_of(const batch_result *b, const category_code *c);
/* The threshold of class k in ps (large or medium), NaN for small or none. */
double batch_class_threshold(const peer_stats *ps, scale_class k);

#endif
