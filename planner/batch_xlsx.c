/*
 * batch_xlsx.c: reclassification.xlsx of `planner batch --xlsx` (batch_xlsx.h), written
 * with libxlsxwriter in constant-memory mode.  Each table sheet is made from the rows
 * of its CSV, read back from the output directory: the values are the CSV's own, and
 * the one description per column below says how a cell is stored and shown and which
 * template key gives its title.  A CSV column without a description is an internal
 * error, so a new CSV column cannot slip into the workbook untyped or untitled.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "batch_csv_reader.h"
#include "batch_xlsx.h"
#include "commands.h"
#include "datapath.h"
#include "messages.h"
#include "report.h"

#define XLSX_NAME "reclassification.xlsx"
#define WIDTH_MAX 60.0

/* Every column of the CSV tables (and of the summary's group table), by header name.
 * A new column is one line here and one key in templates/zh.txt and en.txt. */
static const xlsx_column columns[] = {
	{ "store_id", "xlsx.col.store_id", XLSX_TEXT },
	{ "name", "xlsx.col.name", XLSX_FREE_TEXT },
	{ "peer_group", "xlsx.col.peer_group", XLSX_TEXT },
	{ "quarter", "xlsx.col.quarter", XLSX_TEXT },
	{ "orders", "xlsx.col.orders", XLSX_QUANTITY },
	{ "peer_count", "xlsx.col.peer_count", XLSX_COUNT },
	{ "percentile", "xlsx.col.percentile", XLSX_PERCENT },
	{ "threshold_large", "xlsx.col.threshold_large", XLSX_QUANTITY },
	{ "threshold_medium", "xlsx.col.threshold_medium", XLSX_QUANTITY },
	{ "old_code", "xlsx.col.old_code", XLSX_TEXT },
	{ "new_code", "xlsx.col.new_code", XLSX_TEXT },
	{ "change", "xlsx.col.change", XLSX_TEXT },
	{ "status", "xlsx.col.status", XLSX_TEXT },
	{ "class", "xlsx.col.class", XLSX_TEXT },
	{ "target_code", "xlsx.col.target_code", XLSX_TEXT },
	{ "target_orders", "xlsx.col.target_orders", XLSX_QUANTITY },
	{ "gap", "xlsx.col.gap", XLSX_QUANTITY },
	{ "growth_required_pct", "xlsx.col.growth_required_pct", XLSX_PERCENT },
	{ "previous_orders", "xlsx.col.previous_orders", XLSX_QUANTITY },
	{ "previous_class", "xlsx.col.previous_class", XLSX_TEXT },
	{ "candidate", "xlsx.col.candidate", XLSX_TEXT },
	{ "line", "xlsx.col.line", XLSX_COUNT },
	{ "error", "xlsx.col.error", XLSX_FREE_TEXT },
	{ "grade", "xlsx.col.grade", XLSX_TEXT },
	{ "previous_grade", "xlsx.col.previous_grade", XLSX_TEXT },
	{ "grade_change", "xlsx.col.grade_change", XLSX_QUANTITY },
	{ "next_grade_orders", "xlsx.col.next_grade_orders", XLSX_QUANTITY },
	{ "held", "xlsx.col.held", XLSX_TEXT },
	{ "match_score", "xlsx.col.match_score", XLSX_PERCENT },
	{ "quadrant", "xlsx.col.quadrant", XLSX_TEXT },
	{ "override", "xlsx.col.override", XLSX_FREE_TEXT },
	{ "rank", "xlsx.col.rank", XLSX_COUNT },
	{ "deadline", "xlsx.col.deadline", XLSX_TEXT },
	{ "trend_per_quarter", "xlsx.col.trend_per_quarter", XLSX_QUANTITY },
	{ "trend_pct", "xlsx.col.trend_pct", XLSX_PERCENT },
	{ "trend_points", "xlsx.col.trend_points", XLSX_COUNT },
	{ "quarters_at_trend", "xlsx.col.quarters_at_trend", XLSX_COUNT },
	{ "change_pct", "xlsx.col.change_pct", XLSX_PERCENT },
	{ "from_class", "xlsx.col.from_class", XLSX_TEXT },
	{ "to_class", "xlsx.col.to_class", XLSX_TEXT },
	{ "regain_orders", "xlsx.col.regain_orders", XLSX_QUANTITY },
	{ "regain_pct", "xlsx.col.regain_pct", XLSX_PERCENT },
	{ "reason", "xlsx.col.reason", XLSX_TEXT },
	{ "from_quarter", "xlsx.col.from_quarter", XLSX_TEXT },
	{ "to_quarter", "xlsx.col.to_quarter", XLSX_TEXT },
	{ "stores", "xlsx.col.stores", XLSX_COUNT },
	{ "class_then", "xlsx.col.class_then", XLSX_TEXT },
	{ "target_code_then", "xlsx.col.target_code_then", XLSX_TEXT },
	{ "target_orders_then", "xlsx.col.target_orders_then", XLSX_QUANTITY },
	{ "orders_then", "xlsx.col.orders_then", XLSX_QUANTITY },
	{ "orders_now", "xlsx.col.orders_now", XLSX_QUANTITY },
	{ "met", "xlsx.col.met", XLSX_TEXT },
	{ "class_now", "xlsx.col.class_now", XLSX_TEXT },
	{ "moved_up", "xlsx.col.moved_up", XLSX_TEXT },
	/* the summary's group table */
	{ "large", "xlsx.col.large", XLSX_COUNT },
	{ "medium", "xlsx.col.medium", XLSX_COUNT },
	{ "small", "xlsx.col.small", XLSX_COUNT },
	{ "no_orders", "xlsx.col.no_orders", XLSX_COUNT },
	{ "insufficient_peers", "xlsx.col.insufficient_peers", XLSX_COUNT },
	{ "up", "xlsx.col.up", XLSX_COUNT },
	{ "down", "xlsx.col.down", XLSX_COUNT },
	{ "same", "xlsx.col.same", XLSX_COUNT },
	{ "candidates", "xlsx.col.candidates", XLSX_COUNT },
	{ "downgrades", "xlsx.col.downgrades", XLSX_COUNT },
};
#define N_COLUMNS (sizeof columns / sizeof columns[0])

