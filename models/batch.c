/*
 * batch.c: the reclassification of a whole region (batch.h).  Pass 1 collects each
 * group's figures for the quarter and the previous one into growable arrays (no
 * per-store allocation), each group is classified with classify_group, and pass 2
 * derives every row once to count classes, changes, transitions, the funnel, and to
 * list candidates, downgrades and invalid stores.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"

const char *batch_change_name(batch_change c)
{
	switch (c) {
	case BATCH_UP: return "up";
	case BATCH_DOWN: return "down";
	default: return "same";
	}
}

/* Slot of a code's group, or -1 when the code has no valid letter and market digit. */
static int slot_of(const category_code *c)
{
	if (c->format < 'A' || c->format > 'Z' || c->market < '1' || c->market > '2')
		return -1;
	return (c->format - 'A') * 2 + (c->market - '1');
}

const batch_group *batch_group_of(const batch_result *b, const category_code *c)
{
	int s = slot_of(c);

	if (s < 0 || b->slot[s] < 0)
		return NULL;
	return &b->groups[b->slot[s]];
}

/* ---- growable arrays -------------------------------------------------------------- */

typedef struct figures {
	double *v;
	size_t n, cap;
} figures;

static int figures_push(figures *f, double x)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 256;
		double *p = realloc(f->v, cap * sizeof *p);
		if (!p)
			return -1;
		f->v = p;
		f->cap = cap;
	}
	f->v[f->n++] = x;
	return 0;
}

/* Makes room for one more element of size elem in *arr (capacity *cap, n used). */
static int reserve(void **arr, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return 0;
	size_t ncap = *cap ? *cap * 2 : 64;
	void *p = realloc(*arr, ncap * elem);
	if (!p)
		return -1;
	*arr = p;
	*cap = ncap;
	return 0;
}

/* ---- rows ---------------------------------------------------------------------------- */

/* What is known of an invalid store: its figure, group and code, nothing computed. */
static void invalid_evaluation(evaluation *ev, const region_entry *e, quarter_t q)
{
	memset(ev, 0, sizeof *ev);
	ev->quarter = q;
	ev->orders = region_orders(e, q);
	if (e->code.format)
		code_peer_group(&e->code, ev->peer_group);
	ev->threshold_large = ev->threshold_medium = ev->percentile = NAN;
	ev->current_code = ev->computed_code = ev->target_code = e->code;
	ev->computed_class = code_class(&e->code);
	ev->target_class = CLASS_NONE;
	ev->target_orders = ev->gap = ev->growth_required_pct = ev->margin = NAN;
	ev->deadline = QUARTER_NONE;
	ev->status = STATUS_INVALID;
}

/* The threshold a store of class k had to reach to be in k. */
static double class_threshold(const peer_stats *ps, scale_class k)
{
	return k == CLASS_LARGE ? ps->threshold_large :
	       k == CLASS_MEDIUM ? ps->threshold_medium : NAN;
}

void batch_row_get(const batch_result *b, const region *r, size_t i, batch_row *row)
{
	const region_entry *e = &r->stores[i];
	const batch_group *g = e->error ? NULL : batch_group_of(b, &e->code);

	row->e = e;
	row->old_class = code_class(&e->code);
	row->change = BATCH_SAME;
	row->prev_orders = region_orders(e, b->prev_quarter);
	row->prev_class = CLASS_NONE;
	row->candidate = row->was_candidate = 0;
	if (!g) {
		row->group = -1;
		row->status = STATUS_INVALID;
		invalid_evaluation(&row->ev, e, b->quarter);
		return;
	}
	row->group = (int)(g - b->groups);
	evaluation_compute(&row->ev, &e->code, b->quarter, region_orders(e, b->quarter), &g->cur,
			   b->cfg.by);
	row->status = row->ev.status;
	if (row->status == STATUS_OK) {
		scale_class now = row->ev.computed_class;
		if (now < row->old_class)
			row->change = BATCH_UP;
		else if (now > row->old_class)
			row->change = BATCH_DOWN;
		row->candidate = candidates_check(&row->ev, b->cfg.gap_pct);
	}
	if (g->prev.enough_peers && !isnan(row->prev_orders)) {
		row->prev_class = classify_class(&g->prev, row->prev_orders);
		if (row->prev_class != CLASS_LARGE)
			row->was_candidate = candidates_check_figure(
				row->prev_orders, class_threshold(&g->prev, row->prev_class - 1),
				b->cfg.gap_pct);
	}
}

/* ---- the region's totals ------------------------------------------------------------- */

static int by_downgrade(const void *a, const void *b)
{
	const batch_downgrade *x = a, *y = b;

	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	if (x->orders != y->orders)
		return x->orders > y->orders ? -1 : 1;
	return (x->entry > y->entry) - (x->entry < y->entry);
}

