/*
 * render_chart.h: the two charts of a plan, drawn into a box of a render_doc page:
 * the peer-group histogram (GSL-binned on round edges, bars coloured by class, with
 * labelled vertical markers for the thresholds and the store) and the order-history
 * chart (bars per quarter, least-squares trend to the deadline, target line, planned
 * quarters as outlined bars).  All wording comes in as arguments.
 */
#ifndef PLANNER_RENDER_CHART_H
#define PLANNER_RENDER_CHART_H

#include <stddef.h>

#include "render_page.h"

typedef struct render_box {
	double x, y, w, h;
} render_box;

typedef struct render_marker {
	double value;
	const char *label;
	render_rgb color;
	int dashed;
} render_marker;

typedef struct render_histogram_spec {
	const double *sorted;        /* ascending */
	size_t n;
	double large, medium;        /* class boundaries for the bar colours; NaN: none */
	const render_marker *marks;
	size_t n_marks;
	const char *x_label, *y_label;
	const char *beyond_pattern;  /* "{count} above {value}": the tail left off; may be NULL */
} render_histogram_spec;

void render_histogram(render_doc *d, render_box b, const render_histogram_spec *s);

typedef struct render_history_spec {
	size_t n;                    /* quarters from the first figure to the deadline */
	const char *const *labels;   /* one per quarter */
	const double *actual;        /* NaN where there is no figure */
	const double *planned;       /* quarter targets, NaN where none; may be NULL */
	int has_trend;
	double intercept, slope;     /* trend at quarter i: intercept + slope * (i - base) */
	size_t base;
	double target;               /* NaN: no target line */
	const char *target_label, *projection_label;   /* may be NULL */
	const char *y_label, *legend_actual, *legend_planned, *legend_trend;
} render_history_spec;

void render_history_chart(render_doc *d, render_box b, const render_history_spec *s);

#endif
