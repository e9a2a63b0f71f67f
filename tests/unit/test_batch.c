/*
 * test_batch.c: unit tests of the batch reclassification's domain side on plain data:
 * the transition matrix, the candidate test at its boundary, the trend fit, ranking,
 * the funnel, and the batch pipeline (planner/batch_rows.c, the one production runs)
 * on small hand-built region tables, in one thread and in three.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "batch.h"
#include "batch_report.h"

/* ---- transitions ----------------------------------------------------------------------- */

static void test_transitions_counts(void **state)
{
	transitions t = { 0 }, u = { 0 };
	(void)state;

	assert_int_equal(transitions_add(&t, CLASS_LARGE, CLASS_LARGE), 0);
	transitions_add(&t, CLASS_LARGE, CLASS_MEDIUM);
	transitions_add(&t, CLASS_LARGE, CLASS_SMALL);
	transitions_add(&t, CLASS_MEDIUM, CLASS_LARGE);
	transitions_add(&t, CLASS_SMALL, CLASS_MEDIUM);
	transitions_add(&t, CLASS_SMALL, CLASS_SMALL);
	assert_int_equal(transitions_add(&t, CLASS_NONE, CLASS_SMALL), -1);
	assert_int_equal(transitions_total(&t), 6);
	assert_int_equal(transitions_up(&t), 2);
	assert_int_equal(transitions_down(&t), 2);
	assert_int_equal(transitions_same(&t), 2);
	assert_int_equal(transitions_from(&t, CLASS_LARGE), 3);
	assert_int_equal(transitions_to(&t, CLASS_MEDIUM), 2);
	assert_int_equal(transitions_count(&t, CLASS_SMALL, CLASS_MEDIUM), 1);
	/* 2 of 3 large stores left the class: churn 66.7 %, lifetime 1.5 quarters */
	assert_true(fabs(transitions_churn_pct(&t, CLASS_LARGE) - 200.0 / 3) < 1e-9);
	assert_true(fabs(transitions_lifetime(&t, CLASS_LARGE) - 1.5) < 1e-9);
	assert_true(transitions_churn_pct(&t, CLASS_SMALL) == 0);
	assert_true(isinf(transitions_lifetime(&t, CLASS_SMALL)));
	assert_true(isnan(transitions_churn_pct(&u, CLASS_MEDIUM)));
	assert_int_equal(transitions_add_stopped(&t, CLASS_LARGE), 0);
	assert_int_equal(transitions_add_stopped(&t, CLASS_NONE), -1);
	assert_int_equal(transitions_stopped(&t, CLASS_LARGE), 1);
	assert_int_equal(transitions_total(&t), 6);       /* not in the matrix */
	transitions_merge(&u, &t);
	transitions_merge(&u, &t);
	assert_int_equal(transitions_stopped(&u, CLASS_LARGE), 2);
	assert_int_equal(transitions_total(&u), 12);
	assert_int_equal(transitions_count(&u, CLASS_LARGE, CLASS_SMALL), 2);
}

/* ---- candidates ------------------------------------------------------------------------- */

static void test_candidate_boundary(void **state)
{
	(void)state;
	/* exactly 25 % growth required is a candidate; a hair more is not */
	assert_true(candidates_check_figure(1000, 1250, 25));
	assert_false(candidates_check_figure(1000, 1251, 25));
	assert_false(candidates_check_figure(0, 10, 25));          /* growth undefined */
	assert_false(candidates_check_figure(1000, 1000, 25));     /* already there */
	/* the worked example: 946 -> 1449 needs +53.2 %: not within 25 %, within 60 % */
	assert_false(candidates_check_figure(946, 1449, 25));
	assert_true(candidates_check_figure(946, 1449, 60));
}

static void test_candidate_from_evaluation(void **state)
{
	double orders[10] = { 100, 90, 80, 70, 60, 50, 40, 30, 20, 10 };
	classify_config cfg = CLASSIFY_DEFAULT;
	peer_stats ps;
	evaluation ev;
	category_code code = { 'Y', '2', '2', '1' };
	(void)state;

	assert_int_equal(classify_group(orders, 10, &cfg, &ps), 0);
	/* thresholds: large = 2nd largest = 90, medium = 5th largest = 60 */
	evaluation_compute(&ev, &code, 100, 80, &ps, QUARTER_NONE);
	assert_int_equal(ev.computed_class, CLASS_MEDIUM);
	assert_true(candidates_check(&ev, 12.5));      /* 10 / 80 = 12.5 % exactly */
	assert_false(candidates_check(&ev, 12.4));
	evaluation_compute(&ev, &code, 100, 90, &ps, QUARTER_NONE);
	assert_false(candidates_check(&ev, 100));       /* large: nothing to reach */
	evaluation_compute(&ev, &code, 100, 50, &ps, QUARTER_NONE);
	assert_int_equal(ev.computed_class, CLASS_SMALL);
	assert_true(candidates_check(&ev, 20));         /* 50 -> 60: +20 % */
	peer_stats_free(&ps);
}

