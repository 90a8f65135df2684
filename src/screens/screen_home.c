/* screen_home.c — home: hall name and clock, the search bar,
 * the department tiles, 热门事项, the notice line and the 长辈模式 switch. */
#include <stdio.h>
#include <string.h>
#include "kiosk.h"

static Scroll *home_scroller(Kiosk *k) { return &k->home_scroll; }

static int home_update(Kiosk *k, float dt)
{
	return scroll_step(&k->home_scroll, dt);
}

static void home_event(Kiosk *k, const KioskEvent *e)
{
	if (e->kind == EV_TEXT) {
		/* Typing on a physical keyboard (or an input method) searches. */
		kiosk_open_search(k);
		kiosk_text(k, e->str);
		return;
	}
	if (e->kind != EV_ACTION) return;
	if (e->id >= ACT_DEPT && e->id < ACT_DEPT + k->index->n_depts)
		kiosk_open_dept(k, e->id - ACT_DEPT);
	else if (e->id >= ACT_HOT && e->id < ACT_HOT + k->n_hot)
		kiosk_open_item(k, k->hot[e->id - ACT_HOT]);
}

/* Header band: hall name, date and time. The time sits at the right of
 * the name when the name fits beside it on one line; otherwise (长辈模式,
 * long names) it moves to the date line. Returns the band's height. */
static int draw_header(Kiosk *k, DrawList *dl)
{
	const Theme *t = &k->th;
	char date[64], tm[16];
	ui_clock(k, date, sizeof date, tm, sizeof tm);
	const char *hall = k->cfg->hall_name;
	int x = t->content_x, w = t->content_w, y = t->pad;
	int tw = ui_text_width(k, tm, t->title, 1);
	int nw = ui_text_width(k, hall, t->title, 1);
	int beside = nw + tw + 2 * t->gap <= w;
	int nsize = t->title;
	if (!beside && nw > w) nsize = t->h1;   /* keep the name on one line if it can */
	int name_w = beside ? w - tw - 2 * t->gap : w;
	const TextLayout *name = ui_layout(k, hall, ts(nsize, 1, COL_ON_PRIMARY), name_w);
	const TextLayout *dlay = ui_layout(k, date, ts(t->body, 0, COL_ON_PRIMARY), w);
	int tsize = beside ? t->title : t->h1;
	tw = ui_text_width(k, tm, tsize, 1);
	const TextLayout *tl = ui_layout(k, tm, ts(tsize, 1, COL_ON_PRIMARY), tw + 4);
	int line2 = beside ? dlay->height : (dlay->height > tl->height ? dlay->height : tl->height);
	int h = t->pad + name->height + line2 + t->pad;
	dl_rect(dl, 0, 0, k->w, h, COL_PRIMARY, 0);
	dl_text(dl, name, x, y, hall);
	if (beside) {
		dl_text(dl, dlay, x, y + name->height, date);
		dl_text(dl, tl, x + w - tw, (h - tl->height) / 2, tm);
	} else {
		int ly = y + name->height;
		dl_text(dl, dlay, x, ly + (line2 - dlay->height) / 2, date);
		dl_text(dl, tl, x + w - tw, ly + (line2 - tl->height) / 2, tm);
	}
	return h;
}

/* Footer: the notice line. Returns its height. */
static int draw_notice(Kiosk *k, DrawList *dl)
{
	const Theme *t = &k->th;
	const char *notice = k->cfg->hall_notice;
	if (!notice[0]) return 0;
	TextStyle st = ts(t->small, 0, COL_ON_NOTICE);
	st.max_lines = 2;
	const TextLayout *l = ui_layout(k, notice, st, t->content_w);
	int h = l->height + 2 * t->gap;
	dl_rect(dl, 0, k->h - h, k->w, h, COL_NOTICE_BG, 0);
	dl_text(dl, l, t->content_x, k->h - h + t->gap, notice);
	return h;
}

/* Tile width and icon size for cols tiles across width w. */
static int tile_width(const Theme *t, int w, int cols)
{
	return (w - (cols - 1) * t->gap) / cols;
}

static int tile_icon_px(const Theme *t, int tw)
{
	int icon = tw * 2 / 5;
	if (icon > 128 * t->scale) icon = (int)(128 * t->scale);
	return icon;
}

