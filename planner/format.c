/*
 * format.c: number and label formatting shared by the writers (see format.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "format.h"

const char *format_quantity(double x, char *buf, size_t size)
{
	if (isnan(x)) {
		snprintf(buf, size, "-");
		return buf;
	}
	snprintf(buf, size, "%.2f", x);
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
