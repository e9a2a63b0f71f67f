/*
 * xml_reader.c: the streaming half of the reader.  Drives libxml2's xmlTextReader over
 * a region file or store profile (no DOM, no DTDs, no entities, no network), tracks
 * which element we are in, hands field values to store_fields.c, and keeps a region
 * compact: one region_entry per store plus its id and name in a string arena.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/xmlschemas.h>

#include "numbers.h"
#include "reader_ctx.h"

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT | XML_PARSE_NOBLANKS)

/* libxml2 must never print: every message reaches the user through a diag. */
static void xml_silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void reader_init_libxml(void)
{
	static int done;

	if (!done) {
		xmlInitParser();
		xmlSetGenericErrorFunc(NULL, xml_silent);
		done = 1;
	}
}

static int current_line(reader_ctx *c)
{
	xmlNodePtr node = xmlTextReaderCurrentNode(c->xr);
	long line = node ? xmlGetLineNo(node) : -1;

	return line > 0 ? (int)line : xmlTextReaderGetParserLineNumber(c->xr);
}

static void emit(reader_ctx *c, const diag *d)
{
	c->problems++;
	if (!c->opt->on_problem || c->opt->on_problem(c->opt->ctx, d)) {
		c->fatal = *d;
		c->stopped = 1;
	}
}

void reader_problem(reader_ctx *c, int line, const char *field, const char *fmt, ...)
{
	diag d;
	char msg[700];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_set(&d, EXIT_DATAERR, c->path, line, c->in_store ? c->store_id : NULL, field,
		 "%s", msg);
	if (c->in_store) {
		if (c->store_valid)
			snprintf(c->first_error, sizeof c->first_error, "%s", d.text);
		c->store_valid = 0;
		if (c->n_problem_lines < READER_MAX_LINES)
			c->problem_lines[c->n_problem_lines++] = line;
	}
	emit(c, &d);
}

void reader_fatal(reader_ctx *c, int status, int line, const char *fmt, ...)
{
	char msg[700];
	va_list ap;

	if (c->stopped)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_set(&c->fatal, status, c->path, line, NULL, NULL, "%s", msg);
	c->stopped = 1;
}

int reader_attr(reader_ctx *c, const char *name, char *buf, size_t size)
{
	int found = 0;

	buf[0] = '\0';
	if (xmlTextReaderMoveToAttribute(c->xr, (const xmlChar *)name) == 1) {
		const char *v = (const char *)xmlTextReaderConstValue(c->xr);
		size_t n = v ? strlen(v) : 0;
		found = n < size ? 1 : 2;
		if (n >= size)
			n = size - 1;
		memcpy(buf, v ? v : "", n);
		buf[n] = '\0';
		xmlTextReaderMoveToElement(c->xr);
	}
	return found;
}

