/*
 * batch_ext.c: grades, hold-down and quadrants in `planner batch` (batch_ext.h).
 * The thresholds are cut once per scope and quarter from the groups' sorted figures
 * (the region's by merging them, no new sort); the older quarters that the hold-down
 * looks at are classified per group like the current one.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"

/* Slot of a code's group, as in batch.c; -1 when the code has none. */
static int ext_slot(const category_code *c)
{
	if (c->format < 'A' || c->format > 'Z' || c->market < '1' || c->market > '2')
		return -1;
	return (c->format - 'A') * 2 + (c->market - '1');
}

/* The figures of quarter q - h of every group, classified like the current ones. */
static int classify_older(const region *r, batch_result *b, int h, peer_stats *past)
{
	quarter_t q = quarter_add(b->quarter, -h);
	size_t n[BATCH_SLOTS] = { 0 }, fill[BATCH_SLOTS] = { 0 };
	double *figs[BATCH_SLOTS] = { NULL };
	int failed = 0;

	for (size_t i = 0; i < r->n_stores; i++) {
		const region_entry *e = &r->stores[i];
		int s = ext_slot(&e->code);
		if (!e->invalid && s >= 0 && b->slot[s] >= 0 && !isnan(region_orders(r, e, q)))
			n[b->slot[s]]++;
	}
	for (size_t k = 0; k < b->n_groups && !failed; k++)
		failed = !(figs[k] = malloc((n[k] ? n[k] : 1) * sizeof *figs[k]));
	for (size_t i = 0; i < r->n_stores && !failed; i++) {
		const region_entry *e = &r->stores[i];
		int s = ext_slot(&e->code);
		double x = region_orders(r, e, q);
		if (!e->invalid && s >= 0 && b->slot[s] >= 0 && !isnan(x)) {
			int k = b->slot[s];
			figs[k][fill[k]++] = x;
		}
	}
	for (size_t k = 0; k < b->n_groups; k++) {
		if (failed)
			free(figs[k]);
		else    /* the array becomes the group's sorted figures */
			classify_group_take(figs[k], fill[k], &b->cfg.classify,
					    &past[k * HOLDDOWN_MAX + (size_t)h]);
	}
	return failed ? -1 : 0;
}

static const peer_stats *stats_of(const batch_result *b, size_t k, int h)
{
	const batch_group *g = &b->groups[k];

	if (h == 0)
		return &g->cur;
	if (h == 1)
		return &g->prev;
	return b->ext->past ? &b->ext->past[k * HOLDDOWN_MAX + (size_t)h] : NULL;
}

/* Merges the groups' ascending figures of quarter q - h into one ascending array, run
 * by run (a bottom-up merge: n log(groups)). */
static int merge_groups(const batch_result *b, int h, double **out, size_t *n_out)
{
	size_t n = 0, runs = 0, bounds[BATCH_SLOTS + 1];

	for (size_t k = 0; k < b->n_groups; k++)
		n += stats_of(b, k, h)->n;
	double *a = malloc((n ? n : 1) * sizeof *a), *t = malloc((n ? n : 1) * sizeof *t);
	if (!a || !t) {
		free(a);
		free(t);
		return -1;
	}
	bounds[0] = 0;
	for (size_t k = 0; k < b->n_groups; k++) {
		const peer_stats *ps = stats_of(b, k, h);
		if (ps->n == 0)
			continue;
		memcpy(a + bounds[runs], ps->sorted, ps->n * sizeof *a);
		bounds[runs + 1] = bounds[runs] + ps->n;
		runs++;
	}
	while (runs > 1) {
		size_t merged = 0;
		for (size_t i = 0; i < runs; i += 2) {
			size_t lo = bounds[i], mid = bounds[i + 1];
			size_t hi = i + 1 < runs ? bounds[i + 2] : mid, x = lo, y = mid, o = lo;
			while (x < mid && y < hi)
				t[o++] = a[y] < a[x] ? a[y++] : a[x++];
			while (x < mid)
				t[o++] = a[x++];
			while (y < hi)
				t[o++] = a[y++];
			bounds[merged++] = lo;
		}
		bounds[merged] = n;
		runs = merged;
		double *swap = a;
		a = t;
		t = swap;
	}
	free(t);
	*out = a;
	*n_out = n;
	return 0;
}

