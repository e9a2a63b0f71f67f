/*
 * batch.h: reclassifying a whole region at once (planner batch): every peer group is
 * classified for the quarter and for the one before it, then each store's row (status,
 * new code, change, previous class, candidate or not) is derived on demand, and the
 * region's totals are gathered: class counts, transitions, upgrade candidates, the
 * realised funnel, downgrades, invalid stores.  Plain data; nothing here prints.
 *
 * Cost: one pass over the entries collects both quarters' figures per group, each
 * group is sorted once (n log n), one more pass derives the totals; rows are derived
 * again when written, so no per-store result is kept in memory.
 */
#ifndef PLANNER_BATCH_H
#define PLANNER_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "candidates.h"
#include "model.h"
#include "transitions.h"

typedef enum batch_change {
	BATCH_SAME = 0,
	BATCH_UP,
	BATCH_DOWN,
} batch_change;

const char *batch_change_name(batch_change c);   /* "same", "up", "down" */

typedef struct batch_config {
	classify_config classify;
	double gap_pct;          /* candidates: growth required at most this, in % */
	quarter_t by;            /* deadline of the targets; QUARTER_NONE: next quarter */
} batch_config;

#define BATCH_CONFIG_DEFAULT ((batch_config){ CLASSIFY_DEFAULT, CANDIDATES_GAP_DEFAULT, QUARTER_NONE })

/* Groups are keyed by format letter A-Z and market digit 1-2, as code_parse allows. */
#define BATCH_SLOTS (26 * 2)

typedef struct batch_group {
	char key[3];                 /* "Y2" */
	size_t members;              /* valid stores of the group, with or without a figure */
	peer_stats cur, prev;        /* the quarter and the one before */
	size_t classes[4];           /* computed classes this quarter (status ok), by scale_class */
	size_t prev_classes[4];      /* the same for the previous quarter */
	size_t no_orders, insufficient;
	size_t up, down, same;       /* old code -> new code */
	size_t n_candidates, n_downgrades;
	transitions moves;           /* previous quarter's class -> this quarter's class */
	candidates_funnel funnel;
} batch_group;

/* One store's line of the reclassification, derived by batch_row_get. */
typedef struct batch_row {
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
} batch_row;

typedef struct batch_downgrade {
	uint32_t entry;
	scale_class from, to;        /* old code's class -> computed class */
	double orders, prev_orders;
	double regain_orders;        /* threshold of the old class this quarter */
	double regain_pct;           /* growth needed to get it back, % */
} batch_downgrade;

typedef struct batch_result {
	quarter_t quarter, prev_quarter;
	batch_config cfg;
	batch_group *groups;         /* sorted by key */
	size_t n_groups;
	int slot[BATCH_SLOTS];       /* group index by (letter, market digit); -1: none */
	size_t n_stores;
	size_t n_status[4];          /* by eval_status */
	size_t up, down, same;       /* old code -> new code, every valid store */
	transitions moves;           /* every group */
	candidates_funnel funnel;
	candidate *candidates;       /* ranked by growth required */
	size_t n_candidates;
	batch_downgrade *downgrades; /* larger old class first, then larger orders */
	size_t n_downgrades;
	uint32_t *invalid;           /* entries of invalid stores, in file order */
	size_t n_invalid;
} batch_result;

/* Classifies every group of r for quarter q and q - 1 and gathers the totals.
 * Returns 0, or -1 when out of memory (*out is then freed). */
int batch_run(const region *r, quarter_t q, const batch_config *cfg, batch_result *out);
void batch_result_free(batch_result *b);

/* The row of entry i (0 <= i < r->n_stores). */
void batch_row_get(const batch_result *b, const region *r, size_t i, batch_row *row);

/* Group of a code, or NULL when the region has no valid store in it. */
const batch_group *batch_group_of(const batch_result *b, const category_code *c);

#endif
