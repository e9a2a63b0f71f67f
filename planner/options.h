/*
 * options.h: the options several commands share (--region, --quarter, --by, --shares,
 * --min-peers, --lang): one table of their names, arguments, checks and help lines,
 * merged into each command's own getopt_long table.  A shared option is one row of
 * the table in options.c; a command keeps only its own options.
 */
#ifndef PLANNER_OPTIONS_H
#define PLANNER_OPTIONS_H

#include <getopt.h>
#include <stdio.h>

#include "model.h"

/* The commands a shared option belongs to (a mask). */
enum {
	OPTIONS_EVALUATE = 1 << 0,
	OPTIONS_PLAN = 1 << 1,
	OPTIONS_BATCH = 1 << 2,
};

/* Room for a command's own options plus the shared ones. */
#define OPTIONS_MAX 48
#define OPTIONS_LANG_MAX 64

/* The values of the shared options, with their defaults from options_begin. */
typedef struct options_common {
	const char *region;             /* --region FILE, or NULL */
	quarter_t quarter;              /* --quarter, or QUARTER_NONE */
	quarter_t by;                   /* --by, or QUARTER_NONE */
	classify_config config;         /* --shares, --min-peers */
	char lang[OPTIONS_LANG_MAX];    /* --lang, normalised (EN -> en, zh-CN -> zh) */
} options_common;

/* A command's parser: its name, its mask, its own options (ended by a zero row) and
 * short options, and the merged table and short-option string getopt_long takes. */
typedef struct options_parser {
	const char *cmd;
	unsigned mask;
	struct option table[OPTIONS_MAX];
	char shorts[64];
} options_parser;

/* Merges own[] and the shared options of `mask` into p, sets the defaults in *c and
 * resets getopt (optind = 1). */
void options_begin(options_parser *p, const char *cmd, unsigned mask, const struct option *own,
		   const char *own_shorts, options_common *c);
/* For a getopt_long result the command did not handle itself: 1 when it was a shared
 * option and its value is good, -1 when the value is bad (usage error printed),
 * 0 when it is no shared option (an unknown option: the command says so). */
int options_take(const options_parser *p, int ch, const char *arg, options_common *c);
/* The help lines of the shared options of `mask`, as "  -q, --quarter Q   text". */
void options_help(FILE *out, unsigned mask);
/* Prints the help text of the key head (templates/messages-en.txt, help.*), the shared
 * options' help and the text of the key tail (NULL: none) on stdout: EXIT_OK, or EXIT_IOERR
 * ("planner CMD: cannot write the help: ...") when stdout cannot be written
 * (planner plan --help >/dev/full).  cmd may be NULL. */
int options_print_usage(const char *cmd, unsigned mask, const char *head, const char *tail);

/* Long names of the shared options of `mask` (for the bash completion): calls
 * fn(name, has_arg, short name or 0, ctx) for each. */
void options_each(unsigned mask, void (*fn)(const char *name, int has_arg, int short_name, void *ctx), void *ctx);

/* Checked values; each prints "planner CMD: ..." and returns -1 on a bad value. */
int options_quarter(const char *cmd, const char *opt, const char *arg, quarter_t *out);
int options_shares(const char *cmd, const char *arg, shares *out);
int options_count(const char *cmd, const char *opt, const char *arg, long min, long max,
		  long *out);
/* --lang: lower case, '_' as '-', and a region subtag dropped when templates/ has no
 * file for it (zh-CN -> zh, en-US -> en).  Always fits out (too long stays too long). */
void options_lang(const char *arg, char *out, size_t size);
/* LANG is a language name with a templates/LANG.txt: EXIT_OK, or EXIT_USAGE with
 * "planner CMD: --lang ..." printed. */
int options_lang_check(const char *cmd, const char *lang);

#endif
