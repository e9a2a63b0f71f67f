/*
 * swot.c: the facts a SWOT rule can test, and the rule engine (see swot.h).  Each fact
 * is one row of the facts[] table below: its name in the rules, the function that
 * computes it with its evidence, and the placeholders its wording may use.
 *
 * Facts: every assessment factor by its name (display, order-success, sole-supplier,
 * ...), and these derived ones:
 *   honours            number of honours              {list} (list of kind "honour")
 *   price-range        price-high - price-low (yuan)  {low} {high}
 *   order-growth       % change over the history (needs a figure for the quarter) {first} {last} {from} {to} {quarters}
 *   percentile         rank in the peer group         {peers}
 *   orders-vs-median   orders as % of the group median          {orders} {median}
 *   area-vs-median     area as % of the group's median area     {area} {median}
 *   neighbours-near    licensed outlets within near-distance    {radius} {large}
 *   large-neighbours   large ones among them          {total} {radius} {nearest} {codes}
 *   weaker-neighbours  medium and small ones          {total} {radius} {codes}
 *                      ({codes}: list of kind "neighbour", items "S121 50 m")
 *   surroundings       number of surroundings keywords   {places} (list of kind "place")
 *   growth:NAME        the region's <growth name="NAME"> pct    {text} {place}
 *                      (a fact with a place only for stores whose address contains it;
 *                      {place} is that place, else the region's name)
 * Every fact also has {value} and {threshold}; factors add {max} (their scale top), and
 * a yes/no factor's {value} is a list of kind "answer" ("yes" or "no" as written).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "factors.h"
#include "numbers.h"
#include "swot.h"
#include "utf8.h"

#define HISTORY_MAX 8   /* quarters looked at for order-growth */

typedef struct fact_out {
	swot_arg *args;
	size_t n;
} fact_out;

/* What a fact's function is given: the settings, the data, and the name of the factor
 * or growth fact the rule named (NULL for the derived facts). */
typedef struct fact_call {
	const swot_config *cfg;
	const swot_input *in;
	const char *name;
} fact_call;

typedef int fact_fn(const fact_call *c, double *v, fact_out *o);

static swot_arg *arg_new(fact_out *o, const char *name)
{
	if (o->n >= SWOT_MAX_ARGS)
		return NULL;
	swot_arg *a = &o->args[o->n++];
	a->name = name;
	a->text[0] = '\0';
	a->list = NULL;
	return a;
}

static void arg_num(fact_out *o, const char *name, double x, int decimals)
{
	swot_arg *a = arg_new(o, name);
	if (a)
		number_format(x, decimals, a->text, sizeof a->text);
}

static void arg_text(fact_out *o, const char *name, const char *text)
{
	swot_arg *a = arg_new(o, name);
	if (a)
		utf8_truncate(a->text, sizeof a->text, text ? text : "");
}

/* Appends item to a list argument; a list that does not fit is cut on a character
 * boundary and ends in "…", and takes no more items. */
static void arg_append(swot_arg *a, const char *sep, const char *item)
{
	size_t len = strlen(a->text), el = strlen(UTF8_ELLIPSIS);
	size_t sl = len ? strlen(sep) : 0;

	if (len >= el && strcmp(a->text + len - el, UTF8_ELLIPSIS) == 0)
		return;   /* already cut */
	if (len + sl + el < sizeof a->text) {
		memcpy(a->text + len, sep, sl);
		utf8_truncate(a->text + len + sl, sizeof a->text - len - sl, item);
	} else {
		len = utf8_boundary(a->text, sizeof a->text - 1 - el);
		memcpy(a->text + len, UTF8_ELLIPSIS, el + 1);
	}
}

static int fact_factor(const fact_call *c, double *v, fact_out *o)
{
	const factor *f = store_factor(c->in->store, c->name);
	if (!f || f->is_number == 0)
		return 0;
	*v = f->value;
	arg_text(o, "value", f->text);
	if (f->is_number == 2 && o->n > 0)
		o->args[o->n - 1].list = "answer";   /* yes / no, for the renderer to word */
	const factor_kind *k = factor_kind_find(c->name);
	arg_num(o, "max", k ? k->max : 5, 0);
	return 1;
}

