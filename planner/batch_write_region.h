/*
 * batch_write_region.h: batch --write-region FILE: a copy of the region file in which
 * each store whose code the batch changed holds its new code (models/region_rewrite.h),
 * written to a temporary next to FILE and renamed into place only once the batch's own
 * output has been committed.
 */
#ifndef PLANNER_BATCH_WRITE_REGION_H
#define PLANNER_BATCH_WRITE_REGION_H

#include <sys/stat.h>

#include "batch_report.h"
#include "render_out.h"

/* FILE is not the region file itself (same device and inode), nor a directory.
 * EXIT_OK or EXIT_USAGE, printed. */
int batch_write_region_check(const char *file, const struct stat *input);
/* Writes the copy into a temporary (*out, allocated).  EXIT_OK, or the status,
 * printed, with nothing left. */
int batch_write_region(const batch_report *rep, const char *file, render_out **out,
		       size_t *replaced);
/* Renames it into place (EXIT_OK or the status, printed), or gives it up; frees *out. */
int batch_write_region_commit(render_out **out);
void batch_write_region_abort(render_out **out);

#endif
