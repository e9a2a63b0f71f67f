/*
 * context_ids.c: stores chosen by id (`evaluate/plan --id ID`, `--ids FILE`) evaluated
 * in their region: the region is streamed once, keeping every store's compact entry and
 * the full profiles of the chosen ids (store_pick.h), so each store is evaluated exactly
 * as from its own profile file (context.c), without cutting it out of the region first.
 * Each group is classified once, however many of its stores are chosen.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "field_rules.h"
#include "peers.h"

#define ID_MISSING_SHOWN 10    /* ids not in the region named one per line */

/* ---- the list of ids ----------------------------------------------------------------- */

static int id_list_push(id_list *l, const char *id)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		char **p = realloc(l->ids, cap * sizeof *p);
		if (!p)
			return -1;
		l->ids = p;
		l->cap = cap;
	}
	l->ids[l->n] = strdup(id);
	if (!l->ids[l->n])
		return -1;
	l->n++;
	return 0;
}

int id_list_add(id_list *l, const char *cmd, const char *id)
{
	char why[160];

	if (field_store_id(id, why, sizeof why) < 0)
		return report_usage_msg(cmd, "option.id", "problem", why, NULL);
	if (id_list_push(l, id) < 0) {
		report_msg(cmd, "cmd.out-of-memory", NULL);
		return EXIT_SOFTWARE;
	}
	return EXIT_OK;
}

/* The line without its comment and surrounding blanks (in place). */
static char *id_line_text(char *line)
{
	char *hash = strchr(line, '#');

	if (hash)
		*hash = '\0';
	while (*line == ' ' || *line == '\t')
		line++;
	size_t n = strlen(line);
	while (n > 0 && strchr(" \t\r\n", line[n - 1]))
		line[--n] = '\0';
	return line;
}

int id_list_read(id_list *l, const char *cmd, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, why[160];
	size_t size = 0, before = l->n;
	int status = EXIT_OK;
	long lineno = 0;
	char line_text[24];

	if (!f) {
		report_msg(cmd, "cmd.ids.read", "file", path, "error", strerror(errno), NULL);
		return EXIT_NOINPUT;
	}
	while (status == EXIT_OK && getline(&line, &size, f) >= 0) {
		lineno++;
		char *text = line;
		if (lineno == 1 && strncmp(text, "\xEF\xBB\xBF", 3) == 0)
			text += 3;    /* a byte order mark, as Windows editors write */
		text = id_line_text(text);
		if (!*text)
			continue;
		if (field_store_id(text, why, sizeof why) < 0) {
			snprintf(line_text, sizeof line_text, "%ld", lineno);
			report_line_msg("cmd.ids.bad-id", "file", path, "line", line_text, "problem", why,
					NULL);
			status = EXIT_DATAERR;
		} else if (id_list_push(l, text) < 0) {
			report_msg(cmd, "cmd.out-of-memory", NULL);
			status = EXIT_SOFTWARE;
		}
	}
	if (status == EXIT_OK && ferror(f)) {
		report_msg(cmd, "cmd.ids.read", "file", path, "error", strerror(errno), NULL);
		status = EXIT_NOINPUT;
	}
	if (status == EXIT_OK && l->n == before) {
		report_line_msg("cmd.ids.empty", "file", path, NULL);
		status = EXIT_DATAERR;
	}
	free(line);
	fclose(f);
	return status;
}

void id_list_free(id_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->ids[i]);
	free(l->ids);
	memset(l, 0, sizeof *l);
}

/* An id and where it was given: sorting by both brings each id's copies together,
 * the first one first. */
typedef struct id_position {
	const char *id;
	size_t position;
} id_position;

static int by_id_then_position(const void *a, const void *b)
{
	const id_position *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x->position > y->position) - (x->position < y->position);
}

int id_list_unique(id_list *l)
{
	id_position *order = malloc((l->n ? l->n : 1) * sizeof *order);
	unsigned char *drop = calloc(l->n ? l->n : 1, 1);

	if (!order || !drop) {
		free(order);
		free(drop);
		return -1;
	}
	for (size_t i = 0; i < l->n; i++)
		order[i] = (id_position){ l->ids[i], i };
	qsort(order, l->n, sizeof *order, by_id_then_position);
	for (size_t k = 1; k < l->n; k++)
		if (strcmp(order[k].id, order[k - 1].id) == 0)
			drop[order[k].position] = 1;
	size_t kept = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (drop[i])
			free(l->ids[i]);
		else
			l->ids[kept++] = l->ids[i];
	}
	l->n = kept;
	free(order);
	free(drop);
	return 0;
}

/* ---- the region, read once ----------------------------------------------------------- */

