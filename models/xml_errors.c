/*
 * xml_errors.c: turns libxml2's parse errors into the reader's one clear line: where
 * the text ends (truncation), plain words for common hand-editing slips, and the
 * parser's own message otherwise.  Called once a read has failed (reader_ctx.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parserInternals.h>

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

	if (c->size <= 0)
		return 0;
	while ((n = pread(c->fd, buf, sizeof buf, pos)) > 0) {
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

/* libxml2's words for the usual hand-editing slips, in a user's words.  0 when m is
 * none of them. */
static int reword_syntax_error(const char *m, char *out, size_t size)
{
	static const struct { const char *prefix, *text; } slips[] = {
		{ "xmlParseEntityRef: no name", "a '&' that starts no entity: write &amp; for '&'" },
		{ "EntityRef: expecting ';'", "a '&' that starts no entity: write &amp; for '&'" },
		{ "StartTag: invalid element name", "a '<' that starts no tag: write &lt; for '<'" },
		{ "AttValue: \" or ' expected", "an attribute value without quotes (write id=\"...\")" },
		{ "attributes construct error", "a malformed attribute (a quote inside a value? "
		  "write &quot; for '\"')" },
		{ "expected '>'", "a tag that is not closed with '>'" },
		{ "Couldn't find end of Start Tag", "a tag that is not closed with '>'" },
	};
	char a[64], b[64], name[64];
	int line;

	for (size_t i = 0; i < sizeof slips / sizeof slips[0]; i++)
		if (strncmp(m, slips[i].prefix, strlen(slips[i].prefix)) == 0) {
			snprintf(out, size, "%s", slips[i].text);
			return 1;
		}
	if (sscanf(m, "Opening and ending tag mismatch: %63s line %d and %63s", a, &line, b) == 3) {
		scanned_name(a, sizeof a);
		scanned_name(b, sizeof b);
		utf8_format(out, size, "<%s> (line %d) is closed by </%s>", a, line, b);
		return 1;
	}
	if (sscanf(m, "Attribute %63s redefined", name) == 1) {
		scanned_name(name, sizeof name);
		utf8_format(out, size, "attribute %s given twice", name);
		return 1;
	}
	if (sscanf(m, "Specification mandates value for attribute %63s", name) == 1) {
		scanned_name(name, sizeof name);
		utf8_format(out, size, "attribute %s without a value (write %s=\"...\")", name, name);
		return 1;
	}
	return 0;
}

/* Turns the parser's first fatal error into the one line the user sees.  The reader
 * parses ahead of the nodes it returns, so what we saw of the document says little
 * about where the parser stopped: its own state, saved by on_xml_error, does. */
