/*
 * format.h: small formatting helpers shared by the text, CSV and JSON writers.
 */
#ifndef PLANNER_FORMAT_H
#define PLANNER_FORMAT_H

#include <stddef.h>
#include <stdio.h>

/* "946", "30.5", "-" for NaN: no trailing zeros, at most 2 decimals. */
const char *format_quantity(double x, char *buf, size_t size);

/* Writes s to f on one line: a backslash as \\, line breaks and tabs as \n \r \t, other
 * control characters (C0, DEL, U+0085, U+2028, U+2029) as \xHH or \uHHHH; all other
 * UTF-8 as is.  So a name holding "&#10;Status ok" cannot forge a line of text output. */
void format_print_escaped(FILE *f, const char *s);

#endif
