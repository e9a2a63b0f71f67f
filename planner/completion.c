/*
 * completion.c: `planner completion bash`: a bash completion script made from the
 * command table and the option tables themselves (so a new option completes without
 * an edit here), with file names by extension for the options that take files and the
 * --lang values asked of `planner completion langs` (templates/) at completion time.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

/* What the value of an option, or a command's operand, is: file extensions
 * ("xml", "pdf png"), DIR for a directory, LANG for a language; options not listed
 * take a value that is not completed. */
static const struct value_kind {
	const char *cmd;      /* NULL: every command */
	const char *option;   /* NULL: the operands */
	const char *kind;
} kinds[] = {
	{ NULL, "region", "xml" },
	{ NULL, "lang", "LANG" },
	{ "plan", "output", "pdf png" },
	{ "batch", "out", "DIR" },
	{ "import", "output", "xml" },
	{ "import", "orders", "csv xlsx" },
	{ "import", "map", "txt" },
	{ "validate", "schema", "xsd" },
	{ "import", NULL, "csv xlsx" },
	{ NULL, NULL, "xml" },
};

static const char *kind_of(const char *cmd, const char *option)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		const struct value_kind *k = &kinds[i];
		if ((!k->cmd || strcmp(k->cmd, cmd) == 0) &&
		    (option ? k->option && strcmp(k->option, option) == 0 : !k->option))
			return k->kind;
	}
	return NULL;
}

/* The case arm completing the value of one option of one command. */
static void print_arm(const char *cmd, const char *name, int short_name)
{
	const char *kind = kind_of(cmd, name);

	if (short_name > 0 && short_name < 128 && isalnum(short_name))
		printf("\t%s:-%c|", cmd, short_name);
	else
		printf("\t");
	printf("%s:--%s)\n", cmd, name);
	if (!kind)
		printf("\t\treturn ;;\n");
	else if (strcmp(kind, "LANG") == 0)
		printf("\t\tCOMPREPLY=( $(compgen -W \"$(\"$1\" completion langs 2>/dev/null)\" "
		       "-- \"$cur\") ); return ;;\n");
	else if (strcmp(kind, "DIR") == 0)
		printf("\t\t_planner_files; return ;;\n");
	else
		printf("\t\t_planner_files %s; return ;;\n", kind);
}

static void shared_arm(const char *name, int has_arg, int short_name, void *ctx)
{
	if (has_arg)
		print_arm(ctx, name, short_name);
}

static void shared_word(const char *name, int has_arg, int short_name, void *ctx)
{
	(void)has_arg;
	(void)short_name;
	(void)ctx;
	printf(" --%s", name);
}

