/*
 * xml_errors.c: libxml2's errors during a read: the structured error handler (schema
 * errors held, the first fatal parse error kept with where the parser was), and the
 * parse error turned into the reader's one clear line: where the text ends
 * (truncation), plain words for common hand-editing slips, the parser's own otherwise.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#include "reader_ctx.h"
#include "utf8.h"

/* Whether line:col (libxml2's position of an error) is where the file's text ends: at
 * or after the last character of its last non-empty line.  libxml2 counts columns in
 * characters; so does this (UTF-8 continuation bytes are not counted).  0 when that
 * cannot be told (not a regular file, read error). */
static int at_end_of_text(reader_ctx *c, long line, long col)
{
	char buf[65536];
	long newlines = 0, len = 0, prev_len = 0;
	off_t pos = 0;
	ssize_t n;

	if (c->in.size <= 0)
		return 0;
	while ((n = pread(c->in.fd, buf, sizeof buf, pos)) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			unsigned char ch = (unsigned char)buf[i];
			if (ch == '\n') {
				newlines++;
				prev_len = len;
				len = 0;
			} else if ((ch & 0xC0) != 0x80) {
				len++;
			}
		}
		pos += n;
	}
	if (n < 0)
		return 0;
	long last = newlines + 1;          /* the line after the last newline */
	if (len == 0 && newlines > 0) {    /* it is empty: the text ends on the one before */
		last = newlines;
		len = prev_len;
	}
	return line > last || (line == last && col >= len);
}

/* A name sscanf filled to the brim may end inside a character: cut it with "…". */
static void scanned_name(char *s, size_t size)
{
	size_t n = strlen(s);

	if (n + 1 >= size)
		utf8_truncate_n(s, n, s, n);
}

/* libxml2's words for the usual hand-editing slips, in a user's words: the message key
 * (xml.ill-formed.*) and its argument (name, value, or NULLs).  NULL when m is none of
 * them; otherwise the name argument is scanned into a, b (64 bytes each). */
static const char *reword_syntax_error(const char *m, char *a, char *b, int *line)
{
	static const struct { const char *prefix, *key; } slips[] = {
		{ "xmlParseEntityRef: no name", "xml.ill-formed.amp" },
		{ "EntityRef: expecting ';'", "xml.ill-formed.amp" },
		{ "StartTag: invalid element name", "xml.ill-formed.lt" },
		{ "AttValue: \" or ' expected", "xml.ill-formed.unquoted" },
		{ "attributes construct error", "xml.ill-formed.quote" },
		{ "expected '>'", "xml.ill-formed.unclosed" },
		{ "Couldn't find end of Start Tag", "xml.ill-formed.unclosed" },
	};

	for (size_t i = 0; i < sizeof slips / sizeof slips[0]; i++)
		if (strncmp(m, slips[i].prefix, strlen(slips[i].prefix)) == 0)
			return slips[i].key;
	if (sscanf(m, "Opening and ending tag mismatch: %63s line %d and %63s", a, line, b) == 3) {
		scanned_name(a, 64);
		scanned_name(b, 64);
		return "xml.ill-formed.mismatch";
	}
	if (sscanf(m, "Attribute %63s redefined", a) == 1) {
		scanned_name(a, 64);
		return "xml.ill-formed.attribute-twice";
	}
	if (sscanf(m, "Specification mandates value for attribute %63s", a) == 1) {
		scanned_name(a, 64);
		return "xml.ill-formed.attribute-value";
	}
	return NULL;
}

static void locate_in_text_reader(reader_ctx *c);

/* Turns the parser's first fatal error into the one line the user sees.  The reader
 * parses ahead of the nodes it returns, so what we saw of the document says little
 * about where the parser stopped: its own state, saved by on_xml_error, does. */
