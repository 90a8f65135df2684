/* scroll.h — one-axis scrolling: follow the finger, fling with friction,
 * rubber-band past either end and spring back.
 *
 * pos is how far the content is scrolled (0 = top, max = bottom). While a
 * finger drags, the content moves with it 1:1 inside [0, max] and at a
 * third of the finger's movement past an end (the soft edge). Released,
 * it keeps the finger's speed and slows down exponentially; outside the
 * range it springs back. All state is plain values; no allocation. */
#ifndef UI_SCROLL_H
#define UI_SCROLL_H

typedef struct Scroll {
	float pos;                      /* current offset, px */
	float max;                      /* content height - viewport height, >= 0 */
	float vel;                      /* px/s, positive = content moves up */
	int dragging;
	int has_anchor;                 /* keep a relative place across a reflow */
	float anchor;                   /* pos / max to restore at the next set_max */
} Scroll;

void scroll_set_max(Scroll *s, float max);      /* clamps pos when idle */
/* The content is about to reflow: keep the same relative place (the
 * next scroll_set_max restores it). */
void scroll_keep_place(Scroll *s);
void scroll_begin(Scroll *s);                   /* finger down: stop flinging */
void scroll_drag(Scroll *s, float finger_dy);   /* finger moved (down = +) */
void scroll_release(Scroll *s, float finger_vy);/* let go at this speed */
void scroll_jump(Scroll *s, float pos);         /* to pos (clamped), at rest */
/* Advance dt seconds; returns 1 while still moving. */
int scroll_step(Scroll *s, float dt);
int scroll_moving(const Scroll *s);             /* not at rest */
int scroll_px(const Scroll *s);                 /* pos rounded for drawing */

#define SCROLL_FRICTION 2.2f     /* 1/s: velocity decay rate */
#define SCROLL_EDGE_RESIST 0.33f /* finger-to-content ratio past an end */
#define SCROLL_SPRING 14.0f      /* 1/s: how fast an overscroll returns */
#define SCROLL_MAX_SPEED 9000.0f /* px/s */

#endif
