/*
 * grades.c: grade schemes (grades.h): the grade file's parser and the share rule of
 * the classes generalised to any number of grades, with the ranks in exact integer
 * arithmetic (hundredths of a percent, as --shares) and a binary search per store.
 */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figures_sort.h"
#include "grades.h"
#include "words.h"
#include "utf8.h"

/* "12.5" -> 1250; up to three whole digits and two decimals.  -1 when malformed. */
static int parse_hundredths(const char *s, size_t len, uint32_t *out)
{
	uint32_t whole = 0, frac = 0;
	size_t i = 0;
	int digits = 0, fdigits = 0;

	while (i < len && s[i] >= '0' && s[i] <= '9' && digits < 3) {
		whole = whole * 10 + (uint32_t)(s[i++] - '0');
		digits++;
	}
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && s[i] >= '0' && s[i] <= '9' && fdigits < 2) {
			frac = frac * 10 + (uint32_t)(s[i++] - '0');
			fdigits++;
		}
		if (fdigits == 0)
			return -1;
	}
	if (digits == 0 || i != len)
		return -1;
	*out = whole * 100 + (fdigits == 1 ? frac * 10 : frac);
	return 0;
}

/* The word w of len bytes as a string in buf, for a message. */
static const char *word_copy(const char *w, size_t len, char *buf, size_t size)
{
	utf8_truncate_n(buf, size, w, len);
	return buf;
}

static int parse_line(const char *s, size_t len, const char *name, int line, grade_scheme *out,
		      uint32_t *sum, diag *d)
{
	const char *w[3];
	size_t wl[3];
	char buf[512];
	uint32_t share;
	size_t words = words_split(s, len, w, wl, 3);

	if (words == 0)
		return 0;
	if (words != 2) {
		char count[24];
		snprintf(count, sizeof count, "%zu", words);
		diag_msg(d, EXIT_DATAERR, name, line, NULL, NULL,
			 words == 1 ? "grades.words.one" : "grades.words", "count", count, NULL);
		return -1;
	}
	if (wl[0] >= GRADE_LABEL_MAX) {
		char max[24];
		snprintf(max, sizeof max, "%d", GRADE_LABEL_MAX - 1);
		diag_msg(d, EXIT_DATAERR, name, line, NULL, NULL, "grades.label-long",
			 "label", word_copy(w[0], wl[0], buf, sizeof buf), "max", max, NULL);
		return -1;
	}
	if (parse_hundredths(w[1], wl[1], &share) < 0 || share == 0 || share > 10000) {
		diag_msg(d, EXIT_DATAERR, name, line, NULL, NULL, "grades.share",
			 "share", word_copy(w[1], wl[1], buf, sizeof buf), NULL);
		return -1;
	}
	for (size_t j = 0; j < out->n; j++)
		if (strlen(out->label[j]) == wl[0] && memcmp(out->label[j], w[0], wl[0]) == 0) {
			diag_msg(d, EXIT_DATAERR, name, line, NULL, NULL, "grades.label-twice",
				 "label", word_copy(w[0], wl[0], buf, sizeof buf), NULL);
			return -1;
		}
	if (out->n == GRADES_MAX) {
		char max[24];
		snprintf(max, sizeof max, "%d", GRADES_MAX);
		diag_msg(d, EXIT_DATAERR, name, line, NULL, NULL, "grades.too-many", "max", max,
			 NULL);
		return -1;
	}
	*sum += share;
	if (*sum > 10000) {
		diag_msg(d, EXIT_DATAERR, name, line, NULL, NULL, "grades.sum-over", NULL);
		return -1;
	}
	memcpy(out->label[out->n], w[0], wl[0]);
	out->label[out->n][wl[0]] = '\0';
	/* a label goes into CSV, JSON and the workbook: UTF-8 text without controls, and
	 * nothing a spreadsheet would run as a formula */
	int bad = !utf8_showable(out->label[out->n]) || strchr("=+-@", w[0][0]) != NULL;
	for (size_t i = 0; i < wl[0] && !bad; i++)
		bad = (unsigned char)w[0][i] < 0x20 || w[0][i] == 0x7f || w[0][i] == ',' ||
		      w[0][i] == '"';
	if (bad) {
		diag_msg(d, EXIT_DATAERR, name, line, NULL, NULL, "grades.label-bad", "label",
			 out->label[out->n], NULL);
		return -1;
	}
	out->cum[out->n++] = *sum;
	return 0;
}

