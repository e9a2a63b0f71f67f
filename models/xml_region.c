/*
 * xml_region.c: the region built while reading: the <region> header and <growth>
 * facts, and at each </store> the store's id checked for duplicates, its quarters
 * counted and its compact region_entry added (region_add_entry, region.c).
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "field_rules.h"
#include "numbers.h"
#include "match.h"
#include "reader_ctx.h"
#include "utf8.h"

/* ---- the duplicate-id set ------------------------------------------------------------ */

/* s copied into the region's strings: its offset, or 0 (fatal) when out of memory. */
static uint32_t add_string(reader_ctx *c, const char *s)
{
	uint32_t off;

	if (region_add_string(c->reg, s, &off) == 0)
		return off;
	reader_fatal(c, EXIT_SOFTWARE, 0, "file.memory.strings", NULL);
	return 0;
}

static uint32_t id_slot_offset(uint64_t slot) { return (uint32_t)slot; }
static uint32_t id_slot_hash(uint64_t slot) { return (uint32_t)(slot >> 32); }

/* Adds id (already interned at off); returns the offset of an earlier equal id, 0 if new.
 * The table is at most three quarters full: its size is a power of two, and a region
 * read in parts has one per part (a part of 300,000 stores: 4 MB instead of 8). */
static uint32_t ids_insert(reader_ctx *c, uint32_t off)
{
	if (c->ids_count * 4 >= c->ids_cap * 3) {
		size_t cap = c->ids_cap ? c->ids_cap * 2 : 1024;
		uint64_t *t = calloc(cap, sizeof *t);
		if (!t) {
			reader_fatal(c, EXIT_SOFTWARE, 0, "file.memory.ids", NULL);
			return 0;
		}
		for (size_t i = 0; i < c->ids_cap; i++) {
			if (!c->ids[i])
				continue;
			size_t j = id_slot_hash(c->ids[i]) & (cap - 1);
			while (t[j])
				j = (j + 1) & (cap - 1);
			t[j] = c->ids[i];
		}
		free(c->ids);
		c->ids = t;
		c->ids_cap = cap;
	}
	const char *id = c->reg->strings + off;
	uint32_t hash = (uint32_t)field_store_id_hash(id);
	size_t j = hash & (c->ids_cap - 1);
	while (c->ids[j]) {
		if (id_slot_hash(c->ids[j]) == hash &&
		    strcmp(c->reg->strings + id_slot_offset(c->ids[j]), id) == 0)
			return id_slot_offset(c->ids[j]);
		j = (j + 1) & (c->ids_cap - 1);
	}
	c->ids[j] = (uint64_t)hash << 32 | off;
	c->ids_count++;
	return 0;
}

uint32_t reader_ids_find(const reader_ctx *c, const char *id)
{
	if (!c->ids_cap)
		return 0;
	uint32_t hash = (uint32_t)field_store_id_hash(id);
	for (size_t j = hash & (c->ids_cap - 1); c->ids[j]; j = (j + 1) & (c->ids_cap - 1))
		if (id_slot_hash(c->ids[j]) == hash &&
		    strcmp(c->reg->strings + id_slot_offset(c->ids[j]), id) == 0)
			return id_slot_offset(c->ids[j]);
	return 0;
}

static const char duplicate_id_field[] = "<store id>";
static const char duplicate_id_key[] = "store.id.duplicate";

void reader_duplicate_id_diag(const char *path, int line, const char *id, diag *d)
{
	diag_msg(d, EXIT_DATAERR, path, line, id, duplicate_id_field, duplicate_id_key, NULL);
}

void reader_ids_prefetch(const reader_ctx *c, const char *id)
{
	if (c->ids_cap)
		__builtin_prefetch(&c->ids[(uint32_t)field_store_id_hash(id) & (c->ids_cap - 1)]);
}

/* ---- stores ---------------------------------------------------------------------------- */

/* Whether the store belongs in the region table: all stores, unless the caller asked for
 * one peer group (evaluate, plan).  Stores whose code could not be read are kept. */
static int store_is_kept(const reader_ctx *c)
{
	char group[3];

	if (!c->s.has_code || !c->opt->peer_group[0])
		return 1;
	code_peer_group(&c->s.code, group);
	return strcmp(group, c->opt->peer_group) == 0;
}

static void append_entry(reader_ctx *c, uint32_t id_off)
{
	store *s = &c->s;
	region_entry e = { 0 };

	e.line = (uint32_t)s->line;
	e.code = s->code;
	e.area = (float)s->area;
	if (c->opt->match)
		e.match = match_score(c->opt->match, s);
	e.id = id_off;
	if (s->name && region_add_name(c->reg, s->name, &e.name) < 0)
		reader_fatal(c, EXIT_SOFTWARE, 0, "file.memory.strings", NULL);
	uint32_t error = c->store_valid ? 0 : add_string(c, c->first_error);
	if (c->stopped)
		return;
	e.base = (int16_t)(c->base != QUARTER_NONE ? c->base : store_latest_quarter(s));
	int failed = 0;
	for (size_t i = 0; i < s->n_orders; i++) {
		int32_t k = e.base - s->orders[i].quarter;
		if (k >= 0 && k < REGION_HISTORY)
			failed |= region_set_orders(c->reg, &e, k, s->orders[i].orders) < 0;
	}
	if (failed || region_add_entry(c->reg, &e, error) < 0)
		reader_fatal(c, EXIT_SOFTWARE, 0, "file.memory.table", NULL);
}

