/*
 * render_swot.c: the SWOT analysis as a 2x2 grid with coloured headers (falling back
 * to full-width boxes that may break across pages when a quadrant is too long for
 * one), the measures table (one measure per weakness and threat, with owner and
 * check-by date) and the signature block of a plan.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_plan_int.h"

#define FINDING_SIZE 1024
#define CELL_PAD 7.0
#define TAG_WIDTH 20.0
#define GRID_GAP 8.0

static const char *const quadrant_keys[SWOT_QUADRANTS] = {
	"swot.strengths", "swot.weaknesses", "swot.opportunities", "swot.threats",
};

static render_rgb quadrant_color(int q)
{
	switch (q) {
	case SWOT_STRENGTH: return RENDER_GREEN;
	case SWOT_WEAKNESS: return RENDER_AMBER;
	case SWOT_OPPORTUNITY: return RENDER_BLUE;
	default: return RENDER_RED;
	}
}

typedef struct swot_item {
	char tag[16];                /* "W2": how the measures table refers to it */
	char text[FINDING_SIZE];
} swot_item;

static const char *const tag_keys[SWOT_QUADRANTS] = {
	"swot.tag.strength", "swot.tag.weakness", "swot.tag.opportunity", "swot.tag.threat",
};

static void tag_of(const plan_ctx *p, int q, size_t n, char *buf, size_t size)
{
	char num[24];
	snprintf(num, sizeof num, "%zu", n);
	tmpl_arg a[] = { { "n", num } };
	plan_fmt(p, buf, size, tag_keys[q], PLAN_ARGS(a));
}

/* The findings of quadrant q in rule order, tagged S1, S2, ... (caller frees). */
static swot_item *quadrant_items(const plan_ctx *p, int q, size_t *n)
{
	swot_item *items = calloc(p->swot.count[q] + 1, sizeof *items);
	*n = 0;
	if (!items)
		return NULL;
	for (size_t i = 0; i < p->swot.n; i++) {
		const swot_finding *f = &p->swot.findings[i];
		if ((int)f->rule->quadrant != q)
			continue;
		swot_item *it = &items[(*n)++];
		tag_of(p, q, *n, it->tag, sizeof it->tag);
		plan_finding_text(p, f->rule->finding_key, f, it->text, FINDING_SIZE);
	}
	if (*n == 0)
		snprintf(items[(*n)++].text, FINDING_SIZE, "%s", tmpl_get(p->t, "swot.empty"));
	return items;
}

static render_font item_font(void)
{
	render_font f = render_body();
	f.size = 8.5;
	return f;
}

static double item_height(render_doc *d, const swot_item *it, double w)
{
	render_font f = item_font();
	return render_measure(d, it->text, w - TAG_WIDTH, &f, NULL) + 3;
}

static void item_draw(render_doc *d, double x, double y, double w, const swot_item *it,
		      render_rgb color)
{
	render_font f = item_font(), tf = { 7.5, 1, color, RENDER_LEFT, 0 };
	if (*it->tag)
		render_text(d, x, y + 1, TAG_WIDTH, it->tag, &tf);
	render_text(d, x + TAG_WIDTH, y, w - TAG_WIDTH, it->text, &f);
}

static double header_height(render_doc *d, const char *title, double w)
{
	render_font f = { 10, 1, RENDER_WHITE, RENDER_LEFT, 0 };
	return render_measure(d, title, w - 2 * CELL_PAD, &f, NULL) + 8;
}

static void header_draw(render_doc *d, double x, double y, double w, double h,
			const char *title, render_rgb color)
{
	render_font f = { 10, 1, RENDER_WHITE, RENDER_LEFT, 0 };
	render_fill(d, x, y, w, h, color);
	render_text(d, x + CELL_PAD, y + 4, w - 2 * CELL_PAD, title, &f);
}

/* One quadrant as a full-width box, breaking between findings when needed. */
static void quadrant_box(plan_ctx *p, int q, const swot_item *items, size_t n)
{
	render_doc *d = &p->doc;
	render_rgb c = quadrant_color(q);
	const char *title = tmpl_get(p->t, quadrant_keys[q]);
	double w = render_width(d), inner = w - 2 * CELL_PAD, hh = header_height(d, title, w);

	render_gap(d, 6);
	for (size_t i = 0; i < n; i++) {
		double ih = item_height(d, &items[i], inner);
		if (i == 0 || render_room(d) < ih + CELL_PAD) {
			render_need(d, hh + ih + 2 * CELL_PAD);
			header_draw(d, d->left, d->y, w, hh, title, c);
			d->y += hh + CELL_PAD / 2;
		}
		render_fill(d, d->left, d->y - CELL_PAD / 2, w, ih + CELL_PAD / 2 +
			    (i + 1 == n ? CELL_PAD / 2 : 0), render_tint(c, 0.93));
		item_draw(d, d->left + CELL_PAD, d->y, inner, &items[i], c);
		d->y += ih;
	}
	d->y += CELL_PAD / 2;
}

