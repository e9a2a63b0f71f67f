/*
 * xml_reader.c: the streaming half of the reader.  Drives libxml2's SAX2 push parser
 * (or, when a schema validates, its xmlTextReader) over a region file or store profile
 * (no DOM, no DTDs, no entities, no network), tracks
 * which element we are in, hands field values to store_fields.c, and keeps a region
 * compact: one region_entry per store plus its id and name in a string arena.  It also
 * turns libxml2's messages into one clear line per problem (explain_parse_error,
 * schema_message) and never lets libxml2 print anything itself.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "match.h"
#include "numbers.h"
#include "reader_ctx.h"
#include "xml_prolog.h"
#include "utf8.h"

/* No XML_PARSE_NOENT (entities stay unexpanded), no XML_PARSE_DTDLOAD (external DTDs are
 * never loaded), no XML_PARSE_HUGE (libxml2's limits on depth, names and text stay on),
 * and XML_PARSE_NONET in case anything ever tried to fetch a URL. */
#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT)
#define NODE_LINE_CAP 65535          /* libxml2 2.9 keeps an element's line in 16 bits */

#define PROLOG_SCAN_MAX 65536       /* bytes searched for a <!DOCTYPE before parsing */
#define READ_CHUNK_MAX 16384           /* largest read handed to libxml2 */

/* libxml2 must never print: every message reaches the user through a diag. */
static void xml_silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* The parser's line: where it has read up to. */
int reader_parser_line(reader_ctx *c)
{
	if (c->pc)
		return xmlSAX2GetLineNumber(c->pc);
	return c->xr ? xmlTextReaderGetParserLineNumber(c->xr) : 0;
}

/* A node's line.  libxml2 2.9 keeps an element's line in 16 bits even with
 * XML_PARSE_BIG_LINES; past the cap, the white space before the element (a text node,
 * whose exact line is kept) ended on the element's line. */
static int node_line(const reader_ctx *c, xmlNodePtr node)
{
	if (!node)
		return 0;
	if (node->type == XML_ELEMENT_NODE && node->line == NODE_LINE_CAP) {
		if (node->prev && node->prev->type == XML_TEXT_NODE)
			return (int)xmlGetLineNo(node->prev);
		if (c->text_end_line >= NODE_LINE_CAP)
			return c->text_end_line;
	}
	long line = xmlGetLineNo(node);
	return line > 0 ? (int)line : 0;
}

/* The line of the element we are at (under SAX the parser is still at its start tag). */
static int current_line(reader_ctx *c)
{
	if (!c->xr)
		return reader_parser_line(c);
	int line = node_line(c, xmlTextReaderCurrentNode(c->xr));

	return line > 0 ? line : xmlTextReaderGetParserLineNumber(c->xr);
}

