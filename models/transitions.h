/*
 * transitions.h: how stores moved between the scale classes from one quarter to the
 * next: a 3x3 matrix (large/medium/small -> large/medium/small) per peer group and in
 * total, with the up/down counts and the churn rate of a class, and the stores of each
 * class that stopped ordering.  Plain counting, no I/O.
 */
#ifndef PLANNER_TRANSITIONS_H
#define PLANNER_TRANSITIONS_H

#include <stddef.h>

#include "model.h"

typedef struct transitions {
	size_t n[3][3];      /* n[from - 1][to - 1], from/to CLASS_LARGE..CLASS_SMALL */
	size_t stopped[3];   /* stopped[from - 1]: had class `from` and no figure now */
} transitions;

/* Counts one store; ignored (returns -1) when either class is CLASS_NONE. */
int transitions_add(transitions *t, scale_class from, scale_class to);
/* Counts one store of class `from` last quarter without a figure this quarter (left out
 * of the matrix and the churn rate, which compare stores classified in both). */
int transitions_add_stopped(transitions *t, scale_class from);
size_t transitions_stopped(const transitions *t, scale_class from);
void transitions_merge(transitions *into, const transitions *t);
size_t transitions_count(const transitions *t, scale_class from, scale_class to);
size_t transitions_total(const transitions *t);
size_t transitions_from(const transitions *t, scale_class from);   /* row sum */
size_t transitions_to(const transitions *t, scale_class to);       /* column sum */
size_t transitions_up(const transitions *t);     /* to a larger class (small -> medium ...) */
size_t transitions_down(const transitions *t);   /* to a smaller class: churn */
size_t transitions_same(const transitions *t);
/* Share of the stores of class `from` that moved to a smaller class, in %; NaN when
 * the class was empty.  Small stores cannot move down: always 0 when any. */
double transitions_churn_pct(const transitions *t, scale_class from);
/* Expected quarters a store stays in class `from`: 1 / churn rate; +inf when nobody
 * left, NaN when the class was empty. */
double transitions_lifetime(const transitions *t, scale_class from);

#endif
