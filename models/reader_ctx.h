/*
 * reader_ctx.h: private state shared by the parts of the XML reader, and the functions
 * they call in each other.  Not for use outside models/.  Which file does what:
 *   xml_reader.c    entry points, one read start to end, problems as diags, attributes
 *   xml_input.c     the file, DOCTYPE refused up front, guarded reads, byte-order mark
 *   xml_sax.c       the SAX2 push driver (reading; validate without a schema)
 *   xml_schema.c    the xmlTextReader + XSD driver and the schema errors held (validate)
 *   xml_errors.c    libxml2's error handler and parse errors in plain words
 *   xml_elements.c  element nesting, unknown elements/attributes, text of a field
 *   store_fields.c  each field of a <store> checked, the store struct filled
 *   xml_region.c    the region table built: header, growth, one entry per store
 *   xml_split.c     a large region read by several threads, one part of the file each
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
/* Elements open at once, as libxml2 allows without XML_PARSE_HUGE (its
 * xmlParserMaxDepth, 256 in 2.9 to 2.13): the SAX driver counts them itself, the
 * xmlTextReader's tree builder stops at the same depth with its own error. */
#define READER_XML_MAX_DEPTH 256
#define READER_MAX_NAMES 24          /* element names remembered per file (xml_elements.c) */
#define READER_MAX_ATTRS 4           /* attributes an element may have, at most */

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

/* The input, opened by us (no URI or gzip magic), and what reader_input_read saw. */
typedef struct reader_input {
	int fd;
	long long size;              /* bytes, -1 when not a regular file */
	size_t run_equals;           /* '=' since the last '<' */
	int refused;                 /* reads stopped: too many attributes */
	int read_errno;              /* reads stopped: read(2) failed */
	int eof;                     /* the end of the file was reached */
	size_t bytes_read;
} reader_input;

/* Schema errors held back, and the lines our own problems covered (problem_range). */
typedef struct schema_hold {
	pending_error pending[READER_MAX_PENDING];
	int n_pending;
	problem_range ranges[READER_MAX_RANGES];
	int n_ranges;                /* ring: total ever added */
	int open_ranges;             /* some range has last == INT_MAX */
} schema_hold;

/* Where the parser is, followed through its SAX callbacks (libxml2's own state, instate
 * and nameNr, is not public API): the open elements, whether the root has begun, whether
 * a DOCTYPE's internal subset is being read. */
typedef struct parse_position {
	int depth;                   /* open elements */
	const xmlChar *names[READER_XML_MAX_DEPTH + 2];  /* their local names (parser's) */
	int root_seen;
	int in_dtd;
} parse_position;

/* Where the parser was at its first fatal error (reader_explain_parse_error). */
typedef enum {
	PARSE_BEFORE_ROOT = 0, PARSE_IN_DTD, PARSE_IN_ROOT, PARSE_AFTER_ROOT,
} parse_where;

struct reader_part;

typedef struct reader_ctx {
	const char *path;
	const read_options *opt;
	read_mode mode;
	xmlTextReaderPtr xr;         /* the xmlTextReader (schema validation), or NULL */
	xmlParserCtxtPtr pc;         /* the SAX parser (everything else), or NULL */
	/* the element being started, under SAX: its startElementNs attributes (localname,
	 * prefix, URI, value, end for each; values not NUL-terminated) */
	const xmlChar **el_attrs;
	int el_nattrs;
	int skip_depth;              /* SAX: open elements of a subtree being skipped */
	parse_position pos;          /* SAX: where the parser is */
	long stop_offset;            /* SAX: bytes parsed when a handler stopped the read */
	long parse_error_offset;     /* SAX: bytes parsed at the first parse error */
	char el_qname[128];          /* SAX: "prefix:name" of a prefixed element */
	char *attr_buf;              /* SAX: an attribute value with '&' decoded */
	size_t attr_cap;
	reader_input in;             /* the file (xml_input.c) */
	struct reader_part *part;    /* a parallel read: this thread's part (xml_split.c) */
	int line_offset;             /* added to the parser's line (a part's lines before it) */
	int quiet;                   /* a later part's copy of the root start tag: no problems */
	region *reg;                 /* where stores go; may be a private one */
	int keep_entries;            /* append region_entry rows */
	quarter_t base;              /* fixed history base, or QUARTER_NONE */
	const char *names[READER_MAX_NAMES];  /* element names as the parser gives them */
	const char *attr_names[NODE_GROWTH + 1][READER_MAX_ATTRS];  /* and allowed attributes' */

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

	/* duplicate store ids: open addressing; each slot is an offset into reg->strings
	 * (low 32 bits, 0: empty) and the id's hash (high 32 bits), so that a probe or a
	 * resize reads a string only when the hashes agree */
	uint64_t *ids;
	size_t ids_cap, ids_count;

	schema_hold held;            /* schema errors held back (xml_schema.c) */
	char warned[READER_MAX_WARNINGS][40];
	int n_warned;
	diag warnings[READER_MAX_WARNINGS];   /* delivered once the whole file is read */
	int deferred_line;           /* a problem waiting for a skipped subtree to end */
	char deferred_field[96];
	const char *deferred_message;  /* its message key */
	int n_warnings;

	int parse_error_line, parse_error_col, parse_error_code;
	char parse_error[400];
	int ill_formed;                /* libxml2 reported an error (its wellFormed) */
	int parse_error_located;       /* a parser error: parse_where etc. can be told */
	parse_where parse_where;       /* at the first fatal parse error */
	int parse_depth;               /* open elements then */
	char parse_element[48];        /* the innermost open element then */
	int problems;
	int stopped;
	diag fatal;
} reader_ctx;

