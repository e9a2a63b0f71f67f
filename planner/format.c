/*
 * format.c: number and label formatting shared by the writers (see format.h).
 */
#include <math.h>
#include <stdio.h>

#include "format.h"
#include "numbers.h"

const char *format_quantity(double x, char *buf, size_t size)
{
	if (isnan(x))
		snprintf(buf, size, "-");
	else
		number_format(x, 2, buf, size);
	return buf;
}

const char *format_letter_name(char letter)
{
	switch (letter) {
	case 'Y': return "tobacco-and-liquor shops";
	case 'S': return "grocery stores";
	case 'B': return "convenience stores";
	case 'C': return "supermarkets";
	case 'E': return "entertainment venues";
	case 'Q': return "other outlets";
	default: return "outlets";
	}
}
