/*
 * test_grades.c: unit tests of grade schemes (grade file, exact ranks, thresholds, the
 * three classes as a 3-grade scheme), the hold-down and the match score and quadrants,
 * on plain data.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "grades.h"
#include "holddown.h"
#include "match.h"
#include "messages.h"
#include "model.h"

static grade_scheme parse_ok(const char *text)
{
	grade_scheme s;
	diag d;
	assert_int_equal(grades_parse(text, "g.txt", &s, &d), 0);
	return s;
}

static void parse_bad(const char *text, const char *expect)
{
	grade_scheme s;
	diag d;
	assert_int_equal(grades_parse(text, "g.txt", &s, &d), -1);
	assert_int_equal(d.status, EXIT_DATAERR);
	if (!strstr(d.text, expect))
		fail_msg("\"%s\" does not contain \"%s\"", d.text, expect);
}

/* A problem of the grade file as its key and the value of its argument arg. */
static void parse_bad_key(const char *text, int line, const char *key, const char *arg,
			  const char *value)
{
	grade_scheme s;
	diag d;
	diag_parts m;
	size_t i;
	assert_int_equal(grades_parse(text, "g.txt", &s, &d), -1);
	diag_unpack(d.msg, &m);
	assert_string_equal(m.file, "g.txt");
	assert_int_equal(m.line, line);
	assert_string_equal(m.key, key);
	for (i = 0; i < m.n_args && strcmp(m.name[i], arg) != 0; i++)
		;
	assert_true(i < m.n_args);
	assert_string_equal(m.value[i], value);
}

static void test_grade_file_keys(void **state)
{
	(void)state;
	parse_bad_key("A 50\nB 40\n", 2, "grades.sum", "sum", "90.00");
	parse_bad_key("A 50\nB\n", 2, "grades.words.one", "count", "1");
	parse_bad_key("A 50 x\n", 1, "grades.words", "count", "3");
	parse_bad_key("A 50\nB 1.234\n", 2, "grades.share", "share", "1.234");
	parse_bad_key("A 50\nA 50\n", 2, "grades.label-twice", "label", "A");
	parse_bad_key("A 50\n=B 50\n", 2, "grades.label-bad", "label", "=B");
}

static void test_grade_file(void **state)
{
	(void)state;
	grade_scheme s = parse_ok("# best first\nA 12.5\n\n  B\t37.50 # the middle\nC 50\n");
	assert_int_equal(s.n, 3);
	assert_string_equal(s.label[0], "A");
	assert_string_equal(s.label[2], "C");
	assert_int_equal(s.cum[0], 1250);
	assert_int_equal(s.cum[1], 5000);
	assert_int_equal(s.cum[2], 10000);
	parse_bad("A 50\nB 40\n", "g.txt:2: the shares add up to 90.00, not 100");
	parse_bad("A 50\nB 60\n", "g.txt:2: the shares add up to more than 100");
	parse_bad("A 50\nB\n", "g.txt:2: expected \"LABEL SHARE\"");
	parse_bad("A 50\nB 1.234\n", "g.txt:2: share \"1.234\"");
	parse_bad("A 0\nB 100\n", "g.txt:1: share \"0\"");
	parse_bad("A 50\nA 50\n", "g.txt:2: grade label \"A\" is listed twice");
	parse_bad("A 50 x\n", "g.txt:1: expected");
	parse_bad("# nothing\n", "no grades listed");
	parse_bad("A -5\nB 105\n", "g.txt:1: share \"-5\"");
	parse_bad("A 50\n=B 50\n", "g.txt:2: grade label \"=B\" must be");
	parse_bad("A,1 50\nB 50\n", "g.txt:1: grade label \"A,1\" must be");
	grade_scheme u = parse_ok("一档 50\n二档 50\n");
	assert_string_equal(u.label[1], "二档");
}

static void test_thirty_grades_file(void **state)
{
	grade_scheme s;
	diag d;
	(void)state;
	assert_int_equal(grades_load("templates/grades-30.txt", &s, &d), EXIT_OK);
	assert_int_equal(s.n, 30);
	assert_string_equal(s.label[0], "30");
	assert_string_equal(s.label[29], "1");
	assert_int_equal(s.cum[4], 900);      /* grades 26-30: 9 % */
	assert_int_equal(s.cum[9], 2700);     /* 21-25: 18 % */
	assert_int_equal(s.cum[14], 5000);    /* 16-20: 23 % */
	assert_int_equal(s.cum[19], 7300);    /* 11-15: 23 % */
	assert_int_equal(s.cum[29], 10000);   /* 1-10: 27 % */
}