const char *reader_attr_dup(reader_ctx *c, const char *name, size_t max, int *too_long)
{
	const char *out = NULL;

	*too_long = 0;
	if (xmlTextReaderMoveToAttribute(c->xr, (const xmlChar *)name) == 1) {
		const char *v = (const char *)xmlTextReaderConstValue(c->xr);
		size_t n = v ? strlen(v) : 0;
		if (n > max)
			*too_long = 1;
		else
			out = arena_strndup(&c->strings, v ? v : "", n);
		xmlTextReaderMoveToElement(c->xr);
	}
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

/* ---- stores ---------------------------------------------------------------------------- */

static void flush_pending(reader_ctx *c)
{
	for (int i = 0; i < c->n_pending && !c->stopped; i++) {
		pending_error *p = &c->pending[i];
		int dup = 0;
		for (int k = 0; k < c->n_problem_lines; k++)
			dup |= c->problem_lines[k] == p->line;
		if (dup)
			continue;   /* our own check already named this problem */
		diag d;
		diag_set(&d, EXIT_DATAERR, c->path, p->line, p->store_id, NULL, "%s", p->message);
		emit(c, &d);
	}
	c->n_pending = 0;
}

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

static void end_store(reader_ctx *c)
{
	store *s = &c->s;

	uint32_t id_off = 0;
	int kept = store_is_kept(c);

	fields_end_store(c);
	/* duplicate ids: over the whole file, or over the kept peer group only */
	if (c->reg && s->id && kept) {
		id_off = region_intern(c, s->id);
		if (id_off && ids_insert(c, id_off)) {
			reader_problem(c, s->line, "<store id>",
				       "duplicate store id (also used earlier in this file)");
		}
	}
	for (size_t i = 0; i < s->n_orders; i++)
		if (c->reg && s->orders[i].quarter > c->reg->latest)
			c->reg->latest = s->orders[i].quarter;
	if (c->keep_entries && kept && !c->stopped)
		append_entry(c, id_off);
	if (c->opt->on_store && !c->stopped)
		c->opt->on_store(c->opt->ctx, s, c->store_valid);
	flush_pending(c);
	c->in_store = 0;
	c->stores_read++;
}

/* ---- elements ---------------------------------------------------------------------------- */

static void begin_region(reader_ctx *c, int line)
{
	char buf[512];
	region *r = c->reg;

	if (reader_attr(c, "id", buf, sizeof buf) == 1 && r)
		r->id = strdup(buf);
	else if (!r || !r->id)
		reader_problem(c, line, "<region>", "missing attribute id");
	if (r && reader_attr(c, "name", buf, sizeof buf) == 1)
		r->name = strdup(buf);
	if (r && reader_attr(c, "unit", buf, sizeof buf) == 1)
		r->unit = strdup(buf);
	if (reader_attr(c, "quarter", buf, sizeof buf)) {
		quarter_t q;
		if (quarter_parse(buf, &q) < 0)
			reader_problem(c, line, "<region quarter>",
				       "\"%.40s\" is not a quarter id (YYYYQn, n 1-4)", buf);
		else if (r)
			r->quarter_attr = q;
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
	g[r->n_growth++] = (growth_fact){ strdup(c->leaf_attr), strdup(text), c->leaf_number };
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
	for (size_t i = 0; i < CHILD_MAP_SIZE && i < READER_MAX_NAMES; i++)
		c->names[i] = xmlTextReaderConstString(c->xr, (const xmlChar *)child_map[i].name);
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

static void unknown_element(reader_ctx *c, node_kind parent, const char *name, int line)
{
	char field[96];

	snprintf(field, sizeof field, "<%s>/<%.40s>", node_name(parent), name);
	if (strcmp(name, "store") == 0) {
		reader_problem(c, line, field, "a <store> cannot contain another <store>");
		return;
	}
	if (c->opt->strict) {
		reader_problem(c, line, field, "unknown element");
		return;
	}
	for (int i = 0; i < c->n_warned; i++)
		if (strcmp(c->warned[i], name) == 0)
			return;
	if (c->n_warned < 32)
		snprintf(c->warned[c->n_warned++], sizeof c->warned[0], "%s", name);
	if (c->opt->on_warning) {
		diag d;
		diag_set(&d, EXIT_OK, c->path, line, c->in_store ? c->store_id : NULL, field,
			 "unknown element ignored (later ones with this name are not reported)");
		c->opt->on_warning(c->opt->ctx, &d);
	}
}

/* Returns 1 when the element's subtree must be skipped. */
static int start_element(reader_ctx *c)
{
	const xmlChar *xname = xmlTextReaderConstLocalName(c->xr);
	const char *name = (const char *)xname;
	node_kind parent = c->stack[c->depth - 1];
	int line = current_line(c);
	int kind;

	if (parent == NODE_DOC) {
		int want_region = c->mode != READ_STORE, want_store = c->mode != READ_REGION;
		if (want_region && strcmp(name, "region") == 0)
			kind = NODE_REGION;
		else if (want_store && strcmp(name, "store") == 0)
			kind = NODE_STORE;
		else {
			reader_fatal(c, EXIT_DATAERR, line, "root element <%.40s> is not %s", name,
				     c->mode == READ_REGION ? "<region>" :
				     c->mode == READ_STORE ? "<store>" : "<region> or <store>");
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
	c->leaf_line = line;
	c->text_len = 0;
	c->text_too_long = 0;
	switch (kind) {
	case NODE_REGION: begin_region(c, line); break;
	case NODE_STORE: fields_begin_store(c, line); break;
	case NODE_NEIGHBOUR: fields_neighbour(c, line); break;
	case NODE_FACTOR: fields_factor(c, line); break;
	case NODE_Q: reader_attr(c, "id", c->leaf_attr, sizeof c->leaf_attr); break;
	case NODE_GROWTH: {
		char pct[48];
		reader_attr(c, "name", c->leaf_attr, sizeof c->leaf_attr);
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
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static void end_element(reader_ctx *c)
{
	if (c->depth <= 1)
		return;
	node_kind kind = c->stack[--c->depth];

	switch (kind) {
	case NODE_STORE: end_store(c); break;
	case NODE_GROWTH: end_growth(c, trimmed_text(c)); break;
	case NODE_REGION: flush_pending(c); break;
	default:
		if (kind >= NODE_CODE)
			fields_end_leaf(c, kind, trimmed_text(c));
		break;
	}
}

static void text_node(reader_ctx *c)
{
	if (c->stack[c->depth - 1] < NODE_CODE)
		return;   /* text between container elements: the schema's business */
	const char *v = (const char *)xmlTextReaderConstValue(c->xr);
	size_t n = v ? strlen(v) : 0;
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

static void on_xml_error(void *arg, xmlErrorPtr err)
{
	reader_ctx *c = arg;
	char msg[400];

	if (!err || err->level == XML_ERR_WARNING)
		return;
	snprintf(msg, sizeof msg, "%s", err->message ? err->message : "error");
	msg[strcspn(msg, "\n")] = '\0';
	if (err->domain == XML_FROM_SCHEMASV) {
		if (c->n_pending < READER_MAX_PENDING) {
			pending_error *p = &c->pending[c->n_pending++];
			p->line = err->line;
			snprintf(p->store_id, sizeof p->store_id, "%s", c->in_store ? c->store_id : "");
			snprintf(p->message, sizeof p->message, "schema: %.380s", msg);
		}
		return;
	}
	if (!c->parse_error[0]) {
		c->parse_error_line = err->line;
		snprintf(c->parse_error, sizeof c->parse_error, "%s", msg);
	}
}

/* ---- driver ------------------------------------------------------------------------------ */

static int open_checked(reader_ctx *c)
{
	struct stat st;
	FILE *f;

	if (stat(c->path, &st) < 0 || !(f = fopen(c->path, "rb"))) {
		reader_fatal(c, EXIT_NOINPUT, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	fclose(f);
	if (S_ISDIR(st.st_mode)) {
		reader_fatal(c, EXIT_NOINPUT, 0, "cannot open: is a directory");
		return -1;
	}
	c->xr = xmlReaderForFile(c->path, NULL, XML_OPTIONS);
	if (!c->xr) {
		reader_fatal(c, EXIT_NOINPUT, 0, "cannot open for reading");
		return -1;
	}
	xmlTextReaderSetStructuredErrorHandler(c->xr, on_xml_error, c);
	intern_names(c);
	if (c->opt->schema_path &&
	    xmlTextReaderSchemaValidate(c->xr, c->opt->schema_path) != 0) {
		reader_fatal(c, EXIT_SOFTWARE, 0, "cannot load the schema %s", c->opt->schema_path);
		return -1;
	}
	return 0;
}

static void run(reader_ctx *c)
{
	int ret = xmlTextReaderRead(c->xr);

	while (ret == 1 && !c->stopped) {
		int skip = 0;
		switch (xmlTextReaderNodeType(c->xr)) {
		case XML_READER_TYPE_DOCUMENT_TYPE:
		case XML_READER_TYPE_ENTITY_REFERENCE:
			reader_fatal(c, EXIT_DATAERR, current_line(c),
				     "DOCTYPE and entity declarations are not allowed in planner files");
			break;
		case XML_READER_TYPE_ELEMENT:
			skip = start_element(c);
			if (!skip && xmlTextReaderIsEmptyElement(c->xr))
				end_element(c);
			break;
		case XML_READER_TYPE_END_ELEMENT:
			end_element(c);
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
			text_node(c);
			break;
		default:
			break;
		}
		ret = skip ? xmlTextReaderNext(c->xr) : xmlTextReaderRead(c->xr);
	}
	if (ret < 0 && !c->stopped) {
		if (c->parse_error[0])
			reader_fatal(c, EXIT_DATAERR, c->parse_error_line, "not well-formed XML: %s",
				     c->parse_error);
		else
			reader_fatal(c, EXIT_DATAERR, xmlTextReaderGetParserLineNumber(c->xr),
				     "not well-formed XML");
	}
	flush_pending(c);
}

static void ctx_free(reader_ctx *c)
{
	if (c->xr)
		xmlFreeTextReader(c->xr);
	free(c->text);
	free(c->ids);
	free(c->s.orders);
	free(c->s.neighbours);
	free(c->s.factors);
	free(c->s.honours);
	arena_free(&c->strings);
}

static int read_file(reader_ctx *c, const char *path, const read_options *opt, read_mode mode)
{
	static const read_options defaults;

	reader_init_libxml();
	c->path = path;
	c->opt = opt ? opt : &defaults;
	c->mode = mode;
	c->base = c->opt->quarter;
	c->stack[0] = NODE_DOC;
	c->depth = 1;
	if (open_checked(c) == 0)
		run(c);
	if (!c->stopped && c->stores_read == 0 && mode == READ_STORE)
		reader_fatal(c, EXIT_DATAERR, 0, "no <store> element");
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