static void test_trend(void **state)
{
	candidates_trend t;
	double rising[4] = { 130, 120, 110, 100 };        /* latest first */
	double gappy[4] = { 130, NAN, 110, NAN };
	double one[4] = { 130, NAN, NAN, NAN };
	(void)state;

	assert_int_equal(candidates_trend_fit(rising, 4, &t), 0);
	assert_int_equal(t.points, 4);
	assert_true(fabs(t.slope - 10) < 1e-9);
	assert_true(fabs(t.pct - 10 * 100.0 / 115) < 1e-9);
	assert_int_equal(candidates_trend_fit(gappy, 4, &t), 0);
	assert_int_equal(t.points, 2);
	assert_true(fabs(t.slope - 10) < 1e-9);
	assert_int_equal(candidates_trend_fit(one, 4, &t), -1);
	assert_true(isnan(t.slope));
}

static void test_rank(void **state)
{
	candidate c[4] = {
		{ .entry = 3, .growth_pct = 10 },
		{ .entry = 1, .growth_pct = 5 },
		{ .entry = 0, .growth_pct = 10 },
		{ .entry = 2, .growth_pct = 20 },
	};
	(void)state;

	candidates_rank(c, 4);
	assert_int_equal(c[0].entry, 1);
	assert_int_equal(c[1].entry, 0);     /* tie: file order */
	assert_int_equal(c[2].entry, 3);
	assert_int_equal(c[3].entry, 2);
}

static int by_growth_then_entry(const void *a, const void *b)
{
	const candidate *x = a, *y = b;

	if (x->growth_pct != y->growth_pct)
		return x->growth_pct < y->growth_pct ? -1 : 1;
	return (x->entry > y->entry) - (x->entry < y->entry);
}

/* A batch's list: thousands of candidates in file order, many with the same growth,
 * ranked by the radix sort; and the same list shuffled, which goes to qsort: both
 * give (growth, file order). */
static void test_rank_large(void **state)
{
	enum { N = 20000 };
	candidate *c = malloc(N * sizeof *c), *ref = malloc(N * sizeof *ref);
	(void)state;

	assert_non_null(c);
	assert_non_null(ref);
	for (int shuffled = 0; shuffled < 2; shuffled++) {
		for (uint32_t i = 0; i < N; i++) {
			uint32_t entry = shuffled ? (i * 7919u) % N : 3 * i + 1;
			c[i] = (candidate){ .entry = entry, .target = CLASS_MEDIUM,
					    .growth_pct = (double)((entry * 2654435761u) % 2500) / 100.0 };
		}
		c[N / 2].growth_pct = -0.0;   /* equal to 0 */
		memcpy(ref, c, N * sizeof *c);
		qsort(ref, N, sizeof *ref, by_growth_then_entry);
		candidates_rank(c, N);
		for (int i = 0; i < N; i++) {
			assert_int_equal(c[i].entry, ref[i].entry);
			assert_true(c[i].growth_pct == ref[i].growth_pct);
		}
	}
	free(c);
	free(ref);
}

static void test_funnel(void **state)
{
	candidates_funnel f = { 0 };
	(void)state;

	candidates_funnel_add(&f, 1, CLASS_MEDIUM, CLASS_LARGE, 100, 130);   /* converted */
	candidates_funnel_add(&f, 1, CLASS_MEDIUM, CLASS_MEDIUM, 100, 110);  /* grew, not enough */
	candidates_funnel_add(&f, 1, CLASS_SMALL, CLASS_SMALL, 100, 90);
	candidates_funnel_add(&f, 1, CLASS_SMALL, CLASS_NONE, 100, NAN);     /* gone this quarter */
	candidates_funnel_add(&f, 0, CLASS_MEDIUM, CLASS_LARGE, 100, 200);
	candidates_funnel_add(&f, 0, CLASS_SMALL, CLASS_SMALL, 100, 100);
	candidates_funnel_add(&f, 0, CLASS_LARGE, CLASS_LARGE, 100, 100);    /* not counted */
	assert_int_equal(f.flagged, 4);
	assert_int_equal(f.classified, 3);
	assert_int_equal(f.grew, 2);
	assert_int_equal(f.moved_up, 1);
	assert_int_equal(f.others, 2);
	assert_int_equal(f.others_moved_up, 1);
	assert_true(fabs(candidates_funnel_rate(&f) - 25) < 1e-9);
	assert_true(fabs(candidates_funnel_base_rate(&f) - 50) < 1e-9);
}

