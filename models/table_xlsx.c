/*
 * table_xlsx.c: reads one sheet of an Excel workbook (XLSX: a ZIP archive of XML parts)
 * into a table.  libzip opens the parts; libxml2's xmlTextReader streams over
 * workbook.xml and its relationships (to find the sheet: the first, or the one named
 * by --sheet), sharedStrings.xml and the sheet itself.  Numbers keep the text Excel
 * stored ("3.20903100123E+11") and are marked as numbers; import.c decides what they mean.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "table.h"

#define XLSX_MAX_TEXT (64 << 10)      /* bytes of one cell or shared string */
#define XLSX_MAX_SHEETS 256

typedef struct xlsx {
	const char *path;
	zip_t *zip;
	diag *err;
	char **strings;                    /* the shared strings */
	size_t n_strings, cap_strings;
} xlsx;

/* One part being read: the zip entry and how much of it was inflated. */
typedef struct part {
	xlsx *x;
	const char *name;
	zip_file_t *file;
	zip_uint64_t inflated;
	int too_big;
	xmlTextReaderPtr xr;
} part;

static int part_read(void *ctx, char *buf, int len)
{
	part *p = ctx;
	zip_int64_t n = zip_fread(p->file, buf, (zip_uint64_t)len);

	if (n < 0)
		return -1;
	p->inflated += (zip_uint64_t)n;
	if (p->inflated > (zip_uint64_t)TABLE_MAX_BYTES) {
		p->too_big = 1;    /* a "zip bomb" or not one region's export */
		return -1;
	}
	return (int)n;
}

/* Opens a part for reading.  0; 1 when it does not exist; -1 with x->err set. */
static int part_open(xlsx *x, const char *name, part *p)
{
	*p = (part){ .x = x, .name = name };
	zip_int64_t index = zip_name_locate(x->zip, name, 0);
	if (index < 0)
		return 1;
	p->file = zip_fopen_index(x->zip, (zip_uint64_t)index, 0);
	if (!p->file) {
		diag_msg(x->err, EXIT_DATAERR, x->path, 0, NULL, NULL, "table.xlsx.unpack", "part",
			 name, "error", zip_strerror(x->zip), NULL);
		return -1;
	}
	p->xr = xmlReaderForIO(part_read, NULL, p, name, NULL,
			       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!p->xr) {
		zip_fclose(p->file);
		diag_msg(x->err, EXIT_SOFTWARE, x->path, 0, NULL, NULL, "models.out-of-memory", NULL);
		return -1;
	}
	return 0;
}

static void part_close(part *p)
{
	if (p->xr)
		xmlFreeTextReader(p->xr);
	if (p->file)
		zip_fclose(p->file);
	p->xr = NULL;
	p->file = NULL;
}

/* The next node: 1, 0 at the end, -1 with x->err set (not well-formed, a DOCTYPE,
 * too large). */
static int part_next(part *p, int line)
{
	int rc = xmlTextReaderRead(p->xr);

	if (rc == 1 && xmlTextReaderNodeType(p->xr) == XML_READER_TYPE_DOCUMENT_TYPE) {
		diag_msg(p->x->err, EXIT_DATAERR, p->x->path, line, NULL, NULL, "table.xlsx.doctype",
			 "part", p->name, NULL);
		return -1;
	}
	if (rc < 0) {
		char num[24];
		if (p->too_big) {
			snprintf(num, sizeof num, "%ld", (long)TABLE_MAX_BYTES >> 20);
			diag_msg(p->x->err, EXIT_DATAERR, p->x->path, line, NULL, NULL,
				 "table.xlsx.too-large", "part", p->name, "max", num, NULL);
		} else {
			snprintf(num, sizeof num, "%d", xmlTextReaderGetParserLineNumber(p->xr));
			diag_msg(p->x->err, EXIT_DATAERR, p->x->path, line, NULL, NULL,
				 "table.xlsx.not-xml", "part", p->name, "line", num, NULL);
		}
	}
	return rc;
}

static int is_element(part *p, const char *local)
{
	return xmlTextReaderNodeType(p->xr) == XML_READER_TYPE_ELEMENT &&
	       strcmp((const char *)xmlTextReaderConstLocalName(p->xr), local) == 0;
}

static int is_end(part *p, const char *local)
{
	return xmlTextReaderNodeType(p->xr) == XML_READER_TYPE_END_ELEMENT &&
	       strcmp((const char *)xmlTextReaderConstLocalName(p->xr), local) == 0;
}

