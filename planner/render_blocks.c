/*
 * render_blocks.c: headings, label/value grids, cards, tables and notes in the flow of
 * a render_doc (see render_blocks.h).
 */
#include <string.h>

#include "render_blocks.h"

const render_rgb RENDER_INK = { 0.13, 0.15, 0.18 };
const render_rgb RENDER_MUTED = { 0.40, 0.43, 0.48 };
const render_rgb RENDER_NAVY = { 0.12, 0.23, 0.37 };
const render_rgb RENDER_TEAL = { 0.13, 0.50, 0.56 };
const render_rgb RENDER_RULE = { 0.80, 0.83, 0.87 };
const render_rgb RENDER_PANEL = { 0.95, 0.96, 0.97 };
const render_rgb RENDER_ZEBRA = { 0.97, 0.98, 0.99 };
const render_rgb RENDER_HEADER_BG = { 0.89, 0.91, 0.94 };
const render_rgb RENDER_WHITE = { 1, 1, 1 };
const render_rgb RENDER_GREEN = { 0.18, 0.49, 0.20 };
const render_rgb RENDER_AMBER = { 0.85, 0.47, 0.02 };
const render_rgb RENDER_RED = { 0.78, 0.16, 0.16 };
const render_rgb RENDER_BLUE = { 0.08, 0.40, 0.75 };

#define CELL_PAD_X 5.0
#define CELL_PAD_Y 3.5

render_font render_body(void) { return (render_font){ 9.5, 0, RENDER_INK, RENDER_LEFT, 0 }; }
render_font render_small(void) { return (render_font){ 8, 0, RENDER_MUTED, RENDER_LEFT, 0 }; }
render_font render_label(void) { return (render_font){ 8, 0, RENDER_MUTED, RENDER_LEFT, 0 }; }

render_rgb render_tint(render_rgb c, double t)
{
	return (render_rgb){ c.r + (1 - c.r) * t, c.g + (1 - c.g) * t, c.b + (1 - c.b) * t };
}

void render_gap(render_doc *d, double h)
{
	if (d->y > d->top)
		d->y += h;
}

void render_heading(render_doc *d, int number, const char *title, double keep_with)
{
	render_font f = { 13, 1, RENDER_NAVY, RENDER_LEFT, 0 };
	render_font nf = { 10, 1, RENDER_WHITE, RENDER_CENTER, 0 };
	double w = render_width(d) - 26;
	double h = render_measure(d, title, w, &f, NULL);

	render_gap(d, 12);
	render_need(d, h + 8 + keep_with);
	double box = 18, y = d->y;
	render_fill(d, d->left, y + (h - box) / 2, box, box, RENDER_NAVY);
	char num[16];
	snprintf(num, sizeof num, "%d", number);
	double nh = render_measure(d, num, box, &nf, NULL);
	render_text(d, d->left, y + (h - nh) / 2, box, num, &nf);
	render_text(d, d->left + 26, y, w, title, &f);
	render_line(d, d->left, y + h + 3, d->right, y + h + 3, 0.8, RENDER_NAVY, 0);
	d->y = y + h + 9;
}

static double pair_height(render_doc *d, const render_pair *p, double w)
{
	render_font lf = render_label(), vf = render_body();
	vf.size = 10;
	return render_measure(d, p->label, w, &lf, NULL) + 1 +
	       render_measure(d, p->value, w, &vf, NULL);
}

static void pair_draw(render_doc *d, const render_pair *p, double x, double y, double w)
{
	render_font lf = render_label(), vf = render_body();
	vf.size = 10;
	y += render_text(d, x, y, w, p->label, &lf) + 1;
	render_text(d, x, y, w, p->value, &vf);
}

