/*
 * candidates.c: picking, describing and ranking upgrade candidates, and counting the
 * realised conversion funnel (candidates.h).  The trend is GSL's least-squares line;
 * a large list in file order is ranked by figures_sort's radix sort.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#include <gsl/gsl_fit.h>

#include "candidates.h"
#include "figures_sort.h"

int candidates_check_figure(double orders, double target_orders, double gap_pct)
{
	if (!(orders > 0) || !(target_orders > orders))
		return 0;
	return 100.0 * (target_orders - orders) <= gap_pct * orders;
}

int candidates_check(const evaluation *ev, double gap_pct)
{
	if (ev->status != STATUS_OK || ev->target_class == CLASS_NONE)
		return 0;
	return candidates_check_figure(ev->orders, ev->target_orders, gap_pct);
}

int candidates_trend_fit(const double *y_latest_first, size_t n, candidates_trend *out)
{
	double t[REGION_HISTORY * 4], y[REGION_HISTORY * 4];
	size_t m = 0;
	double sum = 0;

	out->points = 0;
	out->slope = out->pct = NAN;
	for (size_t i = 0; i < n && m < sizeof t / sizeof t[0]; i++) {
		if (isnan(y_latest_first[i]))
			continue;
		t[m] = -(double)i;            /* quarters relative to the latest */
		y[m] = y_latest_first[i];
		sum += y[m];
		m++;
	}
	out->points = m;
	if (m < 2)
		return -1;
	double c0, c1, cov00, cov01, cov11, sumsq;
	gsl_fit_linear(t, 1, y, 1, m, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
	out->slope = c1;
	double mean = sum / (double)m;
	out->pct = mean > 0 ? 100.0 * c1 / mean : NAN;
	return 0;
}

void candidates_make(candidate *c, uint32_t entry, const evaluation *ev)
{
	c->entry = entry;
	c->target = ev->target_class;
	c->growth_pct = ev->growth_required_pct;
}

double candidates_quarters_at_trend(double gap, const candidates_trend *t)
{
	if (!(t->slope > 0) || isnan(gap))
		return NAN;
	return gap <= 0 ? 0 : ceil(gap / t->slope);
}

static int by_growth(const void *a, const void *b)
{
	const candidate *x = a, *y = b;

	if (x->growth_pct < y->growth_pct)
		return -1;
	if (x->growth_pct > y->growth_pct)
		return 1;
	return (x->entry > y->entry) - (x->entry < y->entry);
}

/* Candidates in file order (as a batch gathers them) ranked by a stable radix sort on
 * growth alone, which then orders ties by position as by_growth does: 0, or -1 when they
 * are not in file order or the sort could not run. */
static int rank_in_file_order(candidate *c, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (c[i].entry <= c[i - 1].entry)
			return -1;
	return figures_sort_records(c, n, sizeof *c, offsetof(candidate, growth_pct));
}

void candidates_rank(candidate *c, size_t n)
{
	if (n >= FIGURES_SORT_RADIX_MIN && rank_in_file_order(c, n) == 0)
		return;
	if (n > 1)
		qsort(c, n, sizeof *c, by_growth);
}

static int moved_up(scale_class prev, scale_class now)
{
	return prev != CLASS_NONE && now != CLASS_NONE && now < prev;
}

void candidates_funnel_add(candidates_funnel *f, int flagged, scale_class prev, scale_class now,
			   double prev_orders, double orders)
{
	if (flagged) {
		f->flagged++;
		if (now == CLASS_NONE)
			return;
		f->classified++;
		if (orders > prev_orders)
			f->grew++;
		if (moved_up(prev, now))
			f->moved_up++;
		return;
	}
	if ((prev == CLASS_MEDIUM || prev == CLASS_SMALL) && now != CLASS_NONE) {
		f->others++;
		if (moved_up(prev, now))
			f->others_moved_up++;
	}
}

void candidates_funnel_merge(candidates_funnel *into, const candidates_funnel *f)
{
	into->flagged += f->flagged;
	into->classified += f->classified;
	into->grew += f->grew;
	into->moved_up += f->moved_up;
	into->others += f->others;
	into->others_moved_up += f->others_moved_up;
}

double candidates_funnel_rate(const candidates_funnel *f)
{
	return f->flagged ? 100.0 * (double)f->moved_up / (double)f->flagged : NAN;
}

double candidates_funnel_base_rate(const candidates_funnel *f)
{
	return f->others ? 100.0 * (double)f->others_moved_up / (double)f->others : NAN;
}
