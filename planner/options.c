/*
 * options.c: the options several commands share (options.h): their table, merged into
 * each command's getopt_long table, their checks and their help lines.  To give a
 * command a shared option, add its bit to the row; to add a shared option, add a row.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datapath.h"
#include "messages.h"
#include "options.h"
#include "report.h"
#include "templates.h"

#define ALL_CLASSIFYING (OPTIONS_EVALUATE | OPTIONS_PLAN | OPTIONS_BATCH)
#define CODE_BASE 1000    /* getopt codes of the shared options without a short name */

static int take_region(const char *cmd, const char *arg, options_common *c)
{
	(void)cmd;
	c->region = arg;
	return 0;
}

static int take_quarter(const char *cmd, const char *arg, options_common *c)
{
	return options_quarter(cmd, "--quarter", arg, &c->quarter);
}

static int take_by(const char *cmd, const char *arg, options_common *c)
{
	return options_quarter(cmd, "--by", arg, &c->by);
}

static int take_shares(const char *cmd, const char *arg, options_common *c)
{
	return options_shares(cmd, arg, &c->config.shares);
}

static int take_min_peers(const char *cmd, const char *arg, options_common *c)
{
	long n;

	if (options_count(cmd, "--min-peers", arg, 1, 1000000000, &n) < 0)
		return -1;
	c->config.min_peers = (size_t)n;
	return 0;
}

static int take_lang(const char *cmd, const char *arg, options_common *c)
{
	(void)cmd;
	options_lang(arg, c->lang, sizeof c->lang);
	return 0;
}

static const struct shared_option {
	const char *name;
	int has_arg;
	int short_name;            /* 0: long name only */
	unsigned commands;         /* OPTIONS_* mask */
	const char *arg_name;      /* in the help line */
	const char *help;          /* the key of its help text (help.option.*); the printer
				    * indents the text's second and later lines */
	int (*take)(const char *cmd, const char *arg, options_common *c);
} shared[] = {
	{ "region", required_argument, 'r', OPTIONS_EVALUATE | OPTIONS_PLAN, "FILE",
	  "help.option.region", take_region },
	{ "quarter", required_argument, 'q', ALL_CLASSIFYING, "Q",
	  "help.option.quarter", take_quarter },
	{ "by", required_argument, 0, ALL_CLASSIFYING, "Q",
	  "help.option.by", take_by },
	{ "shares", required_argument, 0, ALL_CLASSIFYING, "L,M,S",
	  "help.option.shares", take_shares },
	{ "min-peers", required_argument, 0, ALL_CLASSIFYING, "N",
	  "help.option.min-peers", take_min_peers },
	{ "lang", required_argument, 'l', OPTIONS_EVALUATE | OPTIONS_PLAN | OPTIONS_BATCH, "LANG",
	  "help.option.lang", take_lang },
};
#define N_SHARED (sizeof shared / sizeof shared[0])

static int code_of(size_t i)
{
	return shared[i].short_name ? shared[i].short_name : CODE_BASE + (int)i;
}

void options_begin(options_parser *p, const char *cmd, unsigned mask, const struct option *own,
		   const char *own_shorts, options_common *c)
{
	size_t n = 0;

	memset(p, 0, sizeof *p);
	p->cmd = cmd;
	p->mask = mask;
	snprintf(p->shorts, sizeof p->shorts, "%s", own_shorts);
	for (; own[n].name && n < OPTIONS_MAX - 1; n++)
		p->table[n] = own[n];
	for (size_t i = 0; i < N_SHARED && n < OPTIONS_MAX - 1; i++) {
		if (!(shared[i].commands & mask))
			continue;
		p->table[n++] = (struct option){ shared[i].name, shared[i].has_arg, NULL, code_of(i) };
		if (shared[i].short_name) {
			size_t len = strlen(p->shorts);
			if (len + 3 < sizeof p->shorts) {
				p->shorts[len++] = (char)shared[i].short_name;
				if (shared[i].has_arg)
					p->shorts[len++] = ':';
				p->shorts[len] = '\0';
			}
		}
	}
	*c = (options_common){ .quarter = QUARTER_NONE, .by = QUARTER_NONE,
			       .config = CLASSIFY_DEFAULT, .lang = "zh" };
	optind = 1;
}

int options_take(const options_parser *p, int ch, const char *arg, options_common *c)
{
	for (size_t i = 0; i < N_SHARED; i++)
		if ((shared[i].commands & p->mask) && code_of(i) == ch)
			return shared[i].take(p->cmd, arg, c) < 0 ? -1 : 1;
	return 0;
}

