/*
 * numbers.h: strict decimal parsing for XML field values (see numbers.c).
 */
#ifndef PLANNER_NUMBERS_H
#define PLANNER_NUMBERS_H

/* 0 and *out on a plain finite decimal, -1 otherwise. */
int number_parse(const char *s, double *out);

#endif