/* Columns and width of the tile area (home_draw). */
static int tile_cols(const Theme *t, int elder, int *left_w)
{
	*left_w = t->landscape ? t->content_w * 3 / 5 : t->content_w;
	return elder ? 3 : 4;
}

int screen_home_icon_px(const Theme *t, int elder)
{
	int left_w, cols = tile_cols(t, elder, &left_w);
	return tile_icon_px(t, tile_width(t, left_w, cols));
}

/* Department tiles in cols columns from (x, y), width w; returns height. */
static int draw_tiles(Kiosk *k, DrawList *dl, int x, int y, int w, int cols)
{
	const Theme *t = &k->th;
	int n = k->index->n_depts;
	int tw = tile_width(t, w, cols);
	int icon = tile_icon_px(t, tw);
	TextStyle st = ts(t->body, 1, COL_PRIMARY);
	st.align = TEXT_ALIGN_CENTER;
	st.max_lines = 2;
	int y0 = y;
	for (int r = 0; r * cols < n; r++) {
		/* Row height: the tallest name in the row. */
		int th = 0;
		for (int c = 0; c < cols && r * cols + c < n; c++) {
			const TextLayout *l = ui_layout(k, k->index->depts[r * cols + c].short_name, st, tw - 2 * 8);
			if (l->height > th) th = l->height;
		}
		int h = t->pad + icon + t->gap / 2 + th + t->pad;
		if (h < t->button_h) h = t->button_h;
		for (int c = 0; c < cols && r * cols + c < n; c++) {
			int i = r * cols + c, tx = x + c * (tw + t->gap);
			const Dept *d = &k->index->depts[i];
			int id = ACT_DEPT + i;
			dl_rect(dl, tx, y, tw, h, k->pressed == id ? COL_CARD_DOWN : COL_CARD, t->radius);
			ImageId img = ui_icon(k, i, icon);
			if (img) {
				dl_image(dl, img, tx + (tw - icon) / 2, y + t->pad, icon, icon, d->icon);
			} else {
				/* No icon file: a disc with the first character. */
				dl_rect(dl, tx + (tw - icon) / 2, y + t->pad, icon, icon, COL_TINT, icon / 2);
				char first[8] = {0};
				size_t n1 = 1;
				while (d->short_name[n1] && (d->short_name[n1] & 0xC0) == 0x80) n1++;
				memcpy(first, d->short_name, n1 < 7 ? n1 : 7);
				TextStyle fs = ts(icon / 2, 1, COL_PRIMARY);
				fs.align = TEXT_ALIGN_CENTER;
				const TextLayout *fl = ui_layout(k, first, fs, icon);
				dl_text(dl, fl, tx + (tw - icon) / 2, y + t->pad + (icon - fl->height) / 2, first);
			}
			ui_text(k, dl, tx + 8, y + t->pad + icon + t->gap / 2, tw - 16, d->short_name, st);
			dl_hit(dl, id, tx, y, tw, h);
		}
		y += h + t->gap;
	}
	return y - y0 - (n ? t->gap : 0);
}

/* 热门事项 rows; returns height. */
static int draw_hot(Kiosk *k, DrawList *dl, int x, int y, int w)
{
	const Theme *t = &k->th;
	int y0 = y;
	for (int i = 0; i < k->n_hot; i++) {
		const Item *it = k->hot[i];
		const Dept *d = guide_find_dept(k->index, it->dept_code);
		int id = ACT_HOT + i;
		int arrow = ui_text_width(k, "›", t->h1, 1);
		int tw = w - 2 * t->pad - arrow - t->gap;
		const TextLayout *nl = ui_layout(k, it->name, ts(t->body, 1, COL_TEXT), tw);
		const char *sub = d ? d->name : "";
		const TextLayout *sl = ui_layout(k, sub, ts(t->small, 0, COL_TEXT2), tw);
		int h = t->pad + nl->height + sl->height + t->pad;
		if (h < t->button_h) h = t->button_h;
		dl_rect(dl, x, y, w, h, k->pressed == id ? COL_CARD_DOWN : COL_CARD, t->radius);
		int ty = y + (h - nl->height - sl->height) / 2;
		dl_text(dl, nl, x + t->pad, ty, it->name);
		dl_text(dl, sl, x + t->pad, ty + nl->height, sub);
		const TextLayout *al = ui_layout(k, "›", ts(t->h1, 1, COL_PRIMARY), arrow + 4);
		dl_text(dl, al, x + w - t->pad - arrow, y + (h - al->height) / 2, "›");
		dl_hit(dl, id, x, y, w, h);
		y += h + t->gap / 2;
	}
	return y - y0;
}