/* ---- the batch pipeline on a hand-built region ---------------------------------------- */

/* Runs the pipeline as `planner batch` does (classify, the row pass writing
 * reclassification.csv, the lists and followup.csv) into a new temporary directory, in up to `jobs`
 * threads of at least min_rows rows (0: the production default), the lists in up to
 * list_jobs.  The directory is left in dir (PATH_MAX bytes) for the caller to read and
 * remove. */
static int pipeline(const region *r, quarter_t q, const batch_config *cfg, batch_result *b,
		    int jobs, int list_jobs, size_t min_rows, char *dir)
{
	snprintf(dir, PATH_MAX, "/tmp/test_batch.XXXXXX");
	assert_non_null(mkdtemp(dir));
	if (batch_classify_jobs(r, q, cfg, b, jobs, min_rows) < 0)
		return -1;
	batch_report rep = {
		.region = r,
		.result = b,
		.region_path = "hand-built.xml",
		.dir = dir,
		.lang = "en",
		.jobs = jobs,
		.thread_min_rows = min_rows,
	};
	int failed = batch_write_rows(&rep, r, b, jobs) != EXIT_OK ||
		     batch_write_lists(&rep, list_jobs) != EXIT_OK;
	batch_followup_free(&rep.followup);   /* followup.csv's head, for summary.pdf */
	if (failed) {
		batch_result_free(b);
		return -1;
	}
	return 0;
}

static void remove_dir(const char *dir)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* The pipeline in one thread, the output directory removed. */
static int run_one(const region *r, quarter_t q, const batch_config *cfg, batch_result *b)
{
	char dir[PATH_MAX];
	int rc = pipeline(r, q, cfg, b, 1, 1, 0, dir);

	remove_dir(dir);
	return rc;
}

static uint32_t intern(region *r, const char *s)
{
	uint32_t off;

	assert_int_equal(region_add_string(r, s, &off), 0);
	return off;
}

/* Adds a store with code and figures for quarter base (x) and base - 1 (xp). */
static void add(region *r, const char *id, const char *code, quarter_t base, double x, double xp,
		const char *error)
{
	const char *why;

	region_entry e = { 0 };

	e.id = intern(r, id);
	e.name = intern(r, id);
	if (code)
		assert_int_equal(code_parse(code, &e.code, &why), 0);
	e.base = base;
	assert_int_equal(region_set_orders(r, &e, 0, x), 0);
	assert_int_equal(region_set_orders(r, &e, 1, xp), 0);
	uint32_t error_off = error ? intern(r, error) : 0;
	assert_int_equal(region_add_entry(r, &e, error_off), 0);   /* with an error: invalid */
}

