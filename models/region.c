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

size_t region_stores_in(const region *r, quarter_t q)
{
	if (!r->quarter_stores || q < QUARTER_FIRST || q >= QUARTER_FIRST + QUARTER_SPAN)
		return 0;
	return r->quarter_stores[q - QUARTER_FIRST];
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
	free(r->quarter_stores);
	*r = (region){ 0 };
}
