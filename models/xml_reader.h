/*
 * xml_reader.h: reads region files and store profiles by streaming them through
 * libxml2 (never a DOM: the SAX2 push parser, its pull parser for the parts of a large
 * region read by several threads, or the xmlTextReader when a schema is applied),
 * checks every field (CONTRACT.md) and reports each problem as one
 * "file:line: store ID: field: message" diag.  A region is kept compact (region_entry
 * per store); a store profile is returned whole.
 */
#ifndef PLANNER_XML_READER_H
#define PLANNER_XML_READER_H

#include "model.h"

typedef struct read_options {
	quarter_t quarter;        /* evaluated quarter when known up front, else QUARTER_NONE */
	int strict;               /* unknown elements are problems (validate), not warnings */
	const char *schema_path;  /* XSD applied while reading (validate), or NULL */
	char peer_group[3];       /* region: keep entries of this group only ("Y2"); "" all */
	/* Each problem with one store or field.  NULL: the first problem is fatal.
	 * Return nonzero to stop reading (the read then fails with that problem). */
	int (*on_problem)(void *ctx, const diag *d);
	/* Warnings (unknown elements outside validate), once per element name. */
	void (*on_warning)(void *ctx, const diag *d);
	/* Every store once read and checked; valid says whether it had no problem. */
	void (*on_store)(void *ctx, const store *s, int valid);
	void *ctx;
	/* on_store may be called by several reading threads at once (it keeps its own
	 * counts per thread or atomically); 0: one call at a time, behind a lock. */
	int on_store_any_thread;
	/* Match rules (match.h): each region entry gets its store's match score. */
	const struct match_rules *match;
	/* region_read without a schema: a large file (8 MB; PLANNER_SPLIT_MIN_BYTES) is
	 * parsed in up to this many parts at once (0 or 1: one).  The result is the one-thread
	 * read's, problems and warnings in file order included, but on_store is then called
	 * from the reading threads (one call at a time unless on_store_any_thread, not
	 * in file order, valid 1 for a
	 * store whose id repeats one of an earlier part), and once more for every store
	 * when the file turns out not to be well-formed (it is then read again in one
	 * thread, which reports the error). */
	int jobs;
} read_options;

/* Reads a <region> file into *out (zeroed first).  Returns EXIT_OK, or
 * EXIT_DATAERR / EXIT_NOINPUT with *fatal describing why the file could not be read. */
int region_read(const char *path, const read_options *opt, region *out, diag *fatal);

/* Reads a file whose root is one <store>.  *out is owned by the caller (store_free). */
int store_read(const char *path, const read_options *opt, store **out, diag *fatal);

/* Reads a file of either kind only to check it (planner validate).  Every problem goes
 * to opt->on_problem; returns EXIT_OK, EXIT_DATAERR if any problem, or EXIT_NOINPUT.
 * fatal->text is empty unless a problem stopped the read (not well-formed, DOCTYPE,
 * wrong root, missing file): that one was not passed to on_problem. */
int xml_check(const char *path, const read_options *opt, diag *fatal);

/* Deep copy of a store (for callers that keep a profile seen through on_store). */
store *store_clone(const store *s);

#endif
