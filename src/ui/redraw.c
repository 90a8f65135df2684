/* redraw.c — snapshots of draw lists and the plan between two of them. */
#include <stdlib.h>
#include <string.h>
#include "base/hash.h"
#include "redraw.h"

/* One element, as far as its pixels are concerned. */
typedef struct RedrawKey {
	uint8_t kind, radius;
	DlRect box;                     /* dl_cmd_box: where it may paint */
	DlRect clip;
	int x, y, tw, th;               /* placement (text: layout origin) */
	uint32_t color;
	uint64_t hash;                  /* text: the line's glyphs; image: id */
} RedrawKey;

struct RedrawSnap {
	RedrawKey *keys;
	int n, cap;
	int valid;                      /* 0: nothing known (plan full) */
	DlRect screen;
	int scroll_first, scroll_end;   /* as in DrawList, end resolved; first < 0: none */
	DlRect scroll_region;
	int scroll_pos;
};

/* ------------------------------------------------------------ snapshots */

RedrawSnap *redraw_snap_new(int cap)
{
	RedrawSnap *s = calloc(1, sizeof *s);
	if (!s) return NULL;
	s->keys = calloc((size_t)cap, sizeof *s->keys);
	if (!s->keys) { free(s); return NULL; }
	s->cap = cap;
	return s;
}

void redraw_snap_free(RedrawSnap *s)
{
	if (!s) return;
	free(s->keys);
	free(s);
}

void redraw_snap_forget(RedrawSnap *s)
{
	s->valid = 0;
}

/* The glyphs of a text element's line, relative to the layout origin. */
static uint64_t line_hash(const DrawCmd *c)
{
	const TextLayout *l = c->layout;
	const TextLine *ln = &l->lines[c->line];
	uint64_t h = FNV1A_OFFSET;
	int head[5] = {ln->y, ln->baseline, ln->height, ln->width, ln->count};
	h = fnv1a(h, head, sizeof head);
	for (int i = 0; i < ln->count; i++) {
		const TextGlyph *g = &l->glyphs[ln->first + i];
		uint32_t v[5] = {g->cp, (uint32_t)g->x, g->size, g->bold, g->color};
		h = fnv1a(h, v, sizeof v);
	}
	return h;
}

void redraw_snap_take(RedrawSnap *s, const DrawList *dl)
{
	s->valid = dl->n <= s->cap && dl->dropped == 0;
	s->n = 0;
	s->screen = dl->screen;
	s->scroll_first = dl->scroll_first;
	s->scroll_end = dl->scroll_first < 0 ? -1 : dl->scroll_end < 0 ? dl->n : dl->scroll_end;
	s->scroll_region = dl->scroll_region;
	s->scroll_pos = dl->scroll_pos;
	if (!s->valid) return;
	for (int i = 0; i < dl->n; i++) {
		const DrawCmd *c = &dl->cmds[i];
		RedrawKey *k = &s->keys[i];
		memset(k, 0, sizeof *k);
		k->kind = c->kind;
		k->box = dl_cmd_box(c);
		if (!c->kind) continue;
		k->radius = c->radius;
		k->clip = c->clip;
		k->x = c->x;
		k->y = c->y;
		k->tw = c->tw;
		k->th = c->th;
		k->color = c->color;
		k->hash = c->kind == DL_TEXT ? line_hash(c) : c->kind == DL_IMAGE ? c->image : 0;
	}
	s->n = dl->n;
}

/* ---------------------------------------------------------------- rects */

static int empty(const DlRect *r)
{
	return r->w <= 0 || r->h <= 0;
}

static DlRect shift(DlRect r, int dy)
{
	r.y += dy;
	return r;
}

static DlRect cut(DlRect a, DlRect b)
{
	DlRect o;
	dl_rect_intersect(&a, &b, &o);
	return o;
}

