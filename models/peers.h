/*
 * peers.h: collecting a peer group's figures from a region, and resolving the
 * evaluated quarter.
 */
#ifndef PLANNER_PEERS_H
#define PLANNER_PEERS_H

#include "model.h"

/* Writes to out (room for r->n_stores) the figures for quarter q of the valid stores of
 * group ("Y2"), leaving out the store whose id is skip_id (NULL: none).  Returns n. */
size_t peers_collect(const region *r, const char *group, quarter_t q, const char *skip_id,
		     double *out);

/* --quarter if given, else the region's quarter attribute, else quarter_default()
 * (region_quarter.h), else the store's latest quarter. */
quarter_t quarter_resolve(quarter_t requested, const region *r, const store *s);

#endif