void reader_explain_parse_error(reader_ctx *c)
{
	int line = c->parse_error_line > 0 ? c->parse_error_line : reader_parser_line(c);
	int code = c->parse_error_code;
	char unnamed[64];
	const char *m = c->parse_error[0] ? c->parse_error
					  : diag_words(unnamed, sizeof unnamed, "xml.syntax-error", NULL);
	char num[24];
	int no_root;

	if (c->in.read_errno) {
		reader_fatal(c, EXIT_NOINPUT, 0, "file.read-error", "reason",
			     strerror(c->in.read_errno), NULL);
		return;
	}
	if (c->in.refused) {
		snprintf(num, sizeof num, "%d", INPUT_MAX_ATTRIBUTES);
		reader_fatal(c, EXIT_DATAERR, reader_parser_line(c), "xml.attributes", "max", num,
			     NULL);
		return;
	}
	if (c->in.size == 0 || (c->in.eof && c->in.bytes_read == 0)) {
		reader_fatal(c, EXIT_DATAERR, 1, "file.empty", NULL);
		return;
	}
	if (c->xr && c->parse_error_located)
		locate_in_text_reader(c);
	no_root = c->parse_depth == 0 && c->parse_where == PARSE_BEFORE_ROOT;
	if (code == XML_ERR_DOCUMENT_EMPTY) {
		reader_fatal(c, EXIT_DATAERR, line, "xml.not-xml", NULL);
		return;
	}
	if (code == XML_ERR_INVALID_CHAR && strstr(m, "UTF-8")) {
		reader_fatal(c, EXIT_DATAERR, line, "xml.not-utf8", NULL);
		return;
	}
	/* an error inside a DTD the first scan did not reach (a prolog longer than
	 * PROLOG_SCAN_MAX): libxml2 stopped on an entity; the DOCTYPE is the problem */
	if (c->parse_where == PARSE_IN_DTD || code == XML_ERR_ENTITY_LOOP ||
	    code == XML_ERR_ENTITY_PE_INTERNAL || code == XML_ERR_UNDECLARED_ENTITY ||
	    code == XML_WAR_UNDECLARED_ENTITY) {
		int doctype = reader_doctype_line(c, PROLOG_RESCAN_MAX);
		if (doctype > 0) {
			reader_fatal(c, EXIT_DATAERR, doctype, "xml.doctype", NULL);
			return;
		}
	}
	if (code == XML_ERR_UNSUPPORTED_ENCODING) {
		const char *name = strstr(m, "encoding ");
		char shown[64];
		utf8_format(shown, sizeof shown, "%.60s", name ? name + 9 : m);
		reader_fatal(c, EXIT_DATAERR, line, "xml.encoding", "name", shown, NULL);
		return;
	}
	if (strncmp(m, "xmlParseCharRef: invalid xmlChar value ", 39) == 0) {
		char value[16];
		utf8_format(value, sizeof value, "%.12s", m + 39);
		reader_fatal(c, EXIT_DATAERR, line, "xml.char-ref", "value", value, NULL);
		return;
	}
	if (code == XML_ERR_ENTITY_LOOP || code == XML_ERR_UNDECLARED_ENTITY ||
	    code == XML_WAR_UNDECLARED_ENTITY) {
		reader_fatal(c, EXIT_DATAERR, line, "xml.entity", NULL);
		return;
	}
	if (strstr(m, "Excessive depth")) {
		snprintf(num, sizeof num, "%d", READER_XML_MAX_DEPTH);
		reader_fatal(c, EXIT_DATAERR, line, "xml.too-deep.levels", "max", num, NULL);
		return;
	}
	if (code == XML_ERR_NAME_TOO_LONG || strstr(m, "Name too long")) {
		snprintf(num, sizeof num, "%d", XML_MAX_NAME_LENGTH);
		reader_fatal(c, EXIT_DATAERR, line, "xml.name-too-long", "max", num, NULL);
		return;
	}
	if (code == XML_ERR_DOCUMENT_END && c->parse_where == PARSE_AFTER_ROOT) {
		reader_fatal(c, EXIT_DATAERR, line, "xml.after-root", NULL);
		return;
	}
	if (code == XML_ERR_DOCUMENT_END && no_root) {
		reader_fatal(c, EXIT_DATAERR, line, "xml.no-root", NULL);
		return;
	}
	/* the input ran out before the document ended: libxml2's own words ("Extra content
	 * at the end of the document", "AttValue: ' expected" ...) do not help there */
	if ((c->in.eof && code != XML_ERR_TAG_NAME_MISMATCH &&
	     at_end_of_text(c, line, c->parse_error_col)) || code == XML_ERR_DOCUMENT_END) {
		if (c->parse_depth > 0 && c->parse_element[0])
			reader_fatal(c, EXIT_DATAERR, line, "xml.truncated.inside",
				     "element", c->parse_element, NULL);
		else
			reader_fatal(c, EXIT_DATAERR, line, "xml.truncated", NULL);
		return;
	}
	char a[64] = "", b[64] = "";
	int at = 0;
	const char *slip = reword_syntax_error(m, a, b, &at);
	snprintf(num, sizeof num, "%d", at);
	if (slip)
		reader_fatal(c, EXIT_DATAERR, line, slip, "name", a, "line", num, "close", b, NULL);
	else
		reader_fatal(c, EXIT_DATAERR, line, "xml.ill-formed", "what", m, NULL);
}

