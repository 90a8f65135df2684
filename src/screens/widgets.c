/* widgets.c — the header, the mode switches and icons, shared by the
 * screens (screens.h). */
#include <stdio.h>
#include <string.h>
#include "screens.h"

const Screen *const screens_table[SCR_COUNT] = {
	[SCR_HOME] = &screen_home, [SCR_DEPT] = &screen_dept,
	[SCR_ITEM] = &screen_item, [SCR_SAVER] = &screen_saver,
	[SCR_SEARCH] = &screen_search,
	[SCR_PIN] = &screen_pin, [SCR_MAINT] = &screen_maint,
};

/* A switch button: on (yellow), or the plain colours for a dark or a light
 * background. */
static int mode_switch(Ui *u, DrawList *dl, int id, int on, int right, int y, int h, int on_dark,
                       const char *label, const char *widest)
{
	const Theme *t = &u->th;
	int size = t->body;
	int w = ui_text_width(u, widest, size, 1) + 2 * t->pad;
	uint32_t bg, down, fg;
	if (on) {
		bg = COL_SWITCH_ON; down = COL_SWITCH_DOWN; fg = COL_ON_SWITCH;
	} else if (on_dark) {
		bg = COL_CARD; down = COL_CARD_DOWN; fg = COL_PRIMARY;
	} else {
		bg = COL_PRIMARY; down = COL_PRIMARY_DOWN; fg = COL_ON_PRIMARY;
	}
	ui_button(u, dl, id, (DlRect){right - w, y, w, h}, label, bg, down, fg, size, 1);
	return w;
}

int ui_elder_switch(const App *a, Ui *u, DrawList *dl, int right, int y, int h, int on_dark)
{
	return mode_switch(u, dl, ACT_ELDER, a->elder, right, y, h, on_dark,
	                   a->elder ? "长辈模式：开" : "长辈模式：关", "长辈模式：开");
}

int ui_contrast_switch(const App *a, Ui *u, DrawList *dl, int right, int y, int h, int on_dark)
{
	return mode_switch(u, dl, ACT_CONTRAST, a->contrast, right, y, h, on_dark,
	                   "高对比度", "高对比度");
}

/* A button on the header bar: white with the label in the accent. */
static int bar_button(Ui *u, DrawList *dl, int id, int x, int top, const char *label)
{
	const Theme *t = &u->th;
	int bw = ui_text_width(u, label, t->body, 1) + 2 * t->pad;
	ui_button(u, dl, id, (DlRect){x, top, bw, t->button_h}, label,
	          COL_CARD, COL_CARD_DOWN, COL_PRIMARY, t->body, 1);
	return bw;
}

int ui_header(const App *a, Ui *u, DrawList *dl, const char *const *crumbs, int n)
{
	const Theme *t = &u->th;
	int bh = t->button_h, top = (t->header_h - bh) / 2;
	dl_rect(dl, 0, 0, a->w, t->header_h, COL_PRIMARY, 0);
	int x = t->margin;
	x += bar_button(u, dl, ACT_BACK, x, top, "‹ 返回") + t->gap;
	x += bar_button(u, dl, ACT_HOME, x, top, "首页") + t->gap;
	int sw = ui_elder_switch(a, u, dl, a->w - t->margin, top, bh, 1);
	/* 搜索, where it fits between 首页 and the switch (not on search). */
	int bw = ui_text_width(u, "搜索", t->body, 1) + 2 * t->pad;
	if (a->screen != SCR_SEARCH && x + bw + t->gap <= a->w - t->margin - sw)
		x += bar_button(u, dl, ACT_SEARCH, x, top, "搜索") + t->gap;
	/* 高对比度 beside the 长辈模式 switch where it fits (always on home). */
	int cw = ui_text_width(u, "高对比度", t->body, 1) + 2 * t->pad;
	if (x + cw + t->gap <= a->w - t->margin - sw)
		ui_contrast_switch(a, u, dl, a->w - t->margin - sw - t->gap / 2, top, bh, 1);

	/* Breadcrumb: where am I. */
	char buf[512];
	size_t o = 0;
	for (int i = 0; i < n && o < sizeof buf; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", i ? " › " : "", crumbs[i]);
	int y = t->header_h;
	TextStyle st = ts(t->small, 0, COL_TEXT2);
	st.max_lines = 1;
	const TextLayout *l = ui_layout(u, buf, st, a->w - 2 * t->margin);
	int ch = (l ? l->height : t->small) + t->gap;
	dl_rect(dl, 0, y, a->w, ch, COL_TINT, 0);
	if (l) dl_text(dl, l, t->margin, y + t->gap / 2, buf);
	dl_rect(dl, 0, y + ch - t->divider, a->w, t->divider, COL_LINE, 0);
	return y + ch;
}

ImageId ui_icon(const App *a, Ui *u, int d, int px)
{
	const char *name = a->index->depts[d].icon;
	if (!name || !*name) return 0;
	ImageId id = IMG_ICON(d, px, a->contrast);
	return ui_image_ok(u, id) ? id : 0;
}
