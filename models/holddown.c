/*
 * holddown.c: the hold before a move down (holddown.h).  O(quarters kept) per store.
 */
#include "holddown.h"

int holddown_run(const int *below, int n)
{
	int run = 0;

	while (run < n && below[run])
		run++;
	return run;
}

int holddown_grades(const int *computed, int n, int hold, int *force)
{
	int in_force = -1, run = 0;

	for (int i = 0; i < n; i++) {
		int c = computed[i];
		if (c < 0) {
			run = 0;                 /* no grade this quarter: not below */
		} else if (in_force < 0 || c <= in_force) {
			in_force = c;            /* first grade, same, or up: at once */
			run = 0;
		} else if (++run >= hold) {
			in_force = c;            /* below for `hold` quarters: down */
			run = 0;
		}
		force[i] = in_force;
	}
	return run;
}
