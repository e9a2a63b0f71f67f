/*
 * batch_pdf_overview.c: the first sections of summary.pdf: the title band (quarter,
 * region, settings), the key figures as cards, the table of peer groups (sizes,
 * thresholds, class counts, code changes), the class transitions between the two
 * quarters and the realised funnel of last quarter's candidates.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_pdf.h"

/* ---- title band and key figures ------------------------------------------------------- */

static void title_band(batch_pdf *p)
{
	render_doc *d = &p->doc;
	const batch_result *b = p->rep->result;
	const region *r = p->rep->region;
	render_font nf = { 20, 1, RENDER_WHITE, RENDER_LEFT, 0 };
	render_font sf = { 9, 0, render_tint(RENDER_NAVY, 0.75), RENDER_LEFT, 0 };
	double w = render_width(d);
	char heading[256], place[1024], settings[512], a[32], m[32], s[32], g[32], peers[24];
	tmpl_arg ha[] = { { "title", batch_pdf_word(p, "summary.title") }, { "quarter", p->quarter } };
	tmpl_arg ra[] = { { "name", r->name ? r->name : "-" }, { "id", r->id ? r->id : "-" },
			  { "file", p->rep->region_path } };
	tmpl_arg sa[] = { { "large", batch_pdf_num(b->cfg.classify.shares.large / 100.0, 2, a) },
			  { "medium", batch_pdf_num(b->cfg.classify.shares.medium / 100.0, 2, m) },
			  { "small", batch_pdf_num(b->cfg.classify.shares.small / 100.0, 2, s) },
			  { "min_peers", peers }, { "gap", batch_pdf_num(b->cfg.gap_pct, 2, g) } };

	snprintf(peers, sizeof peers, "%zu", b->cfg.classify.min_peers);
	batch_pdf_fmt(p, heading, sizeof heading, "summary.heading", BATCH_PDF_ARGS(ha));
	batch_pdf_fmt(p, place, sizeof place, "summary.region", BATCH_PDF_ARGS(ra));
	batch_pdf_fmt(p, settings, sizeof settings, "summary.settings", BATCH_PDF_ARGS(sa));
	double h = render_measure(d, heading, w, &nf, NULL) + 4 +
		   render_measure(d, place, w, &sf, NULL) + 2 +
		   render_measure(d, settings, w, &sf, NULL);
	double band = h + 2 * 20;

	render_fill(d, 0, 0, RENDER_A4_WIDTH, band, RENDER_NAVY);
	render_fill(d, 0, band, RENDER_A4_WIDTH, 3, RENDER_TEAL);
	double y = 20;
	y += render_text(d, d->left, y, w, heading, &nf) + 4;
	y += render_text(d, d->left, y, w, place, &sf) + 2;
	render_text(d, d->left, y, w, settings, &sf);
	d->y = band + 3 + 14;
}

static void key_figures(batch_pdf *p)
{
	const batch_result *b = p->rep->result;
	char v[6][32];
	render_card cards[] = {
		{ batch_pdf_word(p, "summary.card.stores"), batch_pdf_count(b->n_stores, v[0], 32), NULL },
		{ batch_pdf_word(p, "summary.card.ok"),
		  batch_pdf_count(b->n_status[STATUS_OK], v[1], 32), NULL },
		{ batch_pdf_word(p, "summary.card.up"), batch_pdf_count(b->total.up, v[2], 32),
		  batch_pdf_word(p, "summary.card.against-file") },
		{ batch_pdf_word(p, "summary.card.down"), batch_pdf_count(b->total.down, v[3], 32),
		  batch_pdf_word(p, "summary.card.against-file") },
		{ batch_pdf_word(p, "summary.card.candidates"),
		  batch_pdf_count(b->total.n_candidates, v[4], 32), NULL },
		{ batch_pdf_word(p, "summary.card.invalid"),
		  batch_pdf_count(b->n_status[STATUS_INVALID], v[5], 32), NULL },
	};

	render_cards(&p->doc, cards, sizeof cards / sizeof cards[0], RENDER_NAVY);
	/* the cards' up/down (against the file's codes) and the transitions' (since last
	 * quarter) are different counts: say so where both are seen */
	p->doc.y += 4;
	batch_pdf_line(p, batch_pdf_word(p, "summary.changes.note"), RENDER_MUTED);
}

/* ---- peer groups -------------------------------------------------------------------------- */

#define GROUP_COLS 13
#define CELL_LEN 48
#define GROUP_FONT 7.5      /* thirteen columns: smaller than render_table's text */
#define GROUP_PAD 3.0

