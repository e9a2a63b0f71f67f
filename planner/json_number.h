/*
 * json_number.h: numbers for planner's JSON outputs (evaluate --format json,
 * batch summary.json): rounded to a number of decimals, whole values as integers,
 * NaN and infinities (no figure, no target) as null.
 */
#ifndef PLANNER_JSON_NUMBER_H
#define PLANNER_JSON_NUMBER_H

#include <jansson.h>

json_t *json_number(double x, int decimals);

#endif
