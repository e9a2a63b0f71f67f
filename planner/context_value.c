/*
 * context_value.c: the grade (--grades) and the value quadrant (--quadrants) of the
 * one store that evaluate and plan look at, by the same rules as batch: the grade's
 * scope is the whole region (every valid store with a figure, the profile replacing
 * its region entry) or the store's peer group when it has --min-peers stores.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "options_value.h"
#include "commands.h"

/* Figures of the quarter of every valid store of the region, the profile's own first. */
static size_t region_figures(const store_context *ctx, double *out)
{
	size_t n = 0;

	if (!isnan(ctx->ev.orders))
		out[n++] = ctx->ev.orders;
	for (size_t i = 0; i < ctx->region.n_stores; i++) {
		const region_entry *e = &ctx->region.stores[i];
		const category_code *c = &e->code;
		double x = region_orders(&ctx->region, e, ctx->ev.quarter);
		if (e->invalid || c->format < 'A' || c->format > 'Z' || c->market < '1' ||
		    c->market > '2' || isnan(x) ||
		    strcmp(region_str(&ctx->region, e->id), ctx->store->id) == 0)
			continue;
		out[n++] = x;
	}
	return n;
}

int context_value(store_context *ctx, const value_options *v)
{
	grade_cuts cuts;

	ctx->grade = -1;
	ctx->next_grade_orders = NAN;
	ctx->match = 0;
	ctx->quadrant = QUADRANT_NONE;
	if (v->grades_path) {
		if (v->scope_group) {
			const peer_stats *ps = &ctx->stats;
			grades_cut(&v->grades, ps->sorted, ps->enough_peers ? ps->n : 0, &cuts);
		} else {
			double *all = malloc((ctx->region.n_stores + 1) * sizeof *all);
			if (!all) {
				report_msg(NULL, "cmd.out-of-memory", NULL);
				return EXIT_SOFTWARE;
			}
			grades_cut_unsorted(&v->grades, all, region_figures(ctx, all), &cuts);
			free(all);
		}
		ctx->grade = grades_of(&cuts, ctx->ev.orders);
		if (ctx->grade >= 0)
			ctx->next_grade_orders = grades_next_orders(&cuts, ctx->grade, ctx->ev.orders);
	}
	if (v->quadrants) {
		ctx->match = match_score(&v->match, ctx->store);
		ctx->quadrant = match_quadrant(ctx->ev.percentile, ctx->match, v->value_cut,
					       v->match_cut);
	}
	return EXIT_OK;
}