int batch_ext_prepare(const region *r, batch_result *b)
{
	const batch_ext_config *cfg = &b->cfg.ext;
	int hold = cfg->hold_down > 1 ? cfg->hold_down : 1;

	if (!cfg->grades && hold == 1)
		return 0;
	batch_ext *x = calloc(1, sizeof *x);
	if (!x)
		return -1;
	b->ext = x;
	x->quarters = !cfg->grades ? 0 : hold > 1 ? HOLDDOWN_MAX : 2;
	/* quarters q - h, h < older, need their classes per group */
	int older = x->quarters > hold ? x->quarters : hold;
	if (older > 2) {
		x->past = calloc(b->n_groups * HOLDDOWN_MAX + 1, sizeof *x->past);
		if (!x->past)
			return -1;
		x->n_past = b->n_groups * HOLDDOWN_MAX;
		for (int h = 2; h < older; h++)
			if (classify_older(r, b, h, x->past) < 0)
				return -1;
	}
	if (!cfg->grades)
		return 0;
	if (cfg->grade_scope_group) {
		x->group_cuts = calloc(b->n_groups * HOLDDOWN_MAX + 1, sizeof *x->group_cuts);
		if (!x->group_cuts)
			return -1;
		for (size_t k = 0; k < b->n_groups; k++)
			for (int h = 0; h < x->quarters; h++) {
				const peer_stats *ps = stats_of(b, k, h);
				grade_cuts *c = &x->group_cuts[k * HOLDDOWN_MAX + (size_t)h];
				/* --min-peers applies: a small group gets no grades */
				grades_cut(cfg->grades, ps->sorted, ps->enough_peers ? ps->n : 0, c);
			}
		return 0;
	}
	for (int h = 0; h < x->quarters; h++) {
		double *all;
		size_t n;
		if (merge_groups(b, h, &all, &n) < 0)
			return -1;
		grades_cut(cfg->grades, all, n, &x->region_cuts[h]);
		free(all);
	}
	return 0;
}

void batch_ext_drop_figures(batch_ext *x)
{
	for (size_t i = 0; x->past && i < x->n_past; i++)
		peer_stats_free(&x->past[i]);
}

void batch_ext_free(batch_ext *x)
{
	if (!x)
		return;
	for (size_t i = 0; x->past && i < x->n_past; i++)
		peer_stats_free(&x->past[i]);
	free(x->past);
	free(x->group_cuts);
	x->past = NULL;
	x->group_cuts = NULL;
}

const grade_cuts *batch_ext_cuts(const batch_result *b, int group, int h)
{
	const batch_ext *x = b->ext;

	if (!x || h < 0 || h >= x->quarters)
		return NULL;
	if (!b->cfg.ext.grade_scope_group)
		return &x->region_cuts[h];
	if (group < 0)
		return NULL;
	return &x->group_cuts[(size_t)group * HOLDDOWN_MAX + (size_t)h];
}

/* The grades of the row this quarter and last, with the hold-down followed through the
 * kept quarters when it is on. */
static void row_grades(const batch_result *b, const region *r, batch_row *row)
{
	batch_ext_row *x = &row->x;
	int n = b->ext->quarters, hold = b->cfg.ext.hold_down > 1 ? b->cfg.ext.hold_down : 1;
	int computed[HOLDDOWN_MAX], force[HOLDDOWN_MAX];
	double now = region_orders(r, row->e, b->quarter);

	for (int h = 0; h < n; h++) {
		const grade_cuts *c = batch_ext_cuts(b, row->group, h);
		computed[n - 1 - h] = c ? grades_of(c, region_orders(r, row->e, quarter_add(b->quarter, -h)))
					: -1;
	}
	x->grade = computed[n - 1];
	x->prev_grade = computed[n - 2];
	if (hold > 1) {
		holddown_grades(computed, n, hold, force);
		if (computed[n - 1] >= 0)
			x->grade = force[n - 1];
		if (computed[n - 2] >= 0)
			x->prev_grade = force[n - 2];
		x->grade_held = x->grade >= 0 && x->grade != computed[n - 1];
	}
	if (x->grade >= 0)
		x->next_grade_orders = grades_next_orders(batch_ext_cuts(b, row->group, 0),
							   x->grade, now);
}

