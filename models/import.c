/*
 * import.c: stores from spreadsheet tables (see import.h).  The header row names the
 * columns; each cell is checked by the rules of field_rules.c, the same the XML reader
 * applies, so an imported region is valid exactly when its XML would be.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field_rules.h"
#include "import.h"
#include "utf8.h"

/* ---- the stores, found by id ---------------------------------------------------------- */

static import_store *find_store(const import_result *r, const char *id)
{
	if (!r->index_cap)
		return NULL;
	for (size_t i = (size_t)field_store_id_hash(id) & (r->index_cap - 1);; i = (i + 1) & (r->index_cap - 1)) {
		if (!r->index[i])
			return NULL;
		if (strcmp(r->stores[r->index[i] - 1].id, id) == 0)
			return &r->stores[r->index[i] - 1];
	}
}

static int index_add(import_result *r, size_t at)
{
	if ((r->n + 1) * 2 > r->index_cap) {
		size_t cap = r->index_cap ? r->index_cap * 2 : 1024;
		size_t *idx = calloc(cap, sizeof *idx);
		if (!idx)
			return -1;
		for (size_t k = 0; k < r->index_cap; k++) {
			if (!r->index[k])
				continue;
			size_t i = (size_t)field_store_id_hash(r->stores[r->index[k] - 1].id) & (cap - 1);
			while (idx[i])
				i = (i + 1) & (cap - 1);
			idx[i] = r->index[k];
		}
		free(r->index);
		r->index = idx;
		r->index_cap = cap;
	}
	size_t i = (size_t)field_store_id_hash(r->stores[at].id) & (r->index_cap - 1);
	while (r->index[i])
		i = (i + 1) & (r->index_cap - 1);
	r->index[i] = at + 1;
	return 0;
}

/* ---- reading a table ------------------------------------------------------------------ */

typedef struct column {
	import_field field;
	quarter_t quarter;
	const char *header;          /* as written in the file */
} column;

/* What one table's reading shares: where problems go and how many there were. */
typedef struct reading {
	const char *path;
	const import_options *opt;
	column *cols;
	size_t n_cols;
	int header_line;
	int problems;
	int nomem;
} reading;

/* Reports why, a problem without a place (a reason of field_rules.c's checks, or
 * problem()'s), placed at line in the column headed header. */
static void problem_why(reading *rd, int line, const char *header, diag *why)
{
	char field[300];

	diag_words(field, sizeof field, "import.at.column", "header", header, NULL);
	diag_at(why, EXIT_DATAERR, rd->path, line, NULL, field);
	rd->problems++;
	if (rd->opt->report)
		rd->opt->report(rd->opt->ctx, why);
}

/* Reports the problem key (templates/messages-en.txt) with its (name, value) pairs
 * ending in a NULL name, at line in the column headed header. */
static void problem(reading *rd, int line, const char *header, const char *key, ...)
	__attribute__((sentinel));

static void problem(reading *rd, int line, const char *header, const char *key, ...)
{
	va_list ap;
	diag d;

	va_start(ap, key);
	diag_vmsg(&d, EXIT_DATAERR, NULL, 0, NULL, NULL, key, ap);
	va_end(ap);
	problem_why(rd, line, header, &d);
}

/* Maps the header row to fields; reports a second column of a field, missing
 * required ones and (one warning) the unknown ones. */
