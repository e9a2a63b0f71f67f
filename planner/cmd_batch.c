/*
 * cmd_batch.c: `planner batch REGION.xml --out DIR`: reclassifies every store of a
 * region for one quarter and writes reclassification.csv, candidates.csv,
 * downgrades.csv, transitions.csv, summary.json, summary.pdf and, with --plans, one
 * upgrade plan per candidate.  Everything is built in DIR.tmp-XXXXXX and renamed to
 * DIR at the end.  Exit 67 (EXIT_PARTIAL) when the batch finished but skipped invalid
 * stores; 65 when the file is not well-formed, with no output directory.
 * With --xlsx, also the tables as one workbook, reclassification.xlsx.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch_io.h"
#include "batch_plans.h"
#include "batch_pdf.h"
#include "batch_report.h"
#include "batch_write_region.h"
#include "batch_xlsx.h"
#include "options_value.h"
#include "commands.h"
#include "format.h"
#include "messages.h"
#include "overrides.h"
#include "peers.h"
#include "render_mem.h"
#include "report.h"

typedef struct batch_options {
	const char *out;
	char lang[OPTIONS_LANG_MAX];
	const char *overrides, *write_region;   /* FILE, or NULL */
	quarter_t quarter, by;
	batch_config config;
	value_options value;
	int bom, plans, force, timings, xlsx;
	long jobs, top, thread_min_rows;   /* top: 0 when not given */
	int top_all;             /* --top all */
} batch_options;

/* --timings: how long each phase took, on stderr. */
typedef struct timing {
	int on;
	struct timespec last;
} timing;

/* phase: the key of the phase's name (cmd.batch.timing.*) */
static void timing_mark(timing *t, const char *phase)
{
	struct timespec now;

	if (!t->on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (t->last.tv_sec || t->last.tv_nsec) {
		char name[64], padded[80], seconds[32];
		snprintf(padded, sizeof padded, "%-22s",
			 messages_format(name, sizeof name, phase, NULL));
		snprintf(seconds, sizeof seconds, "%7.3f",
			 (double)(now.tv_sec - t->last.tv_sec) +
			 (double)(now.tv_nsec - t->last.tv_nsec) / 1e9);
		report_msg("batch", "cmd.batch.timing", "phase", padded, "seconds", seconds, NULL);
	}
	t->last = now;
}

typedef struct read_state {
	batch_progress progress;
	atomic_size_t stores;        /* counted by the reading threads, 1024 at a time */
	pthread_mutex_t drawing;     /* the progress bar, drawn by one thread at a time */
	size_t problems;
} read_state;

static int on_problem(void *ctx, const diag *d)
{
	read_state *st = ctx;

	report_diag(d);    /* clears the progress bar first */
	st->problems++;
	return 0;    /* keep going: the store gets status invalid */
}

static void on_warning(void *ctx, const diag *d)
{
	(void)ctx;
	report_line_msg("cmd.batch.warning", "problem", d->text, NULL);
}

/* Called by every reading thread at once (on_store_any_thread): each counts its own
 * stores and adds them to the total 1024 at a time. */
static void on_store(void *ctx, const store *s, int valid)
{
	static _Thread_local unsigned counted;
	read_state *st = ctx;

	(void)s;
	(void)valid;
	if (++counted % 1024 != 0)
		return;
	size_t done = atomic_fetch_add_explicit(&st->stores, 1024, memory_order_relaxed) + 1024;
	pthread_mutex_lock(&st->drawing);
	batch_progress_update(&st->progress, done);
	pthread_mutex_unlock(&st->drawing);
}

static int parse_gap(const char *arg, double *out)
{
	char *end;
	double v = strtod(arg, &end);

	if (*arg == '\0' || *end != '\0' || !(v >= 0) || v > 1000) {
		report_usage_msg("batch", "option.gap", "value", arg, NULL);
		return -1;
	}
	*out = v;
	return 0;
}

/* batch's own options; the shared ones (--quarter, --by, ...) are options.c's */
enum { OPT_GAP = 256, OPT_BOM, OPT_PLANS, OPT_FORCE, OPT_TIMINGS, OPT_TOP, OPT_XLSX,
       OPT_THREAD_MIN_ROWS, OPT_OVERRIDES, OPT_WRITE_REGION };
const struct option cmd_batch_options[] = {
	{ "out", required_argument, NULL, 'o' },
	{ "gap", required_argument, NULL, OPT_GAP },
	{ "bom", no_argument, NULL, OPT_BOM },
	{ "plans", no_argument, NULL, OPT_PLANS },
	{ "jobs", required_argument, NULL, 'j' },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "timings", no_argument, NULL, OPT_TIMINGS },
	{ "top", required_argument, NULL, OPT_TOP },
	{ "xlsx", no_argument, NULL, OPT_XLSX },
	{ "thread-min-rows", required_argument, NULL, OPT_THREAD_MIN_ROWS },
	{ "overrides", required_argument, NULL, OPT_OVERRIDES },
	{ "write-region", required_argument, NULL, OPT_WRITE_REGION },
	VALUE_LONG_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ 0 },
};

