/*
 * render_chart.c: the peer histogram and the order-history chart (see render_chart.h).
 * Axes use "nice" steps (1, 2, 2.5, 5 x 10^k) so that ticks and bins fall on round
 * numbers.
 */
#include <math.h>
#include <stdio.h>

#include <gsl/gsl_histogram.h>

#include "render_blocks.h"
#include "numbers.h"
#include "render_chart.h"
#include "templates.h"

#define AXIS_LEFT 36.0     /* room for the y tick labels */
#define AXIS_BOTTOM 28.0   /* x tick labels and the x axis title */
#define LABEL_ROW 11.0

/* A round step that splits range into about `ticks` parts. */
static double nice_step(double range, int ticks)
{
	if (!(range > 0))
		return 1;
	double raw = range / ticks, mag = pow(10, floor(log10(raw))), f = raw / mag;
	double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
	return nice * mag;
}

static void tick_text(double v, char *buf, size_t size)
{
	if (fabs(v - round(v)) < 1e-9)
		snprintf(buf, size, "%.0f", v);
	else
		number_round_fixed(v, 1, buf, size);
}

/* Horizontal grid with y tick labels from 0 to ymax in steps of ystep. */
static void y_axis(render_doc *d, double px, double py, double pw, double ph, double ymax,
		   double ystep, const char *title)
{
	render_font tf = render_small();
	char buf[32];

	tf.size = 7.5;
	tf.align = RENDER_RIGHT;
	for (double v = 0; v <= ymax + ystep / 2; v += ystep) {
		double y = py + ph - v / ymax * ph;
		render_line(d, px, y, px + pw, y, 0.4, v == 0 ? RENDER_INK : RENDER_RULE, 0);
		tick_text(v, buf, sizeof buf);
		render_text(d, px - AXIS_LEFT, y - 5, AXIS_LEFT - 4, buf, &tf);
	}
	tf.align = RENDER_LEFT;
	if (title)
		render_text(d, px - AXIS_LEFT, py - 2 * LABEL_ROW + 2, pw, title, &tf);
}

/* Draws marker labels on separate rows above the plot so that they never collide. */
static void marker_label(render_doc *d, double x, double row_y, double px, double pw,
			 const render_marker *m)
{
	render_font f = { 7.5, 1, m->color, RENDER_LEFT, 0 };
	double used, h = render_measure(d, m->label, pw, &f, &used);
	double lx = x + 3 + used <= px + pw ? x + 3 : x - 3 - used;

	if (lx < px)
		lx = px;
	render_fill(d, lx - 1, row_y, used + 2, h, RENDER_WHITE);
	render_text(d, lx, row_y, used + 1, m->label, &f);
}

/* The x range: the whole group, unless a long tail would squeeze the bulk of it; then
 * up to a bit beyond the 97th percentile and the markers. */
static double histogram_cap(const render_histogram_spec *s)
{
	double max = s->n ? s->sorted[s->n - 1] : 0;
	double cap = s->n ? s->sorted[(size_t)floor(0.97 * (double)(s->n - 1))] * 1.15 : 0;

	for (size_t i = 0; i < s->n_marks; i++)
		if (s->marks[i].value * 1.15 > cap)
			cap = s->marks[i].value * 1.15;
	return max < cap ? max : cap;
}

