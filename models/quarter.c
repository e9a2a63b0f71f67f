/*
 * quarter.c: quarter ids ("2007Q1") as small integers (year * 4 + n - 1), so that
 * "the next quarter" and "four quarters back" are plain arithmetic.
 */
#include <stdio.h>

#include "model.h"

int quarter_parse(const char *s, quarter_t *out)
{
	int year = 0;

	if (!s)
		return -1;
	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		year = year * 10 + (s[i] - '0');
	}
	/* six characters exactly: s[6] is read only after s[0..5] were found not to end it */
	if (s[4] != 'Q' || s[5] < '1' || s[5] > '4' || s[6] != '\0')
		return -1;
	if (year < 1900 || year > 2999)
		return -1;
	*out = year * 4 + (s[5] - '1');
	return 0;
}

int quarter_year(quarter_t q) { return q / 4; }
int quarter_number(quarter_t q) { return q % 4 + 1; }

void quarter_format(quarter_t q, char out[12])
{
	if (q == QUARTER_NONE)
		snprintf(out, 12, "-");
	else
		snprintf(out, 12, "%04uQ%u", (unsigned)q / 4 % 10000u, (unsigned)q % 4 + 1);
}