/* EXIT_OK, EXIT_USAGE (printed), or -1 after --help (*help_status: its status). */
static int parse_options(int argc, char **argv, batch_options *o, const char **region_path,
			 int *help_status)
{
	options_parser p;
	options_common common;
	int ch;

	options_begin(&p, "batch", OPTIONS_BATCH, cmd_batch_options, "o:j:h", &common);
	while ((ch = getopt_long(argc, argv, p.shorts, p.table, NULL)) != -1) {
		switch (ch) {
		case 'o': o->out = optarg; break;
		case OPT_GAP: if (parse_gap(optarg, &o->config.gap_pct)) return EXIT_USAGE; break;
		case OPT_BOM: o->bom = 1; break;
		case OPT_XLSX: o->xlsx = 1; break;
		case OPT_OVERRIDES: o->overrides = optarg; break;
		case OPT_WRITE_REGION: o->write_region = optarg; break;
		case OPT_PLANS: o->plans = 1; break;
		case 'j': if (options_count("batch", "--jobs", optarg, 1, 256, &o->jobs)) return EXIT_USAGE; break;
		case OPT_FORCE: o->force = 1; break;
		case OPT_TIMINGS: o->timings = 1; break;
		case OPT_TOP:
			o->top_all = strcmp(optarg, "all") == 0;
			o->top = 0;
			if (!o->top_all && options_count("batch", "--top", optarg, 1, 100000000, &o->top))
				return EXIT_USAGE;
			break;
		case OPT_THREAD_MIN_ROWS:
			if (options_count("batch", "--thread-min-rows", optarg, 1, 1000000000, &o->thread_min_rows))
				return EXIT_USAGE;
			break;
		case 'h':
			*help_status = options_print_usage("batch", p.mask, "help.batch",
							   "help.batch.tail");
			return -1;
		default:
			switch (options_take(&p, ch, optarg, &common)) {
			case 1: break;
			case -1: return EXIT_USAGE;
			default:
				switch (value_option("batch", ch, optarg, &o->value)) {
				case 1: break;
				case 0: return report_usage_msg("batch", "usage.bad-option", NULL);
				default: return EXIT_USAGE;
				}
			}
		}
	}
	o->quarter = common.quarter;
	o->by = common.by;
	o->config.classify = common.config;
	snprintf(o->lang, sizeof o->lang, "%s", common.lang);
	if (optind != argc - 1)
		return report_usage_msg("batch", "usage.batch.region", NULL);
	if (!o->out)
		return report_usage_msg("batch", "usage.batch.out", NULL);
	if ((o->top || o->top_all) && !o->plans)
		return report_usage_msg("batch", "usage.batch.top", NULL);
	*region_path = argv[optind];
	int status = value_load(&o->value);
	if (status == EXIT_OK)
		value_config(&o->value, &o->config.ext);
	return status;
}

/* The input is checked before DIR is created, so a missing file leaves nothing behind
 * (O_NONBLOCK: a FIFO is not waited for here).  --plans reads the region twice, so it
 * must be a regular file (a pipe would hang or be empty the second time); *st is what
 * the file was, to tell whether it changed between the readings. */
static int check_input(const char *path, int plans, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0) {
		report_line_msg("cmd.batch.cannot-open", "file", path, "error", strerror(errno), NULL);
		return EXIT_NOINPUT;
	}
	int got = fstat(fd, st);
	close(fd);
	if (got != 0) {
		report_line_msg("cmd.batch.cannot-open", "file", path, "error", strerror(errno), NULL);
		return EXIT_NOINPUT;
	}
	if (plans && !S_ISREG(st->st_mode))
		return report_usage_msg("batch", "usage.batch.not-regular", "file", path, NULL);
	return EXIT_OK;
}

