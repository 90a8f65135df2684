/* screen_search.c — find an item by pinyin, Chinese or code: the query box
 * with its caret, the results list (matched part highlighted) and the
 * on-screen keyboard; the empty-query hint with 热门事项; the friendly
 * no-result page; and the anonymous no-result record (usage.h).
 *
 * The query, its results and the no-result record are the model's
 * (model/search_state.h); this file draws them and maps taps and keys. */
#include <stdio.h>
#include <string.h>
#include "model/search_state.h"
#include "keyboard.h"

static void search_leave(App *a)
{
	search_record_pending(a);
}

static Scroll *search_scroller(App *a) { return &a->search->scroll; }

static int search_update(App *a, float dt)
{
	search_tick(a);
	return scroll_step(&a->search->scroll, dt);
}

static void search_event(App *a, const AppEvent *e)
{
	const SearchState *s = a->search;
	if (e->kind == EV_TEXT) {
		search_type(a, e->str);
	} else if (e->kind == EV_KEY) {
		/* Physical keys: a letter or digit types it (when text input is
		 * off; otherwise it comes as text), Delete clears. */
		if (!strcmp(e->str, "Backspace")) search_backspace(a);
		else if (!strcmp(e->str, "Delete")) search_clear(a);
		else if (strlen(e->str) == 1 && ((e->str[0] >= 'A' && e->str[0] <= 'Z') ||
		                                 (e->str[0] >= 'a' && e->str[0] <= 'z') ||
		                                 (e->str[0] >= '0' && e->str[0] <= '9')))
			search_type(a, e->str);
	} else if (e->kind == EV_ACTION) {
		const KeyboardKey *kk = keyboard_key(e->id);
		if (kk) {
			char c[2] = {kk->ch, 0};
			switch (kk->kind) {
			case KEY_CHAR: search_type(a, c); break;
			case KEY_BACKSPACE: search_backspace(a); break;
			case KEY_CLEAR: search_clear(a); break;
			case KEY_CLOSE: app_back(a); break;
			}
		} else if (e->id >= ACT_RESULT && e->id < ACT_RESULT + s->n_res) {
			app_open_item(a, s->res[e->id - ACT_RESULT].item);
		} else if (e->id >= ACT_HOT && e->id < ACT_HOT + a->n_hot) {
			app_open_item(a, a->hot[e->id - ACT_HOT]);
		}
	}
}

/* -------------------------------------------------------------- drawing */

/* One result or hot row: the title (with highlight spans) over the grey
 * sub line, drawn only where it meets the clip. */
static int row(Ui *u, DrawList *dl, int id, int x, int y, int w,
               const char *title, const TextSpan *spans, int n_spans, const char *sub)
{
	const Theme *t = &u->th;
	int tw = ui_row_text_w(u, w);
	TextStyle ns = ts(t->h2, 0, COL_TEXT);
	ns.max_lines = 3;
	const TextLayout *nl = ui_layout_spans(u, title, strlen(title), ns, spans, n_spans, tw);
	TextStyle ss = ts(t->small, 0, COL_TEXT2);
	ss.max_lines = 1;
	const TextLayout *sl = ui_layout(u, sub, ss, tw);
	return ui_row(u, dl, id, x, y, w, 1, nl, title, sl, sub);
}

static int hot_rows(const App *a, Ui *u, DrawList *dl, int x, int y, int w)
{
	int y0 = y;
	y += ui_heading(u, dl, x, y, w, "热门事项", u->th.h2, u->th.gap / 3) + u->th.gap / 2;
	for (int i = 0; i < a->n_hot; i++) {
		const Item *it = a->hot[i];
		const Dept *d = guide_find_dept(a->index, it->dept_code);
		y += row(u, dl, ACT_HOT + i, x, y, w, it->name, NULL, 0, d ? d->short_name : "") + u->th.gap / 2;
	}
	return y - y0;
}

/* The query box: what was typed, then the caret; the tail stays in view. */
static void query_box(const App *a, Ui *u, DrawList *dl, int x, int y, int w, int h)
{
	const Theme *t = &u->th;
	const SearchState *s = a->search;
	int in = t->button_inset;
	dl_frame(dl, x, y, w, h, t->frame_line, COL_PRIMARY, COL_CARD, t->radius);
	int size = t->h1, iw = w - 2 * t->pad - in;
	const char *shown = s->query;
	while (*shown && ui_text_width(u, shown, size, 0) > iw) {
		shown++;
		while ((*shown & 0xC0) == 0x80) shown++;
	}
	int tx = x + t->pad, cy = y + h / 2;
	int caret_h = size * 5 / 4;
	if (s->len) {
		TextStyle st = ts(size, 0, COL_TEXT);
		st.max_lines = 1;
		const TextLayout *l = ui_layout(u, shown, st, iw + in);
		dl_text(dl, l, tx, cy - l->height / 2, shown);
		tx += l->n_lines ? l->lines[0].width + t->caret_w : 0;
	} else {
		TextStyle st = ts(t->body, 0, COL_TEXT2);
		st.max_lines = 1;
		const char *ph = "输入拼音首字母、全拼或汉字";
		const TextLayout *l = ui_layout(u, ph, st, iw - 2 * in);
		dl_text(dl, l, tx + 2 * in, cy - l->height / 2, ph);
	}
	dl_rect(dl, tx, cy - caret_h / 2, t->caret_w, caret_h, COL_PRIMARY, 0);
}

