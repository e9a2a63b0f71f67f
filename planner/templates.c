/*
 * templates.c: reads a language file from templates/ (the SWOT rules: templates_rules.c),
 * checks it against what the code needs, and fills in {placeholders} (see templates.h
 * and templates/README.md).  Pure C: no cairo, no global state.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "templates.h"
#include "templates_parse.h"
#include "utf8.h"

static int read_file(const char *path, char **out, diag *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0;

	if (!f) {
		diag_msg(err, EXIT_NOINPUT, path, 0, NULL, NULL, "templates.cannot-open", "error",
			 strerror(errno), NULL);
		return EXIT_NOINPUT;
	}
	for (;;) {
		if (cap - len < 4096) {
			char *p = realloc(buf, cap + 65536);
			if (!p) {
				free(buf);
				fclose(f);
				diag_msg(err, EXIT_SOFTWARE, path, 0, NULL, NULL, "out.no-memory", NULL);
				return EXIT_SOFTWARE;
			}
			buf = p;
			cap += 65536;
		}
		size_t n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
		if (n == 0)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		diag_msg(err, EXIT_NOINPUT, path, 0, NULL, NULL, "templates.cannot-read", NULL);
		return EXIT_NOINPUT;
	}
	buf[len] = '\0';
	if (strlen(buf) != len) {
		free(buf);
		diag_msg(err, EXIT_DATAERR, path, 0, NULL, NULL, "templates.nul-byte", NULL);
		return EXIT_DATAERR;
	}
	*out = buf;
	return EXIT_OK;
}

/* Index of the first byte that is not valid UTF-8, or -1. */
static long utf8_invalid_at(const unsigned char *s)
{
	const unsigned char *p = s;

	while (*p) {
		int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2
		      : (*p & 0xF8) == 0xF0 ? 3 : -1;
		if (n < 0 || (n == 1 && *p < 0xC2))
			return p - s;
		for (int i = 1; i <= n; i++)
			if ((p[i] & 0xC0) != 0x80)
				return p - s;
		p += n + 1;
	}
	return -1;
}

static int line_of(const char *buf, const char *at)
{
	int line = 1;
	for (const char *p = buf; p < at; p++)
		line += *p == '\n';
	return line;
}

/* Cuts the next line out of *p (NUL-terminated in place), trims blanks. */
char *tmpl_next_line(char **p)
{
	char *s = *p, *end;

	if (!*s)
		return NULL;
	end = strchr(s, '\n');
	if (end) {
		*end = '\0';
		*p = end + 1;
	} else {
		*p = s + strlen(s);
	}
	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

static int valid_key(const char *k)
{
	if (!*k)
		return 0;
	for (; *k; k++)
		if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') ||
		      (*k >= '0' && *k <= '9') || strchr(".-_:", *k)))
			return 0;
	return 1;
}

/* In place: "\\n" -> newline, "\\\\" -> backslash. */
static void unescape_text(char *v)
{
	char *w = v;

	for (char *r = v; *r; r++) {
		if (r[0] == '\\' && (r[1] == 'n' || r[1] == '\\')) {
			*w++ = r[1] == 'n' ? '\n' : '\\';
			r++;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
}

/* unescape_text, and a value in double quotes loses them. */
static void unescape(char *v)
{
	size_t len = strlen(v);

	if (len >= 2 && v[0] == '"' && v[len - 1] == '"') {
		memmove(v, v + 1, len - 2);
		v[len - 2] = '\0';
	}
	unescape_text(v);
}

/* A "|" line continues the value of the key line above it: a line break (none for
 * the first "|" line under a key line with an empty value), then the text after the
 * "|" as written.  The value's text and the line's are both in the file's buffer, the
 * line after the value, so the line moves down to the value's end. */
static void continue_value(tmpl_entry *e, char *more, int first)
{
	char *end = (char *)e->value + strlen(e->value);

	unescape_text(more);
	if (!(first && end == e->value))
		*end++ = '\n';
	memmove(end, more, strlen(more) + 1);
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const tmpl_entry *)a)->key, ((const tmpl_entry *)b)->key);
}

