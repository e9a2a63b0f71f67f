/*
 * test_number_rule.c: number_round (models/numbers.c) against the rule written out
 * the slow way: the shortest round-tripping decimal (printf "%.*e" and strtod), rounded
 * half away from zero on its digits.  The fast paths (whole numbers, integer scaling,
 * the tie test without printf) must give the same bytes for every value: ties (.5 at
 * the last kept decimal), their neighbours, negatives, percentiles, random magnitudes.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "batch_io.h"
#include "numbers.h"

/* ---- the rule, slowly: every step on decimal digits ------------------------------------ */

static int slow_shortest(double ax, char digits[20], int *exp10)
{
	char s[40];
	int n = 0;

	for (int precision = 15; precision <= 17; precision++) {
		snprintf(s, sizeof s, "%.*e", precision - 1, ax);
		if (strtod(s, NULL) == ax)
			break;
	}
	const char *p = s;
	for (; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
	*exp10 = atoi(p + 1);
	while (n > 1 && digits[n - 1] == '0')
		n--;
	return n;
}

/* x (finite) rounded to `decimals` decimals half away from zero on its shortest
 * decimal, trailing zeros dropped, "-" only for a non-zero result. */
static void slow_round(double x, int decimals, char *out)
{
	char d[24];
	int e = 0, n = 0;
	size_t k = 0;

	if (x != 0)
		n = slow_shortest(fabs(x), d, &e);
	int keep = n ? e + decimals + 1 : 0;
	if (keep < n) {
		int up = keep >= 0 && d[keep] >= '5';
		n = keep < 0 ? 0 : keep;
		for (int i = n - 1; up && i >= 0; i--) {
			if (d[i] == '9') {
				d[i] = '0';
			} else {
				d[i]++;
				up = 0;
			}
		}
		if (up) {
			memmove(d + 1, d, (size_t)n);
			d[0] = '1';
			n++;
			e++;
			if (keep <= 0)
				e = -decimals;
		}
		while (n > 0 && d[n - 1] == '0')
			n--;
	}
	if (n == 0) {
		strcpy(out, "0");
		return;
	}
	if (x < 0)
		out[k++] = '-';
	if (e < 0) {
		out[k++] = '0';
		out[k++] = '.';
		for (int i = -1; i > e; i--)
			out[k++] = '0';
		for (int i = 0; i < n; i++)
			out[k++] = d[i];
	} else {
		for (int i = 0; i <= e; i++)
			out[k++] = i < n ? d[i] : '0';
		if (n > e + 1) {
			out[k++] = '.';
			for (int i = e + 1; i < n; i++)
				out[k++] = d[i];
		}
	}
	out[k] = '\0';
}

static size_t checked;

static void same(double x, int decimals)
{
	char want[400], got[400];
	size_t n;

	slow_round(x, decimals, want);
	n = number_round(x, decimals, got, sizeof got);
	if (strcmp(want, got) != 0 || n != strlen(want))
		fail_msg("number_round(%.17g, %d): \"%s\", the rule says \"%s\"", x, decimals, got,
			 want);
	checked++;
}

/* Both signs, and the doubles right next to x. */
static void around(double x, int decimals)
{
	same(x, decimals);
	same(-x, decimals);
	same(nextafter(x, INFINITY), decimals);
	same(nextafter(x, -INFINITY), decimals);
	same(-nextafter(x, INFINITY), decimals);
}

static uint64_t rng = 88172645463325252ull;

static uint64_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void test_ties(void **state)
{
	static const double p10[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10 };
	(void)state;

	checked = 0;
	/* the classic cases */
	same(946.5, 0);
	same(-946.5, 0);
	same(0.125, 2);
	same(2.675, 2);
	same(1.005, 2);
	same(-0.005, 2);
	same(0.0049999999999999, 2);
	same(99.995, 2);
	same(999999.5, 0);
	/* (k + 0.5) / 10^d for every d a table uses, small k exhaustively */
	for (int d = 0; d <= 9; d++)
		for (uint64_t k = 0; k < 1000; k++)
			around(((double)k * 10 + 5) / p10[d + 1], d);
	/* and random k up to the fast path's limit */
	for (int i = 0; i < 50000; i++) {
		int d = (int)(next_random() % 8);
		uint64_t k = next_random() % 1000000000u;
		around(((double)k * 10 + 5) / p10[d + 1], d);
	}
	assert_true(checked > 300000);
}

static void test_everyday_figures(void **state)
{
	(void)state;

	/* percentiles as batch computes them: 100 (s + w) / 2n */
	for (int i = 0; i < 80000; i++) {
		uint64_t n = 1 + next_random() % 200000, s = next_random() % n,
			 w = s + next_random() % (n - s + 1);
		double pct = 100.0 * (double)(s + w) / (2.0 * (double)n);
		same(pct, 2);
		same(pct, 1);
	}
	/* growth and gaps: differences and ratios of carton counts */
	for (int i = 0; i < 80000; i++) {
		double a = (double)(next_random() % 100000), b = (double)(1 + next_random() % 100000);
		same(100.0 * (a - b) / b, 2);
		same((a - b) / 4.0, 6);
		same(a / 3.0, (int)(next_random() % 10));
	}
	/* random doubles of every magnitude, any number of decimals */
	for (int i = 0; i < 80000; i++) {
		double m = (double)(next_random() >> 11) / 9007199254740992.0;
		int e = (int)(next_random() % 40) - 20;
		double x = ldexp(m, e * 3);
		if (next_random() & 1)
			x = -x;
		same(x, (int)(next_random() % 18));
	}
	/* whole numbers, zeros, limits of the fast paths */
	static const double edge[] = { 0, -0.0, 1, -1, 7, 1e9, 1e9 - 0.5, 999999999.5, 9e15,
				       9e15 - 1, 1e16, 4503599627370495.5, 1e-7, 5e-7, 1e300,
				       -1e300, 5e-324 };
	for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++)
		for (int d = 0; d <= 17; d++)
			around(edge[i], d);
}

/* batch_format_num is number_round but for NaN (empty) and x * 10^d >= 9e15 ("%.15g"). */
static void test_batch_format_num(void **state)
{
	char got[40], want[400];
	(void)state;

	for (int i = 0; i < 50000; i++) {
		double x = (double)(int64_t)(next_random() % 2000000000) / (double)(1 + next_random() % 1000);
		int d = (int)(next_random() % 7);
		if (next_random() & 1)
			x = -x;
		size_t n = batch_format_num(x, d, got);
		slow_round(x, d, want);
		if (strcmp(got, want) != 0 || n != strlen(want))
			fail_msg("batch_format_num(%.17g, %d): \"%s\", the rule says \"%s\"", x, d,
				 got, want);
	}
	assert_int_equal(batch_format_num(NAN, 2, got), 0);
	assert_string_equal(got, "");
}

/* A short buffer is cut as snprintf cuts, and the full length returned. */
static void test_cut(void **state)
{
	char buf[4];
	(void)state;

	assert_int_equal(number_round(-1234.5678, 2, buf, sizeof buf), 8);
	assert_string_equal(buf, "-12");
	assert_int_equal(number_round(2.5, 0, buf, 1), 1);
	assert_string_equal(buf, "");
	assert_int_equal(number_round_fixed(61, 1, buf, sizeof buf), 4);
	assert_string_equal(buf, "61.");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_everyday_figures),
		cmocka_unit_test(test_batch_format_num),
		cmocka_unit_test(test_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
