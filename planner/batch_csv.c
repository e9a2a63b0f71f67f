/*
 * batch_csv.c: the CSV tables of `planner batch`: reclassification.csv (every store,
 * in file order, the contract's columns first), candidates.csv, downgrades.csv and
 * transitions.csv.  UTF-8, RFC 4180 (CRLF, quoted fields), optional BOM.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "batch_io.h"
#include "batch_report.h"
#include "report.h"

const char *batch_class_label(scale_class k)
{
	return k == CLASS_NONE ? "" : class_name(k);
}

static batch_file *open_table(const batch_report *rep, const char *name, const char *header)
{
	batch_file *f = batch_file_create(rep->dir, name);

	if (!f) {
		report_msg("batch", "out.dir-file-error", "dir", rep->dir, "file", name, "error",
			   strerror(errno), NULL);
		return NULL;
	}
	if (rep->bom)
		batch_csv_bom(f);
	batch_file_puts(f, header);
	batch_file_write(f, "\r\n", 2);
	return f;
}

static int close_table(batch_file *f)
{
	char msg[PATH_MAX + 128];

	if (batch_file_close(f, msg, sizeof msg) != 0) {
		report_msg("batch", "", "text", msg, NULL);   /* "file: error" (batch_io.h) */
		return EXIT_IOERR;
	}
	return EXIT_OK;
}

static void code_field(batch_file *f, const category_code *c)
{
	char s[5];

	if (!c->format) {
		batch_csv_plain(f, "");
		return;
	}
	code_format(c, s);
	batch_csv_plain(f, s);
}

static const char reclass_header[] =
	"store_id,name,peer_group,quarter,orders,peer_count,percentile,threshold_large,"
	"threshold_medium,old_code,new_code,change,status,"
	"class,target_code,target_orders,gap,growth_required_pct,"
	"previous_orders,previous_class,candidate,line,error";

int batch_reclass_open(batch_reclass *w, const batch_report *rep, const char *name, int header)
{
	w->r = rep->region;
	w->ext = &rep->result->cfg.ext;
	w->overrides = rep->result->overrides != NULL;
	quarter_format(rep->result->quarter, w->quarter);
	w->f = batch_file_create(rep->dir, name);
	if (!w->f) {
		report_msg("batch", "out.dir-file-error", "dir", rep->dir, "file", name, "error",
			   strerror(errno), NULL);
		return EXIT_IOERR;
	}
	if (header) {
		if (rep->bom)
			batch_csv_bom(w->f);
		batch_file_puts(w->f, reclass_header);
		if (w->ext->grades)
			batch_file_puts(w->f, ",grade,previous_grade,grade_change,next_grade_orders");
		if (w->ext->held_column)
			batch_file_puts(w->f, ",held");
		if (w->ext->quadrants)
			batch_file_puts(w->f, ",match_score,quadrant");
		if (w->overrides)
			batch_file_puts(w->f, ",override");
		batch_file_write(w->f, "\r\n", 2);
	}
	return EXIT_OK;
}

/* The decimal digits of v, written backwards so that they end at end; returns where
 * they begin.  By hand: snprintf was 4 % of a batch with --grades and --quadrants. */
static char *digits_before(char *end, unsigned v)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return end;
}

/* printf's "%d" of v into buf (12 bytes). */
static const char *int_text(char *buf, int v)
{
	char *end = buf + 11;
	*end = '\0';
	char *p = digits_before(end, v < 0 ? 0u - (unsigned)v : (unsigned)v);
	if (v < 0)
		*--p = '-';
	return p;
}

/* printf's "%u.%02u" of hundredths / 100 and hundredths % 100 into buf (16 bytes). */
static const char *hundredths_text(char *buf, unsigned hundredths)
{
	char *end = buf + 15;
	*end = '\0';
	*--end = (char)('0' + hundredths % 10);
	*--end = (char)('0' + hundredths / 10 % 10);
	*--end = '.';
	return digits_before(end, hundredths / 100);
}