void reader_explain_parse_error(reader_ctx *c)
{
	int line = c->parse_error_line > 0 ? c->parse_error_line : reader_parser_line(c);
	int code = c->parse_error_code;
	const char *m = c->parse_error[0] ? c->parse_error : "syntax error";
	int no_root = c->parse_depth == 0 && (c->parse_state == XML_PARSER_START ||
					      c->parse_state == XML_PARSER_MISC ||
					      c->parse_state == XML_PARSER_PROLOG);

	if (c->input_errno) {
		reader_fatal(c, EXIT_NOINPUT, 0, "read error: %s", strerror(c->input_errno));
		return;
	}
	if (c->input_refused) {
		reader_fatal(c, EXIT_DATAERR, reader_parser_line(c),
			     "an element with more than %d attributes (planner elements have at "
			     "most 4)", INPUT_MAX_ATTRIBUTES);
		return;
	}
	if (c->size == 0 || (c->input_eof && c->bytes_read == 0)) {
		reader_fatal(c, EXIT_DATAERR, 1, "the file is empty (expected an XML document)");
		return;
	}
	if (code == XML_ERR_DOCUMENT_EMPTY) {
		reader_fatal(c, EXIT_DATAERR, line, "not an XML document: no '<' where it should "
			     "start (a binary, compressed or plain-text file?)");
		return;
	}
	if (code == XML_ERR_INVALID_CHAR && strstr(m, "UTF-8")) {
		reader_fatal(c, EXIT_DATAERR, line, "the text is not valid UTF-8: convert the file "
			     "to UTF-8, or name its encoding in <?xml version=\"1.0\" "
			     "encoding=\"...\"?>");
		return;
	}
	/* an error inside a DTD the first scan did not reach (a prolog longer than
	 * PROLOG_SCAN_MAX): libxml2 stopped on an entity; the DOCTYPE is the problem */
	if (c->parse_state == XML_PARSER_DTD || code == XML_ERR_ENTITY_LOOP ||
	    code == XML_ERR_ENTITY_PE_INTERNAL || code == XML_ERR_UNDECLARED_ENTITY ||
	    code == XML_WAR_UNDECLARED_ENTITY) {
		int doctype = reader_doctype_line(c, PROLOG_RESCAN_MAX);
		if (doctype > 0) {
			reader_fatal(c, EXIT_DATAERR, doctype, "%s", reader_doctype_refused);
			return;
		}
	}
	if (code == XML_ERR_UNSUPPORTED_ENCODING) {
		const char *name = strstr(m, "encoding ");
		reader_fatal(c, EXIT_DATAERR, line, "the XML declaration names an encoding this "
			     "system cannot read (%.60s); use UTF-8", name ? name + 9 : m);
		return;
	}
	if (strncmp(m, "xmlParseCharRef: invalid xmlChar value ", 39) == 0) {
		reader_fatal(c, EXIT_DATAERR, line, "the character reference &#%.12s; is not a "
			     "character XML allows", m + 39);
		return;
	}
	if (code == XML_ERR_ENTITY_LOOP || code == XML_ERR_UNDECLARED_ENTITY ||
	    code == XML_WAR_UNDECLARED_ENTITY) {
		reader_fatal(c, EXIT_DATAERR, line, "entity references are not allowed in planner "
			     "files (only &amp; &lt; &gt; &quot; &apos; and &#...;)");
		return;
	}
	if (strstr(m, "Excessive depth")) {
		reader_fatal(c, EXIT_DATAERR, line, "elements nested too deeply (more than %d levels)",
			     (int)xmlParserMaxDepth);
		return;
	}
	if (code == XML_ERR_NAME_TOO_LONG || strstr(m, "Name too long")) {
		reader_fatal(c, EXIT_DATAERR, line, "an element or attribute name is too long "
			     "(more than %d characters)", XML_MAX_NAME_LENGTH);
		return;
	}
	if (code == XML_ERR_DOCUMENT_END && c->parse_state == XML_PARSER_EPILOG) {
		reader_fatal(c, EXIT_DATAERR, line, "not well-formed XML: more content after the end "
			     "of the root element (one root element per file)");
		return;
	}
	if (code == XML_ERR_DOCUMENT_END && no_root) {
		reader_fatal(c, EXIT_DATAERR, line, "no root element: the file holds only white "
			     "space, comments or the XML declaration");
		return;
	}
	/* the input ran out before the document ended: libxml2's own words ("Extra content
	 * at the end of the document", "AttValue: ' expected" ...) do not help there */
	if ((c->input_eof && code != XML_ERR_TAG_NAME_MISMATCH &&
	     at_end_of_text(c, line, c->parse_error_col)) || code == XML_ERR_DOCUMENT_END) {
		if (c->parse_depth > 0 && c->parse_element[0])
			reader_fatal(c, EXIT_DATAERR, line, "the file ends inside <%s> (truncated?)",
				     c->parse_element);
		else
			reader_fatal(c, EXIT_DATAERR, line, "the file ends before the document is "
				     "complete (truncated?)");
		return;
	}
	char words[200];
	reader_fatal(c, EXIT_DATAERR, line, "not well-formed XML: %s",
		     reword_syntax_error(m, words, sizeof words) ? words : m);
}

