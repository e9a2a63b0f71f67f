/*
 * cmd_validate.c: `planner validate FILE.xml...`: checks region files and store
 * profiles against the shipped XML Schema and the rules a schema cannot express
 * (duplicate quarters and store ids, score ranges, ...).  One line per problem.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "messages.h"

/* Which status wins over several files: the more fundamental problem (an internal
 * error, then a missing file, then bad data) decides the exit status. */
static int status_rank(int status)
{
	switch (status) {
	case EXIT_OK: return 0;
	case EXIT_DATAERR: return 1;
	case EXIT_NOINPUT: return 2;
	default: return 3;
	}
}

/* A file's problems are held until it has been read: a file that turns out not to be
 * well-formed (an unclosed tag makes every later sibling an "unknown element") gets its
 * one parse error line only.  Past HELD_MAX bytes they are printed as they come. */
#define HELD_MAX (4 << 20)

typedef struct held_lines {
	char *text;
	size_t len, cap;
	int streaming;     /* the buffer overflowed: lines go straight to stderr */
} held_lines;

static void held_flush(held_lines *h)
{
	if (h->len)
		fwrite(h->text, 1, h->len, stderr);
	h->len = 0;
}

static int print_problem(void *ctx, const diag *d)
{
	held_lines *h = ctx;
	size_t n = strlen(d->text) + 1;

	if (!h->streaming && h->len + n > h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 4096;
		while (cap < h->len + n)
			cap *= 2;
		char *p = cap <= HELD_MAX ? realloc(h->text, cap) : NULL;
		if (p) {
			h->text = p;
			h->cap = cap;
		} else {
			held_flush(h);
			h->streaming = 1;
		}
	}
	if (h->streaming) {
		report_diag(d);
	} else {
		memcpy(h->text + h->len, d->text, n - 1);
		h->text[h->len + n - 1] = '\n';
		h->len += n;
	}
	return 0;   /* keep going: validate reports every problem */
}

/* validate's options (a val of 256 and up: no short name) */
enum { OPT_SCHEMA = 256 };
const struct option cmd_validate_options[] = {
	{ "quiet", no_argument, NULL, 'q' },
	{ "schema", required_argument, NULL, OPT_SCHEMA },
	{ "help", no_argument, NULL, 'h' },
	{ 0 },
};

int cmd_validate(int argc, char **argv)
{
	char schema_buf[4096];
	const char *schema = NULL;
	int quiet = 0, ch, worst = EXIT_OK;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "qh", cmd_validate_options, NULL)) != -1) {
		switch (ch) {
		case 'q': quiet = 1; break;
		case OPT_SCHEMA: schema = optarg; break;
		case 'h': return options_print_usage("validate", 0, "help.validate", NULL);
		default: return report_usage_msg("validate", "usage.bad-option", NULL);
		}
	}
	if (optind >= argc)
		return report_usage_msg("validate", "usage.validate.files", NULL);
	if (!schema)
		schema = datapath_file("schema/planner.xsd", schema_buf, sizeof schema_buf);
	/* a schema that cannot be read is one problem, not one per file */
	FILE *probe = fopen(schema, "r");
	if (!probe) {
		report_msg("validate", "cmd.validate.schema", "file", schema, "error", strerror(errno),
			   NULL);
		return EXIT_NOINPUT;
	}
	fclose(probe);

	held_lines held = { 0 };
	read_options ro = { .strict = 1, .schema_path = schema, .on_problem = print_problem,
			    .ctx = &held };
	for (int i = optind; i < argc; i++) {
		diag fatal;
		held.len = 0;
		held.streaming = 0;
		int status = xml_check(argv[i], &ro, &fatal);
		if (fatal.text[0])
			report_diag(&fatal);   /* the problem that stopped the read, alone */
		else
			held_flush(&held);
		if (status == EXIT_OK && !quiet)
			messages_print(stdout, "cmd.validate.ok", "file", argv[i], NULL);
		if (status_rank(status) > status_rank(worst))
			worst = status;
	}
	free(held.text);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		report_msg("validate", "cmd.validate.write", "error", strerror(errno), NULL);
		return EXIT_IOERR;
	}
	return worst;
}
