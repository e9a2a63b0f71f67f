/*
 * holddown.h: steadier codes (planner batch --hold-down N): a store is moved down only
 * after N consecutive quarters below the class (or grade) it holds; upgrades stay
 * immediate.  A quarter without a figure, or with too few peers, does not count as
 * below.  Plain data: the callers classify each quarter and pass the results in.
 */
#ifndef PLANNER_HOLDDOWN_H
#define PLANNER_HOLDDOWN_H

#define HOLDDOWN_MAX 4     /* quarters of history kept per store (REGION_HISTORY) */

/* Consecutive quarters below, counting back from this one: below[i] is 1 when the
 * store was below its code's class in quarter q - i, 0 otherwise (not below, no
 * figure, too few peers); n entries. */
int holddown_run(const int *below, int n);

/* The grade in force, followed through the kept quarters: computed[i] is the grade
 * index (0 best) computed for the i-th quarter, oldest first, -1 without one.  The
 * grade in force starts at the first computed grade, follows every move up at once and
 * a move down only after `hold` consecutive quarters below it (a quarter without a
 * grade resets the count).  force[i] receives the grade in force after quarter i (-1
 * while none); returns the count of consecutive quarters below at the last quarter. */
int holddown_grades(const int *computed, int n, int hold, int *force);

#endif
