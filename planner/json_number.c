/*
 * json_number.c: one rule for numbers in every JSON output (see json_number.h).
 */
#include <math.h>

#include "json_number.h"

json_t *json_number(double x, int decimals)
{
	if (isnan(x) || isinf(x))
		return json_null();
	double scale = pow(10, decimals);
	double r = round(x * scale) / scale;
	if (r == floor(r) && fabs(r) < 9e15)
		return json_integer((json_int_t)r);
	return json_real(r);
}
