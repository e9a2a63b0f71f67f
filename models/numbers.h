/*
 * numbers.h: strict decimal parsing for XML field values (see numbers.c).
 */
#ifndef PLANNER_NUMBERS_H
#define PLANNER_NUMBERS_H

#include <stddef.h>

/* 0 and *out on a plain finite decimal, -1 otherwise. */
int number_parse(const char *s, double *out);

/* "946", "9.9", "-7": x with at most `decimals` decimals and no trailing zeros. */
void number_format(double x, int decimals, char *buf, size_t size);

#endif
