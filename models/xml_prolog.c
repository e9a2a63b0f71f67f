/*
 * xml_prolog.c: finds a <!DOCTYPE in the prolog of a file before libxml2 parses it, so
 * that the reader can refuse DTDs (and with them every entity bomb and external entity)
 * without ever letting the parser see one.  Pure byte scanning: UTF-8 and UTF-16.
 */
#include <stddef.h>
#include <string.h>

#include "xml_prolog.h"

/* The ASCII character at character index j of a prolog scan (0 past the end). */
static unsigned char prolog_char(const unsigned char *buf, size_t n, size_t pos)
{
	return pos < n ? buf[pos] : 0;
}

/* Skips a UTF-8 or UTF-16 prolog (BOM, white space, <?xml ...?>, other processing
 * instructions, comments) in buf and returns the line of a <!DOCTYPE that follows it, or
 * 0.  Lets the reader refuse DTDs (and so every entity bomb) before libxml2 parses one.
 * In UTF-16 every character is two bytes and its ASCII byte is at offset `low`. */
int xml_prolog_doctype_line(const unsigned char *buf, size_t n)
{
	static const char doctype[] = "<!DOCTYPE";
	size_t step = 1, low = 0, i = 0;
	int line = 1;

	if (n >= 2 && buf[0] == 0xFF && buf[1] == 0xFE) {
		step = 2; i = 2;                      /* UTF-16LE with BOM */
	} else if (n >= 2 && buf[0] == 0xFE && buf[1] == 0xFF) {
		step = 2; low = 1; i = 2;             /* UTF-16BE with BOM */
	} else if (n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF) {
		i = 3;                                /* UTF-8 with BOM */
	} else if (n >= 2 && buf[0] == '<' && buf[1] == 0) {
		step = 2;
	} else if (n >= 2 && buf[0] == 0 && buf[1] == '<') {
		step = 2; low = 1;
	}
	for (;;) {
		unsigned char c0 = prolog_char(buf, n, i + low);
		unsigned char c1 = prolog_char(buf, n, i + step + low);
		if (c0 == ' ' || c0 == '\t' || c0 == '\r' || c0 == '\n') {
			line += c0 == '\n';
			i += step;
			continue;
		}
		const char *end = c0 == '<' && c1 == '?' ? "?>" : NULL;
		if (c0 == '<' && c1 == '!' && prolog_char(buf, n, i + 2 * step + low) == '-' &&
		    prolog_char(buf, n, i + 3 * step + low) == '-')
			end = "-->";
		if (end) {     /* skip to the end of the PI or comment */
			size_t len = strlen(end), k;
			for (i += 2 * step;; i += step) {
				unsigned char ch = prolog_char(buf, n, i + low);
				if (ch == 0)
					return 0;
				for (k = 0; k < len && prolog_char(buf, n, i + k * step + low) == end[k]; k++)
					;
				if (k == len)
					break;
				line += ch == '\n';
			}
			i += len * step;
			continue;
		}
		for (size_t k = 0; k < sizeof doctype - 1; k++)
			if (prolog_char(buf, n, i + k * step + low) != doctype[k])
				return 0;
		return line;
	}
}