static int read_header(reading *rd, const table *t, const import_field *required,
		       size_t n_required, int stores)
{
	const table_row *h = &t->rows[0];
	size_t width = h->n;
	char unknown[1024] = "";
	size_t n_unknown = 0, ulen = 0;

	for (size_t r = 1; r < t->n_rows; r++)
		if (t->rows[r].n > width)
			width = t->rows[r].n;
	rd->header_line = h->line;
	rd->n_cols = width;
	rd->cols = calloc(width ? width : 1, sizeof *rd->cols);
	if (!rd->cols)
		return -1;
	for (size_t c = 0; c < width; c++) {
		column *col = &rd->cols[c];
		col->header = c < h->n ? import_trim(h->cells[c].text) : "";
		const import_alias *a = import_map_find(rd->opt->user, col->header);
		if (!a)
			a = import_map_find(rd->opt->builtin, col->header);
		if (a) {
			col->field = a->field;
			col->quarter = a->quarter;
		} else if (stores && import_quarter_parse(col->header, &col->quarter) == 0) {
			col->field = IMPORT_ORDERS_OF;
		}
		if (col->field == IMPORT_ORDERS_OF && !stores)
			col->field = IMPORT_NONE;
		if (col->field == IMPORT_NONE) {
			int has_data = 0;
			for (size_t r = 1; r < t->n_rows && !has_data; r++)
				has_data = c < t->rows[r].n && import_trim(t->rows[r].cells[c].text)[0];
			if (!*col->header && !has_data)
				continue;
			char name[300], number[24];
			snprintf(number, sizeof number, "%zu", c + 1);
			if (*col->header)
				snprintf(name, sizeof name, "%s", col->header);
			else
				diag_words(name, sizeof name, "import.column.no-header", "column", number, NULL);
			if (ulen + strlen(name) + 8 < sizeof unknown)
				ulen += (size_t)snprintf(unknown + ulen, sizeof unknown - ulen, "%s%s",
							 n_unknown ? ", " : "", name);
			n_unknown++;
			continue;
		}
		for (size_t e = 0; e < c; e++)
			if (rd->cols[e].field == col->field &&
			    (col->field != IMPORT_ORDERS_OF || rd->cols[e].quarter == col->quarter) &&
			    col->field != IMPORT_IGNORE) {
				char q[12];
				quarter_format(col->quarter, q);
				problem(rd, h->line, col->header, "import.column.twice", "field",
					col->field == IMPORT_ORDERS_OF ? q : import_field_name(col->field),
					"first", rd->cols[e].header, NULL);
				break;
			}
	}
	for (size_t k = 0; k < n_required; k++) {
		size_t c = 0;
		while (c < width && rd->cols[c].field != required[k])
			c++;
		if (c == width) {
			char names[300];
			size_t len = 0;
			const import_map *maps[] = { rd->opt->user, rd->opt->builtin };
			for (int m = 0; m < 2; m++)
				for (size_t i = 0; maps[m] && i < maps[m]->n; i++)
					if (maps[m]->aliases[i].field == required[k] &&
					    len + strlen(maps[m]->aliases[i].header) + 4 < sizeof names)
						len += (size_t)snprintf(names + len, sizeof names - len,
									"%s\"%s\"", len ? ", " : "",
									maps[m]->aliases[i].header);
			problem(rd, h->line, import_field_name(required[k]), len ?
				"import.column.missing" : "import.column.missing.no-alias", "headers",
				names, NULL);
		}
	}
	if (stores) {
		size_t c = 0;
		while (c < width && rd->cols[c].field != IMPORT_ORDERS_OF)
			c++;
		if (c == width && !rd->opt->orders_file)
			problem(rd, h->line, "orders", "import.orders.missing", NULL);
	}
	if (n_unknown) {
		diag d;
		char count[24];
		snprintf(count, sizeof count, "%zu", n_unknown);
		diag_msg(&d, EXIT_OK, rd->path, h->line, NULL, NULL, n_unknown > 1 ?
			 "import.column.unknown" : "import.column.unknown.one", "count", count,
			 "columns", unknown, NULL);
		if (rd->opt->report)
			rd->opt->report(rd->opt->ctx, &d);
	}
	return 0;
}

/* The first character of s that XML cannot carry (a control character other than tab
 * and line feed, U+FFFE, U+FFFF), or 0. */