void options_help(FILE *out, unsigned mask)
{
	char text[1024];

	for (size_t i = 0; i < N_SHARED; i++) {
		if (!(shared[i].commands & mask))
			continue;
		char left[64], shortname[8] = "    ";
		if (shared[i].short_name)
			snprintf(shortname, sizeof shortname, "-%c, ", shared[i].short_name);
		snprintf(left, sizeof left, "%s--%s%s%s", shortname, shared[i].name,
			 shared[i].arg_name ? " " : "", shared[i].arg_name ? shared[i].arg_name : "");
		fprintf(out, "  %-22s", left);
		for (const char *h = messages_format(text, sizeof text, shared[i].help, NULL); *h;
		     h++) {
			fputc(*h, out);
			if (*h == '\n')
				fprintf(out, "%24s", "");
		}
		fputc('\n', out);
	}
}

/* The words of key and a new line on stdout (a help text can be longer than
 * messages_print's line). */
static void print_help_text(const char *key)
{
	char text[16384];

	fputs(messages_format(text, sizeof text, key, NULL), stdout);
	fputc('\n', stdout);
}

int options_print_usage(const char *cmd, unsigned mask, const char *head, const char *tail)
{
	print_help_text(head);
	options_help(stdout, mask);
	if (tail)
		print_help_text(tail);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		report_msg(cmd, "cmd.help-write", "error", strerror(errno), NULL);
		return EXIT_IOERR;
	}
	return EXIT_OK;
}

void options_each(unsigned mask, void (*fn)(const char *name, int has_arg, int short_name, void *ctx), void *ctx)
{
	for (size_t i = 0; i < N_SHARED; i++)
		if (shared[i].commands & mask)
			fn(shared[i].name, shared[i].has_arg, shared[i].short_name, ctx);
}

int options_quarter(const char *cmd, const char *opt, const char *arg, quarter_t *out)
{
	char upper[16];
	size_t len = strlen(arg);

	/* 2007q1 is 2007Q1 */
	if (len < sizeof upper) {
		for (size_t i = 0; i <= len; i++)
			upper[i] = (char)toupper((unsigned char)arg[i]);
		if (quarter_parse(upper, out) == 0)
			return 0;
	}
	report_usage_msg(cmd, "option.quarter", "option", opt, "value", arg, NULL);
	return -1;
}

int options_shares(const char *cmd, const char *arg, shares *out)
{
	const char *why;
	char reason[256];

	if (shares_parse(arg, out, &why) < 0) {
		report_usage_msg(cmd, "option.shares", "value", arg, "problem",
				 messages_format(reason, sizeof reason, why, NULL), NULL);
		return -1;
	}
	return 0;
}

int options_count(const char *cmd, const char *opt, const char *arg, long min, long max,
		  long *out)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || v < min || v > max) {
		char from[24], to[24];
		snprintf(from, sizeof from, "%ld", min);
		snprintf(to, sizeof to, "%ld", max);
		report_usage_msg(cmd, "option.count", "option", opt, "value", arg, "min", from,
				 "max", to, NULL);
		return -1;
	}
	*out = v;
	return 0;
}

/* templates/LANG.txt into file; 1 when it exists. */
static int have_language(const char *lang, char *file, size_t size)
{
	char dir[4096];

	datapath_file("templates", dir, sizeof dir);
	snprintf(file, size, "%s/%s.txt", dir, lang);
	return access(file, F_OK) == 0;
}

void options_lang(const char *arg, char *out, size_t size)
{
	size_t i;

	for (i = 0; arg[i] && i + 1 < size; i++)
		out[i] = arg[i] == '_' ? '-' : (char)tolower((unsigned char)arg[i]);
	out[i] = '\0';
	if (arg[i]) {
		snprintf(out, size, "%s", arg);    /* too long: the command refuses it as given */
		return;
	}
	char file[4200];
	char *dash = strchr(out, '-');
	if (dash && dash != out && !have_language(out, file, sizeof file))
		*dash = '\0';
}

int options_lang_check(const char *cmd, const char *lang)
{
	char file[4200];

	if (strspn(lang, "abcdefghijklmnopqrstuvwxyz-_") != strlen(lang) || !*lang ||
	    strlen(lang) >= TMPL_LANG_MAX)
		return report_usage_msg(cmd, "option.lang.name", "value", lang, NULL);
	if (!have_language(lang, file, sizeof file))
		return report_usage_msg(cmd, "option.lang.file", "value", lang, "file", file, NULL);
	return EXIT_OK;
}
