/* screen_dept.c — one department: where it is, and its items as a
 * scrollable list (name, type, time limit, visits at a glance). */
#include <stdio.h>
#include <string.h>
#include "screens.h"

static Scroll *dept_scroller(App *a) { return &a->dept_scroll; }

static int dept_update(App *a, float dt)
{
	return scroll_step(&a->dept_scroll, dt);
}

static void dept_event(App *a, const AppEvent *e)
{
	const Dept *d = &a->index->depts[a->dept];
	if (e->kind == EV_ACTION && e->id >= ACT_ITEM && e->id < ACT_ITEM + d->n_items)
		app_open_item(a, &d->items[e->id - ACT_ITEM]);
}

/* A small tag with tinted background; returns its width. */
static int tag(const App *a, Ui *u, DrawList *dl, int x, int y, const char *s, uint32_t bg, uint32_t fg)
{
	const Theme *t = &u->th;
	int w = ui_text_width(u, s, t->small, 0);
	const TextLayout *l = ui_layout(u, s, ts(t->small, 0, fg), w + t->arrow_slack);
	dl_rect(dl, x, y, w + t->pad, l->height, bg, t->radius / 2);
	dl_text(dl, l, x + t->pad / 2, y, s);
	return w + t->pad;
}

/* The time limit as shown at a glance: 承诺 if given, else 法定. */
static void glance_time(const Item *it, char *buf, size_t n)
{
	char v[64];
	if (it->time_limit.promised.unit != TL_NONE)
		snprintf(buf, n, "承诺%s", time_value_format(it->time_limit.promised, v, sizeof v));
	else if (it->time_limit.legal.unit == TL_IMMEDIATE)
		snprintf(buf, n, "即办");
	else
		time_legal_short(it->time_limit.legal, buf, n);
}

static void dept_draw(const App *a, Ui *u, DrawList *dl, ScreenLayout *out)
{
	const Theme *t = &u->th;
	const Dept *d = &a->index->depts[a->dept];
	dl_rect(dl, 0, 0, a->w, a->h, COL_PAGE, 0);
	const char *crumbs[] = {"首页", d->short_name};
	int top = ui_header(a, u, dl, crumbs, 2);
	DlRect old = dl_clip(dl, (DlRect){0, top, a->w, a->h - top});
	dl_scroll_begin(dl, scroll_px(&a->dept_scroll));
	int y0 = top + t->gap - scroll_px(&a->dept_scroll);
	int x = t->content_x, w = t->content_w, y = y0;

	/* The department card. */
	int iw = w - 2 * t->pad;
	const TextLayout *nl = ui_layout(u, d->name, ts(t->h1, 1, COL_PRIMARY), iw);
	int ih = 0;
	TextStyle is = ts(t->body, 0, COL_TEXT2);
	const char *lines[3];
	char l1[256], l2[256], l3[320];
	snprintf(l1, sizeof l1, "办理窗口：%s（%s）", d->window, d->floor);
	snprintf(l2, sizeof l2, "咨询电话：%s", d->phone);
	snprintf(l3, sizeof l3, "办公时间：%s", d->hours);
	lines[0] = l1; lines[1] = l2; lines[2] = l3;
	for (int i = 0; i < 3; i++) ih += ui_layout(u, lines[i], is, iw)->height;
	int ch = t->pad + nl->height + t->gap / 2 + ih + t->pad;
	dl_rect(dl, x, y, w, ch, COL_CARD, t->radius);
	dl_rect(dl, x, y, t->card_bar_w, ch, COL_PRIMARY, 0);
	dl_text(dl, nl, x + t->pad, y + t->pad, d->name);
	int yy = y + t->pad + nl->height + t->gap / 2;
	for (int i = 0; i < 3; i++) yy += ui_text(u, dl, x + t->pad, yy, iw, lines[i], is);
	y += ch + t->gap * 2;

	char hd[64];
	snprintf(hd, sizeof hd, "本部门办理事项（%d项）", d->n_items);
	dl_rect(dl, x, y + t->gap / 2, t->accent_bar_w, t->h2, COL_PRIMARY, t->accent_bar_radius);
	y += ui_text(u, dl, x + t->accent_bar_w + t->gap / 2, y, w, hd, ts(t->h2, 1, COL_TEXT)) + t->gap;

	if (d->n_items == 0)
		y += ui_text(u, dl, x, y, w, "本部门暂无可在此查询的事项，请到窗口咨询。", ts(t->body, 0, COL_TEXT2));

	for (int i = 0; i < d->n_items; i++) {
		const Item *it = &d->items[i];
		int id = ACT_ITEM + i;
		int arrow = ui_text_width(u, "›", t->h1, 1);
		int tw = w - 2 * t->pad - arrow - t->gap;
		const TextLayout *tl = ui_layout(u, it->name, ts(t->h2, 1, COL_TEXT), tw);
		char tm[96], vis[32], where[300];
		glance_time(it, tm, sizeof tm);
		snprintf(vis, sizeof vis, "到现场%d次", it->visits);
		snprintf(where, sizeof where, "办理窗口：%s", d->window);
		int tagh = ui_layout(u, tm, ts(t->small, 0, COL_TEXT), THEME_UNBOUNDED_W)->height;
		const TextLayout *wl = ui_layout(u, where, ts(t->small, 0, COL_TEXT2), tw);
		/* Tags wrap onto more rows when they do not fit. */
		const char *tags[3] = {it->type, tm, vis};
		int rows = 1, cx = 0;
		for (int j = 0; j < 3; j++) {
			int tgw = ui_text_width(u, tags[j], t->small, 0) + t->pad;
			if (cx > 0 && cx + tgw > tw) { rows++; cx = 0; }
			cx += tgw + t->gap / 2;
		}
		int h = t->pad + tl->height + t->gap / 2 + rows * (tagh + t->gap / 2) + wl->height + t->pad;
		if (y + h >= top && y < a->h) {
			dl_rect(dl, x, y, w, h, u->pressed == id ? COL_CARD_DOWN : COL_CARD, t->radius);
			int ty = y + t->pad;
			dl_text(dl, tl, x + t->pad, ty, it->name);
			ty += tl->height + t->gap / 2;
			uint32_t bgs[3] = {COL_TINT, COL_WARN_BG, COL_OK_BG};
			uint32_t fgs[3] = {COL_PRIMARY, COL_WARN, COL_OK};
			cx = 0;
			for (int j = 0; j < 3; j++) {
				int tgw = ui_text_width(u, tags[j], t->small, 0) + t->pad;
				if (cx > 0 && cx + tgw > tw) { ty += tagh + t->gap / 2; cx = 0; }
				cx += tag(a, u, dl, x + t->pad + cx, ty, tags[j], bgs[j], fgs[j]) + t->gap / 2;
			}
			ty += tagh + t->gap / 2;
			dl_text(dl, wl, x + t->pad, ty, where);
			const TextLayout *al = ui_layout(u, "›", ts(t->h1, 1, COL_PRIMARY), arrow + t->arrow_slack);
			dl_text(dl, al, x + w - t->pad - arrow, y + (h - al->height) / 2, "›");
			dl_hit(dl, id, x, y, w, h);
		}
		y += h + t->gap;
	}
	int content_h = y + t->gap - y0;
	out->has_scroll_max = 1;
	out->scroll_max = (float)(content_h - (a->h - top));
	dl_scroll_end(dl);
	dl_clip(dl, old);
}

const Screen screen_dept = {
	.name = "department", .event = dept_event, .scroller = dept_scroller,
	.update = dept_update, .draw = dept_draw,
};