static void group_cells(const batch_pdf *p, const batch_group *g, char c[GROUP_COLS][CELL_LEN])
{
	snprintf(c[0], CELL_LEN, "%s%s", g->key, g->cur.enough_peers ? "" : " *");
	batch_pdf_group_name(p, g->key, c[1], CELL_LEN);
	batch_pdf_count(g->members, c[2], CELL_LEN);
	batch_pdf_count(g->cur.n, c[3], CELL_LEN);
	snprintf(c[4], CELL_LEN, "–");
	snprintf(c[5], CELL_LEN, "–");
	if (!isnan(g->cur.threshold_large)) {
		batch_pdf_num(g->cur.threshold_large, 2, c[4]);
		batch_pdf_num(g->cur.threshold_medium, 2, c[5]);
	}
	batch_pdf_count(g->c.classes[CLASS_LARGE], c[6], CELL_LEN);
	batch_pdf_count(g->c.classes[CLASS_MEDIUM], c[7], CELL_LEN);
	batch_pdf_count(g->c.classes[CLASS_SMALL], c[8], CELL_LEN);
	batch_pdf_count(g->c.no_orders, c[9], CELL_LEN);
	batch_pdf_count(g->c.up, c[10], CELL_LEN);
	batch_pdf_count(g->c.down, c[11], CELL_LEN);
	batch_pdf_count(g->c.n_candidates, c[12], CELL_LEN);
}

static double one_line(render_doc *d, const char *text, const render_font *f)
{
	double used;

	render_measure(d, text, -1, f, &used);
	return used;
}

/* The widest word of a header: where it may wrap without breaking a word. */
static double widest_word(render_doc *d, const char *text, const render_font *f)
{
	char word[64];
	double widest = 0;

	while (*text) {
		size_t n = strcspn(text, " ");
		snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n : sizeof word - 1), text);
		widest = fmax(widest, one_line(d, word, f));
		text += n;
		text += strspn(text, " ");
	}
	return widest;
}

/* Each column as wide as its widest cell, and its header on one line if the description
 * still fits; else the headers wrap between words.  Room left over goes to the headers that had to
 * wrap, in proportion to what each lacks, then to the description. */
static void group_shares(render_doc *d, render_column *cols, char (*c)[GROUP_COLS][CELL_LEN],
			 size_t n_groups)
{
	render_font bf = { GROUP_FONT, 0, RENDER_INK, RENDER_LEFT, 0 };
	render_font hf = { GROUP_FONT, 1, RENDER_NAVY, RENDER_LEFT, 0 };
	double avail = render_width(d), used = 0, desc = 60, pad = 2 * GROUP_PAD + 0.5;
	double cellw[GROUP_COLS] = { 0 }, head[GROUP_COLS], word[GROUP_COLS], width[GROUP_COLS];

	for (size_t k = 0; k < n_groups; k++)
		for (int i = 0; i < GROUP_COLS; i++)
			cellw[i] = fmax(cellw[i], one_line(d, c[k][i], &bf) + pad);
	for (int i = 0; i < GROUP_COLS; i++) {
		head[i] = one_line(d, cols[i].title, &hf) + pad;
		word[i] = widest_word(d, cols[i].title, &hf) + pad;
	}
	desc = fmax(desc, cellw[1]);
	for (int pass = 0; pass < 2; pass++) {
		used = 0;
		for (int i = 0; i < GROUP_COLS; i++) {
			width[i] = i == 1 ? 0 : fmax(cellw[i], pass == 0 ? head[i] : word[i]);
			used += width[i];
		}
		if (used + desc <= avail)
			break;
	}
	double lack = 0, spare = avail - used - desc;
	for (int i = 0; i < GROUP_COLS; i++)
		if (i != 1 && width[i] < head[i])
			lack += head[i] - width[i];
	for (int i = 0; i < GROUP_COLS && lack > 0 && spare > 0; i++) {
		if (i == 1 || width[i] >= head[i])
			continue;
		double more = (head[i] - width[i]) * fmin(1, spare / lack);
		width[i] += more;
		used += more;
	}
	width[1] = fmax(avail - used, 60);
	double sum = 0;
	for (int i = 0; i < GROUP_COLS; i++)
		sum += width[i];
	for (int i = 0; i < GROUP_COLS; i++)
		cols[i].share = width[i] / sum;
}

