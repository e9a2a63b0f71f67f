/*
 * xml_split.c: a large region read by several threads.  The file is cut before
 * <store elements into parts, one per thread, and a thread done with its part takes
 * over the second half of what another has left (take_over); each part is parsed by
 * its own pull parser as a document of its own (the file's prolog and root start tag,
 * the part, </region>) into its own region, and the parts are merged in file order:
 * entries and their strings (each part's as one block), growth facts, counts, problems
 * (held, then passed on in order, ids repeated across parts found), warnings, line
 * numbers (the newlines before each cut added).  When any part fails (not well-formed,
 * a fatal problem, a cut inside a comment or CDATA ...), the caller reads the file
 * again in one thread, which says what is wrong.
 */
#define _DEFAULT_SOURCE    /* madvise */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "xml_split.h"

static const char split_end_tag[] = "</region>";

/* ---- one part -------------------------------------------------------------------------- */

/* The part's stream: the file's prolog and root start tag (not for the first part, whose
 * bytes begin with them), the file's bytes [begin, end), then </region> unless the part
 * is the last.  end and last may shrink while the part is read (take_over), so they
 * are looked at, under the lock, each time the read-ahead is used up; read_to says
 * how far this part has read, and a part taken over starts at or after it. */
long reader_part_read(reader_ctx *c, char *buf, size_t len)
{
	reader_part *p = c->part;
	split_run *r = p->run;
	long long header = p->index > 0 ? (long long)r->header_len : 0;
	long long at = p->served;
	size_t n;

	if (at < header) {
		n = (size_t)(header - at) < len ? (size_t)(header - at) : len;
		memcpy(buf, r->head + at, n);
		p->served += (long long)n;
		return (long)n;
	}
	long long from = p->begin + (at - header);
	if (!p->tail && (from < p->ahead_at || from >= p->ahead_at + (long long)p->ahead_len)) {
		size_t want = 0;
		pthread_mutex_lock(&r->lock);
		if (from < p->end) {
			want = (size_t)(p->end - from) < r->read_ahead ? (size_t)(p->end - from)
								       : r->read_ahead;
			p->read_to = from + (long long)want;
		} else {
			p->tail = 1;
			p->tail_at = at;
			p->tail_last = p->last;
		}
		pthread_mutex_unlock(&r->lock);
		if (want) {
			ssize_t got;
			if (!p->ahead && !(p->ahead = malloc(r->read_ahead)))
				return -1;
			do
				got = pread(r->fd, p->ahead, want, from);
			while (got < 0 && errno == EINTR);
			if (got <= 0) {
				if (got == 0)
					errno = EIO;   /* the file got shorter */
				return -1;
			}
			p->ahead_at = from;
			p->ahead_len = (size_t)got;
		}
	}
	if (!p->tail) {
		size_t left = (size_t)(p->ahead_at + (long long)p->ahead_len - from);
		n = left < len ? left : len;
		memcpy(buf, p->ahead + (from - p->ahead_at), n);
	} else {
		long long end_tag = p->tail_last ? 0 : (long long)sizeof split_end_tag - 1;
		long long k = at - p->tail_at;
		if (k >= end_tag)
			return 0;
		n = (size_t)(end_tag - k) < len ? (size_t)(end_tag - k) : len;
		memcpy(buf, split_end_tag + k, n);
	}
	p->served += (long long)n;
	return (long)n;
}

/* Newlines in the file's bytes [begin, end), through a small mapped window (read(2)
 * would count twice in /proc/self/io, which batch's progress bar follows).  The byte at
 * `end` exists (a cut).  A CR not followed by LF sets *unsure: libxml2 does not count
 * those the same way everywhere; so does a window that cannot be mapped. */
