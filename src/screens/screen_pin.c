/* screen_pin.c — the PIN pad that guards maintenance mode. Digits are
 * shown as dots; five wrong PINs lock the pad (maint.h, core/pin.h), and
 * the lock is kept in data.dir across restarts. The Argon2id check runs on
 * a thread of its own while the pad shows a spinner. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "model/maint.h"
#include "screens.h"

/* Keys and text on the pad become its tap targets (maint_pin_input). */
static void pin_event(App *a, const AppEvent *e)
{
	int id = e->kind == EV_ACTION ? e->id : 0;
	if (e->kind == EV_TEXT && e->str[0] >= '0' && e->str[0] <= '9' && !e->str[1]) id = ACT_PIN_DIGIT + e->str[0] - '0';
	if (e->kind == EV_KEY && (!strcmp(e->str, "Return") || !strcmp(e->str, "Keypad Enter"))) id = ACT_PIN_OK;
	if (e->kind == EV_KEY && !strcmp(e->str, "Backspace")) id = ACT_PIN_DEL;
	if (e->kind == EV_KEY && (!strcmp(e->str, "Escape") || !strcmp(e->str, "AC Back"))) id = ACT_PIN_CANCEL;
	maint_pin_input(a, id);
}

/* What happened, in a band mx..mx+mw at y: checking (a spinner), wrong
 * PIN, tries left, or the lock and its countdown. Returns its height. */
static int pin_status(const App *a, Ui *u, DrawList *dl, int mx, int mw, int y)
{
	const Theme *t = &u->th;
	const Maint *m = a->maint;
	int checking = m->check.started;
	int64_t locked = checking ? 0 : pin_guard_locked_ms(&m->guard, a->now);
	char msg[200];
	if (checking) {
		snprintf(msg, sizeof msg, "正在验证…");
	} else if (locked > 0) {
		long long s = (locked + 999) / 1000;
		snprintf(msg, sizeof msg, "错误次数过多，已锁定，请 %lld 分 %02lld 秒后再试", s / 60, s % 60);
	} else {
		snprintf(msg, sizeof msg, "%s", m->pin_msg);
	}
	TextStyle ms = ts(t->body, 1, locked > 0 || m->pin_msg_bad ? COL_WARN : COL_TEXT2);
	ms.align = TEXT_ALIGN_CENTER;
	int mh = t->body * 3;
	if (checking) {
		/* A ring of 8 dots, the bright one going round once a second,
		 * left of the label. */
		dl_rect(dl, mx, y, mw, mh, COL_TINT, t->radius);
		TextStyle cs = ts(t->body, 1, COL_PRIMARY);
		const TextLayout *l = ui_layout(u, msg, cs, mw);
		int tw = l && l->n_lines ? l->lines[0].width : 5 * t->body, th = l ? l->height : t->body;
		int rad = mh * 3 / 10, dot = mh / 8 > t->spinner_dot_min ? mh / 8 : t->spinner_dot_min;
		int sx = mx + (mw - (2 * rad + dot + t->gap + tw)) / 2, cy = y + mh / 2;
		int lead = (int)(((a->now - m->check.since) / 125u) % 8u);
		for (int i = 0; i < 8; i++) {
			double a = i * (M_PI / 4) - M_PI / 2;
			int dx = sx + rad + dot / 2 + (int)lround(rad * cos(a));
			int dy = cy + (int)lround(rad * sin(a));
			int age = (lead - i + 8) % 8;            /* 0 = the bright one */
			dl_rect(dl, dx - dot / 2, dy - dot / 2, dot, dot, age < 3 ? COL_PRIMARY : COL_LINE, dot / 2);
		}
		ui_text(u, dl, sx + 2 * rad + dot + t->gap, y + (mh - th) / 2, tw + 1, msg, cs);
	} else if (msg[0]) {
		dl_rect(dl, mx, y, mw, mh, locked > 0 || m->pin_msg_bad ? COL_WARN_BG : COL_PAGE, t->radius);
		const TextLayout *l = ui_layout(u, msg, ms, mw - 2 * t->margin);
		ui_text(u, dl, mx + t->margin, y + (mh - (l ? l->height : t->body)) / 2, mw - 2 * t->margin, msg, ms);
	}
	return mh;
}

/* The keys from (x0, y), key px square, gap apart: 1-9, then 清除 0 删除;
 * then 取消 / 确定. */
