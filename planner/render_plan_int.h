/*
 * render_plan_int.h: what the parts of the plan renderer share: render_plan.c (the
 * whole document and its output), render_wording.c (template keys and wording
 * helpers), render_standing.c (title band, profile, standing), render_target.c (target,
 * milestones, verdict), render_swot.c (SWOT grid, measures, signatures).  Not for
 * callers outside the renderer: they use render_plan.h.
 */
#ifndef PLANNER_RENDER_PLAN_INT_H
#define PLANNER_RENDER_PLAN_INT_H

#include "milestones.h"
#include "render_blocks.h"
#include "render_plan.h"
#include "swot.h"

typedef struct plan_ctx {
	render_doc doc;
	const tmpl_set *t;
	const plan_input *in;
	const store *s;
	const evaluation *ev;
	swot_result swot;
	milestones ms;
	char date[48], date_iso[64], quarter[48], deadline[48], deadline_brief[48];
	char unit[64], title[256];
	int section;
} plan_ctx;

#define PLAN_ARGS(a) (a), (sizeof(a) / sizeof((a)[0]))

/* The wording of key with args, into buf. */
const char *plan_fmt(const plan_ctx *p, char *buf, size_t size, const char *key,
		     const tmpl_arg *args, size_t n_args);
/* Like plan_fmt, for keys chosen from data ("format.Y"): fallback when absent. */
const char *plan_fmt_or(const plan_ctx *p, char *buf, size_t size, const char *key,
			const char *fallback, const tmpl_arg *args, size_t n_args);
/* "946", "30.5", "-": see format_quantity. */
const char *plan_qty(double x, char *buf, size_t size);
/* "53.2": one decimal. */
const char *plan_pct(double x, char *buf, size_t size);
/* A calendar date in the language's date.format. */
const char *plan_date(const plan_ctx *p, int year, int month, int day, char *buf, size_t size);
/* A quarter as the language words it in text ("2007年第二季度"), or brief ("2007年二季度")
 * for tables and key figures; the code 2007Q2 is for where a code is meant. */
const char *plan_quarter(const plan_ctx *p, quarter_t q, int brief, char *buf, size_t size);
/* The next numbered section heading. */
void plan_heading(plan_ctx *p, const char *key, double keep_with);
/* Data items (split at any of seps) in the plan's language: each through the optional
 * key "KIND.ITEM", else as written; joined by list.sep. */
void plan_list(const plan_ctx *p, const char *kind, const char *items, const char *seps,
	       char *out, size_t size);
/* "Y221: tobacco-and-liquor shop, medium, rural, law-abiding" */
const char *plan_code_spelled(const plan_ctx *p, const category_code *c, char *buf, size_t size);
/* "medium" for Y221 */
const char *plan_scale_word(const plan_ctx *p, const category_code *c);
/* A finding's or measure's wording with the finding's evidence. */
const char *plan_finding_text(const plan_ctx *p, const char *key, const swot_finding *f,
			      char *buf, size_t size);

void plan_title_band(plan_ctx *p);   /* render_standing.c */
void plan_profile(plan_ctx *p);
void plan_standing(plan_ctx *p);
void plan_value(plan_ctx *p);        /* render_value.c */
void plan_target(plan_ctx *p);       /* render_target.c */
void plan_swot(plan_ctx *p);         /* render_swot.c */
void plan_measures(plan_ctx *p);
size_t plan_measure_count(const plan_ctx *p);   /* rows of the measures table */
void plan_signature(plan_ctx *p);

#endif
