/*
 * test_store_pick.c: unit tests of models/store_pick.c: while a region is streamed, the
 * chosen stores (and only they) are kept whole, with the parts the compact region table
 * drops (owner, neighbours, assessment); ids given twice, ids not in the file and
 * stores with a problem.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "model.h"
#include "store_pick.h"
#include "xml_reader.h"

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

static char path[64];

/* Writes text to a fresh temporary file; returns its name (static). */
static const char *write_xml(const char *text)
{
	const char *tmp = getenv("TMPDIR");
	size_t n = strlen(text);

	if (path[0])
		unlink(path);
	snprintf(path, sizeof path, "%s/planner-pick-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);
	return path;
}

static const char region_xml[] = XML_DECL
	"<region id=\"1\" name=\"r\" quarter=\"2007Q1\" unit=\"carton\">\n"
	"  <store id=\"a\" name=\"A\"><code>Y221</code><owner>Sun</owner>\n"
	"    <orders><q id=\"2006Q4\">5</q><q id=\"2007Q1\">7</q></orders>\n"
	"    <neighbours><neighbour id=\"b\" code=\"S121\" distance=\"50\"/></neighbours>\n"
	"    <assessment><factor name=\"display\" value=\"2\"/><honour>star</honour></assessment>\n"
	"  </store>\n"
	"  <store id=\"b\" name=\"B\"><code>S121</code><orders><q id=\"2007Q1\">9</q></orders></store>\n"
	"  <store id=\"c\" name=\"C\"><code>Y221</code><orders/></store>\n"
	"</region>\n";

static void test_chosen_stores_whole(void **state)
{
	const char *ids[] = { "c", "a", "zz", "a" };
	read_options ro = { .on_store = store_pick_on_store };
	store_pick p;
	region r;
	diag d;

	(void)state;
	assert_int_equal(store_pick_init(&p, ids, 4), 0);
	ro.ctx = &p;
	assert_int_equal(region_read(write_xml(region_xml), &ro, &r, &d), EXIT_OK);
	assert_int_equal(p.failed, 0);
	assert_int_equal(store_pick_find(&p, "a"), 1);      /* the first of the two */
	assert_int_equal(store_pick_find(&p, "b"), -1);
	const store *a = p.profiles[1];
	assert_non_null(a);
	assert_string_equal(a->id, "a");
	assert_string_equal(a->owner, "Sun");
	assert_int_equal(a->n_orders, 2);
	assert_int_equal(a->n_neighbours, 1);
	assert_string_equal(a->neighbours[0].id, "b");
	assert_int_equal(a->n_factors, 1);
	assert_int_equal(a->n_honours, 1);
	assert_non_null(p.profiles[0]);                     /* c, no figures */
	assert_int_equal(p.profiles[0]->n_orders, 0);
	assert_null(p.profiles[2]);                         /* zz: not in the file */
	assert_null(p.profiles[3]);                         /* a again: kept once */

	store *taken = store_pick_take(&p, 1);
	assert_ptr_equal(taken, a);
	assert_null(p.profiles[1]);
	assert_null(store_pick_take(&p, 1));
	assert_null(store_pick_take(&p, 99));
	store_free(taken);
	store_pick_free(&p);
	region_free(&r);
}

/* The pick and a problem counter: read_options passes one ctx to both callbacks. */
typedef struct pick_and_count {
	store_pick pick;
	int problems;
} pick_and_count;

static void pick_store(void *ctx, const store *s, int valid)
{
	store_pick_on_store(&((pick_and_count *)ctx)->pick, s, valid);
}

static int count_problem(void *ctx, const diag *d)
{
	(void)d;
	((pick_and_count *)ctx)->problems++;
	return 0;
}

/* A store with a problem is not kept (its profile would be wrong); reading goes on. */
static void test_invalid_store_not_kept(void **state)
{
	const char *ids[] = { "a", "b" };
	pick_and_count pc = { .problems = 0 };
	read_options ro = { .on_store = pick_store, .on_problem = count_problem, .ctx = &pc };
	diag d;

	(void)state;
	assert_int_equal(store_pick_init(&pc.pick, ids, 2), 0);
	write_xml(XML_DECL "<region id=\"1\" name=\"r\">\n"
		  "  <store id=\"a\" name=\"A\"><code>Y221</code><orders><q id=\"2007Q1\">-1</q></orders></store>\n"
		  "  <store id=\"b\" name=\"B\"><code>Y221</code><orders><q id=\"2007Q1\">3</q></orders></store>\n"
		  "</region>\n");
	assert_int_equal(xml_check(path, &ro, &d), EXIT_DATAERR);
	assert_int_equal(pc.problems, 1);
	assert_null(pc.pick.profiles[0]);
	assert_non_null(pc.pick.profiles[1]);
	assert_string_equal(pc.pick.profiles[1]->id, "b");
	store_pick_free(&pc.pick);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chosen_stores_whole),
		cmocka_unit_test(test_invalid_store_not_kept),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	if (path[0])
		unlink(path);
	return failed;
}
