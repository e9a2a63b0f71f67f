/*
 * test_render_fonts.c: unit tests of render_fonts_init (planner/render_fonts.c) with
 * the build's fonts directory (fonts/ next to build/planner, found through
 * PLANNER_DATADIR here): fontconfig's current configuration then has planner's six
 * cut-down faces, none of the Noto CJK faces fonts/fonts.conf leaves out, and every
 * character the system's own configuration covers (compared with a configuration
 * fontconfig builds alone, FcInitLoadConfigAndFonts).  On a machine without the left-out
 * faces the checks that need them say so and pass.
 */
#define _DEFAULT_SOURCE
#include <fontconfig/fontconfig.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "render_fonts.h"

/* Families fonts/fonts.conf leaves out (a sample: one of each kind). */
static const char *const left_out[] = {
	"Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans Mono CJK SC", "Noto Serif CJK SC",
};

/* Whether any face of set has family (any of its family names). */
static int has_family(const FcFontSet *set, const char *family)
{
	for (int i = 0; set && i < set->nfont; i++) {
		FcChar8 *name;
		for (int k = 0; FcPatternGetString(set->fonts[i], FC_FAMILY, k, &name) ==
				FcResultMatch; k++)
			if (strcmp((const char *)name, family) == 0)
				return 1;
	}
	return 0;
}

/* The characters of every face of set, in one charset (the caller destroys it). */
static FcCharSet *coverage(const FcFontSet *set)
{
	FcCharSet *all = FcCharSetCreate();

	for (int i = 0; set && i < set->nfont; i++) {
		FcCharSet *cs;
		if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch)
			FcCharSetMerge(all, cs, NULL);
	}
	return all;
}

/* PLANNER_DATADIR: a directory whose fonts/ is the build's (this test is
 * build/tests/test_render_fonts, the fonts are in build/fonts). */
static int setup(void **state)
{
	static char dir[] = "/tmp/planner-fonts-test-XXXXXX";
	char exe[PATH_MAX], link[PATH_MAX + 64], target[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	(void)state;
	if (n <= 0 || !mkdtemp(dir))
		return -1;
	exe[n] = '\0';
	*strrchr(exe, '/') = '\0';    /* build/tests */
	snprintf(target, sizeof target, "%s/../fonts", exe);
	snprintf(link, sizeof link, "%s/fonts", dir);
	if (access(target, R_OK) != 0 || symlink(target, link) != 0)
		return -1;
	setenv("PLANNER_DATADIR", dir, 1);
	render_fonts_init();
	unlink(link);
	rmdir(dir);
	return 0;
}

static void test_planner_faces_added(void **state)
{
	FcFontSet *app = FcConfigGetFonts(FcConfigGetCurrent(), FcSetApplication);

	(void)state;
	assert_non_null(app);
	assert_int_equal(app->nfont, 6);    /* core, subset, extra; regular and bold */
	assert_true(has_family(app, "Planner Core Noto Sans CJK SC"));
	assert_true(has_family(app, "Planner Subset Noto Sans CJK SC"));
	assert_true(has_family(app, "Planner Extra Noto Sans CJK SC"));
}

static void test_other_cjk_faces_left_out(void **state)
{
	FcConfig *system = FcInitLoadConfigAndFonts();
	FcFontSet *all = FcConfigGetFonts(system, FcSetSystem);
	FcFontSet *mine = FcConfigGetFonts(FcConfigGetCurrent(), FcSetSystem);
	int present = 0;

	(void)state;
	assert_non_null(all);
	assert_non_null(mine);
	for (size_t i = 0; i < sizeof left_out / sizeof *left_out; i++) {
		assert_false(has_family(mine, left_out[i]));
		present += has_family(all, left_out[i]);
	}
	/* the full Noto Sans CJK SC, the fallback for what the cut-down fonts lack, stays */
	assert_int_equal(has_family(mine, "Noto Sans CJK SC"), has_family(all, "Noto Sans CJK SC"));
	if (present)
		assert_true(mine->nfont < all->nfont);
	else
		print_message("no left-out face installed: nothing to leave out\n");
	FcConfigDestroy(system);
}

static void test_no_character_lost(void **state)
{
	FcConfig *system = FcInitLoadConfigAndFonts();
	FcCharSet *all = coverage(FcConfigGetFonts(system, FcSetSystem));
	FcCharSet *mine = coverage(FcConfigGetFonts(FcConfigGetCurrent(), FcSetSystem));

	(void)state;
	assert_true(FcCharSetCount(all) > 0);
	assert_int_equal(FcCharSetCount(mine), FcCharSetCount(all));
	assert_true(FcCharSetIsSubset(all, mine));
	FcCharSetDestroy(all);
	FcCharSetDestroy(mine);
	FcConfigDestroy(system);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_planner_faces_added),
		cmocka_unit_test(test_other_cjk_faces_left_out),
		cmocka_unit_test(test_no_character_lost),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
