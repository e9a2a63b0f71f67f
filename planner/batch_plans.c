/*
 * batch_plans.c: upgrade plans for every candidate of a batch (batch_plans.h).
 *
 * The region table keeps only what classification needs, so the candidates' full
 * profiles are collected by a second streaming pass (on_store, store_pick.c for the ids
 * in a hash set).  The templates and each group's median area are prepared once; then
 * with -jN plans are rendered by N - 1 forked workers and the parent, taking them from
 * a queue in shared memory (plan_queue.h; plans differ in length, so no one idles while
 * another still has a queue): processes are the simple safe choice with cairo and
 * fontconfig, and the region is shared copy-on-write.  The parent renders the first
 * plan before it forks, so the workers inherit its fonts, font patterns and shaped
 * texts rather than each making them again; it forks only once pango's font threads
 * have ended (one_thread.h).  Each worker reports every plan as one fixed-size record
 * on a pipe (smaller than PIPE_BUF, so writes never interleave) and takes the next plan
 * from the front of the queue.  The parent draws the progress bar and collects
 * failures; it lays every plan out for the booklet plans.pdf and writes it
 * (booklet_beside_workers), then takes plans from the back of the queue and writes
 * their files from the pages it laid out, so nothing serial follows the workers and no
 * plan is laid out twice by the parent.
 */
#define _DEFAULT_SOURCE    /* fork, pipe, poll, waitpid under -std=c11 */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "batch_booklet.h"
#include "batch_plans.h"
#include "cleanup.h"
#include "datapath.h"
#include "field_rules.h"
#include "messages.h"
#include "one_thread.h"
#include "plan_queue.h"
#include "render_mem.h"
#include "render_plan.h"
#include "report.h"
#include "store_pick.h"
#include "swot.h"
#include "xml_reader.h"
#include "utf8.h"

/* Plans the parent lays out for the booklet while the workers render (only their pages
 * are kept, until the cover is written); with more, it writes the booklet after them. */
#define BOOKLET_BESIDE_MAX 256
/* How long the parent waits for pango's font threads to end before it forks: they end
 * within milliseconds of the last new font pattern. */
#define FONT_THREADS_WAIT_MS 2000

/* ---- the candidates' profiles -------------------------------------------------------- */

typedef struct profile_set {
	const region *r;
	const batch_result *b;
	const char **ids;        /* by candidate index */
	store_pick pick;         /* their profiles, collected by the second pass */
	store **profiles;        /* by candidate index: pick.profiles */
	size_t n;                /* candidates with a plan: the first n */
} profile_set;

static const char *candidate_id(const profile_set *ps, size_t i)
{
	return region_str(ps->r, ps->r->stores[ps->b->candidates[i].entry].id);
}

/* The set of the first n candidates' ids. */
static int profile_set_init(profile_set *ps, const region *r, const batch_result *b, size_t n)
{
	memset(ps, 0, sizeof *ps);
	ps->r = r;
	ps->b = b;
	ps->n = n;
	ps->ids = malloc((n ? n : 1) * sizeof *ps->ids);
	if (!ps->ids)
		return -1;
	for (size_t i = 0; i < n; i++)
		ps->ids[i] = candidate_id(ps, i);
	if (store_pick_init(&ps->pick, ps->ids, n) < 0)
		return -1;
	ps->profiles = ps->pick.profiles;
	return 0;
}

static void profile_set_free(profile_set *ps)
{
	store_pick_free(&ps->pick);
	free(ps->ids);
}

static int ignore_problem(void *ctx, const diag *d)
{
	(void)ctx;
	(void)d;
	return 0;    /* already reported by the first pass */
}

static int read_profiles(profile_set *ps, const char *path)
{
	read_options ro = { .on_problem = ignore_problem, .on_store = store_pick_on_store,
			    .ctx = &ps->pick };
	diag fatal;
	int status = xml_check(path, &ro, &fatal);

	if (fatal.text[0] && status != EXIT_DATAERR) {
		report_diag(&fatal);
		return status;
	}
	if (ps->pick.failed) {
		report_msg("batch", "plans.no-memory.profiles", NULL);
		return EXIT_SOFTWARE;
	}
	return EXIT_OK;
}

