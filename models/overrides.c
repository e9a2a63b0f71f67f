/*
 * overrides.c: reviewed codes read from a CSV and applied to the batch's rows
 * (overrides.h).  The rows are sorted by store id, so each store of the region is
 * looked up in O(log n); one pass over the region finds every listed id.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field_rules.h"
#include "overrides.h"
#include "table.h"

static int by_id(const void *a, const void *b)
{
	const override_item *x = a, *y = b;
	int c = strcmp(x->store_id, y->store_id);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

const override_item *overrides_find(const overrides *o, const char *store_id)
{
	size_t lo = 0, hi = o->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(o->items[mid].store_id, store_id);
		if (c == 0)
			return &o->items[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void overrides_apply(const overrides *o, const char *store_id, batch_row *row)
{
	if (row->status == STATUS_INVALID)
		return;
	const override_item *it = overrides_find(o, store_id);
	if (!it)
		return;
	scale_class now = code_class(&it->code);
	row->ev.computed_code = it->code;
	row->change = now < row->old_class ? BATCH_UP : now > row->old_class ? BATCH_DOWN
									 : BATCH_SAME;
	row->override = it->reason;
}

void overrides_free(overrides *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->items[i].store_id);
		free(o->items[i].reason);
	}
	free(o->items);
	o->items = NULL;
	o->n = 0;
}

/* Column of name in the header row, or -1. */
static int column(const table_row *head, const char *name)
{
	for (size_t i = 0; i < head->n; i++)
		if (strcmp(head->cells[i].text, name) == 0)
			return (int)i;
	return -1;
}

static const char *cell(const table_row *row, int col)
{
	return (size_t)col < row->n ? row->cells[col].text : "";
}

/* Reads the rows into out (unsorted, unchecked against the region). */
static int read_rows(const char *path, const table *t, overrides *out, diag *err)
{
	static const char *const names[3] = { "store_id", "code", "reason" };
	int col[3];

	if (t->n_rows == 0) {
		diag_msg(err, EXIT_DATAERR, path, 1, NULL, NULL, "overrides.empty", NULL);
		return EXIT_DATAERR;
	}
	for (int k = 0; k < 3; k++) {
		col[k] = column(&t->rows[0], names[k]);
		if (col[k] < 0) {
			diag_msg(err, EXIT_DATAERR, path, t->rows[0].line, NULL, NULL,
				 "overrides.column-missing", "column", names[k], NULL);
			return EXIT_DATAERR;
		}
	}
	out->items = calloc(t->n_rows, sizeof *out->items);
	if (!out->items) {
		diag_msg(err, EXIT_SOFTWARE, path, 0, NULL, NULL, "models.out-of-memory", NULL);
		return EXIT_SOFTWARE;
	}
	for (size_t i = 1; i < t->n_rows; i++) {
		const table_row *row = &t->rows[i];
		const char *id = cell(row, col[0]), *code = cell(row, col[1]);
		const char *reason = cell(row, col[2]);
		override_item *it = &out->items[out->n];

		if (!field_store_id_ok(id)) {
			field_check_store_id_why(id, err);
			diag_at(err, EXIT_DATAERR, path, row->line, NULL, "store_id");
			return EXIT_DATAERR;
		}
		if (field_check_code(code, &it->code, err) != 0) {
			diag_at(err, EXIT_DATAERR, path, row->line, id, "code");
			return EXIT_DATAERR;
		}
		if (reason[strspn(reason, " \t\r\n")] == '\0') {
			diag_msg(err, EXIT_DATAERR, path, row->line, id, "reason",
				 "overrides.reason-empty", NULL);
			return EXIT_DATAERR;
		}
		it->line = row->line;
		it->store_id = strdup(id);
		it->reason = strdup(reason);
		out->n++;
		if (!it->store_id || !it->reason) {
			diag_msg(err, EXIT_SOFTWARE, path, 0, NULL, NULL, "models.out-of-memory", NULL);
			return EXIT_SOFTWARE;
		}
	}
	return EXIT_OK;
}

/* Every id once, every id a valid store of r; notes each store's codes. */
static int check_rows(const char *path, const region *r, const batch_result *b, overrides *o,
		      diag *err)
{
	unsigned char *seen = calloc(o->n ? o->n : 1, 1);   /* 1 valid store, 2 invalid */

	if (!seen) {
		diag_msg(err, EXIT_SOFTWARE, path, 0, NULL, NULL, "models.out-of-memory", NULL);
		return EXIT_SOFTWARE;
	}
	qsort(o->items, o->n, sizeof *o->items, by_id);
	for (size_t i = 1; i < o->n; i++)
		if (strcmp(o->items[i].store_id, o->items[i - 1].store_id) == 0) {
			char first[24];
			snprintf(first, sizeof first, "%d", o->items[i - 1].line);
			diag_msg(err, EXIT_DATAERR, path, o->items[i].line, o->items[i].store_id,
				 NULL, "overrides.twice", "first", first, NULL);
			free(seen);
			return EXIT_DATAERR;
		}
	for (size_t e = 0; e < r->n_stores; e++) {
		const override_item *it = overrides_find(o, region_str(r, r->stores[e].id));
		if (!it)
			continue;
		size_t k = (size_t)(it - o->items);
		if (r->stores[e].invalid) {
			if (!seen[k])
				seen[k] = 2;
			continue;
		}
		if (seen[k] == 1)
			continue;
		seen[k] = 1;
		batch_row row;
		batch_row_get(b, r, e, &row);
		o->items[k].entry = e;
		o->items[k].old_code = r->stores[e].code;
		o->items[k].rule_code = row.ev.computed_code;
	}
	int status = EXIT_OK;
	const override_item *first = NULL;
	for (size_t k = 0; k < o->n; k++)        /* the earliest line with a problem */
		if (seen[k] != 1 && (!first || o->items[k].line < first->line))
			first = &o->items[k];
	if (first) {
		size_t k = (size_t)(first - o->items);
		diag_msg(err, EXIT_DATAERR, path, first->line, first->store_id, NULL,
			 seen[k] == 2 ? (r->path ? "overrides.store-invalid" :
					 "overrides.store-invalid.no-file")
				      : (r->path ? "overrides.store-unknown" :
					 "overrides.store-unknown.no-file"), "region", r->path, NULL);
		status = EXIT_DATAERR;
	}
	free(seen);
	return status;
}

int overrides_load(const char *path, const region *r, const batch_result *b, overrides *out,
		   diag *err)
{
	table t;

	memset(out, 0, sizeof *out);
	int status = table_read_csv(path, TABLE_ENC_AUTO, &t, err);
	if (status != EXIT_OK)
		return status;
	status = read_rows(path, &t, out, err);
	table_free(&t);
	if (status == EXIT_OK)
		status = check_rows(path, r, b, out, err);
	if (status != EXIT_OK)
		overrides_free(out);
	return status;
}
