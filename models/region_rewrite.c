/*
 * region_rewrite.c: the byte scanner behind batch --write-region (region_rewrite.h).
 * It trusts the reader's verdict that the file is well-formed and only tells markup
 * from text: "<!--" ... "-->", "<![CDATA[" ... "]]>", "<?" ... "?>", start tags (their
 * quoted attribute values may hold '>'), end tags.
 */
#define _GNU_SOURCE      /* memmem */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "region_rewrite.h"

typedef enum rw_encoding { RW_ASCII_COMPATIBLE = 0, RW_GB18030 } rw_encoding;

typedef struct rw_scan {
	const unsigned char *b;
	size_t n, i;
	int line;
	rw_encoding enc;
} rw_scan;

/* Steps over one character, counting lines; a GB18030 character is 2 or 4 bytes, so a
 * trail byte such as ']' (0x5D) is never taken for markup. */
static void step(rw_scan *s)
{
	unsigned char c = s->b[s->i];

	if (c == '\n')
		s->line++;
	if (s->enc == RW_GB18030 && c >= 0x81 && c <= 0xFE && s->i + 1 < s->n) {
		unsigned char d = s->b[s->i + 1];
		s->i += d >= 0x30 && d <= 0x39 && s->i + 3 < s->n ? 4 : 2;
		return;
	}
	s->i++;
}

static int at(const rw_scan *s, const char *lit)
{
	size_t k = strlen(lit);
	return s->n - s->i >= k && memcmp(s->b + s->i, lit, k) == 0;
}

/* Advances past the next occurrence of lit; -1 when there is none. */
static int skip_past(rw_scan *s, const char *lit)
{
	while (s->i < s->n) {
		if (at(s, lit)) {
			s->i += strlen(lit);
			return 0;
		}
		step(s);
	}
	return -1;
}

/* The encoding from the BOM or the XML declaration's encoding="...". */
static int detect(const char *path, rw_scan *s, diag *err)
{
	char name[40] = "UTF-8";

	s->enc = RW_ASCII_COMPATIBLE;
	if (s->n >= 3 && memcmp(s->b, "\xEF\xBB\xBF", 3) == 0)
		return 0;                        /* a UTF-8 BOM wins over the declaration */
	if (s->n >= 2 && ((s->b[0] == 0xFE && s->b[1] == 0xFF) || (s->b[0] == 0xFF && s->b[1] == 0xFE))) {
		diag_msg(err, EXIT_DATAERR, path, 0, NULL, NULL, "rewrite.utf16", NULL);
		return -1;
	}
	if (s->n >= 5 && memcmp(s->b, "<?xml", 5) == 0) {
		const unsigned char *end = memmem(s->b, s->n, "?>", 2);
		const unsigned char *e = end ? memmem(s->b, (size_t)(end - s->b), "encoding", 8) : NULL;
		if (e) {
			e += 8;
			while (e < end && (isspace(*e) || *e == '='))
				e++;
			if (e < end && (*e == '"' || *e == '\'')) {
				unsigned char q = *e++;
				size_t k = 0;
				while (e < end && *e != q && k + 1 < sizeof name)
					name[k++] = (char)*e++;
				name[k] = '\0';
			}
		}
	}
	if (strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0 ||
	    strcasecmp(name, "US-ASCII") == 0 || strcasecmp(name, "ASCII") == 0 ||
	    strncasecmp(name, "ISO-8859-", 9) == 0 || strncasecmp(name, "ISO8859-", 8) == 0 ||
	    strcasecmp(name, "LATIN1") == 0 || strncasecmp(name, "WINDOWS-125", 11) == 0)
		return 0;
	if (strcasecmp(name, "GB18030") == 0 || strcasecmp(name, "GBK") == 0 ||
	    strcasecmp(name, "GB2312") == 0 || strcasecmp(name, "CP936") == 0) {
		s->enc = RW_GB18030;
		return 0;
	}
	diag_msg(err, EXIT_DATAERR, path, 0, NULL, NULL, "rewrite.encoding", "encoding", name,
		 NULL);
	return -1;
}

