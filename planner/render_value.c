/*
 * render_value.c: the plan's lines for `planner plan --grades / --quadrants`: the
 * store's grade with the orders that reach the next one, and its value x match
 * quadrant with what that quadrant means for the upgrade work (templates/LANG.txt,
 * keys standing.grade* and quadrant.*).  Nothing is drawn when neither was asked for.
 */
#include <math.h>
#include <stdio.h>

#include "render_plan_int.h"

void plan_value(plan_ctx *p)
{
	const plan_input *in = p->in;
	char grade[256], quad[512], next[32], gap[32], score[16], pct[32], key[32];
	render_pair pairs[2];
	size_t n = 0;

	if (!in->grade && !in->quadrant)
		return;
	if (in->grade) {
		tmpl_arg ga[] = { { "grade", in->grade }, { "next", in->next_grade ? in->next_grade : "" },
				  { "orders", plan_qty(in->next_grade_orders, next, sizeof next) },
				  { "gap", plan_qty(in->next_grade_orders - p->ev->orders, gap, sizeof gap) },
				  { "unit", p->unit } };
		plan_fmt(p, grade, sizeof grade, !*in->grade ? "standing.grade.none"
			 : in->next_grade ? "standing.grade.value" : "standing.grade.top", PLAN_ARGS(ga));
		pairs[n++] = (render_pair){ tmpl_get(p->t, "standing.grade"), grade, 1 };
	}
	if (in->quadrant) {
		snprintf(score, sizeof score, "%u.%02u", in->match / 100u, in->match % 100u);
		tmpl_arg qa[] = { { "score", score },
				  { "percentile", plan_pct(p->ev->percentile, pct, sizeof pct) } };
		snprintf(key, sizeof key, "quadrant.%s", *in->quadrant ? in->quadrant : "none");
		plan_fmt(p, quad, sizeof quad, key, PLAN_ARGS(qa));
		pairs[n++] = (render_pair){ tmpl_get(p->t, "standing.quadrant"), quad, 1 };
	}
	render_pairs(&p->doc, pairs, n);
}
