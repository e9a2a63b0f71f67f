/*
 * render_fonts.c: adds planner's font directory to fontconfig's current configuration
 * (see render_fonts.h and fonts/fonts.conf).
 */
#include <fontconfig/fontconfig.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "datapath.h"
#include "render_fonts.h"

static pthread_once_t fonts_once = PTHREAD_ONCE_INIT;

/* Adds dir's rules and fonts; 0 when dir has planner's fonts.conf. */
static int add_font_dir(const char *dir)
{
	char conf[PATH_MAX + 16];

	snprintf(conf, sizeof conf, "%s/fonts.conf", dir);
	if (access(conf, R_OK) != 0)
		return -1;
	FcConfig *fc = FcConfigGetCurrent();   /* the configuration pango will use */
	/* the rules first: the scan rule names the fonts as they are added */
	if (!fc || !FcConfigParseAndLoad(fc, (const FcChar8 *)conf, FcFalse))
		return -1;
	FcConfigAppFontAddDir(fc, (const FcChar8 *)dir);
	return 0;
}

static void fonts_setup(void)
{
	char dir[PATH_MAX + 16], exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(dir, sizeof dir, "%s/fonts", exe);
			if (add_font_dir(dir) == 0)
				return;
		}
	}
	add_font_dir(datapath_file("fonts", dir, sizeof dir));
}

void render_fonts_init(void)
{
	pthread_once(&fonts_once, fonts_setup);
}
