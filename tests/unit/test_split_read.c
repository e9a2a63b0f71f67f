/*
 * test_split_read.c: unit tests of the parallel read of a region (models/xml_split.c):
 * a small file is read by the calling thread alone; split (PLANNER_SPLIT_MIN_BYTES=1),
 * the region table, its strings, the problems in order and a stop asked for by
 * on_problem are exactly the one-thread read's, and on_store runs on the reading
 * threads; a thread done with its part takes over the rest of a part still being read,
 * with the same result.  tests/e2e/split_read.sh compares whole commands on many files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "messages.h"
#include "model.h"
#include "xml_reader.h"

static char path[64];

static const char *write_xml(const char *text)
{
	const char *tmp = getenv("TMPDIR");

	if (path[0])
		unlink(path);
	snprintf(path, sizeof path, "%s/planner-split-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

/* A region of n stores: store k has id 100+k (store dup_of's id again for store
 * dup_at), a bad quantity when k % 7 == 3, an unknown element when k % 5 == 4, a
 * figure that is not whole when k is odd, and one of six names (shared names). */
static char *region_text(int n, int dup_at, int dup_of)
{
	size_t cap = 512 + (size_t)n * 400, len = 0;
	char *s = malloc(cap);

	assert_non_null(s);
	len += (size_t)snprintf(s + len, cap - len, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				"<region id=\"320900\" name=\"盐城\" quarter=\"2007Q1\">\n"
				"  <growth name=\"economy\" pct=\"12.5\">growth</growth>\n");
	for (int k = 0; k < n; k++)
		len += (size_t)snprintf(s + len, cap - len,
					"  <store id=\"%d\" name=\"店%d\">\n"
					"    <code>Y2%d1</code>\n%s"
					"    <orders><q id=\"2006Q4\">%d</q><q id=\"2007Q1\">%s</q></orders>\n"
					"  </store>\n",
					100 + (k == dup_at ? dup_of : k), k % 6, 1 + k % 3,
					k % 5 == 4 ? "    <extra/>\n" : "", 50 + k,
					k % 7 == 3 ? "-5" : k % 2 ? "120.5" : "80");
	snprintf(s + len, cap - len, "</region>\n");
	return s;
}

/* What a read gave to its callbacks. */
typedef struct seen {
	char problems[64][1024];
	int n_problems;
	int stop_at;                 /* on_problem returns 1 for this problem (0: never) */
	int stores, other_thread;
	pthread_t caller;
} seen;

static int note_problem(void *ctx, const diag *d)
{
	seen *s = ctx;

	/* the last 64 */
	snprintf(s->problems[s->n_problems % 64], sizeof s->problems[0], "%s", d->text);
	s->n_problems++;
	return s->stop_at && s->n_problems == s->stop_at;
}

static void note_store(void *ctx, const store *st, int valid)
{
	seen *s = ctx;

	(void)st;
	(void)valid;
	s->stores++;
	if (!pthread_equal(pthread_self(), s->caller))
		s->other_thread = 1;
}

static int read_with(const char *file, int jobs, seen *s, region *r, diag *fatal)
{
	read_options ro = { .on_problem = note_problem, .on_store = note_store, .ctx = s,
			    .jobs = jobs };

	s->caller = pthread_self();
	return region_read(file, &ro, r, fatal);
}

/* Offset 0 or a string of the region: "" for 0, so that an absent string compares too. */
static const char *str_or_empty(const region *r, uint32_t off)
{
	return off ? region_str(r, off) : "";
}

/* The same table as the one-thread read gives: every entry's fields, figures and
 * strings (id, name, first problem) the same; only the offsets of a later part's
 * strings differ (they join out's as one block). */