void render_histogram(render_doc *d, render_box b, const render_histogram_spec *s)
{
	render_font tf = render_small();
	double top = (double)s->n_marks * LABEL_ROW + 6 + LABEL_ROW;
	double px = b.x + AXIS_LEFT, py = b.y + top, pw = b.w - AXIS_LEFT - 4;
	double ph = b.h - top - AXIS_BOTTOM;
	double xmax = histogram_cap(s), xmin = s->n ? s->sorted[0] : 0;
	char buf[64];

	for (size_t i = 0; i < s->n_marks; i++)
		if (s->marks[i].value > xmax)
			xmax = s->marks[i].value;
	double lo = xmin < 0 ? floor(xmin) : 0;
	double bin = nice_step(xmax - lo, 36);
	lo = floor(lo / bin) * bin;
	double hi = (floor(xmax / bin) + 1) * bin;
	size_t nbins = (size_t)lround((hi - lo) / bin), beyond = 0;
	if (nbins < 1 || nbins > 400 || ph < 20)
		return;
	gsl_histogram *h = gsl_histogram_alloc(nbins);
	if (!h) {
		render_doc_fail(d, CAIRO_STATUS_NO_MEMORY);
		return;
	}
	gsl_histogram_set_ranges_uniform(h, lo, hi);
	for (size_t i = 0; i < s->n; i++)
		if (gsl_histogram_increment(h, s->sorted[i]) != 0)
			beyond++;   /* outside [lo, hi): the tail, counted in a note */
	double cmax = gsl_histogram_max_val(h);
	double ystep = nice_step(cmax > 4 ? cmax : 4, 4);
	if (ystep < 1)
		ystep = 1;
	double ymax = ceil((cmax > 0 ? cmax : 1) / ystep) * ystep;

	y_axis(d, px, py, pw, ph, ymax, ystep, s->y_label);
	for (size_t i = 0; i < nbins; i++) {
		double a, z, c = gsl_histogram_get(h, i);
		gsl_histogram_get_range(h, i, &a, &z);
		if (c <= 0)
			continue;
		render_rgb col = !isnan(s->large) && a >= s->large ? RENDER_NAVY
				 : !isnan(s->medium) && a >= s->medium ? RENDER_TEAL
								       : render_tint(RENDER_NAVY, 0.62);
		double x0 = px + (a - lo) / (hi - lo) * pw, x1 = px + (z - lo) / (hi - lo) * pw;
		render_fill(d, x0 + 0.4, py + ph - c / ymax * ph, x1 - x0 - 0.8, c / ymax * ph, col);
	}
	gsl_histogram_free(h);

	/* x ticks on round values */
	double xstep = nice_step(hi - lo, 8);
	tf.size = 7.5;
	tf.align = RENDER_CENTER;
	for (double v = lo; v <= hi + xstep / 100; v += xstep) {
		double x = px + (v - lo) / (hi - lo) * pw;
		render_line(d, x, py + ph, x, py + ph + 3, 0.6, RENDER_INK, 0);
		tick_text(v, buf, sizeof buf);
		render_text(d, x - 25, py + ph + 4, 50, buf, &tf);
	}
	if (s->x_label)
		render_text(d, px, py + ph + 4 + LABEL_ROW + 2, pw, s->x_label, &tf);
	if (beyond && s->beyond_pattern) {
		char count[24], value[32], note[160];
		snprintf(count, sizeof count, "%zu", beyond);
		tick_text(hi, value, sizeof value);
		tmpl_arg a[] = { { "count", count }, { "value", value } };
		tmpl_expand(s->beyond_pattern, a, 2, note, sizeof note);
		tf.align = RENDER_RIGHT;
		render_text(d, px, py + 2, pw - 4, note, &tf);
	}

	for (size_t i = 0; i < s->n_marks; i++) {
		const render_marker *m = &s->marks[i];
		double x = px + (m->value - lo) / (hi - lo) * pw;
		double row_y = b.y + LABEL_ROW + 4 + (double)i * LABEL_ROW;
		render_line(d, x, row_y + LABEL_ROW - 2, x, py + ph, m->dashed ? 1.0 : 1.6, m->color,
			    m->dashed);
		marker_label(d, x, row_y, px, pw, m);
	}
}

static void legend_item(render_doc *d, double *x, double y, render_rgb c, int kind,
			const char *text)
{
	render_font f = render_small();
	double used;

	f.size = 7.5;
	render_measure(d, text, 200, &f, &used);
	if (kind == 0)
		render_fill(d, *x, y + 2, 9, 7, c);
	else if (kind == 1)
		render_frame(d, *x + 0.5, y + 2.5, 8, 6, 1, c);
	else
		render_line(d, *x, y + 5.5, *x + 12, y + 5.5, 1.4, c, kind == 3);
	render_text(d, *x + 15, y, used + 1, text, &f);
	*x += 15 + used + 12;
}

static double history_ymax(const render_history_spec *s)
{
	double m = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (!isnan(s->actual[i]) && s->actual[i] > m)
			m = s->actual[i];
		if (s->planned && !isnan(s->planned[i]) && s->planned[i] > m)
			m = s->planned[i];
		double t = s->intercept + s->slope * ((double)i - (double)s->base);
		if (s->has_trend && t > m)
			m = t;
	}
	if (!isnan(s->target) && s->target > m)
		m = s->target;
	return m > 0 ? m * 1.08 : 1;
}

