/*
 * test_messages.c: unit tests of problems as message keys with named arguments: a diag
 * packs its place, key and arguments (a separator in a value cannot split it), unpacks
 * them again, words itself in the plain form without a renderer and from
 * templates/messages-en.txt with one, and a text worded already passes as it is.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "messages.h"
#include "model.h"

static void test_pack_unpack(void **state)
{
	diag d;
	diag_parts m;
	(void)state;

	diag_set_renderer(NULL);
	diag_msg(&d, EXIT_DATAERR, "r.xml", 12, "3209031001", "<orders>", "error.demo",
		 "value", "-5", "what", "a\x1f" "b", NULL);
	assert_int_equal(d.status, EXIT_DATAERR);
	assert_int_equal(d.line, 12);
	diag_unpack(d.msg, &m);
	assert_string_equal(m.file, "r.xml");
	assert_int_equal(m.line, 12);
	assert_string_equal(m.store, "3209031001");
	assert_string_equal(m.field, "<orders>");
	assert_string_equal(m.key, "error.demo");
	assert_int_equal(m.n_args, 2);
	assert_string_equal(m.name[0], "value");
	assert_string_equal(m.value[0], "-5");
	assert_string_equal(m.value[1], "a b");      /* the separator became a space */
	assert_string_equal(d.text, "r.xml:12: store 3209031001: <orders>: error.demo value=-5 "
				    "what=a b");
}

static void test_no_place(void **state)
{
	diag d;
	diag_parts m;
	(void)state;

	diag_set_renderer(NULL);
	diag_msg(&d, EXIT_USAGE, NULL, 0, NULL, NULL, "error.bare", NULL);
	diag_unpack(d.msg, &m);
	assert_string_equal(m.file, "");
	assert_int_equal(m.line, 0);
	assert_int_equal(m.n_args, 0);
	assert_string_equal(d.text, "error.bare");
	diag_msg(&d, EXIT_USAGE, "f.xml", 0, NULL, NULL, "error.bare", NULL);
	assert_string_equal(d.text, "f.xml: error.bare");
}

/* A text worded already (libxml2's own, a problem passed on) goes as the empty key's
 * "text", with and without the renderer. */
static void test_worded_text(void **state)
{
	diag d;
	(void)state;

	diag_set_renderer(NULL);
	diag_msg(&d, EXIT_DATAERR, "r.xml", 3, "S1", "<name>", "", "text", "\"x\" is 7", NULL);
	assert_string_equal(d.text, "r.xml:3: store S1: <name>: \"x\" is 7");
	messages_init();
	diag_msg(&d, EXIT_DATAERR, "r.xml", 3, "S1", "<name>", "", "text", "\"x\" is 7", NULL);
	assert_string_equal(d.text, "r.xml:3: store S1: <name>: \"x\" is 7");
}

static void test_english_words(void **state)
{
	char out[256];
	(void)state;

	messages_init();
	assert_non_null(messages_of("en"));
	messages_format(out, sizeof out, "usage.see-help", "cmd", "batch", NULL);
	assert_string_equal(out, " (see 'planner batch --help')");
	/* a language without a file falls back to English */
	assert_ptr_equal(messages_of("xx"), messages_of("en"));
	/* a key the catalogue lacks keeps its plain form, never a blank */
	messages_format(out, sizeof out, "no.such-key", "n", "1", NULL);
	assert_string_equal(out, "no.such-key n=1");
}

static void test_long_value_cut(void **state)
{
	char big[3000];
	diag d;
	diag_parts m;
	(void)state;

	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	diag_set_renderer(NULL);
	diag_msg(&d, EXIT_DATAERR, "r.xml", 1, NULL, NULL, "error.long", "value", big, NULL);
	diag_unpack(d.msg, &m);
	assert_string_equal(m.key, "error.long");
	assert_true(strlen(d.msg) < sizeof d.msg);
	assert_true(strlen(d.text) < sizeof d.text);
}

int main(void)
{
	setenv("PLANNER_DATADIR", ".", 0);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pack_unpack),
		cmocka_unit_test(test_no_place),
		cmocka_unit_test(test_worded_text),
		cmocka_unit_test(test_english_words),
		cmocka_unit_test(test_long_value_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
