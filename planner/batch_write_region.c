/*
 * batch_write_region.c: batch --write-region (batch_write_region.h): the region file
 * is mapped and copied by region_rewrite, each store's new code coming from its batch
 * row (the reviewed code when --overrides names it).  Stores that are invalid, or
 * whose code stays (insufficient-peers, no-orders, same), keep their bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "batch_write_region.h"
#include "commands.h"
#include "region_rewrite.h"

typedef struct rewrite_ctx {
	const batch_report *rep;
	render_out *out;
} rewrite_ctx;

int batch_write_region_check(const char *file, const struct stat *input)
{
	struct stat st;

	if (stat(file, &st) != 0)
		return EXIT_OK;
	if (st.st_dev == input->st_dev && st.st_ino == input->st_ino)
		return report_usage_msg("batch", "region-out.is-input", "file", file, NULL);
	if (S_ISDIR(st.st_mode))
		return report_usage_msg("batch", "region-out.is-dir", "file", file, NULL);
	return EXIT_OK;
}

static int new_code(void *ctx, size_t k, int line, char code[5], diag *err)
{
	const rewrite_ctx *c = ctx;
	const region *r = c->rep->region;
	batch_row row;
	char old[5];

	if (k >= r->n_stores || (int)r->stores[k].line != line) {
		char number[24], read[16];
		snprintf(number, sizeof number, "%zu", k + 1);
		snprintf(read, sizeof read, "%d", k < r->n_stores ? (int)r->stores[k].line : 0);
		diag_msg(err, EXIT_SOFTWARE, c->rep->region_path, line, NULL, NULL,
			 "region-out.mismatch", "number", number, "line", read, NULL);
		return -1;
	}
	batch_row_get(c->rep->result, r, k, &row);
	if (row.status == STATUS_INVALID)
		return 0;
	code_format(&row.ev.computed_code, code);
	code_format(&row.ev.current_code, old);
	return strcmp(code, old) != 0;
}

static void put(void *ctx, const void *p, size_t n)
{
	rewrite_ctx *c = ctx;
	render_out_write(c->out, p, n);
}

int batch_write_region(const batch_report *rep, const char *file, render_out **out,
		       size_t *replaced)
{
	const char *in = rep->region_path;
	int fd = open(in, O_RDONLY | O_CLOEXEC);
	struct stat st;
	diag err;
	size_t stores;

	*out = NULL;
	if (fd < 0 || fstat(fd, &st) != 0) {
		report_line_msg("region-out.cannot-open", "file", in, "error", strerror(errno), NULL);
		if (fd >= 0)
			close(fd);
		return EXIT_NOINPUT;
	}
	void *map = st.st_size > 0 ? mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)
				   : NULL;
	close(fd);
	if (st.st_size > 0 && map == MAP_FAILED) {
		report_line_msg("region-out.cannot-read", "file", in, "error", strerror(errno), NULL);
		return EXIT_NOINPUT;
	}
	render_out *o = malloc(sizeof *o);
	int status = o ? render_out_open(o, file, &err) : EXIT_SOFTWARE;
	if (!o)
		diag_msg(&err, EXIT_SOFTWARE, NULL, 0, NULL, NULL, "out.no-memory", NULL);
	if (status == EXIT_OK) {
		rewrite_ctx c = { rep, o };
		status = region_rewrite(in, map, (size_t)st.st_size, new_code, put, &c, &stores,
					replaced, &err);
		if (status == EXIT_OK && stores != rep->region->n_stores) {
			char found[24], read[24];
			snprintf(found, sizeof found, "%zu", stores);
			snprintf(read, sizeof read, "%zu", rep->region->n_stores);
			diag_msg(&err, EXIT_SOFTWARE, in, 0, NULL, NULL, "region-out.count", "found",
				 found, "read", read, NULL);
			status = EXIT_SOFTWARE;
		}
		if (status != EXIT_OK)
			render_out_abort(o);
	}
	if (map && map != MAP_FAILED)
		munmap(map, (size_t)st.st_size);
	if (status != EXIT_OK) {
		report_diag(&err);
		free(o);
		return status;
	}
	*out = o;
	return EXIT_OK;
}

int batch_write_region_commit(render_out **out)
{
	diag err;
	int status = EXIT_OK;

	if (*out) {
		status = render_out_commit(*out, &err);
		if (status != EXIT_OK)
			report_diag(&err);
		free(*out);
		*out = NULL;
	}
	return status;
}

void batch_write_region_abort(render_out **out)
{
	if (*out) {
		render_out_abort(*out);
		free(*out);
		*out = NULL;
	}
}