static int parse_text(tmpl_set *t, diag *err)
{
	char *p = t->text_buf;
	size_t cap = 0;
	int line = 0;
	int above = 0;    /* the line above: 1 a key line, 2 a "|" line, 0 anything else */

	if (strncmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	for (char *s; (s = tmpl_next_line(&p)) != NULL;) {
		line++;
		if (*s == '\0' || *s == '#') {
			above = 0;
			continue;
		}
		if (*s == '|') {
			if (!above) {
				diag_msg(err, EXIT_DATAERR, t->text_path, line, NULL, NULL,
					 "templates.continuation", NULL);
				return EXIT_DATAERR;
			}
			continue_value(&t->entries[t->n_entries - 1], s + 1, above == 1);
			above = 2;
			continue;
		}
		above = 1;
		char *eq = strchr(s, '=');
		if (!eq) {
			diag_msg(err, EXIT_DATAERR, t->text_path, line, NULL, NULL,
				 "templates.not-key-value", NULL);
			return EXIT_DATAERR;
		}
		char *key_end = eq;
		while (key_end > s && (key_end[-1] == ' ' || key_end[-1] == '\t'))
			key_end--;
		*key_end = '\0';
		char *value = eq + 1;
		while (*value == ' ' || *value == '\t')
			value++;
		unescape(value);
		if (!valid_key(s)) {
			char shown[64];
			snprintf(shown, sizeof shown, "%.60s", s);
			diag_msg(err, EXIT_DATAERR, t->text_path, line, NULL, NULL,
				 "templates.bad-key", "key", shown, NULL);
			return EXIT_DATAERR;
		}
		if (t->n_entries == cap) {
			cap = cap ? cap * 2 : 256;
			tmpl_entry *e = realloc(t->entries, cap * sizeof *e);
			if (!e) {
				diag_msg(err, EXIT_SOFTWARE, t->text_path, 0, NULL, NULL, "out.no-memory",
					 NULL);
				return EXIT_SOFTWARE;
			}
			t->entries = e;
		}
		t->entries[t->n_entries++] = (tmpl_entry){ s, value, line };
	}
	qsort(t->entries, t->n_entries, sizeof *t->entries, by_key);
	for (size_t i = 1; i < t->n_entries; i++)
		if (strcmp(t->entries[i - 1].key, t->entries[i].key) == 0) {
			const tmpl_entry *a = &t->entries[i - 1], *b = &t->entries[i];
			char other[16];
			snprintf(other, sizeof other, "%d", a->line > b->line ? b->line : a->line);
			diag_msg(err, EXIT_DATAERR, t->text_path, a->line > b->line ? a->line : b->line,
				 NULL, NULL, "templates.key-twice", "key", a->key, "other", other, NULL);
			return EXIT_DATAERR;
		}
	return EXIT_OK;
}

const tmpl_entry *tmpl_find_entry(const tmpl_set *t, const char *key)
{
	tmpl_entry probe = { key, NULL, 0 };
	if (!t->entries)
		return NULL;
	return bsearch(&probe, t->entries, t->n_entries, sizeof *t->entries, by_key);
}

const char *tmpl_get(const tmpl_set *t, const char *key)
{
	const tmpl_entry *e = tmpl_find_entry(t, key);
	return e ? e->value : NULL;
}

/* Whether name (len bytes) is a word of the space-separated list. */
static int in_list(const char *list, const char *name, size_t len)
{
	while (*list) {
		list += strspn(list, " ");
		size_t n = strcspn(list, " ");
		if (n == len && strncmp(list, name, len) == 0)
			return 1;
		list += n;
	}
	return 0;
}

static int in_array(const char *const *list, const char *name, size_t len)
{
	for (; *list; list++)
		if (strlen(*list) == len && strncmp(*list, name, len) == 0)
			return 1;
	return 0;
}

/* Checks every {name} of e's value against the allowed names (a space-separated list,
 * or a NULL-terminated array when list is NULL). */
int tmpl_check_placeholders(const tmpl_set *t, const tmpl_entry *e, const char *list,
			    const char *const *array, diag *err)
{
	for (const char *p = e->value; *p; p++) {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			p++;
			continue;
		}
		if (*p != '{')
			continue;
		const char *close = strchr(p, '}');
		size_t len = close ? (size_t)(close - p - 1) : 0;
		if (!close || len == 0 || (list ? !in_list(list, p + 1, len)
						   : !in_array(array, p + 1, len))) {
			/* [closed][no placeholder allowed] */
			static const char *const keys[2][2] = {
				{ "templates.placeholder.unclosed", "templates.placeholder.unclosed.none" },
				{ "templates.placeholder.unknown", "templates.placeholder.unknown.none" },
			};
			char may[256] = "";
			if (list)
				snprintf(may, sizeof may, "%s", list);
			for (size_t i = 0; !list && array[i]; i++)
				snprintf(may + strlen(may), sizeof may - strlen(may), "%s%s",
					 i ? " " : "", array[i]);
			char name[sizeof err->text];
			snprintf(name, sizeof name, "%.*s", (int)(close ? len : strlen(p + 1)), p + 1);
			diag_msg(err, EXIT_DATAERR, t->text_path, e->line, NULL, NULL,
				 keys[close != NULL][list && !*list], "key", e->key, "name", name,
				 "allowed", may, NULL);
			return EXIT_DATAERR;
		}
		p = close;
	}
	return EXIT_OK;
}

static int check_keys(const tmpl_set *t, const tmpl_key *keys, size_t n_keys, diag *err)
{
	for (size_t i = 0; i < n_keys; i++) {
		const tmpl_entry *e = tmpl_find_entry(t, keys[i].key);
		if (!e) {
			diag_msg(err, EXIT_DATAERR, t->text_path, 0, NULL, NULL, "templates.missing-key",
				 "key", keys[i].key, NULL);
			return EXIT_DATAERR;
		}
		int rc = tmpl_check_placeholders(t, e, keys[i].placeholders, NULL, err);
		if (rc)
			return rc;
	}
	return EXIT_OK;
}

