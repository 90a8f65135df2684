/* theme.c — sizes derived from the screen and 长辈模式; contrast formula. */
#include <math.h>
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
	t.button_h = (int)lroundf(t.body * 2.4f);
	if (t.button_h < 96) t.button_h = 96;
	t.header_h = t.button_h + 2 * (int)lroundf(14 * base);
	t.radius = (int)lroundf(16 * base);
	t.content_w = w - 2 * t.margin;
	if (t.landscape && t.content_w > 1500) t.content_w = 1500;
	t.content_x = (w - t.content_w) / 2;
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

double theme_contrast(uint32_t fg, uint32_t bg)
{
	double a = luminance(fg), b = luminance(bg);
	if (a < b) { double t = a; a = b; b = t; }
	return (a + 0.05) / (b + 0.05);
}
