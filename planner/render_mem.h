/*
 * render_mem.h: is there room to start the font machinery?  Under an address-space
 * limit (ulimit -v) fontconfig, pango and GLib abort the process (SIGTRAP, SIGSEGV)
 * instead of returning an error, so plan and batch check before they draw.
 */
#ifndef PLANNER_RENDER_MEM_H
#define PLANNER_RENDER_MEM_H

#include <stddef.h>

/* Address space drawing takes once the fonts start (fontconfig's and pango's threads
 * with their stacks, the mapped font files, the pages): measured on Debian 12 with one
 * malloc arena (main.c) up to 110 MiB for a Chinese PDF plan, 150 MiB for a PNG, 117
 * MiB for batch --plans (README, "Bad input and safety"), so 160 MiB. */
#define RENDER_MEM_FONTS (160UL << 20)

/* 0 when RENDER_MEM_FONTS of address space is free (reserved and released at once,
 * nothing touched), or the fonts already run in this process; else -1 and one line
 * in msg saying what is missing. */
int render_mem_check(char *msg, size_t size);
/* The fonts have started in this process: later checks pass. */
void render_mem_fonts_up(void);

#endif