static int control_char(const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n')
			return (unsigned char)*s;
		if (strncmp(s, "\xEF\xBF\xBE", 3) == 0 || strncmp(s, "\xEF\xBF\xBF", 3) == 0)
			return s[2] == '\xBE' ? 0xFFFE : 0xFFFF;
	}
	return 0;
}

static const char *cell_text(const table_row *row, size_t c)
{
	return c < row->n ? import_trim(row->cells[c].text) : "";
}

/* The store id in cell c: a number stored by the spreadsheet becomes its digits
 * exactly.  NULL after reporting a problem. */
static const char *cell_id(reading *rd, const table_row *row, size_t c, char *buf,
			   size_t size)
{
	const char *text = cell_text(row, c);
	const char *header = rd->cols[c].header;
	char why[200];

	if (!*text) {
		problem(rd, row->line, header, "import.id.empty", NULL);
		return NULL;
	}
	if (c < row->n && row->cells[c].is_number) {
		if (import_number_to_id(text, buf, size) < 0) {
			problem(rd, row->line, header, "import.id.fraction", "value", text, NULL);
			return NULL;
		}
		text = buf;
	}
	if (field_store_id(text, why, sizeof why) < 0) {
		const char *e = strpbrk(text, "eE");
		if (e && (e[1] == '+' || e[1] == '-') && strchr(text, '.'))
			problem(rd, row->line, header, "import.id.shortened", "reason", why, NULL);
		else
		{
			diag d;
			field_check_store_id_why(text, &d);
			problem_why(rd, row->line, header, &d);
		}
		return NULL;
	}
	return text;
}

static const char *keep(reading *rd, import_result *r, const char *s)
{
	const char *p = arena_strndup(&r->strings, s, strlen(s));
	if (!p)
		rd->nomem = 1;
	return p;
}

static int add_figure(import_store *st, quarter_t q, double v, int line, int from_orders)
{
	if (st->n_orders == st->cap_orders) {
		size_t cap = st->cap_orders ? st->cap_orders * 2 : 8;
		import_figure *p = realloc(st->orders, cap * sizeof *p);
		if (!p)
			return -1;
		st->orders = p;
		st->cap_orders = cap;
	}
	st->orders[st->n_orders++] = (import_figure){ q, v, line, from_orders };
	return 0;
}

/* Checks one text field: at most max bytes, no control characters.  NULL when
 * empty or refused (then *ok is cleared). */
static const char *text_field(reading *rd, import_result *r, const table_row *row,
			      size_t c, size_t max, int *ok)
{
	const char *text = cell_text(row, c);
	int ch;

	if (!*text)
		return NULL;
	if (strlen(text) > max) {
		char bytes[24];
		snprintf(bytes, sizeof bytes, "%zu", max);
		problem(rd, row->line, rd->cols[c].header, "import.text.long", "max", bytes, NULL);
		*ok = 0;
		return NULL;
	}
	if ((ch = control_char(text)) != 0) {
		char code[16];
		snprintf(code, sizeof code, "%04X", ch);
		problem(rd, row->line, rd->cols[c].header, "import.text.control", "code", code,
			NULL);
		*ok = 0;
		return NULL;
	}
	return keep(rd, r, text);
}

/* One row of the stores table into st; 1 when every cell was valid. */
/* A figure as a spreadsheet may store it: E notation is written out in plain digits
 * (the XML reader, like the schema, takes plain decimals only). */
static const char *plain_number(const char *text, char *buf, size_t size)
{
	if (strpbrk(text, "eE") && import_number_plain(text, buf, size) == 0)
		return buf;
	return text;
}

