/*
 * store_fields.c: checks every field of one <store> as the reader meets it and fills
 * the store struct: code, owner, address, area, opened, order figures, neighbours,
 * surroundings, assessment factors and honours.  Each bad value becomes one problem
 * line naming the field ("<orders>/<q id="2007Q1">: "-5" is not a quantity >= 0").
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "factors.h"
#include "field_rules.h"
#include "numbers.h"
#include "reader_ctx.h"

#define MAX_NAME FIELD_MAX_NAME   /* bytes */

/* Grows *arr (of elem bytes, capacity *cap) to hold n + 1 items. */
static int grow(reader_ctx *c, void **arr, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return 0;
	size_t ncap = *cap ? *cap * 2 : 8;
	void *p = realloc(*arr, ncap * elem);
	if (!p) {
		reader_fatal(c, EXIT_SOFTWARE, 0, "file.memory", NULL);
		return -1;
	}
	*arr = p;
	*cap = ncap;
	return 0;
}

static const char *keep(reader_ctx *c, const char *s)
{
	const char *p = arena_strndup(&c->strings, s, strlen(s));
	if (!p)
		reader_fatal(c, EXIT_SOFTWARE, 0, "file.memory", NULL);
	return p;
}

void fields_begin_store(reader_ctx *c, int line)
{
	store *s = &c->s;
	int too_long = 0;

	arena_reset(&c->strings);
	s->id = s->name = s->owner = s->address = s->surroundings = NULL;
	s->has_code = 0;
	s->code = (category_code){ 0 };
	s->area = 0;
	s->opened = 0;
	s->line = line;
	s->n_orders = s->n_neighbours = s->n_factors = s->n_honours = 0;
	if (++c->factor_stamp == 0 && c->factor_slots) {   /* wrapped: forget every slot */
		memset(c->factor_slots, 0, c->factor_slots_cap * sizeof *c->factor_slots);
		c->factor_stamp = 1;
	}
	c->in_store = 1;
	c->store_valid = 1;
	c->first_error[0] = '\0';
	c->store_id[0] = '\0';

	int found = reader_attr(c, "id", c->store_id, sizeof c->store_id);
	if (found == 0) {
		reader_problem(c, line, "<store>", "store.id.missing", NULL);
	} else if (found == 2 || !field_store_id_ok(c->store_id)) {
		diag why;
		field_check_store_id_why(c->store_id, &why);
		c->store_id[0] = '\0';
		reader_report(c, line, "<store id>", &why);
	} else {
		s->id = keep(c, c->store_id);
		reader_ids_prefetch(c, s->id);
	}
	s->name = reader_attr_dup(c, "name", MAX_NAME, &too_long);
	if (too_long) {
		char max[16];
		snprintf(max, sizeof max, "%d", MAX_NAME);
		reader_problem(c, line, "<store name>", "store.name.too-long", "max", max, NULL);
	} else if (!s->name || !*s->name) {
		reader_problem(c, line, "<store>", "store.name.missing", NULL);
	} else if (!s->name[strspn(s->name, " \t\n\r")]) {
		reader_problem(c, line, "<store name>", "store.name.blank", NULL);
	}
}

static void leaf_code(reader_ctx *c, const char *text)
{
	diag why;

	if (field_check_code(text, &c->s.code, &why) < 0) {
		reader_report(c, c->leaf_line, "<code>", &why);
		return;
	}
	c->s.has_code = 1;
}

/* The field name of the current <q>, built only when there is a problem to report
 * (leaf_q runs for every figure of every store). */
static const char *q_field(const reader_ctx *c, char *buf, size_t size)
{
	snprintf(buf, size, "<orders>/<q id=\"%s\">", c->leaf_attr);
	return buf;
}

static void leaf_q(reader_ctx *c, const char *text)
{
	char field[96], first[16];
	diag why;
	quarter_t q;
	double v;

	if (!c->leaf_attr[0]) {
		reader_problem(c, c->leaf_line, "<orders>/<q>", "store.q.id.missing", NULL);
		return;
	}
	if (quarter_parse(c->leaf_attr, &q) < 0) {
		reader_problem(c, c->leaf_line, q_field(c, field, sizeof field), "store.q.id",
			       "id", c->leaf_attr, NULL);
		return;
	}
	if (field_check_quantity(text, &v, &why) < 0) {
		reader_report(c, c->leaf_line, q_field(c, field, sizeof field), &why);
		return;
	}
	const order_figure *dup = store_orders_in(&c->s, q);
	if (dup) {
		snprintf(first, sizeof first, "%d", dup->line);
		reader_problem(c, c->leaf_line, q_field(c, field, sizeof field), "store.q.twice",
			       "quarter", c->leaf_attr, "first", first, NULL);
		return;
	}
	if (grow(c, (void **)&c->s.orders, &c->cap_orders, c->s.n_orders, sizeof *c->s.orders))
		return;
	c->s.orders[c->s.n_orders++] = (order_figure){ q, v, c->leaf_line };
}

