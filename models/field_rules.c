/*
 * field_rules.c: the rules for a store's field values (store id, code, order figures,
 * area, year opened), written once for every reader of stores: the XML reader and the
 * spreadsheet import.  See field_rules.h.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "field_rules.h"
#include "numbers.h"
#include "reader_ctx.h"

int field_store_id_ok(const char *id)
{
	size_t n = strlen(id);

	if (n == 0 || n > FIELD_MAX_ID || id[0] == '.')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char ch = id[i];
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		      (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.'))
			return 0;
	}
	return 1;
}

uint64_t field_store_id_hash(const char *id)
{
	uint64_t h = 1469598103934665603ULL;

	while (*id)
		h = (h ^ (unsigned char)*id++) * 1099511628211ULL;
	return h;
}

void field_store_id_why(const char *text, char *why, size_t size)
{
	char shown[48];

	snprintf(why, size, "\"%s\" is not a store id (1-64 letters, digits, '_', '-', '.'; "
		 "no leading '.')", reader_shorten(text, shown, sizeof shown));
}

int field_store_id(const char *text, char *why, size_t size)
{
	if (field_store_id_ok(text))
		return 0;
	field_store_id_why(text, why, size);
	return -1;
}

int field_code(const char *text, category_code *out, char *why, size_t size)
{
	const char *reason = NULL;
	char shown[24];

	if (code_parse(text, out, &reason) == 0)
		return 0;
	snprintf(why, size, "\"%s\": %s", reader_shorten(text, shown, sizeof shown), reason);
	return -1;
}

int field_quantity(const char *text, double *out, char *why, size_t size)
{
	char shown[48];
	double v;

	if (number_parse(text, &v) < 0 || v < 0) {
		snprintf(why, size, "\"%s\" is not a quantity >= 0",
			 reader_shorten(text, shown, sizeof shown));
		return -1;
	}
	if (v > FIELD_MAX_ORDERS) {
		snprintf(why, size, "\"%s\" is not a plausible quarterly quantity (max %.0f)",
			 reader_shorten(text, shown, sizeof shown), FIELD_MAX_ORDERS);
		return -1;
	}
	*out = v;
	return 0;
}

int field_area(const char *text, double *out, char *why, size_t size)
{
	char shown[48];
	double v;

	if (number_parse(text, &v) < 0 || v <= 0 || v > FIELD_MAX_AREA) {
		snprintf(why, size, "\"%s\" is not an area in m² (a number > 0, at most %.0f)",
			 reader_shorten(text, shown, sizeof shown), FIELD_MAX_AREA);
		return -1;
	}
	*out = v;
	return 0;
}

int field_opened(const char *text, int *out, char *why, size_t size)
{
	char shown[48];
	double v;

	if (number_parse(text, &v) < 0 || strchr(text, '.') || v < 1900 || v > 2100) {
		snprintf(why, size, "\"%s\" is not a year 1900-2100",
			 reader_shorten(text, shown, sizeof shown));
		return -1;
	}
	*out = (int)v;
	return 0;
}