static DlRect unite(const DlRect *a, const DlRect *b)
{
	int x0 = a->x < b->x ? a->x : b->x, y0 = a->y < b->y ? a->y : b->y;
	int x1 = a->x + a->w > b->x + b->w ? a->x + a->w : b->x + b->w;
	int y1 = a->y + a->h > b->y + b->h ? a->y + a->h : b->y + b->h;
	return (DlRect){x0, y0, x1 - x0, y1 - y0};
}

/* 1 if a and b overlap or share an edge. */
static int touch(const DlRect *a, const DlRect *b)
{
	return a->x <= b->x + b->w && b->x <= a->x + a->w &&
	       a->y <= b->y + b->h && b->y <= a->y + a->h;
}

/* Add r (cut to the screen) to the rects to draw, merged with any it
 * touches so that the rects stay disjoint (no pixel drawn twice). */
static void add(RedrawPlan *p, DlRect r, const DlRect *screen)
{
	r = cut(r, *screen);
	if (empty(&r)) return;
	for (int i = 0; i < p->n_rects; i++) {
		if (!touch(&p->rects[i], &r)) continue;
		r = unite(&p->rects[i], &r);
		p->rects[i] = p->rects[--p->n_rects];
		i = -1;                         /* the union may touch others */
	}
	if (p->n_rects == REDRAW_RECTS_MAX) {
		/* full: fold into the last one (bigger, still correct) */
		DlRect u = unite(&p->rects[--p->n_rects], &r);
		add(p, u, screen);
		return;
	}
	p->rects[p->n_rects++] = r;
}

/* ----------------------------------------------------------------- plan */

static int key_equal(const RedrawKey *a, const RedrawKey *b)
{
	return a->kind == b->kind && a->radius == b->radius &&
	       dl_rect_equal(&a->box, &b->box) && dl_rect_equal(&a->clip, &b->clip) &&
	       a->x == b->x && a->y == b->y && a->tw == b->tw && a->th == b->th &&
	       a->color == b->color && a->hash == b->hash;
}

/* n (new frame, seen through area) is o (old frame, seen through area
 * + dy) moved up by dy. */
static int key_moved(const RedrawKey *n, const RedrawKey *o, int dy, DlRect area)
{
	DlRect src = shift(area, dy);
	DlRect nc = cut(n->clip, area), oc = shift(cut(o->clip, src), -dy);
	DlRect nb = cut(n->box, area), ob = shift(cut(o->box, src), -dy);
	return n->kind == o->kind && n->radius == o->radius &&
	       n->x == o->x && n->y == o->y - dy && n->tw == o->tw && n->th == o->th &&
	       n->color == o->color && n->hash == o->hash &&
	       dl_rect_equal(&nc, &oc) && dl_rect_equal(&nb, &ob);
}

/* 1 if k paints all of r in one flat colour (a background). */
static int covers(const RedrawKey *k, const DlRect *r)
{
	if (k->kind != DL_RECT || k->radius > 1) return 0;
	DlRect geo = {k->x, k->y, k->tw, k->th};
	DlRect in = cut(cut(geo, k->clip), *r);
	return dl_rect_equal(&in, r);
}

/* Next element in [i, end) of s whose box meets area, or end. */
static int next_in(const RedrawSnap *s, int i, int end, DlRect area)
{
	for (; i < end; i++) {
		DlRect b = cut(s->keys[i].box, area);
		if (!empty(&b)) return i;
	}
	return end;
}

/* Index ranges of a snapshot: before, inside and after its scroll span. */
typedef struct Parts { int pre, sec0, sec1, n; } Parts;

static Parts parts(const RedrawSnap *s)
{
	if (s->scroll_first < 0) return (Parts){s->n, s->n, s->n, s->n};
	return (Parts){s->scroll_first, s->scroll_first, s->scroll_end, s->n};
}

/* Compare elements of the same index in [a0, a1) of prev with [b0, ...)
 * of next; add the boxes (old and new) of those that differ. */