static void test_batch_pipeline(void **state)
{
	region r = { 0 };
	batch_result b;
	batch_row row;
	batch_config cfg = BATCH_CONFIG_DEFAULT;
	quarter_t q;
	(void)state;

	assert_int_equal(quarter_parse("2007Q1", &q), 0);
	cfg.classify.min_peers = 5;
	/* Y2: 10 stores 100..10; this quarter large >= 90, medium >= 60. */
	add(&r, "s1", "Y221", q, 100, 80, NULL);    /* medium -> large: up (code Y221) */
	add(&r, "s2", "Y121", q, 90, 100, NULL);    /* large stays large */
	add(&r, "s3", "Y121", q, 80, 90, NULL);     /* large -> medium: down, candidate */
	add(&r, "s4", "Y221", q, 70, 70, NULL);
	add(&r, "s5", "Y221", q, 60, 60, NULL);
	add(&r, "s6", "Y321", q, 50, 50, NULL);     /* small, 50 -> 60 is +20 %: candidate */
	add(&r, "s7", "Y321", q, 40, 40, NULL);
	add(&r, "s8", "Y321", q, 30, 30, NULL);
	add(&r, "s9", "Y321", q, 20, 20, NULL);
	add(&r, "s10", "Y321", q, 10, 10, NULL);
	add(&r, "n1", "Y221", q, NAN, 55, NULL);    /* no figure this quarter */
	add(&r, "bad", NULL, q, 500, 500, "r.xml:9: store bad: <code>: missing");
	add(&r, "few1", "S112", q, 5, 5, NULL);     /* S1: 2 stores < min peers 5 */
	add(&r, "few2", "S312", q, 1, 1, NULL);

	assert_int_equal(run_one(&r, q, &cfg, &b), 0);
	assert_int_equal(b.n_groups, 2);
	assert_string_equal(b.groups[0].key, "S1");
	assert_string_equal(b.groups[1].key, "Y2");
	const batch_group *y2 = &b.groups[1];
	assert_int_equal(y2->cur.n, 10);
	assert_int_equal(y2->members, 11);
	assert_true(y2->cur.threshold_large == 90 && y2->cur.threshold_medium == 60);
	assert_int_equal(y2->c.classes[CLASS_LARGE], 2);
	assert_int_equal(y2->c.classes[CLASS_MEDIUM], 3);
	assert_int_equal(y2->c.classes[CLASS_SMALL], 5);
	assert_int_equal(y2->c.no_orders, 1);
	assert_int_equal(b.n_status[STATUS_OK], 10);
	assert_int_equal(b.n_status[STATUS_NO_ORDERS], 1);
	assert_int_equal(b.n_status[STATUS_INSUFFICIENT_PEERS], 2);
	assert_int_equal(b.n_status[STATUS_INVALID], 1);
	assert_int_equal(b.n_invalid, 1);
	assert_int_equal(b.invalid[0], 11);
	assert_int_equal(b.total.up, 1);
	assert_int_equal(b.total.down, 1);

	batch_row_get(&b, &r, 0, &row);
	assert_int_equal(row.status, STATUS_OK);
	assert_int_equal(row.change, BATCH_UP);
	assert_int_equal(row.prev_class, CLASS_LARGE);   /* 80 was at last quarter's large threshold */
	batch_row_get(&b, &r, 11, &row);
	assert_int_equal(row.status, STATUS_INVALID);
	assert_int_equal(row.group, -1);
	batch_row_get(&b, &r, 12, &row);
	assert_int_equal(row.status, STATUS_INSUFFICIENT_PEERS);
	assert_int_equal(row.ev.computed_code.scale, '1');   /* code kept */
	assert_int_equal(row.change, BATCH_SAME);

	/* previous quarter, 11 figures with n1's 55: k_large = ceil(2.2) = 3, so large >= 80 */
	assert_int_equal(y2->prev.n, 11);
	assert_int_equal(y2->prev.k_large, 3);
	assert_true(y2->prev.threshold_large == 80);
	/* last quarter s2 100, s3 90 and s1 80 (at the threshold) were large */
	assert_int_equal(transitions_count(&y2->c.moves, CLASS_LARGE, CLASS_LARGE), 2);
	assert_int_equal(transitions_count(&y2->c.moves, CLASS_LARGE, CLASS_MEDIUM), 1);
	assert_int_equal(transitions_total(&b.total.moves), 10);

	/* candidates: s3 (80 -> 90: 12.5 %), s6 (50 -> 60: 20 %), s4 (70 -> 90: 28.6 % no) */
	assert_int_equal(b.n_candidates, 2);
	assert_int_equal(b.candidates[0].entry, 2);
	assert_int_equal(b.candidates[1].entry, 5);
	assert_int_equal(b.candidates[0].target, CLASS_LARGE);
	assert_int_equal(b.total.n_candidates, 2);
	batch_candidate_detail cd;
	batch_candidate_get(&b, &r, &b.candidates[0], &cd);
	assert_true(fabs(cd.trend.slope + 10) < 1e-9);
	assert_true(isnan(cd.quarters_at_trend));          /* falling: never at this trend */
	/* the churn list: s3 fell below large; n1 (medium, 55 last quarter) stopped ordering */
	assert_int_equal(b.n_downgrades, 2);
	assert_int_equal(b.total.n_downgrades, 1);
	assert_int_equal(b.total.n_stopped, 1);
	assert_int_equal(b.downgrades[0].entry, 2);
	assert_int_equal(b.downgrades[0].reason, BATCH_FELL_BELOW);
	assert_int_equal(b.downgrades[1].entry, 10);
	assert_int_equal(b.downgrades[1].reason, BATCH_STOPPED_ORDERING);
	batch_downgrade_detail dd;
	batch_downgrade_get(&b, &r, &b.downgrades[0], &dd);
	assert_true(dd.regain_orders == 90 && dd.regain_gap == 10);
	assert_true(fabs(dd.change_pct + 100.0 / 9) < 1e-9);   /* 90 -> 80 */

	/* the digest keeps the head of each list in a small region */
	region small;
	assert_int_equal(region_set_header(&r, "R1", NULL, "carton"), 0);
	assert_int_equal(batch_digest(&b, &r, 1, &small), 0);
	region_free(&r);
	assert_string_equal(small.id, "R1");     /* the header is the digest's own copy */
	assert_null(small.name);
	assert_string_equal(small.unit, "carton");
	assert_int_equal(small.n_invalid, 1);
	assert_int_equal(b.n_candidates, 1);
	assert_int_equal(b.total.n_candidates, 2);
	assert_int_equal(small.n_stores, 3);     /* one candidate, one downgrade, one invalid */
	assert_int_equal(b.total.n_stopped, 1);
	assert_string_equal(region_str(&small, small.stores[b.candidates[0].entry].id), "s3");
	assert_string_equal(region_str(&small, region_entry_error(&small, &small.stores[b.invalid[0]])),
			    "r.xml:9: store bad: <code>: missing");
	batch_candidate_get(&b, &small, &b.candidates[0], &cd);
	assert_true(cd.row.ev.orders == 80 && cd.row.ev.target_orders == 90);
	r = small;

	batch_result_free(&b);
	region_free(&r);
}

