/* input.h — the one pointer path: touch, mouse and scripts → gestures.
 *
 * Every pointer source (SDL finger events scaled from 0–1 to screen pixels,
 * SDL mouse events, script commands) calls input_down/move/up with a
 * pointer id and the time from the one clock. The recogniser turns that
 * into gestures, read with input_next():
 *
 *   GEST_DOWN        a pointer went down (show pressed feedback now)
 *   GEST_TAP         up again without moving past the slop or long-pressing
 *   GEST_LONG_PRESS  held still for long_ms (no tap follows)
 *   GEST_LONG_UP     let go after a long press: hold_ms is how long it was
 *                    held, (x0, y0) where it went down (the hidden
 *                    maintenance gesture reads these; nothing else acts)
 *   GEST_DRAG_BEGIN  moved past the slop: the press is cancelled, scrolling
 *   GEST_DRAG        finger moved by (dx, dy) since the last event
 *   GEST_DRAG_END    let go after a drag; (vx, vy) px/s is the fling speed
 *   GEST_CANCEL      the press ends without a tap (a second finger came
 *                    down: multi-touch and pinch are ignored until every
 *                    pointer is up)
 *
 * No allocation; the gesture queue is a fixed ring (overflow drops the
 * oldest, which only happens if nobody reads it). */
#ifndef UI_INPUT_H
#define UI_INPUT_H

#include <stdint.h>

typedef enum {
	GEST_NONE = 0, GEST_DOWN, GEST_TAP, GEST_LONG_PRESS,
	GEST_DRAG_BEGIN, GEST_DRAG, GEST_DRAG_END, GEST_CANCEL, GEST_LONG_UP
} GestureKind;

typedef struct Gesture {
	GestureKind kind;
	float x, y;                     /* where (current pointer position) */
	float dx, dy;                   /* GEST_DRAG: movement since last */
	float vx, vy;                   /* GEST_DRAG_END: release speed, px/s */
	float x0, y0;                   /* GEST_LONG_UP: where the press began */
	uint32_t hold_ms;               /* GEST_LONG_UP: how long it was held */
} Gesture;

#define INPUT_HIST 8
#define INPUT_QUEUE 32
#define INPUT_MAX_POINTERS 10

typedef struct Input {
	int slop;                       /* px a press may wander before it drags */
	uint32_t long_ms;               /* hold time of a long press */
	int n_down;                     /* pointers down */
	int64_t ids[INPUT_MAX_POINTERS];/* which */
	int active;                     /* a single-pointer gesture is running */
	int64_t id;                     /* its pointer */
	int blocked;                    /* multi-touch seen: ignore until all up */
	int dragging, long_fired;
	float x0, y0, x, y;
	uint32_t t0;
	struct { float x, y; uint32_t t; } hist[INPUT_HIST];
	int n_hist;
	Gesture q[INPUT_QUEUE];
	int qhead, qlen;
} Input;

void input_init(Input *in, int slop_px, uint32_t long_ms);
void input_down(Input *in, int64_t id, float x, float y, uint32_t t);
void input_move(Input *in, int64_t id, float x, float y, uint32_t t);
void input_up(Input *in, int64_t id, float x, float y, uint32_t t);
/* Let time pass (fires the long press). */
void input_tick(Input *in, uint32_t t);
/* Time at which input_tick must be called next, or UINT32_MAX. */
uint32_t input_deadline(const Input *in);
/* Pop the next gesture: 1, or 0 if none is queued. */
int input_next(Input *in, Gesture *g);

/* Drag slop and long-press time used by the kiosk. */
#define INPUT_SLOP_PX 24
#define INPUT_LONG_MS 700
/* Below this release speed a drag does not fling (px/s). */
#define INPUT_FLING_MIN 250.0f

#endif
