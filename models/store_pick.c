/*
 * store_pick.c: full profiles of chosen store ids, cloned while a region is streamed
 * (store_pick.h).
 */
#include <stdlib.h>
#include <string.h>

#include "field_rules.h"
#include "store_pick.h"
#include "xml_reader.h"

int store_pick_init(store_pick *p, const char *const *ids, size_t n)
{
	memset(p, 0, sizeof *p);
	p->ids = ids;
	p->n = n;
	p->cap = 16;
	while (p->cap < 2 * n)
		p->cap *= 2;
	p->slots = calloc(p->cap, sizeof *p->slots);
	p->profiles = calloc(n ? n : 1, sizeof *p->profiles);
	if (!p->slots || !p->profiles)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (store_pick_find(p, ids[i]) >= 0)
			continue;    /* given twice: the first one gets the profile */
		size_t j = field_store_id_hash(ids[i]) & (p->cap - 1);
		while (p->slots[j])
			j = (j + 1) & (p->cap - 1);
		p->slots[j] = (uint32_t)i + 1;
	}
	return 0;
}

long store_pick_find(const store_pick *p, const char *id)
{
	size_t j = field_store_id_hash(id) & (p->cap - 1);

	while (p->slots[j]) {
		size_t i = p->slots[j] - 1;
		if (strcmp(p->ids[i], id) == 0)
			return (long)i;
		j = (j + 1) & (p->cap - 1);
	}
	return -1;
}

void store_pick_on_store(void *ctx, const store *s, int valid)
{
	store_pick *p = ctx;

	if (!valid || !s->id || p->failed)
		return;
	long i = store_pick_find(p, s->id);
	if (i < 0 || p->profiles[i])
		return;
	p->profiles[i] = store_clone(s);
	if (!p->profiles[i])
		p->failed = 1;
}

store *store_pick_take(store_pick *p, size_t i)
{
	store *s = i < p->n ? p->profiles[i] : NULL;

	if (s)
		p->profiles[i] = NULL;
	return s;
}

void store_pick_free(store_pick *p)
{
	if (p->profiles)
		for (size_t i = 0; i < p->n; i++)
			store_free(p->profiles[i]);
	free(p->profiles);
	free(p->slots);
	memset(p, 0, sizeof *p);
}