/* Stores that stopped ordering (a figure last quarter, none now) are on the churn list
 * when coded large or medium, ahead of the stores of their class that fell below;
 * small ones, and stores without a figure in either quarter, are not. */
static void test_stopped_ordering(void **state)
{
	region r = { 0 };
	batch_result b;
	batch_config cfg = BATCH_CONFIG_DEFAULT;
	batch_downgrade_detail dd;
	batch_row row;
	quarter_t q;
	(void)state;

	assert_int_equal(quarter_parse("2007Q1", &q), 0);
	cfg.classify.min_peers = 5;
	/* Y2: 10 stores 100..10; large >= 90, medium >= 60 */
	for (int i = 0; i < 10; i++) {
		char id[16];
		snprintf(id, sizeof id, "y%d", i);
		add(&r, id, i < 2 ? "Y121" : i < 5 ? "Y221" : "Y321", q, 100 - 10 * i, 100 - 10 * i,
		    NULL);
	}
	add(&r, "fell", "Y121", q, 70, 95, NULL);       /* 10: large -> medium */
	add(&r, "gone-l", "Y121", q, NAN, 85, NULL);    /* 11: large, stopped */
	add(&r, "gone-l2", "Y121", q, NAN, 120, NULL);  /* 12: large, stopped, ordered more */
	add(&r, "gone-m", "Y221", q, NAN, 65, NULL);    /* 13: medium, stopped */
	add(&r, "gone-s", "Y321", q, NAN, 15, NULL);    /* 14: small, stopped: not listed */
	add(&r, "never", "Y121", q, NAN, NAN, NULL);    /* 15: no figure in either quarter */
	add(&r, "bad", "Y121", q, NAN, 85, "r.xml:3: store bad: <area>: \"x\" is not a number");

	assert_int_equal(run_one(&r, q, &cfg, &b), 0);
	assert_int_equal(b.total.n_downgrades, 1);
	assert_int_equal(b.total.n_stopped, 3);
	assert_int_equal(b.groups[0].c.n_stopped, 3);
	assert_int_equal(b.n_downgrades, 4);
	const uint32_t order[4] = { 12, 11, 10, 13 };
	for (int i = 0; i < 4; i++)
		assert_int_equal(b.downgrades[i].entry, order[i]);
	assert_int_equal(b.downgrades[0].reason, BATCH_STOPPED_ORDERING);
	assert_int_equal(b.downgrades[2].reason, BATCH_FELL_BELOW);
	assert_int_equal(b.downgrades[0].to, CLASS_NONE);
	/* by last quarter's computed class (large >= 95, medium >= 65): 120 large; 85 and 65
	 * medium; 15 small; the small one is counted here though not listed */
	assert_int_equal(transitions_stopped(&b.total.moves, CLASS_LARGE), 1);
	assert_int_equal(transitions_stopped(&b.total.moves, CLASS_MEDIUM), 2);
	assert_int_equal(transitions_stopped(&b.total.moves, CLASS_SMALL), 1);
	assert_string_equal(batch_churn_name(BATCH_STOPPED_ORDERING), "stopped ordering");
	assert_string_equal(batch_churn_name(BATCH_FELL_BELOW), "fell below");

	/* what it takes to come back: the old class's threshold; no change % from nothing */
	batch_downgrade_get(&b, &r, &b.downgrades[3], &dd);
	assert_true(dd.row.stopped && dd.row.status == STATUS_NO_ORDERS);
	assert_true(dd.regain_orders == 60);
	assert_true(isnan(dd.change_pct) && isnan(dd.regain_pct));
	assert_true(dd.row.prev_orders == 65);
	batch_row_get(&b, &r, 14, &row);
	assert_false(row.stopped);
	batch_row_get(&b, &r, 15, &row);
	assert_false(row.stopped);
	batch_result_free(&b);
	region_free(&r);
}