/* ---- rendering ----------------------------------------------------------------------- */

/* What every plan shares: the templates (loaded once, read-only) and each group's
 * median business area (O(region) each, so computed once per group, before forking). */
typedef struct plan_shared {
	tmpl_set *templates;
	double *area_median;     /* by group index; NaN when no store of it has an area */
} plan_shared;

static int plan_shared_init(plan_shared *sh, const batch_report *rep, size_t count, diag *err)
{
	const batch_result *b = rep->result;
	const region *r = rep->region;
	char dir[PATH_MAX];
	int *needed = calloc(b->n_groups ? b->n_groups : 1, sizeof *needed);

	sh->templates = NULL;
	sh->area_median = malloc((b->n_groups ? b->n_groups : 1) * sizeof *sh->area_median);
	if (!needed || !sh->area_median) {
		free(needed);
		diag_msg(err, EXIT_SOFTWARE, NULL, 0, NULL, NULL, "out.no-memory", NULL);
		return EXIT_SOFTWARE;
	}
	for (size_t i = 0; i < count; i++) {
		const batch_group *g = batch_group_of(b, &r->stores[b->candidates[i].entry].code);
		if (g)
			needed[g - b->groups] = 1;
	}
	for (size_t k = 0; k < b->n_groups; k++)
		sh->area_median[k] = needed[k] ?
			swot_peer_area_median(r, b->groups[k].key, b->quarter) : NAN;
	free(needed);
	return render_plan_load_with(datapath_file("templates", dir, sizeof dir), rep->lang,
				     batch_booklet_keys, batch_booklet_n_keys, &sh->templates, err);
}

static void plan_shared_free(plan_shared *sh)
{
	if (sh->templates)
		tmpl_free(sh->templates);
	free(sh->area_median);
}

typedef struct plan_record {
	uint32_t index;          /* candidate index */
	int32_t status;          /* EXIT_OK or the failure's status */
	int32_t pages;           /* the plan's page count when written */
	char message[1024];      /* why it failed, packed (diag.msg): worded by who shows it */
} plan_record;

/* rec's message: key with its (name, value) pairs ending in a NULL name, about store. */
static void say(plan_record *rec, const char *store_id, const char *key, ...)
	__attribute__((sentinel));
static void say(plan_record *rec, const char *store_id, const char *key, ...)
{
	diag d;
	va_list ap;

	va_start(ap, key);
	diag_vmsg(&d, rec->status, NULL, 0, store_id, NULL, key, ap);
	va_end(ap);
	snprintf(rec->message, sizeof rec->message, "%s", d.msg);
}

/* Candidate i's plan input (its evaluation in *ev).  EXIT_OK, or the failure's status
 * with rec->message saying why. */
static int plan_input_for(const batch_report *rep, const profile_set *ps, const plan_shared *sh,
			  size_t i, evaluation *ev, plan_input *in, plan_record *rec)
{
	const batch_result *b = rep->result;
	const char *id = candidate_id(ps, i);
	const store *s = ps->profiles[i];

	if (!s) {
		say(rec, id, "plans.profile-lost", "file", rep->region_path, NULL);
		return EXIT_SOFTWARE;
	}
	const batch_group *g = batch_group_of(b, &s->code);
	const order_figure *own = store_orders_in(s, b->quarter);
	if (!g || !own) {
		say(rec, id, "plans.profile-changed", NULL);
		return EXIT_SOFTWARE;
	}
	evaluation_compute(ev, &s->code, b->quarter, own->orders, &g->cur, b->cfg.by);
	*in = (plan_input){
		.store = s,
		.ev = ev,
		.ps = &g->cur,
		.region = rep->region,
		.peer_area_median = sh->area_median[g - b->groups],
		.format = RENDER_FORMAT_PDF,
	};
	return EXIT_OK;
}