/* The columns of --grades, --hold-down and the quadrants, after today's. */
static void ext_fields(batch_file *f, const batch_ext_config *ext, const batch_ext_row *x)
{
	char buf[16];

	if (ext->grades) {
		batch_csv_plain(f, x->grade >= 0 ? ext->grades->label[x->grade] : "");
		batch_csv_plain(f, x->prev_grade >= 0 ? ext->grades->label[x->prev_grade] : "");
		batch_csv_plain(f, x->grade >= 0 && x->prev_grade >= 0 ?
				   int_text(buf, x->prev_grade - x->grade) : "");
		batch_csv_num(f, x->next_grade_orders, 6);
	}
	if (ext->held_column)
		batch_csv_plain(f, x->held || x->grade_held ? "yes" : "no");
	if (ext->quadrants) {
		batch_csv_plain(f, x->match ? hundredths_text(buf, x->match) : "");
		batch_csv_plain(f, quadrant_name(x->quadrant));
	}
}

void batch_reclass_row(void *ctx, const batch_row *row)
{
	batch_reclass *w = ctx;
	batch_file *f = w->f;
	const region *r = w->r;
	const evaluation *ev = &row->ev;
	int valid = row->status != STATUS_INVALID;

	if (batch_file_error(f))
		return;
	batch_csv_field(f, region_str(r, row->e->id));
	batch_csv_text(f, region_str(r, row->e->name));
	batch_csv_plain(f, ev->peer_group);
	batch_csv_plain(f, w->quarter);
	batch_csv_num(f, ev->orders, 6);
	if (valid)
		batch_csv_count(f, ev->peer_count);
	else
		batch_csv_plain(f, "");
	batch_csv_num(f, ev->percentile, 2);
	batch_csv_num(f, ev->threshold_large, 6);
	batch_csv_num(f, ev->threshold_medium, 6);
	code_field(f, &ev->current_code);
	code_field(f, &ev->computed_code);
	batch_csv_plain(f, batch_change_name(row->change));
	batch_csv_plain(f, eval_status_name(row->status));
	/* extra columns */
	batch_csv_plain(f, row->status == STATUS_OK ? class_name(ev->computed_class) : "");
	if (ev->target_class != CLASS_NONE)
		code_field(f, &ev->target_code);
	else
		batch_csv_plain(f, "");
	batch_csv_num(f, ev->target_orders, 6);
	batch_csv_num(f, ev->gap, 6);
	batch_csv_num(f, ev->growth_required_pct, 2);
	batch_csv_num(f, row->prev_orders, 6);
	batch_csv_plain(f, batch_class_label(row->prev_class));
	batch_csv_plain(f, row->candidate ? "yes" : "no");
	batch_csv_count(f, row->e->line);
	char error[1024];     /* the store's first problem, kept packed: its English line */
	diag_render(region_str(r, region_entry_error(r, row->e)), error, sizeof error);
	batch_csv_text(f, error);
	ext_fields(f, w->ext, &row->x);
	if (w->overrides)
		batch_csv_text(f, row->override ? row->override : "");
	batch_csv_end(f);
}

int batch_reclass_close(batch_reclass *w)
{
	return close_table(w->f);
}

static const char cand_header[] =
	"rank,store_id,name,peer_group,quarter,orders,old_code,new_code,target_code,"
	"target_orders,gap,growth_required_pct,deadline,trend_per_quarter,trend_pct,"
	"trend_points,quarters_at_trend,percentile,previous_orders,line";