/* An attribute by local name, whatever its namespace prefix (r:id); malloc'd or NULL. */
static char *attr(part *p, const char *local)
{
	char *value = NULL;

	if (xmlTextReaderMoveToFirstAttribute(p->xr) != 1)
		return NULL;
	do {
		if (strcmp((const char *)xmlTextReaderConstLocalName(p->xr), local) == 0) {
			value = (char *)xmlTextReaderValue(p->xr);
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(p->xr) == 1);
	xmlTextReaderMoveToElement(p->xr);
	return value;
}

/* ---- text of <t> and <v> elements ------------------------------------------------------ */

typedef struct text_buf {
	char *p;
	size_t len, cap;
	int too_long;
} text_buf;

static int text_add(text_buf *t, const char *s)
{
	size_t n = strlen(s);

	if (t->len + n > XLSX_MAX_TEXT) {
		t->too_long = 1;
		return 0;
	}
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 64;
		while (cap < t->len + n + 1)
			cap *= 2;
		char *q = realloc(t->p, cap);
		if (!q)
			return -1;
		t->p = q;
		t->cap = cap;
	}
	memcpy(t->p + t->len, s, n + 1);
	t->len += n;
	return 0;
}

/* Appends the text of the current element (at the reader) up to its end tag, skipping
 * phonetic runs (<rPh>), which are readings, not the text. */
static int read_text(part *p, text_buf *t, const char *end, int line)
{
	int in_t = 0, in_rph = 0, rc;

	if (xmlTextReaderIsEmptyElement(p->xr))
		return 0;
	while ((rc = part_next(p, line)) == 1) {
		int type = xmlTextReaderNodeType(p->xr);
		if (is_end(p, end))
			return 0;
		if (is_element(p, "rPh") && !xmlTextReaderIsEmptyElement(p->xr))
			in_rph = 1;
		else if (is_end(p, "rPh"))
			in_rph = 0;
		else if ((is_element(p, "t") || is_element(p, "v")) &&
			 !xmlTextReaderIsEmptyElement(p->xr))
			in_t = 1;
		else if (is_end(p, "t") || is_end(p, "v"))
			in_t = 0;
		else if ((in_t || !strcmp(end, "t") || !strcmp(end, "v")) && !in_rph &&
			 (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
			  type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
			  type == XML_READER_TYPE_WHITESPACE)) {
			if (text_add(t, (const char *)xmlTextReaderConstValue(p->xr))) {
				diag_msg(p->x->err, EXIT_SOFTWARE, p->x->path, 0, NULL, NULL,
					 "models.out-of-memory", NULL);
				return -1;
			}
		}
	}
	if (rc == 0)
		diag_msg(p->x->err, EXIT_DATAERR, p->x->path, line, NULL, NULL,
			 "table.xlsx.ends-inside", "part", p->name, "element", end, NULL);
	return -1;
}

/* ---- finding the sheet ------------------------------------------------------------------ */

/* The Target of the relationship in rels_name whose Id is id, or (id NULL) whose Type
 * ends in type_suffix; malloc'd, or NULL (x->err set when *failed). */
static char *relationship(xlsx *x, const char *rels_name, const char *id,
			  const char *type_suffix, int *failed)
{
	part p;
	char *target = NULL;
	int rc = part_open(x, rels_name, &p);

	*failed = rc < 0;
	if (rc)
		return NULL;
	while (!target && (rc = part_next(&p, 0)) == 1) {
		if (!is_element(&p, "Relationship"))
			continue;
		char *rid = attr(&p, "Id"), *type = attr(&p, "Type");
		size_t tl = type ? strlen(type) : 0, sl = strlen(type_suffix ? type_suffix : "");
		if (id ? rid && strcmp(rid, id) == 0
		       : type && tl >= sl && strcmp(type + tl - sl, type_suffix) == 0)
			target = attr(&p, "Target");
		xmlFree(rid);
		xmlFree(type);
	}
	*failed = rc < 0;
	part_close(&p);
	return target;
}

/* dir of base ("xl/workbook.xml" -> "xl/") joined with target; an absolute target
 * ("/xl/worksheets/sheet1.xml") is taken from the archive's root. */
static void part_path(const char *base, const char *target, char *out, size_t size)
{
	const char *slash = strrchr(base, '/');

	if (target[0] == '/')
		snprintf(out, size, "%s", target + 1);
	else
		snprintf(out, size, "%.*s%s", slash ? (int)(slash - base + 1) : 0, base, target);
}

