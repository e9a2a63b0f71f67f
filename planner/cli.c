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

void cli_quarter_warning(const char *region_path, const quarter_choice *qc)
{
	char q[12], later[12];

	quarter_format(qc->quarter, q);
	for (size_t k = 0; k < qc->n_later && k < QUARTER_LATER_MAX; k++) {
		const quarter_later *l = &qc->later[k];
		quarter_format(l->quarter, later);
		fprintf(stderr, "warning: %s: only %zu of %zu stores ha%s a figure for %s (",
			region_path, l->stores, qc->stores, l->stores == 1 ? "s" : "ve", later);
		for (size_t i = 0; i < l->n_ids; i++)
			fprintf(stderr, "%s%s", i ? ", " : "", l->ids[i]);
		if (l->stores > l->n_ids)
			fprintf(stderr, " and %zu more", l->stores - l->n_ids);
		fprintf(stderr, "): evaluating %s, the latest quarter at least half of the stores "
			"have a figure for (--quarter chooses another)\n", q);
	}
	if (qc->n_later > QUARTER_LATER_MAX)
		fprintf(stderr, "warning: %s: and %zu more later quarters with figures from a few "
			"stores\n", region_path, qc->n_later - QUARTER_LATER_MAX);
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
