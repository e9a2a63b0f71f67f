/*
 * xml_reader.c: the reader's entry points (region_read, store_read, xml_check) and
 * what every part of it shares: one read from start to end (which driver, libxml2's
 * error handlers installed and restored), problems and fatal errors as diags, and the
 * current element's attributes under either driver.  Where the rest lives: reader_ctx.h.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlerror.h>

#include "reader_ctx.h"
#include "utf8.h"


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
		return xmlSAX2GetLineNumber(c->pc) + c->line_offset;
	return c->xr ? xmlTextReaderGetParserLineNumber(c->xr) : 0;
}

/* A node's line.  libxml2 2.9 keeps an element's line in 16 bits even with
 * XML_PARSE_BIG_LINES; past the cap, the white space before the element (a text node,
 * whose exact line is kept) ended on the element's line. */
int reader_node_line(const reader_ctx *c, xmlNodePtr node)
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
int reader_current_line(reader_ctx *c)
{
	if (!c->xr)
		return reader_parser_line(c);
	int line = reader_node_line(c, xmlTextReaderCurrentNode(c->xr));

	return line > 0 ? line : xmlTextReaderGetParserLineNumber(c->xr);
}

/* A diag is one line: values from the file may hold newlines (&#10;) or tabs. */
void reader_one_line(diag *d)
{
	for (char *p = d->text; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			*p = ' ';
}

void reader_emit(reader_ctx *c, diag *d)
{
	reader_one_line(d);
	if (c->part && reader_split_hold(c, d))
		return;
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

void reader_report(reader_ctx *c, int line, const char *field, diag *d)
{
	diag_at(d, EXIT_DATAERR, c->path, line, c->in_store ? c->store_id : NULL, field);
	if (c->in_store) {
		/* packed: summary.pdf words it again in its own language */
		if (c->store_valid)
			utf8_format(c->first_error, sizeof c->first_error, "%s", d->msg);
		c->store_valid = 0;
	}
	/* remembered so that the schema's report of the same problem is not printed too */
	problem_range *r = &c->held.ranges[c->held.n_ranges++ % READER_MAX_RANGES];
	r->first = line;
	r->last = c->problem_end_line == PROBLEM_END_LEAF ? leaf_end_line(c) :
		  c->problem_end_line > line ? c->problem_end_line : line;
	r->needle = c->problem_needle;
	c->held.open_ranges |= r->last == INT_MAX;
	reader_emit(c, d);
}

void reader_problem(reader_ctx *c, int line, const char *field, const char *key, ...)
{
	diag d;
	va_list ap;

	va_start(ap, key);
	diag_vmsg(&d, EXIT_DATAERR, NULL, 0, NULL, NULL, key, ap);
	va_end(ap);
	reader_report(c, line, field, &d);
}

void reader_fatal(reader_ctx *c, int status, int line, const char *key, ...)
{
	va_list ap;

	if (c->stopped)
		return;
	va_start(ap, key);
	diag_vmsg(&c->fatal, status, c->path, line, NULL, NULL, key, ap);
	va_end(ap);
	reader_one_line(&c->fatal);
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
			reader_fatal(c, EXIT_SOFTWARE, 0, "file.memory", NULL);
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

/* Whether the parser's attribute name equals name (a short word of ours: compared here,
 * without a call to strcmp for each attribute of each element). */
static int same_name(const xmlChar *parsed, const char *name)
{
	while (*name && *parsed == (xmlChar)*name) {
		parsed++;
		name++;
	}
	return *parsed == '\0' && *name == '\0';
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
			if (!a[1] && same_name(a[0], name)) {
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


void reader_ctx_free(reader_ctx *c)
{
	if (c->xr)
		xmlFreeTextReader(c->xr);
	if (c->pc)
		xmlFreeParserCtxt(c->pc);
	if (c->in.fd > 0)
		close(c->in.fd);
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
	if (reader_open(c) < 0)
		return;
	if (c->opt->schema_path) {
		reader_run_schema(c);
	} else {
		reader_run_sax(c);
	}
	if (!c->stopped)
		reader_element_boundary(c, INT_MAX);   /* the schema's errors of the last lines */
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
	xmlSetStructuredErrorFunc(c, reader_on_xml_error);
	c->path = path;
	c->opt = opt ? opt : &defaults;
	c->mode = mode;
	c->base = c->opt->quarter;
	c->stack[0] = NODE_DOC;
	c->depth = 1;
	c->in.fd = -1;
	run(c);
	if (!c->stopped && c->stores_read == 0 && mode == READ_STORE)
		reader_fatal(c, EXIT_DATAERR, 1, "xml.no-store", NULL);
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
	int status;

	if (opt && opt->jobs > 1 && !opt->schema_path &&
	    reader_split_read(path, opt, out, fatal, &status))
		return status;
	memset(out, 0, sizeof *out);
	out->path = path;
	c.reg = out;
	c.keep_entries = 1;
	status = read_file(&c, path, opt, READ_REGION);
	if (status != EXIT_OK) {
		*fatal = c.fatal;
		region_free(out);
	}
	reader_ctx_free(&c);
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
			diag_msg(fatal, EXIT_SOFTWARE, path, 0, NULL, NULL, "file.memory", NULL);
			status = EXIT_SOFTWARE;
		}
	} else {
		*fatal = c.fatal;
	}
	reader_ctx_free(&c);
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
	reader_ctx_free(&c);
	return status;
}