void render_pairs(render_doc *d, const render_pair *pairs, size_t n)
{
	double col = render_width(d) / 2, pad = 8;

	for (size_t i = 0; i < n;) {
		size_t take = pairs[i].wide || i + 1 == n || pairs[i + 1].wide ? 1 : 2;
		double wcell = (take == 1 && pairs[i].wide ? render_width(d) : col) - 2 * pad;
		double h = 0;
		for (size_t k = 0; k < take; k++) {
			double ph = pair_height(d, &pairs[i + k], wcell);
			if (ph > h)
				h = ph;
		}
		h += 2 * 4;
		render_need(d, h);
		render_fill(d, d->left, d->y, render_width(d), h, RENDER_PANEL);
		render_line(d, d->left, d->y + h, d->right, d->y + h, 0.6, RENDER_WHITE, 0);
		if (take == 2)
			render_line(d, d->left + col, d->y + 4, d->left + col, d->y + h - 4, 0.6,
				    RENDER_RULE, 0);
		for (size_t k = 0; k < take; k++)
			pair_draw(d, &pairs[i + k], d->left + k * col + pad, d->y + 4, wcell);
		d->y += h;
		i += take;
	}
}

/* The value font of a card: 17 pt, smaller (down to 11 pt) so that it fits one line. */
static render_font card_value_font(render_doc *d, const char *value, double w, render_rgb c)
{
	render_font f = { 17, 1, c, RENDER_LEFT, 0 };
	double used;

	render_measure(d, value, -1, &f, &used);
	if (used > w) {
		f.size *= w / used;
		if (f.size < 11)
			f.size = 11;
	}
	return f;
}

void render_cards(render_doc *d, const render_card *cards, size_t n, render_rgb accent)
{
	double gap = 8, w = (render_width(d) - gap * (double)(n - 1)) / (double)n, h = 0;
	render_font lf = render_label(), nf = render_small();
	render_font vf[8];

	if (n == 0 || n > 8)
		return;
	for (size_t i = 0; i < n; i++) {
		vf[i] = card_value_font(d, cards[i].value, w - 16, accent);
		double line = render_measure(d, "0", w - 16, &(render_font){ 17, 1, accent, RENDER_LEFT, 0 },
					     NULL);
		double vh = render_measure(d, cards[i].value, w - 16, &vf[i], NULL);
		double ch = (vh > line ? vh : line) + render_measure(d, cards[i].label, w - 16, &lf, NULL) + 2;
		if (cards[i].note)
			ch += render_measure(d, cards[i].note, w - 16, &nf, NULL);
		if (ch > h)
			h = ch;
	}
	h += 14;
	render_need(d, h);
	for (size_t i = 0; i < n; i++) {
		double x = d->left + (double)i * (w + gap), y = d->y + 7;
		double line = render_measure(d, "0", w - 16, &(render_font){ 17, 1, accent, RENDER_LEFT, 0 },
					     NULL);
		render_fill(d, x, d->y, w, h, render_tint(accent, 0.92));
		render_fill(d, x, d->y, 3, h, accent);
		y += render_text(d, x + 10, y, w - 16, cards[i].label, &lf) + 2;
		double vh = render_measure(d, cards[i].value, w - 16, &vf[i], NULL);
		/* a shrunken value sits on the baseline row of the others */
		render_text(d, x + 10, y + (vh < line ? (line - vh) * 0.75 : 0), w - 16, cards[i].value, &vf[i]);
		y += vh > line ? vh : line;
		if (cards[i].note)
			render_text(d, x + 10, y, w - 16, cards[i].note, &nf);
	}
	d->y += h;
}

static double cell_height(render_doc *d, const render_cell *c, double w, const render_font *f)
{
	render_font sf = render_small();
	double h = render_measure(d, c->text ? c->text : "", w, f, NULL);
	if (c->sub && *c->sub)
		h += 1 + render_measure(d, c->sub, w, &sf, NULL);
	return h;
}

static void table_header(render_doc *d, const render_column *cols, size_t n_cols, double h,
			 render_font hf, double pad)
{
	double x = d->left;

	render_fill(d, d->left, d->y, render_width(d), h, RENDER_HEADER_BG);
	for (size_t c = 0; c < n_cols; c++) {
		double w = cols[c].share * render_width(d);
		hf.align = cols[c].align;
		render_text(d, x + pad, d->y + CELL_PAD_Y, w - 2 * pad, cols[c].title, &hf);
		x += w;
	}
	render_line(d, d->left, d->y + h, d->right, d->y + h, 0.8, RENDER_NAVY, 0);
	d->y += h;
}