/* Every row's evaluation is evaluation_compute's, field for field (the row pass has
 * its own copy with a faster percentile): whole and fractional figures, ties, a wide
 * range (no rank table), too few peers, no figures. */
static void test_rows_match_evaluation(void **state)
{
	region r = { 0 };
	batch_result b;
	batch_config cfg = BATCH_CONFIG_DEFAULT;
	quarter_t q;
	batch_row row;
	evaluation ev;
	(void)state;

	assert_int_equal(quarter_parse("2007Q1", &q), 0);
	cfg.by = q + 3;
	for (int i = 0; i < 300; i++) {
		char id[16];
		double x = i % 7 == 0 ? NAN : 50 + (i * 7919) % 400;     /* whole, with ties */
		snprintf(id, sizeof id, "w%d", i);
		add(&r, id, i % 5 ? "S221" : "S121", q, x, 60, NULL);
		snprintf(id, sizeof id, "f%d", i);
		add(&r, id, "C212", q, (i * 37 % 50) / 4.0, 10, NULL);    /* fractional */
		snprintf(id, sizeof id, "v%d", i);
		add(&r, id, "B312", q, i % 3 ? i * 1e5 : i, 10, NULL);     /* too wide a range */
	}
	for (int i = 0; i < 4; i++)
		add(&r, "few", "Y311", q, 100 + i, 100, NULL);            /* Y1: too few peers */
	assert_int_equal(run_one(&r, q, &cfg, &b), 0);
	assert_non_null(b.groups[b.slot[('S' - 'A') * 2 + 1]].ranks.below);
	assert_null(b.groups[b.slot[('C' - 'A') * 2]].ranks.below);
	assert_null(b.groups[b.slot[('B' - 'A') * 2]].ranks.below);
	for (size_t i = 0; i < r.n_stores; i++) {
		const region_entry *e = &r.stores[i];
		batch_row_get(&b, &r, i, &row);
		evaluation_compute(&ev, &e->code, q, region_orders(&r, e, q),
				   &batch_group_of(&b, &e->code)->cur, cfg.by);
		assert_int_equal(row.ev.status, ev.status);
		assert_int_equal(row.ev.computed_class, ev.computed_class);
		assert_int_equal(row.ev.target_class, ev.target_class);
		assert_memory_equal(&row.ev.computed_code, &ev.computed_code, sizeof ev.computed_code);
		assert_memory_equal(&row.ev.target_code, &ev.target_code, sizeof ev.target_code);
		assert_int_equal(row.ev.peer_count, ev.peer_count);
		assert_int_equal(row.ev.deadline, ev.deadline);
		assert_string_equal(row.ev.peer_group, ev.peer_group);
		const double a[] = { row.ev.orders, row.ev.percentile, row.ev.threshold_large,
				     row.ev.threshold_medium, row.ev.target_orders, row.ev.gap,
				     row.ev.growth_required_pct, row.ev.margin };
		const double z[] = { ev.orders, ev.percentile, ev.threshold_large,
				     ev.threshold_medium, ev.target_orders, ev.gap,
				     ev.growth_required_pct, ev.margin };
		for (size_t k = 0; k < sizeof a / sizeof a[0]; k++)
			assert_true((isnan(a[k]) && isnan(z[k])) || a[k] == z[k]);
	}
	batch_result_free(&b);
	region_free(&r);
}

/* Two ranges tallied separately and merged give the same result as one pass. */
static void test_tally_ranges(void **state)
{
	region r = { 0 };
	batch_result one, two;
	batch_tally t;
	batch_config cfg = BATCH_CONFIG_DEFAULT;
	quarter_t q;
	(void)state;

	assert_int_equal(quarter_parse("2007Q1", &q), 0);
	for (int i = 0; i < 40; i++) {
		char id[16];
		snprintf(id, sizeof id, "t%d", i);
		add(&r, id, i % 3 ? "S221" : "S121", q, 100 + (i * 37) % 200, 100 + (i * 53) % 200,
		    NULL);
	}
	assert_int_equal(run_one(&r, q, &cfg, &one), 0);
	assert_int_equal(batch_classify_jobs(&r, q, &cfg, &two, 1, 0), 0);
	assert_int_equal(batch_tally_rows(&two, &r, 25, 40, &t, NULL, NULL), 0);
	assert_int_equal(batch_merge(&two, &t), 0);
	assert_int_equal(batch_tally_rows(&two, &r, 0, 25, &t, NULL, NULL), 0);
	assert_int_equal(batch_merge(&two, &t), 0);
	batch_finish(&two);
	assert_int_equal(one.n_candidates, two.n_candidates);
	for (size_t i = 0; i < one.n_candidates; i++)
		assert_int_equal(one.candidates[i].entry, two.candidates[i].entry);
	assert_memory_equal(&one.total, &two.total, sizeof one.total);
	assert_int_equal(one.n_downgrades, two.n_downgrades);
	batch_result_free(&one);
	batch_result_free(&two);
	region_free(&r);
}

