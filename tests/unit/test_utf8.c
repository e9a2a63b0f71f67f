/*
 * test_utf8.c: unit tests of the text limits: cuts land on character boundaries and end
 * in "…" (Chinese, mixed ASCII, four-byte characters, tiny buffers, in place), and
 * noncharacters and broken sequences become U+FFFD before text reaches pango and cairo;
 * formatted text and problem lines are cut the same way.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model.h"
#include "utf8.h"

static void test_fits(void **state)
{
	char buf[16];
	(void)state;

	assert_int_equal(utf8_truncate(buf, sizeof buf, "文奇店"), 9);
	assert_string_equal(buf, "文奇店");
	assert_int_equal(utf8_truncate(buf, 10, "文奇店"), 9);   /* exactly: no cut */
	assert_string_equal(buf, "文奇店");
	assert_int_equal(utf8_truncate(buf, sizeof buf, ""), 0);
	assert_string_equal(buf, "");
}

static void test_cut_on_boundary(void **state)
{
	char buf[64];
	(void)state;

	/* 9 bytes of room: 6 for text + 3 for "…"; "a文奇" is 7, so "a文" and the ellipsis */
	assert_int_equal(utf8_truncate(buf, 10, "a文奇店x"), 7);
	assert_string_equal(buf, "a文…");
	/* 22 Chinese characters after one ASCII letter into 64 bytes: never half a character */
	const char *phrase = "a工业园区宾馆招待所居民小区学校医院菜市场汽车站";
	size_t n = utf8_truncate(buf, sizeof buf, phrase);
	assert_true(n < sizeof buf);
	assert_true(utf8_showable(buf));
	assert_string_equal(buf + n - 3, UTF8_ELLIPSIS);
	assert_memory_equal(buf, phrase, n - 3);
	/* a four-byte character is kept whole or left out */
	assert_int_equal(utf8_truncate(buf, 8, "ab\xF0\x9F\x98\x80zz"), 5);
	assert_string_equal(buf, "ab" UTF8_ELLIPSIS);
	assert_int_equal(utf8_truncate(buf, 10, "ab\xF0\x9F\x98\x80zzzz"), 9);
	assert_string_equal(buf, "ab\xF0\x9F\x98\x80" UTF8_ELLIPSIS);
}

static void test_tiny_and_in_place(void **state)
{
	char buf[32] = "文奇店文奇店";
	(void)state;

	assert_int_equal(utf8_truncate(buf, 4, "文奇"), 3);   /* room for "…" alone */
	assert_string_equal(buf, UTF8_ELLIPSIS);
	assert_int_equal(utf8_truncate(buf, 3, "文奇"), 0);   /* not even that */
	assert_string_equal(buf, "");
	assert_int_equal(utf8_truncate(buf, 3, "a文"), 1);
	assert_string_equal(buf, "a");
	assert_int_equal(utf8_truncate(buf, 0, "x"), 0);
	strcpy(buf, "文奇店文奇店");
	assert_int_equal(utf8_truncate(buf, 11, buf), 9);     /* in place */
	assert_string_equal(buf, "文奇" UTF8_ELLIPSIS);
	assert_int_equal(utf8_truncate_n(buf, sizeof buf, "abcdef", 3), 3);
	assert_string_equal(buf, "abc");
	assert_int_equal(utf8_boundary("文奇", 4), 3);
	assert_int_equal(utf8_boundary("文奇", 6), 6);
}

static void test_showable(void **state)
{
	(void)state;

	assert_true(utf8_showable("文奇店 Wen Qi \xF0\x9F\x98\x80"));
	assert_false(utf8_showable("文奇\xEF\xB7\x90店"));          /* U+FDD0 */
	assert_false(utf8_showable("x\xEF\xBF\xBE"));               /* U+FFFE */
	assert_false(utf8_showable("x\xF0\x9F\xBF\xBF"));           /* U+1FFFF */
	assert_false(utf8_showable("x\xE6\x96"));                   /* cut character */
	assert_false(utf8_showable("\xC0\xAF"));                    /* overlong */
	assert_false(utf8_showable("\xED\xA0\x80"));                /* surrogate */

	char *s = utf8_showable_dup("文奇\xEF\xB7\x90店\xE6\x96");
	assert_non_null(s);
	assert_string_equal(s, "文奇\xEF\xBF\xBD店\xEF\xBF\xBD");
	assert_true(utf8_showable(s));
	free(s);
	s = utf8_showable_dup("plain");
	assert_string_equal(s, "plain");
	free(s);
}

static void test_format(void **state)
{
	char buf[10];
	(void)state;

	assert_int_equal(utf8_format(buf, sizeof buf, "%s!", "ab"), 3);
	assert_string_equal(buf, "ab!");
	/* "店名: 文奇店" is 17 bytes: cut to "店名" + "…" (6 + 3), never half of "文" */
	assert_int_equal(utf8_format(buf, sizeof buf, "%s: %s", "店名", "文奇店"), 17);
	assert_string_equal(buf, "店名" UTF8_ELLIPSIS);
	assert_int_equal(utf8_format(buf, 3, "%s", "文"), 3);
	assert_string_equal(buf, "");
}

/* The one-line problem report: a long Chinese value cut on a character boundary, with
 * "…", and nothing after it. */
static void test_diag_cut(void **state)
{
	char value[2000] = "";
	diag d;
	(void)state;

	for (int i = 0; i < 150; i++)
		strcat(value, "文奇店");   /* 1350 bytes */
	diag_msg(&d, EXIT_DATAERR, "r.xml", 7, "s1", "<name>", "", "text", value, NULL);
	assert_true(utf8_showable(d.text));
	assert_true(strlen(d.text) < sizeof d.text);
	assert_string_equal(d.text + strlen(d.text) - 3, UTF8_ELLIPSIS);
	assert_memory_equal(d.text, "r.xml:7: store s1: <name>: 文奇店", 36);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fits),
		cmocka_unit_test(test_cut_on_boundary),
		cmocka_unit_test(test_tiny_and_in_place),
		cmocka_unit_test(test_showable),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_diag_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
