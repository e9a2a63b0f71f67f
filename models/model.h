/*
 * model.h: the domain types that every part of planner passes around: quarters,
 * category codes, store profiles, compact region tables, peer-group statistics and
 * the evaluation of one store.  Nothing declared here prints or draws; models/ is a
 * library of plain data and pure functions (see README.md, "Architecture").
 */
#ifndef PLANNER_MODEL_H
#define PLANNER_MODEL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* ---- exit statuses (CONTRACT.md; sysexits.h values) ---------------------------- */
enum planner_exit {
	EXIT_OK = 0,
	EXIT_USAGE = 64,      /* bad command line */
	EXIT_DATAERR = 65,    /* bad input data */
	EXIT_NOINPUT = 66,    /* input missing or unreadable */
	EXIT_PARTIAL = 67,    /* batch finished, but skipped invalid stores (README) */
	EXIT_SOFTWARE = 70,   /* out of memory or internal error */
	EXIT_CANTCREAT = 73,  /* output cannot be created */
	EXIT_IOERR = 74,      /* I/O error while writing */
};

/* ---- diagnostics ----------------------------------------------------------------- */
/* One problem: where (file, line, store, field) and what, as a message key of
 * templates/messages-LANG.txt with named arguments (diag_msg).  msg keeps all of it
 * packed (below) so that the problem can be worded again in another language, e.g. in
 * summary.pdf; text is the whole line "file:line: store ID: field: message" in the
 * language of stderr, worded by the renderer the program installs (diag_set_renderer;
 * without one, the key and its arguments are printed as they are).  models/ holds no
 * sentence of any language. */
#define DIAG_SEP '\x1f'      /* separates the parts of a packed message */
typedef struct diag {
	int status;        /* planner_exit value that the problem maps to */
	int line;          /* 0 when unknown */
	char text[1024];
	char msg[1024];    /* "file SEP line SEP store SEP field SEP key SEP name SEP value ..." */
} diag;

/* Sets d to the problem: key names the message, and the variable arguments are pairs of
 * (const char *name, const char *value) ending with a NULL name.  A value is copied
 * with control characters (DIAG_SEP among them) made spaces, so the line is one
 * line; NULL values count as "". */
void diag_msg(diag *d, int status, const char *file, int line, const char *store_id,
	      const char *field, const char *key, ...) __attribute__((sentinel));
/* diag_msg with the (name, value) pairs in ap. */
void diag_vmsg(diag *d, int status, const char *file, int line, const char *store_id,
	       const char *field, const char *key, va_list ap);
/* Sets the place of d's message (made without one, e.g. by a check that does not know
 * where its value came from), keeping its key and arguments. */
void diag_at(diag *d, int status, const char *file, int line, const char *store_id,
	     const char *field);

/* A packed message taken apart (diag_unpack); the strings point into buf. */
#define DIAG_ARGS_MAX 12
typedef struct diag_parts {
	const char *file, *store, *field, *key;
	int line;
	const char *name[DIAG_ARGS_MAX], *value[DIAG_ARGS_MAX];
	size_t n_args;
	char buf[1024];
} diag_parts;
void diag_unpack(const char *packed, diag_parts *out);
/* m's message in its plain form, "key name=value ..." (an empty key's text alone): what
 * is printed where no wording of the key is found.  NUL-terminated, cut to size. */
void diag_plain_message(const diag_parts *m, char *out, size_t size);

/* Words a packed message as the whole line into out (NUL-terminated, cut on a character
 * boundary).  Installed once by the program before any thread starts. */
typedef void (*diag_renderer)(const char *packed, char *out, size_t size);
void diag_set_renderer(diag_renderer render);
/* Words packed with the installed renderer (or the plain form without one); a string
 * that is not packed (no DIAG_SEP) is taken as worded already and copied. */
void diag_render(const char *packed, char *out, size_t size);
/* The words of key with its (name, value) pairs ending in a NULL name, without a place,
 * into out; returns out.  For a fragment worded into a larger message. */
const char *diag_words(char *out, size_t size, const char *key, ...) __attribute__((sentinel));

/* ---- quarters: "2007Q1" <-> year * 4 + (n - 1); 0 means "none" -------------------- */
typedef int32_t quarter_t;
#define QUARTER_NONE 0
#define QUARTER_FIRST (1900 * 4)     /* 1900Q1: quarter_parse accepts years 1900-2999 */
#define QUARTER_SPAN (1100 * 4)