/* The region file is still the one first read: same file, size and time. */
static int region_unchanged(const char *path, const struct stat *before)
{
	struct stat now;

	return stat(path, &now) == 0 && now.st_dev == before->st_dev &&
	       now.st_ino == before->st_ino && now.st_size == before->st_size &&
	       now.st_mtim.tv_sec == before->st_mtim.tv_sec &&
	       now.st_mtim.tv_nsec == before->st_mtim.tv_nsec;
}

static int read_region(const char *path, const batch_options *o, region *r, read_state *st,
		       quarter_choice *qc)
{
	read_options ro = {
		.quarter = o->quarter,
		.on_problem = on_problem,
		.on_warning = on_warning,
		.on_store = on_store,
		.ctx = st,
		.on_store_any_thread = 1,
		.match = o->value.quadrants ? &o->value.match : NULL,
		.jobs = (int)o->jobs,   /* a large file is parsed in -j parts at once */
	};
	diag fatal;

	batch_progress_begin_file(&st->progress, "progress.reading", path);
	int status = region_read_quarter(path, &ro, o->quarter, NULL, r, qc, &fatal);
	batch_progress_end(&st->progress);
	if (status != EXIT_OK)
		report_diag(&fatal);
	else
		report_quarter_warning(path, qc);
	return status;
}

/* n in decimal into buf (a message argument) */
static const char *count_text(char buf[24], size_t n)
{
	snprintf(buf, 24, "%zu", n);
	return buf;
}

static void print_summary(const batch_report *rep, const batch_dir *dir)
{
	const batch_result *b = rep->result;
	char q[12], n1[24], n2[24], n3[24], n4[24], gap[32];

	quarter_format(b->quarter, q);
	messages_print(stdout, "cmd.batch.summary", "file", rep->region_path,
		       "stores", count_text(n1, b->n_stores), "quarter", q,
		       "groups", count_text(n2, b->n_groups), NULL);
	messages_print(stdout, "cmd.batch.summary.status",
		       "ok", count_text(n1, b->n_status[STATUS_OK]),
		       "insufficient", count_text(n2, b->n_status[STATUS_INSUFFICIENT_PEERS]),
		       "no_orders", count_text(n3, b->n_status[STATUS_NO_ORDERS]),
		       "invalid", count_text(n4, b->n_status[STATUS_INVALID]), NULL);
	messages_print(stdout, "cmd.batch.summary.changes", "up", count_text(n1, b->total.up),
		       "down", count_text(n2, b->total.down), "same", count_text(n3, b->total.same),
		       NULL);
	if (b->total.n_stopped > 0)
		messages_print(stdout, "cmd.batch.summary.stopped",
			       "count", count_text(n1, b->total.n_stopped), NULL);
	snprintf(gap, sizeof gap, "%g", b->cfg.gap_pct);
	messages_print(stdout, "cmd.batch.summary.candidates",
		       "count", count_text(n1, b->total.n_candidates), "gap", gap, NULL);
	if (rep->plans) {
		size_t left_out = b->total.n_candidates - batch_plans_count(rep);
		messages_print(stdout, left_out == 0 ? "cmd.batch.summary.plans"
			       : left_out == 1 ? "cmd.batch.summary.plans.left.one"
			       : "cmd.batch.summary.plans.left",
			       "written", count_text(n1, rep->plans_written),
			       "failed", count_text(n2, rep->n_plan_failures),
			       "left", count_text(n3, left_out), NULL);
	}
	messages_print(stdout, "cmd.batch.summary.written", "dir", dir->final, NULL);
}

/* Reads the region, resolves the quarter and classifies every group.  On failure
 * everything is released (the temporary directory too) and the status returned. */
static int load(const char *region_path, const batch_options *o, batch_dir *dir,
		read_state *st, timing *tm, region *r, batch_result *b, overrides *ov)
{
	quarter_choice qc;
	int status = read_region(region_path, o, r, st, &qc);

	timing_mark(tm, "cmd.batch.timing.read");
	if (tm->on && status == EXIT_OK && r->read_parts) {
		char parts[16], taken[16];
		snprintf(parts, sizeof parts, "%d", r->read_parts);
		snprintf(taken, sizeof taken, "%d", r->read_parts_taken);
		report_msg("batch", "cmd.batch.timing.parts", "parts", parts, "taken", taken, NULL);
	}
	if (status != EXIT_OK) {
		batch_dir_abort(dir);
		return status;
	}
	quarter_t q = qc.quarter;
	if (q == QUARTER_NONE) {
		report_line_msg("cmd.batch.no-quarter", "file", region_path, NULL);
		status = EXIT_DATAERR;
	} else if (o->by != QUARTER_NONE && o->by <= q) {
		status = report_usage_msg("batch", "usage.batch.by", NULL);
	} else {
		batch_config cfg = o->config;
		cfg.by = o->by;
		batch_progress_note(&st->progress, "progress.classifying");
		if (batch_classify_jobs(r, q, &cfg, b, (int)o->jobs,
					(size_t)o->thread_min_rows) < 0) {
			report_msg("batch", "cmd.out-of-memory", NULL);
			status = EXIT_SOFTWARE;
		} else if (o->overrides) {
			diag err;
			status = overrides_load(o->overrides, r, b, ov, &err);
			if (status != EXIT_OK) {
				report_diag(&err);
				batch_result_free(b);
			} else {
				b->overrides = ov;
			}
		}
	}
	if (status != EXIT_OK) {
		region_free(r);
		batch_dir_abort(dir);
	}
	return status;
}

