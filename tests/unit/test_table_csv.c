/*
 * test_table_csv.c: unit tests of the CSV reader (models/table_csv.c): RFC 4180 quotes,
 * line breaks inside quotes, CRLF, the UTF-8 BOM, GBK/GB18030 detection and the line
 * numbers errors name; and of import.c's quarter headers and exact numeric ids.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "import.h"
#include "table.h"

static table parse(const char *bytes, size_t len, table_encoding enc)
{
	table t;
	diag err;

	if (table_parse_csv("t.csv", bytes, len, enc, &t, &err) != EXIT_OK)
		fail_msg("refused: %s", err.text);
	return t;
}

static void cell_is(const table *t, size_t row, size_t col, const char *want)
{
	assert_true(row < t->n_rows);
	assert_true(col < t->rows[row].n);
	assert_string_equal(t->rows[row].cells[col].text, want);
}

static void test_quotes(void **state)
{
	(void)state;
	static const char csv[] = "id,name\n1,\"a, \"\"b\"\"\"\n2,\"\"\n3,plain \"x\" y\n";
	table t = parse(csv, sizeof csv - 1, TABLE_ENC_AUTO);
	assert_int_equal(t.n_rows, 4);
	cell_is(&t, 1, 1, "a, \"b\"");
	cell_is(&t, 2, 1, "");
	cell_is(&t, 3, 1, "plain \"x\" y");   /* a quote inside an unquoted field is kept */
	assert_string_equal(t.encoding, "UTF-8");
	table_free(&t);
}

static void test_newlines_inside_quotes(void **state)
{
	(void)state;
	static const char csv[] = "id,address\r\n1,\"line one\r\nline two\"\r\n2,x\r\n\r\n3,y";
	table t = parse(csv, sizeof csv - 1, TABLE_ENC_AUTO);
	assert_int_equal(t.n_rows, 4);
	cell_is(&t, 1, 1, "line one\nline two");   /* CRLF inside quotes becomes \n */
	assert_int_equal(t.rows[1].line, 2);
	assert_int_equal(t.rows[2].line, 4);          /* the record after a two-line one */
	assert_int_equal(t.rows[3].line, 6);          /* blank line 5 skipped, no final EOL */
	cell_is(&t, 3, 1, "y");
	table_free(&t);
}

static void test_crlf_and_lf(void **state)
{
	(void)state;
	static const char crlf[] = "a,b\r\n1,2\r\n";
	static const char lf[] = "a,b\n1,2\n";
	table t = parse(crlf, sizeof crlf - 1, TABLE_ENC_AUTO);
	table u = parse(lf, sizeof lf - 1, TABLE_ENC_AUTO);
	assert_int_equal(t.n_rows, 2);
	assert_int_equal(u.n_rows, 2);
	cell_is(&t, 1, 1, "2");                       /* no '\r' left in the last cell */
	cell_is(&u, 1, 1, "2");
	table_free(&t);
	table_free(&u);
}

static void test_empty_cells_and_blank_rows(void **state)
{
	(void)state;
	static const char csv[] = "a,b,c\n,,\n1,,\n";
	table t = parse(csv, sizeof csv - 1, TABLE_ENC_AUTO);
	assert_int_equal(t.n_rows, 2);                /* ",," is a blank row (Excel writes it) */
	assert_int_equal(t.rows[1].n, 3);
	cell_is(&t, 1, 2, "");
	assert_int_equal(t.rows[1].line, 3);
	table_free(&t);
}

static void test_bom(void **state)
{
	(void)state;
	static const char csv[] = "\xEF\xBB\xBFid,name\n1,\xE6\x96\x87\xE5\xA5\x87\xE5\xBA\x97\n";
	table t = parse(csv, sizeof csv - 1, TABLE_ENC_AUTO);
	cell_is(&t, 0, 0, "id");                      /* the BOM is not part of the header */
	cell_is(&t, 1, 1, "文奇店");
	table_free(&t);
}

static void test_gbk(void **state)
{
	(void)state;
	static const char csv[] = "id,name\n1,\xCE\xC4\xC6\xE6\xB5\xEA\n";   /* 文奇店 in GBK */
	table t = parse(csv, sizeof csv - 1, TABLE_ENC_AUTO);
	cell_is(&t, 1, 1, "文奇店");
	assert_string_equal(t.encoding, "GB18030");
	table_free(&t);
	t = parse(csv, sizeof csv - 1, TABLE_ENC_GB18030);
	cell_is(&t, 1, 1, "文奇店");
	table_free(&t);
}

/* The table is refused with the problem key at line of t.csv, and the argument arg
 * (when not NULL) has value. */