int batch_write_candidates(const batch_report *rep)
{
	const region *r = rep->region;
	const batch_result *b = rep->result;
	batch_file *f = open_table(rep, "candidates.csv", cand_header);
	char q[12], deadline[12];
	quarter_t deadline_q = QUARTER_NONE;
	batch_candidate_detail d;

	if (!f)
		return EXIT_IOERR;
	quarter_format(b->quarter, q);
	quarter_format(deadline_q, deadline);
	for (size_t i = 0; i < b->n_candidates && !batch_file_error(f); i++) {
		region_prefetch_ahead(r, &b->candidates[0].entry, sizeof b->candidates[0], b->n_candidates, i);
		batch_candidate_get(b, r, &b->candidates[i], &d);
		const batch_row *row = &d.row;
		if (row->ev.deadline != deadline_q) {   /* the same for every row, in practice */
			deadline_q = row->ev.deadline;
			quarter_format(deadline_q, deadline);
		}

		batch_csv_count(f, i + 1);
		batch_csv_field(f, region_str(r, row->e->id));
		batch_csv_text(f, region_str(r, row->e->name));
		batch_csv_plain(f, row->ev.peer_group);
		batch_csv_plain(f, q);
		batch_csv_num(f, row->ev.orders, 6);
		code_field(f, &row->ev.current_code);
		code_field(f, &row->ev.computed_code);
		code_field(f, &row->ev.target_code);
		batch_csv_num(f, row->ev.target_orders, 6);
		batch_csv_num(f, row->ev.gap, 6);
		batch_csv_num(f, row->ev.growth_required_pct, 2);
		batch_csv_plain(f, deadline);
		batch_csv_num(f, d.trend.slope, 2);
		batch_csv_num(f, d.trend.pct, 2);
		batch_csv_count(f, d.trend.points);
		batch_csv_num(f, d.quarters_at_trend, 0);
		batch_csv_num(f, row->ev.percentile, 2);
		batch_csv_num(f, row->prev_orders, 6);
		batch_csv_count(f, row->e->line);
		batch_csv_end(f);
	}
	return close_table(f);
}

static const char down_header[] =
	"store_id,name,peer_group,quarter,orders,previous_orders,change_pct,old_code,new_code,"
	"from_class,to_class,regain_orders,regain_pct,line,reason";

int batch_write_downgrades(const batch_report *rep)
{
	const region *r = rep->region;
	const batch_result *b = rep->result;
	batch_file *f = open_table(rep, "downgrades.csv", down_header);
	char q[12];
	batch_downgrade_detail d;

	if (!f)
		return EXIT_IOERR;
	quarter_format(b->quarter, q);
	for (size_t i = 0; i < b->n_downgrades && !batch_file_error(f); i++) {
		region_prefetch_ahead(r, &b->downgrades[0].entry, sizeof b->downgrades[0], b->n_downgrades, i);
		batch_downgrade_get(b, r, &b->downgrades[i], &d);
		const batch_row *row = &d.row;

		batch_csv_field(f, region_str(r, row->e->id));
		batch_csv_text(f, region_str(r, row->e->name));
		batch_csv_plain(f, row->ev.peer_group);
		batch_csv_plain(f, q);
		batch_csv_num(f, row->ev.orders, 6);
		batch_csv_num(f, row->prev_orders, 6);
		batch_csv_num(f, d.change_pct, 2);
		code_field(f, &row->ev.current_code);
		code_field(f, &row->ev.computed_code);
		batch_csv_plain(f, batch_class_label(row->old_class));
		batch_csv_plain(f, batch_class_label((scale_class)b->downgrades[i].to));
		batch_csv_num(f, d.regain_orders, 6);
		batch_csv_num(f, d.regain_pct, 2);
		batch_csv_count(f, row->e->line);
		batch_csv_plain(f, batch_churn_name((batch_churn)b->downgrades[i].reason));
		batch_csv_end(f);
	}
	return close_table(f);
}

static void transition_rows(batch_file *f, const char *group, const char *from_q,
			    const char *to_q, const transitions *t)
{
	for (int i = CLASS_LARGE; i <= CLASS_SMALL; i++)
		for (int j = CLASS_LARGE; j <= CLASS_SMALL; j++) {
			batch_csv_field(f, group);
			batch_csv_field(f, from_q);
			batch_csv_field(f, to_q);
			batch_csv_field(f, class_name((scale_class)i));
			batch_csv_field(f, class_name((scale_class)j));
			batch_csv_count(f, transitions_count(t, (scale_class)i, (scale_class)j));
			batch_csv_end(f);
		}
}

int batch_write_transitions(const batch_report *rep)
{
	const batch_result *b = rep->result;
	batch_file *f = open_table(rep, "transitions.csv",
				   "peer_group,from_quarter,to_quarter,from_class,to_class,stores");
	char q[12], pq[12];

	if (!f)
		return EXIT_IOERR;
	quarter_format(b->quarter, q);
	quarter_format(b->prev_quarter, pq);
	for (size_t k = 0; k < b->n_groups; k++)
		transition_rows(f, b->groups[k].key, pq, q, &b->groups[k].c.moves);
	transition_rows(f, "all", pq, q, &b->total.moves);
	return close_table(f);
}
