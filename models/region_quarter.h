/*
 * region_quarter.h: which quarter a region is evaluated for.  --quarter if given, else
 * the region's quarter attribute, else the latest quarter for which at least half of
 * the stores have a figure (a quarter held by a few stores, a mistyped year say, never
 * takes over the region; those stores are listed for a warning).
 */
#ifndef PLANNER_REGION_QUARTER_H
#define PLANNER_REGION_QUARTER_H

#include "xml_reader.h"

#define QUARTER_LATER_MAX 4    /* later quarters listed */
#define QUARTER_LATER_IDS 5    /* store ids listed per later quarter */

/* A quarter after the evaluated one, held by fewer than half of the stores. */
typedef struct quarter_later {
	quarter_t quarter;
	size_t stores;                          /* stores with a figure for it */
	char ids[QUARTER_LATER_IDS][72];        /* the first of them, in file order */
	size_t n_ids;
} quarter_later;

typedef struct quarter_choice {
	quarter_t quarter;           /* the evaluated quarter; QUARTER_NONE: no figures at all */
	int by_rule;                 /* chosen by the half-of-the-stores rule */
	size_t stores;               /* stores in the file */
	size_t with_figure;          /* of them, with a figure for quarter */
	quarter_later later[QUARTER_LATER_MAX];
	size_t n_later;              /* later quarters in all (later[] holds the first ones) */
} quarter_choice;

/* The latest quarter for which at least half of the region's stores have a figure;
 * when there is none, the quarter most stores have (the latest of equals);
 * QUARTER_NONE when no store has a figure. */
quarter_t quarter_default(const region *r);

/* region_read(), then settles the quarter into *qc: requested, else the quarter
 * attribute, else quarter_default() (else the profile's latest quarter).  A requested
 * quarter that neither the region nor the profile has a figure for is refused
 * (EXIT_DATAERR, *fatal names it).  When stores have figures after the default quarter,
 * the file is read a second time with that quarter fixed (so that every store's kept
 * history ends at it; problems are not reported twice) and the later quarters and
 * their stores are listed in qc->later. */
int region_read_quarter(const char *path, const read_options *opt, quarter_t requested,
			const store *profile, region *out, quarter_choice *qc, diag *fatal);

#endif
