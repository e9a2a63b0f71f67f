/*
 * test_batch_pdf.c: summary.pdf's plumbing: its wording loads from the shipped zh.txt
 * and en.txt, a bad --lang is a usage error, and a document whose drawing failed (an
 * allocation, a runaway layout: the sticky error of render_doc) is reported as exit 70
 * with no summary.pdf written, never written with a table missing.
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

#include "batch_pdf.h"

static char dir[64];

/* Under AddressSanitizer (make asan) an impossible calloc returns NULL, as libc's does,
 * instead of stopping the test: the failure is what the last test is about. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/test_batch_pdf.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The shipped templates: the source tree this file was compiled in. */
static void use_source_tree(void)
{
	char root[512];
	const char *env = getenv("PLANNER_DATADIR");
	const char *tail = strstr(__FILE__, "tests/unit/test_batch_pdf.c");

	if (env && *env)
		return;
	snprintf(root, sizeof root, "%.*s.", tail ? (int)(tail - __FILE__) : 0, __FILE__);
	setenv("PLANNER_DATADIR", root, 1);
}

static int entries(const char *path)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", path);
	return system(cmd) == 0 ? 0 : 1;
}

static void test_shipped_wording(void **state)
{
	tmpl_set *t = NULL;
	(void)state;

	use_source_tree();
	assert_int_equal(batch_pdf_load_words("zh", &t), EXIT_OK);
	assert_string_equal(tmpl_get(t, "summary.groups.title"), "同类客户组");
	tmpl_free(t);
	assert_int_equal(batch_pdf_load_words("en", &t), EXIT_OK);
	assert_string_equal(tmpl_get(t, "summary.groups.title"), "Peer groups");
	tmpl_free(t);
}

static void test_bad_language(void **state)
{
	tmpl_set *t = NULL;
	(void)state;

	use_source_tree();
	assert_int_equal(batch_pdf_load_words("fr", &t), EXIT_USAGE);     /* no fr.txt */
	assert_int_equal(batch_pdf_load_words("../en", &t), EXIT_USAGE);
	assert_int_equal(batch_pdf_load_words("", &t), EXIT_USAGE);
	assert_null(t);
}

static void test_doc_error_is_not_written(void **state)
{
	render_doc d;
	(void)state;

	assert_int_equal(render_doc_init(&d, "DejaVu Sans", "en"), 0);
	render_page_new(&d);
	render_doc_fail(&d, CAIRO_STATUS_NO_MEMORY);      /* e.g. a table's cells */
	render_doc_fail(&d, CAIRO_STATUS_WRITE_ERROR);    /* the first error stays */
	render_page_new(&d);                               /* and nothing more happens */
	assert_int_equal(d.n_pages, 1);
	assert_int_equal(render_doc_status(&d), CAIRO_STATUS_NO_MEMORY);
	assert_int_equal(batch_pdf_save(&d, dir, "t"), EXIT_SOFTWARE);
	assert_int_equal(entries(dir), 0);                /* no summary.pdf, no temporary */
	render_doc_free(&d);
}

static void test_runaway_layout(void **state)
{
	render_doc d;
	(void)state;

	assert_int_equal(render_doc_init(&d, "DejaVu Sans", "en"), 0);
	assert_int_equal(d.max_pages, RENDER_MAX_PAGES);
	d.max_pages = 2;
	for (int i = 0; i < 3; i++)
		render_page_new(&d);
	assert_int_equal(d.n_pages, 2);
	assert_int_equal(render_doc_status(&d), CAIRO_STATUS_INVALID_SIZE);
	assert_int_equal(batch_pdf_save(&d, dir, "t"), EXIT_SOFTWARE);
	assert_int_equal(entries(dir), 0);
	render_doc_free(&d);
}

static void test_good_doc_is_written(void **state)
{
	render_doc d;
	char path[128], head[6] = "";
	(void)state;

	assert_int_equal(render_doc_init(&d, "DejaVu Sans", "en"), 0);
	d.max_pages = 20;
	for (int i = 0; i < 14; i++)                       /* more than a plan may have */
		render_page_new(&d);
	render_table(&d, (render_column[]){ { "a", 1, RENDER_LEFT } }, 1,
		     (render_cell[]){ { "x", NULL } }, 1);
	assert_int_equal(batch_pdf_save(&d, dir, "t"), EXIT_OK);
	snprintf(path, sizeof path, "%s/summary.pdf", dir);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fread(head, 1, 5, f), 5);
	fclose(f);
	assert_string_equal(head, "%PDF-");
	unlink(path);
	render_doc_free(&d);
}

/* A region with so many groups that the table's cells cannot be allocated (calloc
 * refuses the size outright): the summary is refused with exit 70, not written with
 * the groups table left out. */
static void test_failed_allocation_stops_the_summary(void **state)
{
	region r;
	batch_result b;
	tmpl_set *t = NULL;
	(void)state;

	use_source_tree();
	assert_int_equal(batch_pdf_load_words("en", &t), EXIT_OK);
	memset(&r, 0, sizeof r);
	memset(&b, 0, sizeof b);
	b.cfg = BATCH_CONFIG_DEFAULT;
	b.n_groups = SIZE_MAX / 64;
	batch_report rep = { .region = &r, .result = &b, .region_path = "big.xml", .dir = dir,
			     .lang = "en", .words = t };
	assert_int_equal(batch_write_pdf(&rep), EXIT_SOFTWARE);
	assert_int_equal(entries(dir), 0);
	tmpl_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_wording),
		cmocka_unit_test(test_bad_language),
		cmocka_unit_test(test_doc_error_is_not_written),
		cmocka_unit_test(test_runaway_layout),
		cmocka_unit_test(test_good_doc_is_written),
		cmocka_unit_test(test_failed_allocation_stops_the_summary),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
