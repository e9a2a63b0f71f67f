/*
 * json_number.c: one rule for numbers in every JSON output (see json_number.h).
 */
#include <math.h>
#include <stdlib.h>

#include "json_number.h"
#include "numbers.h"

json_t *json_number(double x, int decimals)
{
	if (isnan(x) || isinf(x))
		return json_null();
	char decimal[400];

	number_round(x, decimals, decimal, sizeof decimal);   /* the one rounding rule */
	double r = strtod(decimal, NULL);
	if (r == floor(r) && fabs(r) < 9e15)
		return json_integer((json_int_t)r);
	return json_real(r);
}
