/*
 * bench_plan.c: time per plan once everything is loaded, for tests/bench_plan.sh.
 * Loads the templates, the store and its region once, as `planner plan` does, then
 * renders the plan N times to OUT and prints the wall and CPU time per plan on stdout:
 *
 *     bench_plan [--booklet] STORE.xml REGION.xml LANG OUT.pdf|OUT.png N
 *     50 plans: 24.38 ms per plan (wall), 23.10 ms (cpu)
 *
 * With --booklet the N plans go into one PDF as the booklet of `batch --plans` puts
 * them (render_plan_append into a render_book): the time per plan of plans.pdf.  Each
 * plan shapes its texts anew (render_texts_release): a batch's plans share only some
 * (headings, labels, wording), the same plan repeated would share all.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "render_plan.h"

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	char dir[4096];
	tmpl_set *t;
	store_context ctx;
	context_options copt = { .config = CLASSIFY_DEFAULT };
	diag err;
	int booklet = argc > 1 && strcmp(argv[1], "--booklet") == 0;
	argv += booklet;
	argc -= booklet;
	long n = argc == 6 ? strtol(argv[5], NULL, 10) : 0;

	if (argc != 6 || n < 1) {
		fprintf(stderr, "usage: bench_plan [--booklet] STORE.xml REGION.xml LANG "
			"OUT.pdf|OUT.png N\n");
		return EXIT_USAGE;
	}
	int status = render_plan_load(datapath_file("templates", dir, sizeof dir), argv[3], &t,
				      &err);
	if (status != EXIT_OK) {
		fprintf(stderr, "bench_plan: templates: %s\n", err.text);
		return status;
	}
	status = context_load(&ctx, argv[1], argv[2], &copt);
	if (status != EXIT_OK) {
		tmpl_free(t);
		return status;
	}
	plan_input in = { .store = ctx.store, .ev = &ctx.ev, .ps = &ctx.stats,
			  .region = &ctx.region, .peer_area_median = NAN };
	double t0 = seconds();
	clock_t c0 = clock();
	if (booklet) {
		render_book book;
		status = render_book_open(&book, argv[4], "bench", NULL, NULL, &err);
		for (long i = 0; i < n && status == EXIT_OK; i++) {
			int pages;
			status = render_plan_append(t, &in, &book, NULL, &pages, &err);
			render_texts_release();   /* see below */
		}
		if (status == EXIT_OK)
			status = render_book_commit(&book, &err);
		else
			render_book_abort(&book);
	} else {
		/* each plan shapes its texts anew, as one `planner plan` process does: the
		 * texts kept from the previous document (all of them, the same plan) would
		 * make every plan after the first look cheaper than any real one */
		for (long i = 0; i < n && status == EXIT_OK; i++) {
			status = render_plan_write(t, &in, argv[4], &err);
			render_texts_release();
		}
	}
	double wall = (seconds() - t0) * 1e3, cpu = (double)(clock() - c0) * 1e3 / CLOCKS_PER_SEC;
	if (status != EXIT_OK)
		fprintf(stderr, "bench_plan: %s\n", err.text);
	else
		printf("%ld plans: %.2f ms per plan (wall), %.2f ms (cpu)\n", n, wall / (double)n,
		       cpu / (double)n);
	context_free(&ctx);
	tmpl_free(t);
	return status;
}
