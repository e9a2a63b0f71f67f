/*
 * test_templates.c: the template loader (planner/templates.c): key = value parsing,
 * escapes, placeholder substitution, and every load error (missing key, placeholder
 * the code does not supply, broken rule, missing file) naming file, line and key.
 * Last, the shipped templates/zh.txt and templates/en.txt load against every key a
 * plan uses and hold the same keys.  The errors are worded from messages-en.txt.
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
#include "render_plan.h"
#include "templates.h"

static char dir[64];

static void write_file(const char *name, const char *text)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/test_templates.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static const tmpl_key keys[] = {
	{ "title", "" },
	{ "gap", "gap pct" },
};

static const char good_text[] =
	"\xEF\xBB\xBF# a comment\n"
	"title = Store Upgrade Plan\n"
	"gap   =   +{gap} (+{pct} %)   \n"
	"\n"
	"braces = {{literal}} and {gap}\n"
	"two.lines = first\\nsecond\n"
	"spaced = \", \"\n"
	"finding.display = Display score {value}/{max}.\n"
	"measure.display = Move the counter.\n";

static const char good_rules[] =
	"# rules\n"
	"set near-distance 80\n"
	"set acceleration-max-pct 45\n"
	"display <= 2 weakness finding.display measure.display store 2\n"
	"display >= 4 strength finding.display\n";

static int load(tmpl_set **t, diag *err)
{
	return tmpl_load(dir, "xx", keys, sizeof keys / sizeof keys[0], t, err);
}

static void test_good(void **state)
{
	(void)state;
	tmpl_set *t;
	diag err;
	char buf[128];

	write_file("xx.txt", good_text);
	write_file("swot-rules.txt", good_rules);
	assert_int_equal(load(&t, &err), EXIT_OK);
	assert_string_equal(tmpl_get(t, "title"), "Store Upgrade Plan");
	assert_string_equal(tmpl_get(t, "two.lines"), "first\nsecond");
	assert_string_equal(tmpl_get(t, "spaced"), ", ");
	assert_null(tmpl_get(t, "nope"));
	tmpl_arg a[] = { { "gap", "503" }, { "pct", "53.2" } };
	assert_string_equal(tmpl_format(t, "gap", NULL, a, 2, buf, sizeof buf), "+503 (+53.2 %)");
	assert_string_equal(tmpl_format(t, "braces", NULL, a, 2, buf, sizeof buf),
			    "{literal} and 503");
	assert_string_equal(tmpl_format(t, "nope", "title", NULL, 0, buf, sizeof buf),
			    "Store Upgrade Plan");
	/* a cut keeps whole UTF-8 characters, says so with "…", and nothing follows it */
	assert_string_equal(tmpl_expand("文奇店", NULL, 0, buf, 8), "文…");
	assert_string_equal(tmpl_expand("文奇店", NULL, 0, buf, 10), "文奇店");
	tmpl_arg n[] = { { "name", "文奇店文奇店" } };
	assert_string_equal(tmpl_expand("{name}!", n, 1, buf, 12), "文奇…");
	assert_string_equal(tmpl_expand("{name}!", n, 1, buf, 20), "文奇店文奇店!");

	assert_int_equal(t->n_rules, 2);
	assert_true(t->swot.near_distance == 80);
	assert_true(t->milestones.acceleration_max_pct == 45);
	const swot_rule *r = &t->rules[0];
	assert_string_equal(r->fact, "display");
	assert_int_equal(r->op, SWOT_LE);
	assert_true(r->threshold == 2);
	assert_int_equal(r->quadrant, SWOT_WEAKNESS);
	assert_string_equal(r->measure_key, "measure.display");
	assert_int_equal(r->owner, SWOT_OWNER_STORE);
	assert_int_equal(r->due_month, 2);
	assert_int_equal(r->line, 4);
	assert_null(t->rules[1].measure_key);
	tmpl_free(t);
}

/* Loads with text and rules and expects status with all the fragments in the message. */
static void expect_error(const char *text, const char *rules, int status, const char *frag1,
			 const char *frag2)
{
	tmpl_set *t = NULL;
	diag err;

	write_file("xx.txt", text);
	write_file("swot-rules.txt", rules);
	assert_int_equal(load(&t, &err), status);
	assert_null(t);
	if (!strstr(err.text, frag1) || (frag2 && !strstr(err.text, frag2)))
		fail_msg("message \"%s\" lacks \"%s\" or \"%s\"", err.text, frag1, frag2 ? frag2 : "");
}

static void test_missing_key(void **state)
{
	(void)state;
	expect_error("title = Plan\n", good_rules, EXIT_DATAERR, "xx.txt", "missing key \"gap\"");
}

static void test_placeholder_not_supplied(void **state)
{
	(void)state;
	expect_error("title = Plan {store}\ngap = {gap}\n", good_rules, EXIT_DATAERR,
		     "xx.txt:1", "unknown placeholder {store}");
	expect_error("title = Plan\ngap = {gap\n", good_rules, EXIT_DATAERR, "xx.txt:2",
		     "unclosed placeholder");
	/* a finding may only use the placeholders of its fact */
	expect_error("title = Plan\ngap = {gap}\nfinding.display = {codes}\nmeasure.display = m\n",
		     good_rules, EXIT_DATAERR, "xx.txt:3", "{codes}");
}

