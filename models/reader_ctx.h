/*
 * reader_ctx.h: private state shared by the XML reader's two halves: xml_reader.c
 * (libxml2's SAX2 push parser, or its xmlTextReader when a schema validates; element
 * nesting, regions) and store_fields.c (checking each field of a <store> and filling
 * the store struct).  Not for use outside models/.
 */
#ifndef PLANNER_READER_CTX_H
#define PLANNER_READER_CTX_H

#include <libxml/xmlreader.h>

#include "arena.h"
#include "xml_reader.h"

#define READER_MAX_DEPTH 8
#define READER_MAX_TEXT 4096         /* bytes of text in one field */
#define READER_MAX_PENDING 64        /* schema errors waiting for our own checks */
#define READER_MAX_RANGES 64         /* recent lines that already had a problem of ours */
#define READER_MAX_WARNINGS 32       /* warnings held until the file is read */
#define PROBLEM_END_LEAF (-1)        /* problem_end_line: up to the current leaf's end tag */
#define READER_MAX_NAMES 24          /* element names interned per file */

typedef enum { READ_REGION, READ_STORE, READ_ANY } read_mode;

typedef enum {
	NODE_DOC, NODE_REGION, NODE_STORE, NODE_ORDERS, NODE_NEIGHBOURS, NODE_ASSESSMENT,
	NODE_NEIGHBOUR, NODE_FACTOR,
	NODE_CODE, NODE_OWNER, NODE_ADDRESS, NODE_AREA, NODE_OPENED, NODE_SURROUNDINGS,
	NODE_Q, NODE_HONOUR, NODE_GROWTH,
} node_kind;

/* A schema error, held back until our own checks of the same lines have run: when
 * one of them already named the problem, the schema's line is dropped (validate
 * prints one line per problem, not two). */
typedef struct pending_error {
	int line;
	int repeats, last_line;      /* the same error on following text pieces: said once */
	char field[96];              /* "<elem attr>", each name at most 39 bytes */
	char message[400];
} pending_error;

/* Lines first..last already had a problem of ours.  With a needle, only schema
 * errors whose message contains it are duplicates ("( code )" for a missing <code>).
 * last == INT_MAX: until the next element outside the store starts. */
typedef struct problem_range {
	int first, last;
	const char *needle;
} problem_range;