/* ---- libxml2 errors -------------------------------------------------------------------- */

void reader_position_start(parse_position *p, const xmlChar *localname)
{
	if (p->depth < (int)(sizeof p->names / sizeof p->names[0]))
		p->names[p->depth] = localname;
	p->depth++;
	p->root_seen = 1;
}

void reader_position_end(parse_position *p)
{
	if (p->depth > 0)
		p->depth--;
}

/* The parser's position at its first fatal error, kept for reader_explain_parse_error. */
static void save_position(reader_ctx *c, const parse_position *p)
{
	char shown[48];

	c->parse_depth = p->depth;
	c->parse_where = p->depth > 0 ? PARSE_IN_ROOT : p->root_seen ? PARSE_AFTER_ROOT :
			 p->in_dtd ? PARSE_IN_DTD : PARSE_BEFORE_ROOT;
	c->parse_element[0] = '\0';
	if (p->depth > 0 && p->depth <= (int)(sizeof p->names / sizeof p->names[0]))
		utf8_format(c->parse_element, sizeof c->parse_element, "%s",
			    reader_shorten((const char *)p->names[p->depth - 1], shown,
					   sizeof shown));
}

static void handle_xml_error(reader_ctx *c, const xmlError *err)
{
	char msg[400];

	if (!err || err->level == XML_ERR_WARNING)
		return;
	if (err->message)
		utf8_format(msg, sizeof msg, "%s", err->message);
	else
		diag_words(msg, sizeof msg, "xml.error-unnamed", NULL);
	size_t k = strlen(msg);
	while (k > 0 && (msg[k - 1] == ' ' || msg[k - 1] == '\n'))
		msg[--k] = '\0';
	if (err->domain == XML_FROM_SCHEMASV) {
		int line = err->line > 0 ? err->line : reader_parser_line(c);
		if (line >= NODE_LINE_CAP && err->node)
			line = reader_node_line(c, err->node);   /* a capped line */
		reader_hold_schema_error(c, line, msg);
		return;
	}
	if (err->domain == XML_FROM_PARSER)
		c->ill_formed = 1;   /* what libxml2 calls not wellFormed */
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
			c->parse_error_offset = (long)c->in.bytes_read;
		/* where the parser was: open elements, before/in/after the root (under the
		 * xmlTextReader found out later, by locate_in_text_reader) */
		if (err->domain == XML_FROM_PARSER && err->ctxt) {
			c->parse_error_located = 1;
			if (c->pc)
				save_position(c, &c->pos);
		}
	}
}

/* Installed as libxml2's (thread-local) structured error handler for the duration of
 * one read.  Not xmlTextReaderSetStructuredErrorHandler: with schema validation on, the
 * reader's handler loses parse errors when set before xmlTextReaderSchemaValidate and
 * crashes libxml2 2.9 when set after it.  reader_xml_error is the parameter type of the
 * installed libxml2 (const from 2.12 on), so no cast is needed either way. */
