/*
 * main.c: planner's entry point and its table of commands.  Reading the table is
 * reading the map of the program; see commands.h for how to add a command.
 */
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "cleanup.h"
#include "commands.h"
#include "messages.h"
#include "render_page.h"

static const planner_command commands[] = {
	{ "evaluate", cmd_evaluate, "help.command.evaluate",
	  cmd_evaluate_options, OPTIONS_EVALUATE },
	{ "plan", cmd_plan, "help.command.plan",
	  cmd_plan_options, OPTIONS_PLAN },
	{ "batch", cmd_batch, "help.command.batch",
	  cmd_batch_options, OPTIONS_BATCH },
	{ "validate", cmd_validate, "help.command.validate",
	  cmd_validate_options, 0 },
	{ "import", cmd_import, "help.command.import",
	  cmd_import_options, 0 },
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
	char summary[256];

	messages_print(out, "help.main", NULL);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %-9s %s\n", commands[i].name,
			messages_format(summary, sizeof summary, commands[i].summary, NULL));
	messages_print(out, "help.main.tail", NULL);
}

static const planner_command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

static int not_a_command(const char *name)
{
	report_msg(NULL, "usage.not-a-command", "name", name, NULL);
	return EXIT_USAGE;
}

/* planner --help, planner help: the overview; planner help CMD: CMD --help. */
static int help(int argc, char **argv)
{
	if (argc < 3) {
		usage(stdout);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			report_msg(NULL, "cmd.help-write", "error", strerror(errno), NULL);
			return EXIT_IOERR;
		}
		return EXIT_OK;
	}
	const planner_command *c = find_command(argv[2]);
	if (!c)
		return not_a_command(argv[2]);
	if (argc > 3) {
		char words[16];
		snprintf(words, sizeof words, "%d", argc - 2);
		return report_usage_msg("help", "usage.help.words", "words", words, NULL);
	}
	char *args[] = { argv[2], "--help", NULL };
	return c->run(2, args);
}

/* planner completion bash | langs */
static int completion(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[2], "bash") == 0)
		return completion_bash(commands, N_COMMANDS);
	if (argc == 3 && strcmp(argv[2], "langs") == 0)
		return completion_langs();
	return report_usage_msg("completion", "usage.completion", NULL);
}

int main(int argc, char **argv)
{
	/* a signal removes our temporary files; a file-size limit is a write error (74) */
	cleanup_install();
	/* every message's words, from templates/messages-en.txt */
	messages_init();
	/* one malloc arena: each thread the font libraries start would otherwise reserve a
	 * 64 MB arena, which makes the memory needed under ulimit -v vary from run to run
	 * by up to 100 MB (README, "Bad input and safety") */
	mallopt(M_ARENA_MAX, 1);
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0)
		return help(argc, argv);
	if (strcmp(argv[1], "completion") == 0)
		return completion(argc, argv);
	if (strcmp(argv[1], "--version") == 0) {
		printf("planner %s\n", PLANNER_VERSION);
		return EXIT_OK;
	}
	const planner_command *c = find_command(argv[1]);
	int status = c ? c->run(argc - 1, argv + 1) : not_a_command(argv[1]);
	render_texts_release();   /* the shaped texts kept for a next document */
	return status;
}
