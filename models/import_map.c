/*
 * import_map.c: what a header or a cell of a spreadsheet export means: the
 * "HEADER = field" lines of templates/import-headers.txt and --map, quarters written
 * as 2007Q1 or 2007年第1季度, and whole numbers a spreadsheet stored in E notation.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

static const char *const field_names[IMPORT_N_FIELDS] = {
	[IMPORT_STORE_ID] = "store_id", [IMPORT_NAME] = "name", [IMPORT_CODE] = "code",
	[IMPORT_OWNER] = "owner", [IMPORT_ADDRESS] = "address", [IMPORT_AREA] = "area",
	[IMPORT_OPENED] = "opened", [IMPORT_QUARTER] = "quarter", [IMPORT_ORDERS] = "orders",
	[IMPORT_IGNORE] = "ignore",
};

/* ---- header names ------------------------------------------------------------------ */

char *import_trim(char *s)
{
	char *end = s + strlen(s);

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
		end--;
	*end = '\0';
	return s;
}

/* Compares with ASCII letters folded, so "Store_ID" finds store_id. */
static int same_header(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
		if (x != y)
			return 0;
	}
	return *a == *b;
}

int import_quarter_parse(const char *text, quarter_t *out)
{
	static const char *const numerals[] = { "一", "二", "三", "四" };
	char id[8];
	const char *p = text;
	int n = 0;

	while (*p == ' ')
		p++;
	for (int i = 0; i < 4; i++)
		if (p[i] < '0' || p[i] > '9')
			return -1;
	memcpy(id, p, 4);
	p += 4;
	if (*p == 'Q' || *p == 'q') {
		p++;
		if (*p >= '1' && *p <= '4')
			n = *p++ - '0';
	} else if (strncmp(p, "年", strlen("年")) == 0) {
		p += strlen("年");
		if (strncmp(p, "第", strlen("第")) == 0)
			p += strlen("第");
		if (*p >= '1' && *p <= '4') {
			n = *p++ - '0';
		} else {
			for (int i = 0; i < 4 && !n; i++)
				if (strncmp(p, numerals[i], strlen(numerals[i])) == 0) {
					n = i + 1;
					p += strlen(numerals[i]);
				}
		}
		if (n && strncmp(p, "季度", strlen("季度")) == 0)
			p += strlen("季度");
		else if (n && strncmp(p, "季", strlen("季")) == 0)
			p += strlen("季");
		else
			n = 0;
	}
	while (*p == ' ')
		p++;
	if (!n || *p)
		return -1;
	id[4] = 'Q';
	id[5] = (char)('0' + n);
	id[6] = '\0';
	return quarter_parse(id, out);
}

int import_map_parse(import_map *m, const char *path, const char *text, diag *err)
{
	int line = 0;

	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		char buf[512];

		line++;
		if (len >= sizeof buf) {
			diag_msg(err, EXIT_DATAERR, path, line, NULL, NULL, "import.map.line-long", NULL);
			return EXIT_DATAERR;
		}
		memcpy(buf, text, len);
		buf[len] = '\0';
		text += len + (nl != NULL);
		char *hash = buf[0] == '#' ? buf : strstr(buf, " #");
		if (hash)
			*hash = '\0';
		char *s = import_trim(buf);
		if (!*s)
			continue;
		char *eq = strrchr(s, '=');
		if (!eq) {
			diag_msg(err, EXIT_DATAERR, path, line, NULL, NULL, "import.map.no-equals",
				 "line", s, NULL);
			return EXIT_DATAERR;
		}
		*eq = '\0';
		char *header = import_trim(s), *field = import_trim(eq + 1);
		import_alias a = { 0 };
		for (int f = 1; f < IMPORT_N_FIELDS; f++)
			if (field_names[f] && strcmp(field, field_names[f]) == 0)
				a.field = (import_field)f;
		if (!a.field && import_quarter_parse(field, &a.quarter) == 0)
			a.field = IMPORT_ORDERS_OF;
		if (!*header || !a.field) {
			diag_msg(err, EXIT_DATAERR, path, line, NULL, NULL, !*header ?
				 "import.map.no-header" : "import.map.not-a-field", "field", field,
				 NULL);
			return EXIT_DATAERR;
		}
		if (m->n == m->cap) {
			size_t cap = m->cap ? m->cap * 2 : 32;
			import_alias *p = realloc(m->aliases, cap * sizeof *p);
			if (!p)
				goto nomem;
			m->aliases = p;
			m->cap = cap;
		}
		a.header = strdup(header);
		if (!a.header)
			goto nomem;
		m->aliases[m->n++] = a;
	}
	return EXIT_OK;