static void diff_same(RedrawPlan *p, const RedrawSnap *prev, int a0, int a1,
                      const RedrawSnap *next, int b0)
{
	for (int i = a0, j = b0; i < a1; i++, j++) {
		const RedrawKey *o = &prev->keys[i], *n = &next->keys[j];
		if (key_equal(o, n)) continue;
		add(p, o->box, &next->screen);
		add(p, n->box, &next->screen);
	}
}

void redraw_plan(const RedrawSnap *prev, const RedrawSnap *next, RedrawPlan *out)
{
	memset(out, 0, sizeof *out);
	out->kind = REDRAW_FULL;
	if (!prev->valid || !next->valid || !dl_rect_equal(&prev->screen, &next->screen))
		return;
	int ps = prev->scroll_first >= 0, ns = next->scroll_first >= 0;
	if (ps != ns || (ns && !dl_rect_equal(&prev->scroll_region, &next->scroll_region)))
		return;
	Parts a = parts(prev), b = parts(next);
	if (a.pre != b.pre || a.n - a.sec1 != b.n - b.sec1) return;
	out->kind = REDRAW_RECTS;

	/* Outside the viewport: element by element. */
	diff_same(out, prev, 0, a.pre, next, 0);
	diff_same(out, prev, a.sec1, a.n, next, b.sec1);

	if (ns) {
		DlRect R = next->scroll_region;
		int dy = next->scroll_pos - prev->scroll_pos;
		if (dy == 0) {
			if (a.sec1 - a.sec0 == b.sec1 - b.sec0)
				diff_same(out, prev, a.sec0, a.sec1, next, b.sec0);
			else
				add(out, R, &next->screen);
		} else if (dy >= R.h || -dy >= R.h) {
			add(out, R, &next->screen);
		} else {
			/* K: the part of the viewport that shows old pixels, moved. */
			int m = dy > 0 ? dy : -dy;
			DlRect K = {R.x, dy > 0 ? R.y : R.y + m, R.w, R.h - m};
			DlRect strip = {R.x, dy > 0 ? R.y + R.h - m : R.y, R.w, m};
			DlRect src = shift(K, dy);
			int i = b.sec0, j = a.sec0, same = 1;
			for (;;) {
				i = next_in(next, i, b.sec1, K);
				j = next_in(prev, j, a.sec1, src);
				if (i == b.sec1 || j == a.sec1) {
					same = i == b.sec1 && j == a.sec1;
					break;
				}
				if (!key_moved(&next->keys[i], &prev->keys[j], dy, K)) {
					same = 0;
					break;
				}
				i++, j++;
			}
			if (!same) {
				add(out, R, &next->screen);
			} else {
				out->kind = REDRAW_SCROLL;
				out->region = R;
				out->dy = dy;
				add(out, strip, &next->screen);
				/* What is drawn over or under the viewport does not
				 * move with it: draw it again where it is and where
				 * the move took its old pixels. */
				for (int k = 0; k < a.n; k++) {
					if (k == a.sec0) k = a.sec1;
					if (k >= a.n) break;
					const RedrawKey *o = &prev->keys[k];
					DlRect in = cut(o->box, src);
					if (!empty(&in) && !covers(o, &R)) add(out, shift(in, -dy), &next->screen);
				}
				for (int k = 0; k < b.n; k++) {
					if (k == b.sec0) k = b.sec1;
					if (k >= b.n) break;
					const RedrawKey *n = &next->keys[k];
					DlRect in = cut(n->box, R);
					if (!empty(&in) && !covers(n, &R)) add(out, in, &next->screen);
				}
			}
		}
	}

	long area = 0, screen = (long)next->screen.w * next->screen.h;
	for (int i = 0; i < out->n_rects; i++) area += (long)out->rects[i].w * out->rects[i].h;
	if (area * 4 > screen * 3) {
		out->kind = REDRAW_FULL;
		out->n_rects = 0;
	}
}

const char *redraw_kind_name(RedrawKind k)
{
	return k == REDRAW_SCROLL ? "scroll" : k == REDRAW_RECTS ? "rects" : "full";
}
