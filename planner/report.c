/*
 * report.c: planner's error lines on stderr (report.h): the "planner CMD:" prefix, the
 * pointer to --help after a usage error, and the clearing of a progress bar that is
 * showing, so that an error never runs into it.
 */
#include <stdarg.h>
#include <stdio.h>

#include "messages.h"
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

/* " (see 'planner CMD --help')", the end of a usage error. */
static const char *see_help(const char *cmd)
{
	static char text[256];

	return messages_format(text, sizeof text, "usage.see-help", "cmd", cmd ? cmd : "", NULL);
}

static void prefix(const char *cmd)
{
	if (cmd)
		fprintf(stderr, "planner %s: ", cmd);
	else
		fputs("planner: ", stderr);
}

/* One line on stderr: the "planner CMD: " prefix when asked, key's words, then tail. */
static void say(int with_prefix, const char *cmd, const char *tail, const char *key,
		va_list ap)
{
	char text[8192];

	messages_vformat(text, sizeof text, key, ap);
	begin_line();
	if (with_prefix)
		prefix(cmd);
	fprintf(stderr, "%s%s\n", text, tail);
}

int report_usage_msg(const char *cmd, const char *key, ...)
{
	va_list ap;

	va_start(ap, key);
	say(1, cmd, see_help(cmd), key, ap);
	va_end(ap);
	return EXIT_USAGE;
}

void report_msg(const char *cmd, const char *key, ...)
{
	va_list ap;

	va_start(ap, key);
	say(1, cmd, "", key, ap);
	va_end(ap);
}

void report_line_msg(const char *key, ...)
{
	va_list ap;

	va_start(ap, key);
	say(0, NULL, "", key, ap);
	va_end(ap);
}

int report_diag(const diag *d)
{
	begin_line();
	fprintf(stderr, "%s\n", d->text);
	return d->status;
}

void report_quarter_warning(const char *region_path, const quarter_choice *qc)
{
	char q[12], later[12], ids[512], held[24], of[24], more[24];

	quarter_format(qc->quarter, q);
	snprintf(of, sizeof of, "%zu", qc->stores);
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
		if (l->stores > l->n_ids && used < sizeof ids) {
			char rest[128];
			snprintf(more, sizeof more, "%zu", l->stores - l->n_ids);
			snprintf(ids + used, sizeof ids - used, "%s",
				 messages_format(rest, sizeof rest, "quarter.later.more", "count", more,
						 NULL));
		}
		snprintf(held, sizeof held, "%zu", l->stores);
		report_line_msg(l->stores == 1 ? "quarter.later.one" : "quarter.later", "file",
				region_path, "held", held, "stores", of, "later", later, "ids", ids,
				"quarter", q, NULL);
	}
	if (qc->n_later > QUARTER_LATER_MAX) {
		snprintf(more, sizeof more, "%zu", qc->n_later - QUARTER_LATER_MAX);
		report_line_msg("quarter.later.rest", "file", region_path, "count", more, NULL);
	}
}
