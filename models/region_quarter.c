/*
 * region_quarter.c: the quarter a region is evaluated for (region_quarter.h), from the
 * per-quarter store counts the reader keeps, and the second read that lines every
 * store's history up with it when a few stores have figures for later quarters.
 */
#include <stdio.h>
#include <string.h>

#include "region_quarter.h"

quarter_t quarter_default(const region *r)
{
	quarter_t most = QUARTER_NONE;
	size_t most_n = 0;

	for (quarter_t q = r->latest; q >= QUARTER_FIRST; q--) {
		size_t n = region_stores_in(r, q);
		if (n > 0 && 2 * n >= r->stores_read)
			return q;
		if (n > most_n) {
			most = q;
			most_n = n;
		}
	}
	return most;
}

/* Second read: nothing reported again, only the stores of the later quarters noted. */
static int ignore_problem(void *ctx, const diag *d)
{
	(void)ctx;
	(void)d;
	return 0;
}

static void note_later(void *ctx, const store *s, int valid)
{
	quarter_choice *qc = ctx;

	(void)valid;
	for (size_t i = 0; i < s->n_orders; i++) {
		for (size_t k = 0; k < qc->n_later && k < QUARTER_LATER_MAX; k++) {
			quarter_later *l = &qc->later[k];
			if (l->quarter != s->orders[i].quarter || l->n_ids == QUARTER_LATER_IDS)
				continue;
			snprintf(l->ids[l->n_ids++], sizeof l->ids[0], "%s", s->id ? s->id : "?");
		}
	}
}

static void list_later(const region *r, quarter_choice *qc)
{
	for (quarter_t q = qc->quarter + 1; q <= r->latest; q++) {
		size_t n = region_stores_in(r, q);
		if (n == 0)
			continue;
		if (qc->n_later < QUARTER_LATER_MAX)
			qc->later[qc->n_later] = (quarter_later){ .quarter = q, .stores = n };
		qc->n_later++;
	}
}

int region_read_quarter(const char *path, const read_options *opt, quarter_t requested,
			const store *profile, region *out, quarter_choice *qc, diag *fatal)
{
	memset(qc, 0, sizeof *qc);
	int status = region_read(path, opt, out, fatal);
	if (status != EXIT_OK)
		return status;
	qc->stores = out->stores_read;
	if (requested != QUARTER_NONE) {
		qc->quarter = requested;
		if (region_stores_in(out, requested) == 0 &&
		    !(profile && store_orders_in(profile, requested))) {
			char q[12], latest[12];
			quarter_format(requested, q);
			quarter_format(quarter_default(out), latest);
			diag_msg(fatal, EXIT_DATAERR, path, 0, NULL, NULL, "region.quarter.no-figure",
				 "quarter", q, "latest", latest, NULL);
			region_free(out);
			return EXIT_DATAERR;
		}
	} else if (out->quarter_attr != QUARTER_NONE) {
		qc->quarter = out->quarter_attr;
	} else {
		qc->quarter = quarter_default(out);
		qc->by_rule = 1;
		if (qc->quarter == QUARTER_NONE && profile)
			qc->quarter = store_latest_quarter(profile);
	}
	qc->with_figure = region_stores_in(out, qc->quarter);
	if (!qc->by_rule || qc->quarter == QUARTER_NONE || out->latest <= qc->quarter)
		return EXIT_OK;
	list_later(out, qc);
	read_options again = *opt;
	again.quarter = qc->quarter;
	again.on_problem = opt->on_problem ? ignore_problem : NULL;
	again.on_warning = NULL;
	again.on_store = note_later;
	again.ctx = qc;
	region_free(out);
	return region_read(path, &again, out, fatal);
}
