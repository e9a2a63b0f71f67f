/*
 * version.h: planner's version, printed by --version and written into every plan and
 * summary (the PDF's producer and footer).
 */
#ifndef PLANNER_VERSION_H
#define PLANNER_VERSION_H

#define PLANNER_VERSION "0.1.0"

#endif