/* The store's quarters go into the region's latest quarter and per-quarter counts
 * (which quarter is evaluated by default: region_quarter.c). */
static void count_quarters(reader_ctx *c)
{
	region *r = c->reg;
	const store *s = &c->s;

	r->stores_read++;
	if (s->n_orders && !r->quarter_stores) {
		r->quarter_stores = calloc(QUARTER_SPAN, sizeof *r->quarter_stores);
		if (!r->quarter_stores) {
			reader_fatal(c, EXIT_SOFTWARE, 0, "file.memory", NULL);
			return;
		}
	}
	for (size_t i = 0; i < s->n_orders; i++) {
		quarter_t q = s->orders[i].quarter;
		if (q > r->latest)
			r->latest = q;
		if (q >= QUARTER_FIRST && q < QUARTER_FIRST + QUARTER_SPAN)
			r->quarter_stores[q - QUARTER_FIRST]++;
	}
}

void reader_end_store(reader_ctx *c)
{
	store *s = &c->s;

	uint32_t id_off = 0;
	int kept = store_is_kept(c);

	fields_end_store(c);
	if (!c->xr && !(c->children_seen & (1u << NODE_ORDERS)) && c->store_valid)
		reader_problem(c, s->line, "<orders>", "store.orders.missing", NULL);
	/* duplicate ids: over the whole file, or over the kept peer group only */
	if (c->reg && s->id && kept) {
		id_off = add_string(c, s->id);
		if (id_off && ids_insert(c, id_off)) {
			if (c->part)
				reader_split_note_dup(c);
			reader_problem(c, s->line, duplicate_id_field, duplicate_id_key, NULL);
		}
	}
	if (c->reg)
		count_quarters(c);
	if (c->keep_entries && kept && !c->stopped)
		append_entry(c, id_off);
	if (c->opt->on_store && !c->stopped) {
		/* a lock taken for each store would pass between the cores a million times */
		int lock = c->part && !c->opt->on_store_any_thread;
		if (lock)
			reader_split_lock(c);
		c->opt->on_store(c->opt->ctx, s, c->store_valid);
		if (lock)
			reader_split_unlock(c);
	}
	c->in_store = 0;
	c->stores_read++;
}


void reader_begin_region(reader_ctx *c, int line)
{
	char buf[512], id[512], name[512], unit[512];
	region *r = c->reg;

	int found = reader_attr(c, "id", id, sizeof id);
	if (found == 0)
		reader_problem(c, line, "<region>", "region.id.missing", NULL);
	else if (found == 2) {
		char max[24];
		snprintf(max, sizeof max, "%zu", sizeof id - 1);
		reader_problem(c, line, "<region id>", "region.too-long", "max", max, NULL);
	}
	if (r) {
		/* a name too long for the pages: cut, with "…" */
		int has_name = reader_attr(c, "name", name, sizeof name) != 0;
		int has_unit = reader_attr(c, "unit", unit, sizeof unit) == 1;
		if (region_set_header(r, found == 1 ? id : NULL, has_name ? name : NULL,
				      has_unit ? unit : NULL) < 0)
			reader_fatal(c, EXIT_SOFTWARE, 0, "file.memory", NULL);
	}
	if (reader_attr(c, "quarter", buf, sizeof buf)) {
		quarter_t q;
		char shown[48];
		if (quarter_parse(buf, &q) == 0) {
			if (r)
				r->quarter_attr = q;
		} else if (c->opt->strict) {
			reader_problem(c, line, "<region quarter>", "region.quarter",
				       "id", reader_shorten(buf, shown, sizeof shown), NULL);
		} else if (!c->stopped) {
			/* it decides which quarter is evaluated: no reading on without it */
			diag_msg(&c->fatal, EXIT_DATAERR, c->path, line, NULL, "<region quarter>",
				 "region.quarter", "id", reader_shorten(buf, shown, sizeof shown),
				 NULL);
			reader_one_line(&c->fatal);
			c->stopped = 1;
		}
	}
	if (c->base == QUARTER_NONE && r)
		c->base = r->quarter_attr;
	c->quiet = 0;   /* a later part's copy of the root start tag is behind */
}

void reader_end_growth(reader_ctx *c, const char *text)
{
	region *r = c->reg;

	if (!c->leaf_attr[0]) {
		reader_problem(c, c->leaf_line, "<growth>", "region.growth.name", NULL);
		return;
	}
	if (isnan(c->leaf_number)) {
		reader_problem(c, c->leaf_line, "<growth>", "region.growth.pct", NULL);
		return;
	}
	if (!r)
		return;
	if (region_add_growth(r, c->leaf_attr, text, c->leaf_number, c->leaf_place) < 0)
		reader_fatal(c, EXIT_SOFTWARE, 0, "file.memory", NULL);
}
