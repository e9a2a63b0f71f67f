/*
 * field_rules.h: the rules for the values of a store's fields, shared by the XML reader
 * (store_fields.c) and the spreadsheet import (import.c), so that a value is accepted or
 * refused the same way whichever file it comes from.
 */
#ifndef PLANNER_FIELD_RULES_H
#define PLANNER_FIELD_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define FIELD_MAX_ID 64          /* bytes of a store id */
#define FIELD_MAX_NAME 256       /* bytes of a store name or owner */
#define FIELD_MAX_ADDRESS 512    /* bytes of an address */
#define FIELD_MAX_ORDERS 1e9     /* cartons in one quarter: anything above is a typo */
#define FIELD_MAX_AREA 1e6       /* m² */

/* Store ids become file names in batch output: 1-64 letters, digits, '_', '-', '.',
 * never a leading '.'.  1 when id is one. */
int field_store_id_ok(const char *id);
/* A hash of a store id (FNV-1a) for the hash sets of ids (reader, import, batch plans). */
uint64_t field_store_id_hash(const char *id);
/* Each check returns 0 (and the value), or -1 with the reason in why: a message of
 * templates/messages-en.txt (store.*) without a place, for diag_at or reader_report. */
/* The reason text is not a store id (whether or not it is one). */
void field_check_store_id_why(const char *text, diag *why);
int field_check_code(const char *text, category_code *out, diag *why);
/* An order figure: a plain decimal >= 0 and at most FIELD_MAX_ORDERS. */
int field_check_quantity(const char *text, double *out, diag *why);
/* m², > 0 and at most FIELD_MAX_AREA. */
int field_check_area(const char *text, double *out, diag *why);
/* A year 1900-2100. */
int field_check_opened(const char *text, int *out, diag *why);

/* The store-id check with the reason worded in English into why (diag_render). */
void field_store_id_why(const char *text, char *why, size_t size);
int field_store_id(const char *text, char *why, size_t size);

#endif
