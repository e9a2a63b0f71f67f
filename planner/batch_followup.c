/*
 * batch_followup.c: followup.csv of `planner batch` (batch_followup.h): one row per
 * store that was an upgrade candidate in the previous quarter, ranked as the candidates
 * were, with the target set then and the outcome now.  UTF-8, RFC 4180, optional BOM.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_followup.h"
#include "batch_io.h"
#include "batch_report.h"
#include "followup.h"
#include "report.h"

static const char followup_header[] =
	"store_id,name,peer_group,from_quarter,to_quarter,class_then,target_code_then,"
	"target_orders_then,orders_then,orders_now,met,class_now,moved_up";

static int keep_line(batch_followup_digest *d, const region *r, const followup_row *row)
{
	batch_followup_line *l = &d->lines[d->n_lines];

	l->store_id = strdup(region_str(r, row->now.e->id));
	l->name = strdup(region_str(r, row->now.e->name));
	if (!l->store_id || !l->name) {
		free(l->store_id);
		free(l->name);
		return -1;
	}
	l->class_then = row->class_then;
	l->class_now = row->class_now;
	l->target_orders_then = row->target_orders_then;
	l->orders_then = row->orders_then;
	l->orders_now = row->orders_now;
	l->met = row->met;
	l->moved_up = row->moved_up;
	d->n_lines++;
	return 0;
}

static void write_row(batch_file *f, const region *r, const char *pq, const char *q,
		      const followup_row *row)
{
	char code[5];

	batch_csv_field(f, region_str(r, row->now.e->id));
	batch_csv_text(f, region_str(r, row->now.e->name));
	batch_csv_plain(f, row->now.ev.peer_group);
	batch_csv_plain(f, pq);
	batch_csv_plain(f, q);
	batch_csv_plain(f, batch_class_label(row->class_then));
	code_format(&row->target_code_then, code);
	batch_csv_plain(f, code);
	batch_csv_num(f, row->target_orders_then, 6);
	batch_csv_num(f, row->orders_then, 6);
	batch_csv_num(f, row->orders_now, 6);
	batch_csv_plain(f, row->met < 0 ? "" : row->met ? "yes" : "no");
	batch_csv_plain(f, batch_class_label(row->class_now));
	batch_csv_plain(f, row->moved_up ? "yes" : "no");
	batch_csv_end(f);
}

int batch_write_followup(batch_report *rep)
{
	const region *r = rep->region;
	const batch_result *b = rep->result;
	batch_followup_digest *d = &rep->followup;
	followup_list list;
	followup_row row;
	char q[12], pq[12], msg[PATH_MAX + 128];

	memset(d, 0, sizeof *d);
	if (followup_collect(b, r, &list) < 0 ||
	    !(d->lines = calloc(BATCH_SUMMARY_ROWS, sizeof *d->lines))) {
		followup_list_free(&list);
		report_msg("batch", "out.no-memory", NULL);
		return EXIT_SOFTWARE;
	}
	batch_file *f = batch_file_create(rep->dir, "followup.csv");
	if (!f) {
		report_msg("batch", "out.dir-file-error", "dir", rep->dir, "file", "followup.csv",
			   "error", strerror(errno), NULL);
		followup_list_free(&list);
		return EXIT_IOERR;
	}
	if (rep->bom)
		batch_csv_bom(f);
	batch_file_puts(f, followup_header);
	batch_file_write(f, "\r\n", 2);
	quarter_format(b->quarter, q);
	quarter_format(b->prev_quarter, pq);
	int failed = 0;
	for (size_t i = 0; i < list.n && !batch_file_error(f); i++) {
		region_prefetch_ahead(r, &list.items[0].entry, sizeof list.items[0], list.n, i);
		followup_get(b, r, &list.items[i], &row);
		write_row(f, r, pq, q, &row);
		d->n_rows++;
		d->met += row.met == 1;
		d->moved_up += row.moved_up != 0;
		if (d->n_lines < BATCH_SUMMARY_ROWS && !failed)
			failed = keep_line(d, r, &row) < 0;
	}
	followup_list_free(&list);
	if (batch_file_close(f, msg, sizeof msg) != 0) {
		report_msg("batch", "", "text", msg, NULL);   /* "file: error" (batch_io.h) */
		return EXIT_IOERR;
	}
	if (failed) {
		report_msg("batch", "out.no-memory", NULL);
		return EXIT_SOFTWARE;
	}
	return EXIT_OK;
}

void batch_followup_free(batch_followup_digest *d)
{
	for (size_t i = 0; i < d->n_lines; i++) {
		free(d->lines[i].store_id);
		free(d->lines[i].name);
	}
	free(d->lines);
	memset(d, 0, sizeof *d);
}
