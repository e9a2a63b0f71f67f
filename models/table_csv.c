/*
 * table_csv.c: reads a CSV export (RFC 4180: comma-separated, fields in double quotes
 * may hold commas, quotes doubled and line breaks; CRLF or LF) into a table.  Text is
 * UTF-8 with or without BOM or, when it is not valid UTF-8, GB18030/GBK (what Excel on
 * a Chinese Windows writes), converted with iconv.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

int table_add_row(table *t, int line, table_cell *cells, size_t n)
{
	if (t->n_rows == t->cap_rows) {
		size_t cap = t->cap_rows ? t->cap_rows * 2 : 64;
		table_row *rows = realloc(t->rows, cap * sizeof *rows);
		if (!rows)
			return -1;
		t->rows = rows;
		t->cap_rows = cap;
	}
	t->rows[t->n_rows++] = (table_row){ line, n, cells };
	return 0;
}

void table_free(table *t)
{
	for (size_t i = 0; i < t->n_rows; i++) {
		for (size_t j = 0; j < t->rows[i].n; j++)
			free(t->rows[i].cells[j].text);
		free(t->rows[i].cells);
	}
	free(t->rows);
	*t = (table){ 0 };
}

/* 1 + the line of byte offset `at` (lines counted by '\n'). */
static int line_at(const char *bytes, size_t at)
{
	int line = 1;

	for (size_t i = 0; i < at; i++)
		line += bytes[i] == '\n';
	return line;
}

/* Offset of the first byte that is not part of valid UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF, no NUL), or len when all is valid. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		unsigned lo = 0x80, hi = 0xBF;

		if (c == 0)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1;
		else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			if (c == 0xE0) lo = 0xA0;
			if (c == 0xED) hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			if (c == 0xF0) lo = 0x90;
			if (c == 0xF4) hi = 0x8F;
		} else
			return i;
		if (i + n >= len)
			return i;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (size_t k = 2; k <= n; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return i;
		i += n + 1;
	}
	return len;
}

/* Converts GB18030 bytes to UTF-8 into *out (malloc'd).  0, or -1 with *bad_at set to
 * the offset of the first byte that is not GB18030 (or (size_t)-1: out of memory). */
static int gb18030_to_utf8(const char *in, size_t len, char **out, size_t *out_len,
			   size_t *bad_at)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1) {
		*bad_at = (size_t)-1;
		return -1;
	}
	size_t cap = len * 2 + 16;   /* a GB18030 character never grows past 2x in UTF-8 */
	char *buf = malloc(cap);
	if (!buf) {
		iconv_close(cd);
		*bad_at = (size_t)-1;
		return -1;
	}
	char *src = (char *)in, *dst = buf;
	size_t left = len, room = cap - 1;
	int rc = 0;
	if (iconv(cd, &src, &left, &dst, &room) == (size_t)-1) {
		*bad_at = (size_t)(src - in);
		rc = -1;
		free(buf);
	} else {
		*dst = '\0';
		*out = buf;
		*out_len = (size_t)(dst - buf);
	}
	iconv_close(cd);
	return rc;
}

/* A growing byte buffer for one field. */
typedef struct field_buf {
	char *p;
	size_t len, cap;
} field_buf;

static int field_put(field_buf *f, char ch)
{
	if (f->len + 1 >= f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;
		char *p = realloc(f->p, cap);
		if (!p)
			return -1;
		f->p = p;
		f->cap = cap;
	}
	f->p[f->len++] = ch;
	return 0;
}

/* The cells of one record being read. */
typedef struct record {
	table_cell *cells;
	size_t n, cap;
} record;

static int record_push(record *r, field_buf *f)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		table_cell *c = realloc(r->cells, cap * sizeof *c);
		if (!c)
			return -1;
		r->cells = c;
		r->cap = cap;
	}
	char *text = malloc(f->len + 1);
	if (!text)
		return -1;
	memcpy(text, f->p, f->len);
	text[f->len] = '\0';
	r->cells[r->n++] = (table_cell){ text, 0 };
	f->len = 0;
	return 0;
}

