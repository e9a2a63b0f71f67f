/*
 * fuzz_classify.c: libFuzzer harness for the classifier (models/classify.c,
 * evaluation.c) and the small parsers it depends on (shares, quarters, codes,
 * numbers).  The input is "SHARES\nCODE\nQUARTER\nMINPEERS\n" followed by order
 * figures as text, one per line; the invariants of CONTRACT.md are asserted.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "numbers.h"

#define MAX_FIGURES 4096

/* Copies the next line of data into buf (NUL-terminated); advances *pos. */
static const char *next_line(const uint8_t *data, size_t size, size_t *pos, char *buf, size_t cap)
{
	size_t n = 0;

	while (*pos < size && data[*pos] != '\n') {
		if (n + 1 < cap)
			buf[n++] = (char)data[*pos];
		(*pos)++;
	}
	if (*pos < size)
		(*pos)++;
	buf[n] = '\0';
	return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); /* called by libFuzzer */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static double orders[MAX_FIGURES];
	classify_config cfg = CLASSIFY_DEFAULT;
	category_code code = { 'Y', '2', '2', '1' };
	quarter_t q = 2007 * 4, by = QUARTER_NONE;
	char line[128], out[12], code_text[5];
	const char *why;
	size_t pos = 0, n = 0;
	double min_peers;

	if (shares_parse(next_line(data, size, &pos, line, sizeof line), &cfg.shares, &why) == 0 &&
	    cfg.shares.large + cfg.shares.medium + cfg.shares.small != 10000)
		abort();
	if (code_parse(next_line(data, size, &pos, line, sizeof line), &code, &why) == 0) {
		code_format(&code, code_text);
		if (strcmp(code_text, line) != 0)
			abort();   /* parse and format must round-trip */
	}
	if (quarter_parse(next_line(data, size, &pos, line, sizeof line), &q) == 0) {
		quarter_format(q, out);
		if (strcmp(out, line) != 0)
			abort();
		by = quarter_add(q, 1 + (int)(size % 4));
	}
	if (number_parse(next_line(data, size, &pos, line, sizeof line), &min_peers) == 0 &&
	    min_peers >= 1 && min_peers <= 1e6)
		cfg.min_peers = (size_t)min_peers;
	while (pos < size && n < MAX_FIGURES) {
		double v;
		/* the reader's guarantee: finite quantities >= 0 */
		if (number_parse(next_line(data, size, &pos, line, sizeof line), &v) == 0 &&
		    v >= 0 && v <= 1e9)
			orders[n++] = v;
	}

	peer_stats ps;
	if (classify_group(orders, n, &cfg, &ps) < 0)
		return 0;
	if (n > 0) {
		if (!(ps.threshold_large >= ps.threshold_medium))
			abort();
		if (ps.k_large < 1 || ps.k_large > ps.k_medium || ps.k_medium > n)
			abort();
		/* at least k_large figures are >= the large threshold (ties included) */
		size_t at_least = 0;
		for (size_t i = 0; i < n; i++)
			at_least += orders[i] >= ps.threshold_large;
		if (at_least < ps.k_large)
			abort();
	}
	for (size_t i = 0; i <= n && i < 64; i++) {
		double x = i < n ? orders[i] : NAN;
		evaluation ev;
		evaluation_compute(&ev, &code, q, x, &ps, by);
		if (ev.status == STATUS_OK) {
			if (!(ev.percentile >= 0 && ev.percentile <= 100))
				abort();
			if (ev.computed_code.scale != '0' + (int)ev.computed_class)
				abort();   /* only digit 2 changes */
			if (ev.computed_code.format != code.format ||
			    ev.computed_code.market != code.market ||
			    ev.computed_code.integrity != code.integrity)
				abort();
			if (ev.target_class != CLASS_NONE && !(ev.gap > 0))
				abort();   /* a target is above the store's figure */
		}
	}
	peer_stats_free(&ps);
	return 0;
}
