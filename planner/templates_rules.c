/*
 * templates_rules.c: reads templates/swot-rules.txt (the SWOT rules and a few settings,
 * format in templates/README.md) into a tmpl_set, checking that every rule names a fact
 * (swot_fact_resolve) and keys of the language file with only its fact's placeholders.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "templates.h"
#include "templates_parse.h"

#define DEFAULT_NEAR_DISTANCE 100.0
#define DEFAULT_ACCELERATION_MAX_PCT 60.0

/* The rule file's problem key (a templates.rule.* message) about the word s. */
static int rule_error(const tmpl_set *t, int line, diag *err, const char *key, const char *s)
{
	char shown[64];

	snprintf(shown, sizeof shown, "%.60s", s);
	diag_msg(err, EXIT_DATAERR, t->rules_path, line, NULL, NULL, key, "value", shown, NULL);
	return EXIT_DATAERR;
}

static int parse_number(const char *s, double *out)
{
	char *end;
	errno = 0;
	*out = strtod(s, &end);
	return *s && !*end && errno == 0 && *out == *out ? 0 : -1;
}

static int parse_setting(tmpl_set *t, int line, char **w, int n, diag *err)
{
	double v;

	if (n != 3)
		return rule_error(t, line, err, "templates.rule.set-form", w[0]);
	if (parse_number(w[2], &v) < 0 || v < 0)
		return rule_error(t, line, err, "templates.rule.not-number", w[2]);
	if (strcmp(w[1], "near-distance") == 0)
		t->swot.near_distance = v;
	else if (strcmp(w[1], "acceleration-max-pct") == 0)
		t->milestones.acceleration_max_pct = v;
	else
		return rule_error(t, line, err,
				  "templates.rule.setting", w[1]);
	return EXIT_OK;
}

/* The rule's fact must be a fact swot.c knows, growth:NAME or a factor name. */
static int check_rule_fact(const tmpl_set *t, const swot_rule *r, swot_fact_ref *ref, diag *err)
{
	char derived[512] = "";

	if (swot_fact_resolve(r->fact, ref) == 0)
		return EXIT_OK;
	for (int id = SWOT_FACT_GROWTH + 1; id < SWOT_FACTS; id++)
		snprintf(derived + strlen(derived), sizeof derived - strlen(derived), "%s%s",
			 *derived ? " " : "", swot_fact_name((swot_fact_id)id));
	char fact[64];
	snprintf(fact, sizeof fact, "%.60s", r->fact);
	diag_msg(err, EXIT_DATAERR, t->rules_path, r->line, NULL, NULL, "templates.rule.fact",
		 "fact", fact, "facts", derived, NULL);
	return EXIT_DATAERR;
}

/* The key exists and uses only the placeholders of the rule's fact.  A name that is no
 * fact planner knows reads as a region's own factor: when its wording does not fit,
 * the likelier mistake is a misspelt fact, so the message names the rule's line. */
static int check_rule_key(const tmpl_set *t, const swot_rule *r, const swot_fact_ref *ref,
			  const char *key, diag *err)
{
	const tmpl_entry *e = tmpl_find_entry(t, key);
	if (!e) {
		diag_msg(err, EXIT_DATAERR, t->rules_path, r->line, NULL, NULL,
			 "templates.rule.key-missing", "key", key, "file", t->text_path, NULL);
		return EXIT_DATAERR;
	}
	int rc = tmpl_check_placeholders(t, e, NULL, swot_fact_placeholders(ref->id), err);
	if (rc && ref->own_factor) {
		char why[sizeof err->text], fact[64];
		snprintf(why, sizeof why, "%s", err->text);
		snprintf(fact, sizeof fact, "%.60s", r->fact);
		diag_msg(err, EXIT_DATAERR, t->rules_path, r->line, NULL, NULL,
			 "templates.rule.own-factor", "fact", fact, "why", why, NULL);
	}
	return rc;
}

