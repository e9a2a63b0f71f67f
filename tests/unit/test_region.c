/*
 * test_region.c: unit tests of building a region table (region.c): strings by offset
 * with offset 0 the empty string, entries appended and counted invalid by their error
 * (kept beside the table, found again by entry),
 * the header and growth facts copied (the region owns them: model.h), order figures
 * kept exactly in their 4-byte code, names shared, and release.
 */
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "field_rules.h"
#include "model.h"

static void test_strings_and_entries(void **state)
{
	region r = { 0 };
	uint32_t a, b;
	char long_name[100000];
	(void)state;

	assert_int_equal(region_add_string(&r, "3209031001", &a), 0);
	assert_true(a > 0);
	assert_string_equal(region_str(&r, 0), "");
	memset(long_name, 'x', sizeof long_name - 1);   /* longer than the first block */
	long_name[sizeof long_name - 1] = '\0';
	assert_int_equal(region_add_string(&r, long_name, &b), 0);
	assert_string_equal(region_str(&r, a), "3209031001");
	assert_string_equal(region_str(&r, b), long_name);

	region_entry e = { .id = a, .line = 7 };
	for (int i = 0; i < 3000; i++)    /* past the first block of entries */
		assert_int_equal(region_add_entry(&r, &e, 0), 0);
	assert_int_equal(region_add_entry(&r, &e, b), 0);
	assert_int_equal(r.n_stores, 3001);
	assert_int_equal(r.n_invalid, 1);
	assert_int_equal(r.stores[2999].line, 7);
	assert_false(r.stores[2999].invalid);
	assert_true(r.stores[3000].invalid);
	assert_int_equal(region_entry_error(&r, &r.stores[2999]), 0);
	assert_string_equal(region_str(&r, region_entry_error(&r, &r.stores[3000])), long_name);
	region_free(&r);
	assert_null(r.strings);
	assert_int_equal(r.n_stores, 0);
}

/* Every double comes back bit for bit: whole figures in the entry, the rest in
 * region.figures; NaN and a zeroed entry read as no figure. */
static void test_orders_exact(void **state)
{
	static const double xs[] = { 0, 1, 946, 1e9, 2147483646.0, 2147483647.0, 4294967296.0,
				     30.5, 0.1, 2.675, 1e-300, 1e300, -5, -0.0, 123456789.125 };
	size_t n = sizeof xs / sizeof xs[0];
	region r = { 0 };
	region_entry e = { 0 };
	quarter_t q = 2007 * 4;
	(void)state;

	e.base = q;
	for (int k = 0; k < REGION_HISTORY; k++)
		assert_true(isnan(region_orders(&r, &e, q - k)));
	for (size_t i = 0; i < n; i++) {
		int k = (int)(i % REGION_HISTORY);
		assert_int_equal(region_set_orders(&r, &e, k, xs[i]), 0);
		double got = region_orders(&r, &e, q - k);
		assert_memory_equal(&got, &xs[i], sizeof got);
	}
	assert_int_equal(r.n_figures, 10);   /* 2^31-1 and up, decimals, negatives, -0 */
	assert_int_equal(region_set_orders(&r, &e, 1, NAN), 0);
	assert_true(isnan(region_orders(&r, &e, q - 1)));
	assert_true(isnan(region_orders(&r, &e, q + 1)));              /* outside the history */
	assert_true(isnan(region_orders(&r, &e, q - REGION_HISTORY)));
	assert_int_equal(sizeof e, 40);   /* a million stores in 40 MB */
	region_free(&r);
	assert_null(r.figures);
}

/* Names: equal names share one copy, others get their own. */
/* The first error lines are kept beside the table, in entry order: each entry finds its
 * own, valid entries none, through every growth of that list; an entry keeps any int
 * line in its 31 bits. */
