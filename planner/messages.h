/*
 * messages.h: the words of planner's own messages (errors and warnings on stderr, the
 * summaries commands print on stdout, --help), from templates/messages-LANG.txt, so
 * that no sentence lives in the C code.  A message is a key with named arguments, the
 * same {name} placeholders as the plan's wording.  stderr is always English (scripts
 * match it); a document in another language (summary.pdf) words a problem again from
 * its packed form (diag.msg) with messages_words.
 */
#ifndef PLANNER_MESSAGES_H
#define PLANNER_MESSAGES_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "model.h"
#include "templates.h"

/* Loads the English catalogue and installs it as the renderer of every diag
 * (diag_set_renderer).  Called once by main before anything else; when the file cannot
 * be read, messages keep their plain form (key and arguments), and the first
 * message that needs it says why. */
void messages_init(void);

/* The catalogue of lang (messages-LANG.txt, else the English one), loaded on first
 * use; NULL when neither can be read.  Safe from several threads. */
const tmpl_set *messages_of(const char *lang);

/* The message part of a packed diag (no place) in the words of set into out (a key set
 * lacks: in English; text that is not packed: as it is). */
const char *messages_words(const tmpl_set *set, const char *packed, char *out, size_t size);

/* key with its (name, value) pairs ending in a NULL name, worded in English into out. */
const char *messages_format(char *out, size_t size, const char *key, ...)
	__attribute__((sentinel));
const char *messages_vformat(char *out, size_t size, const char *key, va_list ap);

/* Prints key with its (name, value) pairs ending in a NULL name, and a new line, on f. */
void messages_print(FILE *f, const char *key, ...) __attribute__((sentinel));

#endif