static long long count_newlines(int fd, long long begin, long long end, int *unsure)
{
	long long page = sysconf(_SC_PAGESIZE), total = 0;

	while (begin < end) {
		long long base = begin / page * page;
		long long stop = end - begin < SPLIT_COUNT_WINDOW ? end : begin + SPLIT_COUNT_WINDOW;
		size_t map_len = (size_t)(stop + 1 - base);   /* and the byte after: a CR's LF */
		unsigned char *m = mmap(NULL, map_len, PROT_READ, MAP_PRIVATE, fd, (off_t)base);
		if (m == MAP_FAILED) {
			*unsure = 1;
			return 0;
		}
		const unsigned char *from = m + (begin - base), *e = m + (stop - base), *p = from;
		/* 64 bytes at a time into a byte counter: the compiler makes it vector code */
		while (e - p >= 64) {
			unsigned char k = 0;
			for (int i = 0; i < 64; i++)
				k += p[i] == '\n';
			total += k;
			p += 64;
		}
		while (p < e)
			total += *p++ == '\n';
		for (p = from; p < e && (p = memchr(p, '\r', (size_t)(e - p))) != NULL; p++)
			if (p[1] != '\n')
				*unsure = 1;
		munmap(m, map_len);
		begin = stop;
	}
	return total;
}

/* A later planned part's line offset: the newlines before its first byte, less the
 * header's.  Part k counts the bytes planned for part k - 1, then waits for the counts
 * of the parts before. */
static int part_line_offset(reader_part *p)
{
	split_run *r = p->run;
	int unsure = 0;
	long long mine = count_newlines(r->fd, r->parts[p->index - 1].begin, p->begin, &unsure);
	long long sum = 0;

	pthread_mutex_lock(&r->lock);
	r->newlines[p->index - 1] = mine;
	r->lines_unsure |= unsure;
	pthread_cond_broadcast(&r->counted);
	for (int k = 0; k < p->index; k++) {
		while (r->newlines[k] < 0)
			pthread_cond_wait(&r->counted, &r->lock);
		sum += r->newlines[k];
	}
	p->lines_before = sum;
	pthread_cond_broadcast(&r->counted);   /* for take_over */
	pthread_mutex_unlock(&r->lock);
	return (int)(sum - r->header_newlines);
}

static void split_silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void part_begin(reader_part *p, region *out)
{
	split_run *r = p->run;
	reader_ctx *c = &p->c;

	c->path = r->path;
	c->opt = r->opt;
	c->mode = READ_REGION;
	c->base = r->opt->quarter;
	c->stack[0] = NODE_DOC;
	c->depth = 1;
	c->in.fd = r->fd;
	c->in.size = r->size;
	c->part = p;
	c->quiet = p->index > 0;
	c->keep_entries = 1;
	if (p->index == 0) {
		c->reg = out;
	} else {
		p->reg.path = r->path;
		c->reg = &p->reg;
	}
}

static void part_main(reader_part *p)
{
	reader_ctx *c = &p->c;
	split_run *r = p->run;

	/* libxml2's handlers are per thread */
	xmlSetGenericErrorFunc(NULL, split_silent);
	xmlSetStructuredErrorFunc(c, reader_on_xml_error);
	if (p->index > 0 && !p->taken)
		c->line_offset = part_line_offset(p);
	reader_run_sax_part(c);
	if (c->pc) {
		xmlFreeParserCtxt(c->pc);
		c->pc = NULL;
	}
	c->in.fd = -1;   /* the run's */
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	pthread_mutex_lock(&r->lock);
	p->finished = 1;
	pthread_mutex_unlock(&r->lock);
}

/* The running part with the most bytes left to read (at least take_min), or NULL;
 * *counting: a part that may be one is still counting its lines.  Under the lock. */
static reader_part *part_to_share(split_run *r, int *counting)
{
	reader_part *most = NULL;

	*counting = 0;
	for (int k = 0; k < r->n_parts; k++) {
		reader_part *p = &r->parts[k];
		if (p->finished || p->end - p->read_to < r->take_min)
			continue;
		if (p->lines_before < 0) {
			/* its thread is counting (a planned part whose thread did not
			 * start never will) */
			*counting |= p->taken || k < r->n_started;
			continue;
		}
		if (!most || p->end - p->read_to > most->end - most->read_to)
			most = p;
	}
	return most;
}

/* A thread done with its part takes the second half of what is left of the part with the
 * most left to read, when that is worth a part of its own: that part now ends at a
 * <store cut past what it has read, and the rest is a new part (its line offset: the
 * newlines counted from the start of the part it came from).  Returns the new part,
 * begun, or NULL. */
