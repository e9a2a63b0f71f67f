/*
 * cmd_plan.c: placeholder until `planner plan` lands (issue in progress).
 */
#include "commands.h"

int cmd_plan(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "planner plan: not implemented yet\n");
	return EXIT_SOFTWARE;
}