int quarter_parse(const char *s, quarter_t *out);       /* 0 ok, -1 malformed */
void quarter_format(quarter_t q, char out[12]);          /* "2007Q1", "-" for none */
static inline quarter_t quarter_add(quarter_t q, int n) { return q + n; }
int quarter_year(quarter_t q);
int quarter_number(quarter_t q);                         /* 1..4 */

/* ---- category codes: format letter, scale, market, integrity ---------------------- */
typedef enum scale_class {
	CLASS_NONE = 0,
	CLASS_LARGE = 1,
	CLASS_MEDIUM = 2,
	CLASS_SMALL = 3,
} scale_class;

typedef struct category_code {
	char format;    /* 'A'..'Z' (Y tobacco-and-liquor, S grocery, ...) */
	char scale;     /* '1' large, '2' medium, '3' small */
	char market;    /* '1' urban, '2' rural */
	char integrity; /* '1' law-abiding, '2' ordinary, '3' has violations */
} category_code;

/* Parses exactly four characters; on failure returns -1 and sets *why to the name of
 * the offending part: "length", "format", "scale", "market" or "integrity" (worded by
 * the messages store.code.NAME and store.neighbour.code.NAME). */
int code_parse(const char *s, category_code *out, const char **why);
void code_format(const category_code *c, char out[5]);
scale_class code_class(const category_code *c);
category_code code_with_class(category_code c, scale_class k);
/* The data value of a business-format letter in summary.json's "format" field
 * ("tobacco-and-liquor shops", ..., "outlets" for another letter): a fixed identifier
 * for programs, the same in every --lang, not a label (people read templates'
 * format.X / formats.X). */
const char *code_format_id(char letter);
/* "Y2": the peer-group key, format letter + market digit. */
void code_peer_group(const category_code *c, char out[3]);

/* ---- a full store profile ---------------------------------------------------------- */
typedef struct order_figure {
	quarter_t quarter;
	double orders;
	int line;
} order_figure;

typedef struct neighbour {
	const char *id;
	category_code code;
	double distance;     /* metres, < 0 when not given */
	int line;
} neighbour;

typedef struct factor {
	const char *name;
	const char *text;    /* the value as written */
	double value;        /* numeric value, or 1 / 0 for yes / no */
	int is_number;       /* 1 numeric, 2 yes/no, 0 other text */
	int line;
} factor;

typedef struct store {
	const char *id, *name, *owner, *address, *surroundings;
	category_code code;
	int has_code;
	double area;         /* m², 0 when not given */
	int opened;          /* year, 0 when not given */
	int line;            /* line of <store> */
	order_figure *orders;
	size_t n_orders;
	neighbour *neighbours;
	size_t n_neighbours;
	factor *factors;
	size_t n_factors;
	const char **honours;
	size_t n_honours;
	void *owner_arena;   /* private: backing storage of the strings above */
} store;

void store_free(store *s);
/* The figure for quarter q, or NULL. */
const order_figure *store_orders_in(const store *s, quarter_t q);
/* The figures of the max quarters ending at q (q - max < quarter <= q) into out,
 * ascending by quarter; returns how many (at most max). */
size_t store_order_history(const store *s, quarter_t q, size_t max, order_figure *out);
quarter_t store_latest_quarter(const store *s);
const factor *store_factor(const store *s, const char *name);

/* ---- a region, kept compact: per store only what classification needs ------------- */
#define REGION_HISTORY 4   /* quarters of orders kept per store, ending at the base quarter */

typedef struct region_entry {
	uint32_t id;         /* offsets into region.strings */
	uint32_t name;
	uint32_t line : 31;  /* of <store> (a diag's line is an int) */
	uint32_t invalid : 1;   /* the store had a problem: its first error line is
				 * region_entry_error's (set by region_add_entry) */
	category_code code;
	int16_t base;        /* a quarter_t (years 1900-2999 fit): hist[i] holds the orders
			      * of quarter base - i */
	uint16_t match;      /* match score in hundredths (match.h), 0 when none or not asked */
	float area;          /* m², 0 when not given (peer medians for the SWOT) */
	uint32_t hist[REGION_HISTORY];  /* the orders of quarter base - i, coded in 4 bytes
					 * (region_set_orders; read with region_orders):
					 * 0 no figure, so a zeroed entry has none */
} region_entry;       /* 40 bytes: a million stores are 40 MB */

