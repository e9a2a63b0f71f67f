/*
 * numbers.c: strict parsing of the numbers found in planner's XML files.  Only plain
 * decimals are accepted ("946", "30.5"), as xs:decimal in the schema: no exponent
 * ("1e9" is a typo more often than a carton count, and validate refuses it), no hex,
 * no "inf", no "nan", no trailing junk, and the result must be finite.
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

void number_format(double x, int decimals, char *buf, size_t size)
{
	snprintf(buf, size, "%.*f", decimals, x);
	char *dot = strchr(buf, '.');
	if (dot) {
		char *end = buf + strlen(buf) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, size, "0");
}