static void assert_same_regions(const region *a, const region *b)
{
	assert_int_equal(a->n_stores, b->n_stores);
	assert_int_equal(a->stores_read, b->stores_read);
	assert_int_equal(a->n_invalid, b->n_invalid);
	assert_int_equal(a->latest, b->latest);
	assert_int_equal(a->n_growth, b->n_growth);
	assert_int_equal(a->n_figures, b->n_figures);   /* figures that are not whole */
	if (a->n_figures)
		assert_memory_equal(a->figures, b->figures, a->n_figures * sizeof *a->figures);
	for (size_t i = 0; i < a->n_stores; i++) {
		region_entry x = a->stores[i], y = b->stores[i];
		assert_string_equal(str_or_empty(a, x.id), str_or_empty(b, y.id));
		assert_string_equal(str_or_empty(a, x.name), str_or_empty(b, y.name));
		assert_string_equal(str_or_empty(a, region_entry_error(a, &a->stores[i])),
				    str_or_empty(b, region_entry_error(b, &b->stores[i])));
		x.id = y.id = x.name = y.name = 0;
		assert_memory_equal(&x, &y, sizeof x);
	}
	for (size_t i = 0; i < a->n_invalid; i++)
		assert_int_equal(a->errors[i].entry, b->errors[i].entry);
	for (quarter_t q = a->latest - 8; q <= a->latest; q++)
		assert_int_equal(region_stores_in(a, q), region_stores_in(b, q));
}

static void small_file_not_split(void **state)
{
	(void)state;
	char *text = region_text(40, -1, 0);
	seen s = { 0 };
	region r;
	diag fatal;

	unsetenv("PLANNER_SPLIT_MIN_BYTES");
	assert_int_equal(read_with(write_xml(text), 2, &s, &r, &fatal), EXIT_OK);
	assert_int_equal(s.stores, 40);
	assert_false(s.other_thread);   /* under 8 MB: the caller's thread alone */
	region_free(&r);
	free(text);
}

static void split_read_is_the_one_thread_read(void **state)
{
	(void)state;
	/* store 31 repeats store 2's id: across the parts, whatever the cuts */
	char *text = region_text(40, 31, 2);
	const char *file = write_xml(text);

	for (int jobs = 2; jobs <= 5; jobs++) {
		seen one = { 0 }, split = { 0 };
		region a, b;
		diag fatal;

		unsetenv("PLANNER_SPLIT_MIN_BYTES");
		assert_int_equal(read_with(file, 1, &one, &a, &fatal), EXIT_OK);
		setenv("PLANNER_SPLIT_MIN_BYTES", "1", 1);
		assert_int_equal(read_with(file, jobs, &split, &b, &fatal), EXIT_OK);
		assert_true(split.other_thread);   /* it was split */
		assert_int_equal(split.stores, one.stores);
		assert_int_equal(split.n_problems, one.n_problems);
		for (int i = 0; i < one.n_problems && i < 64; i++)
			assert_string_equal(split.problems[i], one.problems[i]);
		assert_true(one.n_problems > 5);
		int dups = 0;
		for (int i = 0; i < one.n_problems && i < 64; i++)
			dups += strstr(one.problems[i], "duplicate store id") != NULL;
		assert_int_equal(dups, 1);
		assert_same_regions(&a, &b);
		region_free(&a);
		region_free(&b);
	}
	unsetenv("PLANNER_SPLIT_MIN_BYTES");
	free(text);
}

/* on_store_any_thread: on_store is called without the lock, by the reading threads at
 * once; every store is still seen exactly once and the region is the locked read's. */
static void count_store(void *ctx, const store *st, int valid)
{
	(void)st;
	(void)valid;
	atomic_fetch_add((atomic_int *)ctx, 1);
}

static int ignore_problem(void *ctx, const diag *d)
{
	(void)ctx;
	(void)d;
	return 0;
}

static void split_on_store_any_thread(void **state)
{
	(void)state;
	char *text = region_text(4000, -1, 0);
	const char *file = write_xml(text);
	seen locked = { 0 };
	atomic_int stores = 0;
	region a, b;
	diag fatal;

	setenv("PLANNER_SPLIT_MIN_BYTES", "1", 1);
	assert_int_equal(read_with(file, 2, &locked, &a, &fatal), EXIT_OK);
	assert_true(locked.other_thread);
	read_options ro = { .on_problem = ignore_problem, .on_store = count_store,
			    .ctx = &stores, .on_store_any_thread = 1, .jobs = 2 };
	assert_int_equal(region_read(file, &ro, &b, &fatal), EXIT_OK);
	assert_int_equal(atomic_load(&stores), 4000);
	assert_int_equal(locked.stores, 4000);
	assert_same_regions(&a, &b);
	region_free(&a);
	region_free(&b);
	unsetenv("PLANNER_SPLIT_MIN_BYTES");
	free(text);
}

