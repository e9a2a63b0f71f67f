/*
 * test_batch_xlsx.c: unit tests of the workbook's plumbing: reading a CSV back as the
 * batch writer wrote it (quotes, line breaks, BOM, a row cut short), and the column
 * descriptions that type the cells.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "batch_csv_reader.h"
#include "batch_xlsx.h"

static char path[64];

static void write_file(const char *text, size_t n)
{
	strcpy(path, "/tmp/test_batch_xlsx.XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);
}

static void test_reader_fields(void **state)
{
	static const char csv[] = "\xEF\xBB\xBFid,name,orders\r\n"
				  "3209021006,\"王记烟酒, 副食\",946\r\n"
				  "12,\"say \"\"hi\"\"\",\r\n"
				  "13,\"two\r\nlines\",1.5\n"
				  "14,last,7";
	batch_csv_reader rd;
	(void)state;

	write_file(csv, sizeof csv - 1);
	assert_int_equal(batch_csv_reader_open(&rd, path), 0);
	assert_int_equal(batch_csv_reader_next(&rd), 3);
	assert_string_equal(rd.fields[0], "id");     /* the BOM is not part of it */
	assert_int_equal(rd.line, 1);
	assert_int_equal(batch_csv_reader_next(&rd), 3);
	assert_string_equal(rd.fields[1], "王记烟酒, 副食");
	assert_string_equal(rd.fields[2], "946");
	assert_int_equal(batch_csv_reader_next(&rd), 3);
	assert_string_equal(rd.fields[1], "say \"hi\"");
	assert_string_equal(rd.fields[2], "");
	assert_int_equal(batch_csv_reader_next(&rd), 3);
	assert_int_equal(rd.line, 4);
	assert_string_equal(rd.fields[1], "two\r\nlines");
	assert_int_equal(batch_csv_reader_next(&rd), 3);
	assert_int_equal(rd.line, 6);                 /* after the break inside quotes */
	assert_string_equal(rd.fields[2], "7");
	assert_int_equal(batch_csv_reader_next(&rd), 0);
	batch_csv_reader_close(&rd);
	unlink(path);
}

static void test_reader_malformed(void **state)
{
	static const char *const bad[] = { "a,\"open\n", "a,b\"c\n", "a,\"x\"y\n", "a\rb\n" };
	batch_csv_reader rd;
	(void)state;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		write_file(bad[i], strlen(bad[i]));
		assert_int_equal(batch_csv_reader_open(&rd, path), 0);
		errno = 0;
		assert_int_equal(batch_csv_reader_next(&rd), -1);
		assert_int_equal(errno, EILSEQ);
		batch_csv_reader_close(&rd);
		unlink(path);
	}
	assert_int_equal(batch_csv_reader_open(&rd, "/nonexistent/x.csv"), -1);
	assert_int_equal(errno, ENOENT);
}

static void test_columns(void **state)
{
	(void)state;
	assert_int_equal(batch_xlsx_column("store_id")->kind, XLSX_TEXT);
	assert_int_equal(batch_xlsx_column("new_code")->kind, XLSX_TEXT);
	assert_int_equal(batch_xlsx_column("name")->kind, XLSX_FREE_TEXT);
	assert_int_equal(batch_xlsx_column("orders")->kind, XLSX_QUANTITY);
	assert_int_equal(batch_xlsx_column("growth_required_pct")->kind, XLSX_PERCENT);
	assert_int_equal(batch_xlsx_column("line")->kind, XLSX_COUNT);
	assert_string_equal(batch_xlsx_column("orders")->key, "xlsx.col.orders");
	assert_null(batch_xlsx_column("no_such_column"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader_fields),
		cmocka_unit_test(test_reader_malformed),
		cmocka_unit_test(test_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