static int fact_honours(const fact_call *c, double *v, fact_out *o)
{
	const store *s = c->in->store;
	if (s->n_honours == 0 && s->n_factors == 0)
		return 0;   /* no assessment at all: nothing is known about honours */
	*v = (double)s->n_honours;
	arg_num(o, "value", *v, 0);
	swot_arg *list = arg_new(o, "list");
	if (list)
		list->list = "honour";
	for (size_t i = 0; list && i < s->n_honours; i++)
		arg_append(list, "\n", s->honours[i]);
	return 1;
}

static int fact_price_range(const fact_call *c, double *v, fact_out *o)
{
	const factor *lo = store_factor(c->in->store, "price-low");
	const factor *hi = store_factor(c->in->store, "price-high");
	if (!lo || !hi || lo->is_number != 1 || hi->is_number != 1)
		return 0;
	*v = hi->value - lo->value;
	arg_num(o, "value", *v, 2);
	arg_text(o, "low", lo->text);
	arg_text(o, "high", hi->text);
	return 1;
}

static int fact_order_growth(const fact_call *c, double *v, fact_out *o)
{
	const swot_input *in = c->in;
	order_figure h[HISTORY_MAX];
	size_t n = store_order_history(in->store, in->ev->quarter, HISTORY_MAX, h);

	if (n < 2)
		return 0;
	/* growth "up to now" needs a figure now: without one this quarter the store's
	 * history says nothing about where it stands */
	if (h[0].orders <= 0 || h[n - 1].quarter != in->ev->quarter)
		return 0;
	*v = 100.0 * (h[n - 1].orders - h[0].orders) / h[0].orders;
	swot_arg *a = arg_new(o, "value");
	if (a) {
		number_format(*v, 1, a->text, sizeof a->text);
		if (*v >= 0) {
			memmove(a->text + 1, a->text, strlen(a->text) + 1);
			a->text[0] = '+';
		}
	}
	arg_num(o, "first", h[0].orders, 2);
	arg_num(o, "last", h[n - 1].orders, 2);
	char q[12];
	quarter_format(h[0].quarter, q);
	arg_text(o, "from", q);
	quarter_format(h[n - 1].quarter, q);
	arg_text(o, "to", q);
	arg_num(o, "quarters", (double)n, 0);
	return 1;
}

static int fact_percentile(const fact_call *c, double *v, fact_out *o)
{
	const swot_input *in = c->in;

	if (!in->ps || !in->ps->enough_peers || isnan(in->ev->percentile))
		return 0;
	*v = in->ev->percentile;
	arg_num(o, "value", *v, 1);
	arg_num(o, "peers", (double)in->ps->n, 0);
	return 1;
}

static int fact_orders_vs_median(const fact_call *c, double *v, fact_out *o)
{
	const swot_input *in = c->in;

	if (!in->ps || !in->ps->enough_peers || isnan(in->ev->orders) || !(in->ps->median > 0))
		return 0;
	*v = 100.0 * in->ev->orders / in->ps->median;
	arg_num(o, "value", *v, 0);
	arg_num(o, "orders", in->ev->orders, 2);
	arg_num(o, "median", in->ps->median, 1);
	return 1;
}

static int fact_area_vs_median(const fact_call *c, double *v, fact_out *o)
{
	const swot_input *in = c->in;

	if (!(in->store->area > 0) || !(in->peer_area_median > 0))
		return 0;
	*v = 100.0 * in->store->area / in->peer_area_median;
	arg_num(o, "value", *v, 0);
	arg_num(o, "area", in->store->area, 1);
	arg_num(o, "median", in->peer_area_median, 1);
	return 1;
}

/* Which of the near neighbours a neighbour fact counts. */
typedef enum neighbour_set { NEIGHBOURS_ALL, NEIGHBOURS_LARGE, NEIGHBOURS_WEAKER } neighbour_set;

static int count_neighbours(const fact_call *c, neighbour_set set, double *v, fact_out *o)
{
	const store *s = c->in->store;
	size_t total = 0, large = 0, count = 0;
	double radius = 0, nearest = INFINITY;
	swot_arg codes = { .name = "codes" };

	if (s->n_neighbours == 0)
		return 0;
	for (size_t i = 0; i < s->n_neighbours; i++) {
		const neighbour *nb = &s->neighbours[i];
		if (nb->distance < 0 || nb->distance > c->cfg->near_distance)
			continue;
		int is_large = code_class(&nb->code) == CLASS_LARGE;
		total++;
		large += is_large;
		if (nb->distance > radius)
			radius = nb->distance;
		if (set == NEIGHBOURS_ALL || (set == NEIGHBOURS_LARGE) == is_large) {
			char code[5], item[48];
			count++;
			if (nb->distance < nearest)
				nearest = nb->distance;
			code_format(&nb->code, code);
			snprintf(item, sizeof item, "%s %.0f m", code, nb->distance);
			arg_append(&codes, "\n", item);
		}
	}
	*v = (double)count;
	arg_num(o, "value", *v, 0);
	arg_num(o, "radius", radius, 0);
	if (set == NEIGHBOURS_ALL) {
		arg_num(o, "large", (double)large, 0);
		return 1;
	}
	arg_num(o, "total", (double)total, 0);
	if (set == NEIGHBOURS_LARGE)
		arg_num(o, "nearest", isinf(nearest) ? 0 : nearest, 0);
	swot_arg *a = arg_new(o, "codes");
	if (a) {
		memcpy(a->text, codes.text, sizeof a->text);
		a->list = "neighbour";
	}
	return 1;
}

