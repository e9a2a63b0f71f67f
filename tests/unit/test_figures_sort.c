/*
 * test_figures_sort.c: unit tests of figures_sort (models/figures_sort.c) against
 * gsl_sort on the same figures: whole and fractional, repeated, negative, -0, infinite,
 * subnormal, of one magnitude and of many, below and above the size where the radix
 * sort takes over, and the inputs that go back to gsl_sort (a NaN); and
 * figures_sort_records against qsort by (key, original position): stable, -0 equal to
 * 0, a NaN refused with nothing changed.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_sort.h>

#include "figures_sort.h"

/* A small deterministic generator (the tests do not depend on rand()). */
static uint64_t next(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

/* Sorts a copy of x with each sort and checks they agree value by value, that the
 * result ascends, and that no -0 is left. */
static void check_against_gsl(const double *x, size_t n)
{
	double *mine = malloc((n ? n : 1) * sizeof *mine), *ref = malloc((n ? n : 1) * sizeof *ref);

	assert_non_null(mine);
	assert_non_null(ref);
	if (n) {
		memcpy(mine, x, n * sizeof *x);
		memcpy(ref, x, n * sizeof *x);
	}
	figures_sort(mine, n);
	gsl_sort(ref, 1, n);
	for (size_t i = 0; i < n; i++) {
		assert_true(mine[i] == ref[i]);    /* -0 == 0 */
		assert_false(mine[i] == 0 && signbit(mine[i]));
		if (i > 0)
			assert_true(mine[i - 1] <= mine[i]);
	}
	free(mine);
	free(ref);
}

static void test_whole_cartons(void **state)
{
	(void)state;
	size_t sizes[] = { 0, 1, 2, 3, 100, FIGURES_SORT_RADIX_MIN - 1, FIGURES_SORT_RADIX_MIN,
			   FIGURES_SORT_RADIX_MIN + 1, 50000, 273873 };
	uint64_t s = 7;

	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		size_t n = sizes[k];
		double *x = malloc((n ? n : 1) * sizeof *x);
		assert_non_null(x);
		for (size_t i = 0; i < n; i++)
			x[i] = (double)(next(&s) % 3000);   /* many repeats */
		check_against_gsl(x, n);
		free(x);
	}
}

static void test_mixed_figures(void **state)
{
	(void)state;
	size_t n = 20000;
	double *x = malloc(n * sizeof *x);
	uint64_t s = 11;

	assert_non_null(x);
	for (size_t i = 0; i < n; i++) {
		uint64_t r = next(&s);
		switch (r % 9) {
		case 0: x[i] = (double)(r % 100000) / 100; break;          /* decimals */
		case 1: x[i] = -(double)(r % 500); break;                   /* negative */
		case 2: x[i] = (r & 1) ? -0.0 : 0.0; break;
		case 3: x[i] = (r & 1) ? INFINITY : -INFINITY; break;
		case 4: x[i] = 4.9e-324 * (double)(r % 7); break;           /* subnormal */
		case 5: x[i] = ldexp((double)(r % 1000), (int)(r % 200) - 100); break;
		case 6: x[i] = 1e15 + (double)(r % 10); break;
		case 7: x[i] = -ldexp(1.0, (int)(r % 60)); break;
		default: x[i] = (double)(r % 2000); break;
		}
	}
	check_against_gsl(x, n);
	free(x);
}

/* Figures that differ only in their lowest bits, and only in their sign or exponent:
 * each of the six passes has work to do. */
static void test_every_digit(void **state)
{
	(void)state;
	size_t n = 4 * FIGURES_SORT_RADIX_MIN;
	double *x = malloc(n * sizeof *x);
	uint64_t s = 3;

	assert_non_null(x);
	for (size_t i = 0; i < n; i++) {
		uint64_t bits = (next(&s) << 31) ^ next(&s);
		bits &= ~(UINT64_C(0x7FF) << 52);            /* exponent cleared, then set to */
		bits |= (uint64_t)(next(&s) % 2046 + 1) << 52;   /* 1..2046: no NaN, no infinity */
		bits |= (next(&s) & 1) << 63;                /* either sign */
		memcpy(&x[i], &bits, sizeof bits);
	}
	check_against_gsl(x, n);
	for (size_t i = 0; i < n; i++)
		x[i] = nextafter(1000.0, (i & 1) ? 2000.0 : 0.0) + (double)(i % 3) * 1e-13;
	check_against_gsl(x, n);
	free(x);
}

