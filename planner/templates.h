/*
 * templates.h: the wording of printed plans and the SWOT rules, loaded from templates/
 * (format: templates/README.md).  A language file holds `key = value` lines with
 * {placeholder}s; swot-rules.txt holds the rules and a few settings.  Loading checks
 * that every key the caller needs exists with only the placeholders it supplies, and
 * that every rule names a fact (swot_fact_resolve) and keys that exist with only its
 * fact's placeholders: a gap is a load error naming file, line and key, never a blank
 * on paper.  A loaded tmpl_set is read-only, so one set can serve any number
 * of threads or forked processes at once.
 */
#ifndef PLANNER_TEMPLATES_H
#define PLANNER_TEMPLATES_H

#include <stddef.h>

#include "milestones.h"
#include "model.h"
#include "swot.h"

/* A key the code uses, with the placeholders it supplies (space-separated). */
typedef struct tmpl_key {
	const char *key;
	const char *placeholders;
} tmpl_key;

typedef struct tmpl_arg {
	const char *name;
	const char *value;
} tmpl_arg;

typedef struct tmpl_entry {
	const char *key, *value;
	int line;
} tmpl_entry;

#define TMPL_LANG_MAX 16

typedef struct tmpl_set {
	char lang[TMPL_LANG_MAX];
	char text_path[512], rules_path[512];
	char *text_buf, *rules_buf;    /* file contents; entries and rules point into them */
	tmpl_entry *entries;           /* sorted by key */
	size_t n_entries;
	swot_rule *rules;
	size_t n_rules;
	swot_config swot;              /* rules + settings, ready for swot_derive */
	milestones_config milestones;
} tmpl_set;

/* Loads DIR/LANG.txt and DIR/swot-rules.txt.  Returns EXIT_OK, EXIT_NOINPUT (a file
 * is missing or unreadable) or EXIT_DATAERR (a line is malformed, a key is missing,
 * a placeholder is not supplied), with *err saying "file:line: what".  lang must be
 * a plain name ([a-z], '-', '_'). */
int tmpl_load(const char *dir, const char *lang, const tmpl_key *keys, size_t n_keys,
	      tmpl_set **out, diag *err);
/* Loads one `key = value` file (PATH) alone, with no key list and no rules: the
 * messages catalogue (messages.h).  lang is recorded as the set's language. */
int tmpl_load_text(const char *path, const char *lang, tmpl_set **out, diag *err);
void tmpl_free(tmpl_set *t);

/* The value of key, or NULL when the file does not have it. */
const char *tmpl_get(const tmpl_set *t, const char *key);
/* key's value (fallback's when key is absent) with every {name} replaced from args;
 * a placeholder without an argument is kept as written.  Always NUL-terminates. */
const char *tmpl_format(const tmpl_set *t, const char *key, const char *fallback,
			const tmpl_arg *args, size_t n_args, char *buf, size_t size);
/* The same on a pattern instead of a key. */
const char *tmpl_expand(const char *pattern, const tmpl_arg *args, size_t n_args, char *buf,
			size_t size);

#endif