static int fact_neighbours_near(const fact_call *c, double *v, fact_out *o)
{
	return count_neighbours(c, NEIGHBOURS_ALL, v, o);
}

static int fact_large_neighbours(const fact_call *c, double *v, fact_out *o)
{
	return count_neighbours(c, NEIGHBOURS_LARGE, v, o);
}

static int fact_weaker_neighbours(const fact_call *c, double *v, fact_out *o)
{
	return count_neighbours(c, NEIGHBOURS_WEAKER, v, o);
}

static int fact_surroundings(const fact_call *c, double *v, fact_out *o)
{
	const char *p = c->in->store->surroundings;
	size_t count = 0;

	if (!p)
		return 0;
	swot_arg *a = arg_new(o, "places");
	if (!a)
		return 0;
	a->list = "place";
	while (*p) {
		p += strspn(p, " \t\r\n");
		size_t len = strcspn(p, " \t\r\n");
		if (len == 0)
			break;
		char tok[SWOT_ARG_SIZE];
		utf8_truncate_n(tok, sizeof tok, p, len);
		arg_append(a, "\n", tok);
		count++;
		p += len;
	}
	if (count == 0)
		return 0;
	*v = (double)count;
	arg_num(o, "value", *v, 0);
	return 1;
}

static int fact_growth(const fact_call *c, double *v, fact_out *o)
{
	const swot_input *in = c->in;

	for (size_t i = 0; i < in->n_growth; i++) {
		const growth_fact *g = &in->growth[i];
		if (strcmp(g->name, c->name) != 0)
			continue;
		/* a town's figure says nothing about a store in another town */
		if (g->place && (!in->store->address || !strstr(in->store->address, g->place)))
			continue;
		*v = g->pct;
		arg_num(o, "value", *v, 1);
		arg_text(o, "text", g->text);
		arg_text(o, "place", g->place ? g->place : in->region_name ? in->region_name : "");
		return 1;
	}
	return 0;
}

/* Every fact a rule can name.  A new fact is one row here and one name in swot.h's
 * swot_fact_id; the rules loader checks each rule's wording against its placeholders. */
static const struct fact_def {
	const char *name;
	fact_fn *compute;
	const char *const placeholders[8];
} facts[SWOT_FACTS] = {
	[SWOT_FACT_FACTOR] = { "", fact_factor, { "value", "threshold", "max" } },
	[SWOT_FACT_GROWTH] = { "growth:", fact_growth, { "value", "threshold", "text", "place" } },
	[SWOT_FACT_HONOURS] = { "honours", fact_honours, { "value", "threshold", "list" } },
	[SWOT_FACT_PRICE_RANGE] = { "price-range", fact_price_range,
				    { "value", "threshold", "low", "high" } },
	[SWOT_FACT_ORDER_GROWTH] = { "order-growth", fact_order_growth,
				     { "value", "threshold", "first", "last", "from", "to",
				       "quarters" } },
	[SWOT_FACT_PERCENTILE] = { "percentile", fact_percentile, { "value", "threshold", "peers" } },
	[SWOT_FACT_ORDERS_VS_MEDIAN] = { "orders-vs-median", fact_orders_vs_median,
					 { "value", "threshold", "orders", "median" } },
	[SWOT_FACT_AREA_VS_MEDIAN] = { "area-vs-median", fact_area_vs_median,
				       { "value", "threshold", "area", "median" } },
	[SWOT_FACT_NEIGHBOURS_NEAR] = { "neighbours-near", fact_neighbours_near,
					{ "value", "threshold", "radius", "large" } },
	[SWOT_FACT_LARGE_NEIGHBOURS] = { "large-neighbours", fact_large_neighbours,
					 { "value", "threshold", "radius", "total", "nearest", "codes" } },
	[SWOT_FACT_WEAKER_NEIGHBOURS] = { "weaker-neighbours", fact_weaker_neighbours,
					  { "value", "threshold", "radius", "total", "codes" } },
	[SWOT_FACT_SURROUNDINGS] = { "surroundings", fact_surroundings,
				     { "value", "threshold", "places" } },
};

