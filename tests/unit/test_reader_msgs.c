/*
 * test_reader_msgs.c: unit tests of the reader's problems as message keys: a field rule's
 * reason placed afterwards (diag_at) keeps its key and arguments; every problem a store
 * can have (store.*, xml.element.*, region.*) has a Chinese wording in
 * templates/messages-zh.txt, with no placeholder English lacks; a packed problem is
 * worded in Chinese for summary.pdf and in English for the CSV.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "field_rules.h"
#include "messages.h"
#include "model.h"

static void test_field_rule_placed(void **state)
{
	category_code code;
	diag d;
	diag_parts m;
	(void)state;

	assert_int_equal(field_check_code("Y421", &code, &d), -1);
	diag_at(&d, EXIT_DATAERR, "r.xml", 7, "S1", "<code>");
	diag_unpack(d.msg, &m);
	assert_string_equal(m.file, "r.xml");
	assert_int_equal(m.line, 7);
	assert_string_equal(m.store, "S1");
	assert_string_equal(m.field, "<code>");
	assert_string_equal(m.key, "store.code.scale");
	assert_int_equal(m.n_args, 1);
	assert_string_equal(m.name[0], "code");
	assert_string_equal(m.value[0], "Y421");
	assert_string_equal(d.text, "r.xml:7: store S1: <code>: \"Y421\": position 2 (scale) "
				    "must be 1, 2 or 3");
	/* the English words alone, for a caller that names the store id's problem */
	char why[160];
	assert_int_equal(field_store_id("a/b", why, sizeof why), -1);
	assert_non_null(strstr(why, "a/b"));
}

/* Whether every {name} of zh is one of en's. */
static int placeholders_known(const char *zh, const char *en)
{
	for (const char *p = strchr(zh, '{'); p; p = strchr(p + 1, '{')) {
		const char *end = strchr(p, '}');
		char name[64];
		if (!end || (size_t)(end - p) >= sizeof name - 1)
			return 0;
		snprintf(name, sizeof name, "%.*s", (int)(end - p + 1), p);
		if (!strstr(en, name))
			return 0;
	}
	return 1;
}

static void test_every_store_reason_in_chinese(void **state)
{
	const tmpl_set *en = messages_of("en"), *zh = messages_of("zh");
	size_t checked = 0;
	(void)state;

	assert_non_null(en);
	assert_non_null(zh);
	assert_ptr_not_equal(en, zh);
	for (size_t i = 0; i < en->n_entries; i++) {
		const char *key = en->entries[i].key;
		if (strncmp(key, "store.", 6) != 0 && strncmp(key, "xml.element.", 12) != 0 &&
		    (strncmp(key, "region.", 7) != 0 || strcmp(key, "region.quarter.no-figure") == 0))
			continue;
		const char *words = tmpl_get(zh, key);
		if (!words)
			fail_msg("%s has no wording in messages-zh.txt", key);
		if (!placeholders_known(words, en->entries[i].value))
			fail_msg("%s: messages-zh.txt uses a placeholder English does not", key);
		checked++;
	}
	assert_true(checked >= 40);
}

static void test_words_by_language(void **state)
{
	char out[512];
	diag d;
	(void)state;

	diag_msg(&d, EXIT_DATAERR, "r.xml", 6, "3209031001", "<orders>/<q id=\"2007Q1\">",
		 "store.quantity", "value", "-5", NULL);
	assert_string_equal(d.text, "r.xml:6: store 3209031001: <orders>/<q id=\"2007Q1\">: "
				    "\"-5\" is not a quantity >= 0");
	messages_words(messages_of("zh"), d.msg, out, sizeof out);
	assert_string_equal(out, "“-5”不是大于等于0的数量");
	messages_words(messages_of("en"), d.msg, out, sizeof out);
	assert_string_equal(out, "\"-5\" is not a quantity >= 0");
	/* a key Chinese lacks: English words, never a key */
	diag_msg(&d, EXIT_DATAERR, "r.xml", 1, NULL, NULL, "xml.no-store", NULL);
	messages_words(messages_of("zh"), d.msg, out, sizeof out);
	assert_string_equal(out, "no <store> element");
	/* text that is not packed is already worded */
	messages_words(messages_of("zh"), "r.xml:3: broken", out, sizeof out);
	assert_string_equal(out, "r.xml:3: broken");
	diag_render("r.xml:3: broken", out, sizeof out);
	assert_string_equal(out, "r.xml:3: broken");
}

int main(void)
{
	setenv("PLANNER_DATADIR", ".", 0);
	messages_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_field_rule_placed),
		cmocka_unit_test(test_every_store_reason_in_chinese),
		cmocka_unit_test(test_words_by_language),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