static void print_warning(void *unused, const diag *d)
{
	(void)unused;
	report_line_msg("cmd.warning", "problem", d->text, NULL);
}

/* One line per chosen id the region does not hold (the first few, then a count). */
static int report_missing(const id_region *ir, const char *region_path)
{
	const region *r = &ir->region;
	size_t missing = 0;

	for (size_t i = 0; i < ir->pick.n; i++) {
		if (ir->pick.profiles[i])
			continue;
		if (++missing <= ID_MISSING_SHOWN)
			report_line_msg(r->name ? "cmd.ids.missing.named" : "cmd.ids.missing",
					"file", region_path, "store", ir->pick.ids[i],
					"region", r->id ? r->id : "?", "name", r->name ? r->name : "",
					NULL);
	}
	if (missing > ID_MISSING_SHOWN) {
		char more[24];
		snprintf(more, sizeof more, "%zu", missing - ID_MISSING_SHOWN);
		report_line_msg("cmd.ids.missing.more", "file", region_path, "count", more, NULL);
	}
	return missing ? EXIT_DATAERR : EXIT_OK;
}

int id_region_load(id_region *ir, id_list *ids, const char *region_path,
		   const context_options *opt)
{
	quarter_choice qc;
	diag d;

	memset(ir, 0, sizeof *ir);
	if (id_list_unique(ids) < 0 ||
	    store_pick_init(&ir->pick, (const char *const *)ids->ids, ids->n) < 0) {
		report_msg(NULL, "cmd.out-of-memory", NULL);
		return EXIT_SOFTWARE;
	}
	/* every group is kept: the chosen stores' groups are known only once read */
	read_options ro = { .quarter = opt->quarter, .on_warning = print_warning,
			    .on_store = store_pick_on_store, .ctx = &ir->pick };
	int status = region_read_quarter(region_path, &ro, opt->quarter, NULL, &ir->region,
					 &qc, &d);
	if (status != EXIT_OK)
		return report_diag(&d);
	if (ir->pick.failed) {
		report_msg(NULL, "cmd.ids.profiles-memory", NULL);
		return EXIT_SOFTWARE;
	}
	report_quarter_warning(region_path, &qc);
	ir->quarter = qc.quarter;
	return report_missing(ir, region_path);
}

/* The classified figures of group key for quarter q, computed on first use. */
static const peer_stats *group_stats(id_region *ir, const char *key, const context_options *opt)
{
	for (size_t k = 0; k < ir->n_groups; k++)
		if (strcmp(ir->groups[k].key, key) == 0)
			return &ir->groups[k].stats;
	id_group *p = realloc(ir->groups, (ir->n_groups + 1) * sizeof *p);
	double *orders = malloc((ir->region.n_stores ? ir->region.n_stores : 1) * sizeof *orders);
	if (p)
		ir->groups = p;
	if (!p || !orders) {
		free(orders);
		return NULL;
	}
	id_group *g = &ir->groups[ir->n_groups];
	memcpy(g->key, key, sizeof g->key);
	size_t n = peers_collect(&ir->region, key, ir->quarter, NULL, orders);
	int failed = classify_group(orders, n, &opt->config, &g->stats) < 0;
	free(orders);
	if (failed)
		return NULL;
	ir->n_groups++;
	return &g->stats;
}

int id_context_load(store_context *ctx, id_region *ir, size_t i, const context_options *opt)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->store = store_pick_take(&ir->pick, i);
	if (!ctx->store) {
		report_msg(NULL, "cmd.ids.not-read", "store", ir->pick.ids[i], NULL);
		return EXIT_SOFTWARE;
	}
	ctx->region = ir->region;    /* shallow: the region stays ir's */
	code_peer_group(&ctx->store->code, ctx->peer_group);
	const peer_stats *stats = group_stats(ir, ctx->peer_group, opt);
	if (!stats) {
		report_msg(NULL, "cmd.out-of-memory", NULL);
		return EXIT_SOFTWARE;
	}
	ctx->stats = *stats;         /* shallow: the sorted figures stay ir's */
	const order_figure *own = store_orders_in(ctx->store, ir->quarter);
	evaluation_compute(&ctx->ev, &ctx->store->code, ir->quarter, own ? own->orders : NAN,
			   &ctx->stats, opt->by);
	return EXIT_OK;
}

void id_context_free(store_context *ctx)
{
	store_free(ctx->store);
	memset(ctx, 0, sizeof *ctx);
}

void id_region_free(id_region *ir)
{
	for (size_t k = 0; k < ir->n_groups; k++)
		peer_stats_free(&ir->groups[k].stats);
	free(ir->groups);
	store_pick_free(&ir->pick);
	region_free(&ir->region);
}