static void leaf_area(reader_ctx *c, const char *text)
{
	diag why;

	if (field_check_area(text, &c->s.area, &why) < 0)
		reader_report(c, c->leaf_line, "<area>", &why);
}

static void leaf_opened(reader_ctx *c, const char *text)
{
	diag why;

	if (field_check_opened(text, &c->s.opened, &why) < 0)
		reader_report(c, c->leaf_line, "<opened>", &why);
}

static void leaf_text(reader_ctx *c, const char *field, const char *text, size_t max,
		      const char **out)
{
	if (strlen(text) > max) {
		char bytes[24];
		snprintf(bytes, sizeof bytes, "%zu", max);
		reader_problem(c, c->leaf_line, field, "store.too-long", "max", bytes, NULL);
		return;
	}
	*out = keep(c, text);
}

static void leaf_honour(reader_ctx *c, const char *text)
{
	if (!*text) {
		reader_problem(c, c->leaf_line, "<assessment>/<honour>", "store.honour.empty", NULL);
		return;
	}
	if (grow(c, (void **)&c->s.honours, &c->cap_honours, c->s.n_honours,
		 sizeof *c->s.honours))
		return;
	const char *h = keep(c, text);
	if (h)
		c->s.honours[c->s.n_honours++] = h;
}

void fields_end_leaf(reader_ctx *c, node_kind kind, const char *text)
{
	if (c->text_too_long) {
		static const char *fields[] = {
			[NODE_CODE] = "<code>", [NODE_OWNER] = "<owner>", [NODE_ADDRESS] = "<address>",
			[NODE_AREA] = "<area>", [NODE_OPENED] = "<opened>",
			[NODE_SURROUNDINGS] = "<surroundings>", [NODE_Q] = "<orders>/<q>",
			[NODE_HONOUR] = "<assessment>/<honour>", [NODE_GROWTH] = "<growth>",
		};
		char max[16];
		snprintf(max, sizeof max, "%d", READER_MAX_TEXT);
		reader_problem(c, c->leaf_line, fields[kind], "store.text-too-long", "max", max,
			       NULL);
		return;
	}
	switch (kind) {
	case NODE_CODE: leaf_code(c, text); break;
	case NODE_OWNER: leaf_text(c, "<owner>", text, MAX_NAME, &c->s.owner); break;
	case NODE_ADDRESS: leaf_text(c, "<address>", text, 2 * MAX_NAME, &c->s.address); break;
	case NODE_SURROUNDINGS:
		leaf_text(c, "<surroundings>", text, READER_MAX_TEXT, &c->s.surroundings);
		break;
	case NODE_AREA: leaf_area(c, text); break;
	case NODE_OPENED: leaf_opened(c, text); break;
	case NODE_Q: leaf_q(c, text); break;
	case NODE_HONOUR: leaf_honour(c, text); break;
	default: break;
	}
}

/* The field name of a <neighbour> or <factor>, built only when there is a problem to
 * report (as q_field). */
static const char *named_field(const char *format, const char *name, char *buf, size_t size)
{
	snprintf(buf, size, format, name);
	return buf;
}

#define NEIGHBOUR_FIELD "<neighbours>/<neighbour id=\"%s\">"
#define FACTOR_FIELD "<assessment>/<factor name=\"%s\">"

void fields_neighbour(reader_ctx *c, int line)
{
	char id[72], code[16], dist[48], field[112], key[48];
	const char *why;
	neighbour nb = { .distance = -1, .line = line };

	int has_id = reader_attr(c, "id", id, sizeof id);
	if (has_id != 1) {
		reader_problem(c, line, "<neighbours>/<neighbour>", "store.neighbour.id", NULL);
		return;
	}
	if (reader_attr(c, "code", code, sizeof code) != 1) {
		reader_problem(c, line, named_field(NEIGHBOUR_FIELD, id, field, sizeof field),
			       "store.neighbour.code.missing", NULL);
		return;
	}
	if (code_parse(code, &nb.code, &why) < 0) {
		snprintf(key, sizeof key, "store.neighbour.code.%s", why);
		reader_problem(c, line, named_field(NEIGHBOUR_FIELD, id, field, sizeof field),
			       key, "code", code, NULL);
		return;
	}
	if (reader_attr(c, "distance", dist, sizeof dist) != 0 &&
	    (number_parse(dist, &nb.distance) < 0 || nb.distance < 0)) {
		reader_problem(c, line, named_field(NEIGHBOUR_FIELD, id, field, sizeof field),
			       "store.neighbour.distance", "value", dist, NULL);
		return;
	}
	nb.id = keep(c, id);
	if (!nb.id || grow(c, (void **)&c->s.neighbours, &c->cap_neighbours, c->s.n_neighbours,
			   sizeof *c->s.neighbours))
		return;
	c->s.neighbours[c->s.n_neighbours++] = nb;
}

static uint64_t name_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

/* The slot of factor `name` in the store being read: where it is, or the free slot
 * where it would go.  The table is never full (factors_reserve keeps it half empty). */