static void record_clear(record *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->cells[i].text);
	r->n = 0;
}

static int record_blank(const record *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->cells[i].text[0])
			return 0;
	return 1;
}

/* Splits UTF-8 text into records.  Line breaks inside quotes are kept as "\n". */
static int csv_split(const char *path, const char *s, size_t len, table *out, diag *err)
{
	field_buf f = { 0 };
	record r = { 0 };
	size_t i = 0;
	int line = 1, status = EXIT_OK;

	while (i < len && status == EXIT_OK) {
		int record_line = line;
		for (;;) {   /* one field per turn */
			if (r.n >= TABLE_MAX_COLUMNS) {
				char max[24];
				snprintf(max, sizeof max, "%d", TABLE_MAX_COLUMNS);
				diag_msg(err, EXIT_DATAERR, path, record_line, NULL, NULL,
					 "table.columns", "max", max, NULL);
				status = EXIT_DATAERR;
				break;
			}
			if (i < len && s[i] == '"') {
				int field_line = line;
				i++;
				for (;;) {
					if (i >= len) {
						diag_msg(err, EXIT_DATAERR, path, field_line, NULL, NULL,
							 "table.csv.quote-open", NULL);
						status = EXIT_DATAERR;
						break;
					}
					char ch = s[i++];
					if (ch == '"') {
						if (i < len && s[i] == '"')
							i++;
						else
							break;
					} else if (ch == '\r' && i < len && s[i] == '\n') {
						continue;   /* CRLF inside quotes: kept as "\n" */
					} else if (ch == '\n') {
						line++;
					}
					if (field_put(&f, ch))
						goto nomem;
				}
				if (status != EXIT_OK)
					break;
				if (i < len && s[i] != ',' && s[i] != '\n' &&
				    !(s[i] == '\r' && i + 1 < len && s[i + 1] == '\n') &&
				    !(s[i] == '\r' && i + 1 == len)) {
					char field[24];
					snprintf(field, sizeof field, "%zu", r.n + 1);
					diag_msg(err, EXIT_DATAERR, path, line, NULL, NULL,
						 "table.csv.after-quote", "field", field, NULL);
					status = EXIT_DATAERR;
					break;
				}
			} else {
				while (i < len && s[i] != ',' && s[i] != '\n' &&
				       !(s[i] == '\r' && (i + 1 == len || s[i + 1] == '\n')))
					if (field_put(&f, s[i++]))
						goto nomem;
			}
			if (record_push(&r, &f))
				goto nomem;
			if (i < len && s[i] == ',') {
				i++;
				if (i == len && record_push(&r, &f))   /* "a,b," at the very end */
					goto nomem;
				continue;
			}
			if (i < len && s[i] == '\r')
				i++;
			if (i < len && s[i] == '\n') {
				i++;
				line++;
			}
			break;
		}
		if (status != EXIT_OK)
			break;
		if (record_blank(&r)) {
			record_clear(&r);
			continue;
		}
		if (table_add_row(out, record_line, r.cells, r.n))
			goto nomem;
		r = (record){ 0 };
	}
	record_clear(&r);
	free(r.cells);
	free(f.p);
	return status;
nomem:
	record_clear(&r);
	free(r.cells);
	free(f.p);
	diag_msg(err, EXIT_SOFTWARE, path, 0, NULL, NULL, "models.out-of-memory", NULL);
	return EXIT_SOFTWARE;
}

/* A byte as two hex digits, for a message ("0xFF"). */
static const char *hex_byte(char c, char out[8])
{
	snprintf(out, 8, "%02X", (unsigned char)c);
	return out;
}

