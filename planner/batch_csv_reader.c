/*
 * batch_csv_reader.c: reads the CSV tables of `planner batch` back row by row
 * (batch_csv_reader.h).  Only what batch_io.c writes needs to be understood: plain
 * fields, and quoted fields with "" for a quote and embedded line breaks.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "batch_csv_reader.h"

int batch_csv_reader_open(batch_csv_reader *rd, const char *path)
{
	memset(rd, 0, sizeof *rd);
	rd->f = fopen(path, "rb");
	if (!rd->f)
		return -1;
	int c0 = getc(rd->f), c1 = getc(rd->f), c2 = getc(rd->f);
	if (!(c0 == 0xEF && c1 == 0xBB && c2 == 0xBF))
		rewind(rd->f);    /* no byte order mark */
	rd->next_line = 1;
	return 0;
}

static int put_byte(batch_csv_reader *rd, int c)
{
	if (rd->len == rd->cap) {
		size_t cap = rd->cap ? rd->cap * 2 : 1024;
		char *p = realloc(rd->buf, cap);
		if (!p)
			return -1;
		rd->buf = p;
		rd->cap = cap;
	}
	rd->buf[rd->len++] = (char)c;
	return 0;
}

static int start_field(batch_csv_reader *rd)
{
	if (rd->n_fields == rd->cap_fields) {
		size_t cap = rd->cap_fields ? rd->cap_fields * 2 : 32;
		size_t *s = realloc(rd->starts, cap * sizeof *s);
		if (!s)
			return -1;
		rd->starts = s;
		const char **f = realloc(rd->fields, cap * sizeof *f);
		if (!f)
			return -1;
		rd->fields = f;
		rd->cap_fields = cap;
	}
	rd->starts[rd->n_fields++] = rd->len;
	return 0;
}

/* Reads one field; returns the character that ended it (',', '\n' or EOF), or -2 on a
 * malformed field, -3 out of memory. */
static int read_field(batch_csv_reader *rd, long *lines)
{
	FILE *f = rd->f;
	int c = getc(f);

	if (c == '"') {
		for (;;) {
			c = getc(f);
			if (c == EOF)
				return -2;    /* the file ends inside quotes */
			if (c == '"') {
				c = getc(f);
				if (c != '"')
					break;
			}
			*lines += c == '\n';
			if (put_byte(rd, c) < 0)
				return -3;
		}
	} else {
		while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
			if (c == '"')
				return -2;
			if (put_byte(rd, c) < 0)
				return -3;
			c = getc(f);
		}
	}
	if (c == '\r' && (c = getc(f)) != '\n')
		return -2;
	if (c != ',' && c != '\n' && c != EOF)
		return -2;
	return c;
}

long batch_csv_reader_next(batch_csv_reader *rd)
{
	long lines = 0;
	int c;

	rd->line = rd->next_line;
	rd->len = 0;
	rd->n_fields = 0;
	c = getc(rd->f);
	if (c == EOF)
		return ferror(rd->f) ? -1 : 0;
	ungetc(c, rd->f);
	do {
		if (start_field(rd) < 0)
			return -2;
		c = read_field(rd, &lines);
		if (c == -3 || put_byte(rd, '\0') < 0)
			return -2;
		if (c == -2) {
			errno = EILSEQ;
			return -1;
		}
	} while (c == ',');
	if (ferror(rd->f))
		return -1;
	for (size_t i = 0; i < rd->n_fields; i++)
		rd->fields[i] = rd->buf + rd->starts[i];
	rd->next_line = rd->line + 1 + lines;    /* after the breaks inside quotes */
	return (long)rd->n_fields;
}

void batch_csv_reader_close(batch_csv_reader *rd)
{
	if (rd->f)
		fclose(rd->f);
	free(rd->buf);
	free(rd->starts);
	free(rd->fields);
	memset(rd, 0, sizeof *rd);
}