/* DIR.tmp/plans/ID.pdf into path: 0, or -1 with rec saying it is too long. */
static int plan_path(const batch_dir *dir, const char *id, char *path, size_t size,
		     plan_record *rec)
{
	if (snprintf(path, size, "%s/plans/%s.pdf", dir->tmp, id) < (int)size)
		return 0;
	rec->status = EXIT_CANTCREAT;
	say(rec, id, "plans.path-too-long", NULL);
	return -1;
}

/* A fresh record for plan i (the whole record goes down the pipe). */
static void record_begin(plan_record *rec, size_t i)
{
	memset(rec, 0, sizeof *rec);
	rec->index = (uint32_t)i;
	rec->status = EXIT_OK;
}

/* What writing the plan's file gave: its status, the line saying why it failed. */
static void record_written(plan_record *rec, int status, const diag *err, int pages)
{
	if (status != EXIT_OK) {
		rec->status = status;
		snprintf(rec->message, sizeof rec->message, "%s", err->msg);
	}
	rec->pages = pages;
}

static void render_one(const batch_report *rep, const batch_dir *dir, const profile_set *ps,
		       const plan_shared *sh, size_t i, plan_record *rec)
{
	const char *id = candidate_id(ps, i);
	char path[PATH_MAX + 96];
	evaluation ev;
	plan_input in;
	diag err;
	int pages = 0;

	record_begin(rec, i);
	if (!field_store_id_ok(id)) {   /* the reader's rule: the id becomes a file name */
		rec->status = EXIT_DATAERR;
		char shown[72];
		snprintf(shown, sizeof shown, "%.64s", id);
		say(rec, shown, "plans.bad-id", NULL);
		return;
	}
	rec->status = plan_input_for(rep, ps, sh, i, &ev, &in, rec);
	if (rec->status != EXIT_OK || plan_path(dir, id, path, sizeof path, rec) != 0)
		return;
	int status = render_plan_write_counted(sh->templates, &in, path, &pages, &err);
	record_written(rec, status, &err, pages);
}

/* Plan i's file written from the pages laid out for the booklet (render_one's checks
 * passed before they were laid out): the same bytes, without laying it out again. */
static void write_laid_out(const batch_dir *dir, const profile_set *ps, size_t i,
			   render_doc *doc, plan_record *rec)
{
	const char *id = candidate_id(ps, i);
	char path[PATH_MAX + 96];
	diag err;

	record_begin(rec, i);
	if (plan_path(dir, id, path, sizeof path, rec) != 0)
		return;
	record_written(rec, render_plan_write_doc(doc, path, &err), &err, doc->n_pages);
}

