/*
 * render_book.h: several documents as one PDF (the plans booklet of `batch --plans`).
 * Each render_doc added is replayed page by page into one cairo PDF surface, so the
 * fonts are embedded and subset once for the whole book.  Written atomically through
 * render_out: nothing is left at path unless render_book_commit succeeds.  Errors are
 * sticky like render_doc's: the first one is kept and reported by every later call.
 */
#ifndef PLANNER_RENDER_BOOK_H
#define PLANNER_RENDER_BOOK_H

#include "render_out.h"
#include "render_page.h"

typedef struct render_book {
	char path[PATH_MAX];
	render_out *out;
	cairo_surface_t *pdf;
	cairo_t *cr;
	int pages;               /* pages added so far */
	cairo_status_t status;   /* first cairo error */
} render_book;

/* Creates the temporary file and the PDF surface; metadata strings may be NULL.
 * EXIT_OK, EXIT_CANTCREAT or EXIT_SOFTWARE with *err saying why. */
int render_book_open(render_book *b, const char *path, const char *title, const char *author,
		     const char *date_iso, diag *err);
/* Appends d's pages (finished: decorated) and, when outline is not NULL, a bookmark
 * to its first page.  EXIT_OK, or EXIT_SOFTWARE / EXIT_IOERR with *err. */
int render_book_add(render_book *b, render_doc *d, const char *outline, diag *err);
/* Finishes the PDF and renames it into place.  EXIT_OK, EXIT_IOERR, EXIT_CANTCREAT or
 * EXIT_SOFTWARE with *err; the book is released either way. */
int render_book_commit(render_book *b, diag *err);
/* Gives up: releases the book and removes the temporary. */
void render_book_abort(render_book *b);

#endif
