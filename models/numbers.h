/*
 * numbers.h: strict decimal parsing for XML field values, and the one rounding rule for
 * printed figures (see numbers.c).
 */
#ifndef PLANNER_NUMBERS_H
#define PLANNER_NUMBERS_H

#include <stddef.h>

/* 0 and *out on a plain finite decimal, -1 otherwise. */
int number_parse(const char *s, double *out);

/* x rounded to at most `decimals` (0-17) decimals by the one rule of numbers.c (its
 * shortest decimal, rounded half away from zero): "946", "9.9", "-7", "0" for -0.001;
 * no trailing zeros, no exponent; "nan", "inf", "-inf" as printf writes them.  Writes at
 * most size bytes (cut, NUL-terminated); returns the full length. */
size_t number_round(double x, int decimals, char *buf, size_t size);
/* number_round with exactly `decimals` decimals, trailing zeros kept ("61.0", "0.0"
 * for -0.01 at one decimal): for columns of figures, as printf's "%.1f" lays them out. */
size_t number_round_fixed(double x, int decimals, char *buf, size_t size);
/* number_round, for callers that do not need the length. */
void number_format(double x, int decimals, char *buf, size_t size);

#endif