typedef struct reader_ctx {
	const char *path;
	const read_options *opt;
	read_mode mode;
	xmlTextReaderPtr xr;         /* the xmlTextReader (schema validation), or NULL */
	xmlParserCtxtPtr pc;         /* the SAX push parser (everything else), or NULL */
	/* the element being started, under SAX: its startElementNs attributes (localname,
	 * prefix, URI, value, end for each; values not NUL-terminated) */
	const xmlChar **el_attrs;
	int el_nattrs;
	int skip_depth;              /* SAX: open elements of a subtree being skipped */
	int sax_depth;               /* SAX: open elements */
	long stop_offset;            /* SAX: bytes parsed when a handler stopped the read */
	long parse_error_offset;     /* SAX: bytes parsed at the first parse error */
	char el_qname[128];          /* SAX: "prefix:name" of a prefixed element */
	char *attr_buf;              /* SAX: an attribute value with '&' decoded */
	size_t attr_cap;
	int fd;                      /* the input, opened by us (no URI or gzip magic) */
	long long size;              /* its size in bytes, -1 when not a regular file */
	size_t run_equals;           /* '=' since the last '<' (input_read) */
	int input_refused;           /* input_read stopped: too many attributes */
	int input_errno;             /* input_read stopped: read(2) failed */
	int input_eof;               /* input_read reached the end of the file */
	size_t bytes_read;           /* by input_read so far */
	region *reg;                 /* where stores go; may be a private one */
	int keep_entries;            /* append region_entry rows */
	quarter_t base;              /* fixed history base, or QUARTER_NONE */
	const xmlChar *names[READER_MAX_NAMES];  /* interned element names (xml_reader.c) */

	node_kind stack[READER_MAX_DEPTH];
	int depth;
	int leaf_line;
	int text_end_line;           /* xmlTextReader: where the last text node ended (exact) */
	int leaf_tail_newlines;      /* newlines trimmed off the end of the leaf's text */
	char leaf_attr[72];          /* <q id>, <growth name> */
	char leaf_place[256];        /* <growth place>, "" when absent */
	double leaf_number;          /* <growth pct> */
	char *text;
	size_t text_len, text_cap;
	int text_too_long;
	int stray_text_said;         /* text between elements of a container, reported */

	/* the store being read */
	store s;
	arena strings;
	size_t cap_orders, cap_neighbours, cap_factors, cap_honours;
	/* the store's factor names, for the duplicate check in O(1): open addressing; a
	 * slot belongs to the store being read only while its stamp is factor_stamp */
	struct factor_slot { uint32_t stamp, index; } *factor_slots;
	size_t factor_slots_cap;
	uint32_t factor_stamp;
	int in_store, store_valid, stores_read;
	int child_rank;              /* SAX: rank of the store's last child (schema order) */
	unsigned children_seen;      /* SAX: bit per node_kind of the store's children */
	char store_id[72];
	char first_error[1024];
	int last_store_line;         /* <store> line of the current or last store */
	char last_store_id[72];

	/* what reader_problem() records for de-duplication (see problem_range) */
	int problem_end_line;        /* 0: the problem's own line only; or PROBLEM_END_LEAF */
	const char *problem_needle;  /* NULL: any schema error on those lines */
	problem_range ranges[READER_MAX_RANGES];
	int n_ranges;                /* ring: total ever added */
	int open_ranges;             /* some range has last == INT_MAX */

	/* duplicate store ids: open addressing over offsets into reg->strings */
	uint32_t *ids;
	size_t ids_cap, ids_count;

	pending_error pending[READER_MAX_PENDING];
	int n_pending;
	char warned[READER_MAX_WARNINGS][40];
	int n_warned;
	diag warnings[READER_MAX_WARNINGS];   /* delivered once the whole file is read */
	int deferred_line;           /* a problem waiting for a skipped subtree to end */
	char deferred_field[96];
	const char *deferred_message;
	int n_warnings;

	int parse_error_line, parse_error_col, parse_error_code;
	char parse_error[400];
	int parse_state, parse_depth;  /* the parser's xmlParserInputState and open elements */
	char parse_element[48];        /* the innermost open element */
	int problems;
	int stopped;
	diag fatal;
} reader_ctx;

/* store_fields.c */
void fields_begin_store(reader_ctx *c, int line);
void fields_end_leaf(reader_ctx *c, node_kind kind, const char *text);
void fields_neighbour(reader_ctx *c, int line);
void fields_factor(reader_ctx *c, int line);
void fields_end_store(reader_ctx *c);
#define PROLOG_RESCAN_MAX (16 << 20) /* a DOCTYPE is looked for this far, and after an entity error */
#define INPUT_MAX_ATTRIBUTES 2000   /* '=' signs allowed between two '<' across reads */

/* xml_errors.c: the one line for a failed parse (not well-formed, truncated, ...) */
void reader_explain_parse_error(reader_ctx *c);
/* xml_reader.c */
extern const char reader_doctype_refused[];
int reader_parser_line(reader_ctx *c);
/* The line of a <!DOCTYPE in the file's first `window` bytes (after the prolog), or 0. */
int reader_doctype_line(reader_ctx *c, size_t window);
void reader_problem(reader_ctx *c, int line, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void reader_fatal(reader_ctx *c, int status, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* s for an error message: utf8_truncate into buf (cut on a character boundary, with
 * "…" when it was cut).  Returns buf. */
const char *reader_shorten(const char *s, char *buf, size_t size);
/* Copies attribute name of the current element into buf; 0 absent, 1 found,
 * 2 longer than buf (cut on a character boundary, ending in "…"). */
int reader_attr(reader_ctx *c, const char *name, char *buf, size_t size);
/* The attribute's value in the store's arena (NULL when absent); *too_long set when
 * longer than max bytes. */
const char *reader_attr_dup(reader_ctx *c, const char *name, size_t max, int *too_long);

#endif