/* Everything written into the temporary directory; *plans_status is the plans' own
 * (their failures do not void the rest).  The region table is swapped for its digest
 * before the summary PDF, whose fonts would otherwise add to the peak memory. */
static int write_all(batch_report *rep, region *r, batch_result *b, const batch_dir *dir,
		     read_state *st, timing *tm, int xlsx, int *plans_status,
		     const char *write_region, render_out **wr)
{
	int jobs = rep->jobs;
	int status = batch_write_rows(rep, r, b, jobs);

	timing_mark(tm, "cmd.batch.timing.rows");
	if (status == EXIT_OK)
		status = batch_write_lists(rep, jobs);
	timing_mark(tm, "cmd.batch.timing.lists");
	if (status == EXIT_OK && write_region) {
		size_t replaced;
		status = batch_write_region(rep, write_region, wr, &replaced);
		timing_mark(tm, "cmd.batch.timing.write-region");
	}
	if (status == EXIT_OK && xlsx) {
		batch_progress_note(&st->progress, "progress.workbook");
		status = batch_write_xlsx(rep);
		timing_mark(tm, "cmd.batch.timing.xlsx");
	}
	batch_progress_end(&st->progress);
	*plans_status = EXIT_OK;
	if (status == EXIT_OK && rep->plans) {
		*plans_status = batch_render_plans(rep, dir);
		timing_mark(tm, "cmd.batch.timing.plans");
	}
	batch_progress_note(&st->progress, "progress.summary");
	if (status == EXIT_OK)
		status = batch_write_json(rep);
	timing_mark(tm, "cmd.batch.timing.json");
	region small;
	if (status == EXIT_OK && batch_digest(b, r, BATCH_SUMMARY_ROWS, &small) == 0) {
		region_free(r);
		*r = small;
	}
	if (status == EXIT_OK)
		status = batch_write_pdf(rep);
	timing_mark(tm, "cmd.batch.timing.pdf");
	batch_progress_end(&st->progress);
	return status;
}

/* The closing lines on stderr, and the exit status of a batch that was written. */
static int final_status(const batch_report *rep, const read_state *st, int plans_status)
{
	const batch_result *b = rep->result;
	size_t invalid = b->n_status[STATUS_INVALID];
	char q[12];

	char n1[24], n2[24], n3[24];

	if (b->n_status[STATUS_OK] + b->n_status[STATUS_INSUFFICIENT_PEERS] == 0) {
		quarter_format(b->quarter, q);
		report_msg("batch", "cmd.batch.no-figures", "quarter", q, NULL);
	}
	size_t left_out = rep->plans ? b->total.n_candidates - batch_plans_count(rep) : 0;
	if (rep->top_default && left_out > 0)
		report_msg("batch", "cmd.batch.top-default", "plans",
			   count_text(n1, batch_plans_count(rep)),
			   "candidates", count_text(n2, b->total.n_candidates),
			   "left", count_text(n3, left_out), NULL);
	if (plans_status != EXIT_OK && rep->booklet_error[0]) {
		report_msg("batch", "cmd.batch.no-booklet", NULL);
		if (rep->n_plan_failures == 0)
			return plans_status;
	}
	if (plans_status != EXIT_OK) {
		report_msg("batch", "cmd.batch.plans-failed",
			   "failed", count_text(n1, rep->n_plan_failures),
			   "plans", count_text(n2, rep->plans_written + rep->n_plan_failures), NULL);
		return plans_status;
	}
	if (invalid > 0) {
		report_msg("batch", invalid == 1 ? (st->problems == 1 ? "cmd.batch.skipped.store-problem"
						    : "cmd.batch.skipped.store")
			   : st->problems == 1 ? "cmd.batch.skipped.problem" : "cmd.batch.skipped",
			   "invalid", count_text(n1, invalid), "problems", count_text(n2, st->problems),
			   NULL);
		return EXIT_PARTIAL;
	}
	if (st->problems > 0) {
		/* problems outside any store: the region's own attributes or <growth> facts */
		report_msg("batch", st->problems == 1 ? "cmd.batch.region-problems.one"
			   : "cmd.batch.region-problems",
			   "problems", count_text(n1, st->problems), NULL);
		return EXIT_PARTIAL;
	}
	return EXIT_OK;
}