void render_history_chart(render_doc *d, render_box b, const render_history_spec *s)
{
	render_font tf = render_small();
	double top = 2 * LABEL_ROW + 8;
	double px = b.x + AXIS_LEFT, py = b.y + top, pw = b.w - AXIS_LEFT - 4;
	double ph = b.h - top - AXIS_BOTTOM + 10;
	char buf[32];

	if (s->n == 0 || ph < 20)
		return;
	double ystep = nice_step(history_ymax(s), 5);
	double ymax = ceil(history_ymax(s) / ystep) * ystep, slot = pw / (double)s->n;
	y_axis(d, px, py, pw, ph, ymax, ystep, s->y_label);

	double lx = px + pw * 0.25;
	legend_item(d, &lx, b.y, RENDER_NAVY, 0, s->legend_actual);
	if (s->planned && s->legend_planned)
		legend_item(d, &lx, b.y, RENDER_TEAL, 1, s->legend_planned);
	if (s->has_trend && s->legend_trend)
		legend_item(d, &lx, b.y, RENDER_AMBER, 3, s->legend_trend);

	tf.size = 7.5;
	tf.align = RENDER_CENTER;
	for (size_t i = 0; i < s->n; i++) {
		double cx = px + slot * ((double)i + 0.5), bw = slot * 0.52;
		double v = s->actual[i];
		if (!isnan(v)) {
			/* the figure inside the top of its bar, clear of the trend line */
			render_font in = tf;
			double bh = v / ymax * ph;
			render_fill(d, cx - bw / 2, py + ph - bh, bw, bh, RENDER_NAVY);
			tick_text(round(v), buf, sizeof buf);
			in.color = RENDER_WHITE;
			if (bh >= 14)
				render_text(d, cx - slot / 2, py + ph - bh + 2, slot, buf, &in);
			else
				render_text(d, cx - slot / 2, py + ph - bh - 10, slot, buf, &tf);
		} else if (s->planned && !isnan(s->planned[i])) {
			double p = s->planned[i];
			render_frame(d, cx - bw / 2, py + ph - p / ymax * ph, bw, p / ymax * ph, 1.2,
				     RENDER_TEAL);
			tick_text(round(p), buf, sizeof buf);
			render_text(d, cx - slot / 2, py + ph - p / ymax * ph - 10, slot, buf, &tf);
		}
		render_text(d, cx - slot / 2, py + ph + 4, slot, s->labels[i], &tf);
	}
	if (!isnan(s->target)) {
		double y = py + ph - s->target / ymax * ph;
		render_line(d, px, y, px + pw, y, 1.2, RENDER_RED, 1);
		if (s->target_label) {
			render_font f = { 7.5, 1, RENDER_RED, RENDER_LEFT, 0 };
			double used, h = render_measure(d, s->target_label, pw, &f, &used);
			render_fill(d, px + 3, y - h - 1, used + 2, h, RENDER_WHITE);
			render_text(d, px + 4, y - h - 1, used + 1, s->target_label, &f);
		}
	}
	if (s->has_trend) {
		/* the line stops where the trend reaches 0: orders are never below none */
		double t0 = 0 - (double)s->base, t1 = (double)s->n - 1 - (double)s->base;
		double y0 = s->intercept + s->slope * t0, y1 = s->intercept + s->slope * t1;
		if (y0 < 0 && s->slope > 0)
			t0 = -s->intercept / s->slope;
		if (y1 < 0 && s->slope < 0)
			t1 = -s->intercept / s->slope;
		y0 = y0 < 0 ? 0 : y0;
		y1 = y1 < 0 ? 0 : y1;
		double x0 = px + slot * (t0 + (double)s->base + 0.5);
		double xe = px + slot * (t1 + (double)s->base + 0.5);
		double x1 = px + slot * ((double)s->n - 0.5);
		if (xe > x0)
			render_line(d, x0, py + ph - y0 / ymax * ph, xe, py + ph - y1 / ymax * ph, 1.4,
				    RENDER_AMBER, 1);
		if (s->projection_label) {
			/* the projected point, labelled just below it on a white ground */
			render_font f = { 7.5, 1, RENDER_AMBER, RENDER_LEFT, 0 };
			double yy = py + ph - y1 / ymax * ph, used;
			double lh = render_measure(d, s->projection_label, pw, &f, &used);
			double at = x1 - used / 2;
			if (at + used > px + pw)
				at = px + pw - used;
			/* above the point when it tops the planned bar, so as not to hide its figure */
			double last = s->planned ? s->planned[s->n - 1] : NAN;
			double ly = !isnan(last) && y1 > last ? yy - lh - 4 : yy + 4;
			render_fill(d, x1 - 2.5, yy - 2.5, 5, 5, RENDER_AMBER);
			render_fill(d, at - 1.5, ly, used + 3, lh, RENDER_WHITE);
			render_text(d, at, ly, used + 1, s->projection_label, &f);
		}
	}
}
