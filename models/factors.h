/*
 * factors.h: the table of known assessment factors and their valid ranges.
 */
#ifndef PLANNER_FACTORS_H
#define PLANNER_FACTORS_H

typedef enum { FACTOR_SCORE, FACTOR_NUMBER, FACTOR_YESNO } factor_type;

typedef struct factor_kind {
	const char *name;
	factor_type type;
	double min, max;
} factor_kind;

const factor_kind *factor_kind_find(const char *name);

#endif
