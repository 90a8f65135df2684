/* screen_saver.c — dim, moving screen against burn-in. The block of text
 * moves to a new place every SAVER_STEP_MS (not every frame: no CPU in
 * between). Waking it is handled by kiosk.c (the touch presses nothing). */
#include <stdio.h>
#include "screens.h"

#define SAVER_STEP_MS 8000u

static uint32_t hash32(uint32_t x)
{
	x ^= x >> 16; x *= 0x7feb352dU;
	x ^= x >> 15; x *= 0x846ca68bU;
	x ^= x >> 16;
	return x;
}

static int saver_update(App *a, float dt)
{
	(void)dt;
	uint32_t step = (a->now - a->saver_since) / SAVER_STEP_MS;
	if (step != a->saver_step) { a->saver_step = step; app_mark_dirty(a); }
	return 0;
}

static void saver_draw(const App *a, Ui *u, DrawList *dl, ScreenLayout *out)
{
	const Theme *t = &u->th;
	dl_rect(dl, 0, 0, a->w, a->h, COL_SAVER_BG, 0);
	char date[64], tm[16];
	app_clock(a, date, sizeof date, tm, sizeof tm);
	int bw = a->w * 2 / 3;
	TextStyle sa = ts(t->title * 2, 1, COL_SAVER_TEXT);
	TextStyle b = ts(t->h2, 0, COL_SAVER_TEXT);
	TextStyle c = ts(t->h1, 1, COL_SAVER_TEXT);
	const TextLayout *la = ui_layout(u, tm, sa, bw);
	const TextLayout *lb = ui_layout(u, date, b, bw);
	const TextLayout *lc = ui_layout(u, a->cfg->hall_name, b, bw);
	const TextLayout *ld = ui_layout(u, "请触摸屏幕开始查询", c, bw);
	int bh = la->height + lb->height + lc->height + t->gap + ld->height;
	uint32_t step = (a->now - a->saver_since) / SAVER_STEP_MS;
	uint32_t r = hash32(step + 1);
	int free_w = a->w - bw - 2 * t->margin, free_h = a->h - bh - 2 * t->margin;
	int x = t->margin + (free_w > 0 ? (int)(r % (uint32_t)free_w) : 0);
	int y = t->margin + (free_h > 0 ? (int)((r >> 12) % (uint32_t)free_h) : 0);
	dl_text(dl, la, x, y, tm); y += la->height;
	dl_text(dl, lb, x, y, date); y += lb->height;
	dl_text(dl, lc, x, y, a->cfg->hall_name); y += lc->height + t->gap;
	dl_text(dl, ld, x, y, "请触摸屏幕开始查询");
}

const Screen screen_saver = {
	.name = "screensaver", .update = saver_update, .draw = saver_draw,
};