/* The held list and the quadrant map of summary.pdf: every held code once, fewest
 * quarters left first, and the map's cells adding up to the placed stores, the same
 * when the ranges are tallied out of order. */
static void test_held_and_quadrant_map(void **state)
{
	region r = { 0 };
	batch_result one, two;
	batch_tally t;
	batch_config cfg = BATCH_CONFIG_DEFAULT;
	quarter_t q;
	(void)state;

	cfg.ext.hold_down = 2;
	cfg.ext.held_column = 1;
	cfg.ext.quadrants = 1;
	assert_int_equal(quarter_parse("2007Q1", &q), 0);
	for (int i = 0; i < 60; i++) {
		char id[16];
		snprintf(id, sizeof id, "h%d", i);
		/* coded large; last quarter's figures keep the large ones large: the ones that
		 * fell this quarter are held */
		add(&r, id, i % 4 ? "S221" : "S121", q, 100 + (i * 37) % 200, 100 + (i * 7) % 200,
		    NULL);
		r.stores[i].match = i % 5 ? (uint16_t)(100 + (i * 13) % 401) : 0;
	}
	assert_int_equal(run_one(&r, q, &cfg, &one), 0);
	assert_true(one.total.x.held > 0);
	assert_int_equal(one.n_held, one.total.x.held);
	size_t placed = 0, cells = 0;
	for (int k = QUADRANT_STRATEGIC; k < QUADRANT_COUNT; k++)
		placed += one.total.x.quadrants[k];
	assert_non_null(one.qmap);
	for (size_t i = 0; i < BATCH_QMAP_CELLS; i++)
		cells += one.qmap[i];
	assert_int_equal(cells, placed);
	for (size_t i = 0; i < one.n_held; i++) {
		batch_row row;
		batch_row_get(&one, &r, one.held[i].entry, &row);
		assert_true(row.x.held);
		assert_int_equal(row.x.hold_left, one.held[i].hold_left);
		if (i > 0)
			assert_true(one.held[i - 1].entry < one.held[i].entry);
	}
	assert_int_equal(batch_classify_jobs(&r, q, &cfg, &two, 1, 0), 0);
	assert_int_equal(batch_tally_rows(&two, &r, 30, 60, &t, NULL, NULL), 0);
	assert_int_equal(batch_merge(&two, &t), 0);
	assert_int_equal(batch_tally_rows(&two, &r, 0, 30, &t, NULL, NULL), 0);
	assert_int_equal(batch_merge(&two, &t), 0);
	batch_finish(&two);
	assert_int_equal(one.n_held, two.n_held);
	for (size_t i = 0; i < one.n_held; i++) {
		assert_int_equal(one.held[i].entry, two.held[i].entry);
		assert_int_equal(one.held[i].hold_left, two.held[i].hold_left);
		assert_int_equal(one.held[i].to, two.held[i].to);
	}
	assert_memory_equal(one.qmap, two.qmap, BATCH_QMAP_CELLS * sizeof *one.qmap);
	/* the cells: 1 percentile point by 0.05 of score, the top edges in the last cell */
	assert_int_equal(batch_qmap_cell(0, 100), 0);
	assert_int_equal(batch_qmap_cell(49.99, 299), 39 * BATCH_QMAP_X + 49);
	assert_int_equal(batch_qmap_cell(50, 300), 40 * BATCH_QMAP_X + 50);
	assert_int_equal(batch_qmap_cell(100, 500), BATCH_QMAP_CELLS - 1);
	batch_result_free(&one);
	batch_result_free(&two);
	region_free(&r);
}

