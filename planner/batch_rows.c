/*
 * batch_rows.c: the passes of `planner batch` after reading, spread over up to -j
 * threads.  Classification: the quarter and the previous one are sorted at once.
 * Rows: every store's row is derived once, counted (batch_tally_rows) and written to
 * reclassification.csv; for a large region the file is cut into contiguous ranges,
 * each derived and written by its own thread into its own part file; the tallies are
 * merged in order.  Lists: candidates.csv and downgrades.csv next to the row pass's
 * later parts appended to the first one (copy_file_range, so the CSV keeps the file's
 * order), transitions.csv and followup.csv.  Threads only read the region and the
 * group statistics (each list keeps its own digest in the report).
 */
#define _GNU_SOURCE      /* copy_file_range */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "batch_report.h"
#include "report.h"

#define ROWS_MAX_THREADS 8

/* Rows a thread takes at least (rep->thread_min_rows, 0 for the default). */
static size_t thread_min_rows(size_t asked)
{
	return asked ? asked : BATCH_THREAD_MIN_ROWS;
}

typedef struct rows_part {
	const batch_report *rep;
	const region *r;
	const batch_result *b;
	size_t from, to;
	char name[64];
	batch_reclass w;
	batch_tally t;
	int status;          /* of opening and closing the part's file */
	int oom;
} rows_part;

static void *run_part(void *arg)
{
	rows_part *p = arg;

	p->status = batch_reclass_open(&p->w, p->rep, p->name, p->from == 0);
	if (p->status != EXIT_OK)
		return NULL;
	p->oom = batch_tally_rows(p->b, p->r, p->from, p->to, &p->t, batch_reclass_row, &p->w) < 0;
	p->status = batch_reclass_close(&p->w);
	return NULL;
}

/* Appends the file src to the file dst (both in dir), then removes src. */
static int append_part(const char *dir, const char *dst, const char *src)
{
	char dpath[PATH_MAX + 64], spath[PATH_MAX + 64];
	int err = 0;

	snprintf(dpath, sizeof dpath, "%s/%s", dir, dst);
	snprintf(spath, sizeof spath, "%s/%s", dir, src);
	int in = open(spath, O_RDONLY | O_CLOEXEC);
	int out = open(dpath, O_WRONLY | O_CLOEXEC);    /* copy_file_range refuses O_APPEND */
	if (in < 0 || out < 0 || lseek(out, 0, SEEK_END) < 0)
		err = errno;
	int copy_range = 1;
	while (!err) {
		ssize_t n;
		if (copy_range) {
			n = copy_file_range(in, NULL, out, NULL, 1 << 30, 0);
			if (n < 0 && (errno == EXDEV || errno == ENOSYS || errno == EINVAL ||
				      errno == EOPNOTSUPP)) {
				copy_range = 0;    /* not here: plain reads and writes */
				continue;
			}
		} else {
			char buf[1 << 16];
			n = read(in, buf, sizeof buf);
			for (ssize_t off = 0; n > 0 && off < n;) {
				ssize_t k = write(out, buf + off, (size_t)(n - off));
				if (k < 0 && errno == EINTR)
					continue;
				if (k <= 0) {
					err = k < 0 ? errno : EIO;
					break;
				}
				off += k;
			}
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			err = errno;
		if (n <= 0)
			break;
	}
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) < 0 && !err)
		err = errno;
	if (unlink(spath) != 0 && !err)    /* a part left behind would be in DIR */
		err = errno;
	if (err)
		report_msg("batch", "out.file-error", "file", dpath, "error", strerror(err), NULL);
	return err ? EXIT_IOERR : EXIT_OK;
}

/* ---- classification ------------------------------------------------------------------ */

typedef struct quarter_job {
	const region *r;
	batch_result *b;
	int previous, failed;
} quarter_job;

static void *run_quarter(void *arg)
{
	quarter_job *j = arg;

	j->failed = batch_classify_quarter(j->r, j->b, j->previous) < 0;
	return NULL;
}

int batch_classify_jobs(const region *r, quarter_t q, const batch_config *cfg, batch_result *b,
			int jobs, size_t min_rows)
{
	quarter_job cur = { r, b, 0, 0 }, prev = { r, b, 1, 0 };
	pthread_t thread;
	int threaded = 0;

	if (batch_prepare(r, q, cfg, b) < 0) {
		batch_result_free(b);
		return -1;
	}
	if (jobs > 1 && r->n_stores >= thread_min_rows(min_rows))
		threaded = pthread_create(&thread, NULL, run_quarter, &prev) == 0;
	run_quarter(&cur);
	if (threaded)
		pthread_join(thread, NULL);
	else
		run_quarter(&prev);
	if (cur.failed || prev.failed || batch_ext_prepare(r, b) < 0) {
		batch_result_free(b);
		return -1;
	}
	batch_drop_past_figures(b);
	return 0;
}