/* libxml2 2.12 made the error of xmlStructuredErrorFunc const: the handler is declared
 * with the parameter type of the installed libxml2, and takes it on as const at once. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *reader_xml_error;
#else
typedef xmlError *reader_xml_error;
#endif

/* store_fields.c */
void fields_begin_store(reader_ctx *c, int line);
void fields_end_leaf(reader_ctx *c, node_kind kind, const char *text);
void fields_neighbour(reader_ctx *c, int line);
void fields_factor(reader_ctx *c, int line);
void fields_end_store(reader_ctx *c);
#define PROLOG_RESCAN_MAX (16 << 20) /* a DOCTYPE is looked for this far, and after an entity error */
#define INPUT_MAX_ATTRIBUTES 2000   /* '=' signs allowed between two '<' across reads */

/* xml_reader.c */
#define NODE_LINE_CAP 65535         /* libxml2 2.9 keeps an element's line in 16 bits */
/* The parser's line: where it has read up to. */
int reader_parser_line(reader_ctx *c);
/* A node's line (past NODE_LINE_CAP, from the white space before it). */
int reader_node_line(const reader_ctx *c, xmlNodePtr node);
/* The line of the element we are at (under SAX the parser is still at its start tag). */
int reader_current_line(reader_ctx *c);
/* Control characters of a diag's text made spaces: a diag is one line. */
void reader_one_line(diag *d);
/* Counts a problem and passes it on (opt->on_problem), or makes it fatal. */
void reader_emit(reader_ctx *c, diag *d);
/* A problem of the file (not fatal): key of templates/messages-en.txt with (name, value)
 * pairs ending in NULL; in a store, the store's first one is kept (first_error). */
void reader_problem(reader_ctx *c, int line, const char *field, const char *key, ...)
	__attribute__((sentinel));
/* The same for a problem worded without a place (a field rule's diag): d is placed. */
void reader_report(reader_ctx *c, int line, const char *field, diag *d);
/* The read stops: key with (name, value) pairs ending in NULL. */
void reader_fatal(reader_ctx *c, int status, int line, const char *key, ...)
	__attribute__((sentinel));
/* s for an error message: utf8_truncate into buf (cut on a character boundary, with
 * "…" when it was cut).  Returns buf. */
const char *reader_shorten(const char *s, char *buf, size_t size);
/* Copies attribute name of the current element into buf; 0 absent, 1 found,
 * 2 longer than buf (cut on a character boundary, ending in "…"). */
int reader_attr(reader_ctx *c, const char *name, char *buf, size_t size);
/* The attribute's value in the store's arena (NULL when absent); *too_long set when
 * longer than max bytes. */
const char *reader_attr_dup(reader_ctx *c, const char *name, size_t max, int *too_long);

/* Frees what a read allocated (the parser, the descriptor when it is > 0, buffers). */
void reader_ctx_free(reader_ctx *c);