/* The file's bytes, NUL-terminated (*len without the NUL). */
static char *slurp(const char *dir, const char *name, size_t *len)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = malloc(1 << 20);
	assert_non_null(buf);
	*len = fread(buf, 1, (1 << 20) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* Three threads of 100 rows each (threshold lowered from the production 50000) give
 * the same result and the same files, byte for byte, as one thread: with the lists in
 * two threads, where the second appends reclassification.csv's parts while the first
 * writes candidates.csv, and in one, which appends them after downgrades.csv. */
static void test_three_threads_same_as_one(void **state)
{
	region r = { 0 };
	batch_result one, three, one_thread_lists;
	batch_config cfg = BATCH_CONFIG_DEFAULT;
	char dir1[PATH_MAX], dir3[PATH_MAX], dir3s[PATH_MAX];
	static const char *const files[] = { "reclassification.csv", "candidates.csv",
					      "downgrades.csv", "transitions.csv", "followup.csv" };
	quarter_t q;
	(void)state;

	assert_int_equal(quarter_parse("2007Q1", &q), 0);
	for (int i = 0; i < 300; i++) {
		char id[16];
		snprintf(id, sizeof id, "m%d", i);
		const char *code = i % 3 == 0 ? "S121" : i % 3 == 1 ? "S221" : "Y312";
		double x = i % 11 == 0 ? NAN : 40 + (i * 7919) % 300 + (i % 4) * 0.25;
		add(&r, id, i == 150 ? NULL : code, q, x, 40 + (i * 104729) % 300,
		    i == 150 ? "r.xml:9: store m150: <code>: missing" : NULL);
	}
	assert_int_equal(pipeline(&r, q, &cfg, &one, 1, 1, 0, dir1), 0);
	assert_int_equal(pipeline(&r, q, &cfg, &three, 3, 3, 100, dir3), 0);
	assert_int_equal(pipeline(&r, q, &cfg, &one_thread_lists, 3, 1, 100, dir3s), 0);

	assert_int_equal(one.n_stores, 300);
	assert_memory_equal(&one.total, &three.total, sizeof one.total);
	assert_memory_equal(one.n_status, three.n_status, sizeof one.n_status);
	assert_int_equal(one.n_groups, three.n_groups);
	for (size_t k = 0; k < one.n_groups; k++)
		assert_memory_equal(&one.groups[k].c, &three.groups[k].c, sizeof one.groups[k].c);
	assert_true(one.n_candidates > 0 && one.n_downgrades > 0);
	assert_true(one.n_candidates + one.n_downgrades >= 100);   /* lists in two threads */
	assert_memory_equal(&one.total, &one_thread_lists.total, sizeof one.total);
	assert_int_equal(one.n_candidates, three.n_candidates);
	for (size_t i = 0; i < one.n_candidates; i++)
		assert_int_equal(one.candidates[i].entry, three.candidates[i].entry);
	assert_int_equal(one.n_downgrades, three.n_downgrades);
	for (size_t i = 0; i < one.n_downgrades; i++)
		assert_int_equal(one.downgrades[i].entry, three.downgrades[i].entry);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		size_t n1, n3, n3t;
		char *a = slurp(dir1, files[i], &n1), *c = slurp(dir3, files[i], &n3);
		char *t = slurp(dir3s, files[i], &n3t);
		assert_int_equal(n1, n3);
		assert_memory_equal(a, c, n1);
		assert_int_equal(n1, n3t);
		assert_memory_equal(a, t, n1);
		if (i == 0)   /* the header and all 300 rows, in file order */
			assert_non_null(strstr(a, "\r\nm299,"));
		free(a);
		free(c);
		free(t);
	}
	/* the part files were appended to reclassification.csv and removed */
	const char *dirs[] = { dir3, dir3s };
	for (int d = 0; d < 2; d++)
		for (int i = 1; i <= 2; i++) {
			char part[PATH_MAX + 64];
			snprintf(part, sizeof part, "%s/.reclassification.part%d", dirs[d], i);
			FILE *gone = fopen(part, "rb");
			assert_null(gone);
		}
	remove_dir(dir1);
	remove_dir(dir3);
	remove_dir(dir3s);
	batch_result_free(&one);
	batch_result_free(&three);
	batch_result_free(&one_thread_lists);
	region_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transitions_counts),
		cmocka_unit_test(test_candidate_boundary),
		cmocka_unit_test(test_candidate_from_evaluation),
		cmocka_unit_test(test_trend),
		cmocka_unit_test(test_rank),
		cmocka_unit_test(test_rank_large),
		cmocka_unit_test(test_funnel),
		cmocka_unit_test(test_batch_pipeline),
		cmocka_unit_test(test_stopped_ordering),
		cmocka_unit_test(test_tally_ranges),
		cmocka_unit_test(test_held_and_quadrant_map),
		cmocka_unit_test(test_rows_match_evaluation),
		cmocka_unit_test(test_three_threads_same_as_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
