/*
 * fuzz_reader.c: libFuzzer harness for the XML reader (models/xml_*.c and
 * store_fields.c).  Each input is written to an in-memory file and read as a store
 * profile, as a region (then classified like `evaluate` does) and, for one input in
 * eight, checked with the schema like `validate`.  Built and run by `make fuzz`.
 */
#define _GNU_SOURCE   /* memfd_create */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "model.h"
#include "peers.h"
#include "xml_reader.h"

static char path[64];
static int fd = -1;

static int count_problem(void *ctx, const diag *d)
{
	(void)d;
	++*(int *)ctx;
	return 0;
}

/* Every diag must be one line that names the file. */
static void check_diag(const diag *d)
{
	if (strchr(d->text, '\n') || strncmp(d->text, path, strlen(path)) != 0)
		abort();
}

static void classify_region(const region *r, const store *s)
{
	char group[3];
	peer_stats ps;
	evaluation ev;

	if (!s || !s->has_code)
		return;
	code_peer_group(&s->code, group);
	double *orders = malloc((r->n_stores + 1) * sizeof *orders);
	if (!orders)
		return;
	quarter_t q = quarter_resolve(QUARTER_NONE, r, s);
	size_t n = peers_collect(r, group, q, s->id, orders);
	const order_figure *own = store_orders_in(s, q);
	if (own)
		orders[n++] = own->orders;
	if (classify_group(orders, n, &CLASSIFY_DEFAULT, &ps) == 0) {
		evaluation_compute(&ev, &s->code, q, own ? own->orders : NAN, &ps, QUARTER_NONE);
		if (ev.status == STATUS_OK && !(ev.percentile >= 0 && ev.percentile <= 100))
			abort();
		peer_stats_free(&ps);
	}
	free(orders);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); /* called by libFuzzer */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag fatal;
	store *s = NULL;
	region r;
	int problems = 0;

	if (fd < 0) {
		/* an anonymous in-memory file, read through its /proc name: nothing is left
		 * behind however the process ends */
		fd = memfd_create("planner-fuzz", 0);
		if (fd < 0)
			abort();
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) < 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();

	if (store_read(path, NULL, &s, &fatal) != EXIT_OK)
		check_diag(&fatal);
	if (region_read(path, NULL, &r, &fatal) == EXIT_OK) {
		classify_region(&r, s);
		region_free(&r);
	} else {
		check_diag(&fatal);
	}
	store_free(s);
	if (size % 8 == 0) {
		read_options ro = { .strict = 1, .schema_path = SCHEMA_PATH,
				    .on_problem = count_problem, .ctx = &problems };
		int status = xml_check(path, &ro, &fatal);
		if (fatal.text[0])
			check_diag(&fatal);
		if (status == EXIT_SOFTWARE)
			abort();   /* the schema must load; out of memory is a bug here */
	}
	return 0;
}