static int write_record(int fd, const plan_record *rec)
{
	const char *p = (const char *)rec;
	size_t left = sizeof *rec;

	while (left > 0) {
		ssize_t n = write(fd, p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		left -= (size_t)n;
	}
	return 0;
}

static void worker(const batch_report *rep, const batch_dir *dir, const profile_set *ps,
		   const plan_shared *sh, plan_queue *queue, int fd)
{
	plan_record rec;
	size_t i;

	while (plan_queue_take_front(queue, &i)) {
		render_one(rep, dir, ps, sh, i, &rec);
		if (write_record(fd, &rec) < 0)
			_exit(EXIT_IOERR);
	}
	_exit(EXIT_OK);
}

static int add_failure(batch_report *rep, size_t *cap, const plan_record *rec)
{
	if (rep->n_plan_failures == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		batch_plan_failure *p = realloc(rep->plan_failures, ncap * sizeof *p);
		if (!p)
			return -1;
		rep->plan_failures = p;
		*cap = ncap;
	}
	batch_plan_failure *f = &rep->plan_failures[rep->n_plan_failures++];
	const region *r = rep->region;
	snprintf(f->store_id, sizeof f->store_id, "%s",
		 region_str(r, r->stores[rep->result->candidates[rec->index].entry].id));
	snprintf(f->message, sizeof f->message, "%s", rec->message);
	return 0;
}

/* Takes one finished record: counts it, remembers a failure, moves the bar; done[i]
 * becomes the plan's page count, or -1 when it failed. */
static void take(batch_report *rep, size_t *cap, int *done, const plan_record *rec,
		 batch_progress *bar, size_t *count)
{
	if (rec->index >= bar->total || done[rec->index])
		return;
	done[rec->index] = rec->status == EXIT_OK && rec->pages > 0 ? rec->pages : -1;
	if (rec->status == EXIT_OK)
		rep->plans_written++;
	else {
		if (bar->drawn)
			batch_progress_end(bar);
		char text[1024];
		diag_render(rec->message, text, sizeof text);
		report_line_msg("", "text", text, NULL);   /* worded already */
		add_failure(rep, cap, rec);
	}
	batch_progress_update(bar, ++*count);
}

/* The workers' records as they come: take() for each, on the parent's side of the pipe. */
typedef struct collector {
	batch_report *rep;
	batch_progress *bar;
	int *done;
	size_t cap, count;       /* of rep->plan_failures; records taken */
	int fd;
	int finished;            /* every worker has closed its end */
} collector;

/* Takes the records already in the pipe (block = 0), or every record until all the
 * workers have finished (block = 1).  A record is written whole (smaller than
 * PIPE_BUF), so a readable pipe holds at least one. */
static void collect(collector *c, int block)
{
	plan_record rec;

	while (!c->finished) {
		if (!block) {
			struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
			int ready = poll(&pfd, 1, 0);
			if (ready < 0 && errno == EINTR)
				continue;
			if (ready <= 0)
				return;
		}
		size_t got = 0;
		while (got < sizeof rec) {
			ssize_t k = read(c->fd, (char *)&rec + got, sizeof rec - got);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0)
				break;
			got += (size_t)k;
		}
		if (got < sizeof rec) {
			c->finished = 1;
			return;
		}
		take(c->rep, &c->cap, c->done, &rec, c->bar, &c->count);
	}
}

static void collect_now(void *ctx)
{
	collect(ctx, 0);
}

/* What the parent laid out for the booklet beside the workers. */
typedef struct beside {
	int *laid;               /* each plan's page count in the booklet, -1: not in it */
	int *doc_of;             /* each plan's index in docs, -1: none */
	render_doc *docs;        /* the laid-out plans, kept to write the parent's files */
	size_t n_docs, n, freed; /* plans below freed have no doc any more */
} beside;

/* Plan i's laid-out pages, or NULL (not laid out, freed, or nothing laid out at all). */
static render_doc *beside_doc(const beside *b, size_t i)
{
	return i < b->n && b->doc_of[i] >= 0 ? &b->docs[b->doc_of[i]] : NULL;
}

static void beside_free_doc(beside *b, size_t i)
{
	if (b->doc_of[i] >= 0)
		render_doc_free(&b->docs[b->doc_of[i]]);
	b->doc_of[i] = -1;
}

/* Frees the docs of the plans the workers have taken (below the queue's front): only
 * the parent's plans still need theirs. */
static void beside_free_taken(beside *b, plan_queue *queue)
{
	size_t front = plan_queue_front(queue);

	for (; b->freed < front && b->freed < b->n; b->freed++)
		beside_free_doc(b, b->freed);
}

static void beside_free(beside *b)
{
	for (size_t i = 0; i < b->n; i++)
		beside_free_doc(b, i);
	free(b->laid);
	free(b->doc_of);
	free(b->docs);
	memset(b, 0, sizeof *b);
}