static void refused(const char *bytes, size_t len, table_encoding enc, int line,
		    const char *key, const char *arg, const char *value)
{
	table t;
	diag err;
	diag_parts m;

	assert_int_equal(table_parse_csv("t.csv", bytes, len, enc, &t, &err), EXIT_DATAERR);
	diag_unpack(err.msg, &m);
	assert_string_equal(m.file, "t.csv");
	assert_int_equal(m.line, line);
	assert_string_equal(m.key, key);
	if (arg) {
		assert_int_equal(m.n_args, 1);
		assert_string_equal(m.name[0], arg);
		assert_string_equal(m.value[0], value);
	}
	assert_int_equal(t.n_rows, 0);
}

static void test_refused(void **state)
{
	(void)state;
	static const char gbk[] = "id,name\n1,\xCE\xC4\n";
	static const char neither[] = "id,name\n1,ok\n2,\xFF\xFF\n";
	static const char open_quote[] = "id,name\n1,\"never closed\n2,x\n";
	static const char after_quote[] = "id,name\n1,\"a\"b\n";
	static const char utf16[] = "\xFF\xFEi\0d\0";
	refused(gbk, sizeof gbk - 1, TABLE_ENC_UTF8, 2, "table.csv.not-utf8", "byte", "CE");
	refused(neither, sizeof neither - 1, TABLE_ENC_AUTO, 3, "table.csv.encoding", "byte", "FF");
	refused(open_quote, sizeof open_quote - 1, TABLE_ENC_AUTO, 2, "table.csv.quote-open",
		NULL, NULL);
	refused(after_quote, sizeof after_quote - 1, TABLE_ENC_AUTO, 2, "table.csv.after-quote",
		"field", "2");
	refused(utf16, sizeof utf16 - 1, TABLE_ENC_AUTO, 1, "table.csv.utf16", NULL, NULL);
}

static void test_quarter_headers(void **state)
{
	(void)state;
	quarter_t q, want;
	assert_int_equal(quarter_parse("2007Q1", &want), 0);
	const char *ok[] = { "2007Q1", "2007q1", "2007年第1季度", "2007年一季度", "2007年1季度",
			     " 2007Q1 ", "2007年第一季度" };
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		q = 0;
		if (import_quarter_parse(ok[i], &q) != 0 || q != want)
			fail_msg("\"%s\" not read as 2007Q1", ok[i]);
	}
	assert_int_equal(import_quarter_parse("2007年四季度", &q), 0);
	assert_int_equal(q, want + 3);
	const char *bad[] = { "2007Q5", "2007", "2007年第5季度", "2007年五季度", "Q1 2007",
			      "2007Q1x", "07Q1", "" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (import_quarter_parse(bad[i], &q) == 0)
			fail_msg("\"%s\" accepted as a quarter", bad[i]);
}

static void test_numbers_to_ids(void **state)
{
	(void)state;
	char buf[80];
	const char *pairs[][2] = {
		{ "3209031001", "3209031001" }, { "3.20903100123E+11", "320903100123" },
		{ "3.2090310012E+11", "320903100120" }, { "320903100123.0", "320903100123" },
		{ "1E+3", "1000" }, { "0", "0" }, { "12e0", "12" },
		{ "9007199254740993", "9007199254740993" },   /* beyond a double: still exact */
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		if (import_number_to_id(pairs[i][0], buf, sizeof buf) != 0)
			fail_msg("\"%s\" refused", pairs[i][0]);
		assert_string_equal(buf, pairs[i][1]);
	}
	const char *fractions[] = { "3209031001.5", "3.209E+2", "1E-1", "abc", "", "1.2.3" };
	for (size_t i = 0; i < sizeof fractions / sizeof fractions[0]; i++)
		if (import_number_to_id(fractions[i], buf, sizeof buf) == 0)
			fail_msg("\"%s\" accepted as \"%s\"", fractions[i], buf);
}

/* E notation written out in plain digits, fractions kept (quantities and areas). */
static void test_numbers_plain(void **state)
{
	(void)state;
	char buf[80];
	const char *pairs[][2] = {
		{ "1.5E+3", "1500" }, { "1.25E-1", "0.125" }, { "946.5", "946.5" },
		{ "9.465E+2", "946.5" }, { "1E-3", "0.001" }, { "2.50", "2.5" }, { "0E+5", "0" },
		{ "-1.5E+1", "-15" }, { "-0.0", "0" }, { "30", "30" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		if (import_number_plain(pairs[i][0], buf, sizeof buf) != 0)
			fail_msg("\"%s\" refused", pairs[i][0]);
		assert_string_equal(buf, pairs[i][1]);
	}
	const char *bad[] = { "abc", "", "1.2.3", "1E", "E5", "1E+999" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (import_number_plain(bad[i], buf, sizeof buf) == 0)
			fail_msg("\"%s\" accepted as \"%s\"", bad[i], buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_newlines_inside_quotes),
		cmocka_unit_test(test_crlf_and_lf),
		cmocka_unit_test(test_empty_cells_and_blank_rows),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_gbk),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_quarter_headers),
		cmocka_unit_test(test_numbers_to_ids),
		cmocka_unit_test(test_numbers_plain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