static reader_part *take_over(split_run *r, char *buf)
{
	reader_part *q = NULL, *from;
	long long cut = -1;

	/* a try fails when the part read past the cut while it was looked for */
	for (int attempt = 0; attempt < 3 && !q; attempt++) {
		int counting = 1;
		pthread_mutex_lock(&r->lock);
		from = NULL;
		while (!from && counting && r->n_parts < r->cap_parts)
			if (!(from = part_to_share(r, &counting)) && counting)
				pthread_cond_wait(&r->counted, &r->lock);
		long long target = from ? from->read_to + (from->end - from->read_to) / 2 : 0;
		pthread_mutex_unlock(&r->lock);
		if (!from || (cut = split_find_cut(r, target, buf)) < 0)
			return NULL;
		pthread_mutex_lock(&r->lock);
		if (!from->finished && cut >= from->read_to && cut < from->end &&
		    r->n_parts < r->cap_parts) {
			q = &r->parts[r->n_parts];
			q->run = r;
			q->index = r->n_parts;
			q->taken = 1;
			q->begin = cut;
			q->end = from->end;
			q->last = from->last;
			q->read_to = cut;
			q->lines_before = -1;   /* not to be shared before it is known */
			from->end = cut;
			from->last = 0;
			r->n_parts++;
		}
		pthread_mutex_unlock(&r->lock);
	}
	if (!q)
		return NULL;

	/* from's begin and lines_before do not change once it is running */
	int unsure = 0;
	long long lines = from->lines_before + count_newlines(r->fd, from->begin, cut, &unsure);
	pthread_mutex_lock(&r->lock);
	q->lines_before = lines;
	r->lines_unsure |= unsure;
	pthread_cond_broadcast(&r->counted);
	pthread_mutex_unlock(&r->lock);
	part_begin(q, r->out);
	q->c.line_offset = (int)(lines - r->header_newlines);
	return q;
}

/* A reading thread: its planned part, then parts taken over while there are any. */
static void *part_thread(void *arg)
{
	reader_part *p = arg;
	char *buf = malloc(SPLIT_CUT_WINDOW);

	do
		part_main(p);
	while (buf && (p = take_over(p->run, buf)) != NULL);
	free(buf);
	return NULL;
}

int reader_split_hold(reader_ctx *c, const diag *d)
{
	reader_part *p = c->part;
	size_t len = strlen(d->msg) + 1;   /* held packed; worded again when passed on */

	if (c->quiet)
		return 1;   /* the first part says it */
	if (!c->opt->on_problem)
		return 0;
	if (p->texts_len + len > SPLIT_HELD_MAX) {
		p->gave_up = 1;
		c->stopped = 1;
		return 1;
	}
	if (p->n_held == p->cap_held) {
		size_t cap = p->cap_held ? p->cap_held * 2 : 64;
		held_problem *h = realloc(p->held, cap * sizeof *h);
		if (!h)
			goto no_memory;
		p->held = h;
		p->cap_held = cap;
	}
	if (p->texts_len + len > p->texts_cap) {
		size_t cap = p->texts_cap ? p->texts_cap * 2 : 16384;
		while (cap < p->texts_len + len)
			cap *= 2;
		char *t = realloc(p->texts, cap);
		if (!t)
			goto no_memory;
		p->texts = t;
		p->texts_cap = cap;
	}
	memcpy(p->texts + p->texts_len, d->msg, len);
	p->held[p->n_held++] = (held_problem){ .entry = c->reg->n_stores, .status = d->status,
					       .line = d->line, .text = p->texts_len };
	p->texts_len += len;
	return 1;
no_memory:
	p->gave_up = 1;
	c->stopped = 1;
	return 1;
}

void reader_split_note_dup(reader_ctx *c)
{
	reader_part *p = c->part;

	if (p->n_dups == p->cap_dups) {
		size_t cap = p->cap_dups ? p->cap_dups * 2 : 16;
		size_t *d = realloc(p->dups, cap * sizeof *d);
		if (!d) {
			p->gave_up = 1;
			c->stopped = 1;
			return;
		}
		p->dups = d;
		p->cap_dups = cap;
	}
	p->dups[p->n_dups++] = c->reg->n_stores;
}

