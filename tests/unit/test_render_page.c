/*
 * test_render_page.c: the shaped texts a document keeps (render_page.c): a text measured,
 * then others, then measured or drawn again is not shaped again; a change of width,
 * weight, size, alignment or single-line mode is a layout of its own; a long document
 * keeps at most RENDER_LAYOUTS_KEPT of them; the next document of the same font family
 * and language takes them over, one of another language does not.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "render_blocks.h"
#include "render_page.h"

static const char *long_text = "A sentence long enough to wrap onto several lines when "
			       "the column is narrow, and onto one line when it is wide.";

static void measured_then_others_then_drawn_is_shaped_once(void **state)
{
	(void)state;
	render_doc d;
	render_font f = { 10, 0, RENDER_INK, RENDER_LEFT, 0 };

	render_texts_release();   /* a document of its own: nothing kept from another test */
	assert_int_equal(render_doc_init(&d, "DejaVu Sans", "en"), 0);
	render_page_new(&d);
	double ha = render_measure(&d, "first", 200, &f, NULL);
	PangoLayout *a = d.layout;
	render_measure(&d, "second", 200, &f, NULL);
	PangoLayout *b = d.layout;
	assert_ptr_not_equal(a, b);
	assert_true(render_text(&d, 50, 50, 200, "first", &f) == ha);
	assert_ptr_equal(d.layout, a);                 /* the first one, not shaped again */
	assert_int_equal(g_hash_table_size(d.layouts), 2);
	assert_int_equal(render_doc_status(&d), CAIRO_STATUS_SUCCESS);
	render_doc_free(&d);
}

static void width_and_font_are_part_of_the_layout(void **state)
{
	(void)state;
	render_doc d;
	render_font f = { 10, 0, RENDER_INK, RENDER_LEFT, 0 };
	double used_narrow, used_wide;

	render_texts_release();   /* a document of its own: nothing kept from another test */
	assert_int_equal(render_doc_init(&d, "DejaVu Sans", "en"), 0);
	double narrow = render_measure(&d, long_text, 80, &f, &used_narrow);
	double wide = render_measure(&d, long_text, 2000, &f, &used_wide);
	assert_true(narrow > 2 * wide);                /* wrapped: several lines */
	assert_true(used_narrow <= 80 && used_wide > 80);
	assert_true(render_measure(&d, long_text, 80, &f, NULL) == narrow);

	render_font bold = f, big = f, one_line = f, right = f;
	bold.bold = 1;
	big.size = 20;
	one_line.single_line = 1;
	right.align = RENDER_RIGHT;
	double w_regular, w_bold;
	render_measure(&d, "Weight", -1, &f, &w_regular);
	render_measure(&d, "Weight", -1, &bold, &w_bold);
	assert_true(w_bold > w_regular);
	assert_true(render_measure(&d, "Weight", -1, &big, NULL) >
		    render_measure(&d, "Weight", -1, &f, NULL));
	assert_true(render_measure(&d, long_text, 80, &one_line, NULL) < narrow);
	render_measure(&d, long_text, 80, &right, NULL);
	PangoLayout *r = d.layout;
	render_measure(&d, long_text, 80, &f, NULL);
	assert_ptr_not_equal(d.layout, r);
	assert_int_equal(pango_layout_get_alignment(r), PANGO_ALIGN_RIGHT);
	assert_int_equal(pango_layout_get_alignment(d.layout), PANGO_ALIGN_LEFT);
	/* long_text in 4 variants, Weight in 3 */
	assert_int_equal(g_hash_table_size(d.layouts), 7);
	render_doc_free(&d);
}

static void a_long_document_keeps_a_bounded_number(void **state)
{
	(void)state;
	render_doc d;
	render_font f = { 10, 0, RENDER_INK, RENDER_LEFT, 0 };
	char text[32];

	render_texts_release();   /* a document of its own: nothing kept from another test */
	assert_int_equal(render_doc_init(&d, "DejaVu Sans", "en"), 0);
	render_page_new(&d);
	double h0 = render_measure(&d, "row 0", 300, &f, NULL);
	for (int i = 0; i < RENDER_LAYOUTS_KEPT + 40; i++) {
		snprintf(text, sizeof text, "row %d", i);
		assert_true(render_text(&d, 50, 50, 300, text, &f) == h0);
		assert_true(g_hash_table_size(d.layouts) <= RENDER_LAYOUTS_KEPT);
	}
	assert_true(render_measure(&d, "row 0", 300, &f, NULL) == h0);
	assert_int_equal(render_doc_status(&d), CAIRO_STATUS_SUCCESS);
	render_doc_free(&d);
}

static void the_next_document_takes_the_texts_over(void **state)
{
	(void)state;
	render_doc d;
	render_font f = { 10, 0, RENDER_INK, RENDER_LEFT, 0 };

	render_texts_release();
	assert_int_equal(render_doc_init(&d, "DejaVu Sans", "en"), 0);
	render_page_new(&d);
	double h = render_measure(&d, "Standing", 200, &f, NULL);
	render_measure(&d, "Target", 200, &f, NULL);
	render_doc_free(&d);

	/* the same family and language: both texts are there, not shaped again */
	assert_int_equal(render_doc_init(&d, "DejaVu Sans", "en"), 0);
	render_page_new(&d);
	assert_int_equal(g_hash_table_size(d.layouts), 2);
	assert_true(render_measure(&d, "Standing", 200, &f, NULL) == h);
	assert_int_equal(g_hash_table_size(d.layouts), 2);
	assert_int_equal(render_doc_status(&d), CAIRO_STATUS_SUCCESS);
	render_doc_free(&d);

	/* another language (its own context): starts empty */
	assert_int_equal(render_doc_init(&d, "DejaVu Sans", "zh"), 0);
	assert_int_equal(g_hash_table_size(d.layouts), 0);
	render_doc_free(&d);

	/* released: the next document starts empty too */
	render_texts_release();
	assert_int_equal(render_doc_init(&d, "DejaVu Sans", "zh"), 0);
	assert_int_equal(g_hash_table_size(d.layouts), 0);
	render_doc_free(&d);
	render_texts_release();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(measured_then_others_then_drawn_is_shaped_once),
		cmocka_unit_test(width_and_font_are_part_of_the_layout),
		cmocka_unit_test(a_long_document_keeps_a_bounded_number),
		cmocka_unit_test(the_next_document_takes_the_texts_over),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