static size_t factor_slot(const reader_ctx *c, const char *name)
{
	size_t mask = c->factor_slots_cap - 1, j = name_hash(name) & mask;

	while (c->factor_slots[j].stamp == c->factor_stamp &&
	       strcmp(c->s.factors[c->factor_slots[j].index].name, name) != 0)
		j = (j + 1) & mask;
	return j;
}

/* Room in the name table for one more factor of the store. */
static int factors_reserve(reader_ctx *c)
{
	if ((c->s.n_factors + 1) * 2 <= c->factor_slots_cap)
		return 0;
	size_t cap = c->factor_slots_cap ? c->factor_slots_cap * 2 : 64;
	struct factor_slot *t = calloc(cap, sizeof *t);
	if (!t) {
		reader_fatal(c, EXIT_SOFTWARE, 0, "file.memory", NULL);
		return -1;
	}
	free(c->factor_slots);
	c->factor_slots = t;
	c->factor_slots_cap = cap;
	for (size_t i = 0; i < c->s.n_factors; i++)
		c->factor_slots[factor_slot(c, c->s.factors[i].name)] =
			(struct factor_slot){ c->factor_stamp, (uint32_t)i };
	return 0;
}

void fields_factor(reader_ctx *c, int line)
{
	char name[48], value[64], field[96], num[3][32];
	factor f = { .line = line };

	if (reader_attr(c, "name", name, sizeof name) != 1) {
		reader_problem(c, line, "<assessment>/<factor>", "store.factor.name", NULL);
		return;
	}
	if (reader_attr(c, "value", value, sizeof value) != 1) {
		reader_problem(c, line, named_field(FACTOR_FIELD, name, field, sizeof field),
			       "store.factor.value", NULL);
		return;
	}
	if (factors_reserve(c) < 0)
		return;
	size_t slot = factor_slot(c, name);
	if (c->factor_slots[slot].stamp == c->factor_stamp) {
		snprintf(num[0], sizeof num[0], "%d", c->s.factors[c->factor_slots[slot].index].line);
		reader_problem(c, line, named_field(FACTOR_FIELD, name, field, sizeof field),
			       "store.factor.twice", "first", num[0], NULL);
		return;
	}
	if (strcmp(value, "yes") == 0 || strcmp(value, "no") == 0) {
		f.is_number = 2;
		f.value = value[0] == 'y';
	} else if (number_parse(value, &f.value) == 0) {
		f.is_number = 1;
	}
	const factor_kind *k = factor_kind_find(name);
	if (k && k->type == FACTOR_YESNO && f.is_number != 2) {
		reader_problem(c, line, named_field(FACTOR_FIELD, name, field, sizeof field),
			       "store.factor.yes-no", "value", value, NULL);
		return;
	}
	if (k && k->type != FACTOR_YESNO &&
	    (f.is_number != 1 || f.value < k->min || f.value > k->max ||
	     (k->type == FACTOR_SCORE && f.value != floor(f.value)))) {
		snprintf(num[0], sizeof num[0], "%g", k->min);
		snprintf(num[1], sizeof num[1], "%g", k->max);
		reader_problem(c, line, named_field(FACTOR_FIELD, name, field, sizeof field),
			       k->type == FACTOR_SCORE ? "store.factor.score" :
			       "store.factor.number", "value", value, "min", num[0], "max", num[1],
			       NULL);
		return;
	}
	if (!k && f.is_number == 0) {
		reader_problem(c, line, named_field(FACTOR_FIELD, name, field, sizeof field),
			       "store.factor.neither", "value", value, NULL);
		return;
	}
	f.name = keep(c, name);
	f.text = keep(c, value);
	if (!f.name || !f.text ||
	    grow(c, (void **)&c->s.factors, &c->cap_factors, c->s.n_factors, sizeof *c->s.factors))
		return;
	c->factor_slots[slot] = (struct factor_slot){ c->factor_stamp, (uint32_t)c->s.n_factors };
	c->s.factors[c->s.n_factors++] = f;
}

void fields_end_store(reader_ctx *c)
{
	const factor *lo = store_factor(&c->s, "price-low");
	const factor *hi = store_factor(&c->s, "price-high");

	if (!c->s.has_code && c->store_valid) {
		/* the schema says the same ("Expected is ( code )") somewhere in this store */
		c->problem_end_line = INT_MAX;
		c->problem_needle = "( code )";
		reader_problem(c, c->s.line, "<code>", "store.code.missing", NULL);
		c->problem_end_line = 0;
		c->problem_needle = NULL;
	}
	if (lo && hi && lo->value > hi->value) {
		char high[32], low[32];
		snprintf(high, sizeof high, "%g", hi->value);
		snprintf(low, sizeof low, "%g", lo->value);
		reader_problem(c, hi->line, "<assessment>/<factor name=\"price-high\">",
			       "store.factor.price", "high", high, "low", low, NULL);
	}
}
