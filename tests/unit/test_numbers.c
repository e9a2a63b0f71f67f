/*
 * test_numbers.c: unit tests of number_parse (models/numbers.c), the strict decimal
 * parser behind every quantity, area, year, distance and factor value in the XML, and
 * of number_round, the one rounding rule of every printed figure (text, CSV, JSON, PDF).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "batch_io.h"
#include "json_number.h"
#include "numbers.h"

static void accepts(const char *s, double want)
{
	double v = -12345;

	if (number_parse(s, &v) != 0)
		fail_msg("\"%s\" was refused", s);
	if (v != want)
		fail_msg("\"%s\" gave %.17g, expected %.17g", s, v, want);
}

static void refuses(const char *s)
{
	double v = -12345;

	if (number_parse(s, &v) == 0)
		fail_msg("\"%s\" was accepted as %.17g", s, v);
	assert_true(v == -12345);   /* *out untouched */
}

static void test_plain_decimals(void **state)
{
	(void)state;
	accepts("946", 946);
	accepts("0", 0);
	accepts("0015", 15);
	accepts("30.5", 30.5);
	accepts(".5", 0.5);
	accepts("5.", 5);
	accepts("+5", 5);
	accepts("-5", -5);          /* the sign is the caller's business (quantities >= 0) */
}

static void test_integer_fast_path(void **state)
{
	(void)state;
	accepts("999999999999999", 999999999999999.0);      /* 15 digits: exact */
	accepts("1000000000000000", 1e15);                  /* 16 digits: strtod */
	accepts("9007199254740993", 9007199254740992.0);    /* rounded like strtod */
	accepts("000000000000000000001", 1);
}

static void test_refused(void **state)
{
	static const char *bad[] = {
		"", " ", "-", "+", ".", "e3", "1e", "1e+", "1.2.3", "1,5", "1 000", " 5", "5 ",
		"0x10", "0X1F", "inf", "INF", "-inf", "infinity", "nan", "NaN", "-nan",
		"1e400", "-1e400", "1e-400", "1.2e3", "1E3", "1e+3", "25e-1", "1e9", "12abc", "５", "٣", "1_000", "++5", "--5", "5-",
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		refuses(bad[i]);
}

static void test_huge_but_finite(void **state)
{
	(void)state;
	accepts("99999999999999999999999", 1e23);   /* the reader's range check refuses it */
	accepts("0.00000000000000000000000000000000000000000000000001", 1e-50);
}

/* x with `decimals` decimals gives want in number_format, batch_format_num (CSV, summary
 * PDF) and json_number (JSON) alike. */
static void rounds(double x, int decimals, const char *want)
{
	char buf[400], csv[40];

	number_format(x, decimals, buf, sizeof buf);
	if (strcmp(buf, want) != 0)
		fail_msg("number_format(%.17g, %d) gave \"%s\", expected \"%s\"", x, decimals,
			 buf, want);
	if (decimals <= 6) {
		batch_format_num(x, decimals, csv);
		if (strcmp(csv, want) != 0)
			fail_msg("batch_format_num(%.17g, %d) gave \"%s\", expected \"%s\"", x,
				 decimals, csv, want);
	}
	json_t *j = json_number(x, decimals);
	char *text = json_dumps(j, JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));
	if (strtod(text, NULL) != strtod(want, NULL))
		fail_msg("json_number(%.17g, %d) gave %s, expected %s", x, decimals, text, want);
	free(text);
	json_decref(j);
}

static void test_round_half_away_from_zero(void **state)
{
	(void)state;
	rounds(946.5, 0, "947");
	rounds(-946.5, 0, "-947");
	rounds(0.5, 0, "1");
	rounds(-0.5, 0, "-1");
	rounds(1.5, 0, "2");
	rounds(2.5, 0, "3");
	rounds(0.125, 2, "0.13");
	rounds(-0.125, 2, "-0.13");
	rounds(1e15 + 0.5, 0, "1000000000000001");
}

static void test_round_the_decimal_typed(void **state)
{
	(void)state;
	rounds(1.005, 2, "1.01");       /* the double is 1.00499999999999989...: the user typed 1.005 */
	rounds(2.675, 2, "2.68");
	rounds(9.995, 2, "10");         /* carries into a new digit */
	rounds(0.045, 2, "0.05");
	rounds(0.005, 2, "0.01");       /* nothing kept but the carry */
	rounds(0.004, 2, "0");
	rounds(0.1 + 0.2, 6, "0.3");
	rounds(53.16701, 2, "53.17");
	rounds(99.995, 2, "100");
}

static void test_round_signs_and_limits(void **state)
{
	char buf[400];
	(void)state;
	rounds(-0.0, 0, "0");           /* no "-0" */
	rounds(-0.0, 2, "0");
	rounds(-0.001, 2, "0");
	rounds(-0.004, 2, "0");
	rounds(-3.25, 2, "-3.25");
	rounds(946, 6, "946");
	rounds(1e9, 6, "1000000000");
	rounds(999999.9999995, 6, "1000000");
	number_format(123.456, 15, buf, sizeof buf);
	assert_string_equal(buf, "123.456");          /* not the binary's ...000000003 */
	number_format(1.5e-5, 15, buf, sizeof buf);
	assert_string_equal(buf, "0.000015");
	number_format(1e20, 2, buf, sizeof buf);
	assert_string_equal(buf, "100000000000000000000");
	number_format(NAN, 2, buf, sizeof buf);
	assert_string_equal(buf, "nan");
	assert_int_equal(number_round(946.25, 1, buf, 3), 5);   /* "946.3", cut to "94" */
	assert_string_equal(buf, "94");
}

/* The fixed layout of percentages in text and plans ("%.1f" before): same rule, zeros kept. */
static void test_round_fixed(void **state)
{
	char buf[64];
	(void)state;
	number_round_fixed(0.25, 1, buf, sizeof buf);
	assert_string_equal(buf, "0.3");              /* printf gave "0.2" */
	number_round_fixed(53.15, 1, buf, sizeof buf);
	assert_string_equal(buf, "53.2");             /* the double is 53.149999...: "53.1" */
	number_round_fixed(61, 1, buf, sizeof buf);
	assert_string_equal(buf, "61.0");
	number_round_fixed(-2.25, 1, buf, sizeof buf);
	assert_string_equal(buf, "-2.3");
	number_round_fixed(-0.04, 1, buf, sizeof buf);
	assert_string_equal(buf, "0.0");              /* no "-0.0" */
	number_round_fixed(946.5, 0, buf, sizeof buf);
	assert_string_equal(buf, "947");
	number_round_fixed(-INFINITY, 1, buf, sizeof buf);
	assert_string_equal(buf, "-inf");
	assert_int_equal(number_round_fixed(7.5, 2, buf, sizeof buf), 4);
	assert_string_equal(buf, "7.50");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_decimals),
		cmocka_unit_test(test_integer_fast_path),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_huge_but_finite),
		cmocka_unit_test(test_round_half_away_from_zero),
		cmocka_unit_test(test_round_the_decimal_typed),
		cmocka_unit_test(test_round_signs_and_limits),
		cmocka_unit_test(test_round_fixed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
