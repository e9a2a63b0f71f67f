/*
 * test_region_rewrite.c: unit tests of the byte scanner behind --write-region
 * (models/region_rewrite.c): markup in comments, CDATA sections, processing
 * instructions and attribute values is not taken for elements, a GB18030 trail byte
 * ']' does not end a CDATA section, lines are those of each start tag's end, white
 * space around a code is kept, and encodings it cannot rewrite are refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "region_rewrite.h"

typedef struct sink {
	char out[4096];
	size_t len;
	int lines[16];
	size_t asked;
} sink;

static void put(void *ctx, const void *p, size_t n)
{
	sink *s = ctx;
	assert_true(s->len + n < sizeof s->out);
	memcpy(s->out + s->len, p, n);
	s->len += n;
	s->out[s->len] = '\0';
}

/* Every store's code becomes X1<market><integrity> of store k: "A1" .. */
static int every_code(void *ctx, size_t k, int line, char code[5], diag *err)
{
	sink *s = ctx;
	(void)err;
	s->lines[s->asked++] = line;
	snprintf(code, 5, "%c111", (char)('A' + k));
	return k != 1;           /* the second store keeps its bytes */
}

static int rewrite(const char *in, sink *s, size_t *stores, size_t *replaced, diag *err)
{
	memset(s, 0, sizeof *s);
	return region_rewrite("r.xml", (const unsigned char *)in, strlen(in), every_code, put, s,
			      stores, replaced, err);
}

static void test_rewrite_markup(void **state)
{
	sink s;
	size_t stores, replaced;
	diag err;
	(void)state;

	const char *in =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
		"<!-- <store><code>Y121</code></store> -->\r\n"
		"<region a=\"<store>\">\r\n"
		"  <store id=\"1\"\r\n   name=\"x>y\"><code> Y221 </code><![CDATA[<code>S]]></store>\r\n"
		"  <store id=\"2\"><code>Y221</code></store>\r\n"
		"  <store id=\"3\"/>\r\n"
		"  <store id=\"4\"><?pi <code>?><owner><code>no</code></owner><code>Y&#50;21</code>"
		"<code>Y321</code></store>\r\n"
		"</region>\r\n";
	assert_int_equal(rewrite(in, &s, &stores, &replaced, &err), 0);
	assert_int_equal(stores, 4);
	assert_int_equal(s.asked, 3);                  /* store 3 has no <code> */
	assert_int_equal(replaced, 2);
	assert_int_equal(s.lines[0], 5);               /* the line of the tag's ">" */
	assert_int_equal(s.lines[1], 6);
	assert_int_equal(s.lines[2], 8);
	const char *want =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
		"<!-- <store><code>Y121</code></store> -->\r\n"
		"<region a=\"<store>\">\r\n"
		"  <store id=\"1\"\r\n   name=\"x>y\"><code> A111 </code><![CDATA[<code>S]]></store>\r\n"
		"  <store id=\"2\"><code>Y221</code></store>\r\n"
		"  <store id=\"3\"/>\r\n"
		"  <store id=\"4\"><?pi <code>?><owner><code>no</code></owner><code>D111</code>"
		"<code>Y321</code></store>\r\n"
		"</region>\r\n";
	assert_string_equal(s.out, want);
}

static void test_rewrite_gb18030(void **state)
{
	sink s;
	size_t stores, replaced;
	diag err;
	(void)state;

	/* 0x81 0x5D is one GB18030 character whose trail byte is ']': followed by "]>" it
	 * must not end the CDATA section; 0x81 0x30 0x81 0x30 is a four-byte character */
	const char *in =
		"<?xml version='1.0' encoding='gb18030'?>\n"
		"<region><store><![CDATA[\x81\x5D]>\x81\x30\x81\x30<store><code>Z999</code>]]>"
		"<code>Y221</code></store></region>\n";
	assert_int_equal(rewrite(in, &s, &stores, &replaced, &err), 0);
	assert_int_equal(stores, 1);
	assert_int_equal(replaced, 1);
	assert_non_null(strstr(s.out, "<code>Z999</code>]]><code>A111</code>"));
	assert_int_equal(strlen(s.out), strlen(in));
}

static void test_rewrite_refused(void **state)
{
	sink s;
	size_t stores, replaced;
	diag err;
	diag_parts m;
	(void)state;

	assert_int_equal(rewrite("<?xml version=\"1.0\" encoding=\"Big5\"?><region/>", &s, &stores,
				 &replaced, &err), EXIT_DATAERR);
	diag_unpack(err.msg, &m);
	assert_string_equal(m.file, "r.xml");
	assert_string_equal(m.key, "rewrite.encoding");
	assert_int_equal(m.n_args, 1);
	assert_string_equal(m.name[0], "encoding");
	assert_string_equal(m.value[0], "Big5");
	assert_int_equal(s.len, 0);
	assert_int_equal(region_rewrite("r.xml", (const unsigned char *)"\xFF\xFE<\0r\0", 6,
					every_code, put, &s, &stores, &replaced, &err), EXIT_DATAERR);
	diag_unpack(err.msg, &m);
	assert_string_equal(m.key, "rewrite.utf16");
	/* a UTF-8 BOM wins over a declared encoding */
	assert_int_equal(rewrite("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"Big5\"?><region>"
				 "<store><code>Y221</code></store></region>", &s, &stores, &replaced,
				 &err), 0);
	assert_int_equal(replaced, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rewrite_markup),
		cmocka_unit_test(test_rewrite_gb18030),
		cmocka_unit_test(test_rewrite_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