int grades_parse(const char *text, const char *name, grade_scheme *out, diag *d)
{
	uint32_t sum = 0;
	int line = 0;

	memset(out, 0, sizeof *out);
	for (const char *p = text; *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *hash = memchr(p, '#', len);
		line++;
		if (parse_line(p, hash ? (size_t)(hash - p) : len, name, line, out, &sum, d) < 0)
			return -1;
		p += len + (end != NULL);
	}
	if (out->n == 0) {
		diag_msg(d, EXIT_DATAERR, name, line, NULL, NULL, "grades.none", NULL);
		return -1;
	}
	if (sum != 10000) {
		char total[24];
		snprintf(total, sizeof total, "%u.%02u", sum / 100, sum % 100);
		diag_msg(d, EXIT_DATAERR, name, line, NULL, NULL, "grades.sum", "sum", total, NULL);
		return -1;
	}
	return 0;
}

int grades_load(const char *path, grade_scheme *out, diag *d)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	size_t len = 0, cap = 0;

	if (!f) {
		diag_msg(d, EXIT_NOINPUT, path, 0, NULL, NULL, "models.cannot-open", "error",
			 strerror(errno), NULL);
		return EXIT_NOINPUT;
	}
	for (;;) {
		if (len + 4096 + 1 > cap) {
			cap = cap * 2 + 8192;
			char *p = cap > (1u << 20) ? NULL : realloc(text, cap);
			if (!p) {
				free(text);
				fclose(f);
				diag_msg(d, EXIT_DATAERR, path, 0, NULL, NULL, "grades.too-large",
					 NULL);
				return EXIT_DATAERR;
			}
			text = p;
		}
		size_t n = fread(text + len, 1, 4096, f);
		len += n;
		if (n < 4096)
			break;
	}
	int err = ferror(f);
	fclose(f);
	if (err) {
		free(text);
		diag_msg(d, EXIT_NOINPUT, path, 0, NULL, NULL, "models.cannot-read", NULL);
		return EXIT_NOINPUT;
	}
	text[len] = '\0';
	int rc = memchr(text, '\0', len) ? -1 : grades_parse(text, path, out, d);
	if (rc < 0 && memchr(text, '\0', len))
		diag_msg(d, EXIT_DATAERR, path, 0, NULL, NULL, "grades.binary", NULL);
	free(text);
	return rc < 0 ? EXIT_DATAERR : EXIT_OK;
}

void grades_cut(const grade_scheme *s, const double *ascending, size_t n, grade_cuts *out)
{
	out->figures = n;
	out->n = s->n;
	for (size_t j = 0; j < s->n; j++) {
		if (n == 0) {
			out->t[j] = NAN;
			continue;
		}
		size_t k = classify_rank(s->cum[j], n);
		assert(k >= 1 && k <= n);
		out->t[j] = ascending[n - k];    /* the k-th largest */
		assert(j == 0 || out->t[j] <= out->t[j - 1]);
	}
}

void grades_cut_unsorted(const grade_scheme *s, double *figures, size_t n, grade_cuts *out)
{
	figures_sort(figures, n);
	grades_cut(s, figures, n, out);
}

int grades_of(const grade_cuts *c, double x)
{
	if (c->figures == 0 || c->n == 0 || isnan(x))
		return -1;
	if (!(x > 0))
		return (int)c->n - 1;
	/* The first j with x >= t[j], or n - 1: t descends and t[n-1] is the smallest
	 * figure.  That is how many of t[0..n-2] exceed x, found by a binary search without
	 * branches (a multiply by the comparison a step): a batch asks it for every store
	 * and each quarter of --hold-down, and the branches of the usual search mispredict
	 * on half of the steps.  [b, b + len] holds the answer throughout. */
	const double *t = c->t, *b = t;
	size_t len = c->n - 1;
	if (len == 0)
		return 0;
	while (len > 1) {
		size_t half = len / 2;
		b += half * (size_t)(b[half - 1] > x);    /* gcc branches on a ?: here */
		len -= half;
	}
	return (int)(b - t) + (b[0] > x);
}

double grades_next_orders(const grade_cuts *c, int j, double x)
{
	if (j <= 0 || (size_t)j >= c->n || c->figures == 0)
		return NAN;
	double t = c->t[j - 1];
	return t > x ? t : x + 1;
}