/* The booklet written by the parent while its workers render the plan files, instead
 * of after them: it lays every plan out itself (so the cover's page numbers come from
 * its own layouts; the laid-out pages wait in memory until the cover is written) and
 * reads the workers' records between plans.  b->laid has each plan's page count in the
 * booklet (-1: not in it), to be compared with the plan files once all are written
 * (booklet_matches), and b->docs the laid-out plans, for the plan files the parent
 * writes itself (write_laid_out).  0, or -1 when plans.pdf was not written (the
 * booklet is then written after the plans, as without this). */
static int booklet_beside_workers(batch_report *rep, const batch_dir *dir,
				  const profile_set *ps, const plan_shared *sh, size_t n,
				  collector *c, beside *b)
{
	batch_booklet_plan *plans = calloc(n, sizeof *plans);
	plan_record rec;
	diag err;

	memset(b, 0, sizeof *b);
	b->docs = calloc(n, sizeof *b->docs);
	b->laid = malloc(n * sizeof *b->laid);
	b->doc_of = malloc(n * sizeof *b->doc_of);
	if (!plans || !b->docs || !b->laid || !b->doc_of) {
		free(plans);
		beside_free(b);    /* b->n is still 0: only the arrays */
		return -1;
	}
	b->n = n;
	for (size_t i = 0; i < n; i++)
		b->laid[i] = b->doc_of[i] = -1;
	for (size_t i = 0; i < n; i++) {
		const char *id = candidate_id(ps, i);
		batch_booklet_plan *pl = &plans[b->n_docs];
		render_doc *doc = &b->docs[b->n_docs];
		char path[PATH_MAX + 96];

		collect(c, 0);
		/* the worker's own checks (render_one): a plan that fails there fails here */
		if (!field_store_id_ok(id) ||
		    plan_input_for(rep, ps, sh, i, &pl->ev, &pl->in, &rec) != EXIT_OK)
			continue;
		pl->in.ev = &pl->ev;
		snprintf(path, sizeof path, "%s/plans.pdf", dir->tmp);
		if (render_plan_lay_out_doc(sh->templates, &pl->in, path, doc, &err) != EXIT_OK)
			continue;
		pl->rank = i + 1;
		pl->pages = b->laid[i] = doc->n_pages;
		b->doc_of[i] = (int)b->n_docs++;
	}
	batch_booklet_progress progress = { .tick = collect_now, .ctx = c };
	int status = batch_write_booklet_docs(rep, dir, sh->templates, plans, b->n_docs, b->docs,
					      &progress, &err);
	free(plans);
	if (status != EXIT_OK) {
		beside_free(b);
		return -1;
	}
	return 0;
}

/* Whether the booklet written beside the workers holds exactly the plans written, each
 * with the page count its file has (done[], once every plan is rendered): else it is
 * written again (a plan file that failed to be written). */
static int booklet_matches(const int *laid, const int *done, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (laid[i] != (done[i] > 0 ? done[i] : -1))
			return 0;
	return 1;
}

/* Renders plans from .. to - 1 in this process, as they come: -j1, and the first plan of
 * -jN. */
static int render_here(batch_report *rep, const batch_dir *dir, const profile_set *ps,
		       const plan_shared *sh, size_t from, size_t to, collector *c)
{
	plan_record rec;

	for (size_t i = from; i < to; i++) {
		render_one(rep, dir, ps, sh, i, &rec);
		take(rep, &c->cap, c->done, &rec, c->bar, &c->count);
	}
	return EXIT_OK;
}

/* Renders the n plan files (rep->jobs processes: the parent and rep->jobs - 1 forked
 * workers); *booklet_done says whether plans.pdf was written too, beside the workers
 * (booklet_beside_workers). */
