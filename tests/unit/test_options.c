/*
 * test_options.c: unit tests of the shared options (options.c): the merged getopt
 * table of a command, the values read the same way by every command (2007q1, EN,
 * zh_CN), and of the reporter (report.c): an error line clears a progress bar that
 * shows, and only then.
 */
#include <getopt.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "options.h"
#include "report.h"

static const struct option own[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ 0 },
};

static const struct option *find(const options_parser *p, const char *name)
{
	for (const struct option *o = p->table; o->name; o++)
		if (strcmp(o->name, name) == 0)
			return o;
	return NULL;
}

static void test_merged_table(void **state)
{
	options_parser p;
	options_common c;
	(void)state;

	options_begin(&p, "evaluate", OPTIONS_EVALUATE, own, "f:h", &c);
	assert_non_null(find(&p, "format"));
	assert_non_null(find(&p, "region"));
	assert_non_null(find(&p, "min-peers"));
	assert_non_null(find(&p, "lang"));      /* evaluate words its text too */
	assert_string_equal(p.shorts, "f:hr:q:l:");
	options_begin(&p, "batch", OPTIONS_BATCH, own, "h", &c);
	assert_null(find(&p, "region"));
	assert_non_null(find(&p, "lang"));
	/* the same option has the same code in every command */
	int by = find(&p, "by")->val;
	options_begin(&p, "plan", OPTIONS_PLAN, own, "h", &c);
	assert_int_equal(find(&p, "by")->val, by);
	assert_int_equal(c.quarter, QUARTER_NONE);
	assert_string_equal(c.lang, "zh");
	assert_int_equal(c.config.min_peers, 10);
}

static void test_parse_with_getopt(void **state)
{
	char *argv[] = { "plan", "-q", "2007q1", "--by", "2008Q1", "--min-peers", "5",
			 "--lang", "en_US", "--shares", "10,30,60", "-f", "png", "x.xml", NULL };
	int argc = (int)(sizeof argv / sizeof argv[0]) - 1, ch, took = 0;
	options_parser p;
	options_common c;
	const char *fmt = NULL;
	(void)state;

	options_begin(&p, "plan", OPTIONS_PLAN, own, "f:h", &c);
	while ((ch = getopt_long(argc, argv, p.shorts, p.table, NULL)) != -1) {
		if (ch == 'f')
			fmt = optarg;
		else
			took += options_take(&p, ch, optarg, &c);
	}
	assert_int_equal(took, 5);
	assert_string_equal(fmt, "png");
	assert_int_equal(optind, argc - 1);
	quarter_t q;
	quarter_parse("2007Q1", &q);
	assert_int_equal(c.quarter, q);
	quarter_parse("2008Q1", &q);
	assert_int_equal(c.by, q);
	assert_int_equal(c.config.min_peers, 5);
	assert_string_equal(c.lang, "en");
}

static void test_quarter(void **state)
{
	quarter_t lower, upper;
	(void)state;

	assert_int_equal(options_quarter("t", "--quarter", "2007q1", &lower), 0);
	assert_int_equal(options_quarter("t", "--quarter", "2007Q1", &upper), 0);
	assert_int_equal(lower, upper);
	assert_int_equal(options_quarter("t", "--quarter", "2007x1", &lower), -1);
	assert_int_equal(options_quarter("t", "--quarter", "2007q12345678901234", &lower), -1);
}

static void test_lang(void **state)
{
	static const char *cases[][2] = {
		{ "en", "en" }, { "EN", "en" }, { "en-US", "en" }, { "en_us", "en" },
		{ "zh-CN", "zh" }, { "zh_CN", "zh" }, { "ZH", "zh" }, { "fr-FR", "fr" },
		{ "-x", "-x" },
	};
	char out[OPTIONS_LANG_MAX];
	(void)state;

	setenv("PLANNER_DATADIR", ".", 1);    /* the tests run in the source tree */
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		options_lang(cases[i][0], out, sizeof out);
		assert_string_equal(out, cases[i][1]);
	}
}

/* What report_msg writes to stderr, with the bar shown or not. */
static void stderr_of_error(int bar, char *buf, size_t size)
{
	char path[] = "/tmp/test_options-XXXXXX";
	int fd = mkstemp(path), saved = dup(STDERR_FILENO);

	assert_true(fd >= 0 && saved >= 0);
	fflush(stderr);
	dup2(fd, STDERR_FILENO);
	report_bar_shown(bar);
	report_msg("batch", "", "text", "x: 1", NULL);      /* worded already: as given */
	report_msg("batch", "", "text", "second", NULL);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	ssize_t n = pread(fd, buf, size - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	unlink(path);
}

static void test_report_clears_bar(void **state)
{
	char buf[256];
	(void)state;

	stderr_of_error(1, buf, sizeof buf);
	assert_string_equal(buf, "\r\033[Kplanner batch: x: 1\nplanner batch: second\n");
	stderr_of_error(0, buf, sizeof buf);
	assert_string_equal(buf, "planner batch: x: 1\nplanner batch: second\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merged_table),
		cmocka_unit_test(test_parse_with_getopt),
		cmocka_unit_test(test_quarter),
		cmocka_unit_test(test_lang),
		cmocka_unit_test(test_report_clears_bar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
