/*
 * render_fonts.h: planner's own fonts (the Noto Sans CJK SC subsets made at build time,
 * see fonts/fonts.conf) added to fontconfig before pango draws anything.
 */
#ifndef PLANNER_RENDER_FONTS_H
#define PLANNER_RENDER_FONTS_H

/* Loads fonts.conf and the fonts of the first of these directories that has a
 * fonts.conf: fonts/ next to the executable (build/fonts in the source tree), then
 * datapath_file("fonts") (PREFIX/share/planner/fonts when installed).  Once per process
 * (later calls do nothing), before the first pango font map is made; safe to call from
 * several threads.  Without the files, plans use the full fonts: same look, slower. */
void render_fonts_init(void);

#endif