static int run_workers(batch_report *rep, const batch_dir *dir, const profile_set *ps,
		       const plan_shared *sh, size_t n, int *done, batch_progress *bar,
		       int *booklet_done)
{
	collector c = { .rep = rep, .bar = bar, .done = done };
	int jobs = rep->jobs < 1 ? 1 : rep->jobs;
	plan_record rec;

	*booklet_done = 0;
	if ((size_t)jobs > n)
		jobs = (int)n;
	if (jobs <= 1)
		return render_here(rep, dir, ps, sh, 0, n, &c);
	/* The first plan is the parent's, before the fork: it loads the fonts, sorts their
	 * patterns and shapes the common texts, and the workers inherit all of it instead
	 * of each doing it again beside the others.  pango's threads must have ended first
	 * (one_thread.h); if they have not, the other plans are rendered here too. */
	render_here(rep, dir, ps, sh, 0, 1, &c);
	if (one_thread_wait(FONT_THREADS_WAIT_MS) != 1)
		return render_here(rep, dir, ps, sh, 1, n, &c);

	int fds[2];
	pid_t pids[256];
	int started = 0;
	plan_queue *queue = plan_queue_new(1, n);
	if (!queue || pipe(fds) < 0) {
		report_msg("batch", "plans.workers", "error", strerror(errno), NULL);
		plan_queue_free(queue);
		return EXIT_SOFTWARE;
	}
	fflush(NULL);    /* nothing buffered may be written twice by a child */
	int workers = jobs - 1;
	for (int w = 0; w < workers; w++) {
		pid_t pid = cleanup_fork_worker();   /* a signal to the batch stops it first */
		if (pid == 0) {
			close(fds[0]);
			worker(rep, dir, ps, sh, queue, fds[1]);
		}
		if (pid < 0) {
			report_msg("batch", "plans.worker", "error", strerror(errno), NULL);
			break;
		}
		pids[started++] = pid;
	}
	close(fds[1]);
	c.fd = fds[0];
	beside b = { 0 };
	int laid_out = started == workers && n <= BOOKLET_BESIDE_MAX &&
		       booklet_beside_workers(rep, dir, ps, sh, n, &c, &b) == 0;
	/* Then the parent renders too, from the back: the plans it laid out for the
	 * booklet are written from those pages, not laid out again. */
	size_t mine;
	while (plan_queue_take_back(queue, &mine)) {
		beside_free_taken(&b, queue);
		render_doc *doc = beside_doc(&b, mine);
		if (doc) {
			write_laid_out(dir, ps, mine, doc, &rec);
			beside_free_doc(&b, mine);
		} else {
			render_one(rep, dir, ps, sh, mine, &rec);
		}
		take(rep, &c.cap, done, &rec, bar, &c.count);
		collect(&c, 0);
	}
	collect(&c, 1);
	close(fds[0]);
	plan_queue_free(queue);
	if (laid_out && booklet_matches(b.laid, done, n))
		*booklet_done = rep->booklet_written = 1;
	beside_free(&b);    /* nothing when nothing was laid out */

	int crashed = 0;
	for (int w = 0; w < started; w++) {
		int st;
		while (waitpid(pids[w], &st, 0) < 0 && errno == EINTR)
			;
		crashed |= !WIFEXITED(st) || WEXITSTATUS(st) != 0;
	}
	cleanup_forget_workers();
	/* plans whose worker died (or was never started) */
	for (size_t i = 0; i < n; i++) {
		if (done[i])
			continue;
		rec.index = (uint32_t)i;
		rec.status = EXIT_SOFTWARE;
		say(&rec, candidate_id(ps, i),
		    crashed ? "plans.worker-failed" : "plans.worker-unfinished", NULL);
		take(rep, &c.cap, done, &rec, bar, &c.count);
	}
	return EXIT_OK;
}

size_t batch_plans_count(const batch_report *rep)
{
	/* total.n_candidates: the list itself is cut to summary.pdf's rows after the plans */
	size_t n = rep->result->total.n_candidates;

	return rep->top > 0 && (size_t)rep->top < n ? (size_t)rep->top : n;
}

/* DIR/plans.pdf: the plans written (done[i] > 0: their page counts), in rank order,
 * laid out again in this process into one document.  EXIT_OK or the failure's status,
 * printed and kept in rep->booklet_error. */
