/*
 * classify.c: the peer-group classifier (CONTRACT.md, "Classification").  Sorts a
 * group's order figures (figures_sort.c), finds the k-th largest figure for each cumulative
 * share (k = ceil(share * n), exact integer arithmetic), and ranks one store in it.
 */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

#include "figures_sort.h"
#include "model.h"

size_t classify_rank(uint32_t basis_points, size_t n)
{
	/* 64-bit: n up to ~1.8e15 cannot overflow with basis_points <= 10000 */
	uint64_t k = ((uint64_t)basis_points * n + 9999) / 10000;

	if (k == 0 && n > 0)
		k = 1;
	return (size_t)k;
}

int classify_group(const double *orders, size_t n, const classify_config *cfg, peer_stats *out)
{
	double *copy = n ? malloc(n * sizeof *copy) : NULL;

	if (n && !copy) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	if (n)
		memcpy(copy, orders, n * sizeof *orders);
	classify_group_take(copy, n, cfg, out);
	return 0;
}

void classify_group_take(double *orders, size_t n, const classify_config *cfg, peer_stats *out)
{
	memset(out, 0, sizeof *out);
	out->n = n;
	out->enough_peers = n >= cfg->min_peers && n > 0;
	out->threshold_large = out->threshold_medium = NAN;
	out->median = out->q1 = out->q3 = NAN;
	if (n == 0) {
		free(orders);
		return;
	}
	out->sorted = orders;
	figures_sort(out->sorted, n);

	out->k_large = classify_rank(cfg->shares.large, n);
	out->k_medium = classify_rank(cfg->shares.large + cfg->shares.medium, n);
	assert(out->k_large >= 1 && out->k_large <= out->k_medium && out->k_medium <= n);
	/* the k-th largest is at ascending index n - k */
	out->threshold_large = out->sorted[n - out->k_large];
	out->threshold_medium = out->sorted[n - out->k_medium];
	assert(out->threshold_large >= out->threshold_medium);

	out->median = gsl_stats_median_from_sorted_data(out->sorted, 1, n);
	out->q1 = gsl_stats_quantile_from_sorted_data(out->sorted, 1, n, 0.25);
	out->q3 = gsl_stats_quantile_from_sorted_data(out->sorted, 1, n, 0.75);
}

void peer_stats_free(peer_stats *ps)
{
	free(ps->sorted);
	ps->sorted = NULL;
}

/* Number of figures < x (strict) or <= x (weak) in the ascending array. */
static size_t count_below(const double *a, size_t n, double x, int weak)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] < x || (weak && a[mid] == x))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

double classify_percentile(const peer_stats *ps, double x)
{
	if (ps->n == 0 || isnan(x))
		return NAN;
	size_t strict = count_below(ps->sorted, ps->n, x, 0);
	size_t weak = count_below(ps->sorted, ps->n, x, 1);
	return 100.0 * (double)(strict + weak) / (2.0 * (double)ps->n);
}

scale_class classify_class(const peer_stats *ps, double x)
{
	if (ps->n == 0 || isnan(x))
		return CLASS_NONE;
	/* A store that ordered nothing is small whatever the thresholds: a threshold of 0
	 * (more than the small share of the group ordered nothing) must not lift it. */
	if (!(x > 0))
		return CLASS_SMALL;
	if (x >= ps->threshold_large)
		return CLASS_LARGE;
	if (x >= ps->threshold_medium)
		return CLASS_MEDIUM;
	return CLASS_SMALL;
}

/* Accepts up to two decimals per share ("12.5"); the three must sum to exactly 100. */
static int parse_share(const char **p, uint32_t *bp)
{
	const char *s = *p;
	uint32_t whole = 0, frac = 0;
	int digits = 0, fdigits = 0;

	while (*s >= '0' && *s <= '9' && digits < 4) {
		whole = whole * 10 + (uint32_t)(*s++ - '0');
		digits++;
	}
	if (*s == '.') {
		s++;
		while (*s >= '0' && *s <= '9' && fdigits < 2) {
			frac = frac * 10 + (uint32_t)(*s++ - '0');
			fdigits++;
		}
		if (fdigits == 0)
			return -1;
	}
	if (digits == 0 || (*s >= '0' && *s <= '9'))
		return -1;
	if (fdigits == 1)
		frac *= 10;
	*bp = whole * 100 + frac;
	*p = s;
	return 0;
}

int shares_parse(const char *s, shares *out, const char **why)
{
	uint32_t v[3];

	for (int i = 0; i < 3; i++) {
		if (parse_share(&s, &v[i]) < 0) {
			*why = "classify.shares.format";
			return -1;
		}
		if (i < 2 && *s++ != ',') {
			*why = "classify.shares.format";
			return -1;
		}
	}
	if (*s != '\0') {
		*why = "classify.shares.format";
		return -1;
	}
	if (v[0] + v[1] + v[2] != 10000) {
		*why = "classify.shares.sum";
		return -1;
	}
	if (v[0] == 0) {
		*why = "classify.shares.large";
		return -1;
	}
	*out = (shares){ v[0], v[1], v[2] };
	return 0;
}