/* Height of quadrants a and b side by side; 0 when out of memory. */
static double grid_height(plan_ctx *p, swot_item *items[2], const size_t n[2],
			  const char *titles[2], double *hh)
{
	render_doc *d = &p->doc;
	double w = (render_width(d) - GRID_GAP) / 2, inner = w - 2 * CELL_PAD, body = 0;

	*hh = 0;
	for (int k = 0; k < 2; k++) {
		double h = header_height(d, titles[k], w), bh = 0;
		if (h > *hh)
			*hh = h;
		for (size_t i = 0; i < n[k]; i++)
			bh += item_height(d, &items[k][i], inner);
		if (bh > body)
			body = bh;
	}
	return *hh + body + 2 * CELL_PAD;
}

/* Quadrants a and b side by side; as full-width boxes if they do not fit a page.
 * With measure_only, returns the height without drawing. */
static double grid_row(plan_ctx *p, int a, int b, int measure_only)
{
	render_doc *d = &p->doc;
	double w = (render_width(d) - GRID_GAP) / 2, inner = w - 2 * CELL_PAD, hh;
	size_t n[2];
	swot_item *items[2] = { quadrant_items(p, a, &n[0]), quadrant_items(p, b, &n[1]) };
	const char *titles[2] = { tmpl_get(p->t, quadrant_keys[a]), tmpl_get(p->t, quadrant_keys[b]) };
	double total = items[0] && items[1] ? grid_height(p, items, n, titles, &hh) : 0;

	if (measure_only || total == 0) {
		;
	} else if (total > d->bottom - d->top - 20) {
		quadrant_box(p, a, items[0], n[0]);
		quadrant_box(p, b, items[1], n[1]);
	} else {
		render_need(d, total);
		for (int k = 0; k < 2; k++) {
			int q = k ? b : a;
			double x = d->left + k * (w + GRID_GAP), y = d->y + hh + CELL_PAD;
			render_fill(d, x, d->y, w, total, render_tint(quadrant_color(q), 0.93));
			header_draw(d, x, d->y, w, hh, titles[k], quadrant_color(q));
			for (size_t i = 0; i < n[k]; i++) {
				item_draw(d, x + CELL_PAD, y, inner, &items[k][i], quadrant_color(q));
				y += item_height(d, &items[k][i], inner);
			}
		}
		d->y += total + GRID_GAP;
	}
	free(items[0]);
	free(items[1]);
	return total;
}

void plan_swot(plan_ctx *p)
{
	render_doc *d = &p->doc;
	double first = grid_row(p, SWOT_STRENGTH, SWOT_WEAKNESS, 1);
	double whole = first + GRID_GAP + grid_row(p, SWOT_OPPORTUNITY, SWOT_THREAT, 1);
	double notes = p->s->n_factors == 0 || p->s->n_neighbours == 0 ? 40 : 0;
	double page = d->bottom - d->top - 40;   /* a fresh page below the heading */

	/* The heading keeps the whole grid with it when the grid fits a fresh page: a page
	 * break before the section reads better than a grid split in two with a second set
	 * of coloured headers.  Else the first row, else the first findings. */
	double keep = whole + notes <= page ? whole + notes
		      : first + notes <= page ? first + notes : 60;
	plan_heading(p, "sec.swot", keep);
	if (p->s->n_factors == 0)
		render_note(d, NULL, tmpl_get(p->t, "swot.no-assessment"), RENDER_MUTED);
	if (p->s->n_neighbours == 0) {
		render_gap(d, 4);
		render_note(d, NULL, tmpl_get(p->t, "swot.no-neighbours"), RENDER_MUTED);
	}
	if (p->s->n_factors == 0 || p->s->n_neighbours == 0)
		render_gap(d, 8);
	grid_row(p, SWOT_STRENGTH, SWOT_WEAKNESS, 0);
	grid_row(p, SWOT_OPPORTUNITY, SWOT_THREAT, 0);
}

