/* test_font.c — how the font chain (src/gfx/font.c) opens its faces:
 * Debian's files at their fixed paths before fontconfig, fontconfig when
 * they are missing or of another family, the fallback face on the first
 * character the others lack. Needs fonts-noto-cjk and fonts-hanazono. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "gfx/font.h"

#define NOTO "/usr/share/fonts/opentype/noto/"
#define REGULAR NOTO "NotoSansCJK-Regular.ttc"
#define BOLD NOTO "NotoSansCJK-Bold.ttc"
#define SERIF NOTO "NotoSerifCJK-Regular.ttc"
#define HANAMINB "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"
#define EXT_B 0x20000   /* in HanaMinB, not in Noto Sans CJK SC */

static FontSet *open_default(void)
{
	char err[512] = "";
	FontSet *fs = fontset_open(NULL, err, sizeof err);
	if (!fs) fail_msg("fontset_open: %s", err);
	return fs;
}

static const char *family(FontSet *fs, uint32_t cp, int bold)
{
	TTF_Font *f = fontset_face_for(fs, cp, 32, bold);
	return f ? TTF_FontFaceFamilyName(f) : "(none)";
}

static int setup(void **state)
{
	fontset_set_fixed_paths(REGULAR, BOLD, HANAMINB);
	return 0;
}

static void test_font_should_open_fixed_faces_without_fontconfig(void **state)
{
	FontSet *fs = open_default();
	assert_int_equal(fontset_faces_open(fs), 2);
	assert_false(fontset_fontconfig_loaded(fs));
	assert_string_equal(family(fs, 0x4E2D, 0), "Noto Sans CJK SC");
	assert_string_equal(family(fs, 0x4E2D, 1), "Noto Sans CJK SC");
	assert_non_null(strstr(TTF_FontFaceStyleName(fontset_face_for(fs, 0x4E2D, 32, 1)), "Bold"));
	assert_false(fontset_fontconfig_loaded(fs));
	fontset_close(fs);
}

static void test_font_should_open_the_fallback_on_the_first_miss(void **state)
{
	FontSet *fs = open_default();
	assert_int_equal(fontset_faces_open(fs), 2);
	assert_string_equal(family(fs, 0x4E2D, 0), "Noto Sans CJK SC");
	assert_int_equal(fontset_faces_open(fs), 2);   /* nothing missed yet */
	assert_string_equal(family(fs, EXT_B, 0), "HanaMinB");
	assert_int_equal(fontset_faces_open(fs), 3);
	assert_string_equal(family(fs, EXT_B, 1), "HanaMinB");
	assert_int_equal(fontset_faces_open(fs), 3);   /* opened once */
	assert_false(fontset_fontconfig_loaded(fs));   /* its fixed path */
	fontset_close(fs);
}

static void test_font_should_search_fontconfig_when_fixed_paths_are_absent(void **state)
{
	fontset_set_fixed_paths("/nonexistent/a.ttc", "/nonexistent/b.ttc", "/nonexistent/c.ttf");
	FontSet *fs = open_default();
	assert_true(fontset_fontconfig_loaded(fs));
	assert_string_equal(family(fs, 0x4E2D, 0), "Noto Sans CJK SC");
	assert_non_null(strstr(TTF_FontFaceStyleName(fontset_face_for(fs, 0x4E2D, 32, 1)), "Bold"));
	assert_string_equal(family(fs, EXT_B, 0), "HanaMinB");
	fontset_close(fs);
}

static void test_font_should_pass_over_a_fixed_file_of_another_family(void **state)
{
	if (access(SERIF, R_OK) != 0) skip();
	fontset_set_fixed_paths(SERIF, BOLD, HANAMINB);     /* face 2: Noto Serif CJK SC */
	FontSet *fs = open_default();
	assert_string_equal(family(fs, 0x4E2D, 0), "Noto Sans CJK SC");
	assert_true(fontset_fontconfig_loaded(fs));
	fontset_close(fs);
}

static void test_font_should_use_a_configured_fallback_and_check_it(void **state)
{
	char err[512] = "";
	FontPaths p = { NULL, 0, NULL, 0, HANAMINB, 0 };
	FontSet *fs = fontset_open(&p, err, sizeof err);
	assert_non_null(fs);
	assert_int_equal(fontset_faces_open(fs), 2);
	assert_string_equal(family(fs, EXT_B, 0), "HanaMinB");
	fontset_close(fs);
	p.fallback = "/nonexistent/fallback.ttf";
	assert_null(fontset_open(&p, err, sizeof err));
	assert_non_null(strstr(err, "cannot open fallback /nonexistent/fallback.ttf"));
}

int main(void)
{
	if (TTF_Init() != 0) return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_font_should_open_fixed_faces_without_fontconfig, setup),
		cmocka_unit_test_setup(test_font_should_open_the_fallback_on_the_first_miss, setup),
		cmocka_unit_test_setup(test_font_should_search_fontconfig_when_fixed_paths_are_absent, setup),
		cmocka_unit_test_setup(test_font_should_pass_over_a_fixed_file_of_another_family, setup),
		cmocka_unit_test_setup(test_font_should_use_a_configured_fallback_and_check_it, setup),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	TTF_Quit();
	return rc;
}
