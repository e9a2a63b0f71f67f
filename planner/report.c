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
