/* screen_home.c — home: hall name and clock, the search bar,
 * the department tiles, 热门事项, the notice line and the 长辈模式 switch. */
#include <stdio.h>
#include <string.h>
#include "model/search_state.h"
#include "screens.h"

static Scroll *home_scroller(App *a) { return &a->home_scroll; }

static int home_update(App *a, float dt)
{
	return scroll_step(&a->home_scroll, dt);
}

static void home_event(App *a, const AppEvent *e)
{
	if (e->kind == EV_TEXT) {
		/* Typing on a physical keyboard (or an input method) searches. */
		search_state_open(a);
		app_text(a, e->str);
		return;
	}
	if (e->kind != EV_ACTION) return;
	if (e->id >= ACT_DEPT && e->id < ACT_DEPT + a->index->n_depts)
		app_open_dept(a, e->id - ACT_DEPT);
	else if (e->id >= ACT_HOT && e->id < ACT_HOT + a->n_hot)
		app_open_item(a, a->hot[e->id - ACT_HOT]);
}

/* Header band: hall name, date and time. The time sits at the right of
 * the name when the name fits beside it on one line; otherwise (长辈模式,
 * long names) it moves to the date line. Returns the band's height. */
static int draw_header(const App *a, Ui *u, DrawList *dl)
{
	const Theme *t = &u->th;
	char date[64], tm[16];
	app_clock(a, date, sizeof date, tm, sizeof tm);
	const char *hall = a->cfg->hall_name;
	int x = t->content_x, w = t->content_w, y = t->pad;
	int tw = ui_text_width(u, tm, t->title, 1);
	int nw = ui_text_width(u, hall, t->title, 1);
	int beside = nw + tw + 2 * t->gap <= w;
	int nsize = t->title;
	if (!beside && nw > w) nsize = t->h1;   /* keep the name on one line if it can */
	int name_w = beside ? w - tw - 2 * t->gap : w;
	const TextLayout *name = ui_layout(u, hall, ts(nsize, 1, COL_ON_PRIMARY), name_w);
	const TextLayout *dlay = ui_layout(u, date, ts(t->body, 0, COL_ON_PRIMARY), w);
	int tsize = beside ? t->title : t->h1;
	tw = ui_text_width(u, tm, tsize, 1);
	const TextLayout *tl = ui_layout(u, tm, ts(tsize, 1, COL_ON_PRIMARY), tw + t->arrow_slack);
	int line2 = beside ? dlay->height : (dlay->height > tl->height ? dlay->height : tl->height);
	int h = t->pad + name->height + line2 + t->pad;
	dl_rect(dl, 0, 0, a->w, h, COL_PRIMARY, 0);
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
static int draw_notice(const App *a, Ui *u, DrawList *dl)
{
	const Theme *t = &u->th;
	const char *notice = a->cfg->hall_notice;
	if (!notice[0]) return 0;
	TextStyle st = ts(t->small, 0, COL_ON_NOTICE);
	st.max_lines = 2;
	const TextLayout *l = ui_layout(u, notice, st, t->content_w);
	int h = l->height + 2 * t->gap;
	dl_rect(dl, 0, a->h - h, a->w, h, COL_NOTICE_BG, 0);
	dl_text(dl, l, t->content_x, a->h - h + t->gap, notice);
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
	if (icon > t->tile_icon_max) icon = t->tile_icon_max;
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
static int draw_tiles(const App *a, Ui *u, DrawList *dl, int x, int y, int w, int cols)
{
	const Theme *t = &u->th;
	int n = a->index->n_depts;
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
			const TextLayout *l = ui_layout(u, a->index->depts[r * cols + c].short_name, st, tw - 2 * t->button_inset);
			if (l->height > th) th = l->height;
		}
		int h = t->pad + icon + t->gap / 2 + th + t->pad;
		if (h < t->button_h) h = t->button_h;
		for (int c = 0; c < cols && r * cols + c < n; c++) {
			int i = r * cols + c, tx = x + c * (tw + t->gap);
			const Dept *d = &a->index->depts[i];
			int id = ACT_DEPT + i;
			dl_rect(dl, tx, y, tw, h, u->pressed == id ? COL_CARD_DOWN : COL_CARD, t->radius);
			ImageId img = ui_icon(a, u, i, icon);
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
				const TextLayout *fl = ui_layout(u, first, fs, icon);
				dl_text(dl, fl, tx + (tw - icon) / 2, y + t->pad + (icon - fl->height) / 2, first);
			}
			ui_text(u, dl, tx + t->button_inset, y + t->pad + icon + t->gap / 2, tw - 2 * t->button_inset,
			        d->short_name, st);
			dl_hit(dl, id, tx, y, tw, h);
		}
		y += h + t->gap;
	}
	return y - y0 - (n ? t->gap : 0);
}

