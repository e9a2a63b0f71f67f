/*
 * test_classify.c: unit tests of the peer-group classifier, shares, quarters, codes
 * and the promotion target, on plain data (no XML).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model.h"

static peer_stats group(const double *x, size_t n, classify_config cfg)
{
	peer_stats ps;
	assert_int_equal(classify_group(x, n, &cfg, &ps), 0);
	return ps;
}

static void test_rank_exact(void **state)
{
	(void)state;
	assert_int_equal(classify_rank(2000, 5), 1);      /* 20 % of 5 is exactly 1 */
	assert_int_equal(classify_rank(2000, 271), 55);   /* the seed group */
	assert_int_equal(classify_rank(5000, 271), 136);
	assert_int_equal(classify_rank(2000, 1), 1);
	assert_int_equal(classify_rank(2000, 10), 2);
	assert_int_equal(classify_rank(2000, 11), 3);
	assert_int_equal(classify_rank(3000, 10), 3);     /* 0.3 * 10 would drift in floats */
	assert_int_equal(classify_rank(1, 1000000), 100); /* 0.01 % */
	assert_int_equal(classify_rank(10000, 7), 7);
}

static void test_single_store(void **state)
{
	(void)state;
	double x[] = { 42 };
	classify_config cfg = CLASSIFY_DEFAULT;
	cfg.min_peers = 1;
	peer_stats ps = group(x, 1, cfg);
	assert_int_equal(ps.k_large, 1);
	assert_true(ps.threshold_large == 42 && ps.threshold_medium == 42);
	assert_int_equal(classify_class(&ps, 42), CLASS_LARGE);
	assert_true(fabs(classify_percentile(&ps, 42) - 50.0) < 1e-9);
	peer_stats_free(&ps);
}

static void test_five_stores(void **state)
{
	(void)state;
	double x[] = { 10, 50, 20, 40, 30 };
	classify_config cfg = CLASSIFY_DEFAULT;
	cfg.min_peers = 1;
	peer_stats ps = group(x, 5, cfg);
	assert_int_equal(ps.k_large, 1);                   /* ceil(0.2 * 5) = 1 */
	assert_int_equal(ps.k_medium, 3);                  /* ceil(0.5 * 5) = 3 */
	assert_true(ps.threshold_large == 50);
	assert_true(ps.threshold_medium == 30);
	assert_int_equal(classify_class(&ps, 50), CLASS_LARGE);
	assert_int_equal(classify_class(&ps, 40), CLASS_MEDIUM);
	assert_int_equal(classify_class(&ps, 30), CLASS_MEDIUM);
	assert_int_equal(classify_class(&ps, 20), CLASS_SMALL);
	/* percentile of 30: (2 below + 3 at or below) / 10 */
	assert_true(fabs(classify_percentile(&ps, 30) - 50.0) < 1e-9);
	assert_true(fabs(classify_percentile(&ps, 10) - 10.0) < 1e-9);
	peer_stats_free(&ps);
}

static void test_all_equal(void **state)
{
	(void)state;
	double x[12];
	for (int i = 0; i < 12; i++)
		x[i] = 100;
	peer_stats ps = group(x, 12, CLASSIFY_DEFAULT);
	assert_true(ps.threshold_large == 100 && ps.threshold_medium == 100);
	assert_int_equal(classify_class(&ps, 100), CLASS_LARGE);   /* ties count as above */
	assert_true(fabs(classify_percentile(&ps, 100) - 50.0) < 1e-9);
	peer_stats_free(&ps);
}

static void test_ties_at_threshold(void **state)
{
	(void)state;
	/* 10 stores, k_large = 2: the 2nd largest is 90, and three stores have 90 */
	double x[] = { 100, 90, 90, 90, 50, 40, 30, 20, 10, 5 };
	peer_stats ps = group(x, 10, CLASSIFY_DEFAULT);
	assert_true(ps.threshold_large == 90);
	assert_int_equal(classify_class(&ps, 90), CLASS_LARGE);
	assert_int_equal(classify_class(&ps, 89.99), CLASS_MEDIUM);
	assert_true(ps.threshold_medium == 50);                   /* 5th largest */
	peer_stats_free(&ps);
}