static void test_exact_thresholds(void **state)
{
	(void)state;
	/* 0.3 * 10 and 0.7 * 10 would drift in floating point: k must be 3 and 7 */
	grade_scheme s = parse_ok("a 30\nb 40\nc 30\n");
	double x[10] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	grade_cuts c;
	grades_cut(&s, x, 10, &c);
	assert_true(c.t[0] == 8 && c.t[1] == 4 && c.t[2] == 1);
	assert_int_equal(grades_of(&c, 10), 0);
	assert_int_equal(grades_of(&c, 8), 0);      /* ties at a threshold go up */
	assert_int_equal(grades_of(&c, 7.99), 1);
	assert_int_equal(grades_of(&c, 4), 1);
	assert_int_equal(grades_of(&c, 3), 2);
	assert_int_equal(grades_of(&c, NAN), -1);
	assert_true(isnan(grades_next_orders(&c, 0, 10)));
	assert_true(grades_next_orders(&c, 1, 5) == 8);
	assert_true(grades_next_orders(&c, 2, 2) == 4);
	grades_cut(&s, x, 0, &c);
	assert_int_equal(grades_of(&c, 5), -1);
}

/* grades_of's search against its definition, read off the thresholds one by one: for
 * every number of grades up to GRADES_MAX, thresholds with runs of ties, and figures
 * at, just around, between and beyond each threshold, zero and below. */
static int grade_by_definition(const grade_cuts *c, double x)
{
	if (!(x > 0))
		return (int)c->n - 1;
	for (size_t j = 0; j + 1 < c->n; j++)
		if (x >= c->t[j])
			return (int)j;
	return (int)c->n - 1;
}

static void test_grades_of_every_size(void **state)
{
	grade_cuts c = { .figures = 1 };
	unsigned seed = 12345;
	size_t checked = 0;
	(void)state;

	for (size_t n = 1; n <= GRADES_MAX; n++) {
		for (int round = 0; round < 20; round++) {
			double v = 5000;
			c.n = n;
			for (size_t j = 0; j < n; j++) {
				seed = seed * 1103515245u + 12345u;
				if ((seed >> 16) % 3 != 0)    /* a third are ties with the one above */
					v -= 1 + (double)((seed >> 8) % 200);
				c.t[j] = v > 1 ? v : 1;
			}
			double probes[] = { -3, 0, 0.5, 1, 4999.5, 5000, 5001, 1e9 };
			for (size_t k = 0; k < sizeof probes / sizeof probes[0]; k++, checked++)
				assert_int_equal(grades_of(&c, probes[k]),
						 grade_by_definition(&c, probes[k]));
			for (size_t j = 0; j < n; j++) {
				double at[] = { c.t[j], c.t[j] - 0.25, c.t[j] + 0.25,
						nextafter(c.t[j], 0) };
				for (size_t k = 0; k < 4; k++, checked++)
					assert_int_equal(grades_of(&c, at[k]),
							 grade_by_definition(&c, at[k]));
			}
		}
	}
	assert_true(checked > 100000);
}

/* The three classes are the grade rule with three grades: on random groups with ties
 * and zeros, a 20/30/50 scheme gives exactly the classes, and the next grade's orders
 * are the class targets. */
static void test_three_grades_are_the_classes(void **state)
{
	(void)state;
	grade_scheme s = parse_ok("large 20\nmedium 30\nsmall 50\n");
	classify_config cfg = CLASSIFY_DEFAULT;
	cfg.min_peers = 1;
	srand(7);
	for (int round = 0; round < 500; round++) {
		size_t n = 1 + (size_t)(rand() % 60);
		double x[60];
		int spread = 1 + rand() % 40;
		for (size_t i = 0; i < n; i++)
			x[i] = (double)(rand() % spread) * (round % 3 ? 1.0 : 10.0);
		peer_stats ps;
		assert_int_equal(classify_group(x, n, &cfg, &ps), 0);
		grade_cuts c;
		grades_cut(&s, ps.sorted, n, &c);
		assert_true(c.t[0] == ps.threshold_large && c.t[1] == ps.threshold_medium);
		for (size_t i = 0; i < n; i++) {
			int g = grades_of(&c, x[i]);
			assert_int_equal(g + 1, classify_class(&ps, x[i]));
			evaluation ev;
			category_code code = { 'Y', '2', '2', '1' };
			evaluation_compute(&ev, &code, 100, x[i], &ps, QUARTER_NONE);
			double next = grades_next_orders(&c, g, x[i]);
			if (g == 0)
				assert_true(isnan(next) && isnan(ev.target_orders));
			else
				assert_true(next == ev.target_orders);
		}
		peer_stats_free(&ps);
	}
}

static void test_holddown_run(void **state)
{
	(void)state;
	int a[] = { 1, 1, 0, 1 };
	assert_int_equal(holddown_run(a, 4), 2);
	assert_int_equal(holddown_run(a, 1), 1);
	int b[] = { 1, 0 };
	assert_int_equal(holddown_run(b, 2), 1);
}

