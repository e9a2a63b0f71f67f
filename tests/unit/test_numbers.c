/*
 * test_numbers.c: unit tests of number_parse (models/numbers.c), the strict decimal
 * parser behind every quantity, area, year, distance and factor value in the XML.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_decimals),
		cmocka_unit_test(test_integer_fast_path),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_huge_but_finite),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
