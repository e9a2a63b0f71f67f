/*
 * context.c: loads one store profile and its region, and evaluates the store among
 * its peers.  Shared by `evaluate` and `plan`, so both always agree on the numbers.
 */
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "options_value.h"
#include "commands.h"
#include "datapath.h"
#include "peers.h"

static void print_warning(void *unused, const diag *d)
{
	(void)unused;
	report_line_msg("cmd.warning", "problem", d->text, NULL);
}

/* Threads for a large region: the CPUs online, at most 16. */
static long cpus_online(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	return cpus < 1 ? 1 : cpus > 16 ? 16 : cpus;
}

/* Whether the region file holds the evaluated store (any group). */
typedef struct membership {
	const char *id;
	atomic_int found;    /* set by whichever reading thread meets the store */
} membership;

static void note_member(void *ctx, const store *s, int valid)
{
	membership *m = ctx;

	(void)valid;
	if (s->id && m->id && strcmp(s->id, m->id) == 0)
		atomic_store_explicit(&m->found, 1, memory_order_relaxed);
}

/* The first problem of a file, held until the file has been read: a file that turns
 * out not to be well-formed gives its parse error instead. */
static int hold_first(void *ctx, const diag *d)
{
	diag *first = ctx;

	if (!first->text[0])
		*first = *d;
	return 0;
}

/* A store profile is read as `planner validate` reads it (the schema and every data
 * rule: an unknown element or attribute is an error here too), and its first problem
 * stops the command. */
static int read_profile(store_context *ctx, const char *store_path, quarter_t quarter)
{
	char schema[4096];
	diag first = { 0 }, d;
	read_options ro = {
		.quarter = quarter,
		.strict = 1,
		.schema_path = datapath_file("schema/planner.xsd", schema, sizeof schema),
		.on_problem = hold_first,
		.ctx = &first,
	};
	int status = store_read(store_path, &ro, &ctx->store, &d);

	if (status != EXIT_OK)
		return report_diag(&d);
	if (first.text[0]) {
		store_free(ctx->store);
		ctx->store = NULL;
		return report_diag(&first);
	}
	return EXIT_OK;
}

int context_load(store_context *ctx, const char *store_path, const char *region_path,
		 const context_options *opt)
{
	read_options ro = { .quarter = opt->quarter, .on_warning = print_warning };
	quarter_choice qc;
	diag d;
	int status;

	memset(ctx, 0, sizeof *ctx);
	status = read_profile(ctx, store_path, opt->quarter);
	if (status != EXIT_OK)
		return status;
	code_peer_group(&ctx->store->code, ctx->peer_group);
	/* a region-wide grade needs every store; classification still keeps to the group */
	if (!opt->value || !opt->value->grades_path || opt->value->scope_group)
		memcpy(ro.peer_group, ctx->peer_group, sizeof ro.peer_group);
	membership member = { ctx->store->id, 0 };
	ro.on_store = note_member;
	ro.ctx = &member;
	ro.on_store_any_thread = 1;
	ro.jobs = (int)(opt->jobs > 0 ? opt->jobs : cpus_online());
	status = region_read_quarter(region_path, &ro, opt->quarter, ctx->store, &ctx->region,
				     &qc, &d);
	if (status != EXIT_OK)
		return report_diag(&d);
	report_quarter_warning(region_path, &qc);
	if (!atomic_load_explicit(&member.found, memory_order_relaxed)) {
		const region *r = &ctx->region;
		report_line_msg(r->name ? "cmd.context.not-member.named" : "cmd.context.not-member",
				"file", store_path, "store", ctx->store->id, "region", r->id ? r->id : "?",
				"name", r->name ? r->name : "", "region_file", region_path,
				"group", ctx->peer_group, NULL);
	}

	quarter_t q = qc.quarter;
	const order_figure *own = store_orders_in(ctx->store, q);
	double *orders = malloc((ctx->region.n_stores + 1) * sizeof *orders);
	if (!orders) {
		report_msg(NULL, "cmd.out-of-memory", NULL);
		return EXIT_SOFTWARE;
	}
	size_t n = peers_collect(&ctx->region, ctx->peer_group, q, ctx->store->id, orders);
	if (own)
		orders[n++] = own->orders;
	status = classify_group(orders, n, &opt->config, &ctx->stats);
	free(orders);
	if (status < 0) {
		report_msg(NULL, "cmd.out-of-memory", NULL);
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
