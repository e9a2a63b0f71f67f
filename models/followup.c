/*
 * followup.c: last quarter's upgrade candidates and their outcome (followup.h).  One
 * cheap pass over the entries tests each store against the previous quarter's
 * thresholds of its group; only the candidates found are derived in full.
 */
#include <math.h>
#include <stdlib.h>

#include "followup.h"

int followup_was_candidate(const batch_result *b, const region *r, size_t i, candidate *c)
{
	const region_entry *e = &r->stores[i];
	const batch_group *g = e->invalid ? NULL : batch_group_of(b, &e->code);

	if (!g || !g->prev.enough_peers)
		return 0;
	double x = region_orders(r, e, b->prev_quarter);
	if (isnan(x))
		return 0;
	scale_class k = classify_class(&g->prev, x);
	if (k == CLASS_NONE || k == CLASS_LARGE)
		return 0;
	double target = batch_class_threshold(&g->prev, (scale_class)(k - 1));
	if (!candidates_check_figure(x, target, b->cfg.gap_pct))
		return 0;
	c->entry = (uint32_t)i;
	c->target = (scale_class)(k - 1);
	c->growth_pct = 100.0 * (target - x) / x;
	return 1;
}

int followup_collect(const batch_result *b, const region *r, followup_list *out)
{
	size_t cap = 0;
	candidate c;

	out->items = NULL;
	out->n = 0;
	for (size_t i = 0; i < r->n_stores; i++) {
		if (!followup_was_candidate(b, r, i, &c))
			continue;
		if (out->n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			candidate *p = realloc(out->items, ncap * sizeof *p);
			if (!p) {
				followup_list_free(out);
				return -1;
			}
			out->items = p;
			cap = ncap;
		}
		out->items[out->n++] = c;
	}
	candidates_rank(out->items, out->n);
	return 0;
}

void followup_list_free(followup_list *l)
{
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

void followup_get(const batch_result *b, const region *r, const candidate *c,
		  followup_row *out)
{
	batch_row *now = &out->now;
	const batch_group *g;

	batch_row_get(b, r, c->entry, now);
	g = &b->groups[now->group];
	out->orders_then = now->prev_orders;
	out->class_then = now->prev_class;
	out->target_orders_then = batch_class_threshold(&g->prev, c->target);
	out->target_code_then = code_with_class(now->e->code, c->target);
	out->orders_now = now->ev.orders;
	out->class_now = now->status == STATUS_OK ? now->ev.computed_class : CLASS_NONE;
	out->met = isnan(out->orders_now) ? -1 : out->orders_now >= out->target_orders_then;
	out->moved_up = out->class_now != CLASS_NONE && out->class_now < out->class_then;
}

void followup_count(candidates_funnel *f, const followup_row *row)
{
	f->flagged++;
	if (row->class_now == CLASS_NONE)
		return;
	f->classified++;
	f->grew += row->orders_now > row->orders_then;
	f->moved_up += row->moved_up != 0;
}
