/*
 * batch_progress.c: the progress bar of `planner batch` on stderr (batch_io.h), drawn
 * only when stderr is a terminal and at most ten times a second (report.c clears it
 * before an error line).  While a region file is read, the fraction done is the bytes
 * this process has read since (Linux /proc/self/io "rchar") over the file's size;
 * elsewhere it shows the count only.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch_io.h"
#include "messages.h"
#include "report.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Bytes read by this process so far, or -1 when the kernel does not say. */
static long long bytes_read(void)
{
	FILE *f = fopen("/proc/self/io", "r");
	long long v = -1;
	char line[128];

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "rchar: %lld", &v) == 1)
			break;
	fclose(f);
	return v;
}

static void begin(batch_progress *p, const char *what)
{
	memset(p, 0, sizeof *p);
	p->on = isatty(STDERR_FILENO);
	messages_format(p->what, sizeof p->what, what, NULL);
	p->started = now();
	p->io_base = -1;
}

void batch_progress_begin(batch_progress *p, const char *what, size_t total)
{
	begin(p, what);
	p->total = total;
}

void batch_progress_begin_file(batch_progress *p, const char *what, const char *path)
{
	struct stat st;

	begin(p, what);
	if (!p->on)
		return;
	if (stat(path, &st) == 0 && st.st_size > 0) {
		p->file_size = st.st_size;
		p->io_base = bytes_read();
	}
}

static void draw(batch_progress *p)
{
	double frac = -1;
	char count[48], n[24], seconds[32];

	if (p->total > 0) {
		frac = (double)p->done / (double)p->total;
		snprintf(count, sizeof count, "%zu/%zu", p->done, p->total);
	} else {
		if (p->io_base >= 0) {
			long long r = bytes_read();
			if (r >= p->io_base)
				frac = (double)(r - p->io_base) / (double)p->file_size;
			if (frac > 0.99)
				frac = 0.99;    /* what was read ahead is not yet parsed */
		}
		snprintf(n, sizeof n, "%zu", p->done);
		messages_format(count, sizeof count, "progress.stores", "count", n, NULL);
	}
	if (frac < 0) {
		snprintf(n, sizeof n, "%.0f", now() - p->started);
		fprintf(stderr, "\r%s  %s  %s\033[K", p->what, count,
			messages_format(seconds, sizeof seconds, "progress.seconds", "seconds", n, NULL));
	} else {
		char bar[31];
		int fill = (int)(frac * 30 + 0.5);
		for (int i = 0; i < 30; i++)
			bar[i] = i < fill ? '#' : '.';
		bar[30] = '\0';
		fprintf(stderr, "\r%s  [%s] %3.0f%%  %s\033[K", p->what, bar, frac * 100, count);
	}
	fflush(stderr);
	p->drawn = 1;
	report_bar_shown(1);
}

void batch_progress_update(batch_progress *p, size_t done)
{
	p->done = done;
	if (!p->on)
		return;
	double t = now();
	if (t - p->last < 0.1 && done != p->total)
		return;
	p->last = t;
	draw(p);
}

void batch_progress_note(batch_progress *p, const char *key)
{
	char text[128];

	if (!p->on)
		return;
	fprintf(stderr, "\r%s\033[K", messages_format(text, sizeof text, key, NULL));
	fflush(stderr);
	p->drawn = 1;
	report_bar_shown(1);
}

void batch_progress_end(batch_progress *p)
{
	if (p->on && p->drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		report_bar_shown(0);
	}
	p->drawn = 0;
}
