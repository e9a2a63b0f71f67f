/*
 * render_fonts.c: makes fontconfig's current configuration the system's with planner's
 * rules and fonts (see render_fonts.h and fonts/fonts.conf).
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

/* Makes fontconfig's current configuration the system's rules (FONTCONFIG_FILE or the
 * system fonts.conf), then dir's fonts.conf, then dir's fonts; 0 when dir has planner's
 * fonts.conf.  A configuration of its own rather than additions to the current one:
 * planner's rules must be read before the system fonts are listed, or its rejectfont
 * rules (the CJK faces no plan uses, fonts/fonts.conf) come too late to leave them out
 * (listing the fonts a second time would cost 16M instructions a process). */
static int use_font_dir(const char *dir)
{
	char conf[PATH_MAX + 16];

	snprintf(conf, sizeof conf, "%s/fonts.conf", dir);
	if (access(conf, R_OK) != 0)
		return -1;
	FcConfig *fc = FcInitLoadConfig();    /* the system's rules, no fonts listed yet */
	if (!fc)
		return -1;
	/* the rules first: the scan rules name planner's fonts as they are added */
	if (!FcConfigParseAndLoad(fc, (const FcChar8 *)conf, FcFalse) ||
	    !FcConfigBuildFonts(fc) || !FcConfigAppFontAddDir(fc, (const FcChar8 *)dir) ||
	    !FcConfigSetCurrent(fc)) {
		FcConfigDestroy(fc);
		return -1;
	}
	/* not destroyed: it is the current configuration until the process ends (fontconfig
	 * 2.13 and later also take a reference of their own in FcConfigSetCurrent, older
	 * ones do not) */
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
			if (use_font_dir(dir) == 0)
				return;
		}
	}
	use_font_dir(datapath_file("fonts", dir, sizeof dir));
}

void render_fonts_init(void)
{
	pthread_once(&fonts_once, fonts_setup);
}