/* A diag is one line: values from the file may hold newlines (&#10;) or tabs. */
static void one_line(diag *d)
{
	for (char *p = d->text; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			*p = ' ';
}

static void emit(reader_ctx *c, diag *d)
{
	one_line(d);
	c->problems++;
	if (!c->opt->on_problem || c->opt->on_problem(c->opt->ctx, d)) {
		c->fatal = *d;
		c->stopped = 1;
	}
}

/* The line of the current leaf's end tag: its start line plus the newlines of its text
 * (counted only here, when there is a problem to report; trimmed_text() counted the
 * ones of the trailing white space it cut off). */
static int leaf_end_line(const reader_ctx *c)
{
	int newlines = c->leaf_tail_newlines;

	for (size_t i = 0; c->text && i < c->text_len; i++)
		newlines += c->text[i] == '\n';
	return c->leaf_line + newlines;
}

void reader_problem(reader_ctx *c, int line, const char *field, const char *fmt, ...)
{
	diag d;
	char msg[700];
	va_list ap;

	va_start(ap, fmt);
	utf8_vformat(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_set(&d, EXIT_DATAERR, c->path, line, c->in_store ? c->store_id : NULL, field,
		 "%s", msg);
	if (c->in_store) {
		if (c->store_valid)
			utf8_format(c->first_error, sizeof c->first_error, "%s", d.text);
		c->store_valid = 0;
	}
	/* remembered so that the schema's report of the same problem is not printed too */
	problem_range *r = &c->ranges[c->n_ranges++ % READER_MAX_RANGES];
	r->first = line;
	r->last = c->problem_end_line == PROBLEM_END_LEAF ? leaf_end_line(c) :
		  c->problem_end_line > line ? c->problem_end_line : line;
	r->needle = c->problem_needle;
	c->open_ranges |= r->last == INT_MAX;
	emit(c, &d);
}

void reader_fatal(reader_ctx *c, int status, int line, const char *fmt, ...)
{
	char msg[700];
	va_list ap;

	if (c->stopped)
		return;
	va_start(ap, fmt);
	utf8_vformat(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_set(&c->fatal, status, c->path, line, NULL, NULL, "%s", msg);
	one_line(&c->fatal);
	c->stopped = 1;
}

const char *reader_shorten(const char *s, char *buf, size_t size)
{
	utf8_truncate(buf, size, s);
	return buf;
}

/* Without entity substitution, libxml2's SAX2 parser writes each '&' of an attribute
 * value (from &amp; or &#38;) as "&#38;" (the only reference it leaves: other entities
 * are errors, DOCTYPEs are refused).  Returns the value with them decoded: v itself, or
 * a copy in c->attr_buf. */
static const char *attr_unescape(reader_ctx *c, const char *v, size_t *n)
{
	if (!memchr(v, '&', *n))
		return v;
	if (c->attr_cap < *n + 1) {
		char *p = realloc(c->attr_buf, *n + 1);
		if (!p) {
			reader_fatal(c, EXIT_SOFTWARE, 0, "out of memory");
			*n = 0;
			return "";
		}
		c->attr_buf = p;
		c->attr_cap = *n + 1;
	}
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		c->attr_buf[k++] = v[i];
		if (v[i] == '&' && *n - i >= 5 && memcmp(v + i, "&#38;", 5) == 0)
			i += 4;
	}
	c->attr_buf[k] = '\0';
	*n = k;
	return c->attr_buf;
}

/* The value of attribute `name` (no prefix) of the current element: 1 with *v and *n
 * set, or 0.  Under SAX, from the startElementNs array (localname, prefix, URI, value,
 * end per attribute; values are not NUL-terminated).  Under the xmlTextReader the
 * reader stays on the attribute until attr_done(). */
static int attr_find(reader_ctx *c, const char *name, const char **v, size_t *n)
{
	if (!c->xr) {
		for (int i = 0; i < c->el_nattrs; i++) {
			const xmlChar **a = c->el_attrs + 5 * i;
			if (!a[1] && strcmp((const char *)a[0], name) == 0) {
				*n = (size_t)(a[4] - a[3]);
				*v = attr_unescape(c, (const char *)a[3], n);
				return 1;
			}
		}
		return 0;
	}
	if (xmlTextReaderMoveToAttribute(c->xr, (const xmlChar *)name) != 1)
		return 0;
	*v = (const char *)xmlTextReaderConstValue(c->xr);
	if (!*v)
		*v = "";
	*n = strlen(*v);
	return 1;
}

static void attr_done(reader_ctx *c)
{
	if (c->xr)
		xmlTextReaderMoveToElement(c->xr);
}

int reader_attr(reader_ctx *c, const char *name, char *buf, size_t size)
{
	const char *v;
	size_t n;

	buf[0] = '\0';
	if (!attr_find(c, name, &v, &n))
		return 0;
	int found = n < size ? 1 : 2;
	utf8_truncate_n(buf, size, v, n);
	attr_done(c);
	return found;
}

const char *reader_attr_dup(reader_ctx *c, const char *name, size_t max, int *too_long)
{
	const char *v, *out = NULL;
	size_t n;

	*too_long = 0;
	if (!attr_find(c, name, &v, &n))
		return NULL;
	if (n > max)
		*too_long = 1;
	else
		out = arena_strndup(&c->strings, v, n);
	attr_done(c);
	return out;
}

/* ---- the region's string arena and duplicate-id set ---------------------------------- */

static uint32_t region_intern(reader_ctx *c, const char *s)
{
	region *r = c->reg;
	size_t n = strlen(s) + 1;

	if (r->strings_len + n > r->strings_cap) {
		size_t cap = r->strings_cap ? r->strings_cap + r->strings_cap / 2 : 65536;
		while (cap < r->strings_len + n)
			cap *= 2;
		char *p = cap <= UINT32_MAX ? realloc(r->strings, cap) : NULL;
		if (!p) {
			reader_fatal(c, EXIT_SOFTWARE, 0, "out of memory (region strings)");
			return 0;
		}
		r->strings = p;
		r->strings_cap = cap;
		if (r->strings_len == 0)
			r->strings[r->strings_len++] = '\0';   /* offset 0: "" */
	}
	uint32_t off = (uint32_t)r->strings_len;
	memcpy(r->strings + off, s, n);
	r->strings_len += n;
	return off;
}

static uint64_t hash_id(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

/* Adds id (already interned at off); returns the offset of an earlier equal id, 0 if new. */
static uint32_t ids_insert(reader_ctx *c, uint32_t off)
{
	if (c->ids_count * 2 >= c->ids_cap) {
		size_t cap = c->ids_cap ? c->ids_cap * 2 : 1024;
		uint32_t *t = calloc(cap, sizeof *t);
		if (!t) {
			reader_fatal(c, EXIT_SOFTWARE, 0, "out of memory (store ids)");
			return 0;
		}
		for (size_t i = 0; i < c->ids_cap; i++) {
			if (!c->ids[i])
				continue;
			size_t j = hash_id(c->reg->strings + c->ids[i]) & (cap - 1);
			while (t[j])
				j = (j + 1) & (cap - 1);
			t[j] = c->ids[i];
		}
		free(c->ids);
		c->ids = t;
		c->ids_cap = cap;
	}
	const char *id = c->reg->strings + off;
	size_t j = hash_id(id) & (c->ids_cap - 1);
	while (c->ids[j]) {
		if (strcmp(c->reg->strings + c->ids[j], id) == 0)
			return c->ids[j];
		j = (j + 1) & (c->ids_cap - 1);
	}
	c->ids[j] = off;
	c->ids_count++;
	return 0;
}

/* ---- schema errors, held until our own checks have seen the same lines ------------------ */

/* Rewords libxml2's schema message for a user: "Element 'q', attribute 'id': [facet
 * 'pattern'] The value ... ." arrives as field "<q id>" and becomes "The value ...
 * (schema)"; the usual content-model sentences get shorter wording. */
static void schema_message(const pending_error *p, char *msg, size_t size)
{
	static const struct { const char *from, *to; } words[] = {
		{ "This element is not expected. Expected is one of ( ",
		  "element not expected here; expected one of: " },
		{ "This element is not expected. Expected is ( ", "element not expected here; expected: " },
		{ "This element is not expected.", "element not expected here" },
		{ "Missing child element(s). Expected is one of ( ",
		  "missing child element; expected one of: " },
		{ "Missing child element(s). Expected is ( ", "missing child element: " },
		{ "Character content other than whitespace is not allowed because the content "
		  "type is 'element-only'.", "text is not allowed here" },
		{ "The attribute '", "attribute '" },
	};
	const char *m = p->message;
	char tmp[400];

	if (strncmp(m, "[facet '", 8) == 0 && strstr(m, "] "))
		m = strstr(m, "] ") + 2;
	utf8_format(tmp, sizeof tmp, "%s", m);
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t n = strlen(words[i].from);
		if (strncmp(tmp, words[i].from, n) != 0)
			continue;
		char rest[400];
		utf8_format(rest, sizeof rest, "%s", tmp + n);
		if (strstr(words[i].from, "( "))
			rest[strcspn(rest, ")")] = '\0';     /* drop the closing " )." */
		utf8_format(tmp, sizeof tmp, "%s%s", words[i].to, rest);
		break;
	}
	size_t k = strlen(tmp);
	while (k > 0 && (tmp[k - 1] == '.' || tmp[k - 1] == ' '))
		tmp[--k] = '\0';
	utf8_format(msg, size, "%s (schema)", tmp);
}

static int is_duplicate(const reader_ctx *c, const pending_error *p)
{
	int n = c->n_ranges < READER_MAX_RANGES ? c->n_ranges : READER_MAX_RANGES;

	for (int i = 0; i < n; i++) {
		const problem_range *r = &c->ranges[i];
		if (p->line >= r->first && p->line <= r->last &&
		    (!r->needle || strstr(p->message, r->needle)))
			return 1;
	}
	return 0;
}

static void emit_pending(reader_ctx *c, const pending_error *p)
{
	char msg[480];
	diag d;

	if (is_duplicate(c, p))
		return;     /* our own check already named this problem */
	schema_message(p, msg, sizeof msg);
	if (p->repeats > 0) {
		size_t k = strlen(msg);
		snprintf(msg + k, sizeof msg - k, "; %d times, up to line %d", p->repeats + 1,
			 p->last_line);
	}
	diag_set(&d, EXIT_DATAERR, c->path, p->line,
		 c->last_store_line && p->line >= c->last_store_line ? c->last_store_id : NULL,
		 p->field, "%s", msg);
	emit(c, &d);
}

/* Emits the held schema errors on lines before `before` (INT_MAX: all), except those of
 * the store being read: they wait for its end-of-store checks.  The parser validates
 * ahead of the element we are at, so errors of later lines stay held too. */
static void flush_pending(reader_ctx *c, int before)
{
	int kept = 0;

	for (int i = 0; i < c->n_pending; i++) {
		pending_error *p = &c->pending[i];
		if (p->line >= before || (c->in_store && p->line >= c->s.line))
			c->pending[kept++] = *p;
		else if (!c->stopped)
			emit_pending(c, p);
	}
	c->n_pending = kept;
}

/* An element outside any store starts at `line`: ranges that lasted until the end of
 * the last store close just before it, then the errors of earlier lines go out. */
static void element_boundary(reader_ctx *c, int line)
{
	if (c->open_ranges) {
		for (int i = 0; i < READER_MAX_RANGES; i++)
			if (c->ranges[i].last == INT_MAX)
				c->ranges[i].last = line - 1 > c->ranges[i].first ? line - 1
										  : c->ranges[i].first;
		c->open_ranges = 0;
	}
	if (c->n_pending)
		flush_pending(c, line);
}

/* When m starts with prefix (ending in a quote) and a closing quote follows, copies the
 * quoted name into buf (cut at a UTF-8 boundary) and returns what follows the closing
 * quote; else NULL. */
static const char *quoted_name(const char *m, const char *prefix, char *buf, size_t size)
{
	size_t n = strlen(prefix);

	if (strncmp(m, prefix, n) != 0)
		return NULL;
	const char *start = m + n, *end = strchr(start, '\'');
	if (!end)
		return NULL;
	char name[400];
	utf8_truncate_n(name, sizeof name, start, (size_t)(end - start));
	reader_shorten(name, buf, size);
	return end + 1;
}

/* A schema error from libxml2: "Element 'q': msg" or "Element 'q', attribute 'id': msg". */
static void hold_schema_error(reader_ctx *c, int line, const char *text)
{
	pending_error *p;
	char elem[40] = "", attr[40] = "";
	const char *m = text;

	if (c->n_pending > 0) {
		/* 1 MB of stray text arrives in 512-byte pieces: one line, with a count */
		pending_error *last = &c->pending[c->n_pending - 1];
		char field[96] = "";
		const char *rest = quoted_name(m, "Element '", elem, sizeof elem);
		if (rest && *rest == ':') {
			snprintf(field, sizeof field, "<%s>", elem);
			rest++;
			while (*rest == ' ')
				rest++;
			if (strcmp(field, last->field) == 0 && strcmp(rest, last->message) == 0) {
				last->repeats++;
				last->last_line = line;
				return;
			}
		}
		elem[0] = '\0';
	}
	if (c->n_pending == READER_MAX_PENDING) {
		emit_pending(c, &c->pending[0]);   /* full: the oldest goes out now */
		memmove(c->pending, c->pending + 1, (READER_MAX_PENDING - 1) * sizeof *c->pending);
		c->n_pending--;
	}
	p = &c->pending[c->n_pending++];
	p->line = line;
	p->repeats = 0;
	p->last_line = line;
	p->field[0] = '\0';
	/* names are cut to 39 bytes; a message without its closing quote (cut short at
	 * 400 bytes by a very long name) keeps its own words and names no field */
	const char *rest = quoted_name(m, "Element '", elem, sizeof elem);
	if (rest) {
		const char *after_attr = quoted_name(rest, ", attribute '", attr, sizeof attr);
		m = after_attr ? after_attr : rest;
		if (!after_attr && strncmp(rest, ", attribute '", 13) == 0) {
			snprintf(attr, sizeof attr, "...");
			m = ": an attribute whose name is too long to show";
		}
		if (*m == ':')
			m++;
		while (*m == ' ')
			m++;
		if (attr[0])
			utf8_format(p->field, sizeof p->field, "<%s %s>", elem, attr);
		else
			utf8_format(p->field, sizeof p->field, "<%s>", elem);
	}
	utf8_format(p->message, sizeof p->message, "%s", m);
}

/* ---- stores ---------------------------------------------------------------------------- */

/* Whether the store belongs in the region table: all stores, unless the caller asked for
 * one peer group (evaluate, plan).  Stores whose code could not be read are kept. */
static int store_is_kept(const reader_ctx *c)
{
	char group[3];

	if (!c->s.has_code || !c->opt->peer_group[0])
		return 1;
	code_peer_group(&c->s.code, group);
	return strcmp(group, c->opt->peer_group) == 0;
}

static void append_entry(reader_ctx *c, uint32_t id_off)
{
	region *r = c->reg;
	store *s = &c->s;

	if (r->n_stores == r->cap_stores) {
		size_t cap = r->cap_stores ? r->cap_stores + r->cap_stores / 2 : 1024;
		region_entry *p = realloc(r->stores, cap * sizeof *p);
		if (!p) {
			reader_fatal(c, EXIT_SOFTWARE, 0, "out of memory (region table)");
			return;
		}
		r->stores = p;
		r->cap_stores = cap;
	}
	region_entry *e = &r->stores[r->n_stores];
	memset(e, 0, sizeof *e);
	e->line = (uint32_t)s->line;
	e->code = s->code;
	e->area = (float)s->area;
	if (c->opt->match)
		e->match = match_score(c->opt->match, s);
	e->id = id_off;
	e->name = s->name ? region_intern(c, s->name) : 0;
	if (!c->store_valid)
		e->error = region_intern(c, c->first_error);
	e->base = c->base != QUARTER_NONE ? c->base : store_latest_quarter(s);
	for (int i = 0; i < REGION_HISTORY; i++)
		e->hist[i] = NAN;
	for (size_t i = 0; i < s->n_orders; i++) {
		int32_t k = e->base - s->orders[i].quarter;
		if (k >= 0 && k < REGION_HISTORY)
			e->hist[k] = s->orders[i].orders;
	}
	r->n_stores++;
	if (!c->store_valid)
		r->n_invalid++;
}

/* The store's quarters go into the region's latest quarter and per-quarter counts
 * (which quarter is evaluated by default: region_quarter.c). */
static void count_quarters(reader_ctx *c)
{
	region *r = c->reg;
	const store *s = &c->s;

	r->stores_read++;
	if (s->n_orders && !r->quarter_stores) {
		r->quarter_stores = calloc(QUARTER_SPAN, sizeof *r->quarter_stores);
		if (!r->quarter_stores) {
			reader_fatal(c, EXIT_SOFTWARE, 0, "out of memory");
			return;
		}
	}
	for (size_t i = 0; i < s->n_orders; i++) {
		quarter_t q = s->orders[i].quarter;
		if (q > r->latest)
			r->latest = q;
		if (q >= QUARTER_FIRST && q < QUARTER_FIRST + QUARTER_SPAN)
			r->quarter_stores[q - QUARTER_FIRST]++;
	}
}

static void end_store(reader_ctx *c)
{
	store *s = &c->s;

	uint32_t id_off = 0;
	int kept = store_is_kept(c);

	fields_end_store(c);
	if (!c->xr && !(c->children_seen & (1u << NODE_ORDERS)) && c->store_valid)
		reader_problem(c, s->line, "<orders>", "missing (a store without figures has "
			       "<orders/>)");
	/* duplicate ids: over the whole file, or over the kept peer group only */
	if (c->reg && s->id && kept) {
		id_off = region_intern(c, s->id);
		if (id_off && ids_insert(c, id_off)) {
			reader_problem(c, s->line, "<store id>",
				       "duplicate store id (also used earlier in this file)");
		}
	}
	if (c->reg)
		count_quarters(c);
	if (c->keep_entries && kept && !c->stopped)
		append_entry(c, id_off);
	if (c->opt->on_store && !c->stopped)
		c->opt->on_store(c->opt->ctx, s, c->store_valid);
	c->in_store = 0;
	c->stores_read++;
}

/* ---- elements ---------------------------------------------------------------------------- */

static void begin_region(reader_ctx *c, int line)
{
	char buf[512];
	region *r = c->reg;

	int found = reader_attr(c, "id", buf, sizeof buf);
	if (found == 0)
		reader_problem(c, line, "<region>", "missing attribute id");
	else if (found == 2)
		reader_problem(c, line, "<region id>", "longer than %zu bytes", sizeof buf - 1);
	else if (r)
		r->id = strdup(buf);
	if (r && reader_attr(c, "name", buf, sizeof buf) != 0)
		r->name = strdup(buf);   /* a name too long for the pages: cut, with "…" */
	if (r && reader_attr(c, "unit", buf, sizeof buf) == 1)
		r->unit = strdup(buf);
	if (reader_attr(c, "quarter", buf, sizeof buf)) {
		quarter_t q;
		char shown[48];
		if (quarter_parse(buf, &q) == 0) {
			if (r)
				r->quarter_attr = q;
		} else if (c->opt->strict) {
			reader_problem(c, line, "<region quarter>",
				       "\"%s\" is not a quarter id (YYYYQn, n 1-4)",
				       reader_shorten(buf, shown, sizeof shown));
		} else if (!c->stopped) {
			/* it decides which quarter is evaluated: no reading on without it */
			diag_set(&c->fatal, EXIT_DATAERR, c->path, line, NULL, "<region quarter>",
				 "\"%s\" is not a quarter id (YYYYQn, n 1-4)",
				 reader_shorten(buf, shown, sizeof shown));
			one_line(&c->fatal);
			c->stopped = 1;
		}
	}
	if (c->base == QUARTER_NONE && r)
		c->base = r->quarter_attr;
}

static void end_growth(reader_ctx *c, const char *text)
{
	region *r = c->reg;

	if (!c->leaf_attr[0]) {
		reader_problem(c, c->leaf_line, "<growth>", "missing attribute name");
		return;
	}
	if (isnan(c->leaf_number)) {
		reader_problem(c, c->leaf_line, "<growth>", "attribute pct is not a number");
		return;
	}
	if (!r)
		return;
	growth_fact *g = realloc(r->growth, (r->n_growth + 1) * sizeof *g);
	if (!g) {
		reader_fatal(c, EXIT_SOFTWARE, 0, "out of memory");
		return;
	}
	r->growth = g;
	g[r->n_growth++] = (growth_fact){ strdup(c->leaf_attr), strdup(text), c->leaf_number,
					  c->leaf_place[0] ? strdup(c->leaf_place) : NULL };
}

static const char *node_name(node_kind k)
{
	static const char *names[] = { "document", "region", "store", "orders", "neighbours",
		"assessment", "neighbour", "factor", "code", "owner", "address", "area", "opened",
		"surroundings", "q", "honour", "growth" };
	return names[k];
}

/* Which child kind `name` is under `parent`; -1 when it does not belong there.  Names
 * come from the parser's dictionary, so c->names[] (interned once per file) lets the
 * hot path compare pointers instead of strings. */
static const struct { node_kind parent; const char *name; node_kind kind; } child_map[] = {
	{ NODE_ORDERS, "q", NODE_Q }, { NODE_STORE, "code", NODE_CODE },
	{ NODE_STORE, "orders", NODE_ORDERS }, { NODE_REGION, "store", NODE_STORE },
	{ NODE_STORE, "owner", NODE_OWNER }, { NODE_STORE, "address", NODE_ADDRESS },
	{ NODE_STORE, "area", NODE_AREA }, { NODE_STORE, "opened", NODE_OPENED },
	{ NODE_STORE, "neighbours", NODE_NEIGHBOURS },
	{ NODE_STORE, "surroundings", NODE_SURROUNDINGS },
	{ NODE_STORE, "assessment", NODE_ASSESSMENT },
	{ NODE_NEIGHBOURS, "neighbour", NODE_NEIGHBOUR },
	{ NODE_ASSESSMENT, "factor", NODE_FACTOR }, { NODE_ASSESSMENT, "honour", NODE_HONOUR },
	{ NODE_REGION, "growth", NODE_GROWTH },
};
#define CHILD_MAP_SIZE (sizeof child_map / sizeof child_map[0])

static void intern_names(reader_ctx *c)
{
	for (size_t i = 0; i < CHILD_MAP_SIZE && i < READER_MAX_NAMES; i++) {
		const xmlChar *name = (const xmlChar *)child_map[i].name;
		c->names[i] = c->pc ? xmlDictLookup(c->pc->dict, name, -1)
				    : xmlTextReaderConstString(c->xr, name);
	}
}

static int child_kind(reader_ctx *c, node_kind parent, const xmlChar *name)
{
	for (size_t i = 0; i < CHILD_MAP_SIZE; i++)
		if (child_map[i].parent == parent && c->names[i] == name)
			return (int)child_map[i].kind;
	/* a name outside the dictionary (should not happen): compare the text */
	for (size_t i = 0; i < CHILD_MAP_SIZE; i++)
		if (child_map[i].parent == parent &&
		    strcmp(child_map[i].name, (const char *)name) == 0)
			return (int)child_map[i].kind;
	return -1;
}

/* A problem with an element whose subtree is skipped: reported once the skip worked,
 * so that a subtree that is not well-formed (100000 levels deep, say) gives its one
 * fatal line instead of two. */
static void defer_problem(reader_ctx *c, int line, const char *field, const char *message)
{
	c->deferred_line = line;
	utf8_format(c->deferred_field, sizeof c->deferred_field, "%s", field);
	c->deferred_message = message;
}

static void unknown_element(reader_ctx *c, node_kind parent, const char *name, int line)
{
	char field[96];

	char shown[48];

	snprintf(field, sizeof field, "<%s>/<%s>", node_name(parent),
		 reader_shorten(name, shown, sizeof shown));
	if (strcmp(name, "store") == 0) {
		defer_problem(c, line, field, "a <store> cannot contain another <store>");
		return;
	}
	if (c->opt->strict) {
		defer_problem(c, line, field, "unknown element");
		return;
	}
	for (int i = 0; i < c->n_warned; i++)
		if (strcmp(c->warned[i], name) == 0)
			return;
	if (c->n_warned == READER_MAX_WARNINGS)
		return;
	utf8_format(c->warned[c->n_warned++], sizeof c->warned[0], "%s", name);
	/* held until the whole file has been read: a file that turns out to be bad gives
	 * its one error line and no warnings */
	diag_set(&c->warnings[c->n_warnings++], EXIT_OK, c->path, line,
		 c->in_store ? c->store_id : NULL, field,
		 "unknown element ignored (later ones with this name are not reported)");
	one_line(&c->warnings[c->n_warnings - 1]);
}

/* Attributes an element may have (the schema's, for the SAX reader: under validate the
 * schema itself reports the others). */
static int attribute_known(node_kind kind, const char *name)
{
	static const char *const allowed[][5] = {
		[NODE_REGION] = { "id", "name", "quarter", "unit" },
		[NODE_STORE] = { "id", "name" }, [NODE_Q] = { "id" },
		[NODE_NEIGHBOUR] = { "id", "code", "distance" },
		[NODE_FACTOR] = { "name", "value" }, [NODE_GROWTH] = { "name", "pct", "place" },
	};

	if ((size_t)kind >= sizeof allowed / sizeof allowed[0])
		return 0;
	for (int i = 0; i < 5 && allowed[kind][i]; i++)
		if (strcmp(allowed[kind][i], name) == 0)
			return 1;
	return 0;
}

/* An attribute the schema does not know: a problem under validate, else a warning
 * once per element and attribute name (as for unknown elements). */
static void check_attributes(reader_ctx *c, node_kind kind, const char *elem, int line)
{
	for (int i = 0; i < c->el_nattrs; i++) {
		const xmlChar **a = c->el_attrs + 5 * i;
		if (!a[1] && attribute_known(kind, (const char *)a[0]))
			continue;
		char name[40], shown[40], field[96];
		snprintf(name, sizeof name, "%s%s%s", a[1] ? (const char *)a[1] : "", a[1] ? ":" : "",
			 (const char *)a[0]);
		snprintf(field, sizeof field, "<%s %s>", elem, reader_shorten(name, shown, sizeof shown));
		if (c->opt->strict) {
			reader_problem(c, line, field, "unknown attribute");
			continue;
		}
		int seen = 0;
		for (int k = 0; k < c->n_warned && !seen; k++)
			seen = strncmp(c->warned[k], field, sizeof c->warned[0] - 1) == 0;
		if (seen || c->n_warned == READER_MAX_WARNINGS)
			continue;
		snprintf(c->warned[c->n_warned++], sizeof c->warned[0], "%.39s", field);
		diag_set(&c->warnings[c->n_warnings++], EXIT_OK, c->path, line,
			 c->in_store ? c->store_id : NULL, field,
			 "unknown attribute ignored (later ones with this name are not reported)");
		one_line(&c->warnings[c->n_warnings - 1]);
	}
}

/* The schema's order of a store's children (the SAX reader checks it; under validate
 * the schema does). */
static int child_rank(node_kind kind)
{
	static const node_kind order[] = { NODE_CODE, NODE_OWNER, NODE_ADDRESS, NODE_AREA,
		NODE_OPENED, NODE_ORDERS, NODE_NEIGHBOURS, NODE_SURROUNDINGS, NODE_ASSESSMENT };

	for (int i = 0; i < (int)(sizeof order / sizeof order[0]); i++)
		if (order[i] == kind)
			return i;
	return 0;
}

static void check_store_child(reader_ctx *c, node_kind kind, int line)
{
	char field[32];
	int rank = child_rank(kind);

	snprintf(field, sizeof field, "<%s>", node_name(kind));
	if (c->children_seen & (1u << kind))
		reader_problem(c, line, field, "given twice in one store");
	else if (rank < c->child_rank)
		reader_problem(c, line, field, "out of order (a store's elements come in the "
			       "order code, owner, address, area, opened, orders, neighbours, "
			       "surroundings, assessment)");
	c->children_seen |= 1u << kind;
	if (rank > c->child_rank)
		c->child_rank = rank;
}

/* An element starts; xname is its qualified name: <x:code> is not <code> (planner files
 * use no namespaces).  Returns 1 when the element's subtree must be skipped. */
static int start_element(reader_ctx *c, const xmlChar *xname)
{
	const char *name = (const char *)xname;
	node_kind parent = c->stack[c->depth - 1];
	int line = current_line(c);
	int kind;

	if (!c->in_store)
		element_boundary(c, line);
	if (parent == NODE_DOC) {
		int want_region = c->mode != READ_STORE, want_store = c->mode != READ_REGION;
		if (want_region && strcmp(name, "region") == 0)
			kind = NODE_REGION;
		else if (want_store && strcmp(name, "store") == 0)
			kind = NODE_STORE;
		else {
			char shown[48];
			reader_fatal(c, EXIT_DATAERR, line, "root element <%s> is not %s",
				     reader_shorten(name, shown, sizeof shown),
				     c->mode == READ_REGION ? "<region> (expected a region file)" :
				     c->mode == READ_STORE ? "<store> (expected a store profile)" :
				     "<region> or <store>");
			return 1;
		}
	} else if ((kind = child_kind(c, parent, xname)) < 0) {
		unknown_element(c, parent, name, line);
		return 1;
	}
	if (c->depth >= READER_MAX_DEPTH) {
		reader_fatal(c, EXIT_DATAERR, line, "elements nested too deeply");
		return 1;
	}
	c->stack[c->depth++] = (node_kind)kind;
	c->stray_text_said = 0;
	c->leaf_line = line;
	c->leaf_tail_newlines = 0;
	c->text_len = 0;
	c->text_too_long = 0;
	if (!c->xr && c->el_nattrs)
		check_attributes(c, (node_kind)kind, name, line);
	if (!c->xr && parent == NODE_STORE)
		check_store_child(c, (node_kind)kind, line);
	switch (kind) {
	case NODE_REGION: begin_region(c, line); break;
	case NODE_STORE:
		c->child_rank = 0;
		c->children_seen = 0;
		fields_begin_store(c, line);
		c->last_store_line = line;
		utf8_format(c->last_store_id, sizeof c->last_store_id, "%s", c->store_id);
		break;
	case NODE_NEIGHBOUR: fields_neighbour(c, line); break;
	case NODE_FACTOR: fields_factor(c, line); break;
	case NODE_Q: reader_attr(c, "id", c->leaf_attr, sizeof c->leaf_attr); break;
	case NODE_GROWTH: {
		char pct[48];
		reader_attr(c, "name", c->leaf_attr, sizeof c->leaf_attr);
		if (reader_attr(c, "place", c->leaf_place, sizeof c->leaf_place) == 2)
			reader_problem(c, line, "<growth place>", "longer than %zu bytes",
				       sizeof c->leaf_place - 1);
		c->leaf_number = NAN;
		if (reader_attr(c, "pct", pct, sizeof pct) != 1 ||
		    number_parse(pct, &c->leaf_number) < 0)
			c->leaf_number = NAN;
		break;
	}
	default: break;
	}
	return 0;
}

/* The accumulated text with surrounding white space removed. */
static const char *trimmed_text(reader_ctx *c)
{
	if (!c->text)
		return "";
	c->text[c->text_len] = '\0';
	char *s = c->text;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r')) {
		c->leaf_tail_newlines += e[-1] == '\n';
		*--e = '\0';
	}
	return s;
}

static void end_element(reader_ctx *c)
{
	if (c->depth <= 1)
		return;
	node_kind kind = c->stack[--c->depth];
	c->stray_text_said = 0;

	switch (kind) {
	case NODE_STORE: end_store(c); break;
	case NODE_GROWTH: end_growth(c, trimmed_text(c)); break;
	default:
		if (kind >= NODE_CODE) {
			/* a bad value covers the element's lines up to its end tag */
			c->problem_end_line = PROBLEM_END_LEAF;
			fields_end_leaf(c, kind, trimmed_text(c));
			c->problem_end_line = 0;
		}
		break;
	}
}

static int is_blank(const char *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] != ' ' && v[i] != '\t' && v[i] != '\n' && v[i] != '\r')
			return 0;
	return 1;
}