/* xml_input.c */
/* Opens c->path and refuses a DOCTYPE in its prolog: 0, or -1 (fatal set). */
int reader_open(reader_ctx *c);
/* The line of a <!DOCTYPE in the file's first `window` bytes (after the prolog), or 0. */
int reader_doctype_line(reader_ctx *c, size_t window);
/* A DOCTYPE or entity met while parsing: fatal, at the DOCTYPE's line. */
void reader_refuse_late_doctype(reader_ctx *c);
/* libxml2's xmlInputReadCallback and xmlInputCloseCallback over c->fd (arg is c). */
int reader_input_read(void *arg, char *buf, int len);
int reader_input_close(void *arg);
/* Up to size bytes through reader_input_read; short at the end or when it failed. */
size_t reader_fill_chunk(reader_ctx *c, char *buf, size_t size);
int reader_starts_with_bom(const unsigned char *p, size_t n);

/* xml_sax.c, xml_schema.c: the two drivers */
void reader_run_sax(reader_ctx *c);
/* One part of a split file (xml_split.c), through libxml2's pull parser. */
void reader_run_sax_part(reader_ctx *c);
void reader_run_schema(reader_ctx *c);
/* xml_schema.c: an element outside any store starts at line (INT_MAX: the end). */
void reader_element_boundary(reader_ctx *c, int line);
void reader_hold_schema_error(reader_ctx *c, int line, const char *text);

/* xml_errors.c */
/* Follows the parser (parse_position): an element starts or ends, a DOCTYPE's
 * internal subset starts or ends. */
void reader_position_start(parse_position *p, const xmlChar *localname);
void reader_position_end(parse_position *p);
/* libxml2's structured error handler while a read runs (arg is c). */
void reader_on_xml_error(void *arg, reader_xml_error err);
/* The one line for a failed parse (not well-formed, truncated, ...). */
void reader_explain_parse_error(reader_ctx *c);

/* xml_elements.c: what the drivers hand over */
/* An element starts (its qualified name); 1 when its subtree must be skipped. */
int reader_start_element(reader_ctx *c, const xmlChar *xname);
void reader_end_element(reader_ctx *c);
void reader_text_append(reader_ctx *c, const char *v, size_t n);
/* Whether v[0..n) is all white space (as XML counts it): text between the tags of a
 * container.  Inline: the SAX driver asks it first for most of its text callbacks. */
static inline int reader_blank(const char *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] != ' ' && v[i] != '\t' && v[i] != '\n' && v[i] != '\r')
			return 0;
	return 1;
}
/* A skipped subtree has ended. */
void reader_end_skip(reader_ctx *c);

/* xml_region.c */
void reader_begin_region(reader_ctx *c, int line);
void reader_end_growth(reader_ctx *c, const char *text);
void reader_end_store(reader_ctx *c);
/* The store's id is known: its slot in the duplicate-id set is fetched into the cache
 * while the rest of the store is read (the set is far larger than the cache). */
void reader_ids_prefetch(const reader_ctx *c, const char *id);
/* The offset (in c->reg->strings) of id in c's duplicate-id set, or 0. */
uint32_t reader_ids_find(const reader_ctx *c, const char *id);
/* The problem of a store whose id was used earlier in the file, in *d (as the
 * one-thread read words it, before reader_one_line). */
void reader_duplicate_id_diag(const char *path, int line, const char *id, diag *d);

/* xml_split.c */
/* Reads a region in opt->jobs parts at once when the file is large enough.  1 when it
 * did (*status and *out / *fatal as region_read's), 0 when the caller must read the
 * file in one thread (not split, or a part failed: out is left zeroed). */
int reader_split_read(const char *path, const read_options *opt, region *out, diag *fatal,
		      int *status);
/* A part's input: its stream (prolog and root start tag, its bytes, </region>).  As
 * read(2): bytes, 0 at the end, -1 with errno. */
long reader_part_read(reader_ctx *c, char *buf, size_t len);
/* A problem of a part: held for the merge (1), or 0 when it must stop the read (no
 * on_problem: the first problem is fatal; the one-thread read then reports it). */
int reader_split_hold(reader_ctx *c, const diag *d);
/* The store about to be added as the part's next entry repeats an id of the part. */
void reader_split_note_dup(reader_ctx *c);
/* on_store is called by one part's thread at a time. */
void reader_split_lock(reader_ctx *c);
void reader_split_unlock(reader_ctx *c);

#endif
