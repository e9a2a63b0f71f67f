/*
 * xml_elements.c: where in the document the reader is: each element checked against
 * its parent (unknown elements and attributes, a store's children in schema order),
 * the text of a field collected and trimmed, and each element handed on: a store's
 * fields to store_fields.c, the region's header and stores to xml_region.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numbers.h"
#include "reader_ctx.h"
#include "utf8.h"

static const char *node_name(node_kind k)
{
	static const char *names[] = { "document", "region", "store", "orders", "neighbours",
		"assessment", "neighbour", "factor", "code", "owner", "address", "area", "opened",
		"surroundings", "q", "honour", "growth" };
	return names[k];
}

/* Which child kind `name` is under `parent`; -1 when it does not belong there.  The
 * drivers pass names from the parser's dictionary (the same pointer for the same name
 * all through a file), so a name's pointer is remembered the first time it is found
 * (c->names[]) and later elements compare pointers instead of strings. */
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

static int child_kind(reader_ctx *c, node_kind parent, const char *name)
{
	for (size_t i = 0; i < CHILD_MAP_SIZE; i++)
		if (child_map[i].parent == parent && c->names[i] == name)
			return (int)child_map[i].kind;
	for (size_t i = 0; i < CHILD_MAP_SIZE; i++)
		if (child_map[i].parent == parent && strcmp(child_map[i].name, name) == 0) {
			if (name != c->el_qname && i < READER_MAX_NAMES)   /* not our buffer */
				c->names[i] = name;
			return (int)child_map[i].kind;
		}
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
		defer_problem(c, line, field, "xml.element.nested-store");
		return;
	}
	if (c->opt->strict) {
		defer_problem(c, line, field, "xml.element.unknown");
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
	diag_msg(&c->warnings[c->n_warnings++], EXIT_OK, c->path, line,
		 c->in_store ? c->store_id : NULL, field, "xml.element.unknown.ignored", NULL);
	reader_one_line(&c->warnings[c->n_warnings - 1]);
}

/* Attributes an element may have (the schema's, for the SAX reader: under validate the
 * schema itself reports the others).  name comes from the parser's dictionary, so, as in
 * child_kind, an allowed name's pointer is remembered the first time it is met. */
static int attribute_known(reader_ctx *c, node_kind kind, const char *name)
{
	static const char *const allowed[NODE_GROWTH + 1][READER_MAX_ATTRS] = {
		[NODE_REGION] = { "id", "name", "quarter", "unit" },
		[NODE_STORE] = { "id", "name" }, [NODE_Q] = { "id" },
		[NODE_NEIGHBOUR] = { "id", "code", "distance" },
		[NODE_FACTOR] = { "name", "value" }, [NODE_GROWTH] = { "name", "pct", "place" },
	};

	if ((size_t)kind >= sizeof allowed / sizeof allowed[0])
		return 0;
	for (int i = 0; i < READER_MAX_ATTRS && allowed[kind][i]; i++)
		if (c->attr_names[kind][i] == name)
			return 1;
	for (int i = 0; i < READER_MAX_ATTRS && allowed[kind][i]; i++)
		if (allowed[kind][i][0] == name[0] && strcmp(allowed[kind][i], name) == 0) {
			c->attr_names[kind][i] = name;
			return 1;
		}
	return 0;
}

/* An attribute the schema does not know: a problem under validate, else a warning
 * once per element and attribute name (as for unknown elements). */
static void check_attributes(reader_ctx *c, node_kind kind, const char *elem, int line)
{
	for (int i = 0; i < c->el_nattrs; i++) {
		const xmlChar **a = c->el_attrs + 5 * i;
		if (!a[1] && attribute_known(c, kind, (const char *)a[0]))
			continue;
		char name[40], shown[40], field[96];
		snprintf(name, sizeof name, "%s%s%s", a[1] ? (const char *)a[1] : "", a[1] ? ":" : "",
			 (const char *)a[0]);
		snprintf(field, sizeof field, "<%s %s>", elem, reader_shorten(name, shown, sizeof shown));
		if (c->opt->strict) {
			reader_problem(c, line, field, "xml.element.attribute", NULL);
			continue;
		}
		int seen = 0;
		for (int k = 0; k < c->n_warned && !seen; k++)
			seen = strncmp(c->warned[k], field, sizeof c->warned[0] - 1) == 0;
		if (seen || c->n_warned == READER_MAX_WARNINGS)
			continue;
		snprintf(c->warned[c->n_warned++], sizeof c->warned[0], "%.39s", field);
		diag_msg(&c->warnings[c->n_warnings++], EXIT_OK, c->path, line,
			 c->in_store ? c->store_id : NULL, field, "xml.element.attribute.ignored",
			 NULL);
		reader_one_line(&c->warnings[c->n_warnings - 1]);
	}
}

/* The schema's order of a store's children (the SAX reader checks it; under validate
 * the schema does). */
static int child_rank(node_kind kind)
{
	static const int rank[NODE_GROWTH + 1] = { [NODE_CODE] = 0, [NODE_OWNER] = 1,
		[NODE_ADDRESS] = 2, [NODE_AREA] = 3, [NODE_OPENED] = 4, [NODE_ORDERS] = 5,
		[NODE_NEIGHBOURS] = 6, [NODE_SURROUNDINGS] = 7, [NODE_ASSESSMENT] = 8 };

	return (size_t)kind < sizeof rank / sizeof rank[0] ? rank[kind] : 0;
}