int table_parse_csv(const char *path, const char *bytes, size_t len, table_encoding enc,
		    table *out, diag *err)
{
	char byte[8];
	char *converted = NULL;
	size_t conv_len = 0, bad;

	*out = (table){ 0 };
	err->text[0] = '\0';
	if (len >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
			 (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
		diag_msg(err, EXIT_DATAERR, path, 1, NULL, NULL, "table.csv.utf16", NULL);
		return EXIT_DATAERR;
	}
	if (enc != TABLE_ENC_GB18030 && len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
		bytes += 3;   /* the UTF-8 byte order mark that Excel's "CSV UTF-8" writes */
		len -= 3;
		enc = TABLE_ENC_UTF8;
	}
	size_t invalid = enc == TABLE_ENC_GB18030 ? 0 : utf8_invalid_at((const unsigned char *)bytes, len);
	if (enc == TABLE_ENC_UTF8 && invalid < len) {
		diag_msg(err, EXIT_DATAERR, path, line_at(bytes, invalid), NULL, NULL,
			 "table.csv.not-utf8", "byte", hex_byte(bytes[invalid], byte), NULL);
		return EXIT_DATAERR;
	}
	out->encoding = "UTF-8";
	if (enc == TABLE_ENC_GB18030 || invalid < len) {
		if (memchr(bytes, '\0', len)) {
			size_t at = (size_t)((const char *)memchr(bytes, '\0', len) - bytes);
			diag_msg(err, EXIT_DATAERR, path, line_at(bytes, at), NULL, NULL,
				 "table.csv.nul", NULL);
			return EXIT_DATAERR;
		}
		if (gb18030_to_utf8(bytes, len, &converted, &conv_len, &bad) < 0) {
			if (bad == (size_t)-1) {
				diag_msg(err, EXIT_SOFTWARE, path, 0, NULL, NULL,
					 "table.csv.no-converter", NULL);
				return EXIT_SOFTWARE;
			}
			if (enc == TABLE_ENC_GB18030)
				diag_msg(err, EXIT_DATAERR, path, line_at(bytes, bad), NULL, NULL,
					 "table.csv.not-gb18030", "byte", hex_byte(bytes[bad], byte),
					 NULL);
			else
				diag_msg(err, EXIT_DATAERR, path, line_at(bytes, bad), NULL, NULL,
					 "table.csv.encoding", "byte",
					 hex_byte(bytes[bad < len ? bad : len - 1], byte), NULL);
			return EXIT_DATAERR;
		}
		bytes = converted;
		len = conv_len;
		out->encoding = "GB18030";
	}
	int status = csv_split(path, bytes, len, out, err);
	free(converted);
	if (status != EXIT_OK)
		table_free(out);
	return status;
}

int table_read_csv(const char *path, table_encoding enc, table *out, diag *err)
{
	*out = (table){ 0 };
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		diag_msg(err, EXIT_NOINPUT, path, 0, NULL, NULL, "models.cannot-open", "error",
			 strerror(errno), NULL);
		return EXIT_NOINPUT;
	}
	char *bytes = NULL;
	size_t len = 0, cap = 0;
	int status = EXIT_OK;
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 1 << 16;
			if (cap > (size_t)TABLE_MAX_BYTES + 1)
				cap = (size_t)TABLE_MAX_BYTES + 1;
			char *p = len < cap ? realloc(bytes, cap) : NULL;
			if (!p) {
				status = len >= (size_t)TABLE_MAX_BYTES ? EXIT_DATAERR : EXIT_SOFTWARE;
				char mb[24];
				snprintf(mb, sizeof mb, "%ld", (long)TABLE_MAX_BYTES >> 20);
				diag_msg(err, status, path, 0, NULL, NULL, status == EXIT_DATAERR ?
					 "table.too-large" : "models.out-of-memory", "max", mb, NULL);
				break;
			}
			bytes = p;
		}
		size_t n = fread(bytes + len, 1, cap - len, fp);
		len += n;
		if (n == 0) {
			if (ferror(fp)) {
				status = EXIT_NOINPUT;
				diag_msg(err, status, path, 0, NULL, NULL, "models.cannot-read-error",
					 "error", strerror(errno), NULL);
			}
			break;
		}
	}
	fclose(fp);
	if (status == EXIT_OK)
		status = table_parse_csv(path, bytes, len, enc, out, err);
	free(bytes);
	return status;
}