/* Text of the current element: a whole text node (xmlTextReader) or one piece of it
 * (SAX calls characters() several times for one text). */
static void text_append(reader_ctx *c, const char *v, size_t n)
{
	node_kind top = c->stack[c->depth - 1];
	if (top < NODE_CODE) {
		/* text between container elements (stray text, a CDATA number in <orders>):
		 * a problem, said once per run of text; under validate the schema says it */
		if (!c->opt->schema_path && top != NODE_DOC && !c->stray_text_said &&
		    !is_blank(v, n)) {
			char field[32];
			c->stray_text_said = 1;
			snprintf(field, sizeof field, "<%s>", node_name(top));
			reader_problem(c, reader_parser_line(c), field,
				       "text is not allowed here (only elements)");
		}
		return;
	}
	if (c->text_len + n > READER_MAX_TEXT) {
		c->text_too_long = 1;
		return;
	}
	if (c->text_len + n + 1 > c->text_cap) {
		char *p = realloc(c->text, READER_MAX_TEXT + 1);
		if (!p) {
			reader_fatal(c, EXIT_SOFTWARE, 0, "out of memory");
			return;
		}
		c->text = p;
		c->text_cap = READER_MAX_TEXT + 1;
	}
	memcpy(c->text + c->text_len, v, n);
	c->text_len += n;
}

