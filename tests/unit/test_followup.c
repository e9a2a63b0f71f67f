/*
 * test_followup.c: unit tests of the follow-up of last quarter's candidates
 * (models/followup.c) on a hand-built region: which stores were candidates then (the
 * gap's boundary included), their ranking, each row's outcome, and the batch's funnel
 * being the sum of the rows.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "batch_report.h"
#include "followup.h"

static uint32_t intern(region *r, const char *s)
{
	size_t n = strlen(s) + 1;

	if (r->strings_len + n > r->strings_cap) {
		r->strings_cap = (r->strings_len + n) * 2 + 64;
		r->strings = realloc(r->strings, r->strings_cap);
		assert_non_null(r->strings);
		if (r->strings_len == 0)
			r->strings[r->strings_len++] = '\0';
	}
	uint32_t off = (uint32_t)r->strings_len;
	memcpy(r->strings + off, s, n);
	r->strings_len += n;
	return off;
}

/* A store with figures x for quarter base and xp for the quarter before. */

/* The batch as `planner batch` runs it, without writing: classify both quarters, then
 * the row pass that tallies the counts, the funnel and the lists. */
static int classify_and_tally(const region *r, quarter_t q, const batch_config *cfg,
			      batch_result *b)
{
	batch_tally t;

	memset(&t, 0, sizeof t);
	if (batch_classify_jobs(r, q, cfg, b, 1, 0) < 0)
		return -1;
	if (batch_tally_rows(b, r, 0, r->n_stores, &t, NULL, NULL) < 0 || batch_merge(b, &t) < 0)
		return -1;
	batch_finish(b);
	return 0;
}

static void add(region *r, const char *id, const char *code, quarter_t base, double x, double xp)
{
	const char *why;

	if (r->n_stores == r->cap_stores) {
		r->cap_stores = r->cap_stores * 2 + 8;
		r->stores = realloc(r->stores, r->cap_stores * sizeof *r->stores);
		assert_non_null(r->stores);
	}
	region_entry *e = &r->stores[r->n_stores++];
	memset(e, 0, sizeof *e);
	e->id = intern(r, id);
	e->name = intern(r, id);
	assert_int_equal(code_parse(code, &e->code, &why), 0);
	e->base = base;
	assert_int_equal(region_set_orders(r, e, 0, x), 0);
	assert_int_equal(region_set_orders(r, e, 1, xp), 0);
}

static void test_followup_rows(void **state)
{
	region r = { 0 };
	batch_result b;
	batch_config cfg = BATCH_CONFIG_DEFAULT;
	followup_list l;
	followup_row row;
	candidates_funnel sum = { 0 };
	quarter_t q;
	char code[5];
	(void)state;

	assert_int_equal(quarter_parse("2007Q1", &q), 0);
	cfg.classify.min_peers = 5;
	/* last quarter: 10 figures, large >= 90 (2nd), medium >= 60 (5th).  Candidates then
	 * (gap 25 %): s3 80 -> 90 (12.5 %), s4 72 -> 90 (exactly 25 %), s6 50 -> 60 (20 %),
	 * s7 48 -> 60 (exactly 25 %); s5 60 -> 90 (50 %) and s8 30 are not. */
	add(&r, "s1", "Y121", q, 100, 100);
	add(&r, "s2", "Y121", q, 90, 90);
	add(&r, "s3", "Y221", q, 95, 80);     /* now large: met, moved up */
	add(&r, "s4", "Y221", q, NAN, 72);    /* no figure now: met unknown, not classified */
	add(&r, "s5", "Y221", q, 60, 60);
	add(&r, "s6", "Y321", q, 65, 50);     /* now medium: met, moved up */
	add(&r, "s7", "Y321", q, 40, 48);     /* still small, ordered less: not met */
	add(&r, "s8", "Y321", q, 30, 30);
	add(&r, "s9", "Y321", q, 20, 20);
	add(&r, "s10", "Y321", q, 10, 10);

	assert_int_equal(classify_and_tally(&r, q, &cfg, &b), 0);
	assert_int_equal(followup_collect(&b, &r, &l), 0);
	assert_int_equal(l.n, 4);
	/* ranked by growth required then, ties (25 %) in file order */
	assert_int_equal(l.items[0].entry, 2);
	assert_int_equal(l.items[1].entry, 5);
	assert_int_equal(l.items[2].entry, 3);
	assert_int_equal(l.items[3].entry, 6);

	followup_get(&b, &r, &l.items[0], &row);
	assert_int_equal(row.class_then, CLASS_MEDIUM);
	code_format(&row.target_code_then, code);
	assert_string_equal(code, "Y121");
	assert_true(row.target_orders_then == 90 && row.orders_then == 80 && row.orders_now == 95);
	assert_int_equal(row.met, 1);
	assert_int_equal(row.class_now, CLASS_LARGE);
	assert_true(row.moved_up);
	followup_count(&sum, &row);

	followup_get(&b, &r, &l.items[1], &row);
	code_format(&row.target_code_then, code);
	assert_string_equal(code, "Y221");
	assert_true(row.target_orders_then == 60);
	assert_int_equal(row.met, 1);
	assert_int_equal(row.class_now, CLASS_MEDIUM);
	assert_true(row.moved_up);
	followup_count(&sum, &row);

	followup_get(&b, &r, &l.items[2], &row);
	assert_true(isnan(row.orders_now));
	assert_int_equal(row.met, -1);
	assert_int_equal(row.class_now, CLASS_NONE);
	assert_false(row.moved_up);
	followup_count(&sum, &row);

	followup_get(&b, &r, &l.items[3], &row);
	assert_int_equal(row.met, 0);
	assert_int_equal(row.class_now, CLASS_SMALL);
	assert_false(row.moved_up);
	followup_count(&sum, &row);

	/* the batch's funnel is the sum of the rows */
	assert_int_equal(sum.flagged, 4);
	assert_int_equal(sum.classified, 3);
	assert_int_equal(sum.grew, 2);
	assert_int_equal(sum.moved_up, 2);
	assert_int_equal(b.total.funnel.flagged, sum.flagged);
	assert_int_equal(b.total.funnel.classified, sum.classified);
	assert_int_equal(b.total.funnel.grew, sum.grew);
	assert_int_equal(b.total.funnel.moved_up, sum.moved_up);

	/* a smaller gap: only s3 (12.5 %) and s6 (20 %) */
	followup_list_free(&l);
	b.cfg.gap_pct = 20;
	assert_int_equal(followup_collect(&b, &r, &l), 0);
	assert_int_equal(l.n, 2);
	followup_list_free(&l);
	/* a group below --min-peers last quarter has no candidates then */
	b.groups[0].prev.enough_peers = 0;
	assert_int_equal(followup_collect(&b, &r, &l), 0);
	assert_int_equal(l.n, 0);
	followup_list_free(&l);
	batch_result_free(&b);
	region_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_followup_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