static void test_min_peers(void **state)
{
	(void)state;
	double x[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	peer_stats ps = group(x, 9, CLASSIFY_DEFAULT);   /* min_peers 10 */
	assert_false(ps.enough_peers);
	evaluation ev;
	category_code c = { 'Y', '2', '2', '1' };
	evaluation_compute(&ev, &c, 2007 * 4, 9, &ps, QUARTER_NONE);
	assert_int_equal(ev.status, STATUS_INSUFFICIENT_PEERS);
	assert_int_equal(ev.computed_code.scale, '2');             /* the code is kept */
	assert_int_equal(ev.target_class, CLASS_NONE);
	peer_stats_free(&ps);
}

static void test_zero_and_missing_orders(void **state)
{
	(void)state;
	double x[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 10 };
	peer_stats ps = group(x, 10, CLASSIFY_DEFAULT);
	category_code c = { 'S', '3', '1', '1' };
	evaluation ev;
	evaluation_compute(&ev, &c, 2007 * 4, 0, &ps, QUARTER_NONE);
	assert_int_equal(ev.status, STATUS_OK);
	/* thresholds: 2nd largest 0, 5th largest 0; a store that ordered nothing is never
	 * moved up by a zero threshold: it is small, and any figure above 0 (1 as the
	 * target) makes it medium; growth from 0 has no rate */
	assert_true(ps.threshold_large == 0 && ps.threshold_medium == 0);
	assert_int_equal(ev.computed_class, CLASS_SMALL);
	assert_int_equal(ev.computed_code.scale, '3');
	assert_int_equal(ev.target_class, CLASS_MEDIUM);
	assert_true(ev.target_orders == 1 && ev.gap == 1);
	assert_true(isnan(ev.growth_required_pct));
	assert_int_equal(classify_class(&ps, 0), CLASS_SMALL);
	assert_int_equal(classify_class(&ps, 10), CLASS_LARGE);
	/* a large store that stopped ordering falls to small, never stays up */
	category_code l = { 'S', '1', '1', '1' };
	evaluation_compute(&ev, &l, 2007 * 4, 0, &ps, QUARTER_NONE);
	assert_int_equal(ev.computed_class, CLASS_SMALL);
	/* in a group with a medium threshold of 0 but a positive large one */
	double y[] = { 0, 0, 0, 0, 0, 0, 5, 10, 20, 30 };
	peer_stats py = group(y, 10, CLASSIFY_DEFAULT);
	assert_true(py.threshold_large == 20 && py.threshold_medium == 0);
	assert_int_equal(classify_class(&py, 0), CLASS_SMALL);
	assert_int_equal(classify_class(&py, 5), CLASS_MEDIUM);
	evaluation_compute(&ev, &c, 2007 * 4, 0, &py, QUARTER_NONE);
	assert_int_equal(ev.target_class, CLASS_MEDIUM);
	assert_true(ev.target_orders == 1);
	peer_stats_free(&py);
	evaluation_compute(&ev, &c, 2007 * 4, NAN, &ps, QUARTER_NONE);
	assert_int_equal(ev.status, STATUS_NO_ORDERS);
	assert_true(isnan(ev.percentile));
	peer_stats_free(&ps);
}

static void test_seed_target(void **state)
{
	(void)state;
	/* 271 figures where the 55th largest is 1449 and 946 is medium */
	double x[271];
	for (int i = 0; i < 271; i++)
		x[i] = i < 54 ? 1500 + i : i == 54 ? 1449 : 1400 - (i - 55) * 8;
	x[200] = 946;
	peer_stats ps = group(x, 271, CLASSIFY_DEFAULT);
	assert_true(ps.threshold_large == 1449);
	assert_true(ps.threshold_medium < 946);
	category_code c = { 'Y', '2', '2', '1' };
	evaluation ev;
	evaluation_compute(&ev, &c, 2007 * 4, 946, &ps, QUARTER_NONE);
	char code[5], q[12];
	code_format(&ev.target_code, code);
	assert_string_equal(code, "Y121");
	assert_true(ev.gap == 503);
	assert_true(fabs(ev.growth_required_pct - 53.17) < 0.01);
	quarter_format(ev.deadline, q);
	assert_string_equal(q, "2007Q2");
	peer_stats_free(&ps);
}

static void test_large_store_margin(void **state)
{
	(void)state;
	double x[] = { 100, 90, 80, 70, 60, 50, 40, 30, 20, 10 };
	peer_stats ps = group(x, 10, CLASSIFY_DEFAULT);
	category_code c = { 'B', '2', '1', '1' };
	evaluation ev;
	evaluation_compute(&ev, &c, 2007 * 4, 100, &ps, QUARTER_NONE);
	assert_int_equal(ev.computed_class, CLASS_LARGE);
	assert_int_equal(ev.target_class, CLASS_NONE);
	assert_true(ev.margin == 10);
	assert_int_equal(ev.computed_code.scale, '1');
	peer_stats_free(&ps);
}

static void test_small_targets_medium(void **state)
{
	(void)state;
	double x[] = { 100, 90, 80, 70, 60, 50, 40, 30, 20, 10 };
	peer_stats ps = group(x, 10, CLASSIFY_DEFAULT);
	category_code c = { 'B', '1', '1', '1' };
	evaluation ev;
	evaluation_compute(&ev, &c, 2007 * 4 + 3, 20, &ps, 2008 * 4 + 2);
	assert_int_equal(ev.computed_class, CLASS_SMALL);
	assert_int_equal(ev.target_class, CLASS_MEDIUM);
	assert_true(ev.target_orders == 60);
	assert_true(ev.gap == 40);
	char q[12];
	quarter_format(ev.deadline, q);
	assert_string_equal(q, "2008Q3");                         /* --by */
	peer_stats_free(&ps);
}

static void test_shares_parse(void **state)
{
	(void)state;
	shares s;
	const char *why;
	assert_int_equal(shares_parse("20,30,50", &s, &why), 0);
	assert_int_equal(s.large, 2000);
	assert_int_equal(shares_parse("12.5,37.5,50", &s, &why), 0);
	assert_int_equal(s.large, 1250);
	assert_int_equal(s.medium, 3750);
	assert_int_equal(shares_parse("20,30,40", &s, &why), -1);     /* not 100 */
	assert_string_equal(why, "classify.shares.sum");    /* a key of messages-en.txt */
	assert_int_equal(shares_parse("20,30", &s, &why), -1);
	assert_string_equal(why, "classify.shares.format");
	assert_int_equal(shares_parse("a,b,c", &s, &why), -1);
	assert_int_equal(shares_parse("0,50,50", &s, &why), -1);
	assert_string_equal(why, "classify.shares.large");
	assert_int_equal(shares_parse("20,30,50,", &s, &why), -1);
	assert_int_equal(shares_parse("-20,70,50", &s, &why), -1);
}

static void test_custom_shares(void **state)
{
	(void)state;
	double x[] = { 100, 90, 80, 70, 60, 50, 40, 30, 20, 10 };
	classify_config cfg = CLASSIFY_DEFAULT;
	const char *why;
	assert_int_equal(shares_parse("30,30,40", &cfg.shares, &why), 0);
	peer_stats ps = group(x, 10, cfg);
	assert_true(ps.threshold_large == 80);     /* 3rd largest */
	assert_true(ps.threshold_medium == 50);    /* 6th largest */
	peer_stats_free(&ps);
}

static void test_quarters(void **state)
{
	(void)state;
	quarter_t q;
	char s[12];
	assert_int_equal(quarter_parse("2007Q1", &q), 0);
	quarter_format(quarter_add(q, 1), s);
	assert_string_equal(s, "2007Q2");
	quarter_format(quarter_add(q, -1), s);
	assert_string_equal(s, "2006Q4");
	assert_int_equal(quarter_parse("2007Q5", &q), -1);
	assert_int_equal(quarter_parse("2007Q0", &q), -1);
	assert_int_equal(quarter_parse("07Q1", &q), -1);
	assert_int_equal(quarter_parse("2007q1", &q), -1);
	assert_int_equal(quarter_parse("2007Q1 ", &q), -1);
	assert_int_equal(quarter_parse("2007Q12", &q), -1);
	assert_int_equal(quarter_parse("2007Q", &q), -1);
	assert_int_equal(quarter_parse("2007", &q), -1);
	assert_int_equal(quarter_parse("200", &q), -1);
	assert_int_equal(quarter_parse("", &q), -1);
}

static void test_codes(void **state)
{
	(void)state;
	category_code c;
	const char *why;
	char s[5], g[3];
	assert_int_equal(code_parse("Y221", &c, &why), 0);
	assert_int_equal(code_class(&c), CLASS_MEDIUM);
	code_format(&(category_code){ 0 }, s);
	c = code_with_class(c, CLASS_LARGE);
	code_format(&c, s);
	assert_string_equal(s, "Y121");             /* only digit 2 changes */
	code_peer_group(&c, g);
	assert_string_equal(g, "Y2");
	assert_int_equal(code_parse("Y2211", &c, &why), -1);
	assert_int_equal(code_parse("y221", &c, &why), -1);
	assert_int_equal(code_parse("Y421", &c, &why), -1);
	assert_string_equal(why, "scale");     /* store.code.scale words it */
	assert_int_equal(code_parse("Y231", &c, &why), -1);
	assert_string_equal(why, "market");
	assert_int_equal(code_parse("Y224", &c, &why), -1);
	assert_int_equal(code_parse("", &c, &why), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rank_exact),
		cmocka_unit_test(test_single_store),
		cmocka_unit_test(test_five_stores),
		cmocka_unit_test(test_all_equal),
		cmocka_unit_test(test_ties_at_threshold),
		cmocka_unit_test(test_min_peers),
		cmocka_unit_test(test_zero_and_missing_orders),
		cmocka_unit_test(test_seed_target),
		cmocka_unit_test(test_large_store_margin),
		cmocka_unit_test(test_small_targets_medium),
		cmocka_unit_test(test_shares_parse),
		cmocka_unit_test(test_custom_shares),
		cmocka_unit_test(test_quarters),
		cmocka_unit_test(test_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