/* ---- libxml2 errors -------------------------------------------------------------------- */

/* Installed as libxml2's (thread-local) structured error handler for the duration of
 * one read.  Not xmlTextReaderSetStructuredErrorHandler: with schema validation on, the
 * reader's handler loses parse errors when set before xmlTextReaderSchemaValidate and
 * crashes libxml2 2.9 when set after it. */
static void on_xml_error(void *arg, xmlErrorPtr err)
{
	reader_ctx *c = arg;
	char msg[400];

	if (!err || err->level == XML_ERR_WARNING)
		return;
	utf8_format(msg, sizeof msg, "%s", err->message ? err->message : "error");
	size_t k = strlen(msg);
	while (k > 0 && (msg[k - 1] == ' ' || msg[k - 1] == '\n'))
		msg[--k] = '\0';
	if (err->domain == XML_FROM_SCHEMASV) {
		int line = err->line > 0 ? err->line : reader_parser_line(c);
		if (line >= NODE_LINE_CAP && err->node)
			line = node_line(c, err->node);   /* a capped line */
		hold_schema_error(c, line, msg);
		return;
	}
	if (err->domain == XML_FROM_SCHEMASP || err->domain == XML_FROM_NAMESPACE ||
	    err->level != XML_ERR_FATAL)
		return;   /* schema loading has its own message; prefixes are unknown elements */
	if (!c->parse_error[0]) {
		c->parse_error_line = err->line;
		c->parse_error_col = err->int2;
		c->parse_error_code = err->code;
		utf8_format(c->parse_error, sizeof c->parse_error, "%s", msg);
		/* an encoding error is raised from inside the input conversion, whose buffers
		 * are then half swapped: xmlByteConsumed would read freed memory (found by
		 * fuzz_reader); the bytes handed to the parser so far are close enough */
		if (c->pc && err->domain != XML_FROM_I18N && err->domain != XML_FROM_IO)
			c->parse_error_offset = xmlByteConsumed(c->pc);
		else if (c->pc)
			c->parse_error_offset = (long)c->bytes_read;
		if (err->domain == XML_FROM_PARSER && err->ctxt) {
			/* where the parser was: open elements, before/in/after the root */
			const xmlParserCtxt *p = err->ctxt;
			char shown[48];
			c->parse_state = p->instate;
			c->parse_depth = p->nameNr;
			if (p->name)
				utf8_format(c->parse_element, sizeof c->parse_element, "%s",
					    reader_shorten((const char *)p->name, shown, sizeof shown));
		}
	}
}


