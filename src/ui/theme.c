/* theme.c — sizes derived from the screen and 长辈模式; contrast formula. */
#include <math.h>
#include <stddef.h>
#include "theme.h"

Theme theme_make(int w, int h, int elder)
{
	Theme t = {0};
	t.elder = elder;
	t.w = w;
	t.h = h;
	t.landscape = w > h;
	t.scale = elder ? 1.5f : 1.0f;
	t.line_spacing = elder ? 1.55f : 1.45f;
	/* Sizes are for a 1080 px wide portrait screen; a landscape 1920x1080
	 * screen of the same diagonal has the same pixel density, so the
	 * sizes do not change with orientation. Narrower windows scale down. */
	float base = (t.landscape ? h : w) / 1080.0f;
	if (base > 1.0f) base = 1.0f;
	if (base < 0.5f) base = 0.5f;
	float s = base * t.scale;
	t.small = (int)lroundf(32 * s);
	t.body = (int)lroundf(36 * s);
	t.h2 = (int)lroundf(42 * s);
	t.h1 = (int)lroundf(52 * s);
	t.title = (int)lroundf(58 * s);
	t.margin = (int)lroundf(40 * base);
	t.gap = (int)lroundf(24 * base * (elder ? 1.25f : 1.0f));
	t.pad = (int)lroundf(28 * base * (elder ? 1.2f : 1.0f));
	t.touch_min = 96;
	t.scroll_snap = 4;
	t.button_h = (int)lroundf(t.body * 2.4f);
	if (t.button_h < t.touch_min) t.button_h = t.touch_min;
	t.header_h = t.button_h + 2 * (int)lroundf(14 * base);
	t.radius = (int)lroundf(16 * base);
	t.content_w = w - 2 * t.margin;
	if (t.landscape && t.content_w > 1500) t.content_w = 1500;
	t.content_x = (w - t.content_w) / 2;
	t.button_inset = 8;
	t.accent_bar_w = 8;
	t.accent_bar_radius = 2;
	t.arrow_slack = 4;
	t.frame_line = 4;
	t.divider = 2;
	t.highlight_radius = 6;
	t.caret_w = 4;
	t.card_bar_w = 10;
	t.tile_icon_max = (int)(128 * t.scale);
	t.step_line_w = 6;
	t.checkbox_line = 3;
	t.checkbox_radius = 4;
	t.pin_field_line = 3;
	t.spinner_dot_min = 4;
	t.key_gap = 6;
	t.key_pad = 10;
	t.key_w_min = 40;
	t.key_w_max = 112;
	t.key_h_max = 104;
	t.keyboard_w_max = 1060;
	t.key_hint_min = 20;
	t.keyboard_edge = 8;
	t.cross_arm = 40;
	t.cross_w = 4;
	t.cross_label_dx = 48;
	t.cross_label_dy = 8;
	t.test_grid = 100;
	t.test_grid_fine = 60;
	t.test_line = 2;
	return t;
}

static double lin(unsigned c)
{
	double v = c / 255.0;
	return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(uint32_t c)
{
	return 0.2126 * lin((c >> 24) & 255) + 0.7152 * lin((c >> 16) & 255) +
	       0.0722 * lin((c >> 8) & 255);
}

PageTheme theme_page(void)
{
	PageTheme p = {0};
	p.w = 1240;
	p.h = 1754;
	p.margin = 110;
	p.body = 30;
	p.small = 24;
	p.h2 = 36;
	p.title = 48;
	p.ink = 0x000000FFu;
	p.grey = 0x333333FFu;
	p.line = 0x666666FFu;
	p.paper = 0xFFFFFFFFu;
	p.rule = 2;
	p.rule_thick = 3;
	p.hairline = 1;
	p.title_lift = 20;
	p.line_gap = 6;
	p.head_gap = 12;
	p.heading_gap = 10;
	p.subtitle_gap = 28;
	p.section_gap = 36;
	p.cell_pad = 10;
	p.row_pad = 12;
	p.header_gap = 8;
	p.name_inset = 16;
	p.form_inset = 10;
	p.col_box = 60;
	p.col_form = 200;
	p.col_copies = 110;
	p.box = 30;
	p.box_line = 3;
	p.box_dx = 8;
	p.box_dy = 6;
	p.more_gap = 8;
	p.room_below = 520;
	p.place_gap = 14;
	p.label_pad = 8;
	p.footer_rule = 40;
	p.footer_text = 28;
	return p;
}

double theme_contrast(uint32_t fg, uint32_t bg)
{
	double a = luminance(fg), b = luminance(bg);
	if (a < b) { double t = a; a = b; b = t; }
	return (a + 0.05) / (b + 0.05);
}

/* ------------------------------------------------------ high contrast */

static const uint32_t hc_text[][2] = {
	{COL_TEXT,       0xFFFFFFFFu},      /* also COL_ON_SWITCH */
	{COL_TEXT2,      0xE0E0E0FFu},
	{COL_PRIMARY,    0xFFD600FFu},
	{COL_ON_PRIMARY, 0x000000FFu},      /* also COL_ON_NOTICE */
	{COL_WARN,       0xFFB347FFu},
	{COL_OK,         0x6EE7A0FFu},
	{COL_DISABLED,   0xC8C8C8FFu},
	{COL_MATCH,      0xFFC0B8FFu},
	{COL_SAVER_TEXT, 0xB0B0B0FFu},
};

static const uint32_t hc_fill[][2] = {
	{COL_PAGE,         0x000000FFu},
	{COL_CARD,         0x161616FFu},
	{COL_CARD_DOWN,    0x333333FFu},
	{COL_PRIMARY,      0xFFD600FFu},
	{COL_PRIMARY_DOWN, 0xD9B500FFu},
	{COL_TINT,         0x262626FFu},
	{COL_LINE,         0x8C8C8CFFu},
	{COL_WARN_BG,      0x2A1A00FFu},
	{COL_OK_BG,        0x00240FFFu},
	{COL_DISABLED_BG,  0x262626FFu},
	{COL_NOTICE_BG,    0xFFFFFFFFu},
	{COL_SAVER_BG,     0x000000FFu},
	{COL_SWITCH_ON,    0x0050B4FFu},
	{COL_SWITCH_DOWN,  0x003C8CFFu},
	{COL_SPEAK_BG,     0x3A2E00FFu},
};

static uint32_t lookup(const uint32_t (*t)[2], size_t n, uint32_t c, int *found)
{
	uint32_t rgb = c | 0xFF;
	for (size_t i = 0; i < n; i++)
		if (t[i][0] == rgb) { *found = 1; return (t[i][1] & ~0xFFu) | (c & 0xFF); }
	*found = 0;
	return c;
}

uint32_t theme_text_color(uint32_t c, int hc)
{
	if (!hc) return c;
	int f;
	uint32_t m = lookup(hc_text, sizeof hc_text / sizeof *hc_text, c, &f);
	if (!f && luminance(c) < 0.4) m = 0xFFFFFF00u | (c & 0xFF);
	return m;
}

uint32_t theme_fill_color(uint32_t c, int hc)
{
	if (!hc) return c;
	int f;
	uint32_t m = lookup(hc_fill, sizeof hc_fill / sizeof *hc_fill, c, &f);
	if (!f && luminance(c) > 0.4) m = 0x16161600u | (c & 0xFF);
	return m;
}

uint32_t theme_hc_text(uint32_t c) { return theme_text_color(c, 1); }
uint32_t theme_hc_fill(uint32_t c) { return theme_fill_color(c, 1); }
