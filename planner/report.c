/*
 * report.c: planner's error lines on stderr (report.h): the "planner CMD:" prefix, the
 * pointer to --help after a usage error, and the clearing of a progress bar that is
 * showing, so that an error never runs into it.
 */
#include <stdarg.h>
#include <stdio.h>

#include "report.h"

static int bar_shown;

void report_bar_shown(int shown)
{
	bar_shown = shown;
}

/* Starts a line of stderr: clears the progress bar when it shows. */
static void begin_line(void)
{
	if (bar_shown) {
		fputs("\r\033[K", stderr);
		bar_shown = 0;
	}
}

static void prefix(const char *cmd)
{
	if (cmd)
		fprintf(stderr, "planner %s: ", cmd);
	else
		fputs("planner: ", stderr);
}

int report_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	begin_line();
	prefix(cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'planner %s --help')\n", cmd ? cmd : "");
	return EXIT_USAGE;
}

void report_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	begin_line();
	prefix(cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void report_line(const char *fmt, ...)
{
	va_list ap;

	begin_line();
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int report_diag(const diag *d)
{
	report_line("%s", d->text);
	return d->status;
}

void report_quarter_warning(const char *region_path, const quarter_choice *qc)
{
	char q[12], later[12], ids[512];

	quarter_format(qc->quarter, q);
	for (size_t k = 0; k < qc->n_later && k < QUARTER_LATER_MAX; k++) {
		const quarter_later *l = &qc->later[k];
		size_t used = 0;
		ids[0] = '\0';
		quarter_format(l->quarter, later);
		for (size_t i = 0; i < l->n_ids && used < sizeof ids; i++) {
			int n = snprintf(ids + used, sizeof ids - used, "%s%s", i ? ", " : "", l->ids[i]);
			if (n < 0)
				break;
			used += (size_t)n;
		}
		if (l->stores > l->n_ids && used < sizeof ids)
			snprintf(ids + used, sizeof ids - used, " and %zu more", l->stores - l->n_ids);
		report_line("warning: %s: only %zu of %zu stores ha%s a figure for %s (%s): evaluating "
			    "%s, the latest quarter at least half of the stores have a figure for "
			    "(--quarter chooses another)", region_path, l->stores, qc->stores,
			    l->stores == 1 ? "s" : "ve", later, ids, q);
	}
	if (qc->n_later > QUARTER_LATER_MAX)
		report_line("warning: %s: and %zu more later quarters with figures from a few stores",
			    region_path, qc->n_later - QUARTER_LATER_MAX);
}