const char reader_doctype_refused[] =
	"<!DOCTYPE> is not allowed in planner files (no DTDs, no entity declarations); "
	"remove it";

/* The line of a <!DOCTYPE in the file's first `window` bytes (after the prolog), or 0. */
int reader_doctype_line(reader_ctx *c, size_t window)
{
	unsigned char *buf;
	ssize_t n;

	if (c->size <= 0)
		return 0;   /* a pipe or an empty file: the parser finds out */
	if ((long long)window > c->size)
		window = (size_t)c->size;
	buf = malloc(window);
	if (!buf)
		return 0;
	n = pread(c->fd, buf, window, 0);
	int line = n > 0 ? xml_prolog_doctype_line(buf, (size_t)n) : 0;
	free(buf);
	return line;
}

/* 0 when the file starts without a DOCTYPE; else refuses it (fatal) and returns -1. */
static int refuse_doctype(reader_ctx *c)
{
	int line = reader_doctype_line(c, PROLOG_SCAN_MAX);

	if (line == 0)
		return 0;
	reader_fatal(c, EXIT_DATAERR, line, "%s", reader_doctype_refused);
	return -1;
}

/* ---- driver ------------------------------------------------------------------------------ */

/* The number of '=' in p[0..n). */
static size_t count_equals(const char *p, size_t n)
{
	size_t count = 0;
	const char *end = p + n;

	while ((p = memchr(p, '=', (size_t)(end - p))) != NULL) {
		count++;
		p++;
	}
	return count;
}