/* The results column (or hint, or no-result page) in (x, top, w, bottom),
 * scrolled. */
static void results(const App *a, Ui *u, DrawList *dl, ScreenLayout *out, int x, int top, int w,
                    int bottom)
{
	const Theme *t = &u->th;
	const SearchState *s = a->search;
	int slack = t->arrow_slack;          /* the row shadows' room */
	DlRect old = dl_clip(dl, (DlRect){x - slack, top, w + 2 * slack, bottom - top});
	dl_scroll_begin(dl, scroll_px(&s->scroll));
	int y0 = top - scroll_px(&s->scroll), y = y0;
	char buf[SEARCH_TYPED_MAX + 96];
	if (!s->len) {
		TextStyle hs = ts(t->body, 0, COL_TEXT2);
		y += ui_text(u, dl, x, y, w, "用键盘输入要办的事：拼音首字母、全拼或汉字都可以，例如", hs);
		y += ui_text(u, dl, x, y, w, "营业执照 → YYZZ　　护照 → HUZHAO", ts(t->body, 1, COL_TEXT));
		y += t->gap;
		y += hot_rows(a, u, dl, x, y, w);
	} else if (!s->n_res) {
		snprintf(buf, sizeof buf, "没有找到“%s”相关事项", s->query);
		TextStyle ms = ts(t->h2, 1, COL_TEXT);
		y += ui_text(u, dl, x, y, w, buf, ms);
		y += ui_text(u, dl, x, y, w, "请检查拼写或少输几个字，也可以按部门查找，或到咨询台询问工作人员。",
		             ts(t->body, 0, COL_TEXT2)) + t->gap / 2;
		int bw = ui_text_width(u, "按部门查找", t->body, 1) + 2 * t->pad;
		ui_button(u, dl, ACT_HOME, (DlRect){x, y, bw, t->button_h}, "按部门查找",
		          COL_PRIMARY, COL_PRIMARY_DOWN, COL_ON_PRIMARY, t->body, 1);
		y += t->button_h + t->gap;
		y += hot_rows(a, u, dl, x, y, w);
	} else {
		if (s->n_res == SEARCH_RESULTS_MAX)
			snprintf(buf, sizeof buf, "找到较多事项，先显示%d项；多输几个字可缩小范围", s->n_res);
		else
			snprintf(buf, sizeof buf, "找到%d项事项", s->n_res);
		y += ui_text(u, dl, x, y, w, buf, ts(t->small, 0, COL_TEXT2)) + t->gap / 3;
		for (int i = 0; i < s->n_res; i++) {
			const ResultRow *r = &s->rows[i];
			int one = !r->line_br[0] ||
			          ui_text_width(u, r->line, t->h2, 1) <= ui_row_text_w(u, w);
			y += row(u, dl, ACT_RESULT + i, x, y, w, one ? r->line : r->line_br,
			         one ? r->spans : r->spans_br, r->n_spans, r->sub) + t->gap / 2;
		}
	}
	out->has_scroll_max = 1;
	out->scroll_max = (float)(y - y0 + t->gap - (bottom - top));
	dl_scroll_end(dl);
	dl_clip(dl, old);
}

static void search_draw(const App *a, Ui *u, DrawList *dl, ScreenLayout *out)
{
	const Theme *t = &u->th;
	dl_rect(dl, 0, 0, a->w, a->h, COL_PAGE, 0);
	const char *crumbs[] = {"首页", "搜索事项"};
	int top = ui_header(a, u, dl, crumbs, 2);
	int qh = t->h1 * 2;
	if (qh < t->button_h) qh = t->button_h;
	int x = t->margin, w = a->w - 2 * t->margin;
	if (t->landscape) {
		/* Keyboard on the left under the query box, results on the right;
		 * keys just above the minimum leave the results a readable width. */
		int kw = a->w * 3 / 5;
		KeyboardGeom g = keyboard_geom(t, kw < t->keyboard_w_max ? kw : t->keyboard_w_max);
		int y = top + t->gap;
		query_box(a, u, dl, x, y, g.w, qh);
		keyboard_draw(u, dl, x, y + qh + t->gap, &g);
		int rx = x + g.w + t->gap;
		results(a, u, dl, out, rx, top + t->gap, a->w - t->margin - rx, a->h);
	} else {
		/* The keyboard takes nearly the full width: 10 keys of >= 96 px
		 * fit a 1080 px screen only with a narrow edge. */
		KeyboardGeom g = keyboard_geom(t, a->w - 2 * t->keyboard_edge);
		int ky = a->h - g.h - t->keyboard_edge;
		int y = top + t->gap;
		query_box(a, u, dl, x, y, w, qh);
		y += qh + t->gap;
		results(a, u, dl, out, x, y, w, ky - t->gap / 2);
		keyboard_draw(u, dl, (a->w - g.w) / 2, ky, &g);
	}
}

const Screen screen_search = {
	.name = "search", .leave = search_leave, .event = search_event,
	.scroller = search_scroller, .update = search_update, .draw = search_draw,
	.timeout = search_timeout,
};