/* The first error line of an invalid entry, kept beside the table (most stores have
 * none): entry is its index in region.stores, text an offset into region.strings. */
typedef struct region_error {
	uint32_t entry;
	uint32_t text;
} region_error;

typedef struct growth_fact {
	const char *name;
	const char *text;
	double pct;
	const char *place;   /* <growth place>: the fact holds only for stores whose address
			      * contains it; NULL: for the whole region */
} growth_fact;

/* Ownership: a region owns every string it points to, and they are freed only by
 * region_free, never one by one.  The per-store strings (id, name, first error) are
 * offsets into region.strings (region_add_string: 4 bytes per reference, one block;
 * region_add_name shares one copy among stores of the same name);
 * the header (id, name, unit) and the growth facts are copies in the region's own
 * arena (region_set_header, region_add_growth).  Entries are added with
 * region_add_entry.  path is the caller's and is not copied.  (A store owns its
 * strings the same way, in its owner_arena.) */
typedef struct region {
	const char *path;
	const char *id, *name, *unit;
	quarter_t quarter_attr;   /* the quarter="" attribute, or QUARTER_NONE */
	quarter_t latest;         /* latest quarter seen in any store */
	size_t stores_read;       /* <store> elements read, of every group */
	uint32_t *quarter_stores; /* [q - QUARTER_FIRST]: stores with a figure for q; or NULL */
	growth_fact *growth;
	size_t n_growth;
	region_entry *stores;
	size_t n_stores, cap_stores;
	size_t n_invalid;
	region_error *errors;     /* of the n_invalid entries, in entry order */
	char *strings;            /* "\0"-separated arena; offset 0 is the empty string */
	size_t strings_len, strings_cap;
	double *figures;          /* order figures that a region_entry cannot hold in its
				   * 4 bytes (not whole, or 2^31 and more), by index */
	size_t n_figures, cap_figures;
	int read_parts;           /* parts the file was parsed in at once (0: one thread) */
	int read_parts_taken;     /* of them, split off a part still being read (xml_split.c) */
	uint32_t *names;          /* private: region_add_name's recent names, or NULL */
	void *owner_arena;        /* private: backing storage of id, name, unit, growth */
} region;

static inline const char *region_str(const region *r, uint32_t off) { return r->strings + off; }
/* The offset of e's first error line in r->strings (e an entry of r), 0 when it is valid. */
uint32_t region_entry_error(const region *r, const region_entry *e);
/* Orders of entry e of r in quarter q, NaN when absent or outside the kept history:
 * the very double that region_set_orders was given. */
double region_orders(const region *r, const region_entry *e, quarter_t q);
/* Hints for a loop over many entries, while it works on earlier rows (nothing changes).
 * A name is often shared with an earlier store (region_add_name), so even a pass in
 * file order misses the cache on it: region_prefetch_strings asks for the id and name
 * of entry i (its entry should be loaded by then), REGION_PREFETCH_AHEAD / 2 rows
 * ahead.  A loop that visits entries out of file order (batch's ranked lists) misses
 * on every entry: at row i of n, region_prefetch_ahead asks for the entry
 * REGION_PREFETCH_AHEAD rows ahead and the strings of the one half as far, the rows'
 * entry indexes being at entries[0], then every `stride` bytes (a field of an array of
 * structs: &list[0].entry, sizeof list[0]). */
#define REGION_PREFETCH_AHEAD 8
void region_prefetch_strings(const region *r, size_t i);
void region_prefetch_ahead(const region *r, const uint32_t *entries, size_t stride, size_t n,
			   size_t i);
/* How many stores of the file (every group) have a figure for quarter q. */
size_t region_stores_in(const region *r, quarter_t q);
/* Building a region (all return 0, or -1 when out of memory and r unchanged): */
/* Copies s (NUL-terminated) into r->strings; its offset in *off. */
int region_add_string(region *r, const char *s, uint32_t *off);
/* Appends all of from's strings to r's in one block: from's offset x (x > 0) is then r's
 * x + *shift (0 is "" in both).  A name that both have is then kept twice. */
int region_append_strings(region *r, const region *from, uint32_t *shift);
/* The same for a store name: a name equal to one added recently by region_add_name
 * gets that one's offset instead of a new copy (the same shop names recur through a
 * region, and a million stores' names are most of its strings). */
