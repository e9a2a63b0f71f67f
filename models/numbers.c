/*
 * numbers.c: strict parsing of the numbers found in planner's XML files.  Only plain
 * decimals are accepted ("946", "30.5"), as xs:decimal in the schema: no exponent
 * ("1e9" is a typo more often than a carton count, and validate refuses it), no hex,
 * no "inf", no "nan", no trailing junk, and the result must be finite.  And the one
 * rounding rule for every figure printed (number_round, below).
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numbers.h"

int number_parse(const char *s, double *out)
{
	const char *p = s;
	int digits = 0;
	uint64_t whole = 0;

	/* fast path: up to 15 plain digits are exact in a double, no strtod needed */
	while (*p >= '0' && *p <= '9' && digits < 15) {
		whole = whole * 10 + (uint64_t)(*p++ - '0');
		digits++;
	}
	if (*p == '\0' && digits > 0) {
		*out = (double)whole;
		return 0;
	}
	p = s;
	digits = 0;

	if (*p == '+' || *p == '-')
		p++;
	while (*p >= '0' && *p <= '9') {
		p++;
		digits++;
	}
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			p++;
			digits++;
		}
	}
	if (digits == 0)
		return -1;
	if (*p != '\0')
		return -1;
	errno = 0;
	double v = strtod(s, NULL);
	if (!isfinite(v) || errno == ERANGE)
		return -1;
	*out = v;
	return 0;
}

/* ---- the rounding rule -------------------------------------------------------------------
 * Every figure planner prints (text, CSV, JSON, PDF) is rounded here, by one rule:
 *   1. the double is read as its shortest decimal that strtod turns back into the same
 *      double (printf "%.15e" to "%.17e", the first that round-trips): what the user
 *      typed, "2.675", not the binary value 2.67499999999999982236...;
 *   2. that decimal is rounded to `decimals` decimals half away from zero, on its digits
 *      (integer arithmetic, no floating-point scaling): 946.5 -> "947", -946.5 -> "-947",
 *      0.125 -> "0.13" (2 decimals), 2.675 -> "2.68", 1.005 -> "1.01".
 * Away from a tie the double is far enough from the halfway point that x * 10^decimals
 * rounds the same way; number_round takes that short cut when the margin is safe. */

/* The shortest round-tripping decimal of ax > 0: its significant digits (no trailing
 * zeros) into digits, and *exp10 with ax = d0.d1d2... x 10^exp10.  Returns the count. */