/* Pass 1: every group's figures for both quarters, then its statistics. */
static int classify_groups(const region *r, batch_result *b)
{
	figures cur[BATCH_SLOTS], prev[BATCH_SLOTS];
	size_t members[BATCH_SLOTS] = { 0 };
	int used[BATCH_SLOTS] = { 0 }, failed = 0;
	size_t cap_invalid = 0;

	memset(cur, 0, sizeof cur);
	memset(prev, 0, sizeof prev);
	for (size_t i = 0; i < r->n_stores && !failed; i++) {
		const region_entry *e = &r->stores[i];
		int s = slot_of(&e->code);
		if (e->error || s < 0) {
			failed = reserve((void **)&b->invalid, &cap_invalid, b->n_invalid,
					 sizeof *b->invalid);
			if (!failed)
				b->invalid[b->n_invalid++] = (uint32_t)i;
			continue;
		}
		used[s] = 1;
		members[s]++;
		double x = region_orders(e, b->quarter), xp = region_orders(e, b->prev_quarter);
		if (!isnan(x))
			failed |= figures_push(&cur[s], x);
		if (!isnan(xp))
			failed |= figures_push(&prev[s], xp);
	}
	for (int s = 0; s < BATCH_SLOTS; s++)
		b->n_groups += (size_t)used[s];
	b->groups = failed ? NULL : calloc(b->n_groups ? b->n_groups : 1, sizeof *b->groups);
	if (!b->groups) {
		failed = 1;
		b->n_groups = 0;
	}

	size_t k = 0;
	for (int s = 0; s < BATCH_SLOTS; s++) {
		b->slot[s] = -1;
		if (!used[s] || failed) {
			free(cur[s].v);
			free(prev[s].v);
			continue;
		}
		batch_group *g = &b->groups[k];
		b->slot[s] = (int)k++;
		g->key[0] = (char)('A' + s / 2);
		g->key[1] = (char)('1' + s % 2);
		g->members = members[s];
		/* each array is freed as soon as its group is sorted: the peak stays low */
		failed |= classify_group(cur[s].v, cur[s].n, &b->cfg.classify, &g->cur) < 0;
		free(cur[s].v);
		failed |= classify_group(prev[s].v, prev[s].n, &b->cfg.classify, &g->prev) < 0;
		free(prev[s].v);
	}
	return failed ? -1 : 0;
}

/* Pass 2: every row once. */
static int gather(const region *r, batch_result *b)
{
	size_t cap_cand = 0, cap_down = 0;
	batch_row row;

	for (size_t i = 0; i < r->n_stores; i++) {
		batch_row_get(b, r, i, &row);
		b->n_status[row.status]++;
		if (row.group < 0)
			continue;
		batch_group *g = &b->groups[row.group];
		scale_class now = row.status == STATUS_OK ? row.ev.computed_class : CLASS_NONE;

		if (row.status == STATUS_OK)
			g->classes[now]++;
		else if (row.status == STATUS_NO_ORDERS)
			g->no_orders++;
		else if (row.status == STATUS_INSUFFICIENT_PEERS)
			g->insufficient++;
		g->up += row.change == BATCH_UP;
		g->down += row.change == BATCH_DOWN;
		g->same += row.change == BATCH_SAME;
		g->prev_classes[row.prev_class]++;
		if (now != CLASS_NONE && row.prev_class != CLASS_NONE)
			transitions_add(&g->moves, row.prev_class, now);
		candidates_funnel_add(&g->funnel, row.was_candidate, row.prev_class, now,
				      row.prev_orders, row.ev.orders);

		if (row.candidate) {
			double hist[REGION_HISTORY];
			for (int h = 0; h < REGION_HISTORY; h++)
				hist[h] = region_orders(row.e, quarter_add(b->quarter, -h));
			if (reserve((void **)&b->candidates, &cap_cand, b->n_candidates,
				    sizeof *b->candidates) < 0)
				return -1;
			candidates_make(&b->candidates[b->n_candidates++], (uint32_t)i, &row.ev, hist,
					REGION_HISTORY);
			g->n_candidates++;
		}
		if (row.change == BATCH_DOWN) {
			if (reserve((void **)&b->downgrades, &cap_down, b->n_downgrades,
				    sizeof *b->downgrades) < 0)
				return -1;
			batch_downgrade *d = &b->downgrades[b->n_downgrades++];
			d->entry = (uint32_t)i;
			d->from = row.old_class;
			d->to = now;
			d->orders = row.ev.orders;
			d->prev_orders = row.prev_orders;
			d->regain_orders = class_threshold(&g->cur, row.old_class);
			d->regain_pct = d->orders > 0 ? 100.0 * (d->regain_orders - d->orders) / d->orders
						      : NAN;
			g->n_downgrades++;
		}
	}
	for (size_t k = 0; k < b->n_groups; k++) {
		const batch_group *g = &b->groups[k];
		b->up += g->up;
		b->down += g->down;
		b->same += g->same;
		transitions_merge(&b->moves, &g->moves);
		candidates_funnel_merge(&b->funnel, &g->funnel);
	}
	candidates_rank(b->candidates, b->n_candidates);
	if (b->n_downgrades > 1)
		qsort(b->downgrades, b->n_downgrades, sizeof *b->downgrades, by_downgrade);
	return 0;
}

int batch_run(const region *r, quarter_t q, const batch_config *cfg, batch_result *out)
{
	memset(out, 0, sizeof *out);
	out->quarter = q;
	out->prev_quarter = quarter_add(q, -1);
	out->cfg = *cfg;
	out->n_stores = r->n_stores;
	if (classify_groups(r, out) < 0 || gather(r, out) < 0) {
		batch_result_free(out);
		return -1;
	}
	return 0;
}

void batch_result_free(batch_result *b)
{
	for (size_t k = 0; k < b->n_groups; k++) {
		peer_stats_free(&b->groups[k].cur);
		peer_stats_free(&b->groups[k].prev);
	}
	free(b->groups);
	free(b->candidates);
	free(b->downgrades);
	free(b->invalid);
	memset(b, 0, sizeof *b);
	for (int s = 0; s < BATCH_SLOTS; s++)
		b->slot[s] = -1;
}
