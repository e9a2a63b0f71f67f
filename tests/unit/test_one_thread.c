/*
 * test_one_thread.c: unit tests of one_thread_wait (planner/one_thread.c), which batch
 * calls before it forks plan workers from a process that has used pango: alone, it
 * says so at once; a thread still running makes it say no after the timeout; a
 * detached thread (as pango's font threads are) that ends by itself is waited for.
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "one_thread.h"

static void test_alone(void **state)
{
	(void)state;
	assert_int_equal(one_thread_wait(0), 1);
}

/* A thread that runs until a byte arrives on its pipe. */
static void *wait_for_byte(void *arg)
{
	char c;
	int fd = *(int *)arg;

	while (read(fd, &c, 1) < 0)
		;
	return NULL;
}

static void test_running_thread(void **state)
{
	int fds[2];
	pthread_t t;
	(void)state;

	assert_int_equal(pipe(fds), 0);
	assert_int_equal(pthread_create(&t, NULL, wait_for_byte, &fds[0]), 0);
	assert_int_equal(pthread_detach(t), 0);
	assert_int_equal(one_thread_wait(0), 0);
	assert_int_equal(one_thread_wait(30), 0);   /* still there after 30 ms */
	assert_int_equal(write(fds[1], "x", 1), 1);
	assert_int_equal(one_thread_wait(10000), 1);   /* it ends once it has its byte */
	close(fds[0]);
	close(fds[1]);
}

static atomic_int ended;

/* A thread that sleeps 50 ms, says so and ends: pango's font threads end by themselves. */
static void *sleep_then_end(void *arg)
{
	const struct timespec t = { 0, 50 * 1000000 };
	(void)arg;

	nanosleep(&t, NULL);
	atomic_store(&ended, 1);
	return NULL;
}

static void test_waits_for_ending_threads(void **state)
{
	pthread_t t[4];
	(void)state;

	atomic_store(&ended, 0);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(pthread_create(&t[i], NULL, sleep_then_end, NULL), 0);
		assert_int_equal(pthread_detach(t[i]), 0);
	}
	assert_int_equal(one_thread_wait(10000), 1);
	assert_int_equal(atomic_load(&ended), 1);   /* it waited for them */
	assert_int_equal(one_thread_wait(0), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alone),
		cmocka_unit_test(test_running_thread),
		cmocka_unit_test(test_waits_for_ending_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