static int write_booklet(batch_report *rep, const batch_dir *dir, const profile_set *ps,
			 const plan_shared *sh, size_t n, const int *done)
{
	batch_booklet_plan *plans = calloc(n ? n : 1, sizeof *plans);
	size_t k = 0;
	plan_record rec;
	diag err;
	int status = EXIT_OK;

	if (!plans) {
		diag_msg(&err, EXIT_SOFTWARE, NULL, 0, NULL, NULL, "out.no-memory", NULL);
		status = EXIT_SOFTWARE;
	}
	for (size_t i = 0; i < n && status == EXIT_OK; i++) {
		if (done[i] <= 0)
			continue;   /* failed: listed with the plans that failed */
		batch_booklet_plan *pl = &plans[k];
		if (plan_input_for(rep, ps, sh, i, &pl->ev, &pl->in, &rec) != EXIT_OK)
			continue;   /* cannot happen: its own file was written from the same */
		pl->in.ev = &pl->ev;
		pl->rank = i + 1;
		pl->pages = done[i];
		k++;
	}
	if (status == EXIT_OK) {
		batch_progress bar;
		batch_progress_begin(&bar, "progress.booklet", k);
		status = batch_write_booklet(rep, dir, sh->templates, plans, k, &bar, &err);
		batch_progress_end(&bar);
	}
	free(plans);
	rep->booklet_written = status == EXIT_OK;
	if (status != EXIT_OK) {
		report_diag(&err);
		utf8_truncate(rep->booklet_error, sizeof rep->booklet_error, err.text);
	}
	return status;
}

int batch_render_plans(batch_report *rep, const batch_dir *dir)
{
	const batch_result *b = rep->result;
	size_t n = batch_plans_count(rep);
	profile_set ps;
	plan_shared sh = { 0 };
	batch_progress bar;
	diag err;
	int status;

	assert(n <= b->n_candidates);
	if (batch_dir_mkdir((batch_dir *)dir, "plans") < 0) {
		report_msg("batch", "plans.mkdir", "dir", dir->tmp, "error", strerror(errno), NULL);
		return EXIT_CANTCREAT;
	}
	if (n == 0)
		return EXIT_OK;
	if (profile_set_init(&ps, rep->region, b, n) < 0) {
		profile_set_free(&ps);
		report_msg("batch", "out.no-memory", NULL);
		return EXIT_SOFTWARE;
	}
	batch_progress_begin(&bar, "", n);
	batch_progress_note(&bar, "progress.profiles");
	status = read_profiles(&ps, rep->region_path);
	batch_progress_end(&bar);
	if (status == EXIT_OK) {
		status = plan_shared_init(&sh, rep, n, &err);
		if (status != EXIT_OK)
			report_diag(&err);
	}
	int *done = status == EXIT_OK ? calloc(n, sizeof *done) : NULL;
	if (status == EXIT_OK && !done) {
		report_msg("batch", "out.no-memory", NULL);
		status = EXIT_SOFTWARE;
	}
	char mem[256];
	if (status == EXIT_OK && render_mem_check(mem, sizeof mem) != 0) {
		/* each worker would abort in the fonts */
		report_msg("batch", "plans.fonts-memory", "why", mem, NULL);
		status = EXIT_SOFTWARE;
	}
	int booklet_done = 0;
	if (status == EXIT_OK) {
		batch_progress_begin(&bar, "progress.plans", n);
		status = run_workers(rep, dir, &ps, &sh, n, done, &bar, &booklet_done);
		batch_progress_end(&bar);
	}
	int booklet = status == EXIT_OK && !booklet_done ?
		      write_booklet(rep, dir, &ps, &sh, n, done) : EXIT_OK;
	free(done);
	plan_shared_free(&sh);
	profile_set_free(&ps);
	if (status == EXIT_OK && (rep->n_plan_failures > 0 || booklet != EXIT_OK))
		status = EXIT_IOERR;
	return status;
}
