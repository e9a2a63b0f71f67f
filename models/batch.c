/*
 * batch.c: the reclassification of a whole region (batch.h).  Pass 1 counts each
 * group's figures for the quarter and the previous one, the figures are gathered
 * into one exact-size array per group and quarter (no per-store allocation), each
 * group is classified with classify_group, and pass 2 derives every row once to
 * count classes, changes, transitions and the funnel and to list candidates and
 * downgrades, handing the row to the writer on the way.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "overrides.h"

const char *batch_change_name(batch_change c)
{
	switch (c) {
	case BATCH_UP: return "up";
	case BATCH_DOWN: return "down";
	default: return "same";
	}
}

const char *batch_churn_name(batch_churn c)
{
	return c == BATCH_STOPPED_ORDERING ? "stopped ordering" : "fell below";
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
static void invalid_evaluation(evaluation *ev, const region *r, const region_entry *e,
			       quarter_t q)
{
	memset(ev, 0, sizeof *ev);
	ev->quarter = q;
	ev->orders = region_orders(r, e, q);
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

double batch_class_threshold(const peer_stats *ps, scale_class k)
{
	return k == CLASS_LARGE ? ps->threshold_large :
	       k == CLASS_MEDIUM ? ps->threshold_medium : NAN;
}

/* ---- percentiles ---------------------------------------------------------------------- */

/* Builds g->ranks from the sorted figures of the quarter (see batch_ranks); leaves it
 * empty when the figures are not all whole or span too wide a range. */
static int ranks_build(batch_group *g)
{
	const peer_stats *ps = &g->cur;
	batch_ranks *t = &g->ranks;

	if (ps->n == 0)
		return 0;
	double lo = ps->sorted[0], hi = ps->sorted[ps->n - 1];
	if (!(hi - lo < 4.0 * (double)ps->n + 4096) || ps->n > UINT32_MAX)
		return 0;
	for (size_t i = 0; i < ps->n; i++)
		if (ps->sorted[i] != floor(ps->sorted[i]))
			return 0;
	t->len = (size_t)(hi - lo) + 2;
	t->below = malloc(t->len * sizeof *t->below);
	if (!t->below)
		return -1;
	t->lo = lo;
	size_t i = 0;
	for (size_t j = 0; j < t->len; j++) {
		double v = lo + (double)j;
		while (i < ps->n && ps->sorted[i] < v)
			i++;
		t->below[j] = (uint32_t)i;
	}
	return 0;
}

/* classify_percentile(&g->cur, x), from the rank table when x is a whole value in it:
 * with whole figures, count(<= x) = count(< x + 1).  Same formula, same double. */
static double row_percentile(const batch_group *g, double x)
{
	const batch_ranks *t = &g->ranks;
	double k = x - t->lo;

	if (t->below && k >= 0 && k + 1 < (double)t->len && k == floor(k)) {
		size_t strict = t->below[(size_t)k], weak = t->below[(size_t)k + 1];
		return 100.0 * (double)(strict + weak) / (2.0 * (double)g->cur.n);
	}
	return classify_percentile(&g->cur, x);
}

/* evaluation_compute with the percentile from row_percentile: the row pass derives a
 * million of these, and the two binary searches were its largest cost. */
static void row_evaluate(evaluation *ev, const category_code *current, quarter_t q, double x,
			 const batch_group *g, quarter_t by)
{
	double pct = g->cur.n == 0 || isnan(x) ? NAN : row_percentile(g, x);

	evaluation_compute_ranked(ev, current, q, x, &g->cur, pct, by);
}

