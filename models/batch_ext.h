/*
 * batch_ext.h: what `planner batch` adds to each row when asked: the grade of a grade
 * scheme (--grades, grades.h) this quarter and last, the hold before a move down
 * (--hold-down, holddown.h) and the value quadrant (match.h).  The per-quarter work is
 * done once in batch_ext_prepare; per store it costs a few binary searches over the
 * grades.  Plain data; batch.c calls the hooks below.
 */
#ifndef PLANNER_BATCH_EXT_H
#define PLANNER_BATCH_EXT_H

#include <stddef.h>
#include <stdint.h>

#include "grades.h"
#include "holddown.h"
#include "match.h"
#include "model.h"

typedef struct batch_ext_config {
	const grade_scheme *grades;  /* NULL: no grades */
	int grade_scope_group;       /* 0: the region; 1: each peer group (--min-peers) */
	int hold_down;               /* quarters below before a move down; 0 or 1: at once */
	int held_column;             /* --hold-down was given: the held column is written */
	int quadrants;               /* match scores were read (region_entry.match) */
	double value_cut;            /* % of the percentile, default 50 */
	uint16_t match_cut;          /* hundredths, default 300 */
} batch_ext_config;
#define BATCH_EXT_DEFAULT ((batch_ext_config){ NULL, 0, 1, 0, 0, 50.0, 300 })

/* The additions to one store's row; -1 / NaN / 0 when not computed. */
typedef struct batch_ext_row {
	int grade, prev_grade;       /* grade indexes (0 best), -1 without one */
	double next_grade_orders;    /* NaN at the top or without a grade */
	int held;                    /* code kept by the hold-down (change same) */
	int grade_held;              /* grade kept by the hold-down */
	int hold_left;               /* quarters more below before the move down */
	uint16_t match;              /* match score in hundredths, 0 without one */
	quadrant quadrant;
} batch_ext_row;

/* Grade moves counted by distance: 1, 2, 3 or more grades. */
#define BATCH_EXT_MOVE_BINS 3

typedef struct batch_ext_counts {
	size_t grade[GRADES_MAX], prev_grade[GRADES_MAX];
	size_t into_up[GRADES_MAX], into_down[GRADES_MAX];   /* moved into grade j */
	size_t up[BATCH_EXT_MOVE_BINS], down[BATCH_EXT_MOVE_BINS];
	size_t held, grades_held;
	size_t quadrants[QUADRANT_COUNT];
} batch_ext_counts;

/* The per-quarter state: grade thresholds per scope and quarter, classes of the
 * older quarters for the hold-down. */
typedef struct batch_ext {
	int quarters;                /* quarters with grade thresholds: q, q - 1, ... */
	grade_cuts region_cuts[HOLDDOWN_MAX];     /* [h]: quarter q - h, region scope */
	grade_cuts *group_cuts;      /* [group * HOLDDOWN_MAX + h], group scope */
	peer_stats *past;            /* [group * HOLDDOWN_MAX + h], h >= 2: older quarters */
	size_t n_past;
} batch_ext;

struct batch_result;
struct batch_row;

/* Classifies the older quarters and cuts the grades of every scope; b's groups must be
 * classified.  Does nothing unless the config asks for something.  0, or -1 when out
 * of memory. */
int batch_ext_prepare(const region *r, struct batch_result *b);
void batch_ext_free(batch_ext *x);
/* Frees the older quarters' sorted figures (past[].sorted), kept for their thresholds. */
void batch_ext_drop_figures(batch_ext *x);
/* Fills row->x, and applies the hold-down to row->change and the new code. */
void batch_ext_row_get(const struct batch_result *b, const region *r, struct batch_row *row);
void batch_ext_count(batch_ext_counts *c, const batch_ext_row *x);
void batch_ext_merge(batch_ext_counts *into, const batch_ext_counts *c);

/* Grade thresholds of a row's scope in quarter q - h; NULL without grades. */
const grade_cuts *batch_ext_cuts(const struct batch_result *b, int group, int h);

#endif
