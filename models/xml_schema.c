/*
 * xml_schema.c: the schema pass only validate needs: libxml2's xmlTextReader with the
 * XSD applied, and the schema's errors held until our own checks of the same lines have
 * run, so that one problem gives one line (held errors, problem ranges, repeats counted).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reader_ctx.h"
#include "utf8.h"

/* No XML_PARSE_NOENT (entities stay unexpanded), no XML_PARSE_DTDLOAD (external DTDs are
 * never loaded), no XML_PARSE_HUGE (libxml2's limits on depth, names and text stay on),
 * and XML_PARSE_NONET in case anything ever tried to fetch a URL. */
#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT)

static int open_text_reader(reader_ctx *c)
{
	unsigned char head[4];
	ssize_t n = c->in.size > 0 ? pread(c->in.fd, head, sizeof head, 0) : 0;
	int bom = n > 0 && reader_starts_with_bom(head, (size_t)n);

	c->xr = xmlReaderForIO(reader_input_read, reader_input_close, c, c->path, NULL,
			       XML_OPTIONS | (bom ? XML_PARSE_IGNORE_ENC : 0));
	if (!c->xr) {
		reader_fatal(c, EXIT_SOFTWARE, 0, "file.memory.reader", NULL);
		return -1;
	}
	if (xmlTextReaderSchemaValidate(c->xr, c->opt->schema_path) != 0) {
		reader_fatal(c, EXIT_SOFTWARE, 0, "xml.schema-load", "path", c->opt->schema_path,
			     NULL);
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
			reader_refuse_late_doctype(c);
			break;
		case XML_READER_TYPE_ELEMENT:
			skip = reader_start_element(c, xmlTextReaderConstName(c->xr));
			if (!skip && xmlTextReaderIsEmptyElement(c->xr))
				reader_end_element(c);
			break;
		case XML_READER_TYPE_END_ELEMENT:
			reader_end_element(c);
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE: {
			const char *v = (const char *)xmlTextReaderConstValue(c->xr);
			xmlNodePtr node = xmlTextReaderCurrentNode(c->xr);
			if (node)
				c->text_end_line = (int)xmlGetLineNo(node);
			reader_text_append(c, v ? v : "", v ? strlen(v) : 0);
			break;
		}
		default:
			break;
		}
		if (skip) {
			ret = xmlTextReaderNext(c->xr);
			if (ret >= 0)
				reader_end_skip(c);
			c->deferred_message = NULL;
		} else {
			ret = xmlTextReaderRead(c->xr);
		}
	}
	if (ret < 0 && !c->stopped)
		reader_explain_parse_error(c);
}

void reader_run_schema(reader_ctx *c)
{
	if (open_text_reader(c) == 0)
		run_text_reader(c);
}


/* ---- schema errors, held until our own checks have seen the same lines ---------------- */

/* Rewords libxml2's schema message for a user: "Element 'q', attribute 'id': [facet
 * 'pattern'] The value ... ." arrives as field "<q id>" and becomes "The value ...
 * (schema)" (xml.schema, libxml2's words as the argument); the usual content-model
 * sentences get shorter wording (xml.schema.*, with what follows them as the argument
 * rest).  Returns the key; rest gets the argument. */
static const char *schema_message(const pending_error *p, char *rest, size_t size)
{
	static const struct { const char *from, *key; } words[] = {
		{ "This element is not expected. Expected is one of ( ", "xml.schema.unexpected.one-of" },
		{ "This element is not expected. Expected is ( ", "xml.schema.unexpected.expected" },
		{ "This element is not expected.", "xml.schema.unexpected" },
		{ "Missing child element(s). Expected is one of ( ", "xml.schema.missing.one-of" },
		{ "Missing child element(s). Expected is ( ", "xml.schema.missing" },
		{ "Character content other than whitespace is not allowed because the content "
		  "type is 'element-only'.", "xml.schema.text" },
		{ "The attribute '", "xml.schema.attribute" },
	};
	const char *m = p->message, *key = "xml.schema";
	char tmp[400];

	if (strncmp(m, "[facet '", 8) == 0 && strstr(m, "] "))
		m = strstr(m, "] ") + 2;
	utf8_format(tmp, sizeof tmp, "%s", m);
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t n = strlen(words[i].from);
		if (strncmp(tmp, words[i].from, n) != 0)
			continue;
		char after[400];
		utf8_format(after, sizeof after, "%s", tmp + n);
		if (strstr(words[i].from, "( "))
			after[strcspn(after, ")")] = '\0';     /* drop the closing " )." */
		utf8_format(tmp, sizeof tmp, "%s", after);
		key = words[i].key;
		break;
	}
	size_t k = strlen(tmp);
	while (k > 0 && (tmp[k - 1] == '.' || tmp[k - 1] == ' '))
		tmp[--k] = '\0';
	utf8_format(rest, size, "%s", tmp);
	return key;
}

