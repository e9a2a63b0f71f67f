/*
 * words.h: one line of a data file (grade schemes, match rules) split into words at
 * spaces, tabs and CRs, without copying.
 */
#ifndef PLANNER_WORDS_H
#define PLANNER_WORDS_H

#include <stddef.h>

/* The words of s[0..len): the first max of them in w[] (start) and wl[] (length).
 * Returns how many words the line holds, which may be more than max. */
size_t words_split(const char *s, size_t len, const char **w, size_t *wl, size_t max);

#endif
