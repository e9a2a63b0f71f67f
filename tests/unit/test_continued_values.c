/*
 * test_continued_values.c: a value over several lines of a template file, each "|"
 * line one more line of the value (planner/templates.c), as the --help texts of
 * templates/messages-en.txt are written; a "|" line under no key line is an error
 * naming its line; and the shipped help texts read back as whole lines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "messages.h"
#include "templates.h"

static char path[64];

/* Loads text as a template file: its status; *t the set (NULL on failure). */
static int load(const char *text, tmpl_set **t, diag *err)
{
	snprintf(path, sizeof path, "/tmp/test_continued.XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	*t = NULL;
	int status = tmpl_load_text(path, "xx", t, err);
	unlink(path);
	return status;
}

static void test_continued(void **state)
{
	tmpl_set *t;
	diag err;
	(void)state;

	assert_int_equal(load("one = first line\n"
			      "|  second, its blanks kept\n"
			      "   |third \\n fourth\n"
			      "block =\n"
			      "|\n"
			      "|after an empty line\n"
			      "|\n"
			      "|{name} = {{x}}\n"
			      "quoted = \"  a \"\n"
			      "|b\n"
			      "plain = no continuation\n",
			      &t, &err), EXIT_OK);
	assert_string_equal(tmpl_get(t, "one"),
			    "first line\n  second, its blanks kept\nthird \n fourth");
	/* an empty key line: its first "|" line is the value's first line */
	assert_string_equal(tmpl_get(t, "block"), "\nafter an empty line\n\n{name} = {{x}}");
	assert_string_equal(tmpl_get(t, "quoted"), "  a \nb");
	assert_string_equal(tmpl_get(t, "plain"), "no continuation");
	char out[128];
	tmpl_arg a[] = { { "name", "n" } };
	assert_string_equal(tmpl_format(t, "block", NULL, a, 1, out, sizeof out),
			    "\nafter an empty line\n\nn = {x}");
	tmpl_free(t);
}

static void test_continued_under_nothing(void **state)
{
	tmpl_set *t;
	diag err;
	(void)state;

	diag_set_renderer(NULL);
	assert_int_equal(load("# a comment\n|stray\n", &t, &err), EXIT_DATAERR);
	assert_null(t);
	diag_parts m;
	diag_unpack(err.msg, &m);
	assert_string_equal(m.key, "templates.continuation");
	assert_int_equal(m.line, 2);
	/* a blank line ends a value: a "|" line after it belongs to nothing */
	assert_int_equal(load("k = v\n\n|stray\n", &t, &err), EXIT_DATAERR);
	diag_unpack(err.msg, &m);
	assert_int_equal(m.line, 3);
}

static void test_shipped_help(void **state)
{
	char out[8192];
	(void)state;

	messages_init();
	messages_format(out, sizeof out, "help.main", NULL);
	assert_string_equal(out, "usage: planner <command> [options]\n\ncommands:");
	messages_format(out, sizeof out, "help.validate", NULL);
	assert_non_null(strstr(out, "\n  -q, --quiet     do not print \"ok\" lines\n"));
	messages_format(out, sizeof out, "help.option.by", NULL);
	assert_string_equal(out, "deadline of the promotion target (default: the next quarter;\n"
			    "plan: at most 8 quarters after the evaluated one)");
}

int main(void)
{
	setenv("PLANNER_DATADIR", ".", 0);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_continued),
		cmocka_unit_test(test_continued_under_nothing),
		cmocka_unit_test(test_shipped_help),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