void reader_split_lock(reader_ctx *c)
{
	pthread_mutex_lock(&c->part->run->lock);
}

void reader_split_unlock(reader_ctx *c)
{
	pthread_mutex_unlock(&c->part->run->lock);
}

/* ---- the merge ----------------------------------------------------------------------- */

/* Whether every part was read to its end without a fatal problem or parse error. */
static int parts_good(const split_run *r)
{
	if (r->lines_unsure)
		return 0;
	for (int k = 0; k < r->n_parts; k++) {
		const reader_ctx *c = &r->parts[k].c;
		if (r->parts[k].gave_up || c->stopped || c->parse_error[0] || c->ill_formed ||
		    c->in.read_errno || c->in.refused || !c->in.eof || !c->pos.root_seen ||
		    c->pos.depth != 0)
			return 0;
	}
	return 1;
}

#define CROSS_PART_AHEAD 16   /* entries between a prefetch and its lookup */

/* Entries of the k-th part in file order whose id is the first of its part but was used
 * in an earlier part: appended to *out (a sorted list). */
static int cross_part_duplicates(reader_part *const *in_order, int k, size_t **out,
				 size_t *n_out)
{
	const reader_part *p = in_order[k];
	size_t cap = 0, next_dup = 0;

	*out = NULL;
	*n_out = 0;
	for (size_t e = 0; e < p->reg.n_stores; e++) {
		/* the earlier parts' id tables are large and looked up at random: their slots
		 * for the id CROSS_PART_AHEAD entries on are asked for now */
		size_t ahead = e + CROSS_PART_AHEAD;
		if (ahead < p->reg.n_stores && p->reg.stores[ahead].id)
			for (int j = 0; j < k; j++)
				reader_ids_prefetch(&in_order[j]->c,
						    region_str(&p->reg, p->reg.stores[ahead].id));
		if (next_dup < p->n_dups && p->dups[next_dup] == e) {
			next_dup++;
			continue;
		}
		if (!p->reg.stores[e].id)
			continue;
		const char *id = region_str(&p->reg, p->reg.stores[e].id);
		int found = 0;
		for (int j = 0; j < k && !found; j++)
			found = reader_ids_find(&in_order[j]->c, id) != 0;
		if (!found)
			continue;
		if (*n_out == cap) {
			cap = cap ? cap * 2 : 16;
			size_t *t = realloc(*out, cap * sizeof *t);
			if (!t)
				return -1;
			*out = t;
		}
		(*out)[(*n_out)++] = e;
	}
	return 0;
}

/* The whole pages of [base, base + len) given back to the system (their bytes read 0
 * afterwards): a part's table is read once, front to back, while the merged one grows,
 * so that the two are not both whole in memory at once. */
static void release_front(const void *base, size_t len)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t start = ((uintptr_t)base + page - 1) / page * page;
	uintptr_t end = ((uintptr_t)base + len) / page * page;

	if (base && end > start)
		madvise((void *)start, end - start, MADV_DONTNEED);
}

/* Part p's offset moved into out's strings (region_append_strings); 0 stays 0. */
static uint32_t shifted(uint32_t off, uint32_t shift)
{
	return off ? off + shift : 0;
}

/* Part p's growth facts, counts and entries appended to out, in file order; its strings
 * join out's as one block (a name in two parts is then kept twice, once for each).
 * Entries in dups[] (sorted) get the duplicate-id problem. */