/* The table sheets, in order, after the summary.  A new table is one line here. */
typedef struct xlsx_table {
	const char *sheet, *csv;
} xlsx_table;

static const xlsx_table tables[] = {
	{ "reclassification", "reclassification.csv" },
	{ "candidates", "candidates.csv" },
	{ "downgrades", "downgrades.csv" },
	{ "transitions", "transitions.csv" },
	{ "followup", "followup.csv" },
};

const xlsx_column *batch_xlsx_column(const char *name)
{
	for (size_t i = 0; i < N_COLUMNS; i++)
		if (strcmp(columns[i].name, name) == 0)
			return &columns[i];
	return NULL;
}

/* ---- cells ------------------------------------------------------------------------------ */

static void note(xlsx_book *b, lxw_error err)
{
	if (err != LXW_NO_ERROR && b->err == LXW_NO_ERROR)
		b->err = err;
}

/* Width of text on screen, in widths of a digit: East Asian wide characters count 2. */
static double text_width(const char *s)
{
	double w = 0, line = 0;

	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c == '\n') {
			line = 0;
			continue;
		}
		line += g_unichar_iswide(c) ? 2 : 1;
		if (line > w)
			w = line;
	}
	return w;
}

static void widen(xlsx_sheet *s, size_t col, double w)
{
	if (col < XLSX_MAX_COLUMNS && w > s->width[col])
		s->width[col] = w;
}