int completion_bash(const planner_command *cmds, size_t n)
{
	printf("# bash completion for planner: written by `planner completion bash`\n"
	       "# (install as share/bash-completion/completions/planner, or source it)\n"
	       "\n"
	       "# _planner_files EXT...: directories and files ending in .EXT (directories\n"
	       "# only when no extension is given)\n"
	       "_planner_files() {\n"
	       "\tlocal IFS=$'\\n' e\n"
	       "\tCOMPREPLY=( $(compgen -d -- \"$cur\") )\n"
	       "\tfor e in \"$@\"; do\n"
	       "\t\tCOMPREPLY+=( $(compgen -f -X \"!*.$e\" -- \"$cur\") )\n"
	       "\tdone\n"
	       "\tcompopt -o filenames 2>/dev/null\n"
	       "}\n"
	       "\n"
	       "_planner() {\n"
	       "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	       "\tlocal cmd=${COMP_WORDS[1]}\n"
	       "\tif [ \"$COMP_CWORD\" -eq 1 ]; then\n"
	       "\t\tCOMPREPLY=( $(compgen -W \"");
	for (size_t i = 0; i < n; i++)
		printf("%s ", cmds[i].name);
	printf("help completion --help --version\" -- \"$cur\") )\n"
	       "\t\treturn\n"
	       "\tfi\n"
	       "\tcase $cmd in\n"
	       "\thelp)\n"
	       "\t\t[ \"$COMP_CWORD\" -eq 2 ] && COMPREPLY=( $(compgen -W \"");
	for (size_t i = 0; i < n; i++)
		printf("%s%s", i ? " " : "", cmds[i].name);
	printf("\" -- \"$cur\") )\n"
	       "\t\treturn ;;\n"
	       "\tcompletion)\n"
	       "\t\t[ \"$COMP_CWORD\" -eq 2 ] && COMPREPLY=( $(compgen -W \"bash\" -- \"$cur\") )\n"
	       "\t\treturn ;;\n"
	       "\tesac\n"
	       "\t# the value of an option\n"
	       "\tcase $cmd:$prev in\n");
	for (size_t i = 0; i < n; i++) {
		for (const struct option *o = cmds[i].options; o->name; o++)
			if (o->has_arg)
				print_arm(cmds[i].name, o->name, o->val);
		options_each(cmds[i].shared, shared_arm, (void *)cmds[i].name);
	}
	printf("\tesac\n"
	       "\t# an option's name\n"
	       "\tif [[ $cur == -* ]]; then\n"
	       "\t\tlocal opts=\n"
	       "\t\tcase $cmd in\n");
	for (size_t i = 0; i < n; i++) {
		printf("\t\t%s) opts=\"", cmds[i].name);
		for (const struct option *o = cmds[i].options; o->name; o++)
			printf("%s--%s", o == cmds[i].options ? "" : " ", o->name);
		options_each(cmds[i].shared, shared_word, NULL);
		printf("\" ;;\n");
	}
	printf("\t\tesac\n"
	       "\t\tCOMPREPLY=( $(compgen -W \"$opts\" -- \"$cur\") )\n"
	       "\t\treturn\n"
	       "\tfi\n"
	       "\t# an operand\n"
	       "\tcase $cmd in\n");
	for (size_t i = 0; i < n; i++)
		printf("\t%s) _planner_files %s ;;\n", cmds[i].name, kind_of(cmds[i].name, NULL));
	printf("\tesac\n"
	       "}\n"
	       "complete -F _planner planner\n");
	if (fflush(stdout) != 0 || ferror(stdout)) {
		report_msg("completion", "cmd.completion.write-script", "error", strerror(errno), NULL);
		return EXIT_IOERR;
	}
	return EXIT_OK;
}

/* NAME.txt is a language file: NAME is a language tag, 2 or 3 letters and an optional
 * "-subtag" (zh, en, zh-tw), which the other files of templates/ (swot-rules.txt,
 * import-headers.txt) are not. */
static int is_language_file(const char *name, size_t len)
{
	size_t letters = strspn(name, "abcdefghijklmnopqrstuvwxyz");

	if (len <= 4 || strcmp(name + len - 4, ".txt") != 0 || letters < 2 || letters > 3)
		return 0;
	if (letters == len - 4)
		return 1;
	return name[letters] == '-' && letters + 1 < len - 4 &&
	       strspn(name + letters + 1, "abcdefghijklmnopqrstuvwxyz0123456789") == len - 4 - letters - 1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int completion_langs(void)
{
	char dir[4096];
	char *names[256];
	size_t n = 0;
	DIR *d = opendir(datapath_file("templates", dir, sizeof dir));

	if (!d) {
		report_msg("completion", "cmd.completion.dir", "dir", dir, "error", strerror(errno), NULL);
		return EXIT_NOINPUT;
	}
	for (struct dirent *e; n < sizeof names / sizeof names[0] && (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (is_language_file(e->d_name, len) && (names[n] = strndup(e->d_name, len - 4)) != NULL)
			n++;
	}
	closedir(d);
	qsort(names, n, sizeof names[0], by_name);
	for (size_t i = 0; i < n; i++) {
		puts(names[i]);
		free(names[i]);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		report_msg("completion", "cmd.completion.write", "error", strerror(errno), NULL);
		return EXIT_IOERR;
	}
	return EXIT_OK;
}
