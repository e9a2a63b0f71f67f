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
 *
 *     bench_plan --booklet-ids IDS.txt REGION.xml LANG OUT.pdf
 *
 * puts the plans of the stores listed in IDS.txt (one id a line), all different, into
 * one booklet as a batch's plans.pdf has them: one process, texts kept from plan to plan.
 * The stores are read and evaluated before the clock starts.
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

/* --booklet-ids: the plans of many stores of a region in one booklet. */
static int booklet_of_ids(const tmpl_set *t, const char *ids_path, const char *region_path,
			  const char *out)
{
	context_options copt = { .config = CLASSIFY_DEFAULT };
	id_list ids = { 0 };
	id_region ir;
	render_book book;
	diag err;
	int status = id_list_read(&ids, "bench_plan", ids_path);

	if (status == EXIT_OK)
		status = id_region_load(&ir, &ids, region_path, &copt);
	if (status != EXIT_OK) {
		id_list_free(&ids);
		return status;
	}
	size_t n = ids.n, loaded = 0;
	store_context *ctx = calloc(n, sizeof *ctx);
	for (; ctx && loaded < n && status == EXIT_OK; loaded++)
		status = id_context_load(&ctx[loaded], &ir, loaded, &copt);
	if (!ctx)
		status = EXIT_SOFTWARE;
	double t0 = seconds();
	clock_t c0 = clock();
	if (status == EXIT_OK)
		status = render_book_open(&book, out, "bench", NULL, NULL, &err);
	for (size_t i = 0; i < n && status == EXIT_OK; i++) {
		plan_input in = { .store = ctx[i].store, .ev = &ctx[i].ev, .ps = &ctx[i].stats,
				  .region = &ctx[i].region, .peer_area_median = NAN };
		int pages;
		status = render_plan_append(t, &in, &book, NULL, &pages, &err);
		if (status != EXIT_OK)
			render_book_abort(&book);
	}
	if (status == EXIT_OK)
		status = render_book_commit(&book, &err);
	double wall = (seconds() - t0) * 1e3, cpu = (double)(clock() - c0) * 1e3 / CLOCKS_PER_SEC;
	if (status == EXIT_OK)
		printf("%zu plans: %.2f ms per plan (wall), %.2f ms (cpu)\n", n, wall / (double)n,
		       cpu / (double)n);
	else
		fprintf(stderr, "bench_plan: %s\n", err.text);
	for (size_t i = 0; ctx && i < loaded; i++)
		id_context_free(&ctx[i]);
	free(ctx);
	id_region_free(&ir);
	id_list_free(&ids);
	return status;
}

int main(int argc, char **argv)
{
	char dir[4096];
	tmpl_set *t;
	store_context ctx;
	context_options copt = { .config = CLASSIFY_DEFAULT };
	diag err;
	if (argc == 6 && strcmp(argv[1], "--booklet-ids") == 0) {
		int status = render_plan_load(datapath_file("templates", dir, sizeof dir), argv[4],
					      &t, &err);
		if (status == EXIT_OK) {
			status = booklet_of_ids(t, argv[2], argv[3], argv[5]);
			tmpl_free(t);
		}
		render_texts_release();
		return status;
	}
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