static int load_utf8(const char *path, char **buf, diag *err)
{
	int rc = read_file(path, buf, err);
	if (rc)
		return rc;
	long bad = utf8_invalid_at((const unsigned char *)*buf);
	if (bad >= 0) {
		diag_msg(err, EXIT_DATAERR, path, line_of(*buf, *buf + bad), NULL, NULL,
			 "templates.not-utf8", NULL);
		return EXIT_DATAERR;
	}
	return EXIT_OK;
}

int tmpl_load(const char *dir, const char *lang, const tmpl_key *keys, size_t n_keys,
	      tmpl_set **out, diag *err)
{
	*out = NULL;
	if (!*lang || strlen(lang) >= TMPL_LANG_MAX ||
	    strspn(lang, "abcdefghijklmnopqrstuvwxyz-_") != strlen(lang)) {
		char shown[48];
		snprintf(shown, sizeof shown, "%.40s", lang);
		diag_msg(err, EXIT_USAGE, NULL, 0, NULL, NULL, "templates.bad-lang", "lang", shown,
			 NULL);
		return EXIT_USAGE;
	}
	tmpl_set *t = calloc(1, sizeof *t);
	if (!t) {
		diag_msg(err, EXIT_SOFTWARE, dir, 0, NULL, NULL, "out.no-memory", NULL);
		return EXIT_SOFTWARE;
	}
	snprintf(t->lang, sizeof t->lang, "%s", lang);
	snprintf(t->text_path, sizeof t->text_path, "%s/%s.txt", dir, lang);
	snprintf(t->rules_path, sizeof t->rules_path, "%s/swot-rules.txt", dir);
	int rc = load_utf8(t->text_path, &t->text_buf, err);
	if (!rc)
		rc = parse_text(t, err);
	if (!rc)
		rc = check_keys(t, keys, n_keys, err);
	if (!rc)
		rc = load_utf8(t->rules_path, &t->rules_buf, err);
	if (!rc)
		rc = tmpl_parse_rules(t, err);
	if (rc) {
		tmpl_free(t);
		return rc;
	}
	*out = t;
	return EXIT_OK;
}

int tmpl_load_text(const char *path, const char *lang, tmpl_set **out, diag *err)
{
	*out = NULL;
	tmpl_set *t = calloc(1, sizeof *t);
	if (!t) {
		diag_msg(err, EXIT_SOFTWARE, path, 0, NULL, NULL, "out.no-memory", NULL);
		return EXIT_SOFTWARE;
	}
	snprintf(t->lang, sizeof t->lang, "%s", lang);
	snprintf(t->text_path, sizeof t->text_path, "%s", path);
	int rc = load_utf8(t->text_path, &t->text_buf, err);
	if (!rc)
		rc = parse_text(t, err);
	if (rc) {
		tmpl_free(t);
		return rc;
	}
	*out = t;
	return EXIT_OK;
}

void tmpl_free(tmpl_set *t)
{
	if (!t)
		return;
	free(t->text_buf);
	free(t->rules_buf);
	free(t->entries);
	free(t->rules);
	free(t);
}

/* Appends len bytes of s to buf at *pos; text that does not fit is cut on a character
 * boundary and ends in "…", and nothing is appended after it. */
static void put(char *buf, size_t size, size_t *pos, const char *s, size_t len)
{
	if (*pos + 1 >= size)
		return;
	int cut = len >= size - *pos;
	*pos += utf8_truncate_n(buf + *pos, size - *pos, s, len);
	if (cut)
		*pos = size - 1;
}

const char *tmpl_expand(const char *pattern, const tmpl_arg *args, size_t n_args, char *buf,
			size_t size)
{
	size_t pos = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (const char *p = pattern; *p;) {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			put(buf, size, &pos, p, 1);
			p += 2;
			continue;
		}
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		if (!close) {
			size_t run = strcspn(p + 1, "{}") + 1;
			put(buf, size, &pos, p, run);
			p += run;
			continue;
		}
		size_t len = (size_t)(close - p - 1), i;
		for (i = 0; i < n_args; i++)
			if (strlen(args[i].name) == len && strncmp(args[i].name, p + 1, len) == 0)
				break;
		const char *v = i < n_args && args[i].value ? args[i].value : "";
		if (i < n_args)
			put(buf, size, &pos, v, strlen(v));
		else
			put(buf, size, &pos, p, len + 2);
		p = close + 1;
	}
	return buf;
}

const char *tmpl_format(const tmpl_set *t, const char *key, const char *fallback,
			const tmpl_arg *args, size_t n_args, char *buf, size_t size)
{
	const char *pattern = tmpl_get(t, key);

	if (!pattern && fallback)
		pattern = tmpl_get(t, fallback);
	return tmpl_expand(pattern ? pattern : key, args, n_args, buf, size);
}
