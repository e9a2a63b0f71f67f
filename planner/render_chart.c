/*
 * render_chart.c: the peer histogram and the order-history chart (see render_chart.h).
 * Axes use "nice" steps (1, 2, 2.5, 5 x 10^k) so that ticks and bins fall on round
 * numbers.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

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
	/* store counts are whole: a step of 2.5 becomes 2 (no tick at 7.5 outlets) */
	double ystep = floor(nice_step(cmax > 4 ? cmax : 4, 4));
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
		/* on the axis title's row, at the right: inside the plot the note would cross
		 * the bars and the markers' lines */
		tf.align = RENDER_RIGHT;
		render_text(d, px, py + ph + 4 + LABEL_ROW + 2, pw, note, &tf);
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

/* ---- label placement in the history chart ---------------------------------------------
 * The rule: a label never overlaps a bar, a line or another label.
 *  - The target (or threshold) line and the projection are labelled in a gutter right of
 *    the plot, at the height of their line and point (clear of every bar); when the two
 *    would overlap, the lower one moves down (or, at the bottom, the upper one up).
 *  - A bar's figure sits just above the bar, in a font shrunk to fit the quarter's slot
 *    (7.5 pt down to 5.5 pt).  When even 5.5 pt is wider than a slot, only every k-th bar
 *    counted back from this quarter's is labelled, each in k slots.
 *  - A figure that would touch the target line, the trend line or another label is left
 *    out: a planned figure is in the milestones table above the chart, the final one is
 *    the target itself; an actual figure is tried inside the top of its bar first. */
#define CHART_MAX_LABELS 64

typedef struct chart_layout {
	render_box taken[CHART_MAX_LABELS + 1];   /* placed labels */
	size_t n_taken;
	double target_y;                 /* NaN: no target line */
	double tx0, ty0, tx1, ty1;       /* the trend line; tx1 <= tx0: none */
} chart_layout;