static void groups_table(batch_pdf *p)
{
	const batch_result *b = p->rep->result;
	render_doc *d = &p->doc;
	size_t n = b->n_groups;
	render_column cols[GROUP_COLS] = {
		{ batch_pdf_word(p, "summary.col.group"), 0, RENDER_LEFT },
		{ batch_pdf_word(p, "summary.col.description"), 0, RENDER_LEFT },
		{ batch_pdf_word(p, "summary.col.members"), 0, RENDER_RIGHT },
		{ batch_pdf_word(p, "summary.col.with-orders"), 0, RENDER_RIGHT },
		{ batch_pdf_word(p, "summary.col.large-threshold"), 0, RENDER_RIGHT },
		{ batch_pdf_word(p, "summary.col.medium-threshold"), 0, RENDER_RIGHT },
		{ batch_pdf_word(p, "summary.col.large"), 0, RENDER_RIGHT },
		{ batch_pdf_word(p, "summary.col.medium"), 0, RENDER_RIGHT },
		{ batch_pdf_word(p, "summary.col.small"), 0, RENDER_RIGHT },
		{ batch_pdf_word(p, "summary.col.no-orders"), 0, RENDER_RIGHT },
		{ batch_pdf_word(p, "summary.col.up"), 0, RENDER_RIGHT },
		{ batch_pdf_word(p, "summary.col.down"), 0, RENDER_RIGHT },
		{ batch_pdf_word(p, "summary.col.candidates"), 0, RENDER_RIGHT },
	};
	char (*c)[GROUP_COLS][CELL_LEN] = calloc(n ? n : 1, sizeof *c);
	render_cell *cells = calloc(n ? n * GROUP_COLS : 1, sizeof *cells);
	unsigned char *muted = calloc(n ? n : 1, 1);
	int insufficient = 0;

	batch_pdf_heading(p, batch_pdf_word(p, "summary.groups.title"), NULL, 60);
	if (!c || !cells || !muted) {
		render_doc_fail(d, CAIRO_STATUS_NO_MEMORY);   /* never a table silently left out */
		goto done;
	}
	for (size_t k = 0; k < n; k++) {
		group_cells(p, &b->groups[k], c[k]);
		for (int i = 0; i < GROUP_COLS; i++)
			cells[k * GROUP_COLS + i].text = c[k][i];
		muted[k] = !b->groups[k].cur.enough_peers;
		insufficient |= muted[k];
	}
	group_shares(d, cols, c, n);
	render_table_style st = { GROUP_FONT, GROUP_PAD, 0, muted };
	render_table_styled(d, cols, GROUP_COLS, cells, n, &st);
	if (insufficient) {
		char note[256], peers[24];
		tmpl_arg a[] = { { "min_peers", peers } };
		snprintf(peers, sizeof peers, "%zu", b->cfg.classify.min_peers);
		d->y += 3;
		batch_pdf_line(p, batch_pdf_fmt(p, note, sizeof note, "summary.groups.insufficient",
						BATCH_PDF_ARGS(a)), RENDER_MUTED);
	}
done:
	free(c);
	free(cells);
	free(muted);
}

/* ---- transitions and funnel ---------------------------------------------------------------- */

static void transitions_block(batch_pdf *p)
{
	const transitions *t = &p->rep->result->total.moves;
	render_doc *d = &p->doc;
	static const char *const class_keys[3] = { "summary.col.large", "summary.col.medium",
						   "summary.col.small" };
	char title[256], v[4][4][32], up[32], down[32], churn[32], life[64], lv[32];
	char stopped[256], s[3][32];
	tmpl_arg ta[] = { { "from", p->prev_quarter }, { "to", p->quarter } };

	batch_pdf_fmt(p, title, sizeof title, "summary.transitions.title", BATCH_PDF_ARGS(ta));
	batch_pdf_heading(p, title, batch_pdf_word(p, "summary.transitions.note"), 100);
	if (transitions_total(t) == 0) {
		batch_pdf_line(p, batch_pdf_word(p, "summary.no-previous"), RENDER_MUTED);
		return;
	}
	render_column cols[5] = {
		{ batch_pdf_word(p, "summary.transitions.corner"), 0.24, RENDER_LEFT },
		{ batch_pdf_word(p, class_keys[0]), 0.19, RENDER_RIGHT },
		{ batch_pdf_word(p, class_keys[1]), 0.19, RENDER_RIGHT },
		{ batch_pdf_word(p, class_keys[2]), 0.19, RENDER_RIGHT },
		{ batch_pdf_word(p, "summary.transitions.total"), 0.19, RENDER_RIGHT },
	};
	render_cell cells[4 * 5] = { { NULL, NULL } };
	for (int i = 0; i < 4; i++) {            /* rows: large, medium, small, total */
		cells[i * 5].text = batch_pdf_word(p, i < 3 ? class_keys[i]
							 : "summary.transitions.total");
		for (int j = 0; j < 4; j++) {    /* columns: large, medium, small, total */
			scale_class from = (scale_class)(i + 1), to = (scale_class)(j + 1);
			size_t n = i == 3 && j == 3 ? transitions_total(t)
				   : i == 3	    ? transitions_to(t, to)
				   : j == 3	    ? transitions_from(t, from)
						    : transitions_count(t, from, to);
			cells[i * 5 + j + 1].text = batch_pdf_count(n, v[i][j], sizeof v[i][j]);
		}
	}
	render_table(d, cols, 5, cells, 4);
	render_gap(d, 8);

	double lifetime = transitions_lifetime(t, CLASS_LARGE);
	tmpl_arg la[] = { { "value", lv } };
	snprintf(lv, sizeof lv, "%.1f", lifetime);
	if (isnan(lifetime))
		snprintf(life, sizeof life, "–");
	else if (isinf(lifetime))
		snprintf(life, sizeof life, "∞");
	else
		batch_pdf_fmt(p, life, sizeof life, "summary.transitions.quarters", BATCH_PDF_ARGS(la));
	tmpl_arg sa[] = {
		{ "large", batch_pdf_count(transitions_stopped(t, CLASS_LARGE), s[0], sizeof s[0]) },
		{ "medium", batch_pdf_count(transitions_stopped(t, CLASS_MEDIUM), s[1], sizeof s[1]) },
		{ "small", batch_pdf_count(transitions_stopped(t, CLASS_SMALL), s[2], sizeof s[2]) },
	};
	/* stores that had a class and no figure now are not in the matrix: say how many */
	batch_pdf_fmt(p, stopped, sizeof stopped, "summary.transitions.stopped.value",
		      BATCH_PDF_ARGS(sa));
	render_pair pairs[] = {
		{ batch_pdf_word(p, "summary.transitions.up"),
		  batch_pdf_count(transitions_up(t), up, sizeof up), 0 },
		{ batch_pdf_word(p, "summary.transitions.down"),
		  batch_pdf_count(transitions_down(t), down, sizeof down), 0 },
		{ batch_pdf_word(p, "summary.transitions.churn"),
		  batch_pdf_pct(transitions_churn_pct(t, CLASS_LARGE), churn, sizeof churn), 0 },
		{ batch_pdf_word(p, "summary.transitions.lifetime"), life, 0 },
		{ batch_pdf_word(p, "summary.transitions.stopped"), stopped, 1 },
	};
	render_pairs(d, pairs, sizeof pairs / sizeof pairs[0]);
}

