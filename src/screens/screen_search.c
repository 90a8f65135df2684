/* screen_search.c — find an item by pinyin, Chinese or code: the query box
 * with its caret, the results list (matched part highlighted) and the
 * on-screen keyboard; the empty-query hint with 热门事项; the friendly
 * no-result page; and the anonymous no-result record (usage.h).
 *
 * The index (search.h) is built once at start. A query runs once per
 * input (key, tap, text), never per frame: the results are kept with the
 * text and highlight spans of each row, and the frame only draws them.
 *
 * A query without result is recorded when it is final: when the citizen
 * leaves the screen (or the idle reset clears it) or stops typing for
 * SEARCH_IDLE_RECORD_MS — never once per keystroke on the way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "keyboard.h"

#define SEARCH_RESULTS_MAX 30           /* rows shown; more asks for a longer query */
#define SEARCH_LINE_MAX 640             /* name（synonym） of one row */
#define SEARCH_TYPED_MAX 96             /* bytes a citizen can type (≈ 30 汉字) */
#define SEARCH_IDLE_RECORD_MS 3000u     /* no-result query is final after this */

typedef struct ResultRow {
	char line[SEARCH_LINE_MAX];     /* the name, plus （synonym） when matched by one */
	TextSpan spans[SEARCH_MAX_RANGES + 1];
	int n_spans;
	/* The same with a line break before （synonym）, for when the whole
	 * does not fit one line: the synonym then stays in one piece. */
	char line_br[SEARCH_LINE_MAX];  /* "" without synonym */
	TextSpan spans_br[SEARCH_MAX_RANGES + 1];
	char sub[160];                  /* department · how it matched */
} ResultRow;

struct SearchState {
	SearchIndex *ix;
	char query[SEARCH_TYPED_MAX];   /* as typed (letters lower case) */
	int len;
	SearchResult res[SEARCH_RESULTS_MAX];
	ResultRow rows[SEARCH_RESULTS_MAX];
	int n_res;
	char pending[SEARCH_QUERY_MAX]; /* no-result query not yet recorded, "" if none */
	uint32_t pending_at;            /* when it was typed (clock ms) */
	Scroll scroll;                  /* the results / hint column */
};

/* ------------------------------------------------------------ recording */

/* Record the pending no-result query, once. */
static void record_pending(Kiosk *k)
{
	SearchState *s = k->search;
	if (!s || !s->pending[0]) return;
	char err[256];
	if (k->usage && usage_record_no_result(k->usage, s->pending,
	                                       k->clock_base + k->now / 1000, err, sizeof err) < 0)
		fprintf(stderr, "kiosk: usage: %s\n", err);
	s->pending[0] = 0;
}

/* ------------------------------------------------------------- querying */

static int cmp_range(const void *a, const void *b)
{
	return ((const SearchRange *)a)->start - ((const SearchRange *)b)->start;
}