/* A factor or growth fact name as the schema writes them: [A-Za-z][A-Za-z0-9_.-]*. */
static int is_fact_name(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
		return 0;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") ==
	       strlen(s);
}

int swot_fact_resolve(const char *fact, swot_fact_ref *out)
{
	const char *prefix = facts[SWOT_FACT_GROWTH].name;
	size_t plen = strlen(prefix);

	memset(out, 0, sizeof *out);
	for (int id = SWOT_FACT_GROWTH + 1; id < SWOT_FACTS; id++) {
		if (strcmp(facts[id].name, fact) == 0) {
			out->id = (swot_fact_id)id;
			return 0;
		}
	}
	if (strncmp(fact, prefix, plen) == 0) {
		out->id = SWOT_FACT_GROWTH;
		out->name = fact + plen;
		return is_fact_name(out->name) ? 0 : -1;
	}
	out->id = SWOT_FACT_FACTOR;
	out->name = fact;
	out->own_factor = factor_kind_find(fact) == NULL;
	return is_fact_name(fact) ? 0 : -1;
}

const char *const *swot_fact_placeholders(swot_fact_id id)
{
	return facts[id].placeholders;
}

const char *swot_fact_name(swot_fact_id id)
{
	return facts[id].name;
}

int swot_fact(const swot_config *cfg, const swot_input *in, const char *fact, double *value,
	      swot_arg args[SWOT_MAX_ARGS], size_t *n_args)
{
	swot_fact_ref ref;
	fact_out o = { args, 0 };
	int ok = 0;

	if (swot_fact_resolve(fact, &ref) == 0) {
		fact_call c = { cfg, in, ref.name };
		ok = facts[ref.id].compute(&c, value, &o);
	}
	*n_args = ok ? o.n : 0;
	return ok;
}

int swot_compare(swot_op op, double v, double t)
{
	switch (op) {
	case SWOT_LT: return v < t;
	case SWOT_LE: return v <= t;
	case SWOT_GT: return v > t;
	case SWOT_GE: return v >= t;
	case SWOT_EQ: return v == t;
	case SWOT_NE: return v != t;
	}
	return 0;
}

int swot_derive(const swot_config *cfg, const swot_input *in, swot_result *out)
{
	memset(out, 0, sizeof *out);
	if (cfg->n_rules == 0)
		return 0;
	out->findings = calloc(cfg->n_rules, sizeof *out->findings);
	if (!out->findings)
		return -1;
	for (size_t i = 0; i < cfg->n_rules; i++) {
		const swot_rule *r = &cfg->rules[i];
		swot_finding *f = &out->findings[out->n];
		double v;

		if (!swot_fact(cfg, in, r->fact, &v, f->args, &f->n_args) || isnan(v) ||
		    !swot_compare(r->op, v, r->threshold))
			continue;
		f->rule = r;
		f->value = v;
		fact_out o = { f->args, f->n_args };
		arg_num(&o, "threshold", r->threshold, 2);
		f->n_args = o.n;
		out->count[r->quadrant]++;
		out->n++;
	}
	return 0;
}

void swot_result_free(swot_result *r)
{
	free(r->findings);
	memset(r, 0, sizeof *r);
}

double swot_peer_area_median(const region *r, const char *group, quarter_t q)
{
	double *a;
	size_t n = 0;
	char g[3];

	if (!r || r->n_stores == 0)
		return NAN;
	a = malloc(r->n_stores * sizeof *a);
	if (!a)
		return NAN;
	for (size_t i = 0; i < r->n_stores; i++) {
		const region_entry *e = &r->stores[i];
		code_peer_group(&e->code, g);
		if (e->invalid || !(e->area > 0) || strcmp(g, group) != 0 ||
		    isnan(region_orders(r, e, q)))
			continue;
		a[n++] = e->area;
	}
	double m = NAN;
	if (n > 0) {
		gsl_sort(a, 1, n);
		m = gsl_stats_median_from_sorted_data(a, 1, n);
	}
	free(a);
	return m;
}
