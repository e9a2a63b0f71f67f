/*
 * plan_queue.c: the plans still to render, taken from both ends by the processes of a
 * batch (see plan_queue.h).
 */
#define _DEFAULT_SOURCE    /* MAP_ANONYMOUS */
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>

#include "plan_queue.h"

struct plan_queue {
	_Atomic uint64_t ends;   /* back << 32 | front */
};

static uint64_t pack(uint64_t front, uint64_t back)
{
	return back << 32 | front;
}

plan_queue *plan_queue_new(size_t from, size_t to)
{
	plan_queue *q = mmap(NULL, sizeof *q, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			     -1, 0);
	if (q == MAP_FAILED)
		return NULL;
	if (to > UINT32_MAX)
		to = UINT32_MAX;
	atomic_init(&q->ends, pack(from < to ? from : to, to));
	return q;
}

void plan_queue_free(plan_queue *q)
{
	if (q)
		munmap(q, sizeof *q);
}

/* Takes the index at one end of what is left (the back when from_back): 1, or 0 when
 * nothing is left.  Both ends are read and changed as one word, so a take from either
 * end sees the other's. */
static int take(plan_queue *q, size_t *i, int from_back)
{
	uint64_t v = atomic_load(&q->ends);

	for (;;) {
		uint64_t front = v & UINT32_MAX, back = v >> 32;
		if (front >= back)
			return 0;
		uint64_t next = from_back ? pack(front, back - 1) : pack(front + 1, back);
		if (atomic_compare_exchange_weak(&q->ends, &v, next)) {
			*i = (size_t)(from_back ? back - 1 : front);
			return 1;
		}
	}
}

int plan_queue_take_front(plan_queue *q, size_t *i)
{
	return take(q, i, 0);
}

int plan_queue_take_back(plan_queue *q, size_t *i)
{
	return take(q, i, 1);
}

size_t plan_queue_front(plan_queue *q)
{
	return (size_t)(atomic_load(&q->ends) & UINT32_MAX);
}
