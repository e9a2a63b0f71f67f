/*
 * grades.h: grade schemes (档位, planner batch --grades FILE): grades listed best first
 * with their shares of the stores, and the share rule of the three classes applied to
 * any number of grades: k_j = ceil(C_j * n / 100) exactly, t_j the k_j-th largest
 * figure, a store gets the best grade whose threshold it reaches.  Plain data.
 */
#ifndef PLANNER_GRADES_H
#define PLANNER_GRADES_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define GRADES_MAX 64
#define GRADE_LABEL_MAX 16

typedef struct grade_scheme {
	size_t n;
	char label[GRADES_MAX][GRADE_LABEL_MAX];
	uint32_t cum[GRADES_MAX];   /* cumulative share, hundredths of a %; cum[n-1] = 10000 */
} grade_scheme;

/* The thresholds of one scope (the region, or one peer group) in one quarter. */
typedef struct grade_cuts {
	size_t figures;              /* stores with a figure in the scope; 0: no grades */
	size_t n;                    /* grades, as in the scheme */
	double t[GRADES_MAX];        /* t[j]: the k_j-th largest figure, t[0] >= t[1] ... */
} grade_cuts;

/* Parses a grade file's text ("LABEL SHARE" per line, '#' comments, best first; shares
 * up to two decimals, each > 0, adding up to 100).  name is used in the error line,
 * "name:line: why".  0, or -1 with *d set (EXIT_DATAERR). */
int grades_parse(const char *text, const char *name, grade_scheme *out, diag *d);
/* Reads and parses a grade file: EXIT_OK, EXIT_NOINPUT or EXIT_DATAERR with *d set. */
int grades_load(const char *path, grade_scheme *out, diag *d);

/* Thresholds from the figures of a scope sorted ascending. */
void grades_cut(const grade_scheme *s, const double *ascending, size_t n, grade_cuts *out);
/* The same from unsorted figures (sorted in place). */
void grades_cut_unsorted(const grade_scheme *s, double *figures, size_t n, grade_cuts *out);
/* Grade index of figure x (0 best), -1 when x is NaN or the scope is empty.  A figure
 * of 0 gets the last grade whatever the thresholds, as with the classes. */
int grades_of(const grade_cuts *c, double x);
/* Orders that reach the next grade up from grade j with figure x: t[j - 1], or x + 1
 * when that threshold is not above x (a store at 0); NaN at the top or without a grade. */
double grades_next_orders(const grade_cuts *c, int j, double x);

#endif
