/*
 * xml_split.h: the shared state of a region read in parts by several threads
 * (xml_split.c reads and merges the parts, xml_split_plan.c decides where the file is
 * cut).  Private to those two files.
 */
#ifndef PLANNER_XML_SPLIT_H
#define PLANNER_XML_SPLIT_H

#include <pthread.h>

#include "reader_ctx.h"

#define SPLIT_MIN_BYTES (8 << 20)     /* smaller files are read in one thread */
#define SPLIT_MAX_PARTS 8           /* parts planned at the start (one thread each) */
#define SPLIT_MAX_TAKEN 8           /* parts taken over from running ones by idle threads */
#define SPLIT_TAKE_MIN (8 << 20)    /* bytes a part must have left to read to be shared */
#define SPLIT_HEAD_MAX 65536          /* the prolog and root start tag are looked for here */
#define SPLIT_CUT_WINDOW 65536        /* bytes searched at a time for a <store */
#define SPLIT_CUT_SEARCH (4 << 20)    /* how far past its target a cut is looked for */
#define SPLIT_HELD_MAX (64 << 20)     /* bytes of problems a part holds before giving up */
#define SPLIT_COUNT_WINDOW (256 << 10) /* bytes of the file mapped at a time to count lines
				       * (resident while counted: a take-over counts late) */
#define SPLIT_MERGE_BLOCK 16384       /* entries copied between two releases of memory */
#define SPLIT_READ_AHEAD (256 << 10)  /* bytes of a part read at a time (libxml2 asks 4000),
				       * at most a quarter of take_min */


/* A problem held by a part until the merge. */
typedef struct held_problem {
	size_t entry;        /* the part's entries before it: the store it belongs to */
	int status, line;
	size_t text;         /* offset in the part's texts */
} held_problem;

typedef struct split_run split_run;
typedef struct reader_part reader_part;

struct reader_part {
	split_run *run;
	int index;                 /* in run->parts: the planned parts in file order, then the
				    * parts taken over, in the order they were */
	int taken;                 /* split off a running part by a thread done with its own */
	/* The part is the file's bytes [begin, end), and its stream ends with them when it is
	 * the last part (else with </region>).  A part taken over shortens the part it came
	 * from (end, last): both under run->lock while the part runs. */
	long long begin, end;
	int last;
	long long read_to;         /* the file's bytes up to here are the parser's (run->lock) */
	long long lines_before;    /* newlines in the file before begin; -1 until known (lock) */
	int finished;              /* the parser is done with the part (run->lock) */
	int tail;                  /* the bytes are all served: now </region> (when not last) */
	long long tail_at;         /* where in the stream the bytes ended */
	int tail_last;
	long long served;          /* bytes of the part's stream handed to the parser */
	char *ahead;               /* the file's bytes [ahead_at, ahead_at + ahead_len) */
	long long ahead_at;
	size_t ahead_len;
	reader_ctx c;
	region reg;                /* after the first part (which reads into the caller's) */
	held_problem *held;
	size_t n_held, cap_held;
	char *texts;
	size_t texts_len, texts_cap;
	size_t *dups;              /* entries whose id repeats an earlier one of the part */
	size_t n_dups, cap_dups;
	int gave_up;               /* too many problems held */
	pthread_t thread;
};

struct split_run {
	const char *path;
	const read_options *opt;
	int fd;
	long long size;
	unsigned char head[SPLIT_HEAD_MAX];   /* the file's first bytes */
	size_t header_len;         /* prolog and root start tag: head[0..header_len) */
	int header_newlines;
	int n_parts;               /* planned and taken over so far (run->lock) */
	int n_planned;
	int n_started;             /* planned parts whose threads were started (lock) */
	int cap_parts;
	long long take_min;        /* SPLIT_TAKE_MIN, or PLANNER_SPLIT_TAKE_MIN (for tests) */
	size_t read_ahead;         /* SPLIT_READ_AHEAD, less for a small take_min */
	region *out;               /* the caller's region: the first part reads into it */
	reader_part *parts;
	pthread_mutex_t lock;      /* on_store; the newline counts; parts' ends and take-overs */
	pthread_cond_t counted;    /* a count of newlines is known */
	long long *newlines;       /* per part, -1 until counted */
	int lines_unsure;          /* a lone CR (libxml2 counts those its own way) ... */
};

/* Opens r->path and plans its parts: how many (1 or 0: not worth splitting, or the
 * file is one that is never split).  Room is made for SPLIT_MAX_TAKEN more. */
int split_plan(split_run *r, int jobs);

/* The first "<store" followed by white space, '>' or '/' at or after `from` (and before
 * from + SPLIT_CUT_SEARCH and the end of the file): its offset, or -1.  buf has
 * SPLIT_CUT_WINDOW bytes. */
long long split_find_cut(const split_run *r, long long from, char *buf);

#endif
