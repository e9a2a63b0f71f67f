/*
 * xml_sax.c: the SAX drivers: libxml2's SAX2 push parser over the file in SAX_CHUNK
 * pieces, for reading regions and stores and for validate without a schema, and its
 * pull parser over one part of a split region (reader_run_sax_part).  Their
 * callbacks hand elements and text to xml_elements.c; a parse error, a DOCTYPE met
 * late or elements nested too deeply end the read with one fatal line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/SAX2.h>

#include "reader_ctx.h"
#include "utf8.h"

/* No XML_PARSE_NOBLANKS (it would install libxml2's own ignorableWhitespace handler). */
#define SAX_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES)
#define SAX_CHUNK (256 * 1024)      /* bytes handed to xmlParseChunk at a time */

/* libxml2 checks the depth of elements only when it builds a tree (nodePush): without
 * one, the same error is raised here, in the parser's words, at the same element. */
static int sax_too_deep(reader_ctx *c)
{
	if (c->pos.depth <= READER_XML_MAX_DEPTH)
		return 0;
	if (!c->parse_error[0]) {
		c->parse_error_line = reader_parser_line(c);
		c->parse_error_code = XML_ERR_INTERNAL_ERROR;
		snprintf(c->parse_error, sizeof c->parse_error,
			 "Excessive depth in document: %d use XML_PARSE_HUGE option",
			 READER_XML_MAX_DEPTH);
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
	reader_position_start(&c->pos, localname);
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
	if (reader_start_element(c, name))
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
	reader_position_end(&c->pos);
	if (c->stopped)
		return;
	if (c->skip_depth > 0) {
		if (--c->skip_depth == 0)
			reader_end_skip(c);
	} else {
		reader_end_element(c);
	}
	sax_note_stop(c);
}

static void sax_text(void *arg, const xmlChar *ch, int len)
{
	reader_ctx *c = arg;

	if (c->stopped || c->skip_depth > 0)
		return;
	/* most calls: the white space between two tags of a container, which
	 * reader_text_append would only look at and drop */
	if (c->stack[c->depth - 1] < NODE_CODE && reader_blank((const char *)ch, (size_t)len))
		return;
	reader_text_append(c, (const char *)ch, (size_t)len);
	sax_note_stop(c);
}

static void sax_doctype(void *arg, const xmlChar *name, const xmlChar *external_id,
			const xmlChar *system_id)
{
	reader_ctx *c = arg;

	(void)name;
	(void)external_id;
	(void)system_id;
	c->pos.in_dtd = 1;
	reader_refuse_late_doctype(c);
	xmlStopParser(c->pc);
}

static void sax_reference(void *arg, const xmlChar *name)
{
	(void)name;
	sax_doctype(arg, NULL, NULL, NULL);
}


static void sax_handlers(xmlSAXHandler *sax)
{
	memset(sax, 0, sizeof *sax);
	sax->initialized = XML_SAX2_MAGIC;
	sax->startElementNs = sax_start;
	sax->endElementNs = sax_end;
	sax->characters = sax_text;
	sax->ignorableWhitespace = sax_text;
	sax->cdataBlock = sax_text;
	sax->internalSubset = sax_doctype;
	sax->reference = sax_reference;
	sax->serror = reader_on_xml_error;
}

static int sax_open(reader_ctx *c, const char *head, int n)
{
	xmlSAXHandler sax;

	sax_handlers(&sax);
	/* like the xmlTextReader: the first 4 bytes tell the encoding */
	c->pc = xmlCreatePushParserCtxt(&sax, c, n >= 4 ? head : NULL, n >= 4 ? 4 : 0, c->path);
	if (!c->pc) {
		reader_fatal(c, EXIT_SOFTWARE, 0, "file.memory.parser", NULL);
		return -1;
	}
	xmlCtxtUseOptions(c->pc, SAX_OPTIONS |
			  (reader_starts_with_bom((const unsigned char *)head, (size_t)n) ?
			   XML_PARSE_IGNORE_ENC : 0));
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
	if (!c->parse_error[0] && !c->in.read_errno && !c->in.refused && !c->ill_formed)
		return;
	if (c->stopped && c->fatal.status == EXIT_DATAERR && c->parse_error[0] &&
	    c->parse_error_offset < reader_chunk_end(c->stop_offset))
		c->stopped = 0;
	if (!c->stopped)
		reader_explain_parse_error(c);
}

void reader_run_sax(reader_ctx *c)
{
	char *buf = malloc(SAX_CHUNK);

	if (!buf) {
		reader_fatal(c, EXIT_SOFTWARE, 0, "file.memory.input", NULL);
		return;
	}
	size_t n = reader_fill_chunk(c, buf, SAX_CHUNK);
	size_t head = n >= 4 ? 4 : 0;
	if (sax_open(c, buf, (int)n) == 0) {
		const char *p = buf + head;
		n -= head;
		for (;;) {
			int failed = c->in.read_errno || c->in.refused;
			xmlParseChunk(c->pc, p, (int)n, c->in.eof);
			if (failed || c->in.eof || c->parse_error[0])
				break;
			if (c->stopped && (!c->stop_offset ||
					   (long)c->in.bytes_read >= reader_chunk_end(c->stop_offset)))
				break;
			p = buf;
			n = reader_fill_chunk(c, buf, SAX_CHUNK);
		}
		sax_parse_failed(c);
	}
	free(buf);
}


/* One part of a file cut by xml_split.c, read by libxml2's pull parser (the parser
 * asks reader_input_read for more as it goes): about a tenth fewer instructions than
 * the push parser, which looks ahead for whole constructs before parsing each one.
 * Only a part read without any problem is used (else the file is read again by
 * reader_run_sax), so a parse error here needs no explaining: it is only noted. */
void reader_run_sax_part(reader_ctx *c)
{
	xmlSAXHandler sax;

	sax_handlers(&sax);
	c->pc = xmlCreateIOParserCtxt(&sax, c, reader_input_read, reader_input_close, c,
				      XML_CHAR_ENCODING_NONE);
	if (!c->pc) {
		reader_fatal(c, EXIT_SOFTWARE, 0, "file.memory.parser", NULL);
		return;
	}
	xmlCtxtUseOptions(c->pc, SAX_OPTIONS);
	xmlParseDocument(c->pc);
	if (!c->pc->wellFormed)
		c->ill_formed = 1;
}
