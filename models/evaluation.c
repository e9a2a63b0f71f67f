/*
 * evaluation.c: turns a store's figure and its group's statistics into what the
 * manager reads: computed class and code, percentile, and the promotion target
 * (next class up, gap, growth required, deadline) or, for a large store, its margin.
 */
#include <math.h>

#include "model.h"

const char *eval_status_name(eval_status s)
{
	switch (s) {
	case STATUS_OK: return "ok";
	case STATUS_INSUFFICIENT_PEERS: return "insufficient-peers";
	case STATUS_NO_ORDERS: return "no-orders";
	default: return "invalid";
	}
}

void evaluation_compute(evaluation *ev, const category_code *current, quarter_t q, double x,
			const peer_stats *ps, quarter_t deadline_by)
{
	evaluation_compute_ranked(ev, current, q, x, ps, classify_percentile(ps, x), deadline_by);
}

void evaluation_compute_ranked(evaluation *ev, const category_code *current, quarter_t q,
			       double x, const peer_stats *ps, double percentile,
			       quarter_t deadline_by)
{
	ev->quarter = q;
	ev->orders = x;
	code_peer_group(current, ev->peer_group);
	ev->peer_count = ps->n;
	ev->threshold_large = ps->threshold_large;
	ev->threshold_medium = ps->threshold_medium;
	ev->percentile = percentile;
	ev->current_code = ev->computed_code = ev->target_code = *current;
	ev->computed_class = code_class(current);
	ev->target_class = CLASS_NONE;
	ev->target_orders = ev->gap = ev->growth_required_pct = ev->margin = NAN;
	ev->deadline = deadline_by != QUARTER_NONE ? deadline_by : quarter_add(q, 1);

	if (isnan(x)) {
		ev->status = STATUS_NO_ORDERS;
		return;
	}
	if (!ps->enough_peers) {
		/* too few peers: the code is kept, nothing is computed against them */
		ev->status = STATUS_INSUFFICIENT_PEERS;
		return;
	}
	ev->status = STATUS_OK;
	ev->computed_class = classify_class(ps, x);
	ev->computed_code = code_with_class(*current, ev->computed_class);
	ev->target_code = ev->computed_code;
	if (ev->computed_class == CLASS_LARGE) {
		ev->margin = x - ps->threshold_large;
		return;
	}
	ev->target_class = ev->computed_class == CLASS_SMALL ? CLASS_MEDIUM : CLASS_LARGE;
	ev->target_code = code_with_class(*current, ev->target_class);
	ev->target_orders = ev->target_class == CLASS_LARGE ? ps->threshold_large
							    : ps->threshold_medium;
	/* only a store at 0 in a group whose medium threshold is 0 gets here: any figure
	 * above 0 makes it medium, and the smallest whole one is 1 */
	if (!(ev->target_orders > x))
		ev->target_orders = x + 1;
	ev->gap = ev->target_orders - x;
	/* growth from 0 has no rate: NaN, worded as "from 0 to TARGET" by the writers */
	ev->growth_required_pct = x > 0 ? 100.0 * ev->gap / x : NAN;
}