static int merge_part(const split_run *r, const reader_part *p, region *out,
		      const size_t *dups, size_t n_dups)
{
	const region *from = &p->reg;
	size_t next = 0, next_error = 0, released = 0;
	uint32_t shift;

	for (size_t i = 0; i < from->n_growth; i++) {
		const growth_fact *g = &from->growth[i];
		if (region_add_growth(out, g->name, g->text, g->pct, g->place) < 0)
			return -1;
	}
	out->stores_read += from->stores_read;
	if (from->latest > out->latest)
		out->latest = from->latest;
	if (from->quarter_stores) {
		if (!out->quarter_stores &&
		    !(out->quarter_stores = calloc(QUARTER_SPAN, sizeof *out->quarter_stores)))
			return -1;
		for (size_t q = 0; q < QUARTER_SPAN; q++)
			out->quarter_stores[q] += from->quarter_stores[q];
	}
	if (region_append_strings(out, from, &shift) < 0)
		return -1;
	for (size_t i = 0; i < from->n_stores; i++) {
		region_entry e = from->stores[i];
		e.id = shifted(e.id, shift);
		e.name = shifted(e.name, shift);
		if (region_copy_figures(out, &e, from) < 0)
			return -1;
		/* the part's errors are in entry order, as its entries */
		uint32_t error = e.invalid ? shifted(from->errors[next_error++].text, shift) : 0;
		if (next < n_dups && dups[next] == i) {
			next++;
			if (!error) {   /* a store's first problem is the one kept */
				diag d;
				reader_duplicate_id_diag(r->path, (int)e.line,
							 region_str(from, from->stores[i].id), &d);
				if (region_add_string(out, d.msg, &error) < 0)
					return -1;
			}
		}
		if (region_add_entry(out, &e, error) < 0)
			return -1;
		/* the entries merged are given back */
		if (i + 1 - released >= SPLIT_MERGE_BLOCK) {
			released = i + 1;
			release_front(from->stores, released * sizeof *from->stores);
		}
	}
	return 0;
}

/* Part p's problems to opt->on_problem in file order, the duplicate-id problems of
 * dups[] among them: 0, or 1 when on_problem stopped the read (*stop set). */
static int pass_problems(const split_run *r, const reader_part *p, const size_t *dups,
			 size_t n_dups, diag *stop)
{
	size_t next = 0;
	diag d;

	for (size_t i = 0; i <= p->n_held; i++) {
		/* a store's duplicate-id problem is its last: before the next store's */
		while (next < n_dups && (i == p->n_held || p->held[i].entry > dups[next])) {
			const region_entry *e = &p->reg.stores[dups[next++]];
			reader_duplicate_id_diag(r->path, (int)e->line, region_str(&p->reg, e->id), &d);
			reader_one_line(&d);
			/* without on_problem the first problem is fatal (no part held any) */
			if (!r->opt->on_problem || r->opt->on_problem(r->opt->ctx, &d)) {
				*stop = d;
				return 1;
			}
		}
		if (i == p->n_held)
			break;
		d.status = p->held[i].status;
		d.line = p->held[i].line;
		snprintf(d.msg, sizeof d.msg, "%s", p->texts + p->held[i].text);
		diag_render(d.msg, d.text, sizeof d.text);
		reader_one_line(&d);
		if (r->opt->on_problem(r->opt->ctx, &d)) {
			*stop = d;
			return 1;
		}
	}
	return 0;
}

/* An element name's warning key cut by utf8_format (it ends in "…"): the one-thread
 * read never finds it again (it compares the whole name), so it is never a repeat. */
static int key_was_cut(const char *key)
{
	size_t n = strlen(key);

	return key[0] != '<' && n >= 3 && strcmp(key + n - 3, "\xE2\x80\xA6") == 0;
}

/* The warnings of all parts as the one-thread read gives them: once per element name
 * (an attribute's "<elem attr>" key compared on its first 39 bytes), at most
 * READER_MAX_WARNINGS. */
static void pass_warnings(const split_run *r, reader_part *const *in_order)
{
	const char *seen[READER_MAX_WARNINGS];
	int n_seen = 0;

	for (int k = 0; k < r->n_parts; k++) {
		const reader_ctx *c = &in_order[k]->c;
		for (int i = 0; i < c->n_warnings && n_seen < READER_MAX_WARNINGS; i++) {
			const char *key = c->warned[i];
			int repeat = 0;
			for (int j = 0; j < n_seen && !repeat; j++)
				repeat = key[0] == '<' ? strncmp(seen[j], key, 39) == 0
						       : !key_was_cut(key) && strcmp(seen[j], key) == 0;
			if (repeat)
				continue;
			seen[n_seen++] = key;
			if (r->opt->on_warning)
				r->opt->on_warning(r->opt->ctx, &c->warnings[i]);
		}
	}
}

static int by_begin(const void *a, const void *b)
{
	long long x = (*(reader_part *const *)a)->begin, y = (*(reader_part *const *)b)->begin;

	return (x > y) - (x < y);
}

