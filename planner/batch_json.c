/*
 * batch_json.c: summary.json of `planner batch`, written with jansson: the run's
 * settings, store counts by status, per-group sizes, thresholds and class counts,
 * the transition matrices, the realised funnel, and the head of the candidate,
 * downgrade and invalid-store lists (the CSVs hold them all).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "batch_io.h"
#include "batch_plans.h"
#include "batch_report.h"
#include "format.h"
#include "json_number.h"
#include "report.h"

#define JSON_LIST_MAX 100   /* entries of each list in the summary */

static json_t *count(size_t n)
{
	return json_integer((json_int_t)n);
}

static json_t *quarter(quarter_t q)
{
	char s[12];

	quarter_format(q, s);
	return json_string(s);
}

static json_t *code(const category_code *c)
{
	char s[5];

	if (!c->format)
		return json_null();
	code_format(c, s);
	return json_string(s);
}

static json_t *str(const region *r, uint32_t off)
{
	/* the reader only keeps valid UTF-8; json_string would return NULL otherwise */
	json_t *s = json_string(region_str(r, off));
	return s ? s : json_string("");
}

/* An invalid store's first problem (kept packed by the reader) as its English line. */
static json_t *error_line(const region *r, uint32_t off)
{
	char line[1024];

	diag_render(region_str(r, off), line, sizeof line);
	json_t *s = json_string(line);
	return s ? s : json_string("");
}

static json_t *matrix(const transitions *t)
{
	json_t *m = json_object();

	for (int i = CLASS_LARGE; i <= CLASS_SMALL; i++) {
		json_t *row = json_object();
		for (int j = CLASS_LARGE; j <= CLASS_SMALL; j++)
			json_object_set_new(row, class_name((scale_class)j),
					    count(transitions_count(t, (scale_class)i, (scale_class)j)));
		json_object_set_new(m, class_name((scale_class)i), row);
	}
	json_t *stopped = json_object();
	for (int i = CLASS_LARGE; i <= CLASS_SMALL; i++)
		json_object_set_new(stopped, class_name((scale_class)i),
				    count(transitions_stopped(t, (scale_class)i)));
	json_t *o = json_object();
	json_object_set_new(o, "matrix", m);
	json_object_set_new(o, "stores", count(transitions_total(t)));
	json_object_set_new(o, "up", count(transitions_up(t)));
	json_object_set_new(o, "down", count(transitions_down(t)));
	json_object_set_new(o, "same", count(transitions_same(t)));
	json_object_set_new(o, "large_churn_pct", json_number(transitions_churn_pct(t, CLASS_LARGE), 2));
	json_object_set_new(o, "large_lifetime_quarters",
			    json_number(transitions_lifetime(t, CLASS_LARGE), 2));
	json_object_set_new(o, "stopped_ordering", stopped);
	return o;
}

static json_t *funnel(const candidates_funnel *f)
{
	json_t *o = json_object();

	json_object_set_new(o, "flagged", count(f->flagged));
	json_object_set_new(o, "classified", count(f->classified));
	json_object_set_new(o, "grew", count(f->grew));
	json_object_set_new(o, "moved_up", count(f->moved_up));
	json_object_set_new(o, "conversion_pct", json_number(candidates_funnel_rate(f), 2));
	json_object_set_new(o, "others", count(f->others));
	json_object_set_new(o, "others_moved_up", count(f->others_moved_up));
	json_object_set_new(o, "others_conversion_pct", json_number(candidates_funnel_base_rate(f), 2));
	return o;
}

static json_t *stats(const peer_stats *ps)
{
	json_t *o = json_object();

	json_object_set_new(o, "peer_count", count(ps->n));
	json_object_set_new(o, "enough_peers", json_boolean(ps->enough_peers));
	json_object_set_new(o, "threshold_large", json_number(ps->threshold_large, 6));
	json_object_set_new(o, "threshold_medium", json_number(ps->threshold_medium, 6));
	json_object_set_new(o, "median", json_number(ps->median, 2));
	json_object_set_new(o, "q1", json_number(ps->q1, 2));
	json_object_set_new(o, "q3", json_number(ps->q3, 2));
	return o;
}

static json_t *group(const batch_group *g)
{
	json_t *o = json_object();
	json_t *classes = json_object();

	json_object_set_new(o, "peer_group", json_string(g->key));
	json_object_set_new(o, "format", json_string(code_format_id(g->key[0])));
	json_object_set_new(o, "market", json_string(g->key[1] == '1' ? "urban" : "rural"));
	json_object_set_new(o, "stores", count(g->members));
	json_object_set_new(o, "quarter", stats(&g->cur));
	json_object_set_new(o, "previous_quarter", stats(&g->prev));
	json_object_set_new(classes, "large", count(g->c.classes[CLASS_LARGE]));
	json_object_set_new(classes, "medium", count(g->c.classes[CLASS_MEDIUM]));
	json_object_set_new(classes, "small", count(g->c.classes[CLASS_SMALL]));
	json_object_set_new(o, "classes", classes);
	json_object_set_new(o, "no_orders", count(g->c.no_orders));
	json_object_set_new(o, "insufficient_peers", count(g->c.insufficient));
	json_object_set_new(o, "up", count(g->c.up));
	json_object_set_new(o, "down", count(g->c.down));
	json_object_set_new(o, "same", count(g->c.same));
	json_object_set_new(o, "candidates", count(g->c.n_candidates));
	json_object_set_new(o, "downgrades", count(g->c.n_downgrades));
	json_object_set_new(o, "stopped_ordering", count(g->c.n_stopped));
	json_object_set_new(o, "transitions", matrix(&g->c.moves));
	json_object_set_new(o, "funnel", funnel(&g->c.funnel));
	return o;
}

