/*
 * followup.h: the follow-up of last quarter's upgrade candidates (followup.csv): which
 * stores were candidates in the previous quarter (the batch's rule, gap, shares and
 * min-peers applied to that quarter), ranked as the candidates were, and what became
 * of each this quarter: target met, class now, moved up.  The realised funnel of
 * summary.json is the sum of these rows.  Plain data; nothing here prints.
 */
#ifndef PLANNER_FOLLOWUP_H
#define PLANNER_FOLLOWUP_H

#include <stddef.h>

#include "batch.h"
#include "candidates.h"
#include "model.h"

/* Last quarter's candidates, as `candidate`s of the previous quarter (target: the class
 * then to reach, growth_pct: the growth then required), ranked by candidates_rank. */
typedef struct followup_list {
	candidate *items;
	size_t n;
} followup_list;

/* One row of followup.csv. */
typedef struct followup_row {
	batch_row now;               /* the store's row this quarter */
	scale_class class_then;      /* computed for the previous quarter */
	category_code target_code_then;
	double target_orders_then;   /* the threshold of the class above, then */
	double orders_then, orders_now;   /* orders_now NaN without a figure */
	scale_class class_now;       /* CLASS_NONE unless reclassified (status ok) now */
	int met;                     /* 1 orders_now >= target_orders_then, 0 not, -1 no figure */
	int moved_up;                /* class_now better than class_then */
} followup_row;

/* Whether entry i was a candidate in b's previous quarter; then *c describes it. */
int followup_was_candidate(const batch_result *b, const region *r, size_t i, candidate *c);
/* Collects and ranks last quarter's candidates over all of r.  0, or -1 when out of
 * memory (*out is then empty). */
int followup_collect(const batch_result *b, const region *r, followup_list *out);
void followup_list_free(followup_list *l);
/* The row of one of them. */
void followup_get(const batch_result *b, const region *r, const candidate *c,
		  followup_row *out);
/* Adds a row to funnel counts the way the batch counts its funnel (flagged,
 * classified, grew, moved_up; the others are not follow-up rows). */
void followup_count(candidates_funnel *f, const followup_row *row);

#endif