static int heading(Kiosk *k, DrawList *dl, int x, int y, int w, const char *s)
{
	const Theme *t = &k->th;
	dl_rect(dl, x, y + t->gap / 2, 8, t->h1, COL_PRIMARY, 2);
	return ui_text(k, dl, x + 8 + t->gap / 2, y, w - 8 - t->gap / 2, s, ts(t->h1, 1, COL_TEXT));
}

static void home_draw(Kiosk *k, DrawList *dl)
{
	const Theme *t = &k->th;
	dl_rect(dl, 0, 0, k->w, k->h, COL_PAGE, 0);
	int top = draw_header(k, dl);
	int bottom = k->h - draw_notice(k, dl);
	DlRect old = dl_clip(dl, (DlRect){0, top, k->w, bottom - top});
	int y0 = top + t->gap - scroll_px(&k->home_scroll);
	int x = t->content_x, w = t->content_w, y = y0;

	/* The search bar: one big tap target that opens the search screen. */
	int sh = t->button_h * 5 / 4;
	int down = k->pressed == ACT_SEARCH;
	dl_frame(dl, x, y, w, sh, 4, COL_PRIMARY, down ? COL_CARD_DOWN : COL_CARD, sh / 2);
	const char *go = "搜索", *sp = "搜索事项：输入拼音首字母或汉字";
	int gw = ui_text_width(k, go, t->h2, 1) + 2 * t->pad;
	/* The 搜索 pill only where the prompt still fits beside it on one line
	 * (not in 长辈模式 on a narrow screen): the whole bar is the target. */
	if (ui_text_width(k, sp, t->body, 0) + 2 * t->pad + 16 + gw > w) gw = -8;
	if (gw > 0) {
		dl_rect(dl, x + w - gw - 8, y + 8, gw, sh - 16, down ? COL_PRIMARY_DOWN : COL_PRIMARY, (sh - 16) / 2);
		TextStyle gs = ts(t->h2, 1, COL_ON_PRIMARY);
		gs.align = TEXT_ALIGN_CENTER;
		const TextLayout *gl = ui_layout(k, go, gs, gw);
		dl_text(dl, gl, x + w - gw - 8, y + (sh - gl->height) / 2, go);
	}
	TextStyle ss = ts(t->body, 0, COL_TEXT2);
	ss.max_lines = 2;
	const TextLayout *sl = ui_layout(k, sp, ss, w - gw - 8 - 2 * t->pad);
	dl_text(dl, sl, x + t->pad + 8, y + (sh - sl->height) / 2, sp);
	dl_hit(dl, ACT_SEARCH, x, y, w, sh);
	y += sh + t->gap;

	/* Section title with the 长辈模式 switch on the same row. */
	int swh = t->button_h;
	int sw = ui_elder_switch(k, dl, x + w, y, swh, 0);
	sw += t->gap / 2 + ui_contrast_switch(k, dl, x + w - sw - t->gap / 2, y, swh, 0);
	const TextLayout *hl = ui_layout(k, "按部门查找", ts(t->h1, 1, COL_TEXT), w - sw - t->gap - 16);
	heading(k, dl, x, y + (swh - hl->height) / 2, w - sw - t->gap, "按部门查找");
	y += swh + t->gap;

	int left_w, right_x, right_w;
	int cols = tile_cols(t, k->elder, &left_w);
	if (t->landscape) {
		right_x = x + left_w + 2 * t->gap;
		right_w = w - left_w - 2 * t->gap;
	} else {
		right_x = x;
		right_w = w;
	}
	int th = draw_tiles(k, dl, x, y, left_w, cols);
	int ry = t->landscape ? y : y + th + 2 * t->gap;
	ry += heading(k, dl, right_x, ry, right_w, "热门事项") + t->gap;
	int hot_h = draw_hot(k, dl, right_x, ry, right_w);
	int end = y + th > ry + hot_h ? y + th : ry + hot_h;
	int content_h = end + t->gap - y0;
	scroll_set_max(&k->home_scroll, (float)(content_h - (bottom - top)));
	dl_clip(dl, old);
}

const Screen screen_home = {
	.name = "home",
	.event = home_event,
	.scroller = home_scroller,
	.update = home_update,
	.draw = home_draw,
};