static void check_store_child(reader_ctx *c, node_kind kind, int line)
{
	char field[32];
	int rank = child_rank(kind);

	if ((c->children_seen & (1u << kind)) || rank < c->child_rank)   /* only for a problem */
		snprintf(field, sizeof field, "<%s>", node_name(kind));
	if (c->children_seen & (1u << kind))
		reader_problem(c, line, field, "store.element.twice", NULL);
	else if (rank < c->child_rank)
		reader_problem(c, line, field, "store.element.order", NULL);
	c->children_seen |= 1u << kind;
	if (rank > c->child_rank)
		c->child_rank = rank;
}

/* An element starts; xname is its qualified name: <x:code> is not <code> (planner files
 * use no namespaces).  Returns 1 when the element's subtree must be skipped. */
int reader_start_element(reader_ctx *c, const xmlChar *xname)
{
	const char *name = (const char *)xname;
	node_kind parent = c->stack[c->depth - 1];
	int line = reader_current_line(c);
	int kind;

	if (!c->in_store)
		reader_element_boundary(c, line);
	if (parent == NODE_DOC) {
		int want_region = c->mode != READ_STORE, want_store = c->mode != READ_REGION;
		if (want_region && strcmp(name, "region") == 0)
			kind = NODE_REGION;
		else if (want_store && strcmp(name, "store") == 0)
			kind = NODE_STORE;
		else {
			char shown[48];
			reader_fatal(c, EXIT_DATAERR, line,
				     c->mode == READ_REGION ? "xml.root.region" :
				     c->mode == READ_STORE ? "xml.root.store" : "xml.root.any",
				     "name", reader_shorten(name, shown, sizeof shown), NULL);
			return 1;
		}
	} else if ((kind = child_kind(c, parent, name)) < 0) {
		unknown_element(c, parent, name, line);
		return 1;
	}
	if (c->depth >= READER_MAX_DEPTH) {
		reader_fatal(c, EXIT_DATAERR, line, "xml.too-deep", NULL);
		return 1;
	}
	c->stack[c->depth++] = (node_kind)kind;
	c->stray_text_said = 0;
	c->leaf_line = line;
	c->leaf_tail_newlines = 0;
	c->text_len = 0;
	c->text_too_long = 0;
	if (!c->xr && c->el_nattrs && !c->quiet)
		check_attributes(c, (node_kind)kind, name, line);
	if (!c->xr && parent == NODE_STORE)
		check_store_child(c, (node_kind)kind, line);
	switch (kind) {
	case NODE_REGION: reader_begin_region(c, line); break;
	case NODE_STORE:
		c->child_rank = 0;
		c->children_seen = 0;
		fields_begin_store(c, line);
		c->last_store_line = line;
		_Static_assert(sizeof c->last_store_id == sizeof c->store_id, "one size");
		memcpy(c->last_store_id, c->store_id, sizeof c->last_store_id);
		break;
	case NODE_NEIGHBOUR: fields_neighbour(c, line); break;
	case NODE_FACTOR: fields_factor(c, line); break;
	case NODE_Q: reader_attr(c, "id", c->leaf_attr, sizeof c->leaf_attr); break;
	case NODE_GROWTH: {
		char pct[48];
		reader_attr(c, "name", c->leaf_attr, sizeof c->leaf_attr);
		if (reader_attr(c, "place", c->leaf_place, sizeof c->leaf_place) == 2) {
			char max[24];
			snprintf(max, sizeof max, "%zu", sizeof c->leaf_place - 1);
			reader_problem(c, line, "<growth place>", "region.too-long", "max", max, NULL);
		}
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
	char *e = c->text + c->text_len;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r')) {
		c->leaf_tail_newlines += e[-1] == '\n';
		*--e = '\0';
	}
	return s;
}

void reader_end_element(reader_ctx *c)
{
	if (c->depth <= 1)
		return;
	node_kind kind = c->stack[--c->depth];
	c->stray_text_said = 0;

	switch (kind) {
	case NODE_STORE: reader_end_store(c); break;
	case NODE_GROWTH: reader_end_growth(c, trimmed_text(c)); break;
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

/* Text of the current element: a whole text node (xmlTextReader) or one piece of it
 * (SAX calls characters() several times for one text). */
void reader_text_append(reader_ctx *c, const char *v, size_t n)
{
	node_kind top = c->stack[c->depth - 1];
	if (top < NODE_CODE) {
		/* text between container elements (stray text, a CDATA number in <orders>):
		 * a problem, said once per run of text; under validate the schema says it */
		if (!c->opt->schema_path && top != NODE_DOC && !c->stray_text_said &&
		    !reader_blank(v, n)) {
			char field[32];
			c->stray_text_said = 1;
			snprintf(field, sizeof field, "<%s>", node_name(top));
			reader_problem(c, reader_parser_line(c), field, "xml.element.text", NULL);
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
			reader_fatal(c, EXIT_SOFTWARE, 0, "file.memory", NULL);
			return;
		}
		c->text = p;
		c->text_cap = READER_MAX_TEXT + 1;
	}
	memcpy(c->text + c->text_len, v, n);
	c->text_len += n;
}


/* A skipped subtree has ended: the problem with its element goes out now. */
void reader_end_skip(reader_ctx *c)
{
	if (c->deferred_message)
		reader_problem(c, c->deferred_line, c->deferred_field, c->deferred_message, NULL);
	c->deferred_message = NULL;
}
