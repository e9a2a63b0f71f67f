/*
 * batch_json_ext.c: the parts of summary.json that --grades, --hold-down and the
 * quadrants add: per grade its threshold (region scope; per group in group scope),
 * stores now and last quarter, moves by distance and the industry's check
 * "upgrades >= downgrades" (reported, not enforced); held stores; quadrant counts.
 */
#include <jansson.h>

#include "batch_report.h"
#include "json_number.h"

static json_t *count(size_t n)
{
	return json_integer((json_int_t)n);
}

static json_t *thresholds(const batch_result *b, int group)
{
	const grade_cuts *c = batch_ext_cuts(b, group, 0);
	json_t *a = json_array();

	for (size_t j = 0; c && j < c->n; j++)
		json_array_append_new(a, c->figures ? json_number(c->t[j], 6) : json_null());
	return a;
}

static json_t *moves(const size_t *bins)
{
	json_t *o = json_object();

	json_object_set_new(o, "by_1", count(bins[0]));
	json_object_set_new(o, "by_2", count(bins[1]));
	json_object_set_new(o, "by_3_or_more", count(bins[2]));
	return o;
}

static json_t *grades(const batch_result *b)
{
	const batch_ext_config *cfg = &b->cfg.ext;
	const batch_ext_counts *x = &b->total.x;
	const grade_cuts *cuts = cfg->grade_scope_group ? NULL : batch_ext_cuts(b, -1, 0);
	json_t *o = json_object(), *list = json_array();
	size_t up = 0, down = 0;
	uint32_t prev_cum = 0;

	json_object_set_new(o, "scope", json_string(cfg->grade_scope_group ? "group" : "region"));
	for (size_t j = 0; j < cfg->grades->n; j++) {
		json_t *g = json_object();
		json_object_set_new(g, "grade", json_string(cfg->grades->label[j]));
		json_object_set_new(g, "share_pct",
				    json_number((cfg->grades->cum[j] - prev_cum) / 100.0, 2));
		prev_cum = cfg->grades->cum[j];
		if (cuts)
			json_object_set_new(g, "threshold", cuts->figures ? json_number(cuts->t[j], 6)
									  : json_null());
		json_object_set_new(g, "stores", count(x->grade[j]));
		json_object_set_new(g, "previous_stores", count(x->prev_grade[j]));
		json_object_set_new(g, "moved_up_into", count(x->into_up[j]));
		json_object_set_new(g, "moved_down_into", count(x->into_down[j]));
		json_array_append_new(list, g);
	}
	json_object_set_new(o, "grades", list);
	if (cfg->grade_scope_group) {
		json_t *per = json_object();
		for (size_t k = 0; k < b->n_groups; k++)
			json_object_set_new(per, b->groups[k].key, thresholds(b, (int)k));
		json_object_set_new(o, "thresholds_by_group", per);
	}
	for (int k = 0; k < BATCH_EXT_MOVE_BINS; k++) {
		up += x->up[k];
		down += x->down[k];
	}
	json_object_set_new(o, "moved_up", moves(x->up));
	json_object_set_new(o, "moved_down", moves(x->down));
	json_object_set_new(o, "upgrades", count(up));
	json_object_set_new(o, "downgrades", count(down));
	json_object_set_new(o, "upgrades_at_least_downgrades", json_boolean(up >= down));
	json_object_set_new(o, "held", count(x->grades_held));
	return o;
}

static json_t *quadrants(const batch_result *b)
{
	const batch_ext_counts *x = &b->total.x;
	json_t *o = json_object();

	json_object_set_new(o, "value_cut", json_number(b->cfg.ext.value_cut, 2));
	json_object_set_new(o, "match_cut", json_number(b->cfg.ext.match_cut / 100.0, 2));
	for (int q = QUADRANT_STRATEGIC; q < QUADRANT_COUNT; q++)
		json_object_set_new(o, quadrant_name((quadrant)q), count(x->quadrants[q]));
	json_object_set_new(o, "none", count(x->quadrants[QUADRANT_NONE]));
	return o;
}

void batch_json_ext(const batch_report *rep, void *summary)
{
	const batch_result *b = rep->result;
	const batch_ext_config *cfg = &b->cfg.ext;
	json_t *o = summary;

	if (cfg->grades)
		json_object_set_new(o, "grades", grades(b));
	if (cfg->held_column) {
		json_t *h = json_object();
		json_object_set_new(h, "hold_down", count((size_t)cfg->hold_down));
		json_object_set_new(h, "codes_held", count(b->total.x.held));
		json_object_set_new(h, "grades_held", count(b->total.x.grades_held));
		json_object_set_new(o, "held", h);
	}
	if (cfg->quadrants)
		json_object_set_new(o, "quadrants", quadrants(b));
}
