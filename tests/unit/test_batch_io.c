/*
 * test_batch_io.c: unit tests of the batch writers' plumbing: number formatting, RFC
 * 4180 quoting, and the sticky error of an output file (a write past RLIMIT_FSIZE
 * fails with EFBIG, later writes do nothing, closing reports the first error).
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cmocka.h>

#include "batch_io.h"

static void test_format_num(void **state)
{
	char buf[40];
	(void)state;

	assert_int_equal(batch_format_num(946, 6, buf), 3);
	assert_string_equal(buf, "946");
	batch_format_num(12.5, 2, buf);
	assert_string_equal(buf, "12.5");
	batch_format_num(53.16701, 2, buf);
	assert_string_equal(buf, "53.17");
	batch_format_num(-3.25, 2, buf);
	assert_string_equal(buf, "-3.25");
	batch_format_num(-0.001, 2, buf);
	assert_string_equal(buf, "0");               /* no "-0" */
	batch_format_num(0.1 + 0.2, 6, buf);
	assert_string_equal(buf, "0.3");
	batch_format_num(1e9, 6, buf);
	assert_string_equal(buf, "1000000000");
	batch_format_num(99.995, 2, buf);
	assert_string_equal(buf, "100");             /* scaled, then rounded half away from 0 */
	assert_int_equal(batch_format_num(NAN, 2, buf), 0);
	assert_string_equal(buf, "");
	batch_format_num(1e20, 2, buf);
	assert_string_equal(buf, "1e+20");
}

/* Whole numbers against printf, at every length: 0-99 999, each power of ten and its
 * neighbours, negatives, up to 9e15. */
static void test_format_whole(void **state)
{
	char buf[40], want[40];
	(void)state;

	for (long long v = 0; v < 100000; v++) {
		snprintf(want, sizeof want, "%lld", v);
		assert_int_equal(batch_format_num((double)v, 6, buf), strlen(want));
		assert_string_equal(buf, want);
	}
	for (long long p = 10; p <= 1000000000000000LL; p *= 10)
		for (long long v = p - 1; v <= p + 1; v++)
			for (int sign = 1; sign >= -1; sign -= 2) {
				snprintf(want, sizeof want, "%lld", sign * v);
				assert_int_equal(batch_format_num((double)(sign * v), 6, buf),
						 strlen(want));
				assert_string_equal(buf, want);
			}
	batch_format_num(8999999999999999.0, 0, buf);
	assert_string_equal(buf, "8999999999999999");
}