/* The sheet's part name into out.  0, or -1 with x->err set. */
static int find_sheet(xlsx *x, const char *want, char *workbook, size_t wsize, char *out,
		      size_t size)
{
	int failed;
	char *wb = relationship(x, "_rels/.rels", NULL, "/officeDocument", &failed);
	if (failed)
		return -1;
	snprintf(workbook, wsize, "%s", wb ? (wb[0] == '/' ? wb + 1 : wb) : "xl/workbook.xml");
	xmlFree(wb);

	part p;
	int rc = part_open(x, workbook, &p);
	if (rc) {
		if (rc > 0)
			diag_msg(x->err, EXIT_DATAERR, x->path, 0, NULL, NULL,
				 "table.xlsx.no-workbook", "part", workbook, NULL);
		return -1;
	}
	char *rid = NULL, names[512] = "";
	size_t nlen = 0;
	int sheets = 0;
	while (!rid && (rc = part_next(&p, 0)) == 1) {
		if (!is_element(&p, "sheet"))
			continue;
		char *name = attr(&p, "name");
		if (!want || (name && strcmp(name, want) == 0))
			rid = attr(&p, "id");
		if (name && nlen + strlen(name) + 8 < sizeof names)
			nlen += (size_t)snprintf(names + nlen, sizeof names - nlen, "%s\"%s\"",
						 sheets ? ", " : "", name);
		sheets++;
		xmlFree(name);
	}
	part_close(&p);
	if (rc < 0)
		return -1;
	if (!rid) {
		if (want)
			diag_msg(x->err, EXIT_DATAERR, x->path, 0, NULL, NULL, sheets ?
				 "table.xlsx.no-such-sheet" : "table.xlsx.no-such-sheet.none", "sheet",
				 want, "sheets", names, NULL);
		else
			diag_msg(x->err, EXIT_DATAERR, x->path, 0, NULL, NULL, "table.xlsx.no-sheets",
				 NULL);
		return -1;
	}
	char rels[600];
	const char *slash = strrchr(workbook, '/');
	snprintf(rels, sizeof rels, "%.*s_rels/%s.rels", slash ? (int)(slash - workbook + 1) : 0,
		 workbook, slash ? slash + 1 : workbook);
	char *target = relationship(x, rels, rid, NULL, &failed);
	xmlFree(rid);
	if (failed) {
		xmlFree(target);
		return -1;
	}
	if (!target) {
		diag_msg(x->err, EXIT_DATAERR, x->path, 0, NULL, NULL, "table.xlsx.no-target",
			 "part", rels, NULL);
		return -1;
	}
	part_path(workbook, target, out, size);
	xmlFree(target);
	return 0;
}

/* ---- shared strings ----------------------------------------------------------------- */

static int read_shared_strings(xlsx *x, const char *workbook)
{
	char rels[600], name[600];
	const char *slash = strrchr(workbook, '/');
	int failed, rc;

	snprintf(rels, sizeof rels, "%.*s_rels/%s.rels", slash ? (int)(slash - workbook + 1) : 0,
		 workbook, slash ? slash + 1 : workbook);
	char *target = relationship(x, rels, NULL, "/sharedStrings", &failed);
	if (failed)
		return -1;
	part_path(workbook, target ? target : "sharedStrings.xml", name, sizeof name);
	xmlFree(target);

	part p;
	rc = part_open(x, name, &p);
	if (rc)
		return rc > 0 ? 0 : -1;   /* a workbook without text has none */
	while ((rc = part_next(&p, 0)) == 1) {
		if (!is_element(&p, "si"))
			continue;
		text_buf t = { 0 };
		if (read_text(&p, &t, "si", 0) < 0 || text_add(&t, "") < 0) {
			free(t.p);
			rc = -1;
			if (!x->err->text[0])
				diag_msg(x->err, EXIT_SOFTWARE, x->path, 0, NULL, NULL, "models.out-of-memory", NULL);
			break;
		}
		if (t.too_long) {
			char index[24], max[24];
			snprintf(index, sizeof index, "%zu", x->n_strings);
			snprintf(max, sizeof max, "%d", XLSX_MAX_TEXT);
			diag_msg(x->err, EXIT_DATAERR, x->path, 0, NULL, NULL, "table.xlsx.string-long",
				 "part", name, "index", index, "max", max, NULL);
			free(t.p);
			rc = -1;
			break;
		}
		if (x->n_strings == x->cap_strings) {
			size_t cap = x->cap_strings ? x->cap_strings * 2 : 256;
			char **s = realloc(x->strings, cap * sizeof *s);
			if (!s) {
				free(t.p);
				diag_msg(x->err, EXIT_SOFTWARE, x->path, 0, NULL, NULL, "models.out-of-memory", NULL);
				rc = -1;
				break;
			}
			x->strings = s;
			x->cap_strings = cap;
		}
		x->strings[x->n_strings++] = t.p;
	}
	part_close(&p);
	return rc < 0 ? -1 : 0;
}

