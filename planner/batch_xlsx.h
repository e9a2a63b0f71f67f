/*
 * batch_xlsx.h: reclassification.xlsx of `planner batch --xlsx`: one sheet per CSV
 * table, made from the rows of the CSV itself (so the two cannot disagree), typed and
 * formatted from one description per column, and a summary sheet.  The parts shared
 * by batch_xlsx.c (workbook, tables) and batch_xlsx_summary.c (the summary sheet).
 */
#ifndef PLANNER_BATCH_XLSX_H
#define PLANNER_BATCH_XLSX_H

#include <stddef.h>

#include <xlsxwriter.h>

#include "batch_report.h"
#include "templates.h"

/* Writes DIR/reclassification.xlsx from the CSV tables already in rep->dir and from
 * the result.  EXIT_OK, or prints one line naming the file and returns EXIT_IOERR
 * (write error), EXIT_DATAERR / EXIT_NOINPUT (the column titles in templates/) or
 * EXIT_SOFTWARE (out of memory, a CSV column without a description). */
int batch_write_xlsx(const batch_report *rep);

/* How a column's cells are stored and shown. */
typedef enum xlsx_kind {
	XLSX_TEXT,        /* ids, codes, quarters, statuses: text, never a number */
	XLSX_FREE_TEXT,   /* text from the input (names, errors); the CSV's formula guard
			     (a leading ' before = + - @ tab CR) is taken off again */
	XLSX_COUNT,       /* whole numbers: ranks, counts, line numbers */
	XLSX_QUANTITY,    /* orders, thresholds, gaps: #,##0 (decimals when there are) */
	XLSX_PERCENT,     /* percentages and percentiles as 0-100 numbers, two decimals */
} xlsx_kind;

/* A column of a table: its CSV header name, the template key of its title, its kind. */
typedef struct xlsx_column {
	const char *name, *key;
	xlsx_kind kind;
} xlsx_column;

/* The description of a CSV column, or NULL. */
const xlsx_column *batch_xlsx_column(const char *name);

#define XLSX_MAX_COLUMNS 64
#define XLSX_MAX_SHEETS 64

typedef struct xlsx_book {
	lxw_workbook *wb;
	lxw_format *bold, *count, *quantity, *quantity_dec, *percent;
	const tmpl_set *words;
	lxw_error err;                 /* the first error; later cells are not written */
	size_t n_sheets;
	size_t sheet_rows[XLSX_MAX_SHEETS];    /* rows holding a cell, for the check */
} xlsx_book;

typedef struct xlsx_sheet {
	xlsx_book *book;
	lxw_worksheet *ws;
	size_t index;                  /* of the sheet in the book */
	lxw_row_t row;                 /* the row being written */
	lxw_row_t counted;             /* the last row counted in sheet_rows, plus one */
	size_t n_columns;
	double width[XLSX_MAX_COLUMNS];    /* widest cell so far, in character widths */
} xlsx_sheet;

/* Adds a sheet; 0, or -1 (book->err set). */
int batch_xlsx_sheet(xlsx_book *b, xlsx_sheet *s, const char *name);
/* A header cell: bold. */
void batch_xlsx_title(xlsx_sheet *s, size_t col, const char *text);
void batch_xlsx_text(xlsx_sheet *s, size_t col, const char *text);
/* A number shown as kind; NaN leaves the cell empty. */
void batch_xlsx_number(xlsx_sheet *s, size_t col, double x, xlsx_kind kind);
/* Column widths fitted to the widest cell of each column. */
void batch_xlsx_fit(xlsx_sheet *s);

/* The summary sheet (batch_xlsx_summary.c), and the template keys of its labels. */
void batch_xlsx_summary(xlsx_book *b, const batch_report *rep);
size_t batch_xlsx_summary_keys(const tmpl_key **keys);

/* Reads the written workbook back (batch_xlsx_check.c): every part inflates with a
 * good CRC and is well-formed XML, and sheet i holds rows[i] rows.  0, or -1 with the
 * reason in why. */
int batch_xlsx_check(const char *path, const size_t *rows, size_t n_sheets, char *why,
		     size_t size);

#endif
