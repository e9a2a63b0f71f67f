/*
 * peers.c: peer groups inside a region table (same format letter, same market digit,
 * a figure for the quarter) and which quarter is evaluated (CONTRACT.md).
 */
#include <math.h>
#include <string.h>

#include "peers.h"
#include "region_quarter.h"

size_t peers_collect(const region *r, const char *group, quarter_t q, const char *skip_id,
		     double *out)
{
	size_t n = 0;
	char g[3];

	for (size_t i = 0; i < r->n_stores; i++) {
		const region_entry *e = &r->stores[i];
		if (e->invalid)
			continue;
		code_peer_group(&e->code, g);
		if (strcmp(g, group) != 0)
			continue;
		double x = region_orders(r, e, q);
		if (isnan(x))
			continue;
		if (skip_id && strcmp(region_str(r, e->id), skip_id) == 0)
			continue;
		out[n++] = x;
	}
	return n;
}

quarter_t quarter_resolve(quarter_t requested, const region *r, const store *s)
{
	if (requested != QUARTER_NONE)
		return requested;
	if (r && r->quarter_attr != QUARTER_NONE)
		return r->quarter_attr;
	quarter_t q = r ? quarter_default(r) : QUARTER_NONE;
	return q == QUARTER_NONE && s ? store_latest_quarter(s) : q;
}
