/*
 * milestones.c: milestones to the deadline, the order trend and the feasibility
 * verdict (see milestones.h).  Targets ramp linearly, per quarter, from this
 * quarter's orders to the target; within a quarter the orders are spread evenly
 * over its three months.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_fit.h>

#include "milestones.h"

#define REACH_HORIZON 40   /* quarters: a trend slower than this is "never" */

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

void milestones_month_end(quarter_t q, int n, int *year, int *month, int *day)
{
	/* months counted from January of year 0: the quarter's last month is 3 * number */
	int idx = quarter_year(q) * 12 + (quarter_number(q) * 3 - 1) + n;
	*year = idx / 12;
	*month = idx % 12 + 1;
	*day = days_in_month(*year, *month);
}

static void fit_trend(quarter_t q, milestones *out)
{
	double x[MILESTONES_HISTORY], y[MILESTONES_HISTORY];
	double c0, c1, cov00, cov01, cov11, sumsq;

	if (out->n_history < 2)
		return;
	for (size_t i = 0; i < out->n_history; i++) {
		x[i] = (double)(out->history[i].quarter - q);
		y[i] = out->history[i].orders;
	}
	if (gsl_fit_linear(x, 1, y, 1, out->n_history, &c0, &c1, &cov00, &cov01, &cov11,
			   &sumsq) != 0)
		return;
	out->has_trend = 1;
	out->intercept = c0;
	out->slope = c1;
}

/* Quarter targets ramp from start to the target in whole units (the last one is the
 * target exactly); a quarter's months share it so that the printed month figures add up
 * to the printed cumulative figures and the quarter's target: each month gets the
 * difference of rounded cumulative figures (752 -> 251, 250, 251; never 251 + 251 = 501). */
static void add_rows(const evaluation *ev, int quarters, milestones *out)
{
	double start = out->retention ? out->target : ev->orders;

	out->per_quarter = quarters > 2;
	for (int i = 1; i <= quarters; i++) {
		double qt = i == quarters ? out->target
					  : round(start + (out->target - start) * i / quarters);
		quarter_t qq = quarter_add(ev->quarter, i);
		int months = out->per_quarter ? 1 : 3;
		double before = 0;
		for (int m = 1; m <= months && out->n_rows < MILESTONES_MAX_ROWS; m++) {
			milestone *r = &out->rows[out->n_rows++];
			int month_no = out->per_quarter ? 3 : m;
			r->quarter = qq;
			milestones_month_end(ev->quarter, (i - 1) * 3 + month_no, &r->year, &r->month,
					     &r->day);
			r->quarter_target = qt;
			r->cumulative = month_no == 3 ? qt : round(qt * month_no / 3);
			r->period_orders = r->cumulative - before;
			before = r->cumulative;
		}
	}
}

static void judge(const evaluation *ev, const milestones_config *cfg, int quarters,
		  milestones *out)
{
	double t = out->target;

	out->projection = out->has_trend ? out->intercept + out->slope * quarters : ev->orders;
	if (out->projection < 0)
		out->projection = 0;
	if (out->projection >= t) {
		out->verdict = MS_ON_TREND;
		out->over_trend_pct = 0;
		return;
	}
	if (!(out->projection > 0)) {
		out->verdict = MS_OUT_OF_REACH;
		out->over_trend_pct = NAN;
	} else {
		out->over_trend_pct = 100.0 * (t - out->projection) / out->projection;
		out->verdict = out->over_trend_pct <= cfg->acceleration_max_pct
				       ? MS_NEEDS_ACCELERATION : MS_OUT_OF_REACH;
	}
	if (out->has_trend && out->slope > 0) {
		double k = ceil((t - out->intercept) / out->slope);
		if (k >= 1 && k <= REACH_HORIZON)
			out->reach = quarter_add(ev->quarter, (int)k);
	}
}

void milestones_compute(const store *s, const evaluation *ev, const milestones_config *cfg,
			milestones *out)
{
	memset(out, 0, sizeof *out);
	out->target = out->projection = out->over_trend_pct = NAN;
	out->reach = QUARTER_NONE;
	out->n_history = store_order_history(s, ev->quarter, MILESTONES_HISTORY, out->history);
	fit_trend(ev->quarter, out);

	int quarters = ev->deadline - ev->quarter;
	if (quarters < 1)
		quarters = 1;
	if (quarters > MILESTONES_MAX_QUARTERS)
		quarters = MILESTONES_MAX_QUARTERS;
	if (out->has_trend)
		out->projection = out->intercept + out->slope * quarters;
	if (out->projection < 0)
		out->projection = 0;   /* a falling trend ends at no orders, never below */

	if (ev->status != STATUS_OK || isnan(ev->orders))
		return;
	if (ev->target_class == CLASS_NONE) {
		out->retention = 1;
		out->target = ev->threshold_large;
	} else {
		out->target = ev->target_orders;
	}
	add_rows(ev, quarters, out);
	judge(ev, cfg, quarters, out);
}
