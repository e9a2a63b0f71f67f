/*
 * region.c: the compact region table: orders lookup by quarter, and release.
 */
#include <math.h>
#include <stdlib.h>

#include "model.h"

double region_orders(const region_entry *e, quarter_t q)
{
	int32_t i = e->base - q;

	if (e->base == QUARTER_NONE || i < 0 || i >= REGION_HISTORY)
		return NAN;
	return e->hist[i];
}

void region_free(region *r)
{
	for (size_t i = 0; i < r->n_growth; i++) {
		free((char *)r->growth[i].name);
		free((char *)r->growth[i].text);
		free((char *)r->growth[i].place);
	}
	free(r->growth);
	free((char *)r->id);
	free((char *)r->name);
	free((char *)r->unit);
	free(r->stores);
	free(r->strings);
	*r = (region){ 0 };
}