void plan_measures(plan_ctx *p)
{
	const swot_result *r = &p->swot;
	size_t n = 0, months = 3 * (size_t)(p->ev->deadline - p->ev->quarter);
	size_t seen[SWOT_QUADRANTS] = { 0 };
	render_cell *cells = calloc(r->n + 1, 4 * sizeof *cells);
	char (*text)[3][FINDING_SIZE] = calloc(r->n + 1, sizeof *text);

	plan_heading(p, "sec.measures", 60);
	if (!cells || !text) {
		free(cells);
		free(text);
		return;
	}
	if (months < 1)
		months = 1;
	for (size_t i = 0; i < r->n; i++) {
		const swot_finding *f = &r->findings[i];
		int y, m, d;
		seen[f->rule->quadrant]++;
		if (!f->rule->measure_key)
			continue;
		tag_of(p, (int)f->rule->quadrant, seen[f->rule->quadrant], text[n][0], FINDING_SIZE);
		plan_finding_text(p, f->rule->measure_key, f, text[n][1], FINDING_SIZE);
		size_t due = (size_t)f->rule->due_month < months ? (size_t)f->rule->due_month : months;
		milestones_month_end(p->ev->quarter, (int)due, &y, &m, &d);
		plan_date(p, y, m, d, text[n][2], FINDING_SIZE);
		render_cell *row = cells + 4 * n;
		row[0] = (render_cell){ text[n][0], NULL };
		row[1] = (render_cell){ text[n][1], NULL };
		row[2] = (render_cell){ tmpl_get(p->t, f->rule->owner == SWOT_OWNER_STORE
						 ? "owner.store" : "owner.manager"), NULL };
		row[3] = (render_cell){ text[n][2], NULL };
		n++;
	}
	if (n == 0) {
		/* "no weakness found" only when the store was assessed and none was found */
		const char *k = p->s->n_factors == 0 ? "measures.none.unassessed"
				: r->count[SWOT_WEAKNESS] + r->count[SWOT_THREAT] ? "measures.none.open"
				: "measures.none";
		render_note(&p->doc, NULL, tmpl_get(p->t, k),
			    strcmp(k, "measures.none") == 0 ? RENDER_GREEN : RENDER_MUTED);
	} else {
		render_column c[] = {
			{ tmpl_get(p->t, "measures.for"), 0.08, RENDER_LEFT },
			{ tmpl_get(p->t, "measures.measure"), 0.56, RENDER_LEFT },
			{ tmpl_get(p->t, "measures.owner"), 0.19, RENDER_LEFT },
			{ tmpl_get(p->t, "measures.check"), 0.17, RENDER_LEFT },
		};
		render_table(&p->doc, c, 4, cells, n);
	}
	free(cells);
	free(text);
}

size_t plan_measure_count(const plan_ctx *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->swot.n; i++)
		n += p->swot.findings[i].rule->measure_key != NULL;
	return n;
}

void plan_signature(plan_ctx *p)
{
	render_doc *d = &p->doc;
	render_font bf = render_body(), lf = render_label();
	char shopkeeper[256];
	tmpl_arg a[] = { { "owner", p->s->owner ? p->s->owner : "" } };
	plan_fmt(p, shopkeeper, sizeof shopkeeper, "sign.shopkeeper", PLAN_ARGS(a));
	const char *labels[3] = { tmpl_get(p->t, "sign.manager"), shopkeeper,
				  tmpl_get(p->t, "sign.date") };
	/* agree on what the plan holds: a target (promotion or retention), measures, both,
	 * or neither */
	size_t measures = plan_measure_count(p);
	int target = p->ev->status == STATUS_OK && !isnan(p->ms.target);
	const char *intro = tmpl_get(p->t, target && measures ? "sign.intro"
					   : target ? "sign.intro.target"
					   : measures ? "sign.intro.measures" : "sign.intro.none");
	double gap = 18, w = (render_width(d) - 2 * gap) / 3;
	double ih = render_measure(d, intro, render_width(d), &bf, NULL), lh = 0, base = 0;

	/* the three labels share one baseline, whatever script each is in */
	for (int i = 0; i < 3; i++) {
		double h = render_measure(d, labels[i], w, &lf, NULL);
		double b = render_baseline(d, labels[i], w, &lf);
		if (h > lh)
			lh = h;
		if (b > base)
			base = b;
	}
	plan_heading(p, "sec.signature", ih + 44 + lh);
	d->y += render_text(d, d->left, d->y, render_width(d), intro, &bf) + 40;
	for (int i = 0; i < 3; i++) {
		double x = d->left + i * (w + gap);
		render_line(d, x, d->y, x + w, d->y, 0.8, RENDER_INK, 0);
		render_text(d, x, d->y + 4 + base - render_baseline(d, labels[i], w, &lf), w, labels[i], &lf);
	}
	d->y += 4 + lh;
}