static int boxes_meet(render_box a, render_box b)
{
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* 1 when the box is clear of the lines and of every label placed so far. */
static int chart_free(const chart_layout *l, render_box b)
{
	const double pad = 1.0;
	if (!isnan(l->target_y) && l->target_y > b.y - pad && l->target_y < b.y + b.h + pad)
		return 0;
	if (l->tx1 > l->tx0) {
		double x0 = b.x > l->tx0 ? b.x : l->tx0, x1 = b.x + b.w < l->tx1 ? b.x + b.w : l->tx1;
		if (x0 <= x1) {
			double k = (l->ty1 - l->ty0) / (l->tx1 - l->tx0);
			double ya = l->ty0 + k * (x0 - l->tx0), yb = l->ty0 + k * (x1 - l->tx0);
			double lo = ya < yb ? ya : yb, hi = ya < yb ? yb : ya;
			if (hi > b.y - pad && lo < b.y + b.h + pad)
				return 0;
		}
	}
	for (size_t i = 0; i < l->n_taken; i++)
		if (boxes_meet(l->taken[i], b))
			return 0;
	return 1;
}

static void chart_take(chart_layout *l, render_box b)
{
	if (l->n_taken < CHART_MAX_LABELS)
		l->taken[l->n_taken++] = b;
}

/* The end labels (target, projection) in the gutter at x, width w: centred on their y,
 * kept inside [top, bottom] and apart from each other. */
static void gutter_labels(render_doc *d, double x, double w, double top, double bottom,
			  const char *text[2], const double want_y[2], const render_rgb color[2],
			  chart_layout *l)
{
	render_font f = { 7, 1, RENDER_INK, RENDER_LEFT, 0 };
	double h[2] = { 0, 0 }, y[2] = { 0, 0 };

	for (int i = 0; i < 2; i++) {
		if (!text[i])
			continue;
		h[i] = render_measure(d, text[i], w, &f, NULL);
		y[i] = want_y[i] - h[i] / 2;
		if (y[i] + h[i] > bottom)
			y[i] = bottom - h[i];
		if (y[i] < top)
			y[i] = top;
	}
	if (text[0] && text[1]) {
		int up = y[0] <= y[1] ? 0 : 1, dn = 1 - up;
		if (y[up] + h[up] + 1 > y[dn]) {
			y[dn] = y[up] + h[up] + 1;
			if (y[dn] + h[dn] > bottom) {   /* no room below: both up from the bottom */
				y[dn] = bottom - h[dn];
				y[up] = y[dn] - 1 - h[up];
			}
		}
	}
	for (int i = 0; i < 2; i++) {
		if (!text[i])
			continue;
		f.color = color[i];
		render_text(d, x, y[i], w, text[i], &f);
		chart_take(l, (render_box){ x, y[i], w, h[i] });
	}
}

/* A bar's figure centred on cx in a box of width w above (or, with inside, within the top
 * of) the bar whose top is at top, or up to lift points higher still in the bar's column;
 * drawn only where it is free. */
static int bar_label(render_doc *d, chart_layout *l, double cx, double w, double top,
		     double floor_y, double ceiling, const char *text, render_font f, int inside,
		     double lift)
{
	double used, h = render_measure(d, text, w * 3, &f, &used);
	render_box b = { cx - used / 2 - 0.5, inside ? top + 1.5 : top - h - 1.5, used + 1, h };
	double lowest = b.y;

	if (used > w || b.y + b.h > floor_y)
		return 0;
	while (!chart_free(l, b) && b.y > lowest - lift)
		b.y -= 1;
	if (b.y < ceiling || !chart_free(l, b))
		return 0;
	f.align = RENDER_LEFT;
	render_text(d, b.x + 0.5, b.y, used + 1, text, &f);
	chart_take(l, b);
	return 1;
}

/* The largest font (7.5 down to 5.5 pt) in which every figure fits width w; 0: none. */
static double figure_font(render_doc *d, const render_history_spec *s, double w)
{
	render_font f = render_small();
	char buf[32];

	for (f.size = 7.5; f.size >= 5.5; f.size -= 0.5) {
		int fits = 1;
		for (size_t i = 0; i < s->n && fits; i++) {
			double v = !isnan(s->actual[i]) ? s->actual[i]
				   : s->planned ? s->planned[i] : NAN, used;
			if (isnan(v))
				continue;
			tick_text(round(v), buf, sizeof buf);
			render_measure(d, buf, w * 3, &f, &used);
			fits = used <= w - 1;
		}
		if (fits)
			return f.size;
	}
	return 0;
}

void render_history_chart(render_doc *d, render_box b, const render_history_spec *s)
{
	render_font tf = render_small();
	double top = 2 * LABEL_ROW + 8;
	double px = b.x + AXIS_LEFT, py = b.y + top, ph = b.h - top - AXIS_BOTTOM + 10;
	char buf[32];
	const char *end_text[2] = { !isnan(s->target) ? s->target_label : NULL,
				    s->has_trend ? s->projection_label : NULL };
	double gutter = 0;

	if (s->n == 0 || ph < 20)
		return;
	/* the gutter for the end labels: as wide as the wider one, at most a fifth */
	for (int i = 0; i < 2; i++) {
		render_font f = { 7, 1, RENDER_INK, RENDER_LEFT, 0 };
		double used;
		if (!end_text[i])
			continue;
		render_measure(d, end_text[i], b.w, &f, &used);
		if (used + 6 > gutter)
			gutter = used + 6;
	}
	if (gutter > (b.w - AXIS_LEFT) * 0.2)
		gutter = (b.w - AXIS_LEFT) * 0.2;
	double pw = b.w - AXIS_LEFT - 4 - gutter;
	double ystep = nice_step(history_ymax(s), 5);
	double ymax = ceil(history_ymax(s) / ystep) * ystep, slot = pw / (double)s->n;
	y_axis(d, px, py, pw, ph, ymax, ystep, s->y_label);

	double lx = px + pw * 0.25;
	legend_item(d, &lx, b.y, RENDER_NAVY, 0, s->legend_actual);
	if (s->planned && s->legend_planned)
		legend_item(d, &lx, b.y, RENDER_TEAL, 1, s->legend_planned);
	if (s->has_trend && s->legend_trend)
		legend_item(d, &lx, b.y, RENDER_AMBER, 3, s->legend_trend);

	chart_layout l = { .target_y = NAN };
	double proj_x = 0, proj_y = 0;
	if (!isnan(s->target))
		l.target_y = py + ph - s->target / ymax * ph;
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
		l.tx0 = px + slot * (t0 + (double)s->base + 0.5);
		l.tx1 = px + slot * (t1 + (double)s->base + 0.5);
		l.ty0 = py + ph - y0 / ymax * ph;
		l.ty1 = py + ph - y1 / ymax * ph;
		proj_x = px + slot * ((double)s->n - 0.5);
		proj_y = l.ty1;
	}

	/* bars, then the lines over them */
	tf.size = 7.5;
	tf.align = RENDER_CENTER;
	double bw = slot * 0.7;
	/* the axis labels: a font in which a year fits its slot (7.5 down to 5.5 pt); when
	 * not even 5.5 pt does, every k-th quarter counted back from this one, in k slots */
	render_font af = tf;
	double year_w = slot;
	for (; af.size >= 5.5; af.size -= 0.5) {
		render_measure(d, "2000", slot * 4, &af, &year_w);
		if (year_w <= slot - 1)
			break;
	}
	if (af.size < 5.5)
		af.size = 5.5;
	size_t axis_every = 1, last_actual = 0;
	while (year_w > slot * (double)axis_every - 1 && axis_every < s->n)
		axis_every++;
	for (size_t i = 0; i < s->n; i++)
		if (!isnan(s->actual[i]))
			last_actual = i;
	for (size_t i = 0; i < s->n; i++) {
		double cx = px + slot * ((double)i + 0.5);
		if (!isnan(s->actual[i])) {
			double bh = s->actual[i] / ymax * ph;
			render_fill(d, cx - bw / 2, py + ph - bh, bw, bh, RENDER_NAVY);
		} else if (s->planned && !isnan(s->planned[i])) {
			double bh = s->planned[i] / ymax * ph;
			render_frame(d, cx - bw / 2, py + ph - bh, bw, bh, 1.2, RENDER_TEAL);
		}
		/* a quarter too wide for its slot breaks between year and quarter, never
		 * inside the year */
		char two[32];
		const char *q = strchr(s->labels[i], 'Q');
		double used, lw = slot * (double)axis_every;
		size_t back = i <= last_actual ? last_actual - i : i - last_actual;
		if (back % axis_every != 0)
			continue;
		render_measure(d, s->labels[i], slot * 4, &af, &used);
		if (used > lw - 1 && q && q > s->labels[i])
			snprintf(two, sizeof two, "%.*s\n%s", (int)(q - s->labels[i]), s->labels[i], q);
		else
			snprintf(two, sizeof two, "%s", s->labels[i]);
		render_text(d, cx - lw / 2, py + ph + 4, lw, two, &af);
	}
	if (!isnan(s->target))
		render_line(d, px, l.target_y, px + pw, l.target_y, 1.2, RENDER_RED, 1);
	if (s->has_trend && l.tx1 > l.tx0)
		render_line(d, l.tx0, l.ty0, l.tx1, l.ty1, 1.4, RENDER_AMBER, 1);
	if (s->has_trend && end_text[1]) {
		render_fill(d, proj_x - 2.5, proj_y - 2.5, 5, 5, RENDER_AMBER);
		chart_take(&l, (render_box){ proj_x - 3, proj_y - 3, 6, 6 });
	}

	/* the end labels first: they name the lines */
	const double want_y[2] = { l.target_y, proj_y };
	const render_rgb end_color[2] = { RENDER_RED, RENDER_AMBER };
	gutter_labels(d, px + pw + 4, gutter - 4, py - 4, py + ph, end_text, want_y, end_color, &l);

	/* the bars' figures, by the rule above */
	render_font ff = render_small();
	ff.size = figure_font(d, s, slot);
	size_t every = 1;
	if (ff.size == 0) {
		ff.size = 5.5;
		while (every < s->n && figure_font(d, s, slot * (double)(every + 1)) == 0)
			every++;
		every++;
	}
	for (size_t i = 0; i < s->n; i++) {
		double cx = px + slot * ((double)i + 0.5);
		double v = s->actual[i];
		size_t back = i <= last_actual ? last_actual - i : i - last_actual;
		if (back % every != 0)
			continue;
		tick_text(round(!isnan(v) ? v : s->planned ? s->planned[i] : NAN), buf, sizeof buf);
		if (!isnan(v)) {
			double bt = py + ph - v / ymax * ph;
			ff.color = RENDER_INK;
			render_font in = ff;
			in.color = RENDER_WHITE;
			/* above the bar; else inside its top (as narrow as the bar, clear of the
			 * lines there too); else above the line that was in the way */
			if (!bar_label(d, &l, cx, slot * (double)every, bt, py + ph, py - LABEL_ROW + 3, buf, ff, 0, 0) &&
			    !(v / ymax * ph > 12 && bar_label(d, &l, cx, bw, bt, py + ph, py, buf, in, 1, 0)))
				bar_label(d, &l, cx, slot * (double)every, bt, py + ph, py - LABEL_ROW + 3, buf, ff, 0, 16);
		} else if (s->planned && !isnan(s->planned[i])) {
			double bt = py + ph - s->planned[i] / ymax * ph;
			ff.color = RENDER_TEAL;
			bar_label(d, &l, cx, slot * (double)every, bt, py + ph, py - LABEL_ROW + 3, buf, ff, 0, 0);
		}
	}
}