/* libxml2 reads the file through here.  Besides reading, it watches for one start tag
 * with thousands of attributes: libxml2 2.9 checks attribute names for duplicates in
 * quadratic time (200000 attributes take minutes).  '<' cannot occur inside a tag, so
 * the '=' signs since the last '<' bound the attributes of the tag being read.  Reads
 * are at most READ_CHUNK_MAX bytes, so only runs that cross a chunk boundary need counting:
 * a run inside one chunk has too few bytes to matter. */
static int input_read(void *arg, char *buf, int len)
{
	reader_ctx *c = arg;
	ssize_t n;

	if (len > READ_CHUNK_MAX)
		len = READ_CHUNK_MAX;
	do
		n = read(c->fd, buf, (size_t)len);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		c->input_errno = errno;
		return -1;
	}
	if (n == 0) {
		c->input_eof = 1;
		return 0;
	}
	c->bytes_read += (size_t)n;
	const char *first = memchr(buf, '<', (size_t)n);
	if (!first) {
		c->run_equals += count_equals(buf, (size_t)n);
	} else {
		c->run_equals += count_equals(buf, (size_t)(first - buf));
		if (c->run_equals <= INPUT_MAX_ATTRIBUTES) {
			const char *last = buf + n;
			while (*--last != '<')   /* stops at `first` at the latest */
				;
			c->run_equals = count_equals(last, (size_t)(buf + n - last));
		}
	}
	if (c->run_equals > INPUT_MAX_ATTRIBUTES) {
		c->input_refused = 1;
		return -1;
	}
	return (int)n;
}

static int input_close(void *arg)
{
	(void)arg;
	return 0;   /* the descriptor is ours: ctx_free closes it */
}

