/*
 * batch_pdf.h: summary.pdf of `planner batch`, drawn with the plan's building blocks
 * (render_doc, render_blocks, render_histogram) and worded by the summary.* keys of
 * templates/LANG.txt.  batch_pdf.c loads the wording, sets the document up and writes
 * it; batch_pdf_overview.c draws the overview (key figures, peer groups, transitions,
 * funnel); batch_pdf_lists.c the charts per group and the lists (candidates,
 * downgrades, invalid stores, plans); batch_pdf_grades.c the pages of the grade,
 * quadrant and hold-down options.
 */
#ifndef PLANNER_BATCH_PDF_H
#define PLANNER_BATCH_PDF_H

#include <stddef.h>

#include "batch_report.h"
#include "render_blocks.h"
#include "templates.h"

/* Rows of each list shown (candidates, downgrades, invalid stores, plan failures). */
#define BATCH_PDF_LIST_MAX BATCH_SUMMARY_ROWS

typedef struct batch_pdf {
	const batch_report *rep;
	const tmpl_set *t;
	render_doc doc;
	int section;                      /* the number of the last heading */
	char quarter[48], prev_quarter[48];   /* in words: summary.quarter.N */
} batch_pdf;

#define BATCH_PDF_ARGS(a) (a), (sizeof (a) / sizeof (a)[0])

/* Loads templates/LANG.txt with every key summary.pdf (and the plans) need.  EXIT_OK,
 * EXIT_USAGE (not a language name, no file for it) or the load's status, printed. */
int batch_pdf_load_words(const char *lang, tmpl_set **out);

/* key's wording with its placeholders filled (tmpl_format). */
const char *batch_pdf_fmt(const batch_pdf *p, char *buf, size_t size, const char *key,
			  const tmpl_arg *args, size_t n_args);
const char *batch_pdf_word(const batch_pdf *p, const char *key);

/* A numbered section heading, with a note in small print under it (note may be NULL). */
void batch_pdf_heading(batch_pdf *p, const char *title, const char *note, double keep_with);
/* A line of small print in the flow. */
void batch_pdf_line(batch_pdf *p, const char *text, render_rgb color);
/* "… and 12 more in FILE" when a list showed fewer than it has. */
void batch_pdf_more(batch_pdf *p, size_t shown, size_t total, const char *file);

/* Numbers as every batch output writes them; NaN is "–". */
const char *batch_pdf_num(double x, int decimals, char *buf);
/* "1,234,567" */
const char *batch_pdf_count(size_t n, char *buf, size_t size);
/* "12.5%", "0.25%" */
const char *batch_pdf_pct(double x, char *buf, size_t size);
/* A quarter in words, as summary.quarter.N says it ("2007年第一季度", "2007Q1"). */
const char *batch_pdf_quarter(const batch_pdf *p, quarter_t q, char *buf, size_t size);
/* A peer group in words: market and business format ("urban supermarket"). */
const char *batch_pdf_group_name(const batch_pdf *p, const char *key, char *buf, size_t size);

/* The sections, in the order of the document. */
void batch_pdf_overview(batch_pdf *p);
void batch_pdf_changes(batch_pdf *p);
void batch_pdf_followup(batch_pdf *p);      /* batch_pdf_followup.c, after the funnel */
void batch_pdf_charts(batch_pdf *p);
/* The pages of --grades, --quadrants and --hold-down N; nothing without them. */
void batch_pdf_grades(batch_pdf *p);
void batch_pdf_lists(batch_pdf *p);
void batch_pdf_overrides(batch_pdf *p);     /* batch_pdf_overrides.c, after the downgrades */

/* Writes the drawn document to DIR/summary.pdf, or removes what it began.  EXIT_OK;
 * EXIT_SOFTWARE when the document has an error (memory, a runaway layout: nothing is
 * written); EXIT_IOERR or EXIT_CANTCREAT when writing fails.  Prints the reason. */
int batch_pdf_save(render_doc *d, const char *dir, const char *title);

#endif