/* on_problem stops the read at the fourth problem (store 24, past the cut of 2 parts): the same
 * status and fatal line, and no region. */
static void split_read_stops_where_one_thread_stops(void **state)
{
	(void)state;
	char *text = region_text(40, -1, 0);
	const char *file = write_xml(text);
	seen one = { .stop_at = 4 }, split = { .stop_at = 4 };
	region a, b;
	diag fatal_one, fatal_split;

	unsetenv("PLANNER_SPLIT_MIN_BYTES");
	assert_int_equal(read_with(file, 1, &one, &a, &fatal_one), EXIT_DATAERR);
	setenv("PLANNER_SPLIT_MIN_BYTES", "1", 1);
	assert_int_equal(read_with(file, 2, &split, &b, &fatal_split), EXIT_DATAERR);
	unsetenv("PLANNER_SPLIT_MIN_BYTES");
	assert_string_equal(fatal_split.text, fatal_one.text);
	assert_int_equal(split.n_problems, 4);
	assert_null(b.stores);
	free(text);
}

/* The file's first half (by bytes) is one long comment of many lines, so the first part
 * is read long before the second, and its thread takes over the second half of what the
 * second part has left (PLANNER_SPLIT_TAKE_MIN 64 KB), and so on: the region, the
 * problems and their lines (past the comment's) are still the one-thread read's. */
static void split_parts_taken_over(void **state)
{
	(void)state;
	char *stores = region_text(6000, 5990, 1);   /* an id repeated far from the first */
	size_t comment_len = strlen(stores) * 6 / 5, at = strstr(stores, "  <store") - stores;
	char *text = malloc(strlen(stores) + comment_len + 128);   /* the comment: whole lines */
	assert_non_null(text);
	memcpy(text, stores, at);
	size_t len = at + (size_t)sprintf(text + at, "<!--\n");
	while (len < at + comment_len) {
		memset(text + len, 'x', 59);
		text[len + 59] = '\n';
		len += 60;
	}
	strcpy(text + len, "-->\n");
	strcat(text, stores + at);
	const char *file = write_xml(text);
	seen one = { 0 };
	region a;
	diag fatal;

	unsetenv("PLANNER_SPLIT_MIN_BYTES");
	assert_int_equal(read_with(file, 1, &one, &a, &fatal), EXIT_OK);
	assert_true(one.n_problems > 100);
	setenv("PLANNER_SPLIT_MIN_BYTES", "1", 1);
	setenv("PLANNER_SPLIT_TAKE_MIN", "65536", 1);
	int taken = 0;
	/* Which thread is done first is up to the machine: under make test's other tests a
	 * part's thread can be kept off the CPUs long enough that nothing is left worth
	 * taking (5 tries all failed once in some 10 runs of make test).  So up to 40
	 * tries, 20 ms apart, for a burst of other work to pass; every try is checked. */
	for (int attempt = 0; attempt < 40 && !taken; attempt++) {
		if (attempt > 0) {
			const struct timespec pause = { 0, 20 * 1000000 };
			nanosleep(&pause, NULL);
		}
		seen split = { 0 };
		region b;
		assert_int_equal(read_with(file, 2, &split, &b, &fatal), EXIT_OK);
		assert_true(b.read_parts >= 2);
		taken = b.read_parts_taken;
		assert_int_equal(split.stores, one.stores);
		assert_int_equal(split.n_problems, one.n_problems);
		for (int i = 0; i < 64; i++)   /* the last 64: from the parts taken over */
			assert_string_equal(split.problems[i], one.problems[i]);
		assert_same_regions(&a, &b);
		region_free(&b);
	}
	assert_true(taken > 0);
	unsetenv("PLANNER_SPLIT_TAKE_MIN");
	unsetenv("PLANNER_SPLIT_MIN_BYTES");
	region_free(&a);
	free(text);
	free(stores);
}

int main(void)
{
	setenv("PLANNER_DATADIR", ".", 0);
	messages_init();     /* the problems compared are the English lines */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(small_file_not_split),
		cmocka_unit_test(split_read_is_the_one_thread_read),
		cmocka_unit_test(split_on_store_any_thread),
		cmocka_unit_test(split_read_stops_where_one_thread_stops),
		cmocka_unit_test(split_parts_taken_over),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	if (path[0])
		unlink(path);
	return failed;
}