/* ---- the row pass ------------------------------------------------------------------------ */

/* The name of reclassification.csv's part i (0: the file itself). */
static void part_name(int i, char *name, size_t size)
{
	if (i == 0)
		snprintf(name, size, "reclassification.csv");
	else
		snprintf(name, size, ".reclassification.part%d", i);
}

int batch_write_rows(batch_report *rep, const region *r, batch_result *b, int jobs)
{
	rows_part parts[ROWS_MAX_THREADS];
	pthread_t threads[ROWS_MAX_THREADS];
	int started[ROWS_MAX_THREADS] = { 0 };
	size_t n = r->n_stores;
	int k = jobs < 1 ? 1 : jobs > ROWS_MAX_THREADS ? ROWS_MAX_THREADS : jobs;
	int status = EXIT_OK, oom = 0;

	while (k > 1 && n / (size_t)k < thread_min_rows(rep->thread_min_rows))
		k--;
	for (int i = 0; i < k; i++) {
		rows_part *p = &parts[i];
		memset(p, 0, sizeof *p);
		p->rep = rep;
		p->r = r;
		p->b = b;
		p->from = n * (size_t)i / (size_t)k;
		p->to = n * (size_t)(i + 1) / (size_t)k;
		part_name(i, p->name, sizeof p->name);
	}
	rep->rows_parts = k;
	/* part 0 runs here; the others in threads (one runs here too if a thread fails) */
	for (int i = 1; i < k; i++)
		started[i] = pthread_create(&threads[i], NULL, run_part, &parts[i]) == 0;
	run_part(&parts[0]);
	for (int i = 1; i < k; i++) {
		if (started[i])
			pthread_join(threads[i], NULL);
		else
			run_part(&parts[i]);
	}

	for (int i = 0; i < k; i++) {
		if (parts[i].status != EXIT_OK && status == EXIT_OK)
			status = parts[i].status;
		oom |= parts[i].oom;
		if (batch_merge(b, &parts[i].t) < 0)
			oom = 1;
	}
	if (oom) {
		report_msg("batch", "out.no-memory", NULL);
		return EXIT_SOFTWARE;
	}
	batch_finish(b);
	return status;
}

/* ---- the lists ----------------------------------------------------------------------------- */

typedef struct list_job {
	batch_report *rep;
	int status;
} list_job;

/* The row pass's later parts appended to reclassification.csv (each part removed). */
static int append_row_parts(const batch_report *rep)
{
	char first[64], part[64];
	int status = EXIT_OK;

	part_name(0, first, sizeof first);
	for (int i = 1; i < rep->rows_parts && status == EXIT_OK; i++) {
		part_name(i, part, sizeof part);
		status = append_part(rep->dir, first, part);
	}
	return status;
}

/* The row parts appended, transitions.csv and followup.csv, beside candidates.csv and
 * downgrades.csv (on the 1M-store bench region followup.csv alone took 0.17-0.19 s,
 * candidates.csv 0.15-0.16 s, the append of reclassification.csv's second half
 * 0.03-0.07 s here (0.11-0.14 s with the other core idle, before the lists),
 * downgrades.csv 0.04 s, transitions.csv nothing to speak of) */
static void *run_other_lists(void *arg)
{
	list_job *j = arg;

	j->status = append_row_parts(j->rep);
	if (j->status == EXIT_OK)
		j->status = batch_write_transitions(j->rep);
	if (j->status == EXIT_OK)
		j->status = batch_write_followup(j->rep);
	return NULL;
}

int batch_write_lists(batch_report *rep, int jobs)
{
	list_job other = { rep, EXIT_OK };
	pthread_t thread;
	int threaded = 0;

	if (jobs > 1 && rep->result->n_candidates + rep->result->n_downgrades >=
			thread_min_rows(rep->thread_min_rows))
		threaded = pthread_create(&thread, NULL, run_other_lists, &other) == 0;
	int status = batch_write_candidates(rep);
	if (status == EXIT_OK)
		status = batch_write_downgrades(rep);
	if (threaded)
		pthread_join(thread, NULL);
	else if (status == EXIT_OK)
		run_other_lists(&other);
	return status != EXIT_OK ? status : other.status;
}
