/*
 * cli.c: option values shared by several commands (quarters, shares, counts), and the
 * usage-error and diag printers.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "planner %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'planner %s --help')\n", cmd);
	return EXIT_USAGE;
}

int cli_report(const diag *d)
{
	fprintf(stderr, "%s\n", d->text);
	return d->status;
}

int cli_quarter(const char *cmd, const char *opt, const char *arg, quarter_t *out)
{
	if (quarter_parse(arg, out) < 0) {
		cli_usage_error(cmd, "%s \"%s\" is not a quarter like 2007Q1", opt, arg);
		return -1;
	}
	return 0;
}

int cli_shares(const char *cmd, const char *arg, shares *out)
{
	const char *why;

	if (shares_parse(arg, out, &why) < 0) {
		cli_usage_error(cmd, "--shares \"%s\": %s", arg, why);
		return -1;
	}
	return 0;
}

int cli_count(const char *cmd, const char *opt, const char *arg, long min, long max, long *out)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || v < min || v > max) {
		cli_usage_error(cmd, "%s \"%s\" is not a whole number from %ld to %ld", opt, arg,
				min, max);
		return -1;
	}
	*out = v;
	return 0;
}