static int run_batch(const char *region_path, const batch_options *o)
{
	read_state st = { .drawing = PTHREAD_MUTEX_INITIALIZER };
	timing tm = { .on = o->timings };
	region r;
	batch_result b;
	batch_dir dir;
	tmpl_set *words = NULL;
	struct stat input;
	overrides ov = { NULL, 0 };
	render_out *wr = NULL;
	int plans_status, status = check_input(region_path, o->plans || o->write_region, &input);

	if (status == EXIT_OK && o->write_region)
		status = batch_write_region_check(o->write_region, &input);

	char mem[256];
	if (status == EXIT_OK && render_mem_check(mem, sizeof mem) != 0) {
		report_msg("batch", "cmd.batch.memory", "problem", mem, NULL);     /* summary.pdf would need them: stop before any work */
		status = EXIT_SOFTWARE;
	}
	/* the wording is checked before DIR is created: a gap in it leaves nothing behind */
	if (status == EXIT_OK)
		status = batch_pdf_load_words(o->lang, &words);
	if (status == EXIT_OK)
		status = batch_dir_begin(&dir, o->out, o->force, &input);
	if (status != EXIT_OK) {
		tmpl_free(words);
		return status;
	}
	timing_mark(&tm, "cmd.batch.timing.start");
	status = load(region_path, o, &dir, &st, &tm, &r, &b, &ov);
	if (status != EXIT_OK) {
		tmpl_free(words);
		return status;
	}
	timing_mark(&tm, "cmd.batch.timing.classify");

	batch_report rep = {
		.region = &r,
		.result = &b,
		.region_path = region_path,
		.dir = dir.tmp,
		.bom = o->bom,
		.lang = o->lang,
		.words = words,
		.problems = st.problems,
		.plans = o->plans,
		.top = o->top_all ? 0 : o->top ? o->top : BATCH_PLANS_CAP,
		.top_default = !o->top_all && !o->top,
		.jobs = (int)o->jobs,
		.thread_min_rows = (size_t)o->thread_min_rows,
	};
	status = write_all(&rep, &r, &b, &dir, &st, &tm, o->xlsx, &plans_status, o->write_region,
			   &wr);
	if (status == EXIT_OK && (o->plans || o->write_region) &&
	    !region_unchanged(region_path, &input)) {
		report_msg("batch", "cmd.batch.changed", "file", region_path, NULL);
		status = EXIT_NOINPUT;
	}
	if (status == EXIT_OK)
		status = batch_dir_commit(&dir);
	else
		batch_dir_abort(&dir);
	if (status == EXIT_OK)
		status = batch_write_region_commit(&wr);
	else
		batch_write_region_abort(&wr);
	timing_mark(&tm, "cmd.batch.timing.commit");
	if (status == EXIT_OK) {
		print_summary(&rep, &dir);
		status = fflush(stdout) != 0 ? EXIT_IOERR : final_status(&rep, &st, plans_status);
	}
	free(rep.plan_failures);
	batch_followup_free(&rep.followup);
	overrides_free(&ov);
	tmpl_free(words);
	batch_result_free(&b);
	region_free(&r);
	return status;
}

int cmd_batch(int argc, char **argv)
{
	batch_options o = {
		.config = BATCH_CONFIG_DEFAULT,
		.value = VALUE_OPTIONS_DEFAULT,
		.jobs = 0,
	};
	const char *region_path = NULL;
	int help_status = EXIT_OK;
	int status = parse_options(argc, argv, &o, &region_path, &help_status);

	if (status < 0)
		return help_status;     /* --help */
	if (status != EXIT_OK)
		return status;
	if (o.jobs == 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		o.jobs = cpus < 1 ? 1 : cpus > 16 ? 16 : cpus;
	}
	return run_batch(region_path, &o);
}
