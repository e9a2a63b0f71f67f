/*
 * test_plan_queue.c: unit tests of the queue batch's plan processes take plans from
 * (planner/plan_queue.c): the front gives the lowest index left, the back the highest,
 * the two meet without giving an index twice, and a forked child taking from the front
 * while the parent takes from the back gets every index exactly once between them.
 */
#define _DEFAULT_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "plan_queue.h"

static void test_both_ends(void **state)
{
	plan_queue *q = plan_queue_new(1, 5);
	size_t i;
	(void)state;

	assert_non_null(q);
	assert_int_equal(plan_queue_front(q), 1);
	assert_true(plan_queue_take_front(q, &i));
	assert_int_equal(i, 1);
	assert_true(plan_queue_take_back(q, &i));
	assert_int_equal(i, 4);
	assert_true(plan_queue_take_back(q, &i));
	assert_int_equal(i, 3);
	assert_int_equal(plan_queue_front(q), 2);
	assert_true(plan_queue_take_front(q, &i));
	assert_int_equal(i, 2);
	assert_false(plan_queue_take_front(q, &i));    /* they met: nothing left */
	assert_false(plan_queue_take_back(q, &i));
	assert_int_equal(plan_queue_front(q), 3);
	plan_queue_free(q);
}

static void test_empty(void **state)
{
	size_t i;
	(void)state;

	plan_queue *q = plan_queue_new(3, 3);
	assert_non_null(q);
	assert_false(plan_queue_take_front(q, &i));
	assert_false(plan_queue_take_back(q, &i));
	plan_queue_free(q);
	q = plan_queue_new(7, 2);       /* from past to: empty, not a wrap-around */
	assert_non_null(q);
	assert_false(plan_queue_take_back(q, &i));
	plan_queue_free(q);
}

/* A child takes from the front, the parent from the back, both as fast as they can;
 * each writes what it took down a pipe (the child) or into an array (the parent). */
static void test_two_processes(void **state)
{
	enum { N = 200000 };
	unsigned char *seen = calloc(N, 1);
	plan_queue *q = plan_queue_new(0, N);
	int fds[2];
	size_t i, parent_took = 0, child_took = 0;
	(void)state;

	assert_non_null(seen);
	assert_non_null(q);
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		while (plan_queue_take_front(q, &i)) {
			uint32_t v = (uint32_t)i;
			if (write(fds[1], &v, sizeof v) != sizeof v)
				_exit(1);
		}
		_exit(0);
	}
	close(fds[1]);
	/* the pipe is read as the parent goes, so the child never blocks on a full one */
	int child_done = 0;
	uint32_t v;
	while (plan_queue_take_back(q, &i)) {
		assert_true(i < N);
		assert_int_equal(seen[i], 0);
		seen[i] = 1;
		parent_took++;
		if ((parent_took & 63) == 0) {
			ssize_t k = read(fds[0], &v, sizeof v);
			if (k == sizeof v) {
				assert_int_equal(seen[v], 0);
				seen[v] = 2;
				child_took++;
			} else {
				child_done = 1;
			}
		}
	}
	while (!child_done && read(fds[0], &v, sizeof v) == sizeof v) {
		assert_int_equal(seen[v], 0);
		seen[v] = 2;
		child_took++;
	}
	close(fds[0]);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	assert_int_equal(parent_took + child_took, N);
	for (size_t k = 0; k < N; k++)
		assert_true(seen[k] != 0);
	plan_queue_free(q);
	free(seen);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_both_ends),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_two_processes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