static void test_bad_lines(void **state)
{
	(void)state;
	expect_error("title = Plan\ngap = x\njust words\n", good_rules, EXIT_DATAERR, "xx.txt:3",
		     "key = value");
	expect_error("title = Plan\ngap = x\ntitle = again\n", good_rules, EXIT_DATAERR,
		     "xx.txt:3", "defined twice");
	expect_error("title = Plan\ngap = x\nbad key = y\n", good_rules, EXIT_DATAERR, "xx.txt:3",
		     "not a key");
	expect_error("title = Pl\xff\n", good_rules, EXIT_DATAERR, "xx.txt:1", "UTF-8");
}

static void test_bad_rules(void **state)
{
	(void)state;
	const char *text = good_text;
	expect_error(text, "display <= 2 weakness finding.nope measure.display store\n",
		     EXIT_DATAERR, "swot-rules.txt:1", "finding.nope");
	expect_error(text, "display <= 2 weakness finding.display measure.nope store\n",
		     EXIT_DATAERR, "swot-rules.txt:1", "measure.nope");
	expect_error(text, "display <= 2 weakness finding.display\n", EXIT_DATAERR,
		     "swot-rules.txt:1", "needs a measure");
	expect_error(text, "# x\ndisplay ~ 2 weakness finding.display measure.display store\n",
		     EXIT_DATAERR, "swot-rules.txt:2", "comparison");
	expect_error(text, "display <= two weakness finding.display measure.display store\n",
		     EXIT_DATAERR, "swot-rules.txt:1", "threshold");
	expect_error(text, "display <= 2 weak finding.display measure.display store\n",
		     EXIT_DATAERR, "swot-rules.txt:1", "quadrant");
	expect_error(text, "display <= 2 weakness finding.display measure.display boss\n",
		     EXIT_DATAERR, "swot-rules.txt:1", "owner");
	expect_error(text, "display <= 2 weakness finding.display measure.display store 99\n",
		     EXIT_DATAERR, "swot-rules.txt:1", "due month");
	expect_error(text, "set speed 5\n", EXIT_DATAERR, "swot-rules.txt:1", "unknown setting");
	/* a name that can be no fact, and a misspelt fact whose wording does not fit the
	 * region's own factor it would otherwise read as: both at the rule's line */
	expect_error(text, "# x\ngrwth:economy >= 8 opportunity finding.display\n", EXIT_DATAERR,
		     "swot-rules.txt:2", "unknown fact \"grwth:economy\"");
	expect_error("title = Plan\ngap = {gap}\nfinding.growth = {first} to {last}\n",
		     "\n\norder-grwoth >= 5 strength finding.growth\n", EXIT_DATAERR,
		     "swot-rules.txt:3", "xx.txt:3: key \"finding.growth\": unknown placeholder {first}");
	expect_error(text, "display <=\n", EXIT_DATAERR, "swot-rules.txt:1", "expected");
}

static void test_missing_file(void **state)
{
	(void)state;
	tmpl_set *t;
	diag err;
	char rules[128];

	write_file("xx.txt", good_text);
	snprintf(rules, sizeof rules, "%s/swot-rules.txt", dir);
	unlink(rules);
	assert_int_equal(load(&t, &err), EXIT_NOINPUT);
	assert_non_null(strstr(err.text, "swot-rules.txt"));
	assert_int_equal(tmpl_load(dir, "yy", keys, 2, &t, &err), EXIT_NOINPUT);
	assert_non_null(strstr(err.text, "yy.txt"));
	assert_int_equal(tmpl_load(dir, "../etc", keys, 2, &t, &err), EXIT_USAGE);
}

/* The directory of the shipped templates: the source tree this file was compiled in. */
static void shipped_dir(char *out, size_t size)
{
	const char *env = getenv("PLANNER_DATADIR");
	if (env && *env) {
		snprintf(out, size, "%s/templates", env);
		return;
	}
	const char *tail = strstr(__FILE__, "tests/unit/test_templates.c");
	snprintf(out, size, "%.*stemplates", tail ? (int)(tail - __FILE__) : 0, __FILE__);
}

/* Keys that only some languages need: data words with a fallback to the data. */
static int optional(const char *key)
{
	return strncmp(key, "place.", 6) == 0 || strncmp(key, "honour.", 7) == 0 ||
	       strncmp(key, "unit.", 5) == 0 || strncmp(key, "answer.", 7) == 0;
}

static void test_shipped(void **state)
{
	(void)state;
	char path[512];
	tmpl_set *zh, *en;
	diag err;

	shipped_dir(path, sizeof path);
	if (render_plan_load(path, "zh", &zh, &err) != EXIT_OK)
		fail_msg("%s", err.text);
	if (render_plan_load(path, "en", &en, &err) != EXIT_OK)
		fail_msg("%s", err.text);
	for (size_t i = 0; i < zh->n_entries; i++)
		if (!optional(zh->entries[i].key) && !tmpl_get(en, zh->entries[i].key))
			fail_msg("en.txt lacks \"%s\"", zh->entries[i].key);
	for (size_t i = 0; i < en->n_entries; i++)
		if (!optional(en->entries[i].key) && !tmpl_get(zh, en->entries[i].key))
			fail_msg("zh.txt lacks \"%s\"", en->entries[i].key);
	assert_true(zh->n_rules > 20);
	assert_int_equal(zh->n_rules, en->n_rules);
	tmpl_free(zh);
	tmpl_free(en);
}

int main(void)
{
	/* the load errors are worded from templates/messages-en.txt, as planner does */
	setenv("PLANNER_DATADIR", ".", 0);
	messages_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_missing_key),
		cmocka_unit_test(test_placeholder_not_supplied),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_bad_rules),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_shipped),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
