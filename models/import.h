/*
 * import.h: turns tables read from spreadsheet exports (table.h) into stores: columns
 * are found by their header name (aliases in templates/import-headers.txt, renames
 * from --map), every value is checked with the XML reader's own rules (field_rules.h),
 * and each problem is one diag "FILE:LINE: column HEADER: message".  No printing.
 */
#ifndef PLANNER_IMPORT_H
#define PLANNER_IMPORT_H

#include <stddef.h>

#include "arena.h"
#include "model.h"
#include "table.h"

typedef enum import_field {
	IMPORT_NONE = 0,
	IMPORT_STORE_ID, IMPORT_NAME, IMPORT_CODE, IMPORT_OWNER, IMPORT_ADDRESS, IMPORT_AREA,
	IMPORT_OPENED,
	IMPORT_ORDERS_OF,     /* a stores column holding the orders of one quarter */
	IMPORT_QUARTER,       /* ORDERS file: the quarter of the row */
	IMPORT_ORDERS,        /* ORDERS file: the figure */
	IMPORT_IGNORE,        /* a column to skip without a warning */
	IMPORT_N_FIELDS
} import_field;

/* One "HEADER = field" line: a header name and what its column holds. */
typedef struct import_alias {
	char *header;
	import_field field;
	quarter_t quarter;    /* IMPORT_ORDERS_OF */
} import_alias;

typedef struct import_map {
	import_alias *aliases;
	size_t n, cap;
} import_map;

/* Appends the "HEADER = field" lines of text (a field is store_id, name, code, owner,
 * address, area, opened, quarter, orders, ignore or a quarter like 2007Q1; '#' starts a
 * comment).  EXIT_OK, or EXIT_DATAERR / EXIT_SOFTWARE with *err naming path:line. */
int import_map_parse(import_map *m, const char *path, const char *text, diag *err);
/* The same from a file (EXIT_NOINPUT when it cannot be read). */
int import_map_load(import_map *m, const char *path, diag *err);
void import_map_free(import_map *m);

/* s without blanks (space, tab, CR, LF) at either end, cut in place. */
char *import_trim(char *s);
/* The alias for header in m (ASCII letters compared case-folded), or NULL. */
const import_alias *import_map_find(const import_map *m, const char *header);
/* "store_id", "name", ... for a field, "" for none. */
const char *import_field_name(import_field f);

/* A quarter written as a header or a cell: "2007Q1", "2007q1", "2007年第1季度",
 * "2007年一季度", "2007年1季度".  0 and *out, or -1. */
int import_quarter_parse(const char *text, quarter_t *out);

/* The decimal digits of a whole number stored as a number ("3.20903100123E+11" ->
 * "320903100123"), exactly, without going through a double.  0, or -1 when text is
 * not a number or has a fraction. */
int import_number_to_id(const char *text, char *buf, size_t size);
/* A number in E notation ("1.5E+3") in plain decimal digits ("1500"), exactly; fractions
 * kept ("1.25E-1" -> "0.125").  0, or -1 when text is not a number. */
int import_number_plain(const char *text, char *buf, size_t size);

typedef struct import_figure {
	quarter_t quarter;
	double orders;
	int line;
	int from_orders;      /* given in the ORDERS file (else a column of STORES) */
} import_figure;

typedef struct import_store {
	const char *id, *name, *owner, *address;   /* owner, address NULL when empty */
	category_code code;
	double area;          /* 0 when not given */
	int opened;           /* 0 when not given */
	int line;
	import_figure *orders;
	size_t n_orders, cap_orders;
} import_store;

typedef struct import_result {
	import_store *stores;
	size_t n, cap;
	arena strings;
	size_t *index;        /* open addressing over stores by id: i + 1, 0 empty */
	size_t index_cap;
} import_result;

typedef struct import_options {
	const import_map *user;      /* --map, looked up first; may be NULL */
	const import_map *builtin;   /* templates/import-headers.txt */
	const char *stores_path;     /* named in errors of the ORDERS file */
	int orders_file;             /* an ORDERS file follows: no quarter column needed */
	/* Every problem (status EXIT_DATAERR) and the unknown-columns warning (EXIT_OK). */
	void (*report)(void *ctx, const diag *d);
	void *ctx;
} import_options;

/* Reads the stores of table t (read from path) into *out (zeroed first).  EXIT_OK,
 * EXIT_DATAERR when any problem was reported, EXIT_SOFTWARE out of memory. */
int import_stores(const table *t, const char *path, const import_options *opt,
		  import_result *out);
/* Adds the figures of a long-form ORDERS table (store_id, quarter, orders). */
int import_orders(const table *t, const char *path, const import_options *opt,
		  import_result *io);
/* Sorts each store's figures by quarter.  The latest quarter of any store, or
 * QUARTER_NONE. */
quarter_t import_finish(import_result *r);
void import_result_free(import_result *r);

#endif