static int shortest_decimal(double ax, char digits[20], int *exp10)
{
	char s[40];
	int n = 0;

	for (int precision = 15; precision <= 17; precision++) {
		snprintf(s, sizeof s, "%.*e", precision - 1, ax);
		if (strtod(s, NULL) == ax)
			break;
	}
	const char *p = s;
	for (; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
	*exp10 = atoi(p + 1);
	while (n > 1 && digits[n - 1] == '0')
		n--;
	return n;
}

/* Writes v / 10^decimals (trailing zeros dropped) after an optional sign ("-" only
 * when the result is not zero).  The hot path of every CSV column of figures. */
static size_t put_scaled(int negative, uint64_t v, int decimals, char *out)
{
	char tmp[48];
	size_t n = 0, k = 0;

	while (decimals > 0 && v % 10 == 0) {   /* trailing zeros of the decimals */
		v /= 10;
		decimals--;
	}
	if (negative && v != 0)
		out[n++] = '-';
	do {
		tmp[k++] = (char)('0' + v % 10);
		v /= 10;
	} while (v || (int)k <= decimals);
	for (size_t i = k; i-- > (size_t)decimals;)
		out[n++] = tmp[i];
	if (decimals > 0) {
		out[n++] = '.';
		for (int i = decimals - 1; i >= 0; i--)
			out[n++] = tmp[i];
	}
	out[n] = '\0';
	return n;
}

/* The exact rule on the digits (any finite x, any decimals 0-17). */
static size_t round_digits(double x, int decimals, char *out)
{
	char d[24];
	int e, n = 0;
	size_t k = 0;

	if (x != 0)
		n = shortest_decimal(fabs(x), d, &e);
	int keep = n ? e + decimals + 1 : 0;    /* digits at or above 10^-decimals */
	if (keep < n) {
		int up = keep >= 0 && d[keep] >= '5';
		n = keep < 0 ? 0 : keep;
		for (int i = n - 1; up && i >= 0; i--) {   /* add one unit, carrying */
			if (d[i] == '9') {
				d[i] = '0';
			} else {
				d[i]++;
				up = 0;
			}
		}
		if (up) {   /* 9.99 -> 10.0, or 0.004 -> 0.01 with nothing kept */
			memmove(d + 1, d, (size_t)n);
			d[0] = '1';
			n++;
			e++;
			if (keep <= 0)
				e = -decimals;
		}
		while (n > 0 && d[n - 1] == '0')
			n--;
	}
	if (n == 0) {
		out[0] = '0';
		out[1] = '\0';
		return 1;
	}
	if (x < 0)
		out[k++] = '-';
	if (e < 0) {
		out[k++] = '0';
		out[k++] = '.';
		for (int i = -1; i > e; i--)
			out[k++] = '0';
		for (int i = 0; i < n; i++)
			out[k++] = d[i];
	} else {
		for (int i = 0; i <= e; i++)
			out[k++] = i < n ? d[i] : '0';
		if (n > e + 1) {
			out[k++] = '.';
			for (int i = e + 1; i < n; i++)
				out[k++] = d[i];
		}
	}
	out[k] = '\0';
	return k;
}

/* out[0..n) and a NUL into buf of size bytes, cut to size - 1 (as snprintf "%s"). */
static void copy_out(char *buf, size_t size, const char *out, size_t n)
{
	if (size == 0)
		return;
	size_t k = n < size ? n : size - 1;
	memcpy(buf, out, k);
	buf[k] = '\0';
}

size_t number_round(double x, int decimals, char *buf, size_t size)
{
	static const double scale[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10 };
	char out[400];
	size_t n;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 17)
		decimals = 17;
	double ax = fabs(x);
	if (!isfinite(x)) {                                          /* as printf has it */
		int k = snprintf(out, sizeof out, "%.*f", decimals, x);
		n = k > 0 ? (size_t)k : 0;
	} else if (ax < 9e15 && ax == floor(ax)) {                         /* whole */
		n = put_scaled(x < 0, (uint64_t)ax, 0, out);
	} else if (decimals <= 9 && ax * scale[decimals] < 1e9) {
		/* |x * 10^decimals - exact decimal * 10^decimals| < 2.3e-7 here, so a fraction
		 * more than 1e-6 away from .5 rounds as the decimal does */
		double scaled = ax * scale[decimals];
		double whole = floor(scaled), frac = scaled - whole;
		int up = frac > 0.5;
		if (!(fabs(frac - 0.5) > 1e-6)) {
			/* Near a tie: t = (whole + 0.5) / 10^decimals has decimals + 1 digits
			 * (at most 11 significant), and the division below is exact but for
			 * one rounding, so tie is the double strtod reads t as.  ax's shortest
			 * decimal is t itself when ax == tie (15 digits show t), and above or
			 * below t exactly when ax is above or below tie (strtod is monotonic):
			 * half away from zero on its digits is up iff ax >= tie. */
			double tie = (whole * 10 + 5) / scale[decimals + 1];
			up = ax >= tie;
		}
		n = put_scaled(x < 0, (uint64_t)whole + (uint64_t)up, decimals, out);
	} else {
		n = round_digits(x, decimals, out);
	}
	copy_out(buf, size, out, n);
	return n;
}

size_t number_round_fixed(double x, int decimals, char *buf, size_t size)
{
	char out[420];
	size_t n = number_round(x, decimals, out, sizeof out - 20);
	const char *dot = strchr(out, '.');
	int have = dot ? (int)(n - (size_t)(dot - out) - 1) : 0;

	if (!isfinite(x))
		have = decimals;    /* "nan", "inf": nothing to pad */
	else if (decimals > 0 && !dot)
		out[n++] = '.';
	for (; have < decimals && n < sizeof out - 1; have++)
		out[n++] = '0';
	out[n] = '\0';
	copy_out(buf, size, out, n);
	return n;
}

void number_format(double x, int decimals, char *buf, size_t size)
{
	number_round(x, decimals, buf, size);
}
