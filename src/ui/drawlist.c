/* drawlist.c — the draw list: fixed-size element and hit arrays. */
#include <stdlib.h>
#include <string.h>
#include "drawlist.h"

DrawList *dl_new(int w, int h, int cap, int cap_hits, uint32_t buf_cap)
{
	DrawList *dl = calloc(1, sizeof *dl);
	if (!dl) return NULL;
	dl->cmds = calloc((size_t)cap, sizeof *dl->cmds);
	dl->hits = calloc((size_t)cap_hits, sizeof *dl->hits);
	dl->buf = malloc(buf_cap);
	dl->hidden = calloc(DL_HIDDEN_MAX, sizeof *dl->hidden);
	if (!dl->cmds || !dl->hits || !dl->buf || !dl->hidden) { dl_free(dl); return NULL; }
	dl->cap = cap;
	dl->cap_hits = cap_hits;
	dl->buf_cap = buf_cap;
	dl_reset(dl, w, h);
	return dl;
}

void dl_free(DrawList *dl)
{
	if (!dl) return;
	free(dl->cmds);
	free(dl->hits);
	free(dl->buf);
	free(dl->hidden);
	free(dl);
}

void dl_reset(DrawList *dl, int w, int h)
{
	dl->n = 0;
	dl->n_hits = 0;
	dl->buf_used = 0;
	dl->n_hidden = 0;
	dl->screen = (DlRect){0, 0, w, h};
	dl->clip = dl->screen;
	dl->scroll_first = dl->scroll_end = -1;
	dl->scroll_region = (DlRect){0, 0, 0, 0};
	dl->scroll_pos = 0;
}

void dl_scroll_begin(DrawList *dl, int pos)
{
	if (dl->scroll_first >= 0) return;
	dl->scroll_first = dl->n;
	dl->scroll_end = -1;            /* open */
	dl->scroll_region = dl->clip;
	dl->scroll_pos = pos;
}

void dl_scroll_end(DrawList *dl)
{
	if (dl->scroll_first >= 0 && dl->scroll_end < 0) dl->scroll_end = dl->n;
}

DlRect dl_cmd_box(const DrawCmd *c)
{
	DlRect box = {0, 0, 0, 0};
	if (c->kind == DL_TEXT) {
		const TextLine *ln = &c->layout->lines[c->line];
		int gx = ln->count > 0 ? c->layout->glyphs[ln->first].x : 0;
		int w = ln->width > 0 ? ln->width : 1;
		DlRect wide = {c->x + gx - ln->height, c->y + ln->y, w + 2 * ln->height, ln->height};
		dl_rect_intersect(&wide, &c->clip, &box);
	} else if (c->kind) {
		box = c->r;
	}
	return box;
}

int dl_rect_intersect(const DlRect *a, const DlRect *b, DlRect *out)
{
	if (a->w <= 0 || a->h <= 0 || b->w <= 0 || b->h <= 0) {
		out->w = out->h = 0;
		return 0;
	}
	int x0 = a->x > b->x ? a->x : b->x, y0 = a->y > b->y ? a->y : b->y;
	int x1 = a->x + a->w < b->x + b->w ? a->x + a->w : b->x + b->w;
	int y1 = a->y + a->h < b->y + b->h ? a->y + a->h : b->y + b->h;
	*out = (DlRect){x0, y0, x1 - x0, y1 - y0};
	return out->w > 0 && out->h > 0;
}

int dl_rect_equal(const DlRect *a, const DlRect *b)
{
	return a->x == b->x && a->y == b->y && a->w == b->w && a->h == b->h;
}

DlRect dl_clip(DrawList *dl, DlRect clip)
{
	DlRect old = dl->clip, cut;
	if (!dl_rect_intersect(&clip, &dl->screen, &cut)) cut = (DlRect){0, 0, 0, 0};
	dl->clip = cut;
	return old;
}

/* Cut (x,y,w,h) to the clip; 0 if nothing is left. */
static int cut(const DrawList *dl, int x, int y, int w, int h, DlRect *out)
{
	DlRect r = {x, y, w, h};
	return dl_rect_intersect(&r, &dl->clip, out);
}

static DrawCmd *push(DrawList *dl)
{
	if (dl->n >= dl->cap) { dl->dropped++; return NULL; }
	DrawCmd *c = &dl->cmds[dl->n++];
	memset(c, 0, sizeof *c);
	c->clip = dl->clip;
	return c;
}

static int keep_text(DrawList *dl, const char *s, uint32_t len, uint32_t *off)
{
	if (dl->buf_used + len > dl->buf_cap) { dl->dropped++; return -1; }
	memcpy(dl->buf + dl->buf_used, s, len);
	*off = dl->buf_used;
	dl->buf_used += len;
	return 0;
}

/* Make c the rectangle (x, y, w, h) whose visible part is r. */
static void set_rect(DrawList *dl, DrawCmd *c, DlRect r, int x, int y, int w, int h,
                     uint32_t color, int radius)
{
	c->kind = DL_RECT;
	c->r = r;
	c->x = x; c->y = y; c->tw = w; c->th = h;
	c->color = dl->recolor ? dl->recolor(color) : color;
	if (radius > w / 2) radius = w / 2;
	if (radius > h / 2) radius = h / 2;
	c->radius = (uint8_t)(radius > 255 ? 255 : radius);
}

void dl_rect(DrawList *dl, int x, int y, int w, int h, uint32_t color, int radius)
{
	DlRect r;
	if (w <= 0 || h <= 0 || !cut(dl, x, y, w, h, &r)) return;
	DrawCmd *c = push(dl);
	if (c) set_rect(dl, c, r, x, y, w, h, color, radius);
}