static void test_errors_beside_entries(void **state)
{
	region r = { 0 };
	char text[32];
	(void)state;

	for (uint32_t i = 0; i < 10000; i++) {
		region_entry e = { .line = i % 7 == 0 ? INT_MAX - i : i + 1 };
		uint32_t error = 0;
		if (i % 3 == 0 || (i > 5000 && i < 5100)) {
			snprintf(text, sizeof text, "r.xml:%u: broken", i);
			assert_int_equal(region_add_string(&r, text, &error), 0);
		}
		assert_int_equal(region_add_entry(&r, &e, error), 0);
	}
	size_t invalid = 0;
	for (uint32_t i = 0; i < 10000; i++) {
		const region_entry *e = &r.stores[i];
		int bad = i % 3 == 0 || (i > 5000 && i < 5100);
		assert_int_equal(e->invalid, bad);
		assert_int_equal(e->line, i % 7 == 0 ? INT_MAX - i : i + 1);
		uint32_t off = region_entry_error(&r, e);
		if (!bad) {
			assert_int_equal(off, 0);
			continue;
		}
		invalid++;
		snprintf(text, sizeof text, "r.xml:%u: broken", i);
		assert_string_equal(region_str(&r, off), text);
	}
	assert_int_equal(r.n_invalid, invalid);
	region_free(&r);
	assert_null(r.errors);
}

static void test_names_shared(void **state)
{
	region r = { 0 };
	uint32_t a, b, c, d;
	(void)state;

	assert_int_equal(region_add_name(&r, "和平日杂店", &a), 0);
	assert_int_equal(region_add_name(&r, "聚福烟酒商行", &b), 0);
	size_t len = r.strings_len;
	assert_int_equal(region_add_name(&r, "和平日杂店", &c), 0);
	assert_int_equal(c, a);
	assert_int_equal(r.strings_len, len);
	assert_int_equal(region_add_name(&r, "和平日杂", &d), 0);
	assert_true(d != a && d != b);
	assert_string_equal(region_str(&r, a), "和平日杂店");
	assert_string_equal(region_str(&r, b), "聚福烟酒商行");
	assert_string_equal(region_str(&r, d), "和平日杂");
	region_free(&r);
	assert_null(r.names);
}

static void test_header_and_growth(void **state)
{
	region r = { 0 };
	char id[] = "north", text[] = "GDP growth 2006";
	(void)state;

	assert_int_equal(region_set_header(&r, id, "北区", NULL), 0);
	assert_int_equal(region_add_growth(&r, "economy", text, 14.5, NULL), 0);
	assert_int_equal(region_add_growth(&r, "population", "", -0.5, NULL), 0);
	id[0] = text[0] = '?';            /* copies, not the caller's buffers */
	assert_string_equal(r.id, "north");
	assert_string_equal(r.name, "北区");
	assert_null(r.unit);
	assert_int_equal(r.n_growth, 2);
	assert_string_equal(r.growth[0].text, "GDP growth 2006");
	assert_string_equal(r.growth[1].name, "population");
	assert_true(r.growth[1].pct == -0.5);
	region_free(&r);                   /* everything: asan and valgrind check */
	assert_null(r.id);
	assert_null(r.growth);
}

/* One rule for store ids (reader, import, batch plan file names) and one hash. */
static void test_store_id_rule(void **state)
{
	(void)state;
	assert_true(field_store_id_ok("3209031001"));
	assert_true(field_store_id_ok("a.b_c-D"));
	assert_false(field_store_id_ok(".hidden"));
	assert_false(field_store_id_ok("../x"));
	assert_false(field_store_id_ok("a/b"));
	assert_false(field_store_id_ok(""));
	char long_id[FIELD_MAX_ID + 2];
	memset(long_id, '7', sizeof long_id - 1);
	long_id[sizeof long_id - 1] = '\0';
	assert_false(field_store_id_ok(long_id));          /* 65 bytes */
	long_id[FIELD_MAX_ID] = '\0';
	assert_true(field_store_id_ok(long_id));           /* 64 */
	assert_true(field_store_id_hash("") == 1469598103934665603ULL);   /* FNV-1a basis */
	assert_true(field_store_id_hash("a") != field_store_id_hash("b"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings_and_entries),
		cmocka_unit_test(test_orders_exact),
		cmocka_unit_test(test_errors_beside_entries),
		cmocka_unit_test(test_names_shared),
		cmocka_unit_test(test_header_and_growth),
		cmocka_unit_test(test_store_id_rule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