static int is_name_end(unsigned char c)
{
	return c == '>' || c == '/' || isspace(c);
}

/* The element name at s->i (just after '<') equals name. */
static int name_is(const rw_scan *s, const char *name)
{
	size_t k = strlen(name);
	return s->n - s->i > k && memcmp(s->b + s->i, name, k) == 0 && is_name_end(s->b[s->i + k]);
}

/* Skips a start tag's rest up to and past '>'; *empty: it ended "/>".  -1 at the end. */
static int skip_tag(rw_scan *s, int *empty)
{
	unsigned char quote = 0, last = 0;

	while (s->i < s->n) {
		unsigned char c = s->b[s->i];
		if (quote) {
			if (c == quote)
				quote = 0;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '>') {
			*empty = last == '/';
			s->i++;
			return 0;
		}
		if (!isspace(c))
			last = c;
		step(s);
	}
	return -1;
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int region_rewrite(const char *path, const unsigned char *buf, size_t n,
		   region_rewrite_code_fn code_fn, region_rewrite_out_fn out, void *ctx,
		   size_t *stores, size_t *replaced, diag *err)
{
	rw_scan s = { buf, n, 0, 1, RW_ASCII_COMPATIBLE };
	size_t copied = 0, code_start = 0;
	int depth = 0, in_store = 0, in_code = 0, code_done = 0, store_line = 0;

	*stores = *replaced = 0;
	if (detect(path, &s, err) < 0)
		return EXIT_DATAERR;
	while (s.i < s.n) {
		if (s.b[s.i] != '<') {
			step(&s);
			continue;
		}
		int tag_line = s.line, ok = 0, empty = 0;
		size_t lt = s.i;
		if (at(&s, "<!--")) {
			ok = skip_past(&s, "-->");
		} else if (at(&s, "<![CDATA[")) {
			ok = skip_past(&s, "]]>");
		} else if (at(&s, "<?")) {
			ok = skip_past(&s, "?>");
		} else if (at(&s, "<!")) {
			diag_msg(err, EXIT_DATAERR, path, s.line, NULL, NULL, "rewrite.declaration",
				 NULL);
			return EXIT_DATAERR;
		} else if (at(&s, "</")) {
			ok = skip_past(&s, ">");
			if (in_code && depth == 3) {
				/* the code text is [code_start, lt): replace it, or its trimmed
				 * middle when it is plain text */
				char code[5];
				int r = code_fn(ctx, *stores - 1, store_line, code, err);
				if (r < 0)
					return err->status ? err->status : EXIT_SOFTWARE;
				if (r > 0) {
					size_t a = code_start, z = lt;
					if (!memchr(buf + a, '<', z - a) && !memchr(buf + a, '&', z - a)) {
						while (a < z && is_space(buf[a]))
							a++;
						while (z > a && is_space(buf[z - 1]))
							z--;
					}
					out(ctx, buf + copied, a - copied);
					out(ctx, code, 4);
					copied = z;
					(*replaced)++;
				}
				in_code = 0;
				code_done = 1;
			} else if (in_store && depth == 2) {
				in_store = 0;
			}
			depth--;
		} else {
			s.i++;
			int is_store = depth == 1 && name_is(&s, "store");
			int is_code = depth == 2 && in_store && !code_done && name_is(&s, "code");
			ok = skip_tag(&s, &empty);
			if (!empty) {
				depth++;
				if (is_store) {
					in_store = 1;
					code_done = 0;
					store_line = s.line;   /* the line the reader gives: the tag's end */
					(*stores)++;
				} else if (is_code) {
					in_code = 1;
					code_start = s.i;
				}
			} else if (is_store) {
				(*stores)++;
			}
		}
		if (ok < 0) {
			diag_msg(err, EXIT_DATAERR, path, tag_line, NULL, NULL, "rewrite.not-closed",
				 NULL);
			return EXIT_DATAERR;
		}
	}
	out(ctx, buf + copied, n - copied);
	return EXIT_OK;
}