static void pin_keys(Ui *u, DrawList *dl, int x0, int y, int key, int gap)
{
	const Theme *t = &u->th;
	int pad_w = 3 * key + 2 * gap;
	static const char *const labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "清除", "0", "删除"};
	int ids[12];
	for (int i = 0; i < 9; i++) ids[i] = ACT_PIN_DIGIT + 1 + i;
	ids[9] = ACT_PIN_CLEAR; ids[10] = ACT_PIN_DIGIT; ids[11] = ACT_PIN_DEL;
	for (int i = 0; i < 12; i++) {
		DlRect r = {x0 + (i % 3) * (key + gap), y + (i / 3) * (key + gap), key, key};
		int digit = i != 9 && i != 11;
		ui_button(u, dl, ids[i], r, labels[i], digit ? COL_CARD : COL_TINT, COL_CARD_DOWN, COL_TEXT,
		          digit ? t->title : t->h2, 1);
	}
	y += 4 * (key + gap) + t->gap;
	int bw = (pad_w - gap) / 2;
	ui_button(u, dl, ACT_PIN_CANCEL, (DlRect){x0, y, bw, t->button_h}, "取消",
	          COL_TINT, COL_CARD_DOWN, COL_PRIMARY, t->h2, 1);
	ui_button(u, dl, ACT_PIN_OK, (DlRect){x0 + bw + gap, y, bw, t->button_h}, "确定",
	          COL_PRIMARY, COL_PRIMARY_DOWN, COL_ON_PRIMARY, t->h2, 1);
}

static void pin_draw(const App *a, Ui *u, DrawList *dl, ScreenLayout *out)
{
	/* A staff screen: drawn with the normal theme whatever the citizen's
	 * 长辈模式 (the pad is sized for it), which stays as it was. */
	if (u->th.elder) u->th = theme_make(a->w, a->h, 0);
	const Theme *t = &u->th;
	Maint *m = a->maint;
	dl_rect(dl, 0, 0, a->w, a->h, COL_PAGE, 0);
	dl_rect(dl, 0, 0, a->w, t->header_h, COL_PRIMARY, 0);
	TextStyle hs = ts(t->h1, 1, COL_ON_PRIMARY);
	const TextLayout *hl = ui_layout(u, "维护模式", hs, a->w);
	ui_text(u, dl, t->margin, (t->header_h - (hl ? hl->height : t->h1)) / 2, a->w / 2, "维护模式", hs);

	/* Portrait: one column. Landscape: prompt on the left, keys on the
	 * right, so the pad fits the height. cx/cw: the prompt's column. */
	int gap = t->gap, land = t->landscape;
	int key = t->button_h * 2;                  /* key size: large, for thumbs */
	int fit = land ? (a->h - t->header_h - t->button_h - 7 * gap) / 4 : (a->h - t->header_h) / 8;
	if (key > fit) key = fit;
	int pad_w = 3 * key + 2 * gap;
	int cw = land ? a->w / 2 - t->margin : a->w, cx = land ? t->margin : 0;
	int x0 = land ? a->w / 2 + (a->w / 2 - pad_w) / 2 : (a->w - pad_w) / 2;
	int fx = land ? cx + (cw - pad_w) / 2 : x0;         /* the dots field */
	int y = t->header_h + 2 * t->gap;
	if (land) y = t->header_h + (a->h - t->header_h) / 4;
	TextStyle title = ts(t->title, 1, COL_TEXT);
	title.align = TEXT_ALIGN_CENTER;
	y += ui_text(u, dl, cx, y, cw, "请输入维护密码", title) + t->gap;
	TextStyle note = ts(t->body, 0, COL_TEXT2);
	note.align = TEXT_ALIGN_CENTER;
	y += ui_text(u, dl, cx + t->margin, y, cw - 2 * t->margin, "仅限本中心工作人员使用", note) + 2 * t->gap;

	/* The dots: one per digit entered, in a field the size of the pad. */
	int fh = t->button_h;
	dl_frame(dl, fx, y, pad_w, fh, t->pin_field_line, COL_LINE, COL_CARD, t->radius);
	int n = (int)strlen(m->entry), dot = fh / 4;
	for (int i = 0; i < n; i++) {
		int dx = fx + pad_w / 2 + (2 * i - (n - 1)) * dot;
		dl_rect(dl, dx - dot / 2, y + (fh - dot) / 2, dot, dot, COL_TEXT, dot / 2);
	}
	y += fh + t->gap;

	y += pin_status(a, u, dl, land ? cx : t->margin, land ? cw : a->w - 2 * t->margin, y) + t->gap;
	if (land) y = t->header_h + 2 * gap;        /* the keys start at the top */

	pin_keys(u, dl, x0, y, key, gap);
}

static int pin_update(App *a, float dt)
{
	(void)dt;
	return maint_pin_tick(a);
}

const Screen screen_pin = {
	.name = "pin", .enter = maint_pin_open, .update = pin_update, .event = pin_event,
	.draw = pin_draw,
};
