/*
 * test_reader_sax.c: unit tests of the reader's SAX2 driver (models/xml_reader.c without
 * a schema): '&' in attribute values, text that arrives in pieces (CDATA, references),
 * unknown and prefixed elements skipped with their subtrees, line numbers past 65535 and
 * stores that cross the parser's 256 KB chunks.
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

#include "messages.h"
#include "model.h"
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
	snprintf(path, sizeof path, "%s/planner-sax-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);
	return path;
}

static void test_ampersands(void **state)
{
	store *s;
	diag d;

	(void)state;
	write_xml(XML_DECL
		  "<store id=\"1\" name=\"A&amp;B &#38; C &lt;\">\n"
		  "  <code>Y221</code>\n"
		  "  <owner>x &amp; y</owner>\n"
		  "  <orders/>\n"
		  "  <assessment><factor name=\"my&amp;factor\" value=\"3\"/></assessment>\n"
		  "</store>\n");
	assert_int_equal(store_read(path, NULL, &s, &d), EXIT_OK);
	assert_string_equal(s->name, "A&B & C <");
	assert_string_equal(s->owner, "x & y");
	assert_int_equal(s->n_factors, 1);
	assert_string_equal(s->factors[0].name, "my&factor");
	store_free(s);
}

static void test_text_in_pieces(void **state)
{
	store *s;
	diag d;

	(void)state;
	write_xml(XML_DECL
		  "<store id=\"1\" name=\"n\">\n"
		  "  <code>Y2<!-- c -->21</code>\n"
		  "  <owner>ab<![CDATA[cd]]>&#101;f</owner>\n"
		  "  <area>\n    30\n  </area>\n"
		  "  <orders/>\n"
		  "</store>\n");
	assert_int_equal(store_read(path, NULL, &s, &d), EXIT_OK);
	assert_string_equal(s->owner, "abcdef");
	assert_true(s->area == 30);
	assert_true(s->has_code);
	store_free(s);
}

static int n_warnings;
static char warning[1024];

static void on_warning(void *ctx, const diag *d)
{
	(void)ctx;
	n_warnings++;
	snprintf(warning, sizeof warning, "%s", d->text);
}

static void test_skipped_subtrees(void **state)
{
	read_options ro = { .quarter = QUARTER_NONE, .on_warning = on_warning };
	store *s;
	diag d;

	(void)state;
	write_xml(XML_DECL
		  "<store id=\"1\" name=\"n\">\n"
		  "  <extra><code>Z999</code><extra><area>-1</area></extra></extra>\n"
		  "  <x:area xmlns:x=\"urn:x\">-5</x:area>\n"
		  "  <code>Y221</code>\n"
		  "  <orders/>\n"
		  "</store>\n");
	n_warnings = 0;
	assert_int_equal(store_read(path, &ro, &s, &d), EXIT_OK);
	assert_int_equal(n_warnings, 2);
	assert_non_null(strstr(warning, ":4: store 1: <store>/<x:area>: unknown element"));
	assert_true(s->has_code);
	assert_true(s->area == 0);
	store_free(s);
}

static void test_store_in_store(void **state)
{
	store *s;
	diag d;

	(void)state;
	write_xml(XML_DECL
		  "<store id=\"1\" name=\"n\">\n"
		  "  <code>Y221</code>\n"
		  "  <store id=\"2\" name=\"m\"><code>Y221</code></store>\n"
		  "</store>\n");
	assert_int_equal(store_read(path, NULL, &s, &d), EXIT_DATAERR);
	assert_non_null(strstr(d.text, ":4: store 1: <store>/<store>: a <store> cannot contain "
			       "another <store>"));
}

/* A region of n stores, each on 3 lines after the 2 of the header: store i at 3 + 3i. */
static char *big_region(int n)
{
	size_t size = 200 + (size_t)n * 120;
	char *buf = malloc(size);
	size_t len;

	assert_non_null(buf);
	len = (size_t)snprintf(buf, size, XML_DECL "<region id=\"1\" quarter=\"2007Q1\">\n");
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, size - len,
					"<store id=\"s%d\" name=\"A&amp;%d\">\n"
					"<code>Y221</code><orders><q id=\"2007Q1\">%d</q></orders>\n"
					"</store>\n", i, i, i);
	snprintf(buf + len, size - len, "</region>\n");
	return buf;
}

static void test_big_lines_and_chunks(void **state)
{
	int n = 30000;     /* 90000 lines, about 2.5 MB: many 256 KB chunks */
	char *xml = big_region(n);
	region r;
	diag d;

	(void)state;
	write_xml(xml);
	free(xml);
	assert_int_equal(region_read(path, NULL, &r, &d), EXIT_OK);
	assert_int_equal(r.n_stores, n);
	for (int i = 0; i < n; i += 997) {
		char name[32];
		snprintf(name, sizeof name, "A&%d", i);
		assert_int_equal(r.stores[i].line, 3 + 3 * i);
		assert_string_equal(region_str(&r, r.stores[i].name), name);
		assert_true(region_orders(&r, &r.stores[i], r.quarter_attr) == i);
	}
	assert_int_equal(r.stores[n - 1].line, 3 + 3 * (n - 1));
	region_free(&r);
}

static void test_bad_value_far_down(void **state)
{
	int n = 30000;
	char *xml = big_region(n);
	char *at = strstr(xml, "<q id=\"2007Q1\">25000<");
	region r;
	diag d;

	(void)state;
	assert_non_null(at);
	memcpy(at + 15, "-2500", 5);
	write_xml(xml);
	free(xml);
	assert_int_equal(region_read(path, NULL, &r, &d), EXIT_DATAERR);
	assert_non_null(strstr(d.text, ":75004: store s25000: <orders>/<q id=\"2007Q1\">: "
			       "\"-2500\" is not a quantity >= 0"));
}

int main(void)
{
	setenv("PLANNER_DATADIR", ".", 0);
	messages_init();     /* the lines asserted are the English of messages-en.txt */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ampersands),
		cmocka_unit_test(test_text_in_pieces),
		cmocka_unit_test(test_skipped_subtrees),
		cmocka_unit_test(test_store_in_store),
		cmocka_unit_test(test_big_lines_and_chunks),
		cmocka_unit_test(test_bad_value_far_down),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	if (path[0])
		unlink(path);
	return failed;
}