/* A move down of the code waits until the store was below its code's class in each
 * of the last `hold` quarters. */
static void row_hold(const batch_result *b, const region *r, batch_row *row)
{
	int hold = b->cfg.ext.hold_down, below[HOLDDOWN_MAX];

	below[0] = 1;
	for (int h = 1; h < hold; h++) {
		const peer_stats *ps = stats_of(b, (size_t)row->group, h);
		double x = region_orders(r, row->e, quarter_add(b->quarter, -h));
		below[h] = ps && ps->enough_peers && !isnan(x) &&
			   classify_class(ps, x) > row->old_class;
	}
	int run = holddown_run(below, hold);
	if (run >= hold)
		return;
	row->x.held = 1;
	row->x.hold_left = hold - run;
	row->change = BATCH_SAME;
	row->ev.computed_code = row->ev.current_code;
}

void batch_ext_row_get(const batch_result *b, const region *r, batch_row *row)
{
	batch_ext_row *x = &row->x;
	const batch_ext_config *cfg = &b->cfg.ext;

	(void)r;
	x->grade = x->prev_grade = -1;
	x->next_grade_orders = NAN;
	x->held = x->grade_held = x->hold_left = 0;
	x->match = 0;
	x->quadrant = QUADRANT_NONE;
	if (row->group < 0)
		return;
	if (b->ext && b->ext->quarters > 0)
		row_grades(b, r, row);
	if (b->ext && cfg->hold_down > 1 && row->status == STATUS_OK && row->change == BATCH_DOWN)
		row_hold(b, r, row);
	if (cfg->quadrants) {
		x->match = row->e->match;
		x->quadrant = match_quadrant(row->ev.percentile, x->match, cfg->value_cut,
					     cfg->match_cut);
	}
}

void batch_ext_count(batch_ext_counts *c, const batch_ext_row *x)
{
	if (x->grade >= 0)
		c->grade[x->grade]++;
	if (x->prev_grade >= 0)
		c->prev_grade[x->prev_grade]++;
	if (x->grade >= 0 && x->prev_grade >= 0 && x->grade != x->prev_grade) {
		int d = x->prev_grade - x->grade;    /* up positive */
		int dist = d < 0 ? -d : d;
		int bin = dist >= BATCH_EXT_MOVE_BINS ? BATCH_EXT_MOVE_BINS - 1 : dist - 1;
		if (d > 0) {
			c->up[bin]++;
			c->into_up[x->grade]++;
		} else {
			c->down[bin]++;
			c->into_down[x->grade]++;
		}
	}
	c->held += x->held != 0;
	c->grades_held += x->grade_held != 0;
	c->quadrants[x->quadrant]++;
}

void batch_ext_merge(batch_ext_counts *into, const batch_ext_counts *c)
{
	for (int j = 0; j < GRADES_MAX; j++) {
		into->grade[j] += c->grade[j];
		into->prev_grade[j] += c->prev_grade[j];
		into->into_up[j] += c->into_up[j];
		into->into_down[j] += c->into_down[j];
	}
	for (int k = 0; k < BATCH_EXT_MOVE_BINS; k++) {
		into->up[k] += c->up[k];
		into->down[k] += c->down[k];
	}
	into->held += c->held;
	into->grades_held += c->grades_held;
	for (int k = 0; k < QUADRANT_COUNT; k++)
		into->quadrants[k] += c->quadrants[k];
}