void batch_row_get(const batch_result *b, const region *r, size_t i, batch_row *row)
{
	const region_entry *e = &r->stores[i];
	const batch_group *g = e->invalid ? NULL : batch_group_of(b, &e->code);

	row->index = i;
	row->e = e;
	row->old_class = code_class(&e->code);
	row->change = BATCH_SAME;
	row->prev_orders = region_orders(r, e, b->prev_quarter);
	row->prev_class = CLASS_NONE;
	row->candidate = row->was_candidate = row->stopped = 0;
	row->override = NULL;
	if (!g) {
		row->group = -1;
		row->status = STATUS_INVALID;
		invalid_evaluation(&row->ev, r, e, b->quarter);
		batch_ext_row_get(b, r, row);
		return;
	}
	row->group = (int)(g - b->groups);
	row_evaluate(&row->ev, &e->code, b->quarter, region_orders(r, e, b->quarter), g,
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
	row->stopped = row->status == STATUS_NO_ORDERS && !isnan(row->prev_orders) &&
		       (row->old_class == CLASS_LARGE || row->old_class == CLASS_MEDIUM);
	if (g->prev.enough_peers && !isnan(row->prev_orders)) {
		row->prev_class = classify_class(&g->prev, row->prev_orders);
		if (row->prev_class != CLASS_LARGE)
			row->was_candidate = candidates_check_figure(
				row->prev_orders, batch_class_threshold(&g->prev, row->prev_class - 1),
				b->cfg.gap_pct);
	}
	batch_ext_row_get(b, r, row);
	if (b->overrides)
		overrides_apply(b->overrides, region_str(r, e->id), row);
}

void batch_candidate_get(const batch_result *b, const region *r, const candidate *c,
			 batch_candidate_detail *out)
{
	double hist[REGION_HISTORY];

	batch_row_get(b, r, c->entry, &out->row);
	for (int h = 0; h < REGION_HISTORY; h++)
		hist[h] = region_orders(r, out->row.e, quarter_add(b->quarter, -h));
	candidates_trend_fit(hist, REGION_HISTORY, &out->trend);
	out->quarters_at_trend = candidates_quarters_at_trend(out->row.ev.gap, &out->trend);
}

void batch_downgrade_get(const batch_result *b, const region *r, const batch_downgrade *d,
			 batch_downgrade_detail *out)
{
	batch_row *row = &out->row;

	batch_row_get(b, r, d->entry, row);
	double x = row->ev.orders, xp = row->prev_orders;
	const peer_stats *cur = row->group >= 0 ? &b->groups[row->group].cur : NULL;
	out->change_pct = xp > 0 ? 100.0 * (x - xp) / xp : NAN;
	out->regain_orders = cur && cur->enough_peers ?
		batch_class_threshold(cur, (scale_class)d->from) : NAN;
	out->regain_gap = out->regain_orders - x;
	out->regain_pct = x > 0 ? 100.0 * out->regain_gap / x : NAN;
}

/* ---- the digest ------------------------------------------------------------------------ */

/* Copies entry i of r into out; its new index in *to. */
static int digest_entry(region *out, const region *r, uint32_t i, uint32_t *to)
{
	region_entry e = r->stores[i];

	if (region_add_string(out, region_str(r, e.id), &e.id) < 0 ||
	    region_add_string(out, region_str(r, e.name), &e.name) < 0)
		return -1;
	uint32_t error = region_entry_error(r, &r->stores[i]);
	if (error && region_add_string(out, region_str(r, error), &error) < 0)
		return -1;
	for (int k = 0; k < REGION_HISTORY; k++)    /* figures: coded anew for out */
		if (region_set_orders(out, &e, k, region_orders(r, &r->stores[i],
								quarter_add(e.base, -k))) < 0)
			return -1;
	*to = (uint32_t)out->n_stores;
	return region_add_entry(out, &e, error);
}

int batch_digest(batch_result *b, const region *r, size_t keep, region *out)
{
	size_t nc = b->n_candidates < keep ? b->n_candidates : keep;
	size_t nd = b->n_downgrades < keep ? b->n_downgrades : keep;
	size_t ni = b->n_invalid < keep ? b->n_invalid : keep;
	size_t nh = b->n_held < keep ? b->n_held : keep;
	candidate *c = malloc((nc ? nc : 1) * sizeof *c);
	batch_held *h = malloc((nh ? nh : 1) * sizeof *h);
	batch_downgrade *d = malloc((nd ? nd : 1) * sizeof *d);
	uint32_t *inv = malloc((ni ? ni : 1) * sizeof *inv);
	int failed = !c || !d || !inv || !h;

	memset(out, 0, sizeof *out);
	out->path = r->path;
	out->quarter_attr = r->quarter_attr;
	out->latest = r->latest;
	failed |= region_set_header(out, r->id, r->name, r->unit) < 0;
	for (size_t i = 0; i < nc && !failed; i++) {
		c[i] = b->candidates[i];
		failed = digest_entry(out, r, b->candidates[i].entry, &c[i].entry) < 0;
	}
	for (size_t i = 0; i < nd && !failed; i++) {
		d[i] = b->downgrades[i];
		failed = digest_entry(out, r, b->downgrades[i].entry, &d[i].entry) < 0;
	}
	for (size_t i = 0; i < ni && !failed; i++)
		failed = digest_entry(out, r, b->invalid[i], &inv[i]) < 0;
	for (size_t i = 0; i < nh && !failed; i++) {
		h[i] = b->held[i];
		failed = digest_entry(out, r, b->held[i].entry, &h[i].entry) < 0;
	}
	if (failed) {
		free(h);
		free(c);
		free(d);
		free(inv);
		region_free(out);
		return -1;
	}
	free(b->candidates);
	free(b->downgrades);
	free(b->invalid);
	free(b->held);
	b->held = h;
	b->n_held = nh;
	b->candidates = c;
	b->downgrades = d;
	b->invalid = inv;
	b->n_candidates = nc;
	b->n_downgrades = nd;
	b->n_invalid = ni;
	b->n_stores = r->n_stores;
	return 0;
}

/* ---- pass 1: the groups ------------------------------------------------------------- */

static int by_downgrade(const void *a, const void *b)
{
	const batch_downgrade *x = a, *y = b;

	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	if (x->reason != y->reason)   /* stopped ordering first: the strongest signal */
		return x->reason == BATCH_STOPPED_ORDERING ? -1 : 1;
	if (x->orders != y->orders)
		return x->orders > y->orders ? -1 : 1;
	return (x->entry > y->entry) - (x->entry < y->entry);
}

static int by_held(const void *a, const void *b)
{
	const batch_held *x = a, *y = b;

	if (x->hold_left != y->hold_left)
		return x->hold_left < y->hold_left ? -1 : 1;
	return (x->entry > y->entry) - (x->entry < y->entry);
}

/* Gathers the figures of one quarter of every group into one array per group (sizes
 * counted by batch_prepare) and classifies each, the array sorted in place to become
 * the group's sorted figures: one copy of the figures, never two. */
int batch_classify_quarter(const region *r, batch_result *b, int previous)
{
	quarter_t q = previous ? b->prev_quarter : b->quarter;
	double *figs[BATCH_SLOTS] = { NULL };
	size_t fill[BATCH_SLOTS] = { 0 };
	int failed = 0;

	for (size_t k = 0; k < b->n_groups && !failed; k++) {
		size_t n = b->groups[k].figures[previous != 0];
		figs[k] = malloc((n ? n : 1) * sizeof *figs[k]);
		failed = !figs[k];
	}
	for (size_t i = 0; i < r->n_stores && !failed; i++) {
		const region_entry *e = &r->stores[i];
		int s = slot_of(&e->code);
		double x = region_orders(r, e, q);
		if (e->invalid || s < 0 || isnan(x))
			continue;
		int k = b->slot[s];
		figs[k][fill[k]++] = x;
	}
	for (size_t k = 0; k < b->n_groups; k++) {
		batch_group *g = &b->groups[k];
		if (failed) {
			free(figs[k]);
			continue;
		}
		classify_group_take(figs[k], fill[k], &b->cfg.classify,
				    previous ? &g->prev : &g->cur);
		if (!previous)
			failed = ranks_build(g) < 0;
	}
	return failed ? -1 : 0;
}

void batch_drop_past_figures(batch_result *b)
{
	for (size_t k = 0; k < b->n_groups; k++)
		peer_stats_free(&b->groups[k].prev);
	if (b->ext)
		batch_ext_drop_figures(b->ext);
}

int batch_prepare(const region *r, quarter_t q, const batch_config *cfg, batch_result *out)
{
	size_t members[BATCH_SLOTS] = { 0 }, n_cur[BATCH_SLOTS] = { 0 }, n_prev[BATCH_SLOTS] = { 0 };
	size_t cap_invalid = 0;

	memset(out, 0, sizeof *out);
	out->quarter = q;
	out->prev_quarter = quarter_add(q, -1);
	out->cfg = *cfg;
	out->n_stores = r->n_stores;
	for (int s = 0; s < BATCH_SLOTS; s++)
		out->slot[s] = -1;

	/* one pass: group sizes for both quarters, and the invalid stores */
	for (size_t i = 0; i < r->n_stores; i++) {
		const region_entry *e = &r->stores[i];
		int s = slot_of(&e->code);
		if (e->invalid || s < 0) {
			if (reserve((void **)&out->invalid, &cap_invalid, out->n_invalid,
				    sizeof *out->invalid) < 0)
				return -1;
			out->invalid[out->n_invalid++] = (uint32_t)i;
			continue;
		}
		members[s]++;
		n_cur[s] += !isnan(region_orders(r, e, q));
		n_prev[s] += !isnan(region_orders(r, e, out->prev_quarter));
	}
	for (int s = 0; s < BATCH_SLOTS; s++)
		out->n_groups += members[s] > 0;
	out->groups = calloc(out->n_groups ? out->n_groups : 1, sizeof *out->groups);
	if (!out->groups) {
		out->n_groups = 0;
		return -1;
	}
	size_t k = 0;
	for (int s = 0; s < BATCH_SLOTS; s++) {
		if (!members[s])
			continue;
		batch_group *g = &out->groups[k];
		g->key[0] = (char)('A' + s / 2);
		g->key[1] = (char)('1' + s % 2);
		g->members = members[s];
		g->figures[0] = n_cur[s];
		g->figures[1] = n_prev[s];
		out->slot[s] = (int)k++;
	}
	return 0;
}

/* ---- pass 2: the rows ------------------------------------------------------------------ */

static void count_row(batch_counts *c, const batch_row *row)
{
	scale_class now = row->status == STATUS_OK ? row->ev.computed_class : CLASS_NONE;

	if (row->status == STATUS_OK)
		c->classes[now]++;
	else if (row->status == STATUS_NO_ORDERS)
		c->no_orders++;
	else if (row->status == STATUS_INSUFFICIENT_PEERS)
		c->insufficient++;
	c->up += row->change == BATCH_UP;
	c->down += row->change == BATCH_DOWN;
	c->same += row->change == BATCH_SAME;
	c->prev_classes[row->prev_class]++;
	if (now != CLASS_NONE && row->prev_class != CLASS_NONE)
		transitions_add(&c->moves, row->prev_class, now);
	if (row->status == STATUS_NO_ORDERS && row->prev_class != CLASS_NONE)
		transitions_add_stopped(&c->moves, row->prev_class);
	candidates_funnel_add(&c->funnel, row->was_candidate, row->prev_class, now,
			      row->prev_orders, row->ev.orders);
	c->n_candidates += row->candidate != 0;
	c->n_downgrades += row->change == BATCH_DOWN;
	c->n_stopped += row->stopped != 0;
	batch_ext_count(&c->x, &row->x);
}

size_t batch_qmap_cell(double percentile, uint16_t match)
{
	int x = (int)floor(percentile), y = ((int)match - 100) / 5;

	x = x < 0 ? 0 : x >= BATCH_QMAP_X ? BATCH_QMAP_X - 1 : x;
	y = y < 0 ? 0 : y >= BATCH_QMAP_Y ? BATCH_QMAP_Y - 1 : y;
	return (size_t)y * BATCH_QMAP_X + (size_t)x;
}

/* The parts of a row the summary draws from: a held code, the quadrant's cell. */
static void tally_ext(batch_tally *t, const batch_row *row)
{
	if (row->x.held && !t->failed) {
		if (reserve((void **)&t->held, &t->cap_held, t->n_held, sizeof *t->held) < 0)
			t->failed = 1;
		else
			t->held[t->n_held++] = (batch_held){ (uint32_t)row->index,
							     (uint8_t)row->x.hold_left,
							     (uint8_t)row->ev.computed_class };
	}
	if (row->x.quadrant != QUADRANT_NONE && t->qmap)
		t->qmap[batch_qmap_cell(row->ev.percentile, row->x.match)]++;
}

int batch_tally_rows(const batch_result *b, const region *r, size_t from, size_t to,
		     batch_tally *t, batch_row_fn on_row, void *ctx)
{
	batch_row row;

	memset(t, 0, sizeof *t);
	if (b->cfg.ext.quadrants && !(t->qmap = calloc(BATCH_QMAP_CELLS, sizeof *t->qmap)))
		t->failed = 1;
	for (size_t i = from; i < to && i < r->n_stores; i++) {
		if (i + REGION_PREFETCH_AHEAD / 2 < to && i + REGION_PREFETCH_AHEAD / 2 < r->n_stores)
			region_prefetch_strings(r, i + REGION_PREFETCH_AHEAD / 2);
		batch_row_get(b, r, i, &row);
		t->n_status[row.status]++;
		if (row.group >= 0) {
			count_row(&t->groups[row.group], &row);
			if (row.candidate && !t->failed) {
				if (reserve((void **)&t->candidates, &t->cap_candidates,
					    t->n_candidates, sizeof *t->candidates) < 0)
					t->failed = 1;
				else
					candidates_make(&t->candidates[t->n_candidates++],
							(uint32_t)i, &row.ev);
			}
			if ((row.change == BATCH_DOWN || row.stopped) && !t->failed) {
				if (reserve((void **)&t->downgrades, &t->cap_downgrades,
					    t->n_downgrades, sizeof *t->downgrades) < 0)
					t->failed = 1;
				else if (row.stopped)
					t->downgrades[t->n_downgrades++] = (batch_downgrade){
						(uint32_t)i, (uint8_t)row.old_class, CLASS_NONE,
						BATCH_STOPPED_ORDERING, row.prev_orders };
				else
					t->downgrades[t->n_downgrades++] = (batch_downgrade){
						(uint32_t)i, (uint8_t)row.old_class,
						(uint8_t)code_class(&row.ev.computed_code),
						BATCH_FELL_BELOW,
						row.ev.orders };
			}
			tally_ext(t, &row);
		}
		if (on_row)
			on_row(ctx, &row);
	}
	return t->failed ? -1 : 0;
}

static void counts_merge(batch_counts *into, const batch_counts *c)
{
	for (int k = 0; k < 4; k++) {
		into->classes[k] += c->classes[k];
		into->prev_classes[k] += c->prev_classes[k];
	}
	into->no_orders += c->no_orders;
	into->insufficient += c->insufficient;
	into->up += c->up;
	into->down += c->down;
	into->same += c->same;
	into->n_candidates += c->n_candidates;
	into->n_downgrades += c->n_downgrades;
	into->n_stopped += c->n_stopped;
	transitions_merge(&into->moves, &c->moves);
	candidates_funnel_merge(&into->funnel, &c->funnel);
	batch_ext_merge(&into->x, &c->x);
}

/* Appends the n items of size elem at *src to *arr holding *len; when *arr holds
 * none, *src itself is taken over (set to NULL): the first tally is not copied. */
static int append(void **arr, size_t *len, void **src, size_t n, size_t elem)
{
	if (*len == 0) {
		free(*arr);
		*arr = *src;
		*src = NULL;
		*len = n;
		return 0;
	}
	if (n == 0)
		return 0;
	void *p = realloc(*arr, (*len + n) * elem);
	if (!p)
		return -1;
	memcpy((char *)p + *len * elem, *src, n * elem);
	*arr = p;
	*len += n;
	return 0;
}

int batch_merge(batch_result *b, batch_tally *t)
{
	int failed = t->failed;

	for (size_t k = 0; k < b->n_groups; k++)
		counts_merge(&b->groups[k].c, &t->groups[k]);
	for (int s = 0; s < 4; s++)
		b->n_status[s] += t->n_status[s];
	if (!failed)
		failed = append((void **)&b->candidates, &b->n_candidates,
				(void **)&t->candidates, t->n_candidates, sizeof *t->candidates) < 0 ||
			 append((void **)&b->downgrades, &b->n_downgrades,
				(void **)&t->downgrades, t->n_downgrades, sizeof *t->downgrades) < 0 ||
			 append((void **)&b->held, &b->n_held, (void **)&t->held, t->n_held,
				sizeof *t->held) < 0;
	if (!failed && t->qmap) {
		if (!b->qmap && !(b->qmap = calloc(BATCH_QMAP_CELLS, sizeof *b->qmap)))
			failed = 1;
		for (size_t i = 0; !failed && i < BATCH_QMAP_CELLS; i++)
			b->qmap[i] += t->qmap[i];
	}
	batch_tally_free(t);
	return failed ? -1 : 0;
}

void batch_finish(batch_result *b)
{
	memset(&b->total, 0, sizeof b->total);
	for (size_t k = 0; k < b->n_groups; k++)
		counts_merge(&b->total, &b->groups[k].c);
	candidates_rank(b->candidates, b->n_candidates);
	if (b->n_downgrades > 1)
		qsort(b->downgrades, b->n_downgrades, sizeof *b->downgrades, by_downgrade);
	if (b->n_held > 1)
		qsort(b->held, b->n_held, sizeof *b->held, by_held);
}

void batch_tally_free(batch_tally *t)
{
	free(t->candidates);
	free(t->downgrades);
	free(t->held);
	free(t->qmap);
	t->candidates = NULL;
	t->downgrades = NULL;
	t->held = NULL;
	t->qmap = NULL;
	t->n_held = t->cap_held = 0;
	t->n_candidates = t->n_downgrades = t->cap_candidates = t->cap_downgrades = 0;
}

void batch_result_free(batch_result *b)
{
	for (size_t k = 0; k < b->n_groups; k++) {
		peer_stats_free(&b->groups[k].cur);
		peer_stats_free(&b->groups[k].prev);
		free(b->groups[k].ranks.below);
	}
	free(b->groups);
	free(b->candidates);
	free(b->downgrades);
	free(b->invalid);
	free(b->held);
	free(b->qmap);
	batch_ext_free(b->ext);
	free(b->ext);
	memset(b, 0, sizeof *b);
	for (int s = 0; s < BATCH_SLOTS; s++)
		b->slot[s] = -1;
}