static int open_checked(reader_ctx *c)
{
	struct stat st;

	/* our own descriptor: libxml2 would read "-" as stdin, take a name as a URI and
	 * quietly gunzip compressed input */
	c->fd = open(c->path, O_RDONLY | O_CLOEXEC);
	if (c->fd < 0) {
		reader_fatal(c, EXIT_NOINPUT, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(c->fd, &st) < 0) {
		reader_fatal(c, EXIT_NOINPUT, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		reader_fatal(c, EXIT_NOINPUT, 0, "cannot open: is a directory");
		return -1;
	}
	c->size = S_ISREG(st.st_mode) ? (long long)st.st_size : -1;
	return refuse_doctype(c);
}

/* A DOCTYPE or entity the prolog scan did not reach (a long prolog, another encoding):
 * libxml2 parsed it without loading or expanding anything; the file is refused. */
static void refuse_late_doctype(reader_ctx *c)
{
	int doctype = reader_doctype_line(c, PROLOG_RESCAN_MAX);

	reader_fatal(c, EXIT_DATAERR, doctype > 0 ? doctype : current_line(c), "%s",
		     reader_doctype_refused);
}

/* A skipped subtree has ended: the problem with its element goes out now. */
static void end_skip(reader_ctx *c)
{
	if (c->deferred_message)
		reader_problem(c, c->deferred_line, c->deferred_field, "%s", c->deferred_message);
	c->deferred_message = NULL;
}

/* ---- the xmlTextReader driver (validation against a schema) ------------------------------ */

/* A byte-order mark wins over the encoding the XML declaration names: a file saved as
 * UTF-8 with a BOM and declared ISO-8859-1 (an edited export) is read as UTF-8, never
 * converted twice into garbled names. */
static int starts_with_bom(const unsigned char *p, size_t n)
{
	return (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) ||
	       (n >= 2 && ((p[0] == 0xFE && p[1] == 0xFF) || (p[0] == 0xFF && p[1] == 0xFE)));
}

static int open_text_reader(reader_ctx *c)
{
	unsigned char head[4];
	ssize_t n = c->size > 0 ? pread(c->fd, head, sizeof head, 0) : 0;
	int bom = n > 0 && starts_with_bom(head, (size_t)n);

	c->xr = xmlReaderForIO(input_read, input_close, c, c->path, NULL,
			       XML_OPTIONS | (bom ? XML_PARSE_IGNORE_ENC : 0));
	if (!c->xr) {
		reader_fatal(c, EXIT_SOFTWARE, 0, "out of memory (XML reader)");
		return -1;
	}
	intern_names(c);
	if (xmlTextReaderSchemaValidate(c->xr, c->opt->schema_path) != 0) {
		reader_fatal(c, EXIT_SOFTWARE, 0, "cannot load the schema %s", c->opt->schema_path);
		return -1;
	}
	return 0;
}

static void run_text_reader(reader_ctx *c)
{
	int ret = xmlTextReaderRead(c->xr);

	while (ret == 1 && !c->stopped) {
		int skip = 0;
		switch (xmlTextReaderNodeType(c->xr)) {
		case XML_READER_TYPE_DOCUMENT_TYPE:
		case XML_READER_TYPE_ENTITY_REFERENCE:
		case XML_READER_TYPE_ENTITY:
			refuse_late_doctype(c);
			break;
		case XML_READER_TYPE_ELEMENT:
			skip = start_element(c, xmlTextReaderConstName(c->xr));
			if (!skip && xmlTextReaderIsEmptyElement(c->xr))
				end_element(c);
			break;
		case XML_READER_TYPE_END_ELEMENT:
			end_element(c);
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE: {
			const char *v = (const char *)xmlTextReaderConstValue(c->xr);
			xmlNodePtr node = xmlTextReaderCurrentNode(c->xr);
			if (node)
				c->text_end_line = (int)xmlGetLineNo(node);
			text_append(c, v ? v : "", v ? strlen(v) : 0);
			break;
		}
		default:
			break;
		}
		if (skip) {
			ret = xmlTextReaderNext(c->xr);
			if (ret >= 0)
				end_skip(c);
			c->deferred_message = NULL;
		} else {
			ret = xmlTextReaderRead(c->xr);
		}
	}
	if (ret < 0 && !c->stopped)
		reader_explain_parse_error(c);
}

/* ---- the SAX driver (reading, and checking without a schema) ----------------------------- */

/* No XML_PARSE_NOBLANKS (it would install libxml2's own ignorableWhitespace handler). */
#define SAX_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES)
#define SAX_CHUNK (256 * 1024)      /* bytes handed to xmlParseChunk at a time */

/* libxml2 checks the depth of elements only when it builds a tree (nodePush): without
 * one, the same error is raised here, in the parser's words, at the same element. */
static int sax_too_deep(reader_ctx *c)
{
	if (c->sax_depth <= (int)xmlParserMaxDepth)
		return 0;
	if (!c->parse_error[0]) {
		c->parse_error_line = reader_parser_line(c);
		c->parse_error_code = XML_ERR_INTERNAL_ERROR;
		snprintf(c->parse_error, sizeof c->parse_error,
			 "Excessive depth in document: %d use XML_PARSE_HUGE option",
			 (int)xmlParserMaxDepth);
		c->parse_error_offset = xmlByteConsumed(c->pc);
	}
	xmlStopParser(c->pc);
	return 1;
}

/* Where the parser was when a handler of ours stopped the read. */
static void sax_note_stop(reader_ctx *c)
{
	if (c->stopped && !c->stop_offset)
		c->stop_offset = xmlByteConsumed(c->pc);
}

static void sax_start(void *arg, const xmlChar *localname, const xmlChar *prefix,
		      const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
		      int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	reader_ctx *c = arg;
	const xmlChar *name = localname;

	(void)uri;
	(void)nb_namespaces;
	(void)namespaces;
	(void)nb_defaulted;
	if (sax_too_deep(c))
		return;
	c->sax_depth++;
	if (c->stopped)
		return;
	if (c->skip_depth > 0) {
		c->skip_depth++;
		return;
	}
	if (prefix) {   /* rare: only unknown elements have a prefix */
		utf8_format(c->el_qname, sizeof c->el_qname, "%s:%s", (const char *)prefix,
			    (const char *)localname);
		name = (const xmlChar *)c->el_qname;
	} else if (uri) {   /* a default namespace: planner's elements have none */
		snprintf(c->el_qname, sizeof c->el_qname, "{%s}%s", (const char *)uri,
			 (const char *)localname);
		name = (const xmlChar *)c->el_qname;
	}
	c->el_attrs = attributes;
	c->el_nattrs = nb_attributes;
	if (start_element(c, name))
		c->skip_depth = 1;
	c->el_nattrs = 0;
	sax_note_stop(c);
}

static void sax_end(void *arg, const xmlChar *localname, const xmlChar *prefix,
		    const xmlChar *uri)
{
	reader_ctx *c = arg;

	(void)localname;
	(void)prefix;
	(void)uri;
	c->sax_depth--;
	if (c->stopped)
		return;
	if (c->skip_depth > 0) {
		if (--c->skip_depth == 0)
			end_skip(c);
	} else {
		end_element(c);
	}
	sax_note_stop(c);
}

static void sax_text(void *arg, const xmlChar *ch, int len)
{
	reader_ctx *c = arg;

	if (c->stopped || c->skip_depth > 0)
		return;
	text_append(c, (const char *)ch, (size_t)len);
	sax_note_stop(c);
}

static void sax_doctype(void *arg, const xmlChar *name, const xmlChar *external_id,
			const xmlChar *system_id)
{
	reader_ctx *c = arg;

	(void)name;
	(void)external_id;
	(void)system_id;
	refuse_late_doctype(c);
	xmlStopParser(c->pc);
}

static void sax_reference(void *arg, const xmlChar *name)
{
	(void)name;
	sax_doctype(arg, NULL, NULL, NULL);
}

/* Up to size bytes of the file, through input_read (at most READ_CHUNK_MAX bytes at a
 * time, which its watch for huge tags relies on).  Short at the end of the file or when
 * input_read failed (c->input_errno, c->input_refused). */
static size_t fill_chunk(reader_ctx *c, char *buf, size_t size)
{
	size_t got = 0;

	while (got < size) {
		int n = input_read(c, buf + got, (int)(size - got));
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	return got;
}

static int sax_open(reader_ctx *c, const char *head, int n)
{
	xmlSAXHandler sax;

	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = sax_start;
	sax.endElementNs = sax_end;
	sax.characters = sax_text;
	sax.ignorableWhitespace = sax_text;
	sax.cdataBlock = sax_text;
	sax.internalSubset = sax_doctype;
	sax.reference = sax_reference;
	sax.serror = on_xml_error;
	/* like the xmlTextReader: the first 4 bytes tell the encoding */
	c->pc = xmlCreatePushParserCtxt(&sax, c, n >= 4 ? head : NULL, n >= 4 ? 4 : 0, c->path);
	if (!c->pc) {
		reader_fatal(c, EXIT_SOFTWARE, 0, "out of memory (XML parser)");
		return -1;
	}
	xmlCtxtUseOptions(c->pc, SAX_OPTIONS |
			  (starts_with_bom((const unsigned char *)head, (size_t)n) ?
			   XML_PARSE_IGNORE_ENC : 0));
	intern_names(c);
	return 0;
}

/* The xmlTextReader hands its parser the first 4 bytes, then 512 at a time, and stops
 * at a parse error before returning the nodes of that piece.  The end of the piece
 * that holds byte `offset`: a parse error before it wins over a problem at `offset`. */
static long reader_chunk_end(long offset)
{
	return offset < 4 ? 4 : 4 + ((offset - 4) / 512 + 1) * 512;
}

/* After parsing: a parse error, or a read that failed, is the one fatal line.  After a
 * fatal problem of ours the parser went on to the end of the xmlTextReader's piece
 * (reader_chunk_end), so that the same files give the same line as before. */
static void sax_parse_failed(reader_ctx *c)
{
	if (!c->parse_error[0] && !c->input_errno && !c->input_refused && c->pc->wellFormed)
		return;
	if (c->stopped && c->fatal.status == EXIT_DATAERR && c->parse_error[0] &&
	    c->parse_error_offset < reader_chunk_end(c->stop_offset))
		c->stopped = 0;
	if (!c->stopped)
		reader_explain_parse_error(c);
}

static void run_sax(reader_ctx *c)
{
	char *buf = malloc(SAX_CHUNK);

	if (!buf) {
		reader_fatal(c, EXIT_SOFTWARE, 0, "out of memory (XML input)");
		return;
	}
	size_t n = fill_chunk(c, buf, SAX_CHUNK);
	size_t head = n >= 4 ? 4 : 0;
	if (sax_open(c, buf, (int)n) == 0) {
		const char *p = buf + head;
		n -= head;
		for (;;) {
			int failed = c->input_errno || c->input_refused;
			xmlParseChunk(c->pc, p, (int)n, c->input_eof);
			if (failed || c->input_eof || c->parse_error[0])
				break;
			if (c->stopped && (!c->stop_offset ||
					   (long)c->bytes_read >= reader_chunk_end(c->stop_offset)))
				break;
			p = buf;
			n = fill_chunk(c, buf, SAX_CHUNK);
		}
		sax_parse_failed(c);
	}
	free(buf);
}

static void ctx_free(reader_ctx *c)
{
	if (c->xr)
		xmlFreeTextReader(c->xr);
	if (c->pc)
		xmlFreeParserCtxt(c->pc);
	if (c->fd > 0)
		close(c->fd);
	free(c->text);
	free(c->attr_buf);
	free(c->ids);
	free(c->s.orders);
	free(c->s.neighbours);
	free(c->s.factors);
	free(c->factor_slots);
	free(c->s.honours);
	arena_free(&c->strings);
}

static void run(reader_ctx *c)
{
	if (open_checked(c) < 0)
		return;
	if (c->opt->schema_path) {
		if (open_text_reader(c) == 0)
			run_text_reader(c);
	} else {
		run_sax(c);
	}
	if (!c->stopped)
		element_boundary(c, INT_MAX);   /* the schema's errors of the last lines */
}

static int read_file(reader_ctx *c, const char *path, const read_options *opt, read_mode mode)
{
	static const read_options defaults;
	xmlStructuredErrorFunc saved_serror = xmlStructuredError;
	void *saved_sctx = xmlStructuredErrorContext;
	xmlGenericErrorFunc saved_error = xmlGenericError;
	void *saved_ctx = xmlGenericErrorContext;

	xmlInitParser();
	/* per thread, and only while reading: nothing of libxml2's reaches stderr */
	xmlSetGenericErrorFunc(NULL, xml_silent);
	xmlSetStructuredErrorFunc(c, on_xml_error);
	c->path = path;
	c->opt = opt ? opt : &defaults;
	c->mode = mode;
	c->base = c->opt->quarter;
	c->stack[0] = NODE_DOC;
	c->depth = 1;
	c->fd = -1;
	run(c);
	if (!c->stopped && c->stores_read == 0 && mode == READ_STORE)
		reader_fatal(c, EXIT_DATAERR, 1, "no <store> element");
	if (!c->stopped && c->opt->on_warning)
		for (int i = 0; i < c->n_warnings; i++)
			c->opt->on_warning(c->opt->ctx, &c->warnings[i]);
	/* while our handlers are still in place */
	if (c->xr) {
		xmlFreeTextReader(c->xr);
		c->xr = NULL;
	}
	if (c->pc) {
		xmlFreeParserCtxt(c->pc);
		c->pc = NULL;
	}
	xmlSetStructuredErrorFunc(saved_sctx, saved_serror);
	xmlSetGenericErrorFunc(saved_ctx, saved_error);
	return c->stopped ? c->fatal.status : EXIT_OK;
}

int region_read(const char *path, const read_options *opt, region *out, diag *fatal)
{
	reader_ctx c = { 0 };

	memset(out, 0, sizeof *out);
	out->path = path;
	c.reg = out;
	c.keep_entries = 1;
	int status = read_file(&c, path, opt, READ_REGION);
	if (status != EXIT_OK) {
		*fatal = c.fatal;
		region_free(out);
	}
	ctx_free(&c);
	return status;
}

int store_read(const char *path, const read_options *opt, store **out, diag *fatal)
{
	reader_ctx c = { 0 };

	*out = NULL;
	int status = read_file(&c, path, opt, READ_STORE);
	if (status == EXIT_OK) {
		*out = store_clone(&c.s);
		if (!*out) {
			diag_set(fatal, EXIT_SOFTWARE, path, 0, NULL, NULL, "out of memory");
			status = EXIT_SOFTWARE;
		}
	} else {
		*fatal = c.fatal;
	}
	ctx_free(&c);
	return status;
}

int xml_check(const char *path, const read_options *opt, diag *fatal)
{
	reader_ctx c = { 0 };
	region scratch = { 0 };

	fatal->text[0] = '\0';
	c.reg = &scratch;          /* ids only: duplicate detection */
	int status = read_file(&c, path, opt, READ_ANY);
	if (status != EXIT_OK)
		*fatal = c.fatal;
	else if (c.problems > 0)
		status = EXIT_DATAERR;
	region_free(&scratch);
	ctx_free(&c);
	return status;
}