/* ---- the sheet ------------------------------------------------------------------------- */

/* "BC12" -> column index 54 (0-based); -1 when there are no letters or too many. */
static long column_of(const char *ref)
{
	long col = 0;
	int letters = 0;

	for (; *ref >= 'A' && *ref <= 'Z'; ref++, letters++) {
		col = col * 26 + (*ref - 'A' + 1);
		if (col > TABLE_MAX_COLUMNS)
			return -1;
	}
	return letters ? col - 1 : -1;
}

typedef struct sheet_row {
	table_cell *cells;
	size_t n, cap;
	int any;
} sheet_row;

static int row_put(sheet_row *r, size_t col, char *text, int is_number)
{
	if (col >= r->cap) {
		size_t cap = r->cap ? r->cap : 16;
		while (cap <= col)
			cap *= 2;
		table_cell *c = realloc(r->cells, cap * sizeof *c);
		if (!c)
			return -1;
		r->cells = c;
		r->cap = cap;
	}
	while (r->n < col) {
		char *empty = calloc(1, 1);
		if (!empty)
			return -1;
		r->cells[r->n++] = (table_cell){ empty, 0 };
	}
	if (col < r->n) {   /* the same cell twice: the last one counts */
		free(r->cells[col].text);
		r->cells[col] = (table_cell){ text, is_number };
	} else {
		r->cells[r->n++] = (table_cell){ text, is_number };
	}
	r->any |= text[0] != '\0';
	return 0;
}

static void row_drop(sheet_row *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->cells[i].text);
	free(r->cells);
	*r = (sheet_row){ 0 };
}

/* One <c> element into the row.  0, or -1 with x->err set. */
static int read_cell(xlsx *x, part *p, int line, long *next_col, sheet_row *row)
{
	char *ref = attr(p, "r"), *type = attr(p, "t");
	long col = ref ? column_of(ref) : *next_col;
	text_buf t = { 0 };
	int status = 0;

	if (col < 0 || col >= TABLE_MAX_COLUMNS) {
		char max[24];
		snprintf(max, sizeof max, "%d", TABLE_MAX_COLUMNS);
		diag_msg(x->err, EXIT_DATAERR, x->path, line, NULL, NULL, "table.xlsx.cell-ref",
			 "cell", ref ? ref : "", "max", max, NULL);
		status = -1;
	} else if (read_text(p, &t, "c", line) < 0 || text_add(&t, "") < 0) {
		if (!x->err->text[0])
			diag_msg(x->err, EXIT_SOFTWARE, x->path, 0, NULL, NULL, "models.out-of-memory", NULL);
		status = -1;
	} else if (t.too_long) {
		char max[24];
		snprintf(max, sizeof max, "%d", XLSX_MAX_TEXT);
		diag_msg(x->err, EXIT_DATAERR, x->path, line, NULL, NULL, "table.xlsx.cell-long",
			 "cell", ref ? ref : "", "max", max, NULL);
		status = -1;
	}
	if (status == 0) {
		char *text = t.p;
		int is_number = !type || strcmp(type, "n") == 0;
		t.p = NULL;
		if (type && strcmp(type, "s") == 0) {
			char *end;
			errno = 0;
			unsigned long k = strtoul(text, &end, 10);
			if (end == text || *end || errno || k >= x->n_strings) {
				char count[24];
				snprintf(count, sizeof count, "%zu", x->n_strings);
				diag_msg(x->err, EXIT_DATAERR, x->path, line, NULL, NULL,
					 "table.xlsx.no-string", "cell", ref ? ref : "", "string", text,
					 "count", count, NULL);
				free(text);
				status = -1;
			} else {
				free(text);
				text = strdup(x->strings[k]);
			}
		} else if (type && strcmp(type, "b") == 0) {
			const char *truth = strcmp(text, "1") == 0 ? "TRUE" : "FALSE";
			free(text);
			text = strdup(truth);
		}
		if (status == 0 && (!text || row_put(row, (size_t)col, text, is_number) < 0)) {
			free(text);
			diag_msg(x->err, EXIT_SOFTWARE, x->path, 0, NULL, NULL, "models.out-of-memory", NULL);
			status = -1;
		}
		*next_col = col + 1;
	}
	free(t.p);
	xmlFree(ref);
	xmlFree(type);
	return status;
}

