/* ui.c — text and button widgets over a DrawList (ui.h). */
#include <string.h>
#include "ui.h"

TextStyle ts(int size, int bold, uint32_t color)
{
	TextStyle s = {0};
	s.size = size;
	s.bold = (uint8_t)bold;
	s.color = color;
	return s;
}

int ui_image_ok(const Ui *u, ImageId id)
{
	return id && (!u->image_ok || u->image_ok(u->image_ctx, id));
}

const TextLayout *ui_layout(Ui *u, const char *s, TextStyle st, int w)
{
	return ui_layout_n(u, s, strlen(s), st, w);
}

const TextLayout *ui_layout_spans(Ui *u, const char *s, size_t len, TextStyle st,
                                  const TextSpan *spans, int n, int w)
{
	TextPara p = {0};
	p.text = s;
	p.len = len;
	p.size = (uint16_t)st.size;
	p.bold = st.bold;
	p.color = st.color;
	p.line_spacing = u->th.line_spacing;
	p.max_lines = st.max_lines;
	p.align = st.align;
	p.list_hang = st.hang;
	p.spans = n ? spans : NULL;
	p.n_spans = n;
	return text_cache_get(u->tc, &p, w > 1 ? w : 1);
}

const TextLayout *ui_layout_n(Ui *u, const char *s, size_t len, TextStyle st, int w)
{
	return ui_layout_spans(u, s, len, st, NULL, 0, w);
}

int ui_text(Ui *u, DrawList *dl, int x, int y, int w, const char *s, TextStyle st)
{
	return ui_text_n(u, dl, x, y, w, s, strlen(s), st);
}

int ui_text_n(Ui *u, DrawList *dl, int x, int y, int w, const char *s,
              size_t len, TextStyle st)
{
	const TextLayout *l = ui_layout_n(u, s, len, st, w);
	if (!l) return 0;
	dl_text(dl, l, x, y, s);
	return l->height;
}

int ui_paras(Ui *u, DrawList *dl, int x, int y, int w, const char *s,
             TextStyle st, int gap)
{
	int y0 = y, first = 1;
	const char *p;
	size_t n;
	while (ui_para_next(&s, &p, &n)) {
		if (!first) y += gap;
		y += ui_text_n(u, dl, x, y, w, p, n, st);
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

int ui_text_width(Ui *u, const char *s, int size, int bold)
{
	TextStyle st = ts(size, bold, COL_TEXT);
	st.max_lines = 1;
	const TextLayout *l = ui_layout(u, s, st, THEME_UNBOUNDED_W);
	return l && l->n_lines ? l->lines[0].width : 0;
}

void ui_button(Ui *u, DrawList *dl, int id, DlRect r, const char *label,
               uint32_t bg, uint32_t bg_down, uint32_t fg, int size, int bold)
{
	const Theme *t = &u->th;
	dl_rect(dl, r.x, r.y, r.w, r.h, u->pressed == id ? bg_down : bg, t->radius);
	TextStyle st = ts(size, bold, fg);
	st.align = TEXT_ALIGN_CENTER;
	st.max_lines = 2;
	const TextLayout *l = ui_layout(u, label, st, r.w - 2 * t->button_inset);
	if (l) dl_text(dl, l, r.x + t->button_inset, r.y + (r.h - l->height) / 2, label);
	dl_hit(dl, id, r.x, r.y, r.w, r.h);
}

int ui_heading(Ui *u, DrawList *dl, int x, int y, int w, const char *s, int size, int bar_dy)
{
	const Theme *t = &u->th;
	int bar = t->accent_bar_w;
	dl_rect(dl, x, y + bar_dy, bar, size, COL_PRIMARY, t->accent_bar_radius);
	return ui_text(u, dl, x + bar + t->gap / 2, y, w - bar - t->gap / 2, s, ts(size, 1, COL_TEXT));
}

int ui_row_text_w(Ui *u, int w)
{
	const Theme *t = &u->th;
	return w - 2 * t->pad - ui_text_width(u, "›", t->h1, 1) - t->gap;
}

int ui_row(Ui *u, DrawList *dl, int id, int x, int y, int w, int cull,
           const TextLayout *nl, const char *title, const TextLayout *sl, const char *sub)
{
	const Theme *t = &u->th;
	int h = t->pad + nl->height + sl->height + t->pad;
	if (h < t->button_h) h = t->button_h;
	if (!cull || (y + h > dl->clip.y && y < dl->clip.y + dl->clip.h)) {
		int arrow = ui_text_width(u, "›", t->h1, 1);
		dl_rect(dl, x, y, w, h, u->pressed == id ? COL_CARD_DOWN : COL_CARD, t->radius);
		int ty = y + (h - nl->height - sl->height) / 2;
		dl_text(dl, nl, x + t->pad, ty, title);
		dl_text(dl, sl, x + t->pad, ty + nl->height, sub);
		const TextLayout *al = ui_layout(u, "›", ts(t->h1, 1, COL_PRIMARY), arrow + t->arrow_slack);
		dl_text(dl, al, x + w - t->pad - arrow, y + (h - al->height) / 2, "›");
		dl_hit(dl, id, x, y, w, h);
	}
	return h;
}
