/* widgets.c — text, buttons, the header and icons, shared by the screens. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "kiosk.h"

TextStyle ts(int size, int bold, uint32_t color)
{
	TextStyle s = {0};
	s.size = size;
	s.bold = (uint8_t)bold;
	s.color = color;
	return s;
}

const TextLayout *ui_layout(Kiosk *k, const char *s, TextStyle st, int w)
{
	return ui_layout_n(k, s, strlen(s), st, w);
}

const TextLayout *ui_layout_n(Kiosk *k, const char *s, size_t len, TextStyle st, int w)
{
	TextPara p = {0};
	p.text = s;
	p.len = len;
	p.size = (uint16_t)st.size;
	p.bold = st.bold;
	p.color = st.color;
	p.line_spacing = k->th.line_spacing;
	p.max_lines = st.max_lines;
	p.align = st.align;
	p.list_hang = st.hang;
	return text_cache_get(k->tc, &p, w > 1 ? w : 1);
}

int ui_text(Kiosk *k, DrawList *dl, int x, int y, int w, const char *s, TextStyle st)
{
	const TextLayout *l = ui_layout(k, s, st, w);
	if (!l) return 0;
	dl_text(dl, l, x, y, s);
	return l->height;
}

int ui_text_n(Kiosk *k, DrawList *dl, int x, int y, int w, const char *s,
              size_t len, TextStyle st)
{
	const TextLayout *l = ui_layout_n(k, s, len, st, w);
	if (!l) return 0;
	dl_text(dl, l, x, y, s);
	return l->height;
}

int ui_paras(Kiosk *k, DrawList *dl, int x, int y, int w, const char *s,
             TextStyle st, int gap)
{
	int y0 = y, first = 1;
	const char *p;
	size_t n;
	while (ui_para_next(&s, &p, &n)) {
		if (!first) y += gap;
		y += ui_text_n(k, dl, x, y, w, p, n, st);
		first = 0;
	}
	return y - y0;
}

int ui_para_next(const char **s, const char **p, size_t *n)
{
	while (*s && **s) {
		const char *l = *s, *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		*s = e ? e + 1 : l + len;
		size_t a = 0;
		while (a < len && (l[a] == ' ' || l[a] == '\r' || l[a] == '\t')) a++;
		if (a < len) {
			*p = l + a;
			*n = len - a;
			return 1;
		}
	}
	return 0;
}

int ui_text_width(Kiosk *k, const char *s, int size, int bold)
{
	TextStyle st = ts(size, bold, COL_TEXT);
	st.max_lines = 1;
	const TextLayout *l = ui_layout(k, s, st, 100000);
	return l && l->n_lines ? l->lines[0].width : 0;
}

void ui_button(Kiosk *k, DrawList *dl, int id, DlRect r, const char *label,
               uint32_t bg, uint32_t bg_down, uint32_t fg, int size, int bold)
{
	dl_rect(dl, r.x, r.y, r.w, r.h, k->pressed == id ? bg_down : bg, k->th.radius);
	TextStyle st = ts(size, bold, fg);
	st.align = TEXT_ALIGN_CENTER;
	st.max_lines = 2;
	const TextLayout *l = ui_layout(k, label, st, r.w - 16);
	if (l) dl_text(dl, l, r.x + 8, r.y + (r.h - l->height) / 2, label);
	dl_hit(dl, id, r.x, r.y, r.w, r.h);
}

int ui_elder_switch(Kiosk *k, DrawList *dl, int right, int y, int h, int on_dark)
{
	const Theme *t = &k->th;
	const char *label = k->elder ? "长辈模式：开" : "长辈模式：关";
	int size = t->body;
	int w = ui_text_width(k, "长辈模式：开", size, 1) + 2 * t->pad;
	uint32_t bg, down, fg;
	if (k->elder) {
		bg = COL_SWITCH_ON; down = 0xE0B23CFFu; fg = COL_ON_SWITCH;
	} else if (on_dark) {
		bg = COL_CARD; down = COL_CARD_DOWN; fg = COL_PRIMARY;
	} else {
		bg = COL_PRIMARY; down = COL_PRIMARY_DOWN; fg = COL_ON_PRIMARY;
	}
	ui_button(k, dl, ACT_ELDER, (DlRect){right - w, y, w, h}, label, bg, down, fg, size, 1);
	return w;
}

int ui_contrast_switch(Kiosk *k, DrawList *dl, int right, int y, int h, int on_dark)
{
	const Theme *t = &k->th;
	int size = t->body;
	int w = ui_text_width(k, "高对比度", size, 1) + 2 * t->pad;
	uint32_t bg, down, fg;
	if (k->contrast) {
		bg = COL_SWITCH_ON; down = COL_SWITCH_DOWN; fg = COL_ON_SWITCH;
	} else if (on_dark) {
		bg = COL_CARD; down = COL_CARD_DOWN; fg = COL_PRIMARY;
	} else {
		bg = COL_PRIMARY; down = COL_PRIMARY_DOWN; fg = COL_ON_PRIMARY;
	}
	ui_button(k, dl, ACT_CONTRAST, (DlRect){right - w, y, w, h}, "高对比度", bg, down, fg, size, 1);
	return w;
}

int ui_header(Kiosk *k, DrawList *dl, const char *const *crumbs, int n)
{
	const Theme *t = &k->th;
	int bh = t->button_h, top = (t->header_h - bh) / 2;
	dl_rect(dl, 0, 0, k->w, t->header_h, COL_PRIMARY, 0);
	int x = t->margin;
	int bw = ui_text_width(k, "‹ 返回", t->body, 1) + 2 * t->pad;
	ui_button(k, dl, ACT_BACK, (DlRect){x, top, bw, bh}, "‹ 返回",
	          COL_CARD, COL_CARD_DOWN, COL_PRIMARY, t->body, 1);
	x += bw + t->gap;
	bw = ui_text_width(k, "首页", t->body, 1) + 2 * t->pad;
	ui_button(k, dl, ACT_HOME, (DlRect){x, top, bw, bh}, "首页",
	          COL_CARD, COL_CARD_DOWN, COL_PRIMARY, t->body, 1);
	x += bw + t->gap;
	int sw = ui_elder_switch(k, dl, k->w - t->margin, top, bh, 1);
	/* 搜索, where it fits between 首页 and the switch (not on search). */
	bw = ui_text_width(k, "搜索", t->body, 1) + 2 * t->pad;
	if (k->screen != SCR_SEARCH && x + bw + t->gap <= k->w - t->margin - sw) {
		ui_button(k, dl, ACT_SEARCH, (DlRect){x, top, bw, bh}, "搜索",
		          COL_CARD, COL_CARD_DOWN, COL_PRIMARY, t->body, 1);
		x += bw + t->gap;
	}
	/* 高对比度 beside the 长辈模式 switch where it fits (always on home). */
	int cw = ui_text_width(k, "高对比度", t->body, 1) + 2 * t->pad;
	if (x + cw + t->gap <= k->w - t->margin - sw)
		ui_contrast_switch(k, dl, k->w - t->margin - sw - t->gap / 2, top, bh, 1);

	/* Breadcrumb: where am I. */
	char buf[512];
	size_t o = 0;
	for (int i = 0; i < n && o < sizeof buf; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", i ? " › " : "", crumbs[i]);
	int y = t->header_h;
	TextStyle st = ts(t->small, 0, COL_TEXT2);
	st.max_lines = 1;
	const TextLayout *l = ui_layout(k, buf, st, k->w - 2 * t->margin);
	int ch = (l ? l->height : t->small) + t->gap;
	dl_rect(dl, 0, y, k->w, ch, COL_TINT, 0);
	if (l) dl_text(dl, l, t->margin, y + t->gap / 2, buf);
	dl_rect(dl, 0, y + ch - 2, k->w, 2, COL_LINE, 0);
	return y + ch;
}

ImageId ui_icon(Kiosk *k, int d, int px)
{
	IconTex *ic = &k->icons[d];
	if (ic->missing && ic->size == px) return 0;
	const char *name = k->index->depts[d].icon;
	if (!name || !*name) return 0;
	char path[CONFIG_STR * 2];
	snprintf(path, sizeof path, "%s/icons/%s", k->assets, name);
	if (access(path, R_OK) != 0) {
		ic->missing = 1;
		ic->size = px;
		return 0;
	}
	return IMG_ICON(d, px, k->contrast);
}

void ui_clock(const Kiosk *k, char *date, size_t dn, char *tbuf, size_t tn)
{
	static const char *wd[] = {"日", "一", "二", "三", "四", "五", "六"};
	time_t t = (time_t)(k->clock_base + k->now / 1000);
	struct tm tm;
	localtime_r(&t, &tm);
	snprintf(date, dn, "%d月%d日 星期%s", tm.tm_mon + 1, tm.tm_mday, wd[tm.tm_wday]);
	snprintf(tbuf, tn, "%02d:%02d", tm.tm_hour, tm.tm_min);
}