static int read_sheet(xlsx *x, const char *name, table *out)
{
	part p;
	int rc = part_open(x, name, &p), line = 0;
	sheet_row row = { 0 };

	if (rc) {
		if (rc > 0)
			diag_msg(x->err, EXIT_DATAERR, x->path, 0, NULL, NULL,
				 "table.xlsx.sheet-missing", "part", name, NULL);
		return -1;
	}
	long next_col = 0;
	while ((rc = part_next(&p, line)) == 1) {
		if (is_element(&p, "row")) {
			char *r = attr(&p, "r");
			long n = r ? strtol(r, NULL, 10) : line + 1;
			xmlFree(r);
			if (n <= line || n > 1048576) {
				char row_n[24], after[24];
				snprintf(row_n, sizeof row_n, "%ld", n);
				snprintf(after, sizeof after, "%d", line);
				diag_msg(x->err, EXIT_DATAERR, x->path, line, NULL, NULL,
					 "table.xlsx.row-order", "part", name, "row", row_n, "after",
					 after, NULL);
				rc = -1;
				break;
			}
			line = (int)n;
			next_col = 0;
			row_drop(&row);
			if (xmlTextReaderIsEmptyElement(p.xr))
				continue;
		} else if (is_element(&p, "c")) {
			if (line == 0) {
				diag_msg(x->err, EXIT_DATAERR, x->path, 0, NULL, NULL,
					 "table.xlsx.cell-outside", "part", name, NULL);
				rc = -1;
				break;
			}
			if (xmlTextReaderIsEmptyElement(p.xr)) {   /* <c r="E5"/>: no value */
				char *ref = attr(&p, "r");
				long col = ref ? column_of(ref) : next_col;
				xmlFree(ref);
				next_col = col >= 0 ? col + 1 : next_col + 1;
				continue;
			}
			if (read_cell(x, &p, line, &next_col, &row) < 0) {
				rc = -1;
				break;
			}
		} else if (is_end(&p, "row")) {
			if (row.any) {
				if (table_add_row(out, line, row.cells, row.n) < 0) {
					diag_msg(x->err, EXIT_SOFTWARE, x->path, 0, NULL, NULL,
						 "models.out-of-memory", NULL);
					rc = -1;
					break;
				}
				row = (sheet_row){ 0 };
			}
			row_drop(&row);
		}
	}
	row_drop(&row);
	part_close(&p);
	return rc < 0 ? -1 : 0;
}

int table_read_xlsx(const char *path, const char *sheet, table *out, diag *err)
{
	xlsx x = { .path = path, .err = err };
	char workbook[512], sheet_part[600];
	int zerr = 0;

	*out = (table){ 0 };
	err->text[0] = '\0';
	x.zip = zip_open(path, ZIP_RDONLY, &zerr);
	if (!x.zip) {
		if (zerr == ZIP_ER_NOENT || zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ) {
			diag_msg(err, EXIT_NOINPUT, path, 0, NULL, NULL, "models.cannot-open",
				 "error", strerror(errno), NULL);
			return EXIT_NOINPUT;
		}
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		diag_msg(err, EXIT_DATAERR, path, 0, NULL, NULL, "table.xlsx.not-zip", "error",
			 zip_error_strerror(&ze), NULL);
		zip_error_fini(&ze);
		return EXIT_DATAERR;
	}
	int rc = find_sheet(&x, sheet, workbook, sizeof workbook, sheet_part, sizeof sheet_part);
	if (rc == 0)
		rc = read_shared_strings(&x, workbook);
	if (rc == 0)
		rc = read_sheet(&x, sheet_part, out);
	for (size_t i = 0; i < x.n_strings; i++)
		free(x.strings[i]);
	free(x.strings);
	zip_discard(x.zip);
	out->encoding = "UTF-8";
	if (rc < 0) {
		table_free(out);
		return err->status;
	}
	return EXIT_OK;
}
