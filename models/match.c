/*
 * match.c: match rules (match.h): the rules file's parser, a store's match score and
 * its value quadrant.  A score is computed once per store while the region is read.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "words.h"

const char *quadrant_name(quadrant q)
{
	switch (q) {
	case QUADRANT_STRATEGIC: return "strategic";
	case QUADRANT_PROFIT: return "profit";
	case QUADRANT_POTENTIAL: return "potential";
	case QUADRANT_ORDINARY: return "ordinary";
	default: return "";
	}
}

#define WORDS_MAX 6

/* The words of a line (at most WORDS_MAX, each cut at 63 bytes) as strings. */
static size_t split_words(const char *s, size_t len, char w[WORDS_MAX][64])
{
	const char *start[WORDS_MAX];
	size_t wl[WORDS_MAX];
	size_t n = words_split(s, len, start, wl, WORDS_MAX);

	for (size_t i = 0; i < n && i < WORDS_MAX; i++) {
		size_t l = wl[i] < 63 ? wl[i] : 63;
		memcpy(w[i], start[i], l);
		w[i][l] = '\0';
	}
	return n;
}

static int parse_number(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return *s && !*end && !errno && isfinite(*out) ? 0 : -1;
}

static int parse_names(match_rule *r, const char *word, const char *name, int line, diag *d)
{
	const char *p = word;

	r->n_names = 0;
	for (;;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == 0 || len >= MATCH_NAME_LEN || r->n_names == MATCH_NAMES_MAX) {
			char max[24];
			snprintf(max, sizeof max, "%d", MATCH_NAMES_MAX);
			diag_msg(d, EXIT_DATAERR, name, line, NULL, NULL, "match.names", "word", word,
				 "max", max, NULL);
			return -1;
		}
		memcpy(r->names[r->n_names], p, len);
		r->names[r->n_names++][len] = '\0';
		if (!bar)
			return 0;
		p = bar + 1;
	}
}

static int parse_line(const char *s, size_t len, const char *name, int line, match_rules *out,
		      diag *d)
{
	char w[WORDS_MAX][64];
	size_t n = split_words(s, len, w);
	double weight;

	if (n == 0)
		return 0;
	if (n < 3) {
		diag_msg(d, EXIT_DATAERR, name, line, NULL, NULL, "match.words", NULL);
		return -1;
	}
	if (out->n == MATCH_RULES_MAX) {
		char max[24];
		snprintf(max, sizeof max, "%d", MATCH_RULES_MAX);
		diag_msg(d, EXIT_DATAERR, name, line, NULL, NULL, "match.too-many", "max", max,
			 NULL);
		return -1;
	}
	match_rule *r = &out->rule[out->n];
	memset(r, 0, sizeof *r);
	if (parse_names(r, w[0], name, line, d) < 0)
		return -1;
	if (parse_number(w[1], &weight) < 0 || weight != floor(weight) || weight < 1 ||
	    weight > 100) {
		diag_msg(d, EXIT_DATAERR, name, line, NULL, NULL, "match.weight", "weight", w[1],
			 NULL);
		return -1;
	}
	r->weight = (int)weight;
	if (strcmp(w[2], "score") == 0 && n == 3) {
		r->scale = MATCH_SCORE;
	} else if (strcmp(w[2], "yesno") == 0 && n == 3) {
		r->scale = MATCH_YESNO;
	} else if (strcmp(w[2], "range") == 0 && n == 5) {
		r->scale = MATCH_RANGE;
		if (parse_number(w[3], &r->lo) < 0 || parse_number(w[4], &r->hi) < 0 ||
		    r->lo == r->hi) {
			diag_msg(d, EXIT_DATAERR, name, line, NULL, NULL, "match.range", "lo", w[3],
				 "hi", w[4], NULL);
			return -1;
		}
	} else {
		diag_msg(d, EXIT_DATAERR, name, line, NULL, NULL,
			 n > 3 && strcmp(w[2], "range") != 0 ? "match.scale.more-words" : "match.scale",
			 "scale", w[2], NULL);
		return -1;
	}
	out->n++;
	return 0;
}

int match_parse(const char *text, const char *name, match_rules *out, diag *d)
{
	int line = 0;

	memset(out, 0, sizeof *out);
	for (const char *p = text; *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *hash = memchr(p, '#', len);
		line++;
		if (parse_line(p, hash ? (size_t)(hash - p) : len, name, line, out, d) < 0)
			return -1;
		p += len + (end != NULL);
	}
	if (out->n == 0) {
		diag_msg(d, EXIT_DATAERR, name, line, NULL, NULL, "match.none", NULL);
		return -1;
	}
	return 0;
}

int match_load(const char *path, match_rules *out, diag *d)
{
	FILE *f = fopen(path, "rb");
	char text[1 << 16];

	if (!f) {
		diag_msg(d, EXIT_NOINPUT, path, 0, NULL, NULL, "models.cannot-open", "error",
			 strerror(errno), NULL);
		return EXIT_NOINPUT;
	}
	size_t len = fread(text, 1, sizeof text, f);
	int err = ferror(f), more = !feof(f) && fgetc(f) != EOF;
	fclose(f);
	if (err) {
		diag_msg(d, EXIT_NOINPUT, path, 0, NULL, NULL, "models.cannot-read", NULL);
		return EXIT_NOINPUT;
	}
	if (more || len == sizeof text || memchr(text, '\0', len)) {
		diag_msg(d, EXIT_DATAERR, path, 0, NULL, NULL, "match.binary", NULL);
		return EXIT_DATAERR;
	}
	text[len] = '\0';
	return match_parse(text, path, out, d) < 0 ? EXIT_DATAERR : EXIT_OK;
}

double match_scaled(const match_rule *r, double value, int is_number)
{
	double v;

	switch (r->scale) {
	case MATCH_YESNO:
		return is_number == 2 ? (value > 0 ? 5.0 : 1.0) : NAN;
	case MATCH_RANGE:
		if (is_number != 1)
			return NAN;
		v = 1.0 + 4.0 * (value - r->lo) / (r->hi - r->lo);
		return v < 1.0 ? 1.0 : v > 5.0 ? 5.0 : v;
	default:
		if (is_number != 1)
			return NAN;
		return value < 1.0 ? 1.0 : value > 5.0 ? 5.0 : value;
	}
}

uint16_t match_score(const match_rules *m, const store *s)
{
	double sum = 0;
	int weights = 0;

	for (int i = 0; i < m->n; i++) {
		const match_rule *r = &m->rule[i];
		const factor *f = NULL;
		for (int k = 0; k < r->n_names && !f; k++)
			f = store_factor(s, r->names[k]);
		double v = f ? match_scaled(r, f->value, f->is_number) : NAN;
		if (isnan(v))
			return 0;
		sum += (double)r->weight * v;
		weights += r->weight;
	}
	if (weights == 0)
		return 0;
	/* + 1e-9: a mean that is exactly halfway in decimals rounds up, whatever the
	 * binary rounding of the sum */
	return (uint16_t)floor(100.0 * sum / (double)weights + 0.5 + 1e-9);
}

quadrant match_quadrant(double percentile, uint16_t score, double value_cut, uint16_t match_cut)
{
	if (isnan(percentile) || score == 0)
		return QUADRANT_NONE;
	int value_high = percentile >= value_cut, match_high = score >= match_cut;
	return value_high ? (match_high ? QUADRANT_STRATEGIC : QUADRANT_PROFIT)
			  : (match_high ? QUADRANT_POTENTIAL : QUADRANT_ORDINARY);
}
