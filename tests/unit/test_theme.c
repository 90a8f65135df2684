/* test_theme.c — every text colour of the kiosk on every background it is
 * used on has WCAG contrast >= 4.5:1; 长辈模式 scales type >= 1.5x. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include "ui/theme.h"

static const struct { uint32_t fg, bg; const char *what; } pairs[] = {
	{COL_TEXT, COL_PAGE, "body on page"},
	{COL_TEXT, COL_CARD, "body on card"},
	{COL_TEXT, COL_CARD_DOWN, "body on pressed card"},
	{COL_TEXT, COL_TINT, "body on tint"},
	{COL_TEXT2, COL_PAGE, "secondary on page"},
	{COL_TEXT2, COL_CARD, "secondary on card"},
	{COL_TEXT2, COL_TINT, "secondary on tint"},
	{COL_PRIMARY, COL_CARD, "blue on card"},
	{COL_PRIMARY, COL_CARD_DOWN, "blue on pressed card"},
	{COL_PRIMARY, COL_TINT, "blue on tint"},
	{COL_PRIMARY, COL_PAGE, "blue on page"},
	{COL_ON_PRIMARY, COL_PRIMARY, "white on blue"},
	{COL_ON_PRIMARY, COL_PRIMARY_DOWN, "white on pressed blue"},
	{COL_WARN, COL_WARN_BG, "time limit"},
	{COL_OK, COL_OK_BG, "free of charge"},
	{COL_DISABLED, COL_DISABLED_BG, "disabled control"},
	{COL_MATCH, COL_CARD, "search highlight on card"},
	{COL_MATCH, COL_CARD_DOWN, "search highlight on pressed card"},
	{COL_ON_NOTICE, COL_NOTICE_BG, "notice"},
	{COL_SAVER_TEXT, COL_SAVER_BG, "screensaver"},
	{COL_ON_SWITCH, COL_SWITCH_ON, "长辈模式 on"},
	{COL_ON_SWITCH, COL_SWITCH_DOWN, "长辈模式 on, pressed"},
	{COL_TEXT, COL_SPEAK_BG, "body on the row being read"},
	{COL_PRIMARY, COL_SPEAK_BG, "blue on the row being read"},
	{COL_TEXT2, COL_CARD_DOWN, "secondary on pressed card"},
	{COL_PRIMARY, COL_WARN_BG, "sentence being read on the time-limit card"},
};

static void test_theme_should_keep_text_contrast_above_4_5(void **st)
{
	(void)st;
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		double c = theme_contrast(pairs[i].fg, pairs[i].bg);
		if (c < 4.5) fail_msg("%s: contrast %.2f < 4.5", pairs[i].what, c);
	}
	assert_true(theme_contrast(0x000000FF, 0xFFFFFFFF) > 20.9);
}

/* Issue 10: 高对比度 — every pair, recoloured, is >= 7:1 (WCAG AAA). */
static void test_theme_should_keep_high_contrast_above_7(void **st)
{
	(void)st;
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		double c = theme_contrast(theme_text_color(pairs[i].fg, 1),
		                          theme_fill_color(pairs[i].bg, 1));
		if (c < 7.0) fail_msg("高对比度 %s: contrast %.2f < 7", pairs[i].what, c);
	}
	/* the normal theme is not recoloured */
	assert_int_equal(theme_text_color(COL_TEXT, 0), COL_TEXT);
	assert_int_equal(theme_fill_color(COL_CARD, 0), COL_CARD);
}

static void test_theme_should_scale_type_in_elder_mode(void **st)
{
	(void)st;
	int sizes[][2] = {{1080, 1920}, {1920, 1080}};
	for (int i = 0; i < 2; i++) {
		Theme a = theme_make(sizes[i][0], sizes[i][1], 0);
		Theme b = theme_make(sizes[i][0], sizes[i][1], 1);
		assert_true(a.body >= 32);
		assert_true(b.small * 2 >= a.small * 3 && b.body * 2 >= a.body * 3);
		assert_true(b.h1 * 2 >= a.h1 * 3 && b.title * 2 >= a.title * 3);
		assert_true(a.line_spacing >= 1.3f && b.line_spacing >= 1.3f);
		assert_true(a.button_h >= 96 && b.button_h >= 96);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_theme_should_keep_text_contrast_above_4_5),
		cmocka_unit_test(test_theme_should_keep_high_contrast_above_7),
		cmocka_unit_test(test_theme_should_scale_type_in_elder_mode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
