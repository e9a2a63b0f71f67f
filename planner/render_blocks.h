/*
 * render_blocks.h: the building blocks of a printed report, laid out in the flow of a
 * render_doc: numbered section headings, label/value grids, key-figure cards, tables
 * with aligned numbers (rows break across pages, the header repeats), note boxes.
 * Each block starts at the doc's cursor and moves it below itself.  The palette is
 * configuration: constant colours shared by all blocks and charts.
 */
#ifndef PLANNER_RENDER_BLOCKS_H
#define PLANNER_RENDER_BLOCKS_H

#include <stddef.h>

#include "render_page.h"

extern const render_rgb RENDER_INK, RENDER_MUTED, RENDER_NAVY, RENDER_TEAL, RENDER_RULE,
	RENDER_PANEL, RENDER_ZEBRA, RENDER_HEADER_BG, RENDER_WHITE, RENDER_GREEN, RENDER_AMBER,
	RENDER_RED, RENDER_BLUE;

/* Font presets: body text, small print, labels, table header. */
render_font render_body(void);
render_font render_small(void);
render_font render_label(void);

/* Mixes c with white: t = 0 gives c, t = 1 white. */
render_rgb render_tint(render_rgb c, double t);

/* A numbered heading; keeps at least keep_with points of the section on its page. */
void render_heading(render_doc *d, int number, const char *title, double keep_with);

typedef struct render_pair {
	const char *label, *value;
	int wide;                 /* spans both columns */
} render_pair;
/* A two-column form of labelled values. */
void render_pairs(render_doc *d, const render_pair *pairs, size_t n);

typedef struct render_card {
	const char *label, *value, *note;   /* note may be NULL */
} render_card;
/* Key figures side by side, the value large in the accent colour. */
void render_cards(render_doc *d, const render_card *cards, size_t n, render_rgb accent);

typedef struct render_column {
	const char *title;
	double share;             /* of the content width; shares add up to 1 */
	render_align align;
} render_column;

typedef struct render_cell {
	const char *text;
	const char *sub;          /* a second, smaller line in muted ink, or NULL */
} render_cell;
/* A table: cells row-major, n_rows x n_cols. */
void render_table(render_doc *d, const render_column *cols, size_t n_cols,
		  const render_cell *cells, size_t n_rows);

/* How a dense table differs from render_table's: smaller text, cells cut to one line
 * (ellipsized) instead of wrapping, some rows in muted ink. */
typedef struct render_table_style {
	double size;                  /* text (header too) in points; 0: render_table's */
	double pad;                   /* space left and right in a cell; 0: render_table's */
	int single_line;
	const unsigned char *muted;   /* per row, 1: muted ink; may be NULL */
} render_table_style;
/* render_table with a style (NULL: render_table's). */
void render_table_styled(render_doc *d, const render_column *cols, size_t n_cols,
			 const render_cell *cells, size_t n_rows, const render_table_style *st);

/* A tinted box with an accent bar: an optional bold title, then the text. */
void render_note(render_doc *d, const char *title, const char *text, render_rgb accent);
/* The same at a given place, outside the flow, at least min_h high; returns its height. */
double render_note_at(render_doc *d, double x, double y, double w, double min_h,
		      const char *title, const char *text, render_rgb accent);

/* Vertical space in the flow (dropped at the top of a page). */
void render_gap(render_doc *d, double h);

#endif
