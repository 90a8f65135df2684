/* redraw.h — what part of the screen a new frame has to draw.
 *
 * A RedrawSnap keeps the elements of one frame's draw list as plain keys
 * (geometry, colour, a hash of a text line's glyphs, image id), so the
 * next frame can be compared with it after the text cache has dropped
 * the old layouts. redraw_plan() compares two snapshots and says how to
 * turn the pixels of the old frame into those of the new one:
 *
 *   REDRAW_FULL    draw everything;
 *   REDRAW_SCROLL  move the pixels of `region` up by `dy` (down if < 0),
 *                  then draw `rects`;
 *   REDRAW_RECTS   draw `rects` only (none: the frame looks the same).
 *
 * "Draw a rect" means: draw every element of the new list clipped to it
 * (gfx/render.h render_drawlist_area). The plan is exact, not a guess:
 * pixels outside the rects are kept only where the elements that paint
 * them are equal in both frames (moved by dy inside the scrolled
 * viewport), which assumes that drawing is translation-invariant and
 * that an element paints only inside dl_cmd_box(). Anything the planner
 * cannot prove, it draws. No SDL here. */
#ifndef UI_REDRAW_H
#define UI_REDRAW_H

#include <stdint.h>
#include "drawlist.h"

typedef enum { REDRAW_FULL = 0, REDRAW_SCROLL, REDRAW_RECTS } RedrawKind;

#define REDRAW_RECTS_MAX 16

typedef struct RedrawPlan {
	RedrawKind kind;
	DlRect region;                  /* REDRAW_SCROLL: the viewport moved */
	int dy;                         /* its pixels go up by dy (> 0) or down */
	DlRect rects[REDRAW_RECTS_MAX]; /* to draw (after the move); disjoint */
	int n_rects;
} RedrawPlan;

/* One frame's elements as keys. */
typedef struct RedrawSnap RedrawSnap;

/* A snapshot with room for cap elements (more: the frame is planned
 * full). NULL on out-of-memory. Starts empty (the next plan is full). */
RedrawSnap *redraw_snap_new(int cap);
void redraw_snap_free(RedrawSnap *s);           /* NULL is fine */
/* Make s the keys of dl (whose text layouts must still be valid). */
void redraw_snap_take(RedrawSnap *s, const DrawList *dl);
/* Forget s: a plan from it is full (the pixels on screen are unknown). */
void redraw_snap_forget(RedrawSnap *s);

/* How to go from the frame prev was taken of to the one next was taken
 * of, into *out. Drawing more than 3/4 of the screen is planned full. */
void redraw_plan(const RedrawSnap *prev, const RedrawSnap *next, RedrawPlan *out);

/* "full", "scroll" or "rects". */
const char *redraw_kind_name(RedrawKind k);

#endif
