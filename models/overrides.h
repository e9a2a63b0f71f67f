/*
 * overrides.h: reviewed exceptions (batch --overrides FILE): codes set by a county or
 * prefecture review, read from a CSV `store_id,code,reason` (header row, any column
 * order, UTF-8 or GB18030), checked against the region, and applied to each store's
 * row after the computation: new_code becomes the reviewed code, change is recomputed
 * from it, the reason is kept for the `override` column.  Plain data; nothing prints.
 */
#ifndef PLANNER_OVERRIDES_H
#define PLANNER_OVERRIDES_H

#include <stddef.h>

#include "batch.h"
#include "model.h"

typedef struct override_item {
	char *store_id;
	category_code code;          /* the reviewed code */
	char *reason;
	int line;                    /* line of the row in the CSV */
	size_t entry;                /* the store's index in the region */
	category_code old_code;      /* the store's <code> */
	category_code rule_code;     /* the code the rule computed (old code when kept) */
} override_item;

struct overrides {
	override_item *items;        /* sorted by store_id */
	size_t n;
};

/* Reads path and checks every row against r, whose groups b has classified (the rule's
 * code of each store is noted).  EXIT_OK, or EXIT_NOINPUT / EXIT_DATAERR /
 * EXIT_SOFTWARE with one line in *err: "FILE:LINE: ..." (a missing column, a store id
 * not in the region or invalid there, a bad code, an empty reason, a repeated id). */
int overrides_load(const char *path, const region *r, const batch_result *b, overrides *out,
		   diag *err);
void overrides_free(overrides *o);
/* The override of a store id, or NULL. */
const override_item *overrides_find(const overrides *o, const char *store_id);
/* Sets row's new code and change from the store's override, if any (row->override:
 * the reason).  Called by batch_row_get; reads o only. */
void overrides_apply(const overrides *o, const char *store_id, batch_row *row);

#endif