static int parse_rule(tmpl_set *t, int line, char **w, int n, swot_rule *r, diag *err)
{
	static const char *const ops[] = { "<", "<=", ">", ">=", "=", "!=" };
	static const char *const quadrants[] = { "strength", "weakness", "opportunity", "threat" };

	if (n < 5 || n > 8)
		return rule_error(t, line, err,
				  "templates.rule.form",
				  w[0]);
	memset(r, 0, sizeof *r);
	r->fact = w[0];
	r->line = line;
	r->due_month = 1;
	int op = -1, quad = -1;
	for (int i = 0; i < 6; i++)
		if (strcmp(w[1], ops[i]) == 0)
			op = i;
	if (strcmp(w[1], "==") == 0)
		op = SWOT_EQ;
	if (op < 0)
		return rule_error(t, line, err, "templates.rule.comparison", w[1]);
	r->op = (swot_op)op;
	if (parse_number(w[2], &r->threshold) < 0)
		return rule_error(t, line, err, "templates.rule.threshold", w[2]);
	for (int i = 0; i < 4; i++)
		if (strcmp(w[3], quadrants[i]) == 0)
			quad = i;
	if (quad < 0)
		return rule_error(t, line, err,
				  "templates.rule.quadrant", w[3]);
	r->quadrant = (swot_quadrant)quad;
	r->finding_key = w[4];
	if (n >= 6 && strcmp(w[5], "-") != 0)
		r->measure_key = w[5];
	if (n >= 7 && strcmp(w[6], "store") == 0)
		r->owner = SWOT_OWNER_STORE;
	else if (n >= 7 && strcmp(w[6], "manager") == 0)
		r->owner = SWOT_OWNER_MANAGER;
	else if (n >= 7 && strcmp(w[6], "-") != 0)
		return rule_error(t, line, err, "templates.rule.owner", w[6]);
	if (n == 8) {
		double d;
		if (parse_number(w[7], &d) < 0 || d < 1 || d > 3 * MILESTONES_MAX_QUARTERS || d != (int)d)
			return rule_error(t, line, err, "templates.rule.due", w[7]);
		r->due_month = (int)d;
	}
	if ((r->quadrant == SWOT_WEAKNESS || r->quadrant == SWOT_THREAT) &&
	    (!r->measure_key || r->owner == SWOT_OWNER_NONE))
		return rule_error(t, line, err, "templates.rule.needs-measure",
				  r->finding_key);
	if (r->measure_key && r->owner == SWOT_OWNER_NONE)
		return rule_error(t, line, err, "templates.rule.needs-owner",
				  r->measure_key);
	swot_fact_ref ref;
	int rc = check_rule_fact(t, r, &ref, err);
	if (!rc)
		rc = check_rule_key(t, r, &ref, r->finding_key, err);
	if (!rc && r->measure_key)
		rc = check_rule_key(t, r, &ref, r->measure_key, err);
	return rc;
}

int tmpl_parse_rules(tmpl_set *t, diag *err)
{
	char *p = t->rules_buf;
	size_t cap = 0;
	int line = 0;

	t->swot.near_distance = DEFAULT_NEAR_DISTANCE;
	t->milestones.acceleration_max_pct = DEFAULT_ACCELERATION_MAX_PCT;
	for (char *s; (s = tmpl_next_line(&p)) != NULL;) {
		char *w[9];
		int n = 0;

		line++;
		if (*s == '\0' || *s == '#')
			continue;
		char *save = NULL;
		for (char *tok = strtok_r(s, " \t", &save); tok && n < 9;
		     tok = strtok_r(NULL, " \t", &save))
			w[n++] = tok;
		if (n == 0)
			continue;
		if (strcmp(w[0], "set") == 0) {
			int rc = parse_setting(t, line, w, n, err);
			if (rc)
				return rc;
			continue;
		}
		if (t->n_rules == cap) {
			cap = cap ? cap * 2 : 64;
			swot_rule *r = realloc(t->rules, cap * sizeof *r);
			if (!r) {
				diag_msg(err, EXIT_SOFTWARE, t->rules_path, 0, NULL, NULL, "out.no-memory",
					 NULL);
				return EXIT_SOFTWARE;
			}
			t->rules = r;
		}
		int rc = parse_rule(t, line, w, n, &t->rules[t->n_rules], err);
		if (rc)
			return rc;
		t->n_rules++;
	}
	t->swot.rules = t->rules;
	t->swot.n_rules = t->n_rules;
	return EXIT_OK;
}
