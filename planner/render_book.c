/*
 * render_book.c: several finished documents as one PDF, written atomically (see
 * render_book.h): one cairo PDF surface over a render_out, each document's recording
 * surfaces replayed onto it page after page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_book.h"
#include "utf8.h"

/* The book's error as a status and a line: a write error remembered by the output
 * (ENOSPC, EFBIG) before the cairo status it caused. */
static int book_failed(render_book *b, diag *err)
{
	if (b->out && b->out->out.err) {
		diag_msg(err, EXIT_IOERR, b->path, 0, NULL, NULL, "out.cannot-write", "error",
			 strerror(b->out->out.err), NULL);
		return EXIT_IOERR;
	}
	diag_msg(err, EXIT_SOFTWARE, b->path, 0, NULL, NULL, "render.cannot-draw", "error",
		 cairo_status_to_string(b->status), NULL);
	return EXIT_SOFTWARE;
}

static void book_release(render_book *b)
{
	if (b->cr)
		cairo_destroy(b->cr);
	if (b->pdf)
		cairo_surface_destroy(b->pdf);
	b->cr = NULL;
	b->pdf = NULL;
}

int render_book_open(render_book *b, const char *path, const char *title, const char *author,
		     const char *date_iso, diag *err)
{
	memset(b, 0, sizeof *b);
	snprintf(b->path, sizeof b->path, "%s", path);
	b->out = malloc(sizeof *b->out);
	if (!b->out) {
		diag_msg(err, EXIT_SOFTWARE, path, 0, NULL, NULL, "out.no-memory", NULL);
		return EXIT_SOFTWARE;
	}
	int rc = render_out_open(b->out, path, err);
	if (rc != EXIT_OK) {
		free(b->out);
		b->out = NULL;
		return rc;
	}
	b->pdf = cairo_pdf_surface_create_for_stream(render_out_cairo, b->out, RENDER_A4_WIDTH,
						     RENDER_A4_HEIGHT);
	if (title)
		render_set_metadata(b->pdf, CAIRO_PDF_METADATA_TITLE, title);
	if (author)
		render_set_metadata(b->pdf, CAIRO_PDF_METADATA_CREATOR, author);
	if (date_iso)
		render_set_metadata(b->pdf, CAIRO_PDF_METADATA_CREATE_DATE, date_iso);
	b->cr = cairo_create(b->pdf);
	b->status = cairo_status(b->cr);
	if (b->status != CAIRO_STATUS_SUCCESS) {
		rc = book_failed(b, err);
		render_book_abort(b);
		return rc;
	}
	return EXIT_OK;
}

int render_book_add(render_book *b, render_doc *d, const char *outline, diag *err)
{
	if (b->status == CAIRO_STATUS_SUCCESS)
		b->status = render_doc_status(d);
	if (b->status != CAIRO_STATUS_SUCCESS)
		return book_failed(b, err);
	if (outline) {
		char link[32];
		char *clean = utf8_showable(outline) ? NULL : utf8_showable_dup(outline);
		snprintf(link, sizeof link, "page=%d", b->pages + 1);
		cairo_pdf_surface_add_outline(b->pdf, CAIRO_PDF_OUTLINE_ROOT,
					      clean ? clean : outline, link, 0);
		free(clean);
	}
	for (int i = 0; i < d->n_pages; i++) {
		cairo_set_source_surface(b->cr, d->pages[i], 0, 0);
		cairo_paint(b->cr);
		cairo_show_page(b->cr);
		b->pages++;
	}
	b->status = cairo_status(b->cr);
	if (b->status == CAIRO_STATUS_SUCCESS)
		b->status = cairo_surface_status(b->pdf);
	return b->status == CAIRO_STATUS_SUCCESS && !b->out->out.err ? EXIT_OK : book_failed(b, err);
}

int render_book_commit(render_book *b, diag *err)
{
	int rc = EXIT_OK;

	cairo_destroy(b->cr);
	b->cr = NULL;
	cairo_surface_finish(b->pdf);
	if (b->status == CAIRO_STATUS_SUCCESS)
		b->status = cairo_surface_status(b->pdf);
	if (b->status != CAIRO_STATUS_SUCCESS || b->out->out.err) {
		rc = book_failed(b, err);
		render_book_abort(b);
		return rc;
	}
	book_release(b);
	rc = render_out_commit(b->out, err);
	free(b->out);
	b->out = NULL;
	return rc;
}

void render_book_abort(render_book *b)
{
	book_release(b);
	if (b->out) {
		render_out_abort(b->out);
		free(b->out);
		b->out = NULL;
	}
}
