/*
 * main.c: planner's entry point and its table of commands.  Reading the table is
 * reading the map of the program; see commands.h for how to add a command.
 */
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "cleanup.h"
#include "commands.h"

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "evaluate", cmd_evaluate, "where a store stands in its peer group, its code and target" },
	{ "plan", cmd_plan, "print a store's upgrade plan (PDF or PNG, Chinese or English)" },
	{ "batch", cmd_batch, "reclassify a whole region: CSV, transitions, candidates, summary" },
	{ "validate", cmd_validate, "check XML files against the schema and the data rules" },
	{ "import", cmd_import, "turn a spreadsheet export (CSV, XLSX) into a region file" },
};

static void usage(FILE *out)
{
	fprintf(out, "usage: planner <command> [options]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\n'planner <command> --help' shows a command's options.\n"
		     "Exit status: 0 ok, 64 usage, 65 bad data, 66 missing input, 67 batch skipped\n"
		     "invalid stores, 73 cannot create output, 74 write error.\n");
}

int main(int argc, char **argv)
{
	/* a signal removes our temporary files; a file-size limit is a write error (74) */
	cleanup_install();
	/* one malloc arena: each thread the font libraries start would otherwise reserve a
	 * 64 MB arena, which makes the memory needed under ulimit -v vary from run to run
	 * by up to 100 MB (README, "Bad input and safety") */
	mallopt(M_ARENA_MAX, 1);
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("planner %s\n", PLANNER_VERSION);
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "planner: '%s' is not a command; see 'planner --help'\n", argv[1]);
	return EXIT_USAGE;
}