int dl_reserve(DrawList *dl)
{
	DrawCmd *c = push(dl);
	return c ? (int)(c - dl->cmds) : -1;
}

void dl_rect_at(DrawList *dl, int slot, int x, int y, int w, int h,
                uint32_t color, int radius)
{
	if (slot < 0 || slot >= dl->n) return;
	DrawCmd *c = &dl->cmds[slot];
	DlRect r, box = {x, y, w, h};
	if (w <= 0 || h <= 0 || !dl_rect_intersect(&box, &c->clip, &r)) return;
	set_rect(dl, c, r, x, y, w, h, color, radius);
}

void dl_frame(DrawList *dl, int x, int y, int w, int h, int t,
              uint32_t line, uint32_t fill, int radius)
{
	dl_rect(dl, x, y, w, h, line, radius);
	dl_rect(dl, x + t, y + t, w - 2 * t, h - 2 * t, fill, radius > t ? radius - t : 0);
}

/* Note l (placed at y) if some of its lines are outside the clip. */
static void note_hidden(DrawList *dl, const TextLayout *l, int y)
{
	int top = dl->clip.y, bottom = dl->clip.y + dl->clip.h;
	if (l->n_lines == 0 || dl->n_hidden >= DL_HIDDEN_MAX) return;
	if (y + l->lines[0].y >= top &&
	    y + l->lines[l->n_lines - 1].y + l->lines[l->n_lines - 1].height <= bottom)
		return;                     /* every line is in view */
	DrawHidden *h = &dl->hidden[dl->n_hidden++];
	h->layout = l;
	h->dist = y >= bottom ? y - bottom : y + l->height <= top ? top - (y + l->height) : 0;
}

void dl_text(DrawList *dl, const TextLayout *l, int x, int y, const char *src)
{
	if (!l) return;
	note_hidden(dl, l, y);
	for (int i = 0; i < l->n_lines; i++) {
		const TextLine *ln = &l->lines[i];
		if (y + ln->y >= dl->clip.y + dl->clip.h) break;
		int gx = ln->count > 0 ? l->glyphs[ln->first].x : 0;
		int w = ln->width > 0 ? ln->width : 1;
		DlRect r;
		if (!cut(dl, x + gx, y + ln->y, w, ln->height, &r)) continue;
		DrawCmd *c = push(dl);
		if (!c) return;
		c->kind = DL_TEXT;
		c->r = r;
		c->x = x; c->y = y;
		c->layout = l;
		c->line = (uint16_t)i;
		uint32_t len = ln->byte_end - ln->byte_start;
		/* Trailing newlines and spaces are layout artefacts, not text. */
		while (len > 0 && (src[ln->byte_start + len - 1] == '\n' ||
		                   src[ln->byte_start + len - 1] == ' '))
			len--;
		if (keep_text(dl, src + ln->byte_start, len, &c->text) < 0) { dl->n--; return; }
		c->text_len = len;
		/* A line cut with "…" (max_lines) shows the ellipsis too. */
		if (l->truncated && i == l->n_lines - 1) {
			uint32_t o;
			if (keep_text(dl, "…", 3, &o) == 0) c->text_len += 3;
		}
	}
}

void dl_image(DrawList *dl, ImageId image, int x, int y, int w, int h,
              const char *name)
{
	DlRect r;
	if (!cut(dl, x, y, w, h, &r)) return;
	DrawCmd *c = push(dl);
	if (!c) return;
	c->kind = DL_IMAGE;
	c->r = r;
	c->x = x; c->y = y; c->tw = w; c->th = h;
	c->image = image;
	uint32_t len = (uint32_t)strlen(name);
	if (keep_text(dl, name, len, &c->text) < 0) { dl->n--; return; }
	c->text_len = len;
}

void dl_hit(DrawList *dl, int id, int x, int y, int w, int h)
{
	DlRect r;
	if (!cut(dl, x, y, w, h, &r)) return;
	if (dl->n_hits >= dl->cap_hits) { dl->dropped++; return; }
	dl->hits[dl->n_hits++] = (DrawHit){r, id};
}

int dl_hit_at(const DrawList *dl, int x, int y)
{
	for (int i = dl->n_hits - 1; i >= 0; i--) {
		const DlRect *r = &dl->hits[i].r;
		if (x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h) return dl->hits[i].id;
	}
	return 0;
}

const char *dl_cmd_text(const DrawList *dl, const DrawCmd *c, uint32_t *len)
{
	*len = c->text_len;
	return dl->buf + c->text;
}

int dl_find_text(const DrawList *dl, const char *s)
{
	size_t n = strlen(s);
	int contains = -1;
	for (int i = 0; i < dl->n; i++) {
		const DrawCmd *c = &dl->cmds[i];
		if (c->kind != DL_TEXT) continue;
		uint32_t len;
		const char *t = dl_cmd_text(dl, c, &len);
		if (len == n && memcmp(t, s, n) == 0) return i;
		if (contains < 0 && n > 0 && len >= n && memmem(t, len, s, n)) contains = i;
	}
	return contains;
}

void dl_dump(const DrawList *dl, FILE *f)
{
	static const char *kinds[] = {"?", "rect", "text", "image"};
	for (int i = 0; i < dl->n; i++) {
		const DrawCmd *c = &dl->cmds[i];
		if (c->kind == 0) continue;             /* unfilled reserved slot */
		uint32_t len;
		const char *t = dl_cmd_text(dl, c, &len);
		fprintf(f, "%s\t%d\t%d\t%d\t%d\t", kinds[c->kind], c->r.x, c->r.y, c->r.w, c->r.h);
		for (uint32_t j = 0; j < len; j++) {
			char ch = t[j];
			fputc(ch == '\t' || ch == '\n' ? ' ' : ch, f);
		}
		fputc('\n', f);
	}
}