int region_add_name(region *r, const char *s, uint32_t *off);
/* Sets the orders of e (an entry being built for r) in quarter e->base - back,
 * 0 <= back < REGION_HISTORY; NaN: no figure.  Any double is kept exactly. */
int region_set_orders(region *r, region_entry *e, int back, double x);
/* e, an entry of region `from`, recoded for region `out`: what region_set_orders of each
 * of its figures would give.  A whole figure's code is the same in every region, so only
 * the others are looked up and added to out's. */
int region_copy_figures(region *out, region_entry *e, const region *from);
/* Appends a copy of *e, whose strings are already offsets into r->strings; error is the
 * offset of its first error line, or 0: an entry with one is invalid (e->invalid set in
 * the copy, counted in n_invalid). */
int region_add_entry(region *r, const region_entry *e, uint32_t error);
/* Copies the header strings (NULL: none). */
int region_set_header(region *r, const char *id, const char *name, const char *unit);
/* Appends a growth fact, its strings copied. */
/* place: the <growth place> attribute, or NULL / "" for the whole region */
int region_add_growth(region *r, const char *name, const char *text, double pct,
		      const char *place);
void region_free(region *r);

/* ---- shares and classification ------------------------------------------------------ */
/* Shares in basis points (1 % = 100) so that k = ceil(share * n) is exact integer math. */
typedef struct shares {
	uint32_t large, medium, small;
} shares;

/* Parses "20,30,50" or "12.5,37.5,50"; must sum to 100.  -1 with *why set to the
 * message key of the reason (templates/messages-en.txt, classify.shares.*). */
int shares_parse(const char *s, shares *out, const char **why);
#define SHARES_DEFAULT ((shares){ 2000, 3000, 5000 })

typedef struct classify_config {
	shares shares;
	size_t min_peers;     /* default 10 */
} classify_config;
#define CLASSIFY_DEFAULT ((classify_config){ SHARES_DEFAULT, 10 })

typedef struct peer_stats {
	size_t n;
	size_t k_large, k_medium;         /* ranks that define the thresholds */
	double threshold_large, threshold_medium;
	double median, q1, q3;            /* GSL quantiles of the group */
	int enough_peers;                 /* n >= min_peers */
	double *sorted;                   /* ascending, owned */
} peer_stats;

/* k = ceil(bp * n / 10000), never 0 for n > 0. */
size_t classify_rank(uint32_t basis_points, size_t n);
/* Sorts a copy of orders[0..n) and derives thresholds and quartiles.  0 ok, -1 no memory. */
int classify_group(const double *orders, size_t n, const classify_config *cfg, peer_stats *out);
/* The same without the copy: orders (malloc'd, n figures) is sorted in place and kept
 * as out->sorted, freed by peer_stats_free.  Cannot fail. */
void classify_group_take(double *orders, size_t n, const classify_config *cfg, peer_stats *out);
void peer_stats_free(peer_stats *ps);
double classify_percentile(const peer_stats *ps, double x);
scale_class classify_class(const peer_stats *ps, double x);

/* ---- the evaluation of one store in its group --------------------------------------- */
typedef enum eval_status {
	STATUS_OK = 0,
	STATUS_INSUFFICIENT_PEERS,
	STATUS_NO_ORDERS,
	STATUS_INVALID,
} eval_status;
const char *eval_status_name(eval_status s);   /* "ok", "insufficient-peers", ... */
const char *class_name(scale_class k);         /* "large", "medium", "small" */

typedef struct evaluation {
	quarter_t quarter;
	double orders;                 /* NaN when no figure */
	char peer_group[3];
	size_t peer_count;
	double threshold_large, threshold_medium;
	double percentile;
	category_code current_code, computed_code, target_code;
	scale_class computed_class, target_class;  /* target CLASS_NONE when already large */
	double target_orders, gap, growth_required_pct;
	double margin;                 /* large store: orders - large threshold */
	quarter_t deadline;
	eval_status status;
} evaluation;

/* Classifies x within ps and sets the promotion target.  deadline_by may be
 * QUARTER_NONE (then the quarter after q). */
void evaluation_compute(evaluation *ev, const category_code *current, quarter_t q, double x,
			const peer_stats *ps, quarter_t deadline_by);
/* The same, with x's percentile already known (batch ranks a whole group at once). */
void evaluation_compute_ranked(evaluation *ev, const category_code *current, quarter_t q,
			       double x, const peer_stats *ps, double percentile,
			       quarter_t deadline_by);

#endif
