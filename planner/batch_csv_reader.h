/*
 * batch_csv_reader.h: reads back the CSV tables that `planner batch` wrote (RFC 4180:
 * quoted fields with doubled quotes and line breaks, CRLF or LF, an optional UTF-8
 * BOM), one row at a time, for the writers that present the same rows in another
 * format (batch_xlsx.c).
 */
#ifndef PLANNER_BATCH_CSV_READER_H
#define PLANNER_BATCH_CSV_READER_H

#include <stddef.h>
#include <stdio.h>

typedef struct batch_csv_reader {
	FILE *f;
	char *buf;              /* the row's fields, each NUL-terminated */
	size_t len, cap;
	size_t *starts;         /* offset of each field in buf */
	const char **fields;    /* filled by batch_csv_reader_next */
	size_t n_fields, cap_fields;
	long line;              /* line of the file where the current row starts */
	long next_line;
} batch_csv_reader;

/* 0, or -1 with errno set. */
int batch_csv_reader_open(batch_csv_reader *rd, const char *path);
/* The next row: the number of fields (rd->fields), 0 at the end of the file, -1 on a
 * read error (errno set) or a malformed row (errno EILSEQ), -2 out of memory. */
long batch_csv_reader_next(batch_csv_reader *rd);
void batch_csv_reader_close(batch_csv_reader *rd);

#endif
