/*
 * region.c: the compact region table: building it (strings, entries, header, growth:
 * the one ownership rule is in model.h), order figures coded in 4 bytes and looked up
 * by quarter, and release.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "model.h"

#define REGION_STRINGS_FIRST 65536   /* bytes of the first string block */
#define REGION_ENTRIES_FIRST 1024
#define REGION_NAME_SLOTS 65536      /* region_add_name's table of recent names: 256 KB */

/* An order figure in a region_entry's 4 bytes: 0 for none; 1 + v for a whole v below
 * FIGURE_WHOLE_MAX (every figure of a usual file: cartons); else FIGURE_SPILLED + the
 * index of the double in region.figures. */
#define FIGURE_WHOLE_MAX 2147483647.0
#define FIGURE_SPILLED 0x80000000u

int region_add_string(region *r, const char *s, uint32_t *off)
{
	size_t n = strlen(s) + 1;

	if (r->strings_len + n > r->strings_cap) {
		size_t cap = r->strings_cap ? r->strings_cap + r->strings_cap / 2 :
			     REGION_STRINGS_FIRST;
		while (cap < r->strings_len + n + 1)
			cap *= 2;
		char *p = cap <= UINT32_MAX ? realloc(r->strings, cap) : NULL;   /* offsets */
		if (!p)
			return -1;
		r->strings = p;
		r->strings_cap = cap;
		if (r->strings_len == 0)
			r->strings[r->strings_len++] = '\0';   /* offset 0: "" */
	}
	*off = (uint32_t)r->strings_len;
	memcpy(r->strings + *off, s, n);
	r->strings_len += n;
	return 0;
}

int region_append_strings(region *r, const region *from, uint32_t *shift)
{
	size_t n = from->strings_len > 1 ? from->strings_len - 1 : 0;   /* all but its "" */
	size_t len = r->strings_len ? r->strings_len : 1;               /* after r's "" */

	if (len + n > r->strings_cap) {
		size_t cap = r->strings_cap + r->strings_cap / 2;
		if (cap < len + n)
			cap = len + n;
		char *p = cap <= UINT32_MAX ? realloc(r->strings, cap) : NULL;   /* offsets */
		if (!p)
			return -1;
		r->strings = p;
		r->strings_cap = cap;
	}
	r->strings[0] = '\0';
	*shift = (uint32_t)(len - 1);    /* from's offset 1 lands at r's end */
	if (n)
		memcpy(r->strings + len, from->strings + 1, n);
	r->strings_len = len + n;
	return 0;
}

/* FNV-1a, for region_add_name's table. */
static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

int region_add_name(region *r, const char *s, uint32_t *off)
{
	if (!r->names && !(r->names = calloc(REGION_NAME_SLOTS, sizeof *r->names)))
		return region_add_string(r, s, off);   /* no table: a copy each */
	uint32_t *slot = &r->names[name_hash(s) & (REGION_NAME_SLOTS - 1)];
	if (*slot && strcmp(r->strings + *slot, s) == 0) {
		*off = *slot;
		return 0;
	}
	if (region_add_string(r, s, off) < 0)
		return -1;
	*slot = *off;   /* the latest name of this slot is the one kept */
	return 0;
}

int region_set_orders(region *r, region_entry *e, int back, double x)
{
	if (back < 0 || back >= REGION_HISTORY)
		return 0;
	if (isnan(x)) {
		e->hist[back] = 0;
		return 0;
	}
	if (x >= 0 && x < FIGURE_WHOLE_MAX && x == floor(x) && !signbit(x)) {
		e->hist[back] = (uint32_t)x + 1;
		return 0;
	}
	if (r->n_figures == r->cap_figures) {
		size_t cap = r->cap_figures ? r->cap_figures * 2 : 64;
		double *p = cap < FIGURE_SPILLED ? realloc(r->figures, cap * sizeof *p) : NULL;
		if (!p)
			return -1;
		r->figures = p;
		r->cap_figures = cap;
	}
	r->figures[r->n_figures] = x;
	e->hist[back] = FIGURE_SPILLED | (uint32_t)r->n_figures++;
	return 0;
}

int region_copy_figures(region *out, region_entry *e, const region *from)
{
	for (int b = 0; b < REGION_HISTORY; b++) {
		uint32_t v = e->hist[b];
		if (e->base == QUARTER_NONE)
			e->hist[b] = 0;   /* as region_orders reads it: no figure */
		else if ((v & FIGURE_SPILLED) &&
			 region_set_orders(out, e, b, from->figures[v & ~FIGURE_SPILLED]) < 0)
			return -1;
	}
	return 0;
}