static int read_store_row(reading *rd, import_result *r, const table_row *row,
			  import_store *st)
{
	char idbuf[80], num[400];
	diag d;
	int ok = 1;

	*st = (import_store){ .line = row->line };
	for (size_t c = 0; c < rd->n_cols; c++) {
		const column *col = &rd->cols[c];
		const char *text = cell_text(row, c);
		switch (col->field) {
		case IMPORT_STORE_ID:
			st->id = cell_id(rd, row, c, idbuf, sizeof idbuf);
			if (st->id)
				st->id = keep(rd, r, st->id);
			ok &= st->id != NULL;
			break;
		case IMPORT_NAME:
			st->name = text_field(rd, r, row, c, FIELD_MAX_NAME, &ok);
			if (!*text) {
				problem(rd, row->line, col->header, "import.name.empty", NULL);
				ok = 0;
			}
			break;
		case IMPORT_CODE:
			if (field_check_code(text, &st->code, &d) < 0) {
				problem_why(rd, row->line, col->header, &d);
				ok = 0;
			}
			break;
		case IMPORT_OWNER:
			st->owner = text_field(rd, r, row, c, FIELD_MAX_NAME, &ok);
			break;
		case IMPORT_ADDRESS:
			st->address = text_field(rd, r, row, c, FIELD_MAX_ADDRESS, &ok);
			break;
		case IMPORT_AREA:
			if (*text && field_check_area(plain_number(text, num, sizeof num), &st->area, &d) < 0) {
				problem_why(rd, row->line, col->header, &d);
				ok = 0;
			}
			break;
		case IMPORT_OPENED:
			if (*text && field_check_opened(text, &st->opened, &d) < 0) {
				problem_why(rd, row->line, col->header, &d);
				ok = 0;
			}
			break;
		case IMPORT_ORDERS_OF: {
			double v;
			if (!*text)
				break;   /* no figure for that quarter */
			if (field_check_quantity(plain_number(text, num, sizeof num), &v, &d) < 0) {
				problem_why(rd, row->line, col->header, &d);
				ok = 0;
			} else if (add_figure(st, col->quarter, v, row->line, 0)) {
				rd->nomem = 1;
			}
			break;
		}
		default:
			break;
		}
	}
	return ok && !rd->nomem;
}

int import_stores(const table *t, const char *path, const import_options *opt,
		  import_result *out)
{
	static const import_field required[] = { IMPORT_STORE_ID, IMPORT_NAME, IMPORT_CODE };
	reading rd = { .path = path, .opt = opt };
	size_t id_col = 0;

	*out = (import_result){ 0 };
	if (t->n_rows == 0) {
		problem(&rd, 0, "store_id", "import.stores.empty", NULL);
		return EXIT_DATAERR;
	}
	if (read_header(&rd, t, required, 3, 1) < 0)
		goto nomem;
	if (t->n_rows == 1)
		problem(&rd, rd.header_line, "store_id", "import.stores.none", NULL);
	if (rd.problems) {
		free(rd.cols);
		return EXIT_DATAERR;
	}
	while (rd.cols[id_col].field != IMPORT_STORE_ID)
		id_col++;
	for (size_t i = 1; i < t->n_rows && !rd.nomem; i++) {
		import_store st;
		if (!read_store_row(&rd, out, &t->rows[i], &st)) {
			free(st.orders);
			continue;
		}
		const import_store *dup = find_store(out, st.id);
		if (dup) {
			char first[24];
			snprintf(first, sizeof first, "%d", dup->line);
			problem(&rd, st.line, rd.cols[id_col].header, "import.id.twice", "id", st.id,
				"first", first, NULL);
			free(st.orders);
			continue;
		}
		if (out->n == out->cap) {
			size_t cap = out->cap ? out->cap * 2 : 256;
			import_store *p = realloc(out->stores, cap * sizeof *p);
			if (!p) {
				free(st.orders);
				goto nomem;
			}
			out->stores = p;
			out->cap = cap;
		}
		out->stores[out->n] = st;
		if (index_add(out, out->n++) < 0)
			goto nomem;
	}
	free(rd.cols);
	if (rd.nomem)
		return EXIT_SOFTWARE;
	return rd.problems ? EXIT_DATAERR : EXIT_OK;
nomem:
	free(rd.cols);
	return EXIT_SOFTWARE;
}

