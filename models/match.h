/*
 * match.h: the strategic match score of a store (1.00-5.00) from its assessment
 * factors, with weights and scales read from a rules file (templates/match-rules.txt),
 * and the customer value quadrant it makes with the store's percentile.  Plain data.
 */
#ifndef PLANNER_MATCH_H
#define PLANNER_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define MATCH_RULES_MAX 16
#define MATCH_NAMES_MAX 4        /* a factor and its fallbacks: "self-learning|information" */
#define MATCH_NAME_LEN 32

typedef enum match_scale {
	MATCH_SCORE = 0,             /* a 1..5 rating, used as it is */
	MATCH_YESNO,                 /* yes 5, no 1 */
	MATCH_RANGE,                 /* LO -> 1 ... HI -> 5, linear, clamped */
} match_scale;

typedef struct match_rule {
	char names[MATCH_NAMES_MAX][MATCH_NAME_LEN];   /* the first one present is used */
	int n_names;
	int weight;                  /* 1..100 */
	match_scale scale;
	double lo, hi;               /* MATCH_RANGE */
} match_rule;

typedef struct match_rules {
	match_rule rule[MATCH_RULES_MAX];
	int n;
} match_rules;

typedef enum quadrant {
	QUADRANT_NONE = 0,
	QUADRANT_STRATEGIC,          /* value high, match high */
	QUADRANT_PROFIT,             /* value high, match low */
	QUADRANT_POTENTIAL,          /* value low, match high */
	QUADRANT_ORDINARY,           /* both low */
} quadrant;
#define QUADRANT_COUNT 5

const char *quadrant_name(quadrant q);   /* "strategic" ...; "" for none */

/* Parses a rules file's text: "NAME[|NAME...] WEIGHT score|yesno|range LO HI" per
 * line, '#' comments.  0, or -1 with *d set ("name:line: why", EXIT_DATAERR). */
int match_parse(const char *text, const char *name, match_rules *out, diag *d);
/* Reads and parses a rules file: EXIT_OK, EXIT_NOINPUT or EXIT_DATAERR. */
int match_load(const char *path, match_rules *out, diag *d);

/* One rule's value on the 1..5 scale from a factor's value (is_number as in factor:
 * 1 numeric, 2 yes/no); NaN when the factor's kind does not fit the scale. */
double match_scaled(const match_rule *r, double value, int is_number);
/* The store's score in hundredths (100..500): the weighted mean of its rules' scaled
 * values, rounded to two decimals; 0 when a rule finds none of its factors. */
uint16_t match_score(const match_rules *m, const store *s);

/* The quadrant of a percentile (NaN: none) and a score in hundredths (0: none), with
 * the value cut in % and the match cut in hundredths. */
quadrant match_quadrant(double percentile, uint16_t score, double value_cut,
			uint16_t match_cut);

#endif