void render_table(render_doc *d, const render_column *cols, size_t n_cols,
		  const render_cell *cells, size_t n_rows)
{
	render_table_styled(d, cols, n_cols, cells, n_rows, NULL);
}

void render_table_styled(render_doc *d, const render_column *cols, size_t n_cols,
			 const render_cell *cells, size_t n_rows, const render_table_style *st)
{
	render_font hf = { 8.5, 1, RENDER_NAVY, RENDER_LEFT, 0 }, bf = render_body(), sf = render_small();
	double head = 0, pad = st && st->pad > 0 ? st->pad : CELL_PAD_X;

	if (st && st->size > 0)
		bf.size = hf.size = st->size;
	if (st)
		bf.single_line = st->single_line;

	for (size_t c = 0; c < n_cols; c++) {
		double h = render_measure(d, cols[c].title, cols[c].share * render_width(d) - 2 * pad,
					  &hf, NULL);
		if (h > head)
			head = h;
	}
	head += 2 * CELL_PAD_Y;
	for (size_t r = 0; r < n_rows; r++) {
		const render_cell *row = cells + r * n_cols;
		double h = 0;
		for (size_t c = 0; c < n_cols; c++) {
			double ch = cell_height(d, &row[c], cols[c].share * render_width(d) - 2 * pad, &bf);
			if (ch > h)
				h = ch;
		}
		h += 2 * CELL_PAD_Y;
		/* the header goes on top of the first row, and again on each new page */
		if (r == 0) {
			render_need(d, head + h);
			table_header(d, cols, n_cols, head, hf, pad);
		} else if (render_need(d, h)) {
			table_header(d, cols, n_cols, head, hf, pad);
		}
		if (r % 2 == 1)
			render_fill(d, d->left, d->y, render_width(d), h, RENDER_ZEBRA);
		bf.color = st && st->muted && st->muted[r] ? RENDER_MUTED : RENDER_INK;
		double x = d->left;
		for (size_t c = 0; c < n_cols; c++) {
			double w = cols[c].share * render_width(d) - 2 * pad;
			bf.align = sf.align = cols[c].align;
			double y = d->y + CELL_PAD_Y;
			y += render_text(d, x + pad, y, w, row[c].text ? row[c].text : "", &bf);
			if (row[c].sub && *row[c].sub)
				render_text(d, x + pad, y + 1, w, row[c].sub, &sf);
			x += cols[c].share * render_width(d);
		}
		d->y += h;
		render_line(d, d->left, d->y, d->right, d->y, 0.4, RENDER_RULE, 0);
	}
}

static double note_height(render_doc *d, double w, const char *title, const char *text)
{
	render_font tf = { 9.5, 1, RENDER_INK, RENDER_LEFT, 0 }, bf = render_body();
	return (title ? render_measure(d, title, w - 22, &tf, NULL) + 2 : 0) +
	       render_measure(d, text, w - 22, &bf, NULL) + 14;
}

double render_note_at(render_doc *d, double x, double y, double w, double min_h,
		      const char *title, const char *text, render_rgb accent)
{
	render_font tf = { 9.5, 1, accent, RENDER_LEFT, 0 }, bf = render_body();
	double h = note_height(d, w, title, text);

	if (h < min_h)
		h = min_h;
	render_fill(d, x, y, w, h, render_tint(accent, 0.90));
	render_fill(d, x, y, 3.5, h, accent);
	y += 7;
	if (title)
		y += render_text(d, x + 14, y, w - 22, title, &tf) + 2;
	render_text(d, x + 14, y, w - 22, text, &bf);
	return h;
}

void render_note(render_doc *d, const char *title, const char *text, render_rgb accent)
{
	render_need(d, note_height(d, render_width(d), title, text));
	d->y += render_note_at(d, d->left, d->y, render_width(d), 0, title, text, accent);
}
