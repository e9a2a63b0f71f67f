/*
 * format.h: small formatting helpers shared by the text, CSV and JSON writers.
 */
#ifndef PLANNER_FORMAT_H
#define PLANNER_FORMAT_H

#include <stddef.h>

/* "946", "30.5", "-" for NaN: no trailing zeros, at most 2 decimals. */
const char *format_quantity(double x, char *buf, size_t size);
/* English name of a business-format letter ("tobacco-and-liquor shops"). */
const char *format_letter_name(char letter);

#endif