static void funnel_block(batch_pdf *p)
{
	const candidates_funnel *f = &p->rep->result->total.funnel;
	render_doc *d = &p->doc;
	const struct { const char *key; size_t n; } stage[] = {
		{ "summary.funnel.flagged", f->flagged }, { "summary.funnel.classified", f->classified },
		{ "summary.funnel.grew", f->grew }, { "summary.funnel.moved-up", f->moved_up },
	};
	render_font lf = render_body(), nf = { 9.5, 1, RENDER_INK, RENDER_LEFT, 0 };
	char count[32], others[32], rate[32], base[32], line[256];
	double label_w = 150, bar_w = render_width(d) - label_w - 70, h = 16;

	batch_pdf_heading(p, batch_pdf_word(p, "summary.funnel.title"),
			  batch_pdf_word(p, "summary.funnel.note"), 4 * (h + 3));
	if (f->flagged == 0 && f->others == 0) {
		batch_pdf_line(p, batch_pdf_word(p, "summary.no-previous"), RENDER_MUTED);
		return;
	}
	lf.single_line = 1;
	render_need(d, 4 * (h + 3));
	for (int i = 0; i < 4; i++) {
		double frac = f->flagged ? (double)stage[i].n / (double)f->flagged : 0;
		double w = fmax(2, bar_w * frac), x = d->left + label_w + (bar_w - w) / 2;
		render_fill(d, x, d->y, w, h, i == 3 ? RENDER_TEAL : render_tint(RENDER_NAVY, 0.3));
		render_text(d, d->left, d->y + 2, label_w - 6, batch_pdf_word(p, stage[i].key), &lf);
		render_text(d, d->left + label_w + bar_w + 8, d->y + 2, 62,
			    batch_pdf_count(stage[i].n, count, sizeof count), &nf);
		d->y += h + 3;
	}
	tmpl_arg a[] = { { "rate", batch_pdf_pct(candidates_funnel_rate(f), rate, sizeof rate) },
			 { "others", batch_pdf_count(f->others, others, sizeof others) },
			 { "base", batch_pdf_pct(candidates_funnel_base_rate(f), base, sizeof base) } };
	d->y += 4;
	lf.single_line = 0;
	batch_pdf_fmt(p, line, sizeof line, "summary.funnel.rates", BATCH_PDF_ARGS(a));
	render_need(d, render_measure(d, line, render_width(d), &lf, NULL));
	d->y += render_text(d, d->left, d->y, render_width(d), line, &lf);
}

void batch_pdf_overview(batch_pdf *p)
{
	title_band(p);
	key_figures(p);
	groups_table(p);
}

void batch_pdf_changes(batch_pdf *p)
{
	transitions_block(p);
	funnel_block(p);
	batch_pdf_followup(p);
}