/* Prepare what a row draws from result r: the text and its highlight. */
static void make_row(ResultRow *row, const SearchResult *r)
{
	size_t nl = strlen(r->name);
	row->n_spans = 0;
	if (r->synonym) {
		snprintf(row->line, sizeof row->line, "%s（%s）", r->name, r->synonym);
	} else {
		snprintf(row->line, sizeof row->line, "%s", r->name);
	}
	size_t used = strlen(row->line);
	/* Name ranges, sorted and merged so the spans never overlap. */
	SearchRange rg[SEARCH_MAX_RANGES];
	int n = r->n_name_ranges < SEARCH_MAX_RANGES ? r->n_name_ranges : SEARCH_MAX_RANGES;
	memcpy(rg, r->name_ranges, sizeof rg[0] * (size_t)n);
	qsort(rg, (size_t)n, sizeof rg[0], cmp_range);
	for (int i = 0; i < n; i++) {
		if (rg[i].start < 0 || rg[i].end > (int)nl || rg[i].start >= rg[i].end) continue;
		TextSpan *last = row->n_spans ? &row->spans[row->n_spans - 1] : NULL;
		if (last && (uint32_t)rg[i].start <= last->end) {
			if ((uint32_t)rg[i].end > last->end) last->end = (uint32_t)rg[i].end;
			continue;
		}
		TextSpan sp = {(uint32_t)rg[i].start, (uint32_t)rg[i].end, 0, 1, COL_MATCH};
		row->spans[row->n_spans++] = sp;
	}
	if (r->synonym && r->synonym_range.end > r->synonym_range.start) {
		uint32_t off = (uint32_t)nl + (uint32_t)strlen("（");
		TextSpan sp = {off + (uint32_t)r->synonym_range.start,
		               off + (uint32_t)r->synonym_range.end, 0, 1, COL_MATCH};
		if (sp.end <= used) row->spans[row->n_spans++] = sp;
	}
	row->line_br[0] = 0;
	if (r->synonym) {
		snprintf(row->line_br, sizeof row->line_br, "%s\n（%s）", r->name, r->synonym);
		for (int i = 0; i < row->n_spans; i++) {
			row->spans_br[i] = row->spans[i];
			if (row->spans[i].start >= nl) { row->spans_br[i].start++; row->spans_br[i].end++; }
		}
	}
	const char *dept = r->dept_short_name ? r->dept_short_name : "";
	switch (r->match) {
	case SEARCH_CODE:
		snprintf(row->sub, sizeof row->sub, "%s · 事项编码 %s", dept, r->code);
		break;
	case SEARCH_TEXT:
		snprintf(row->sub, sizeof row->sub, "%s · 办事指南中提到", dept);
		break;
	default:
		snprintf(row->sub, sizeof row->sub, "%s", dept);
	}
}

/* The index is built on the first visit to the search screen, not before
 * the first frame: ~25 ms and ~6 MB for 10,000 items that a kiosk whose
 * citizens only browse never pays. 0, or -1 if it cannot be built. */
static int ensure_index(Kiosk *k)
{
	SearchState *s = k->search;
	if (s->ix) return 0;
	s->ix = search_index_build(k->index, k->bundle);
	if (!s->ix) fprintf(stderr, "kiosk: search index: out of memory\n");
	return s->ix ? 0 : -1;
}

/* The query changed: run it once and keep what the rows show. */
static void run_query(Kiosk *k)
{
	SearchState *s = k->search;
	if (s->len && ensure_index(k) < 0) s->len = 0;
	s->n_res = s->len ? search_query(s->ix, s->query, s->res, SEARCH_RESULTS_MAX) : 0;
	for (int i = 0; i < s->n_res; i++) make_row(&s->rows[i], &s->res[i]);
	scroll_jump(&s->scroll, 0);
	/* A query that found nothing may be the one the citizen stops at. */
	if (s->len && s->n_res == 0) {
		snprintf(s->pending, sizeof s->pending, "%s", search_last_query(s->ix));
		s->pending_at = k->now;
	} else {
		s->pending[0] = 0;
	}
	kiosk_mark_dirty(k);
}

