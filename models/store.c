/*
 * store.c: accessors for a parsed store profile (a quarter's figure, the order history
 * up to a quarter, a factor by name), and its release.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "model.h"
#include "xml_reader.h"

void store_free(store *s)
{
	if (!s)
		return;
	free(s->orders);
	free(s->neighbours);
	free(s->factors);
	free(s->honours);
	if (s->owner_arena) {
		arena_free(s->owner_arena);
		free(s->owner_arena);
	}
	free(s);
}

const order_figure *store_orders_in(const store *s, quarter_t q)
{
	for (size_t i = 0; i < s->n_orders; i++)
		if (s->orders[i].quarter == q)
			return &s->orders[i];
	return NULL;
}

static int by_quarter(const void *a, const void *b)
{
	const order_figure *x = a, *y = b;
	return (x->quarter > y->quarter) - (x->quarter < y->quarter);
}

size_t store_order_history(const store *s, quarter_t q, size_t max, order_figure *out)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n_orders && n < max; i++) {
		const order_figure *f = &s->orders[i];
		if (f->quarter <= q && f->quarter > q - (quarter_t)max)
			out[n++] = *f;
	}
	qsort(out, n, sizeof out[0], by_quarter);
	return n;
}

quarter_t store_latest_quarter(const store *s)
{
	quarter_t latest = QUARTER_NONE;

	for (size_t i = 0; i < s->n_orders; i++)
		if (s->orders[i].quarter > latest)
			latest = s->orders[i].quarter;
	return latest;
}

const factor *store_factor(const store *s, const char *name)
{
	for (size_t i = 0; i < s->n_factors; i++)
		if (strcmp(s->factors[i].name, name) == 0)
			return &s->factors[i];
	return NULL;
}

static const char *dup_into(arena *a, const char *s, int *failed)
{
	if (!s)
		return NULL;
	const char *p = arena_strndup(a, s, strlen(s));
	if (!p)
		*failed = 1;
	return p;
}

static void *dup_array(const void *src, size_t n, size_t elem, int *failed)
{
	if (n == 0)
		return NULL;
	void *p = malloc(n * elem);
	if (!p)
		*failed = 1;
	else
		memcpy(p, src, n * elem);
	return p;
}

store *store_clone(const store *s)
{
	store *c = calloc(1, sizeof *c);
	arena *a = calloc(1, sizeof *a);
	int failed = !c || !a;

	if (failed) {
		free(c);
		free(a);
		return NULL;
	}
	*c = *s;
	c->owner_arena = a;
	c->id = dup_into(a, s->id, &failed);
	c->name = dup_into(a, s->name, &failed);
	c->owner = dup_into(a, s->owner, &failed);
	c->address = dup_into(a, s->address, &failed);
	c->surroundings = dup_into(a, s->surroundings, &failed);
	c->orders = dup_array(s->orders, s->n_orders, sizeof *s->orders, &failed);
	c->neighbours = dup_array(s->neighbours, s->n_neighbours, sizeof *s->neighbours, &failed);
	c->factors = dup_array(s->factors, s->n_factors, sizeof *s->factors, &failed);
	c->honours = dup_array(s->honours, s->n_honours, sizeof *s->honours, &failed);
	for (size_t i = 0; c->neighbours && i < s->n_neighbours; i++)
		c->neighbours[i].id = dup_into(a, s->neighbours[i].id, &failed);
	for (size_t i = 0; c->factors && i < s->n_factors; i++) {
		c->factors[i].name = dup_into(a, s->factors[i].name, &failed);
		c->factors[i].text = dup_into(a, s->factors[i].text, &failed);
	}
	for (size_t i = 0; c->honours && i < s->n_honours; i++)
		c->honours[i] = dup_into(a, s->honours[i], &failed);
	if (failed) {
		store_free(c);
		return NULL;
	}
	return c;
}
