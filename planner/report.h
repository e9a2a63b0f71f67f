/*
 * report.h: the one way planner's commands print errors, warnings and problems on
 * stderr, one line each.  It knows the progress bar of `planner batch`: a line printed
 * while the bar shows first clears it, so the two never run together.
 */
#ifndef PLANNER_REPORT_H
#define PLANNER_REPORT_H

#include "model.h"
#include "region_quarter.h"

/* Each line is a message key of templates/messages-en.txt with its (name, value) pairs
 * ending in a NULL name (messages.h); the empty key with one pair ("text", T) prints T
 * as it is, for text worded already (libxml2's, a problem passed on). */
/* "planner CMD: message (see 'planner CMD --help')"; returns EXIT_USAGE. */
int report_usage_msg(const char *cmd, const char *key, ...) __attribute__((sentinel));
/* "planner CMD: message", or "planner: message" when cmd is NULL. */
void report_msg(const char *cmd, const char *key, ...) __attribute__((sentinel));
/* A line as given: problems that start with the file name (FILE:LINE: ...). */
void report_line_msg(const char *key, ...) __attribute__((sentinel));
/* A diag's line; returns its status. */
int report_diag(const diag *d);

/* The warning about later quarters held by a few stores (region_quarter.h), if any. */
void report_quarter_warning(const char *region_path, const quarter_choice *qc);

/* The progress bar tells whether it is showing on the terminal's last line. */
void report_bar_shown(int shown);

#endif
