/*
 * table.h: a spreadsheet export read into rows of UTF-8 strings, each row with the line
 * a user sees in the file (CSV: the line where the record starts; XLSX: the sheet's row
 * number).  table_csv.c reads RFC 4180 CSV in UTF-8 or GB18030/GBK, table_xlsx.c the
 * cells of one sheet of an Excel workbook.  No printing: problems come back as a diag.
 */
#ifndef PLANNER_TABLE_H
#define PLANNER_TABLE_H

#include <stddef.h>

#include "model.h"

typedef struct table_cell {
	char *text;          /* UTF-8, NUL-terminated, never NULL */
	int is_number;       /* XLSX: stored as a number (text is the stored value) */
} table_cell;

typedef struct table_row {
	int line;
	size_t n;
	table_cell *cells;
} table_row;

typedef struct table {
	table_row *rows;     /* rows with at least one non-empty cell, in file order */
	size_t n_rows, cap_rows;
	const char *encoding; /* CSV: "UTF-8" or "GB18030", as read */
} table;

typedef enum table_encoding {
	TABLE_ENC_AUTO = 0,  /* UTF-8 (BOM or not) when valid, else GB18030 */
	TABLE_ENC_UTF8,
	TABLE_ENC_GB18030,
} table_encoding;

#define TABLE_MAX_BYTES (512L << 20)   /* a larger export is refused */
#define TABLE_MAX_COLUMNS 16384        /* XLSX's own limit */

/* Reads a CSV file.  EXIT_OK, or EXIT_NOINPUT / EXIT_DATAERR / EXIT_SOFTWARE with *err
 * ("FILE:LINE: a quoted field is not closed").  *out is zeroed first. */
int table_read_csv(const char *path, table_encoding enc, table *out, diag *err);
/* The same on bytes in memory (path only names them in errors). */
int table_parse_csv(const char *path, const char *bytes, size_t len, table_encoding enc,
		    table *out, diag *err);

/* Reads the first sheet of an XLSX workbook, or the sheet named `sheet`. */
int table_read_xlsx(const char *path, const char *sheet, table *out, diag *err);

/* Appends a row (takes ownership of cells[0..n)).  0, or -1 when out of memory. */
int table_add_row(table *t, int line, table_cell *cells, size_t n);
void table_free(table *t);

#endif