/* 热门事项 rows; returns height. */
static int draw_hot(const App *a, Ui *u, DrawList *dl, int x, int y, int w)
{
	const Theme *t = &u->th;
	int y0 = y;
	for (int i = 0; i < a->n_hot; i++) {
		const Item *it = a->hot[i];
		const Dept *d = guide_find_dept(a->index, it->dept_code);
		int tw = ui_row_text_w(u, w);
		const TextLayout *nl = ui_layout(u, it->name, ts(t->body, 1, COL_TEXT), tw);
		const char *sub = d ? d->name : "";
		const TextLayout *sl = ui_layout(u, sub, ts(t->small, 0, COL_TEXT2), tw);
		y += ui_row(u, dl, ACT_HOT + i, x, y, w, 0, nl, it->name, sl, sub) + t->gap / 2;
	}
	return y - y0;
}

static void home_draw(const App *a, Ui *u, DrawList *dl, ScreenLayout *out)
{
	const Theme *t = &u->th;
	dl_rect(dl, 0, 0, a->w, a->h, COL_PAGE, 0);
	int top = draw_header(a, u, dl);
	int bottom = a->h - draw_notice(a, u, dl);
	DlRect old = dl_clip(dl, (DlRect){0, top, a->w, bottom - top});
	dl_scroll_begin(dl, scroll_px(&a->home_scroll));
	int y0 = top + t->gap - scroll_px(&a->home_scroll);
	int x = t->content_x, w = t->content_w, y = y0;

	/* The search bar: one big tap target that opens the search screen. */
	int sh = t->button_h * 5 / 4;
	int down = u->pressed == ACT_SEARCH;
	dl_frame(dl, x, y, w, sh, t->frame_line, COL_PRIMARY, down ? COL_CARD_DOWN : COL_CARD, sh / 2);
	const char *go = "搜索", *sp = "搜索事项：输入拼音首字母或汉字";
	int gw = ui_text_width(u, go, t->h2, 1) + 2 * t->pad;
	/* The 搜索 pill only where the prompt still fits beside it on one line
	 * (not in 长辈模式 on a narrow screen): the whole bar is the target. */
	int in = t->button_inset;             /* the pill inside the bar */
	if (ui_text_width(u, sp, t->body, 0) + 2 * t->pad + 2 * in + gw > w) gw = -in;
	if (gw > 0) {
		dl_rect(dl, x + w - gw - in, y + in, gw, sh - 2 * in, down ? COL_PRIMARY_DOWN : COL_PRIMARY,
		        (sh - 2 * in) / 2);
		TextStyle gs = ts(t->h2, 1, COL_ON_PRIMARY);
		gs.align = TEXT_ALIGN_CENTER;
		const TextLayout *gl = ui_layout(u, go, gs, gw);
		dl_text(dl, gl, x + w - gw - in, y + (sh - gl->height) / 2, go);
	}
	TextStyle ss = ts(t->body, 0, COL_TEXT2);
	ss.max_lines = 2;
	const TextLayout *sl = ui_layout(u, sp, ss, w - gw - in - 2 * t->pad);
	dl_text(dl, sl, x + t->pad + in, y + (sh - sl->height) / 2, sp);
	dl_hit(dl, ACT_SEARCH, x, y, w, sh);
	y += sh + t->gap;

	/* Section title with the 长辈模式 switch on the same row. */
	int swh = t->button_h;
	int sw = ui_elder_switch(a, u, dl, x + w, y, swh, 0);
	sw += t->gap / 2 + ui_contrast_switch(a, u, dl, x + w - sw - t->gap / 2, y, swh, 0);
	const TextLayout *hl = ui_layout(u, "按部门查找", ts(t->h1, 1, COL_TEXT),
	                                     w - sw - t->gap - 2 * t->accent_bar_w);
	ui_heading(u, dl, x, y + (swh - hl->height) / 2, w - sw - t->gap, "按部门查找", t->h1, t->gap / 2);
	y += swh + t->gap;

	int left_w, right_x, right_w;
	int cols = tile_cols(t, a->elder, &left_w);
	if (t->landscape) {
		right_x = x + left_w + 2 * t->gap;
		right_w = w - left_w - 2 * t->gap;
	} else {
		right_x = x;
		right_w = w;
	}
	int th = draw_tiles(a, u, dl, x, y, left_w, cols);
	int ry = t->landscape ? y : y + th + 2 * t->gap;
	ry += ui_heading(u, dl, right_x, ry, right_w, "热门事项", t->h1, t->gap / 2) + t->gap;
	int hot_h = draw_hot(a, u, dl, right_x, ry, right_w);
	int end = y + th > ry + hot_h ? y + th : ry + hot_h;
	int content_h = end + t->gap - y0;
	out->has_scroll_max = 1;
	out->scroll_max = (float)(content_h - (bottom - top));
	dl_scroll_end(dl);
	dl_clip(dl, old);
}

const Screen screen_home = {
	.name = "home", .event = home_event, .scroller = home_scroller, .update = home_update,
	.draw = home_draw,
};
