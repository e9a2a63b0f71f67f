/*
 * factors.c: the assessment factors planner knows, with the range each must lie in.
 * Scores are 1..5 visit ratings; other factors are counts, prices, percentages or
 * yes/no.  Factors not listed are accepted when numeric or yes/no (regions may add
 * their own and refer to them from the SWOT rules in templates/).
 */
#include <string.h>

#include "factors.h"

static const factor_kind known[] = {
	{ "display", FACTOR_SCORE, 1, 5 },
	{ "sample-layout", FACTOR_SCORE, 1, 5 },
	{ "recommendation", FACTOR_SCORE, 1, 5 },
	{ "information", FACTOR_SCORE, 1, 5 },
	{ "service", FACTOR_SCORE, 1, 5 },
	{ "stock-health", FACTOR_SCORE, 1, 5 },
	{ "operation", FACTOR_SCORE, 1, 5 },
	{ "self-learning", FACTOR_SCORE, 1, 5 },
	{ "skus", FACTOR_NUMBER, 0, 100000 },
	{ "price-low", FACTOR_NUMBER, 0, 100000 },
	{ "price-high", FACTOR_NUMBER, 0, 100000 },
	{ "order-success", FACTOR_NUMBER, 0, 100 },
	{ "tobacco-share", FACTOR_NUMBER, 0, 100 },
	{ "sole-supplier", FACTOR_YESNO, 0, 1 },
};

const factor_kind *factor_kind_find(const char *name)
{
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(known[i].name, name) == 0)
			return &known[i];
	return NULL;
}
