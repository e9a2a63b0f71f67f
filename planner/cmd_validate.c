/*
 * cmd_validate.c: `planner validate FILE.xml...`: checks region files and store
 * profiles against the shipped XML Schema and the rules a schema cannot express
 * (duplicate quarters and store ids, score ranges, ...).  One line per problem.
 */
#include <getopt.h>

#include "commands.h"

static const char usage_text[] =
	"usage: planner validate FILE.xml...\n"
	"\n"
	"Checks region files and store profiles: the XML Schema (schema/planner.xsd) and the\n"
	"data rules (quarters, codes, quantities, scores, duplicate ids).  Prints one line per\n"
	"problem, \"file:line: store ID: field: message\", and \"FILE: ok\" for a clean file.\n"
	"Exit status: 0 all valid, 65 any problem, 66 a file missing or unreadable.\n"
	"\n"
	"  -q, --quiet     do not print \"ok\" lines\n"
	"      --schema F  use another schema file\n"
	"  -h, --help      this text\n";

static int print_problem(void *ctx, const diag *d)
{
	(void)ctx;
	fprintf(stderr, "%s\n", d->text);
	return 0;   /* keep going: validate reports every problem */
}

int cmd_validate(int argc, char **argv)
{
	static const struct option options[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "schema", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	char schema_buf[4096];
	const char *schema = NULL;
	int quiet = 0, ch, worst = EXIT_OK;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "qh", options, NULL)) != -1) {
		switch (ch) {
		case 'q': quiet = 1; break;
		case 's': schema = optarg; break;
		case 'h': fputs(usage_text, stdout); return EXIT_OK;
		default: return cli_usage_error("validate", "bad option");
		}
	}
	if (optind >= argc)
		return cli_usage_error("validate", "expected at least one FILE.xml");
	if (!schema)
		schema = cli_datapath("schema/planner.xsd", schema_buf, sizeof schema_buf);

	read_options ro = { .strict = 1, .schema_path = schema, .on_problem = print_problem };
	for (int i = optind; i < argc; i++) {
		diag fatal;
		int status = xml_check(argv[i], &ro, &fatal);
		if (fatal.text[0])
			cli_report(&fatal);   /* the problem that stopped the read */
		if (status == EXIT_OK && !quiet)
			printf("%s: ok\n", argv[i]);
		/* 66 (missing) outranks 65 (bad data); anything else outranks both */
		if (status != EXIT_OK && (worst == EXIT_OK || worst == EXIT_DATAERR))
			worst = status;
	}
	return worst;
}
