/*
 * region_rewrite.h: a byte-exact copy of a region file with some stores' <code> text
 * replaced (batch --write-region).  A scanner over the bytes, run on a file the reader
 * has already accepted (well-formed, no DOCTYPE): it skips comments, CDATA sections,
 * processing instructions and quoted attribute values, counts lines, and finds the
 * text of the first <code> child of each <store> child of the root.  Every byte outside
 * the replaced code texts is copied unchanged.  Encodings: UTF-8 (BOM or not),
 * GB18030/GBK/GB2312 (multi-byte characters are stepped over whole) and single-byte
 * ASCII-compatible ones (ISO-8859-*, Windows-125x, US-ASCII); others (UTF-16, Big5,
 * Shift_JIS ...) are refused.  Plain data; nothing here prints.
 */
#ifndef PLANNER_REGION_REWRITE_H
#define PLANNER_REGION_REWRITE_H

#include <stddef.h>

#include "model.h"

/* Asked once per <store> that has a <code>: the store's position k among the root's
 * <store> children (0, 1, ...) and the line of its start tag's closing ">" (the line
 * the reader reports).  Returns 1 and fills code (4 characters and a NUL) to replace
 * the code text, 0 to keep it, -1 to stop (the callback has set *err). */
typedef int (*region_rewrite_code_fn)(void *ctx, size_t k, int line, char code[5],
				      diag *err);
/* Receives the output bytes in order. */
typedef void (*region_rewrite_out_fn)(void *ctx, const void *p, size_t n);

/* Copies buf[0..n) to out, replacing code texts as code_fn says; *stores: the <store>
 * elements seen, *replaced: the codes replaced.  EXIT_OK, or EXIT_DATAERR with *err
 * ("FILE: ..." for an encoding it cannot rewrite, FILE:LINE for a structure it does not
 * expect) or the callback's status. */
int region_rewrite(const char *path, const unsigned char *buf, size_t n,
		   region_rewrite_code_fn code_fn, region_rewrite_out_fn out, void *ctx,
		   size_t *stores, size_t *replaced, diag *err);

#endif
