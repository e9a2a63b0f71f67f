/*
 * figures_sort.h: sorting a peer group's order figures in ascending order, as gsl_sort
 * does, in time linear in their number, and records by a figure of theirs
 * (figures_sort.c).
 */
#ifndef PLANNER_FIGURES_SORT_H
#define PLANNER_FIGURES_SORT_H

#include <stddef.h>

/* Groups smaller than this are sorted by gsl_sort (a radix sort's fixed cost is larger). */
#define FIGURES_SORT_RADIX_MIN 2048

/* Sorts a[0..n) ascending, with -0 read as 0 (it is stored as 0): the same values in the
 * same order as gsl_sort(a, 1, n), whose order among equal figures is its own.  Large
 * groups go through a radix sort on the figures' bit patterns; small ones, ones with a
 * NaN and any that cannot get the radix sort's scratch memory go to gsl_sort. */
void figures_sort(double *a, size_t n);

/* Sorts n records of `size` bytes ascending by the double at byte key_offset of each
 * (-0 equal to 0), records with equal keys kept in their order (a stable radix sort):
 * 0, or -1 with nothing changed when a key is NaN or there is no memory. */
int figures_sort_records(void *records, size_t n, size_t size, size_t key_offset);

#endif
