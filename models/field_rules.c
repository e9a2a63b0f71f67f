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

/* The reason text is not a store id, as a diag without a place. */
void field_check_store_id_why(const char *text, diag *why)
{
	char shown[48];

	diag_msg(why, EXIT_DATAERR, NULL, 0, NULL, NULL, "store.id",
		 "id", reader_shorten(text, shown, sizeof shown), NULL);
}

int field_check_code(const char *text, category_code *out, diag *why)
{
	const char *reason = NULL;
	char shown[24], key[48];

	if (code_parse(text, out, &reason) == 0)
		return 0;
	snprintf(key, sizeof key, "store.code.%s", reason);
	diag_msg(why, EXIT_DATAERR, NULL, 0, NULL, NULL, key,
		 "code", reader_shorten(text, shown, sizeof shown), NULL);
	return -1;
}

int field_check_quantity(const char *text, double *out, diag *why)
{
	char shown[48], max[32];
	double v;

	if (number_parse(text, &v) < 0 || v < 0) {
		diag_msg(why, EXIT_DATAERR, NULL, 0, NULL, NULL, "store.quantity",
			 "value", reader_shorten(text, shown, sizeof shown), NULL);
		return -1;
	}
	if (v > FIELD_MAX_ORDERS) {
		snprintf(max, sizeof max, "%.0f", FIELD_MAX_ORDERS);
		diag_msg(why, EXIT_DATAERR, NULL, 0, NULL, NULL, "store.quantity.max",
			 "value", reader_shorten(text, shown, sizeof shown), "max", max, NULL);
		return -1;
	}
	*out = v;
	return 0;
}

int field_check_area(const char *text, double *out, diag *why)
{
	char shown[48], max[32];
	double v;

	if (number_parse(text, &v) < 0 || v <= 0 || v > FIELD_MAX_AREA) {
		snprintf(max, sizeof max, "%.0f", FIELD_MAX_AREA);
		diag_msg(why, EXIT_DATAERR, NULL, 0, NULL, NULL, "store.area",
			 "value", reader_shorten(text, shown, sizeof shown), "max", max, NULL);
		return -1;
	}
	*out = v;
	return 0;
}

int field_check_opened(const char *text, int *out, diag *why)
{
	char shown[48];
	double v;

	if (number_parse(text, &v) < 0 || strchr(text, '.') || v < 1900 || v > 2100) {
		diag_msg(why, EXIT_DATAERR, NULL, 0, NULL, NULL, "store.opened",
			 "value", reader_shorten(text, shown, sizeof shown), NULL);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/* ---- the same checks with the reason in English words, for callers that print it ---- */

/* why's words (no place) into out. */
static int words(const diag *why, char *out, size_t size)
{
	diag_render(why->msg, out, size);
	return -1;
}

void field_store_id_why(const char *text, char *why, size_t size)
{
	diag d;

	field_check_store_id_why(text, &d);
	words(&d, why, size);
}

int field_store_id(const char *text, char *why, size_t size)
{
	if (field_store_id_ok(text))
		return 0;
	field_store_id_why(text, why, size);
	return -1;
}