void reader_on_xml_error(void *arg, reader_xml_error err)
{
	handle_xml_error(arg, err);
}

/* ---- where the xmlTextReader's parser stopped ------------------------------------------ */

/* The xmlTextReader runs its own parser, whose callbacks are not ours: after a parse
 * error, the file is parsed again up to that error by a push parser that only follows
 * the elements (no tree, nothing kept), the same way the SAX driver does as it reads.
 * Like the SAX driver, it stops at a DOCTYPE (whose entities libxml2 would otherwise
 * keep in a document of its own): the position is then "in the DTD", which makes
 * reader_explain_parse_error refuse the DOCTYPE. */
typedef struct locator {
	parse_position pos;
	reader_ctx *c;
	xmlParserCtxtPtr pc;
	int done;
} locator;

static void locate_start(void *arg, const xmlChar *localname, const xmlChar *prefix,
			 const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
			 int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	locator *l = arg;

	(void)prefix, (void)uri, (void)nb_namespaces, (void)namespaces;
	(void)nb_attributes, (void)nb_defaulted, (void)attributes;
	reader_position_start(&l->pos, localname);
}

static void locate_end(void *arg, const xmlChar *localname, const xmlChar *prefix,
		       const xmlChar *uri)
{
	(void)localname, (void)prefix, (void)uri;
	reader_position_end(&((locator *)arg)->pos);
}

static void locate_internal_subset(void *arg, const xmlChar *name, const xmlChar *external_id,
				   const xmlChar *system_id)
{
	locator *l = arg;

	(void)name, (void)external_id, (void)system_id;
	l->pos.in_dtd = 1;
	if (!l->done)
		save_position(l->c, &l->pos);
	l->done = 1;
	xmlStopParser(l->pc);
}

static void locate_error(void *arg, const xmlError *err)
{
	locator *l = arg;

	if (l->done || !err || err->level != XML_ERR_FATAL || err->domain != XML_FROM_PARSER)
		return;
	l->done = 1;
	save_position(l->c, &l->pos);
}

#if LIBXML_VERSION >= 21200
static void locate_on_error(void *arg, const xmlError *err)
#else
static void locate_on_error(void *arg, xmlError *err)
#endif
{
	locate_error(arg, err);
}

static void locate_silent(void *arg, reader_xml_error err)
{
	(void)arg, (void)err;
}

static void locate_in_text_reader(reader_ctx *c)
{
	enum { CHUNK = 65536 };
	xmlSAXHandler sax;
	locator l = { .c = c };
	char *buf = c->in.size > 0 ? malloc(CHUNK) : NULL;   /* a pipe cannot be read again */

	if (!buf)
		return;
	ssize_t n = pread(c->in.fd, buf, CHUNK, 0);
	if (n < 4) {
		free(buf);
		return;
	}
	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = locate_start;
	sax.endElementNs = locate_end;
	sax.internalSubset = locate_internal_subset;
	sax.serror = locate_on_error;
	xmlSetStructuredErrorFunc(NULL, locate_silent);
	xmlParserCtxtPtr pc = xmlCreatePushParserCtxt(&sax, &l, buf, 4, c->path);
	l.pc = pc;
	if (pc) {
		xmlCtxtUseOptions(pc, XML_PARSE_NONET | XML_PARSE_BIG_LINES |
				  (reader_starts_with_bom((const unsigned char *)buf, (size_t)n) ?
				   XML_PARSE_IGNORE_ENC : 0));
		off_t pos = n;
		const char *p = buf + 4;
		n -= 4;
		for (;;) {
			int last = pos >= c->in.size;
			xmlParseChunk(pc, p, (int)n, last);
			if (last || l.done || l.pos.depth > READER_XML_MAX_DEPTH)
				break;
			n = pread(c->in.fd, buf, CHUNK, pos);
			if (n <= 0)
				break;
			pos += n;
			p = buf;
		}
		xmlFreeParserCtxt(pc);
	}
	xmlSetStructuredErrorFunc(c, reader_on_xml_error);
	free(buf);
}
