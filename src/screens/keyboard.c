/* keyboard.c — the on-screen keyboard: key table, geometry, drawing. */
#include <string.h>
#include "keyboard.h"

/* ---------------------------------------------------------------- keys */

#define K(l, c, r, x) {l, KEY_CHAR, c, r, x, 1.0f}

static const KeyboardKey keys[] = {
	K("1", '1', 0, 0), K("2", '2', 0, 1), K("3", '3', 0, 2), K("4", '4', 0, 3),
	K("5", '5', 0, 4), K("6", '6', 0, 5), K("7", '7', 0, 6), K("8", '8', 0, 7),
	K("9", '9', 0, 8), K("0", '0', 0, 9),
	K("Q", 'q', 1, 0), K("W", 'w', 1, 1), K("E", 'e', 1, 2), K("R", 'r', 1, 3),
	K("T", 't', 1, 4), K("Y", 'y', 1, 5), K("U", 'u', 1, 6), K("I", 'i', 1, 7),
	K("O", 'o', 1, 8), K("P", 'p', 1, 9),
	K("A", 'a', 2, 0.5f), K("S", 's', 2, 1.5f), K("D", 'd', 2, 2.5f),
	K("F", 'f', 2, 3.5f), K("G", 'g', 2, 4.5f), K("H", 'h', 2, 5.5f),
	K("J", 'j', 2, 6.5f), K("K", 'k', 2, 7.5f), K("L", 'l', 2, 8.5f),
	K("Z", 'z', 3, 0.5f), K("X", 'x', 3, 1.5f), K("C", 'c', 3, 2.5f),
	K("V", 'v', 3, 3.5f), K("B", 'b', 3, 4.5f), K("N", 'n', 3, 5.5f),
	K("M", 'm', 3, 6.5f),
	{"⌫ 删除", KEY_BACKSPACE, 0, 3, 7.5f, 2.5f},
	{"返回", KEY_CLOSE, 0, 4, 0, 2.5f},
	{"清空", KEY_CLEAR, 0, 4, 7.5f, 2.5f},
};
#define N_KEYS ((int)(sizeof keys / sizeof keys[0]))

/* What the empty middle of the bottom row says. */
static const char hint[] = "拼音首字母：营业执照 → YYZZ";

const KeyboardKey *keyboard_key(int action)
{
	int i = action - ACT_KEY;
	return i >= 0 && i < N_KEYS ? &keys[i] : NULL;
}

/* ------------------------------------------------------------ geometry */

KeyboardGeom keyboard_geom(const Theme *t, int max_w)
{
	KeyboardGeom g;
	g.gap = t->key_gap;
	g.pad = t->key_pad;
	int kw = (max_w - 2 * g.pad - (KEYBOARD_COLS - 1) * g.gap) / KEYBOARD_COLS;
	if (kw > t->key_w_max) kw = t->key_w_max;   /* wider keys only make the hands travel */
	if (kw < t->key_w_min) kw = t->key_w_min;
	g.key_w = kw;
	/* Square-ish keys, never shorter than a touch target where it fits. */
	g.key_h = kw < t->touch_min ? t->touch_min : kw;
	if (g.key_h > t->key_h_max) g.key_h = t->key_h_max;
	g.w = 2 * g.pad + KEYBOARD_COLS * kw + (KEYBOARD_COLS - 1) * g.gap;
	g.h = 2 * g.pad + KEYBOARD_ROWS * g.key_h + (KEYBOARD_ROWS - 1) * g.gap;
	return g;
}

/* ------------------------------------------------------------- drawing */

void keyboard_draw(Ui *u, DrawList *dl, int x, int y, const KeyboardGeom *g)
{
	const Theme *t = &u->th;
	dl_rect(dl, x, y, g->w, g->h, COL_LINE, t->radius);
	/* Labels stay the same size in 长辈模式: the keys do not grow, and a
	 * letter at ~45% of the key is already large. */
	int letter = g->key_h * 44 / 100, word = g->key_h * 34 / 100;
	int pitch = g->key_w + g->gap;
	for (int i = 0; i < N_KEYS; i++) {
		const KeyboardKey *kk = &keys[i];
		int id = ACT_KEY + i;
		int kx = x + g->pad + (int)(kk->col * pitch);
		int ky = y + g->pad + kk->row * (g->key_h + g->gap);
		int kw = (int)(kk->span * pitch) - g->gap;
		int down = u->pressed == id;
		uint32_t bg = kk->kind == KEY_CHAR ? COL_CARD : COL_TINT;
		uint32_t fg = kk->kind == KEY_CHAR ? COL_TEXT : COL_PRIMARY;
		if (down) { bg = COL_PRIMARY; fg = COL_ON_PRIMARY; }
		dl_rect(dl, kx, ky, kw, g->key_h, bg, t->radius / 2);
		TextStyle st = ts(kk->kind == KEY_CHAR ? letter : word, 1, fg);
		st.align = TEXT_ALIGN_CENTER;
		st.max_lines = 1;
		const TextLayout *l = ui_layout(u, kk->label, st, kw);
		if (l) dl_text(dl, l, kx, ky + (g->key_h - l->height) / 2, kk->label);
		dl_hit(dl, id, kx, ky, kw, g->key_h);
	}
	/* The hint sits between 返回 and 清空 on the bottom row. */
	int hx = x + g->pad + (int)(2.5f * pitch), hw = 5 * pitch - g->gap;
	int hy = y + g->pad + 4 * (g->key_h + g->gap);
	TextStyle hs = ts(word * 8 / 10 > t->key_hint_min ? word * 8 / 10 : t->key_hint_min, 0, COL_TEXT);
	hs.align = TEXT_ALIGN_CENTER;
	hs.max_lines = 2;
	const TextLayout *hl = ui_layout(u, hint, hs, hw);
	if (hl) dl_text(dl, hl, hx, hy + (g->key_h - hl->height) / 2, hint);
}