static void test_holddown_grades(void **state)
{
	int force[4];
	(void)state;
	/* hold 1: the grade in force is always the computed one */
	int c1[] = { 3, 5, 2, 4 };
	holddown_grades(c1, 4, 1, force);
	assert_true(force[0] == 3 && force[1] == 5 && force[2] == 2 && force[3] == 4);
	/* hold 2: one quarter below is held, the second moves down */
	int c2[] = { 3, 5, 5, 6 };
	assert_int_equal(holddown_grades(c2, 4, 2, force), 1);
	assert_true(force[0] == 3 && force[1] == 3 && force[2] == 5 && force[3] == 5);
	/* up at once; a quarter without a grade does not count as below */
	int c3[] = { 4, 2, -1, 6 };
	holddown_grades(c3, 4, 2, force);
	assert_true(force[0] == 4 && force[1] == 2 && force[2] == 2 && force[3] == 2);
	/* hold 3 */
	int c4[] = { 1, 2, 2, 2 };
	holddown_grades(c4, 4, 3, force);
	assert_true(force[1] == 1 && force[2] == 1 && force[3] == 2);
	int c5[] = { -1, -1, 7, 9 };
	holddown_grades(c5, 4, 2, force);
	assert_true(force[0] == -1 && force[2] == 7 && force[3] == 7);
}

static void test_match_rules(void **state)
{
	match_rules m;
	diag d;
	(void)state;
	assert_int_equal(match_parse("# c\nservice 2 score\nsole-supplier 1 yesno\n"
				     "self-learning|information 1 score\n"
				     "order-success 2 range 80 100\n", "m.txt", &m, &d), 0);
	assert_int_equal(m.n, 4);
	assert_int_equal(m.rule[2].n_names, 2);
	assert_int_equal(match_parse("service 0 score\n", "m.txt", &m, &d), -1);
	assert_non_null(strstr(d.text, "m.txt:1: weight \"0\""));
	assert_int_equal(match_parse("service 1 score\nx 1 range 5 5\n", "m.txt", &m, &d), -1);
	assert_non_null(strstr(d.text, "m.txt:2: range needs"));
	assert_int_equal(match_parse("service 1 linear\n", "m.txt", &m, &d), -1);
	assert_non_null(strstr(d.text, "m.txt:1: scale must be"));
	diag_parts k;
	diag_unpack(d.msg, &k);
	assert_string_equal(k.key, "match.scale");
	assert_string_equal(k.value[0], "linear");
	assert_int_equal(match_parse("service 1 linear x\n", "m.txt", &m, &d), -1);
	assert_string_equal(d.text, "m.txt:1: scale must be \"score\", \"yesno\" or \"range LO HI\", "
				    "not \"linear\" followed by more words");
	assert_int_equal(match_parse("service 1\n", "m.txt", &m, &d), -1);
	assert_int_equal(match_parse("\n# none\n", "m.txt", &m, &d), -1);
}

static void test_match_score(void **state)
{
	match_rules m;
	diag d;
	(void)state;
	assert_int_equal(match_parse("service 2 score\nsole-supplier 1 yesno\n"
				     "self-learning|information 1 score\n"
				     "order-success 2 range 80 100\n", "m.txt", &m, &d), 0);
	factor f[] = {
		{ "service", "4", 4, 1, 1 },
		{ "sole-supplier", "yes", 1, 2, 2 },
		{ "information", "3", 3, 1, 3 },
		{ "order-success", "90", 90, 1, 4 },
	};
	store s = { .factors = f, .n_factors = 4 };
	/* (2*4 + 5 + 3 + 2*3) / 6 = 22 / 6 = 3.666... -> 3.67 */
	assert_int_equal(match_score(&m, &s), 367);
	f[2].name = "self-learning";           /* the first name wins when present */
	f[2].value = 5;
	assert_int_equal(match_score(&m, &s), 400);
	f[3].value = 70;                        /* below the range: clamped to 1 */
	assert_int_equal(match_score(&m, &s), 333);
	s.n_factors = 3;                        /* order-success missing: no score */
	assert_int_equal(match_score(&m, &s), 0);
	assert_int_equal(match_quadrant(50, 300, 50, 300), QUADRANT_STRATEGIC);
	assert_int_equal(match_quadrant(70, 299, 50, 300), QUADRANT_PROFIT);
	assert_int_equal(match_quadrant(49.99, 450, 50, 300), QUADRANT_POTENTIAL);
	assert_int_equal(match_quadrant(10, 120, 50, 300), QUADRANT_ORDINARY);
	assert_int_equal(match_quadrant(NAN, 450, 50, 300), QUADRANT_NONE);
	assert_int_equal(match_quadrant(80, 0, 50, 300), QUADRANT_NONE);
	assert_string_equal(quadrant_name(QUADRANT_POTENTIAL), "potential");
}

int main(void)
{
	/* the messages worded in English, as planner prints them */
	setenv("PLANNER_DATADIR", ".", 0);
	messages_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grade_file),
		cmocka_unit_test(test_grade_file_keys),
		cmocka_unit_test(test_thirty_grades_file),
		cmocka_unit_test(test_exact_thresholds),
		cmocka_unit_test(test_grades_of_every_size),
		cmocka_unit_test(test_three_grades_are_the_classes),
		cmocka_unit_test(test_holddown_run),
		cmocka_unit_test(test_holddown_grades),
		cmocka_unit_test(test_match_rules),
		cmocka_unit_test(test_match_score),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
