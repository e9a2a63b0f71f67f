/*
 * render_mem.c: room for the font machinery (render_mem.h): RENDER_MEM_FONTS bytes of
 * address space are mapped without access or backing store (only the limit counts
 * them) and unmapped at once.
 */
#define _DEFAULT_SOURCE   /* MAP_ANONYMOUS, MAP_NORESERVE */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "messages.h"
#include "render_mem.h"

static int fonts_up;

int render_mem_check(char *msg, size_t size)
{
	struct rlimit rl;

	if (fonts_up)
		return 0;
	void *p = mmap(NULL, RENDER_MEM_FONTS, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p != MAP_FAILED) {
		munmap(p, RENDER_MEM_FONTS);
		return 0;
	}
	char need[24], limit[24];
	snprintf(need, sizeof need, "%lu", RENDER_MEM_FONTS >> 20);
	if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
		snprintf(limit, sizeof limit, "%llu", (unsigned long long)rl.rlim_cur / 1024);
		messages_format(msg, size, "render.fonts-memory.limit", "need", need, "limit", limit,
				NULL);
	} else {
		messages_format(msg, size, "render.fonts-memory", "need", need, NULL);
	}
	return -1;
}

void render_mem_fonts_up(void)
{
	fonts_up = 1;
}
