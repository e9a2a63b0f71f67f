/*
 * plan_queue.h: the plans of a batch still to render, shared by the processes that
 * render them (batch_plans.c).  Indexes [front, back) are left; a worker takes the
 * next from the front, the main process takes from the back the plans it has laid out
 * already (for the booklet), so neither waits for the other and each plan is taken
 * exactly once.  Both ends live in one 64-bit word in memory shared across fork(),
 * changed by compare-and-swap (lock-free on every platform planner builds on).
 */
#ifndef PLANNER_PLAN_QUEUE_H
#define PLANNER_PLAN_QUEUE_H

#include <stddef.h>

typedef struct plan_queue plan_queue;

/* A queue of the indexes [from, to) in shared memory (to below 2^32); NULL with errno
 * set when it cannot be mapped. */
plan_queue *plan_queue_new(size_t from, size_t to);
void plan_queue_free(plan_queue *q);
/* Takes the lowest index left into *i: 1, or 0 when none is left. */
int plan_queue_take_front(plan_queue *q, size_t *i);
/* Takes the highest index left into *i: 1, or 0 when none is left. */
int plan_queue_take_back(plan_queue *q, size_t *i);
/* The lowest index not yet taken from the front: every index below it has been. */
size_t plan_queue_front(plan_queue *q);

#endif