nomem:
	diag_msg(err, EXIT_SOFTWARE, path, line, NULL, NULL, "models.out-of-memory", NULL);
	return EXIT_SOFTWARE;
}

int import_map_load(import_map *m, const char *path, diag *err)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		diag_msg(err, EXIT_NOINPUT, path, 0, NULL, NULL, "models.cannot-open", "error",
			 strerror(errno), NULL);
		return EXIT_NOINPUT;
	}
	char *text = NULL;
	size_t len = 0, cap = 0, n;
	do {
		if (len + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			char *p = cap <= (1 << 20) ? realloc(text, cap) : NULL;
			if (!p) {
				free(text);
				fclose(fp);
				diag_msg(err, EXIT_DATAERR, path, 0, NULL, NULL, "import.map.too-large",
					 NULL);
				return EXIT_DATAERR;
			}
			text = p;
		}
		n = fread(text + len, 1, 4096, fp);
		len += n;
	} while (n > 0);
	int failed = ferror(fp);
	fclose(fp);
	if (failed) {
		free(text);
		diag_msg(err, EXIT_NOINPUT, path, 0, NULL, NULL, "models.cannot-read", NULL);
		return EXIT_NOINPUT;
	}
	text[len] = '\0';
	int status = len != strlen(text) ?
		(diag_msg(err, EXIT_DATAERR, path, 0, NULL, NULL, "import.map.binary", NULL),
		 EXIT_DATAERR) :
		import_map_parse(m, path, text, err);
	free(text);
	return status;
}

void import_map_free(import_map *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->aliases[i].header);
	free(m->aliases);
	*m = (import_map){ 0 };
}

const import_alias *import_map_find(const import_map *m, const char *header)
{
	if (!m)
		return NULL;
	for (size_t i = 0; i < m->n; i++)
		if (same_header(m->aliases[i].header, header))
			return &m->aliases[i];
	return NULL;
}

/* ---- numbers stored by a spreadsheet --------------------------------------------------- */

/* Spreadsheets store numbers in E notation ("1.5E+3", "3.20903100123E+11"): the same
 * decimal written out in plain digits, exactly, without going through a double.  0 and
 * buf, or -1 when text is not a decimal number (with or without an exponent). */
int import_number_plain(const char *text, char *buf, size_t size)
{
	char digits[400];
	size_t nd = 0;
	long point = -1, exp = 0;
	const char *p = text;
	int negative = 0;

	if (*p == '-' || *p == '+')
		negative = *p++ == '-';
	for (; (*p >= '0' && *p <= '9') || *p == '.'; p++) {
		if (*p == '.') {
			if (point >= 0)
				return -1;
			point = (long)nd;
		} else if (nd + 1 < sizeof digits) {
			digits[nd++] = *p;
		} else {
			return -1;
		}
	}
	if (nd == 0)
		return -1;
	if (point < 0)
		point = (long)nd;
	if (*p == 'e' || *p == 'E') {
		char *end;
		errno = 0;
		exp = strtol(p + 1, &end, 10);
		if (end == p + 1 || errno || exp > 300 || exp < -300)
			return -1;
		p = end;
	}
	if (*p)
		return -1;
	long whole = point + exp;   /* digits before the decimal point */
	long last = (long)nd;       /* one past the last significant fraction digit */
	while (last > (whole < 0 ? 0 : whole) && digits[last - 1] == '0')
		last--;
	size_t out = 0;
	if (negative && size > 1)
		buf[out++] = '-';
	for (long i = 0; i < whole; i++) {
		char d = i < (long)nd ? digits[i] : '0';
		if (out == (size_t)negative && d == '0' && i + 1 < whole)
			continue;           /* leading zeros of the number */
		if (out + 1 >= size)
			return -1;
		buf[out++] = d;
	}
	if (out == (size_t)negative) {
		if (out + 1 >= size)
			return -1;
		buf[out++] = '0';
	}
	if (last > (whole < 0 ? 0 : whole)) {
		if (out + 1 >= size)
			return -1;
		buf[out++] = '.';
		for (long i = whole; i < last; i++) {
			if (out + 1 >= size)
				return -1;
			buf[out++] = i < 0 ? '0' : digits[i];
		}
	}
	buf[out] = '\0';
	if (negative && strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return 0;
}

int import_number_to_id(const char *text, char *buf, size_t size)
{
	if (import_number_plain(text, buf, size) < 0 || strchr(buf, '.'))
		return -1;          /* not a number, or a fraction */
	return 0;
}

const char *import_field_name(import_field f)
{
	return f > IMPORT_NONE && f < IMPORT_N_FIELDS && field_names[f] ? field_names[f] : "";
}