static int merge(split_run *r, region *out, diag *fatal)
{
	size_t n = r->n_parts > 0 ? (size_t)r->n_parts : 1;
	size_t **dups = calloc(n, sizeof *dups);
	size_t *n_dups = calloc(n, sizeof *n_dups);
	reader_part **in_order = calloc(n, sizeof *in_order);
	int status = EXIT_OK;

	if (!dups || !n_dups || !in_order)
		goto no_memory;
	/* the planned parts are in file order; a part taken over goes after its source */
	for (int k = 0; k < r->n_parts; k++)
		in_order[k] = &r->parts[k];
	qsort(in_order, (size_t)r->n_parts, sizeof *in_order, by_begin);
	for (int k = 1; k < r->n_parts; k++)
		if (cross_part_duplicates(in_order, k, &dups[k], &n_dups[k]) < 0)
			goto no_memory;
	for (int k = 0; k < r->n_parts; k++) {   /* the id sets are done with */
		free(r->parts[k].c.ids);
		r->parts[k].c.ids = NULL;
		r->parts[k].c.ids_cap = 0;
	}
	for (int k = 0; k < r->n_parts && status == EXIT_OK; k++) {
		reader_part *p = in_order[k];
		if (k > 0 && merge_part(r, p, out, dups[k], n_dups[k]) < 0)
			goto no_memory;
		if ((p->n_held || n_dups[k]) && pass_problems(r, p, dups[k], n_dups[k], fatal))
			status = fatal->status;
		if (k > 0)
			region_free(&p->reg);
	}
	if (status == EXIT_OK)
		pass_warnings(r, in_order);
	goto done;
no_memory:
	diag_msg(fatal, EXIT_SOFTWARE, r->path, 0, NULL, NULL, "file.memory", NULL);
	status = EXIT_SOFTWARE;
done:
	for (int k = 0; dups && k < r->n_parts; k++)
		free(dups[k]);
	free(dups);
	free(n_dups);
	free(in_order);
	return status;
}

/* ---- the read ------------------------------------------------------------------------ */

static void run_free(split_run *r)
{
	for (int k = 0; r->parts && k < r->n_parts; k++) {
		reader_part *p = &r->parts[k];
		p->c.in.fd = -1;   /* the run's (when the thread did not start) */
		reader_ctx_free(&p->c);
		region_free(&p->reg);
		free(p->held);
		free(p->texts);
		free(p->dups);
		free(p->ahead);
	}
	free(r->parts);
	free(r->newlines);
	if (r->fd >= 0)
		close(r->fd);
	free(r);
}

int reader_split_read(const char *path, const read_options *opt, region *out, diag *fatal,
		      int *status)
{
	split_run *r = calloc(1, sizeof *r);
	int started = 0, done = 0;

	memset(out, 0, sizeof *out);
	if (!r)
		return 0;
	r->path = path;
	r->opt = opt;
	r->fd = -1;
	r->n_parts = split_plan(r, opt->jobs);
	if (r->n_parts < 2) {
		run_free(r);
		return 0;
	}
	out->path = path;
	r->out = out;
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->counted, NULL);
	xmlInitParser();   /* once, before the threads */
	for (; started < r->n_planned; started++) {
		part_begin(&r->parts[started], out);
		if (pthread_create(&r->parts[started].thread, NULL, part_thread, &r->parts[started]))
			break;
		pthread_mutex_lock(&r->lock);
		r->n_started = started + 1;
		pthread_mutex_unlock(&r->lock);
	}
	for (int k = 0; k < started; k++)
		pthread_join(r->parts[k].thread, NULL);
	if (started == r->n_planned && parts_good(r)) {
		*status = merge(r, out, fatal);
		if (*status != EXIT_OK) {
			region_free(out);
		} else {
			out->read_parts = r->n_parts;
			out->read_parts_taken = r->n_parts - r->n_planned;
		}
		done = 1;
	} else {
		region_free(out);   /* read again in one thread */
	}
	pthread_cond_destroy(&r->counted);
	pthread_mutex_destroy(&r->lock);
	run_free(r);
	return done;
}
