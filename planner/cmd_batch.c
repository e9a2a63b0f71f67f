/*
 * cmd_batch.c: placeholder until `planner batch` lands (issue in progress).
 */
#include "commands.h"

int cmd_batch(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "planner batch: not implemented yet\n");
	return EXIT_SOFTWARE;
}
