/*
 * context.c: loads one store profile and its region, and evaluates the store among
 * its peers.  Shared by `evaluate` and `plan`, so both always agree on the numbers.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli_value.h"
#include "commands.h"
#include "peers.h"

static void print_warning(void *unused, const diag *d)
{
	(void)unused;
	fprintf(stderr, "warning: %s\n", d->text);
}

int context_load(store_context *ctx, const char *store_path, const char *region_path,
		 const context_options *opt)
{
	read_options ro = { .quarter = opt->quarter, .on_warning = print_warning };
	diag d;
	int status;

	memset(ctx, 0, sizeof *ctx);
	status = store_read(store_path, &ro, &ctx->store, &d);
	if (status != EXIT_OK)
		return cli_report(&d);
	code_peer_group(&ctx->store->code, ctx->peer_group);
	/* a region-wide grade needs every store; classification still keeps to the group */
	if (!opt->value || !opt->value->grades_path || opt->value->scope_group)
		memcpy(ro.peer_group, ctx->peer_group, sizeof ro.peer_group);
	status = region_read(region_path, &ro, &ctx->region, &d);
	if (status != EXIT_OK)
		return cli_report(&d);

	quarter_t q = quarter_resolve(opt->quarter, &ctx->region, ctx->store);
	const order_figure *own = store_orders_in(ctx->store, q);
	double *orders = malloc((ctx->region.n_stores + 1) * sizeof *orders);
	if (!orders) {
		fprintf(stderr, "planner: out of memory\n");
		return EXIT_SOFTWARE;
	}
	size_t n = peers_collect(&ctx->region, ctx->peer_group, q, ctx->store->id, orders);
	if (own)
		orders[n++] = own->orders;
	status = classify_group(orders, n, &opt->config, &ctx->stats);
	free(orders);
	if (status < 0) {
		fprintf(stderr, "planner: out of memory\n");
		return EXIT_SOFTWARE;
	}
	evaluation_compute(&ctx->ev, &ctx->store->code, q, own ? own->orders : NAN, &ctx->stats,
			   opt->by);
	ctx->grade = -1;
	ctx->next_grade_orders = NAN;
	return opt->value ? context_value(ctx, opt->value) : EXIT_OK;
}

void context_free(store_context *ctx)
{
	store_free(ctx->store);
	region_free(&ctx->region);
	peer_stats_free(&ctx->stats);
	ctx->store = NULL;
}