/* Append utf8 (whole characters only; ASCII letters lower-cased). */
static void type_text(Kiosk *k, const char *utf8)
{
	SearchState *s = k->search;
	int changed = 0;
	for (const unsigned char *p = (const unsigned char *)utf8; *p;) {
		int n = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
		int ok = 1;
		for (int i = 1; i < n; i++) if ((p[i] & 0xC0) != 0x80) ok = 0;
		if (!ok) { p++; continue; }     /* not UTF-8: skip the byte */
		if (n == 1 && (*p < 0x20 || *p == 0x7F)) { p++; continue; }
		if (s->len + n >= (int)sizeof s->query) break;
		for (int i = 0; i < n; i++) {
			unsigned char c = p[i];
			s->query[s->len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
		p += n;
		changed = 1;
	}
	s->query[s->len] = 0;
	if (changed) run_query(k);
}

static void backspace(Kiosk *k)
{
	SearchState *s = k->search;
	if (!s->len) return;
	do s->len--; while (s->len > 0 && ((unsigned char)s->query[s->len] & 0xC0) == 0x80);
	s->query[s->len] = 0;
	run_query(k);
}

static void clear_query(Kiosk *k)
{
	SearchState *s = k->search;
	record_pending(k);
	s->len = 0;
	s->query[0] = 0;
	run_query(k);
}

/* ------------------------------------------------------------ lifecycle */

int kiosk_search_init(Kiosk *k)
{
	SearchState *s = calloc(1, sizeof *s);
	if (!s) return -1;
	k->search = s;                  /* the index comes with the first visit */
	return 0;
}

void kiosk_search_fini(Kiosk *k)
{
	if (!k->search) return;
	record_pending(k);
	search_index_free(k->search->ix);
	free(k->search);
	k->search = NULL;
}

void kiosk_search_reset(Kiosk *k)
{
	if (k->search) clear_query(k);
}

void kiosk_open_search(Kiosk *k)
{
	if (!k->search || ensure_index(k) < 0) return;  /* out of memory: browse only */
	clear_query(k);
	kiosk_go(k, SCR_SEARCH);
}

static void search_leave(Kiosk *k)
{
	record_pending(k);
}

static Scroll *search_scroller(Kiosk *k) { return &k->search->scroll; }

static int search_update(Kiosk *k, float dt)
{
	SearchState *s = k->search;
	if (s->pending[0] && k->now - s->pending_at >= SEARCH_IDLE_RECORD_MS)
		record_pending(k);
	return scroll_step(&s->scroll, dt);
}

static uint32_t search_timeout(const Kiosk *k)
{
	const SearchState *s = k->search;
	if (!s->pending[0]) return UINT32_MAX;
	uint32_t since = k->now - s->pending_at;
	return since >= SEARCH_IDLE_RECORD_MS ? 0 : SEARCH_IDLE_RECORD_MS - since;
}

static void search_event(Kiosk *k, const KioskEvent *e)
{
	SearchState *s = k->search;
	if (e->kind == EV_TEXT) {
		type_text(k, e->str);
	} else if (e->kind == EV_KEY) {
		/* Physical keys: a letter or digit types it (when text input is
		 * off; otherwise it comes as text), Delete clears. */
		if (!strcmp(e->str, "Backspace")) backspace(k);
		else if (!strcmp(e->str, "Delete")) clear_query(k);
		else if (strlen(e->str) == 1 && ((e->str[0] >= 'A' && e->str[0] <= 'Z') ||
		                                 (e->str[0] >= 'a' && e->str[0] <= 'z') ||
		                                 (e->str[0] >= '0' && e->str[0] <= '9')))
			type_text(k, e->str);
	} else if (e->kind == EV_ACTION) {
		const KeyboardKey *kk = keyboard_key(e->id);
		if (kk) {
			char c[2] = {kk->ch, 0};
			switch (kk->kind) {
			case KEY_CHAR: type_text(k, c); break;
			case KEY_BACKSPACE: backspace(k); break;
			case KEY_CLEAR: clear_query(k); break;
			case KEY_CLOSE: kiosk_back(k); break;
			}
		} else if (e->id >= ACT_RESULT && e->id < ACT_RESULT + s->n_res) {
			kiosk_open_item(k, s->res[e->id - ACT_RESULT].item);
		} else if (e->id >= ACT_HOT && e->id < ACT_HOT + k->n_hot) {
			kiosk_open_item(k, k->hot[e->id - ACT_HOT]);
		}
	}
}

/* -------------------------------------------------------------- drawing */

static const TextLayout *layout_spans(Kiosk *k, const char *text, TextStyle st,
                                      const TextSpan *spans, int n, int w)
{
	TextPara p = {0};
	p.text = text;
	p.len = strlen(text);
	p.size = (uint16_t)st.size;
	p.bold = st.bold;
	p.color = st.color;
	p.line_spacing = k->th.line_spacing;
	p.spans = n ? spans : NULL;
	p.n_spans = n;
	p.max_lines = st.max_lines;
	return text_cache_get(k->tc, &p, w > 1 ? w : 1);
}

/* Width a row takes besides its text: the arrow and the gap before it. */
static int row_extra(Kiosk *k)
{
	return ui_text_width(k, "›", k->th.h1, 1) + k->th.gap;
}

/* One tappable row: a title (with highlight spans) over a grey line and an
 * arrow. Returns its height; draws only if it meets the clip. */
static int row(Kiosk *k, DrawList *dl, int id, int x, int y, int w,
               const char *title, const TextSpan *spans, int n_spans, const char *sub)
{
	const Theme *t = &k->th;
	int arrow = ui_text_width(k, "›", t->h1, 1);
	int tw = w - 2 * t->pad - row_extra(k);
	TextStyle ns = ts(t->h2, 0, COL_TEXT);
	ns.max_lines = 3;
	const TextLayout *nl = layout_spans(k, title, ns, spans, n_spans, tw);
	TextStyle ss = ts(t->small, 0, COL_TEXT2);
	ss.max_lines = 1;
	const TextLayout *sl = ui_layout(k, sub, ss, tw);
	int h = t->pad + nl->height + sl->height + t->pad;
	if (h < t->button_h) h = t->button_h;
	if (y + h > dl->clip.y && y < dl->clip.y + dl->clip.h) {
		dl_rect(dl, x, y, w, h, k->pressed == id ? COL_CARD_DOWN : COL_CARD, t->radius);
		int ty = y + (h - nl->height - sl->height) / 2;
		dl_text(dl, nl, x + t->pad, ty, title);
		dl_text(dl, sl, x + t->pad, ty + nl->height, sub);
		const TextLayout *al = ui_layout(k, "›", ts(t->h1, 1, COL_PRIMARY), arrow + 4);
		dl_text(dl, al, x + w - t->pad - arrow, y + (h - al->height) / 2, "›");
		dl_hit(dl, id, x, y, w, h);
	}
	return h;
}

static int heading(Kiosk *k, DrawList *dl, int x, int y, int w, const char *s)
{
	const Theme *t = &k->th;
	dl_rect(dl, x, y + t->gap / 3, 8, t->h2, COL_PRIMARY, 2);
	return ui_text(k, dl, x + 8 + t->gap / 2, y, w - 8 - t->gap / 2, s, ts(t->h2, 1, COL_TEXT));
}

static int hot_rows(Kiosk *k, DrawList *dl, int x, int y, int w)
{
	int y0 = y;
	y += heading(k, dl, x, y, w, "热门事项") + k->th.gap / 2;
	for (int i = 0; i < k->n_hot; i++) {
		const Item *it = k->hot[i];
		const Dept *d = guide_find_dept(k->index, it->dept_code);
		y += row(k, dl, ACT_HOT + i, x, y, w, it->name, NULL, 0, d ? d->short_name : "") + k->th.gap / 2;
	}
	return y - y0;
}

/* The query box: what was typed, then the caret; the tail stays in view. */
static void query_box(Kiosk *k, DrawList *dl, int x, int y, int w, int h)
{
	const Theme *t = &k->th;
	SearchState *s = k->search;
	dl_frame(dl, x, y, w, h, 4, COL_PRIMARY, COL_CARD, t->radius);
	int size = t->h1, iw = w - 2 * t->pad - 8;
	const char *shown = s->query;
	while (*shown && ui_text_width(k, shown, size, 0) > iw) {
		shown++;
		while ((*shown & 0xC0) == 0x80) shown++;
	}
	int tx = x + t->pad, cy = y + h / 2;
	int caret_h = size * 5 / 4;
	if (s->len) {
		TextStyle st = ts(size, 0, COL_TEXT);
		st.max_lines = 1;
		const TextLayout *l = ui_layout(k, shown, st, iw + 8);
		dl_text(dl, l, tx, cy - l->height / 2, shown);
		tx += l->n_lines ? l->lines[0].width + 4 : 0;
	} else {
		TextStyle st = ts(t->body, 0, COL_TEXT2);
		st.max_lines = 1;
		const char *ph = "输入拼音首字母、全拼或汉字";
		const TextLayout *l = ui_layout(k, ph, st, iw - 16);
		dl_text(dl, l, tx + 16, cy - l->height / 2, ph);
	}
	dl_rect(dl, tx, cy - caret_h / 2, 4, caret_h, COL_PRIMARY, 0);
}

/* The results column (or hint, or no-result page) in (x, top, w, bottom),
 * scrolled. */
static void results(Kiosk *k, DrawList *dl, int x, int top, int w, int bottom)
{
	const Theme *t = &k->th;
	SearchState *s = k->search;
	DlRect old = dl_clip(dl, (DlRect){x - 4, top, w + 8, bottom - top});
	int y0 = top - scroll_px(&s->scroll), y = y0;
	char buf[SEARCH_TYPED_MAX + 96];
	if (!s->len) {
		TextStyle hs = ts(t->body, 0, COL_TEXT2);
		y += ui_text(k, dl, x, y, w, "用键盘输入要办的事：拼音首字母、全拼或汉字都可以，例如", hs);
		y += ui_text(k, dl, x, y, w, "营业执照 → YYZZ　　护照 → HUZHAO", ts(t->body, 1, COL_TEXT));
		y += t->gap;
		y += hot_rows(k, dl, x, y, w);
	} else if (!s->n_res) {
		snprintf(buf, sizeof buf, "没有找到“%s”相关事项", s->query);
		TextStyle ms = ts(t->h2, 1, COL_TEXT);
		y += ui_text(k, dl, x, y, w, buf, ms);
		y += ui_text(k, dl, x, y, w, "请检查拼写或少输几个字，也可以按部门查找，或到咨询台询问工作人员。",
		             ts(t->body, 0, COL_TEXT2)) + t->gap / 2;
		int bw = ui_text_width(k, "按部门查找", t->body, 1) + 2 * t->pad;
		ui_button(k, dl, ACT_HOME, (DlRect){x, y, bw, t->button_h}, "按部门查找",
		          COL_PRIMARY, COL_PRIMARY_DOWN, COL_ON_PRIMARY, t->body, 1);
		y += t->button_h + t->gap;
		y += hot_rows(k, dl, x, y, w);
	} else {
		if (s->n_res == SEARCH_RESULTS_MAX)
			snprintf(buf, sizeof buf, "找到较多事项，先显示%d项；多输几个字可缩小范围", s->n_res);
		else
			snprintf(buf, sizeof buf, "找到%d项事项", s->n_res);
		y += ui_text(k, dl, x, y, w, buf, ts(t->small, 0, COL_TEXT2)) + t->gap / 3;
		for (int i = 0; i < s->n_res; i++) {
			const ResultRow *r = &s->rows[i];
			int one = !r->line_br[0] ||
			          ui_text_width(k, r->line, t->h2, 1) <= w - 2 * t->pad - row_extra(k);
			y += row(k, dl, ACT_RESULT + i, x, y, w, one ? r->line : r->line_br,
			         one ? r->spans : r->spans_br, r->n_spans, r->sub) + t->gap / 2;
		}
	}
	scroll_set_max(&s->scroll, (float)(y - y0 + t->gap - (bottom - top)));
	dl_clip(dl, old);
}

static void search_draw(Kiosk *k, DrawList *dl)
{
	const Theme *t = &k->th;
	dl_rect(dl, 0, 0, k->w, k->h, COL_PAGE, 0);
	const char *crumbs[] = {"首页", "搜索事项"};
	int top = ui_header(k, dl, crumbs, 2);
	int qh = t->h1 * 2;
	if (qh < t->button_h) qh = t->button_h;
	int x = t->margin, w = k->w - 2 * t->margin;
	if (t->landscape) {
		/* Keyboard on the left under the query box, results on the right;
		 * keys just above the minimum leave the results a readable width. */
		KeyboardGeom g = keyboard_geom(k->w * 3 / 5 < 1060 ? k->w * 3 / 5 : 1060);
		int y = top + t->gap;
		query_box(k, dl, x, y, g.w, qh);
		keyboard_draw(k, dl, x, y + qh + t->gap, &g);
		int rx = x + g.w + t->gap;
		results(k, dl, rx, top + t->gap, k->w - t->margin - rx, k->h);
	} else {
		/* The keyboard takes nearly the full width: 10 keys of >= 96 px
		 * fit a 1080 px screen only with a narrow edge. */
		KeyboardGeom g = keyboard_geom(k->w - 16);
		int ky = k->h - g.h - 8;
		int y = top + t->gap;
		query_box(k, dl, x, y, w, qh);
		y += qh + t->gap;
		results(k, dl, x, y, w, ky - t->gap / 2);
		keyboard_draw(k, dl, (k->w - g.w) / 2, ky, &g);
	}
}

const Screen screen_search = {
	.name = "search",
	.leave = search_leave,
	.event = search_event,
	.scroller = search_scroller,
	.update = search_update,
	.draw = search_draw,
	.timeout = search_timeout,
};
