/*
 * arena.h: a chunked bump allocator for the strings of one store profile.  Strings
 * never move once allocated; arena_reset() keeps the chunks, so reading store after
 * store allocates nothing once the chunks are warm.
 */
#ifndef PLANNER_ARENA_H
#define PLANNER_ARENA_H

#include <stddef.h>

typedef struct arena_chunk arena_chunk;
typedef struct arena {
	arena_chunk *head, *cur;
} arena;

/* Copies s[0..n) and a terminating NUL; NULL when out of memory. */
char *arena_strndup(arena *a, const char *s, size_t n);
void arena_reset(arena *a);
void arena_free(arena *a);

#endif
