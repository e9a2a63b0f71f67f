/*
 * swot.h: SWOT findings derived from a store's data by rules given as data.  A rule
 * says "when FACT compares OP to THRESHOLD, this is a finding of QUADRANT, worded by
 * FINDING_KEY, answered by MEASURE_KEY owned by OWNER".  The rules are parsed by the
 * planner (templates/swot-rules.txt) and handed in as plain structs; this module
 * resolves each rule's fact name (swot_fact_resolve: an assessment factor, growth:NAME
 * or a derived fact of the facts[] table in swot.c), computes it, applies the rules and
 * returns each finding with its evidence as named text arguments.
 * Nothing here prints or draws.
 */
#ifndef PLANNER_SWOT_H
#define PLANNER_SWOT_H

#include <stddef.h>

#include "model.h"

typedef enum swot_quadrant {
	SWOT_STRENGTH = 0,
	SWOT_WEAKNESS,
	SWOT_OPPORTUNITY,
	SWOT_THREAT,
	SWOT_QUADRANTS,
} swot_quadrant;

typedef enum swot_op { SWOT_LT, SWOT_LE, SWOT_GT, SWOT_GE, SWOT_EQ, SWOT_NE } swot_op;

typedef enum swot_owner { SWOT_OWNER_NONE = 0, SWOT_OWNER_STORE, SWOT_OWNER_MANAGER } swot_owner;

typedef struct swot_rule {
	const char *fact;         /* factor name, derived fact, or "growth:NAME" */
	swot_op op;
	double threshold;
	swot_quadrant quadrant;
	const char *finding_key;  /* template key of the finding's wording */
	const char *measure_key;  /* template key of the measure, NULL for none */
	swot_owner owner;         /* who carries the measure out */
	int due_month;            /* check the measure at the end of month N of the plan */
	int line;                 /* where the rule was written, for messages */
} swot_rule;

typedef struct swot_config {
	const swot_rule *rules;
	size_t n_rules;
	double near_distance;     /* metres: neighbours this close count as "near" */
} swot_config;

/* Everything the facts are computed from; any pointer but store and ev may be NULL. */
typedef struct swot_input {
	const store *store;
	const evaluation *ev;
	const peer_stats *ps;
	const growth_fact *growth;
	size_t n_growth;
	double peer_area_median;  /* m², NaN when unknown */
	const char *region_name;  /* {place} of a growth fact without a place; NULL: "" */
} swot_input;

#define SWOT_MAX_ARGS 8
#define SWOT_ARG_SIZE 256

/* One piece of evidence: {name} in the wording is replaced by text.  When list is
 * set, text holds items separated by '\n' (surroundings keywords, honours) and list
 * names their kind ("place", "honour"), so that the renderer can word each item in
 * the plan's language and join them. */
typedef struct swot_arg {
	const char *name;
	char text[SWOT_ARG_SIZE];
	const char *list;
} swot_arg;

typedef struct swot_finding {
	const swot_rule *rule;
	double value;
	size_t n_args;
	swot_arg args[SWOT_MAX_ARGS];
} swot_finding;

typedef struct swot_result {
	swot_finding *findings;   /* in rule order */
	size_t n;
	size_t count[SWOT_QUADRANTS];
} swot_result;

/* Applies every rule of cfg to the facts of in.  A rule whose fact is missing from the
 * data does not fire.  0 ok, -1 out of memory. */
int swot_derive(const swot_config *cfg, const swot_input *in, swot_result *out);
void swot_result_free(swot_result *r);

/* The facts a rule can name: one row each in the facts[] table of swot.c. */
typedef enum swot_fact_id {
	SWOT_FACT_FACTOR = 0,          /* an assessment factor, by its name */
	SWOT_FACT_GROWTH,              /* growth:NAME, the region's <growth name="NAME"> */
	SWOT_FACT_HONOURS,
	SWOT_FACT_PRICE_RANGE,
	SWOT_FACT_ORDER_GROWTH,
	SWOT_FACT_PERCENTILE,
	SWOT_FACT_ORDERS_VS_MEDIAN,
	SWOT_FACT_AREA_VS_MEDIAN,
	SWOT_FACT_NEIGHBOURS_NEAR,
	SWOT_FACT_LARGE_NEIGHBOURS,
	SWOT_FACT_WEAKER_NEIGHBOURS,
	SWOT_FACT_SURROUNDINGS,
	SWOT_FACTS,
} swot_fact_id;

/* What a rule's fact name stands for. */
typedef struct swot_fact_ref {
	swot_fact_id id;
	const char *name;              /* the factor's or the growth fact's name, else NULL */
	int own_factor;                /* a factor planner does not know: a region's own */
} swot_fact_ref;

/* Resolves a rule's fact name: a derived fact, growth:NAME, or a factor name (letters,
 * digits, '_', '.', '-', starting with a letter, as the schema's factor names).  A name
 * that is none of these is not a fact: -1.  0 when resolved. */
int swot_fact_resolve(const char *fact, swot_fact_ref *out);

/* Value of one fact with its evidence; 1 when the data defines it, 0 when not (or when
 * fact does not resolve). */
int swot_fact(const swot_config *cfg, const swot_input *in, const char *fact, double *value,
	      swot_arg args[SWOT_MAX_ARGS], size_t *n_args);

/* The placeholder names a finding or measure worded for fact id may use, as a
 * NULL-terminated list (every fact has "value" and "threshold"). */
const char *const *swot_fact_placeholders(swot_fact_id id);
/* Its name in the rules ("order-growth"; "growth:" for SWOT_FACT_GROWTH, "" for factors). */
const char *swot_fact_name(swot_fact_id id);

/* Whether a rule fires for value v. */
int swot_compare(swot_op op, double v, double threshold);

/* Median business area of the valid stores of group with a figure in quarter q,
 * NaN when none has an area.  O(stores in r). */
double swot_peer_area_median(const region *r, const char *group, quarter_t q);

#endif
