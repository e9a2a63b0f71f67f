/*
 * arena.c: chunked bump allocator (see arena.h).
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define ARENA_CHUNK 16384

struct arena_chunk {
	arena_chunk *next;
	size_t cap, used;
	char data[];
};

static arena_chunk *chunk_new(size_t need)
{
	size_t cap = need > ARENA_CHUNK ? need : ARENA_CHUNK;
	arena_chunk *c = malloc(sizeof *c + cap);

	if (c) {
		c->next = NULL;
		c->cap = cap;
		c->used = 0;
	}
	return c;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	arena_chunk *c = a->cur, *prev = NULL;

	while (c && c->cap - c->used < n + 1) {
		prev = c;
		c = c->next;
	}
	if (!c) {
		c = chunk_new(n + 1);
		if (!c)
			return NULL;
		if (prev)
			prev->next = c;
		else
			a->head = c;
	}
	a->cur = c;
	char *p = c->data + c->used;
	memcpy(p, s, n);
	p[n] = '\0';
	c->used += n + 1;
	return p;
}

void arena_reset(arena *a)
{
	for (arena_chunk *c = a->head; c; c = c->next)
		c->used = 0;
	a->cur = a->head;
}

void arena_free(arena *a)
{
	arena_chunk *c = a->head;

	while (c) {
		arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = a->cur = NULL;
}