static char dir[64];

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/test_batch_io.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *slurp(const char *name)
{
	char path[128];
	static char buf[4096];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Counts (size_t) at their extremes: every digit of the largest one. */
static void test_csv_count_extremes(void **state)
{
	char msg[256], want[64];
	(void)state;

	batch_file *f = batch_file_create(dir, "counts.csv");
	assert_non_null(f);
	batch_csv_count(f, 0);
	batch_csv_count(f, 9);
	batch_csv_count(f, 10);
	batch_csv_count(f, 100);
	batch_csv_count(f, (size_t)-1);
	batch_csv_end(f);
	assert_int_equal(batch_file_close(f, msg, sizeof msg), 0);
	snprintf(want, sizeof want, "0,9,10,100,%zu\r\n", (size_t)-1);
	assert_string_equal(slurp("counts.csv"), want);
}

static void test_csv_quoting(void **state)
{
	char msg[256];
	(void)state;

	batch_file *f = batch_file_create(dir, "q.csv");
	assert_non_null(f);
	batch_csv_bom(f);
	batch_csv_field(f, "plain");
	batch_csv_field(f, "王记烟酒, 副食");
	batch_csv_field(f, "\"好又多\"");
	batch_csv_field(f, "a\nb");
	batch_csv_field(f, "cr\r");
	batch_csv_field(f, "");
	batch_csv_num(f, NAN, 2);
	batch_csv_count(f, 271);
	batch_csv_end(f);
	batch_csv_plain(f, "Y2");
	batch_csv_end(f);
	assert_int_equal(batch_file_close(f, msg, sizeof msg), 0);
	assert_string_equal(slurp("q.csv"),
			    "\xEF\xBB\xBFplain,\"王记烟酒, 副食\",\"\"\"好又多\"\"\",\"a\nb\",\"cr\r\",,,271\r\n"
			    "Y2\r\n");
	/* an existing file is never overwritten */
	assert_null(batch_file_create(dir, "q.csv"));
	assert_int_equal(errno, EEXIST);
}

/* Fields written straight into the buffer (numbers, counts, short words) and long
 * words that are not, across many buffer boundaries: the same bytes as one string. */
static void test_csv_buffer_edges(void **state)
{
	static const char *words[] = { "", "Y2", "insufficient-peers", "0123456789abcdef",
				       "0123456789abcdefg", "a word longer than sixteen bytes" };
	size_t cap = 4 << 20, len = 0;
	char *want = malloc(cap), msg[256], num[40];
	(void)state;

	assert_non_null(want);
	batch_file *f = batch_file_create(dir, "edges.csv");
	assert_non_null(f);
	for (size_t i = 0; i < 30000; i++) {
		const char *w = words[i % 6];
		double x = (double)(i * 7919 % 100003) / 8.0 - 5000;
		batch_csv_plain(f, w);
		batch_csv_num(f, x, (int)(i % 3));
		batch_csv_count(f, i * 104729);
		batch_csv_field(f, w);
		batch_csv_end(f);
		batch_format_num(x, (int)(i % 3), num);
		len += (size_t)snprintf(want + len, cap - len, "%s,%s,%zu,%s\r\n", w, num,
					 i * 104729, w);
	}
	assert_int_equal(batch_file_close(f, msg, sizeof msg), 0);
	char path[128];
	snprintf(path, sizeof path, "%s/edges.csv", dir);
	FILE *in = fopen(path, "rb");
	assert_non_null(in);
	char *got = malloc(cap);
	assert_non_null(got);
	size_t n = fread(got, 1, cap, in);
	fclose(in);
	assert_true(len > 10 * 65536);
	assert_int_equal(n, len);
	assert_memory_equal(got, want, len);
	free(got);
	free(want);
}

static void test_csv_formula_guard(void **state)
{
	char msg[256];
	(void)state;

	batch_file *f = batch_file_create(dir, "g.csv");
	assert_non_null(f);
	batch_csv_text(f, "=HYPERLINK(\"http://x\")");
	batch_csv_text(f, "+1");
	batch_csv_text(f, "-2");
	batch_csv_text(f, "@SUM(A1)");
	batch_csv_text(f, "文奇店");
	batch_csv_text(f, "");
	batch_csv_field(f, "-7");          /* ids and codes are not free text: unchanged */
	batch_csv_end(f);
	assert_int_equal(batch_file_close(f, msg, sizeof msg), 0);
	assert_string_equal(slurp("g.csv"),
			    "\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,'@SUM(A1),文奇店,,-7\r\n");
}

static void test_sticky_error(void **state)
{
	struct rlimit old, small = { 16384, 16384 };
	char line[100], msg[256];
	(void)state;

	memset(line, 'x', sizeof line);
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small.rlim_max = old.rlim_max;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	batch_file *f = batch_file_create(dir, "big.csv");
	assert_non_null(f);
	for (int i = 0; i < 5000; i++)          /* 500 KB into a 16 KB limit */
		batch_file_write(f, line, sizeof line);
	assert_int_equal(batch_file_error(f), EFBIG);
	batch_file_printf(f, "%d", 42);          /* does nothing, keeps the first error */
	assert_int_equal(batch_file_error(f), EFBIG);
	assert_int_equal(batch_file_close(f, msg, sizeof msg), EFBIG);
	assert_non_null(strstr(msg, "big.csv: "));
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_num),
		cmocka_unit_test(test_format_whole),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_count_extremes),
		cmocka_unit_test(test_csv_buffer_edges),
		cmocka_unit_test(test_csv_formula_guard),
		cmocka_unit_test(test_sticky_error),
	};
	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