static json_t *candidates_list(const batch_report *rep)
{
	const batch_result *b = rep->result;
	const region *r = rep->region;
	json_t *a = json_array();
	batch_candidate_detail d;

	for (size_t i = 0; i < b->n_candidates && i < JSON_LIST_MAX; i++) {
		batch_candidate_get(b, r, &b->candidates[i], &d);
		const evaluation *ev = &d.row.ev;
		json_t *o = json_object();
		json_object_set_new(o, "rank", count(i + 1));
		json_object_set_new(o, "store_id", str(r, d.row.e->id));
		json_object_set_new(o, "name", str(r, d.row.e->name));
		json_object_set_new(o, "peer_group", json_string(ev->peer_group));
		json_object_set_new(o, "orders", json_number(ev->orders, 6));
		json_object_set_new(o, "new_code", code(&ev->computed_code));
		json_object_set_new(o, "target_code", code(&ev->target_code));
		json_object_set_new(o, "target_orders", json_number(ev->target_orders, 6));
		json_object_set_new(o, "gap", json_number(ev->gap, 6));
		json_object_set_new(o, "growth_required_pct", json_number(ev->growth_required_pct, 2));
		json_object_set_new(o, "trend_per_quarter", json_number(d.trend.slope, 2));
		json_object_set_new(o, "trend_pct", json_number(d.trend.pct, 2));
		json_object_set_new(o, "quarters_at_trend", json_number(d.quarters_at_trend, 0));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *downgrades_list(const batch_report *rep)
{
	const batch_result *b = rep->result;
	const region *r = rep->region;
	json_t *a = json_array();
	batch_downgrade_detail d;

	for (size_t i = 0; i < b->n_downgrades && i < JSON_LIST_MAX; i++) {
		batch_downgrade_get(b, r, &b->downgrades[i], &d);
		const evaluation *ev = &d.row.ev;
		json_t *o = json_object();
		json_object_set_new(o, "store_id", str(r, d.row.e->id));
		json_object_set_new(o, "name", str(r, d.row.e->name));
		json_object_set_new(o, "old_code", code(&ev->current_code));
		json_object_set_new(o, "new_code", code(&ev->computed_code));
		json_object_set_new(o, "orders", json_number(ev->orders, 6));
		json_object_set_new(o, "previous_orders", json_number(d.row.prev_orders, 6));
		json_object_set_new(o, "regain_orders", json_number(d.regain_orders, 6));
		json_object_set_new(o, "regain_pct", json_number(d.regain_pct, 2));
		json_object_set_new(o, "reason",
				    json_string(batch_churn_name((batch_churn)b->downgrades[i].reason)));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *invalid_list(const batch_report *rep)
{
	const batch_result *b = rep->result;
	const region *r = rep->region;
	json_t *a = json_array();

	for (size_t i = 0; i < b->n_invalid && i < JSON_LIST_MAX; i++) {
		const region_entry *e = &r->stores[b->invalid[i]];
		json_t *o = json_object();
		json_object_set_new(o, "store_id", str(r, e->id));
		json_object_set_new(o, "line", count(e->line));
		json_object_set_new(o, "error", error_line(r, region_entry_error(r, e)));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *plans(const batch_report *rep)
{
	json_t *o = json_object(), *failed = json_array();

	size_t rendered = rep->plans ? batch_plans_count(rep) : 0;

	json_object_set_new(o, "requested", json_boolean(rep->plans));
	/* the cap: at most `limit` plans (null: every candidate), the rest left out */
	json_object_set_new(o, "limit", rep->plans && rep->top > 0 ? count((size_t)rep->top)
								 : json_null());
	json_object_set_new(o, "limit_is_default", json_boolean(rep->plans && rep->top_default));
	json_object_set_new(o, "candidates", count(rep->result->total.n_candidates));
	json_object_set_new(o, "left_out", count(rep->plans ? rep->result->total.n_candidates - rendered
							    : 0));
	json_object_set_new(o, "written", count(rep->plans_written));
	json_object_set_new(o, "booklet", rep->booklet_written ? json_string("plans.pdf")
							       : json_null());
	if (rep->booklet_error[0])
		json_object_set_new(o, "booklet_error", json_string(rep->booklet_error));
	for (size_t i = 0; i < rep->n_plan_failures; i++) {
		json_t *f = json_object();
		json_object_set_new(f, "store_id", json_string(rep->plan_failures[i].store_id));
		char text[1024];
		diag_render(rep->plan_failures[i].message, text, sizeof text);
		json_object_set_new(f, "error", json_string(text));
		json_array_append_new(failed, f);
	}
	json_object_set_new(o, "failed", failed);
	return o;
}

static json_t *summary(const batch_report *rep)
{
	const batch_result *b = rep->result;
	const region *r = rep->region;
	json_t *o = json_object(), *reg = json_object(), *cfg = json_object(), *st = json_object();
	json_t *changes = json_object(), *groups = json_array(), *tr;

	json_object_set_new(reg, "id", json_string(r->id ? r->id : ""));
	json_object_set_new(reg, "name", json_string(r->name ? r->name : ""));
	json_object_set_new(reg, "unit", json_string(r->unit ? r->unit : "carton"));
	json_object_set_new(reg, "file", json_string(rep->region_path));
	json_object_set_new(o, "region", reg);
	json_object_set_new(o, "quarter", quarter(b->quarter));
	json_object_set_new(o, "previous_quarter", quarter(b->prev_quarter));

	json_object_set_new(cfg, "shares_pct", json_pack("[f,f,f]", b->cfg.classify.shares.large / 100.0,
			    b->cfg.classify.shares.medium / 100.0, b->cfg.classify.shares.small / 100.0));
	json_object_set_new(cfg, "min_peers", count(b->cfg.classify.min_peers));
	json_object_set_new(cfg, "gap_pct", json_number(b->cfg.gap_pct, 4));
	json_object_set_new(cfg, "deadline", b->cfg.by ? quarter(b->cfg.by) : quarter(b->quarter + 1));
	json_object_set_new(o, "settings", cfg);

	json_object_set_new(st, "total", count(b->n_stores));
	json_object_set_new(st, "ok", count(b->n_status[STATUS_OK]));
	json_object_set_new(st, "insufficient_peers", count(b->n_status[STATUS_INSUFFICIENT_PEERS]));
	json_object_set_new(st, "no_orders", count(b->n_status[STATUS_NO_ORDERS]));
	json_object_set_new(st, "invalid", count(b->n_status[STATUS_INVALID]));
	json_object_set_new(st, "problems_reported", count(rep->problems));
	json_object_set_new(o, "stores", st);
	json_object_set_new(changes, "up", count(b->total.up));
	json_object_set_new(changes, "down", count(b->total.down));
	json_object_set_new(changes, "same", count(b->total.same));
	json_object_set_new(o, "code_changes", changes);

	for (size_t k = 0; k < b->n_groups; k++)
		json_array_append_new(groups, group(&b->groups[k]));
	json_object_set_new(o, "groups", groups);
	tr = matrix(&b->total.moves);
	json_object_set_new(tr, "from_quarter", quarter(b->prev_quarter));
	json_object_set_new(tr, "to_quarter", quarter(b->quarter));
	json_object_set_new(o, "transitions", tr);
	json_object_set_new(o, "funnel", funnel(&b->total.funnel));
	json_object_set_new(o, "candidates_count", count(b->n_candidates));
	json_object_set_new(o, "candidates", candidates_list(rep));
	json_object_set_new(o, "downgrades_count", count(b->total.n_downgrades));
	json_object_set_new(o, "stopped_ordering_count", count(b->total.n_stopped));
	json_object_set_new(o, "downgrades", downgrades_list(rep));
	json_object_set_new(o, "invalid_count", count(b->n_invalid));
	json_object_set_new(o, "invalid", invalid_list(rep));
	batch_json_ext(rep, o);
	json_object_set_new(o, "plans", plans(rep));
	return o;
}

static int dump(const char *buffer, size_t size, void *data)
{
	batch_file_write(data, buffer, size);
	return batch_file_error(data) ? -1 : 0;
}

int batch_write_json(const batch_report *rep)
{
	char msg[PATH_MAX + 128];
	batch_file *f = batch_file_create(rep->dir, "summary.json");

	if (!f) {
		report_msg("batch", "out.dir-file-error", "dir", rep->dir, "file", "summary.json",
			   "error", strerror(errno), NULL);
		return EXIT_IOERR;
	}
	json_t *o = summary(rep);
	if (!o) {
		batch_file_close(f, NULL, 0);
		report_msg("batch", "out.no-memory.file", "file", "summary.json", NULL);
		return EXIT_SOFTWARE;
	}
	json_dump_callback(o, dump, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	batch_file_write(f, "\n", 1);
	json_decref(o);
	if (batch_file_close(f, msg, sizeof msg) != 0) {
		report_msg("batch", "", "text", msg, NULL);   /* "file: error" (batch_io.h) */
		return EXIT_IOERR;
	}
	return EXIT_OK;
}