/* All figures alike, already ascending, descending: nothing lost or invented. */
static void test_orders_of_input(void **state)
{
	(void)state;
	size_t n = 3 * FIGURES_SORT_RADIX_MIN;
	double *x = malloc(n * sizeof *x);

	assert_non_null(x);
	for (size_t i = 0; i < n; i++)
		x[i] = 1449;
	check_against_gsl(x, n);
	for (size_t i = 0; i < n; i++)
		x[i] = (double)i;
	check_against_gsl(x, n);
	for (size_t i = 0; i < n; i++)
		x[i] = (double)(n - i);
	check_against_gsl(x, n);
	free(x);
}

/* A NaN makes the radix sort give the figures back to gsl_sort untouched; the other
 * figures still come out ascending around it, as gsl_sort leaves them. */
static void test_nan_goes_to_gsl(void **state)
{
	(void)state;
	size_t n = FIGURES_SORT_RADIX_MIN + 10;
	double *x = malloc(n * sizeof *x), *ref = malloc(n * sizeof *ref);

	assert_non_null(x);
	assert_non_null(ref);
	for (size_t i = 0; i < n; i++)
		x[i] = (double)((i * 7919) % 1000);
	x[n / 2] = NAN;
	memcpy(ref, x, n * sizeof *x);
	figures_sort(x, n);
	gsl_sort(ref, 1, n);
	for (size_t i = 0; i < n; i++)
		assert_true(isnan(ref[i]) ? isnan(x[i]) : x[i] == ref[i]);
	free(x);
	free(ref);
}

typedef struct keyed {
	uint32_t tag;        /* original position */
	double key;
	char pad[4];         /* records of an odd size: 20 bytes */
} keyed;

static int by_key_then_tag(const void *a, const void *b)
{
	const keyed *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->tag > y->tag) - (x->tag < y->tag);
}

/* Records with many equal keys (each key used about 16 times), of every sign and
 * magnitude, -0 beside 0: the radix sort keeps equal keys in their order. */
static void test_records_stable(void **state)
{
	(void)state;
	static const double keys[] = { 0.0, -0.0, 12.67, -3.5, 1e-300, 5e12, 100, 99.99,
				       INFINITY, -INFINITY, 4.9e-324, 63.0 };
	size_t nk = sizeof keys / sizeof keys[0];
	uint64_t seed = 7;

	for (size_t n = 1; n <= 3 * FIGURES_SORT_RADIX_MIN; n = n * 3 + 1) {
		keyed *mine = calloc(n, sizeof *mine), *ref = calloc(n, sizeof *ref);
		assert_non_null(mine);
		assert_non_null(ref);
		for (size_t i = 0; i < n; i++) {
			uint64_t r = next(&seed);
			mine[i].tag = (uint32_t)i;
			mine[i].key = r % 3 ? keys[r % nk] : (double)(r % 1000) / 16.0;
		}
		memcpy(ref, mine, n * sizeof *ref);
		assert_int_equal(figures_sort_records(mine, n, sizeof *mine, offsetof(keyed, key)), 0);
		qsort(ref, n, sizeof *ref, by_key_then_tag);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(mine[i].tag, ref[i].tag);
			assert_true(mine[i].key == ref[i].key);
		}
		free(mine);
		free(ref);
	}
}

static void test_records_nan_refused(void **state)
{
	(void)state;
	keyed r[5] = { { 0, 3, "" }, { 1, 1, "" }, { 2, NAN, "" }, { 3, 2, "" }, { 4, 0, "" } };
	keyed before[5];

	memcpy(before, r, sizeof r);
	assert_int_equal(figures_sort_records(r, 5, sizeof r[0], offsetof(keyed, key)), -1);
	assert_memory_equal(r, before, sizeof r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_cartons),
		cmocka_unit_test(test_mixed_figures),
		cmocka_unit_test(test_every_digit),
		cmocka_unit_test(test_orders_of_input),
		cmocka_unit_test(test_nan_goes_to_gsl),
		cmocka_unit_test(test_records_stable),
		cmocka_unit_test(test_records_nan_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