static int is_duplicate(const reader_ctx *c, const pending_error *p)
{
	int n = c->held.n_ranges < READER_MAX_RANGES ? c->held.n_ranges : READER_MAX_RANGES;

	for (int i = 0; i < n; i++) {
		const problem_range *r = &c->held.ranges[i];
		if (p->line >= r->first && p->line <= r->last &&
		    (!r->needle || strstr(p->message, r->needle)))
			return 1;
	}
	return 0;
}

static void emit_pending(reader_ctx *c, const pending_error *p)
{
	char rest[400], key[64], times[16], last[16];
	diag d;

	if (is_duplicate(c, p))
		return;     /* our own check already named this problem */
	/* the same error on following text pieces: xml.schema*.repeated, with the count */
	snprintf(key, sizeof key, "%s%s", schema_message(p, rest, sizeof rest),
		 p->repeats > 0 ? ".repeated" : "");
	snprintf(times, sizeof times, "%d", p->repeats + 1);
	snprintf(last, sizeof last, "%d", p->last_line);
	diag_msg(&d, EXIT_DATAERR, c->path, p->line,
		 c->last_store_line && p->line >= c->last_store_line ? c->last_store_id : NULL,
		 p->field, key, "rest", rest, "times", times, "last", last, NULL);
	reader_emit(c, &d);
}

/* Emits the held schema errors on lines before `before` (INT_MAX: all), except those of
 * the store being read: they wait for its end-of-store checks.  The parser validates
 * ahead of the element we are at, so errors of later lines stay held too. */
static void flush_pending(reader_ctx *c, int before)
{
	int kept = 0;

	for (int i = 0; i < c->held.n_pending; i++) {
		pending_error *p = &c->held.pending[i];
		if (p->line >= before || (c->in_store && p->line >= c->s.line))
			c->held.pending[kept++] = *p;
		else if (!c->stopped)
			emit_pending(c, p);
	}
	c->held.n_pending = kept;
}

/* An element outside any store starts at `line`: ranges that lasted until the end of
 * the last store close just before it, then the errors of earlier lines go out. */
void reader_element_boundary(reader_ctx *c, int line)
{
	if (c->held.open_ranges) {
		for (int i = 0; i < READER_MAX_RANGES; i++)
			if (c->held.ranges[i].last == INT_MAX)
				c->held.ranges[i].last = line - 1 > c->held.ranges[i].first ? line - 1
										  : c->held.ranges[i].first;
		c->held.open_ranges = 0;
	}
	if (c->held.n_pending)
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
void reader_hold_schema_error(reader_ctx *c, int line, const char *text)
{
	pending_error *p;
	char elem[40] = "", attr[40] = "";
	const char *m = text;

	if (c->held.n_pending > 0) {
		/* 1 MB of stray text arrives in 512-byte pieces: one line, with a count */
		pending_error *last = &c->held.pending[c->held.n_pending - 1];
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
	if (c->held.n_pending == READER_MAX_PENDING) {
		emit_pending(c, &c->held.pending[0]);   /* full: the oldest goes out now */
		memmove(c->held.pending, c->held.pending + 1,
			(READER_MAX_PENDING - 1) * sizeof *c->held.pending);
		c->held.n_pending--;
	}
	p = &c->held.pending[c->held.n_pending++];
	p->line = line;
	p->repeats = 0;
	p->last_line = line;
	p->field[0] = '\0';
	/* names are cut to 39 bytes; a message without its closing quote (cut short at
	 * 400 bytes by a very long name) keeps its own words and names no field */
	char too_long[128];
	const char *rest = quoted_name(m, "Element '", elem, sizeof elem);
	if (rest) {
		const char *after_attr = quoted_name(rest, ", attribute '", attr, sizeof attr);
		m = after_attr ? after_attr : rest;
		if (!after_attr && strncmp(rest, ", attribute '", 13) == 0) {
			snprintf(attr, sizeof attr, "...");
			m = diag_words(too_long, sizeof too_long, "xml.schema.attribute-too-long", NULL);
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

