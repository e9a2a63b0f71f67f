/*
 * datapath.h: where planner's data files (templates/, schema/) live.  The commands and
 * the renderers both ask here; nothing here prints.
 */
#ifndef PLANNER_DATAPATH_H
#define PLANNER_DATAPATH_H

#include <stddef.h>

/* $PLANNER_DATADIR, else the source tree next to the executable (build/planner -> ./),
 * else PREFIX/share/planner next to an installed PREFIX/bin/planner, else the
 * PLANNER_DATADIR compiled in.  Cached on first use: call it once before starting
 * threads. */
const char *datapath_dir(void);
/* datapath_dir()/rel into buf; returns buf. */
const char *datapath_file(const char *rel, char *buf, size_t size);

#endif