int batch_xlsx_sheet(xlsx_book *b, xlsx_sheet *s, const char *name)
{
	memset(s, 0, sizeof *s);
	s->book = b;
	if (b->err != LXW_NO_ERROR)
		return -1;
	if (b->n_sheets == XLSX_MAX_SHEETS) {
		note(b, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
		return -1;
	}
	s->index = b->n_sheets++;
	s->ws = workbook_add_worksheet(b->wb, name);
	if (!s->ws) {
		note(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return -1;
	}
	return 0;
}

/* Counts the row about to get its first cell. */
static void count_row(xlsx_sheet *s)
{
	if (s->counted != s->row + 1) {
		s->book->sheet_rows[s->index]++;
		s->counted = s->row + 1;
	}
}

void batch_xlsx_title(xlsx_sheet *s, size_t col, const char *text)
{
	if (s->book->err != LXW_NO_ERROR)
		return;
	count_row(s);
	note(s->book, worksheet_write_string(s->ws, s->row, (lxw_col_t)col, text, s->book->bold));
	widen(s, col, text_width(text) * 1.1 + 3);    /* bold, and the filter's button */
}

void batch_xlsx_text(xlsx_sheet *s, size_t col, const char *text)
{
	if (s->book->err != LXW_NO_ERROR || !text[0])
		return;
	count_row(s);
	note(s->book, worksheet_write_string(s->ws, s->row, (lxw_col_t)col, text, NULL));
	widen(s, col, text_width(text));
}

void batch_xlsx_number(xlsx_sheet *s, size_t col, double x, xlsx_kind kind)
{
	xlsx_book *b = s->book;
	lxw_format *f = b->count;
	char shown[64];

	if (b->err != LXW_NO_ERROR || isnan(x))
		return;
	count_row(s);
	switch (kind) {
	case XLSX_QUANTITY: {
		int whole = x == floor(x);
		f = whole ? b->quantity : b->quantity_dec;
		int n = snprintf(shown, sizeof shown, whole ? "%.0f" : "%.6g", x);
		double digits = (double)strcspn(shown, ".") - (x < 0);
		widen(s, col, n + floor((digits - 1) / 3));    /* with thousands separators */
		break;
	}
	case XLSX_PERCENT:
		f = b->percent;
		widen(s, col, snprintf(shown, sizeof shown, "%.2f", x));
		break;
	default:
		widen(s, col, snprintf(shown, sizeof shown, "%.0f", x));
		break;
	}
	note(b, worksheet_write_number(s->ws, s->row, (lxw_col_t)col, x, f));
}

void batch_xlsx_fit(xlsx_sheet *s)
{
	for (size_t c = 0; c < s->n_columns && c < XLSX_MAX_COLUMNS; c++) {
		double w = s->width[c] + 1;
		if (s->book->err == LXW_NO_ERROR)
			note(s->book, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c,
							   w > WIDTH_MAX ? WIDTH_MAX : w, NULL));
	}
}

/* A CSV field into a cell of the column's kind. */
static void csv_cell(xlsx_sheet *s, size_t col, const char *field, xlsx_kind kind)
{
	char *end;

	switch (kind) {
	case XLSX_TEXT:
		batch_xlsx_text(s, col, field);
		return;
	case XLSX_FREE_TEXT:
		if (field[0] == '\'' && field[1] && strchr("=+-@\t\r", field[1]))
			field++;    /* the CSV's guard against formulas; a cell is never one */
		batch_xlsx_text(s, col, field);
		return;
	default:
		if (!field[0])
			return;
		double x = strtod(field, &end);
		if (*end == '\0' && isfinite(x))
			batch_xlsx_number(s, col, x, kind);
		else
			batch_xlsx_text(s, col, field);
	}
}

/* ---- table sheets --------------------------------------------------------------------------- */

/* The header row of a table sheet: bold titles, frozen below. */
static void table_header(xlsx_sheet *s, const xlsx_column *const *cols, size_t n)
{
	s->n_columns = n;
	for (size_t c = 0; c < n; c++)
		batch_xlsx_title(s, c, tmpl_get(s->book->words, cols[c]->key));
	if (s->book->err == LXW_NO_ERROR)
		worksheet_freeze_panes(s->ws, 1, 0);
	s->row = 1;
}

/* The filter over the header and the rows written, and the widths. */
static void table_end(xlsx_sheet *s)
{
	if (s->book->err == LXW_NO_ERROR && s->ws)
		note(s->book, worksheet_autofilter(s->ws, 0, 0, s->row > 1 ? s->row - 1 : 0,
						   (lxw_col_t)(s->n_columns - 1)));
	batch_xlsx_fit(s);
}

/* One CSV table as a sheet; a table longer than a sheet's 1,048,576 rows goes on in
 * sheets named NAME-2, NAME-3, ... each with the header. */
static int table_sheet(xlsx_book *b, const char *dir, const xlsx_table *t)
{
	char path[PATH_MAX + 64], name[LXW_SHEETNAME_MAX + 1];
	const xlsx_column *cols[XLSX_MAX_COLUMNS];
	batch_csv_reader rd;
	xlsx_sheet s = { .book = b };
	long n;
	int part = 1, status = EXIT_OK;

	snprintf(path, sizeof path, "%s/%s", dir, t->csv);
	if (batch_csv_reader_open(&rd, path) < 0) {
		report_msg("batch", "out.file-error", "file", path, "error", strerror(errno), NULL);
		return EXIT_IOERR;
	}
	size_t n_cols = 0;
	n = batch_csv_reader_next(&rd);
	if (n > XLSX_MAX_COLUMNS) {
		char count[24];
		snprintf(count, sizeof count, "%ld", n);
		report_msg("batch", "xlsx.too-many-columns", "file", path, "count", count, NULL);
		n = -3;
	}
	for (long c = 0; c < n; c++) {
		cols[c] = batch_xlsx_column(rd.fields[c]);
		if (!cols[c]) {
			report_msg("batch", "xlsx.unknown-column", "file", path, "column", rd.fields[c],
				   NULL);
			n = -3;
			break;
		}
	}
	if (n > 0) {
		n_cols = (size_t)n;
		if (batch_xlsx_sheet(b, &s, t->sheet) == 0)
			table_header(&s, cols, n_cols);
	}
	while (n > 0 && (n = batch_csv_reader_next(&rd)) > 0 && b->err == LXW_NO_ERROR) {
		if ((size_t)n != n_cols) {
			char line[24], fields[24], header[24];
			snprintf(line, sizeof line, "%ld", rd.line);
			snprintf(fields, sizeof fields, "%ld", n);
			snprintf(header, sizeof header, "%zu", n_cols);
			report_msg("batch", "xlsx.fields", "file", path, "line", line, "fields", fields,
				   "header", header, NULL);
			n = -3;
			break;
		}
		if (s.row == LXW_ROW_MAX) {
			table_end(&s);
			snprintf(name, sizeof name, "%s-%d", t->sheet, ++part);
			if (batch_xlsx_sheet(b, &s, name) == 0)
				table_header(&s, cols, n_cols);
		}
		for (size_t c = 0; c < n_cols; c++)
			csv_cell(&s, c, rd.fields[c], cols[c]->kind);
		s.row++;
	}
	if (n == -1) {
		char line[24];
		int e = errno;
		snprintf(line, sizeof line, "%ld", rd.line);
		report_msg("batch", "xlsx.read-back", "file", path, "line", line, "error", strerror(e),
			   NULL);
		status = EXIT_IOERR;
	} else if (n == -2) {
		report_msg("batch", "out.no-memory.file", "file", path, NULL);
		status = EXIT_SOFTWARE;
	} else if (n == -3) {
		status = EXIT_SOFTWARE;
	} else if (n_cols > 0) {
		table_end(&s);
	}
	batch_csv_reader_close(&rd);
	return status;
}

/* ---- the workbook --------------------------------------------------------------------------- */

/* Loads the column titles and the summary's labels in the batch's language. */
static int load_words(const char *lang, tmpl_set **out)
{
	const tmpl_key *summary_keys;
	size_t n_summary = batch_xlsx_summary_keys(&summary_keys);
	tmpl_key *keys = malloc((N_COLUMNS + n_summary) * sizeof *keys);
	char dir[PATH_MAX];
	diag err;

	if (!keys) {
		report_msg("batch", "out.no-memory", NULL);
		return EXIT_SOFTWARE;
	}
	for (size_t i = 0; i < N_COLUMNS; i++)
		keys[i] = (tmpl_key){ columns[i].key, "" };
	memcpy(keys + N_COLUMNS, summary_keys, n_summary * sizeof *keys);
	int status = tmpl_load(datapath_file("templates", dir, sizeof dir), lang, keys,
			       N_COLUMNS + n_summary, out, &err);
	free(keys);
	if (status != EXIT_OK)
		return report_diag(&err);
	return EXIT_OK;
}

static lxw_format *number_format(lxw_workbook *wb, const char *pattern)
{
	lxw_format *f = workbook_add_format(wb);

	if (f)
		format_set_num_format(f, pattern);
	return f;
}

int batch_write_xlsx(const batch_report *rep)
{
	char path[PATH_MAX + 64], tmpdir[PATH_MAX + 16];
	tmpl_set *words;
	int status = load_words(rep->lang, &words);

	if (status != EXIT_OK)
		return status;
	snprintf(path, sizeof path, "%s/%s", rep->dir, XLSX_NAME);
	snprintf(tmpdir, sizeof tmpdir, "%s", rep->dir);
	/* constant memory: rows go to temporary files (in the output's own temporary
	 * directory) as they are written, so a million-row table costs no memory */
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = tmpdir,
				     .use_zip64 = LXW_TRUE };
	xlsx_book b = { .words = words };
	b.wb = workbook_new_opt(path, &opt);
	if (!b.wb) {
		tmpl_free(words);
		report_msg("batch", "xlsx.no-memory", "file", path, NULL);
		return EXIT_SOFTWARE;
	}
	b.bold = workbook_add_format(b.wb);
	b.count = number_format(b.wb, "0");
	b.quantity = number_format(b.wb, "#,##0");
	b.quantity_dec = number_format(b.wb, "#,##0.0#####");
	b.percent = number_format(b.wb, "0.00");
	if (!b.bold || !b.count || !b.quantity || !b.quantity_dec || !b.percent)
		note(&b, LXW_ERROR_MEMORY_MALLOC_FAILED);
	else
		format_set_bold(b.bold);

	batch_xlsx_summary(&b, rep);
	for (size_t i = 0; i < sizeof tables / sizeof tables[0] && status == EXIT_OK &&
			   b.err == LXW_NO_ERROR; i++)
		status = table_sheet(&b, rep->dir, &tables[i]);
	lxw_error closed = workbook_close(b.wb);    /* writes the file; frees b.wb */
	note(&b, closed);
	tmpl_free(words);
	if (status == EXIT_OK && b.err != LXW_NO_ERROR) {
		report_msg("batch", "out.file-error", "file", path, "error", lxw_strerror(b.err), NULL);
		status = b.err == LXW_ERROR_MEMORY_MALLOC_FAILED ? EXIT_SOFTWARE : EXIT_IOERR;
	}
	char why[512];
	if (status == EXIT_OK && batch_xlsx_check(path, b.sheet_rows, b.n_sheets, why,
						  sizeof why) != 0) {
		report_msg("batch", "out.file-error", "file", path, "error", why, NULL);
		status = EXIT_IOERR;
	}
	return status;
}