int import_orders(const table *t, const char *path, const import_options *opt,
		  import_result *io)
{
	static const import_field required[] = { IMPORT_STORE_ID, IMPORT_QUARTER, IMPORT_ORDERS };
	reading rd = { .path = path, .opt = opt };
	size_t col_of[IMPORT_N_FIELDS] = { 0 };

	if (t->n_rows == 0) {
		problem(&rd, 0, "store_id", "import.orders.empty", NULL);
		return EXIT_DATAERR;
	}
	if (read_header(&rd, t, required, 3, 0) < 0) {
		free(rd.cols);
		return EXIT_SOFTWARE;
	}
	if (rd.problems) {
		free(rd.cols);
		return EXIT_DATAERR;
	}
	for (size_t c = rd.n_cols; c-- > 0;)
		col_of[rd.cols[c].field] = c;
	for (size_t i = 1; i < t->n_rows && !rd.nomem; i++) {
		const table_row *row = &t->rows[i];
		char idbuf[80], num[400];
		diag d;
		quarter_t q;
		double v;
		const char *id = cell_id(&rd, row, col_of[IMPORT_STORE_ID], idbuf, sizeof idbuf);
		const char *qtext = cell_text(row, col_of[IMPORT_QUARTER]);
		const char *vtext = cell_text(row, col_of[IMPORT_ORDERS]);
		const char *qhead = rd.cols[col_of[IMPORT_QUARTER]].header;
		int ok = id != NULL;
		if (import_quarter_parse(qtext, &q) < 0) {
			problem(&rd, row->line, qhead, "import.orders.quarter", "value", qtext, NULL);
			ok = 0;
		}
		if (field_check_quantity(plain_number(vtext, num, sizeof num), &v, &d) < 0) {
			problem_why(&rd, row->line, rd.cols[col_of[IMPORT_ORDERS]].header, &d);
			ok = 0;
		}
		if (!ok)
			continue;
		import_store *st = find_store(io, id);
		if (!st) {
			problem(&rd, row->line, rd.cols[col_of[IMPORT_STORE_ID]].header,
				opt->stores_path ? "import.orders.unknown-store" :
				"import.orders.unknown-store.no-file", "id", id, "file",
				opt->stores_path, NULL);
			continue;
		}
		const import_figure *dup = NULL;
		for (size_t k = 0; k < st->n_orders && !dup; k++)
			if (st->orders[k].quarter == q)
				dup = &st->orders[k];
		if (dup) {
			char qs[12];
			quarter_format(q, qs);
			char first[24];
			snprintf(first, sizeof first, "%d", dup->line);
			const char *in = dup->from_orders ? path : opt->stores_path;
			problem(&rd, row->line, qhead, in ? "import.orders.twice" :
				"import.orders.twice.no-file", "id", id, "quarter", qs, "line", first,
				"file", in, NULL);
			continue;
		}
		if (add_figure(st, q, v, row->line, 1))
			rd.nomem = 1;
	}
	free(rd.cols);
	if (rd.nomem)
		return EXIT_SOFTWARE;
	return rd.problems ? EXIT_DATAERR : EXIT_OK;
}

static int by_quarter(const void *a, const void *b)
{
	const import_figure *x = a, *y = b;
	return (x->quarter > y->quarter) - (x->quarter < y->quarter);
}

quarter_t import_finish(import_result *r)
{
	quarter_t latest = QUARTER_NONE;

	for (size_t i = 0; i < r->n; i++) {
		import_store *st = &r->stores[i];
		qsort(st->orders, st->n_orders, sizeof *st->orders, by_quarter);
		if (st->n_orders && st->orders[st->n_orders - 1].quarter > latest)
			latest = st->orders[st->n_orders - 1].quarter;
	}
	return latest;
}

void import_result_free(import_result *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->stores[i].orders);
	free(r->stores);
	free(r->index);
	arena_free(&r->strings);
	*r = (import_result){ 0 };
}
