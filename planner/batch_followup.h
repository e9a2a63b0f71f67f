/*
 * batch_followup.h: followup.csv of `planner batch` (last quarter's candidates and what
 * became of them), and the head of that list kept for summary.pdf, which is drawn after
 * the region itself has been freed.
 */
#ifndef PLANNER_BATCH_FOLLOWUP_H
#define PLANNER_BATCH_FOLLOWUP_H

#include <stddef.h>

#include "model.h"

/* One follow-up row as summary.pdf shows it (strings owned). */
typedef struct batch_followup_line {
	char *store_id, *name;
	scale_class class_then, class_now;
	double target_orders_then, orders_then, orders_now;
	int met;                     /* 1 yes, 0 no, -1 no figure now */
	int moved_up;
} batch_followup_line;

typedef struct batch_followup_digest {
	size_t n_rows;               /* rows of followup.csv */
	size_t met, moved_up;        /* of them: target met, moved up a class */
	batch_followup_line *lines;  /* the first n_lines rows */
	size_t n_lines;
} batch_followup_digest;

struct batch_report;

/* Writes DIR/followup.csv and fills rep->followup with its head (BATCH_SUMMARY_ROWS
 * rows).  EXIT_OK, or EXIT_IOERR / EXIT_SOFTWARE, printed. */
int batch_write_followup(struct batch_report *rep);
void batch_followup_free(batch_followup_digest *d);

#endif
