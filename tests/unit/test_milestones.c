/*
 * test_milestones.c: milestones, trend and feasibility verdict (models/milestones.c) on
 * the worked example of DOMAIN.md and on the edge cases: retention, one quarter of
 * history, a deadline several quarters away, no target, calendar arithmetic.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "milestones.h"

#define Q(y, n) ((y) * 4 + (n) - 1)

static order_figure seed_orders[] = {
	{ Q(2006, 2), 861, 0 }, { Q(2006, 3), 902, 0 }, { Q(2006, 4), 915, 0 }, { Q(2007, 1), 946, 0 },
};

static store seed_store(size_t n_orders)
{
	store s = { 0 };
	s.id = "3209031001";
	s.orders = seed_orders + 4 - n_orders;
	s.n_orders = n_orders;
	return s;
}

/* Y221 with 946 orders in a group with thresholds 1449 / 752. */
static evaluation seed_ev(double orders, quarter_t deadline)
{
	evaluation ev = { 0 };
	ev.quarter = Q(2007, 1);
	ev.orders = orders;
	ev.threshold_large = 1449;
	ev.threshold_medium = 752;
	ev.deadline = deadline;
	ev.status = STATUS_OK;
	if (orders >= 1449) {
		ev.target_class = CLASS_NONE;
		ev.margin = orders - 1449;
	} else {
		ev.target_class = CLASS_LARGE;
		ev.target_orders = 1449;
		ev.gap = 1449 - orders;
	}
	return ev;
}

static const milestones_config cfg = { 60 };

static void test_seed(void **state)
{
	(void)state;
	store s = seed_store(4);
	evaluation ev = seed_ev(946, Q(2007, 2));
	milestones m;

	milestones_compute(&s, &ev, &cfg, &m);
	assert_false(m.retention);
	assert_true(m.target == 1449);
	assert_false(m.per_quarter);
	assert_int_equal(m.n_rows, 3);
	int ends[3][3] = { { 2007, 4, 30 }, { 2007, 5, 31 }, { 2007, 6, 30 } };
	for (int i = 0; i < 3; i++) {
		assert_int_equal(m.rows[i].year, ends[i][0]);
		assert_int_equal(m.rows[i].month, ends[i][1]);
		assert_int_equal(m.rows[i].day, ends[i][2]);
		assert_true(fabs(m.rows[i].period_orders - 483) < 1e-9);
		assert_true(fabs(m.rows[i].cumulative - 483 * (i + 1)) < 1e-9);
		assert_int_equal(m.rows[i].quarter, Q(2007, 2));
	}
	assert_true(m.has_trend);
	assert_int_equal(m.n_history, 4);
	assert_true(fabs(m.slope - 26.8) < 1e-9);           /* 134 / 5 */
	assert_true(fabs(m.intercept - 946.2) < 1e-9);      /* 906 + 26.8 * 1.5, at 2007Q1 */
	assert_true(fabs(m.projection - 973.0) < 1e-9);     /* 2007Q2 */
	assert_true(fabs(m.over_trend_pct - 100.0 * (1449 - 973.0) / 973.0) < 1e-9);
	assert_int_equal(m.verdict, MS_NEEDS_ACCELERATION);
	assert_int_equal(m.reach, Q(2007, 1) + 19);         /* ceil((1449 - 946.2) / 26.8) */

	milestones_config strict = { 30 };
	milestones_compute(&s, &ev, &strict, &m);
	assert_int_equal(m.verdict, MS_OUT_OF_REACH);
}

static void test_on_trend(void **state)
{
	(void)state;
	store s = seed_store(4);
	evaluation ev = seed_ev(946, Q(2007, 2));
	ev.target_orders = 960;   /* within the trend's 973 */
	milestones m;

	milestones_compute(&s, &ev, &cfg, &m);
	assert_int_equal(m.verdict, MS_ON_TREND);
	assert_true(m.over_trend_pct == 0);
}

static void test_retention(void **state)
{
	(void)state;
	store s = seed_store(4);
	evaluation ev = seed_ev(1600, Q(2007, 2));
	milestones m;

	milestones_compute(&s, &ev, &cfg, &m);
	assert_true(m.retention);
	assert_true(m.target == 1449);
	assert_int_equal(m.n_rows, 3);
	assert_true(fabs(m.rows[2].quarter_target - 1449) < 1e-9);
	/* the trend of 861, 902, 915, 946 ends near 973: below the threshold */
	assert_int_equal(m.verdict, MS_NEEDS_ACCELERATION);
}

static void test_one_quarter(void **state)
{
	(void)state;
	store s = seed_store(1);
	evaluation ev = seed_ev(946, Q(2007, 2));
	milestones m;

	milestones_compute(&s, &ev, &cfg, &m);
	assert_false(m.has_trend);
	assert_true(m.projection == 946);    /* flat without a trend */
	assert_true(fabs(m.over_trend_pct - 53.17124735729387) < 1e-9);
	assert_int_equal(m.verdict, MS_NEEDS_ACCELERATION);
	assert_int_equal(m.reach, QUARTER_NONE);
}

