/*
 * templates_parse.h: what the two readers of templates/ share (templates.c reads a
 * language file, templates_rules.c the SWOT rules).  Private to them.
 */
#ifndef PLANNER_TEMPLATES_PARSE_H
#define PLANNER_TEMPLATES_PARSE_H

#include "templates.h"

/* Cuts the next line out of *p (NUL-terminated in place), trims blanks; NULL at the end. */
char *tmpl_next_line(char **p);
/* The entry of key, or NULL. */
const tmpl_entry *tmpl_find_entry(const tmpl_set *t, const char *key);
/* Checks every {name} of e's value against the allowed names (a space-separated list,
 * or a NULL-terminated array when list is NULL). */
int tmpl_check_placeholders(const tmpl_set *t, const tmpl_entry *e, const char *list,
			    const char *const *array, diag *err);
/* Reads t->rules_buf (swot-rules.txt) into t's rules and settings. */
int tmpl_parse_rules(tmpl_set *t, diag *err);

#endif