int region_add_entry(region *r, const region_entry *e, uint32_t error)
{
	if (r->n_stores == r->cap_stores) {
		size_t cap = r->cap_stores ? r->cap_stores + r->cap_stores / 2 :
			     REGION_ENTRIES_FIRST;
		region_entry *p = realloc(r->stores, cap * sizeof *p);
		if (!p)
			return -1;
		r->stores = p;
		r->cap_stores = cap;
	}
	if (error) {
		size_t n = r->n_invalid;
		if ((n & (n - 1)) == 0) {   /* 0, 1, 2, 4, ...: full, doubled */
			region_error *p = realloc(r->errors, (n ? 2 * n : 1) * sizeof *p);
			if (!p)
				return -1;
			r->errors = p;
		}
		r->errors[n] = (region_error){ .entry = (uint32_t)r->n_stores, .text = error };
		r->n_invalid++;
	}
	r->stores[r->n_stores] = *e;
	r->stores[r->n_stores++].invalid = error != 0;
	return 0;
}

uint32_t region_entry_error(const region *r, const region_entry *e)
{
	if (!e->invalid)
		return 0;
	uint32_t i = (uint32_t)(e - r->stores);
	size_t lo = 0, hi = r->n_invalid;   /* errors are in entry order */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->errors[mid].entry < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->n_invalid && r->errors[lo].entry == i ? r->errors[lo].text : 0;
}

/* A copy of s in the region's arena (NULL for NULL); *failed set when out of memory. */
static const char *region_keep(region *r, const char *s, int *failed)
{
	if (!s)
		return NULL;
	if (!r->owner_arena && !(r->owner_arena = calloc(1, sizeof(arena)))) {
		*failed = 1;
		return NULL;
	}
	const char *p = arena_strndup(r->owner_arena, s, strlen(s));
	if (!p)
		*failed = 1;
	return p;
}

int region_set_header(region *r, const char *id, const char *name, const char *unit)
{
	int failed = 0;
	const char *i = region_keep(r, id, &failed), *n = region_keep(r, name, &failed),
		   *u = region_keep(r, unit, &failed);

	if (failed)
		return -1;
	r->id = i;
	r->name = n;
	r->unit = u;
	return 0;
}

int region_add_growth(region *r, const char *name, const char *text, double pct,
		      const char *place)
{
	int failed = 0;
	const char *n = region_keep(r, name, &failed), *t = region_keep(r, text, &failed);
	const char *pl = place && *place ? region_keep(r, place, &failed) : NULL;
	growth_fact *g = failed ? NULL : realloc(r->growth, (r->n_growth + 1) * sizeof *g);

	if (!g)
		return -1;
	r->growth = g;
	g[r->n_growth++] = (growth_fact){ n, t, pct, pl };
	return 0;
}

double region_orders(const region *r, const region_entry *e, quarter_t q)
{
	int32_t i = e->base - q;

	if (e->base == QUARTER_NONE || i < 0 || i >= REGION_HISTORY)
		return NAN;
	uint32_t v = e->hist[i];
	if (v == 0)
		return NAN;
	if (v & FIGURE_SPILLED)
		return r->figures[v & ~FIGURE_SPILLED];
	return (double)(v - 1);
}

void region_prefetch_strings(const region *r, size_t i)
{
	const region_entry *e = &r->stores[i];

	__builtin_prefetch(r->strings + e->id);
	__builtin_prefetch(r->strings + e->name);
}

/* The entry index of row k: entries[0], then every stride bytes. */
static uint32_t entry_of_row(const uint32_t *entries, size_t stride, size_t k)
{
	return *(const uint32_t *)((const char *)entries + k * stride);
}

void region_prefetch_ahead(const region *r, const uint32_t *entries, size_t stride, size_t n,
			   size_t i)
{
	if (i + REGION_PREFETCH_AHEAD < n)
		__builtin_prefetch(&r->stores[entry_of_row(entries, stride, i + REGION_PREFETCH_AHEAD)]);
	if (i + REGION_PREFETCH_AHEAD / 2 < n)
		region_prefetch_strings(r, entry_of_row(entries, stride, i + REGION_PREFETCH_AHEAD / 2));
}

size_t region_stores_in(const region *r, quarter_t q)
{
	if (!r->quarter_stores || q < QUARTER_FIRST || q >= QUARTER_FIRST + QUARTER_SPAN)
		return 0;
	return r->quarter_stores[q - QUARTER_FIRST];
}

void region_free(region *r)
{
	if (r->owner_arena) {
		arena_free(r->owner_arena);
		free(r->owner_arena);
	}
	free(r->growth);
	free(r->stores);
	free(r->errors);
	free(r->strings);
	free(r->figures);
	free(r->names);
	free(r->quarter_stores);
	*r = (region){ 0 };
}