static void test_far_deadline(void **state)
{
	(void)state;
	store s = seed_store(4);
	evaluation ev = seed_ev(946, Q(2008, 1));   /* four quarters */
	milestones m;

	milestones_compute(&s, &ev, &cfg, &m);
	assert_true(m.per_quarter);
	assert_int_equal(m.n_rows, 4);
	for (int i = 0; i < 4; i++)
		/* whole units on the way, the target itself at the end */
		assert_true(fabs(m.rows[i].quarter_target - round(946 + 503.0 * (i + 1) / 4)) < 1e-9);
	assert_int_equal(m.rows[3].year, 2008);
	assert_int_equal(m.rows[3].month, 3);
	assert_int_equal(m.rows[3].day, 31);
	assert_true(fabs(m.projection - (946.2 + 26.8 * 4)) < 1e-9);
}

/* The printed milestones add up: each month's orders sum to the quarter-to-date figure,
 * the last of which is the quarter's target, all in whole units (752: 251 + 250 + 251,
 * never 251 + 251 = "501" beside 251 + 251 + 251 = "752"). */
static void test_rounding_adds_up(void **state)
{
	(void)state;
	store s = seed_store(4);
	static const double targets[] = { 752, 1449, 1000, 1001, 950.5 };
	static const quarter_t deadlines[] = { Q(2007, 2), Q(2007, 3), Q(2008, 1) };

	for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
		for (size_t k = 0; k < sizeof deadlines / sizeof deadlines[0]; k++) {
			evaluation ev = seed_ev(600, deadlines[k]);
			ev.target_orders = targets[t];
			milestones m;
			milestones_compute(&s, &ev, &cfg, &m);
			double sum = 0;
			for (size_t i = 0; i < m.n_rows; i++) {
				const milestone *r = &m.rows[i];
				if (i > 0 && r->quarter != m.rows[i - 1].quarter)
					sum = 0;
				sum += r->period_orders;
				assert_true(sum == r->cumulative);
				if (i + 1 < m.n_rows)
					assert_true(r->period_orders == round(r->period_orders));
				if (r->quarter != m.rows[m.n_rows - 1].quarter)
					assert_true(r->quarter_target == round(r->quarter_target));
				if (i + 1 == m.n_rows || r->quarter != m.rows[i + 1].quarter)
					assert_true(r->cumulative == r->quarter_target);
			}
			assert_true(m.rows[m.n_rows - 1].quarter_target == targets[t]);
		}
	}
	evaluation ev = seed_ev(600, Q(2007, 2));
	ev.target_orders = 752;
	milestones m;
	milestones_compute(&s, &ev, &cfg, &m);
	assert_true(m.rows[0].period_orders == 251 && m.rows[0].cumulative == 251);
	assert_true(m.rows[1].period_orders == 250 && m.rows[1].cumulative == 501);
	assert_true(m.rows[2].period_orders == 251 && m.rows[2].cumulative == 752);
}

static void test_no_target(void **state)
{
	(void)state;
	store s = seed_store(4);
	evaluation ev = seed_ev(946, Q(2007, 2));
	milestones m;

	ev.status = STATUS_INSUFFICIENT_PEERS;
	milestones_compute(&s, &ev, &cfg, &m);
	assert_int_equal(m.verdict, MS_NONE);
	assert_int_equal(m.n_rows, 0);
	assert_true(isnan(m.target));
	assert_true(m.has_trend);   /* the history is still worth showing */
}

static void test_month_end(void **state)
{
	(void)state;
	int y, m, d;

	milestones_month_end(Q(2007, 4), 1, &y, &m, &d);
	assert_int_equal(y, 2008);
	assert_int_equal(m, 1);
	assert_int_equal(d, 31);
	milestones_month_end(Q(2007, 4), 2, &y, &m, &d);
	assert_int_equal(d, 29);   /* 2008 is a leap year */
	milestones_month_end(Q(2099, 4), 2, &y, &m, &d);
	assert_int_equal(d, 28);
	milestones_month_end(Q(1999, 4), 2, &y, &m, &d);
	assert_int_equal(d, 29);   /* 2000: divisible by 400 */
	milestones_month_end(Q(2007, 1), 24, &y, &m, &d);
	assert_int_equal(y, 2009);
	assert_int_equal(m, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_on_trend),
		cmocka_unit_test(test_retention),
		cmocka_unit_test(test_one_quarter),
		cmocka_unit_test(test_far_deadline),
		cmocka_unit_test(test_rounding_adds_up),
		cmocka_unit_test(test_no_target),
		cmocka_unit_test(test_month_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
