/*
 * xml_prolog.h: the prolog scan that refuses DTDs before parsing (see xml_prolog.c).
 */
#ifndef PLANNER_XML_PROLOG_H
#define PLANNER_XML_PROLOG_H

#include <stddef.h>

/* Skips a UTF-8 or UTF-16 prolog (BOM, white space, <?xml ...?>, other processing
 * instructions, comments) in buf[0..n) and returns the line of a <!DOCTYPE that follows
 * it, 0 when there is none, or -1 when the scan ran past the end of buf. */
int xml_prolog_doctype_line(const unsigned char *buf, size_t n);

#endif
