/*
 * store_pick.h: the full profiles of a few chosen stores, collected while a region file
 * is streamed (the region table itself keeps only compact entries): a hash set of the
 * chosen ids whose on_store callback (read_options) clones each chosen store as it is
 * read.  Used by `batch --plans` (the candidates) and `evaluate/plan --id`.
 */
#ifndef PLANNER_STORE_PICK_H
#define PLANNER_STORE_PICK_H

#include "model.h"

typedef struct store_pick {
	const char *const *ids;  /* the chosen ids (borrowed); an id given twice is kept once */
	size_t n;
	uint32_t *slots;         /* open addressing: index into ids + 1; 0 empty */
	size_t cap;
	store **profiles;        /* by index into ids; NULL until the store has been read */
	int failed;              /* out of memory while cloning */
} store_pick;

/* A set of ids[0..n).  Returns 0, or -1 when out of memory (store_pick_free still
 * applies). */
int store_pick_init(store_pick *p, const char *const *ids, size_t n);
/* Index of id in the set, or -1. */
long store_pick_find(const store_pick *p, const char *id);
/* read_options.on_store with ctx = the store_pick: keeps a copy of each valid chosen
 * store, the first time its id is read. */
void store_pick_on_store(void *ctx, const store *s, int valid);
/* Hands profile i over to the caller (who store_free()s it); NULL if it was not read. */
store *store_pick_take(store_pick *p, size_t i);
void store_pick_free(store_pick *p);

#endif
