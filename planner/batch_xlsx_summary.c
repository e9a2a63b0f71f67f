/*
 * batch_xlsx_summary.c: the summary sheet of reclassification.xlsx: the key figures of
 * the batch as summary.json has them (region, quarters, settings, stores by status,
 * code changes, candidates, downgrades), one labelled row each, then one row per peer
 * group with its counts and thresholds.  Labels and titles come from templates/.
 */
#include <stdio.h>

#include "batch_xlsx.h"

/* The labels of the key figures, in the order of the rows. */
static const tmpl_key summary_keys[] = {
	{ "xlsx.sum.item", "" }, { "xlsx.sum.value", "" },
	{ "xlsx.sum.region_id", "" }, { "xlsx.sum.region_name", "" }, { "xlsx.sum.file", "" },
	{ "xlsx.sum.unit", "" }, { "xlsx.sum.quarter", "" }, { "xlsx.sum.previous_quarter", "" },
	{ "xlsx.sum.shares", "" }, { "xlsx.sum.min_peers", "" }, { "xlsx.sum.gap_pct", "" },
	{ "xlsx.sum.deadline", "" }, { "xlsx.sum.stores", "" }, { "xlsx.sum.ok", "" },
	{ "xlsx.sum.insufficient_peers", "" }, { "xlsx.sum.no_orders", "" },
	{ "xlsx.sum.invalid", "" }, { "xlsx.sum.up", "" }, { "xlsx.sum.down", "" },
	{ "xlsx.sum.same", "" }, { "xlsx.sum.candidates", "" }, { "xlsx.sum.downgrades", "" },
	{ "xlsx.sum.groups", "" },
};

/* The columns of the group table (described in batch_xlsx.c). */
static const char *const group_columns[] = {
	"peer_group", "stores", "peer_count", "threshold_large", "threshold_medium", "large",
	"medium", "small", "no_orders", "insufficient_peers", "up", "down", "same",
	"candidates", "downgrades",
};
#define N_GROUP_COLUMNS (sizeof group_columns / sizeof group_columns[0])

size_t batch_xlsx_summary_keys(const tmpl_key **keys)
{
	*keys = summary_keys;
	return sizeof summary_keys / sizeof summary_keys[0];
}

static void label(xlsx_sheet *s, const char *key)
{
	batch_xlsx_text(s, 0, tmpl_get(s->book->words, key));
}

static void text_row(xlsx_sheet *s, const char *key, const char *value)
{
	label(s, key);
	batch_xlsx_text(s, 1, value ? value : "");
	s->row++;
}

static void number_row(xlsx_sheet *s, const char *key, double value, xlsx_kind kind)
{
	label(s, key);
	batch_xlsx_number(s, 1, value, kind);
	s->row++;
}

static void count_row(xlsx_sheet *s, const char *key, size_t n)
{
	number_row(s, key, (double)n, XLSX_COUNT);
}

static void key_figures(xlsx_sheet *s, const batch_report *rep)
{
	const batch_result *b = rep->result;
	const region *r = rep->region;
	const shares *sh = &b->cfg.classify.shares;
	char q[12], pq[12], deadline[12], shares_text[64];

	quarter_format(b->quarter, q);
	quarter_format(b->prev_quarter, pq);
	quarter_format(b->cfg.by ? b->cfg.by : b->quarter + 1, deadline);
	snprintf(shares_text, sizeof shares_text, "%g / %g / %g", sh->large / 100.0,
		 sh->medium / 100.0, sh->small / 100.0);

	batch_xlsx_title(s, 0, tmpl_get(s->book->words, "xlsx.sum.item"));
	batch_xlsx_title(s, 1, tmpl_get(s->book->words, "xlsx.sum.value"));
	s->row++;
	text_row(s, "xlsx.sum.region_id", r->id);
	text_row(s, "xlsx.sum.region_name", r->name);
	text_row(s, "xlsx.sum.file", rep->region_path);
	text_row(s, "xlsx.sum.unit", r->unit ? r->unit : "carton");
	text_row(s, "xlsx.sum.quarter", q);
	text_row(s, "xlsx.sum.previous_quarter", pq);
	text_row(s, "xlsx.sum.shares", shares_text);
	count_row(s, "xlsx.sum.min_peers", b->cfg.classify.min_peers);
	number_row(s, "xlsx.sum.gap_pct", b->cfg.gap_pct, XLSX_PERCENT);
	text_row(s, "xlsx.sum.deadline", deadline);
	count_row(s, "xlsx.sum.stores", b->n_stores);
	count_row(s, "xlsx.sum.ok", b->n_status[STATUS_OK]);
	count_row(s, "xlsx.sum.insufficient_peers", b->n_status[STATUS_INSUFFICIENT_PEERS]);
	count_row(s, "xlsx.sum.no_orders", b->n_status[STATUS_NO_ORDERS]);
	count_row(s, "xlsx.sum.invalid", b->n_status[STATUS_INVALID]);
	count_row(s, "xlsx.sum.up", b->total.up);
	count_row(s, "xlsx.sum.down", b->total.down);
	count_row(s, "xlsx.sum.same", b->total.same);
	count_row(s, "xlsx.sum.candidates", b->total.n_candidates);
	count_row(s, "xlsx.sum.downgrades", b->total.n_downgrades);
	count_row(s, "xlsx.sum.groups", b->n_groups);
}

static void group_row(xlsx_sheet *s, const batch_group *g)
{
	const double values[N_GROUP_COLUMNS] = {
		0, (double)g->members, (double)g->cur.n, g->cur.threshold_large,
		g->cur.threshold_medium, (double)g->c.classes[CLASS_LARGE],
		(double)g->c.classes[CLASS_MEDIUM], (double)g->c.classes[CLASS_SMALL],
		(double)g->c.no_orders, (double)g->c.insufficient, (double)g->c.up,
		(double)g->c.down, (double)g->c.same, (double)g->c.n_candidates,
		(double)g->c.n_downgrades,
	};

	batch_xlsx_text(s, 0, g->key);
	for (size_t c = 1; c < N_GROUP_COLUMNS; c++)
		batch_xlsx_number(s, c, values[c], batch_xlsx_column(group_columns[c])->kind);
	s->row++;
}

void batch_xlsx_summary(xlsx_book *b, const batch_report *rep)
{
	xlsx_sheet s;

	if (batch_xlsx_sheet(b, &s, "summary") < 0)
		return;
	key_figures(&s, rep);
	s.row++;    /* a blank row, then the groups */
	for (size_t c = 0; c < N_GROUP_COLUMNS; c++)
		batch_xlsx_title(&s, c, tmpl_get(b->words, batch_xlsx_column(group_columns[c])->key));
	s.row++;
	for (size_t k = 0; k < rep->result->n_groups; k++)
		group_row(&s, &rep->result->groups[k]);
	s.n_columns = N_GROUP_COLUMNS;
	batch_xlsx_fit(&s);
}
