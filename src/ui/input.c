/* input.c — gesture recogniser over one pointer state. */
#include <math.h>
#include <string.h>
#include "input.h"

void input_init(Input *in, int slop_px, uint32_t long_ms)
{
	memset(in, 0, sizeof *in);
	in->slop = slop_px;
	in->long_ms = long_ms;
}

static void emit(Input *in, GestureKind k, float x, float y)
{
	if (in->qlen == INPUT_QUEUE) {          /* drop the oldest */
		in->qhead = (in->qhead + 1) % INPUT_QUEUE;
		in->qlen--;
	}
	Gesture *g = &in->q[(in->qhead + in->qlen++) % INPUT_QUEUE];
	memset(g, 0, sizeof *g);
	g->kind = k;
	g->x = x;
	g->y = y;
}

static Gesture *last(Input *in)
{
	return &in->q[(in->qhead + in->qlen - 1) % INPUT_QUEUE];
}

int input_next(Input *in, Gesture *g)
{
	if (in->qlen == 0) return 0;
	*g = in->q[in->qhead];
	in->qhead = (in->qhead + 1) % INPUT_QUEUE;
	in->qlen--;
	return 1;
}

static void record(Input *in, float x, float y, uint32_t t)
{
	if (in->n_hist == INPUT_HIST) {
		memmove(in->hist, in->hist + 1, sizeof in->hist[0] * (INPUT_HIST - 1));
		in->n_hist--;
	}
	in->hist[in->n_hist].x = x;
	in->hist[in->n_hist].y = y;
	in->hist[in->n_hist].t = t;
	in->n_hist++;
}

/* Release speed from the samples of the last 100 ms; 0 if the pointer
 * rested before letting go. */
static void velocity(const Input *in, uint32_t t, float *vx, float *vy)
{
	*vx = *vy = 0;
	if (in->n_hist < 2) return;
	int newest = in->n_hist - 1;
	if (t - in->hist[newest].t > 80) return;
	int oldest = newest;
	while (oldest > 0 && t - in->hist[oldest - 1].t <= 100) oldest--;
	if (oldest == newest) oldest = newest - 1;
	float dt = (in->hist[newest].t - in->hist[oldest].t) / 1000.0f;
	if (dt < 0.008f) dt = 0.008f;
	*vx = (in->hist[newest].x - in->hist[oldest].x) / dt;
	*vy = (in->hist[newest].y - in->hist[oldest].y) / dt;
}

/* End the running gesture without a tap. */
static void cancel(Input *in)
{
	if (!in->active) return;
	if (in->dragging) {
		emit(in, GEST_DRAG_END, in->x, in->y);   /* no fling */
	} else if (!in->long_fired) {
		emit(in, GEST_CANCEL, in->x, in->y);
	}
	in->active = 0;
}

static int find(const Input *in, int64_t id)
{
	for (int i = 0; i < in->n_down; i++)
		if (in->ids[i] == id) return i;
	return -1;
}

void input_down(Input *in, int64_t id, float x, float y, uint32_t t)
{
	if (find(in, id) >= 0) return;          /* duplicate down: ignore */
	if (in->n_down < INPUT_MAX_POINTERS) in->ids[in->n_down++] = id;
	if (in->n_down > 1) {                   /* multi-touch: ignore it all */
		cancel(in);
		in->blocked = 1;
		return;
	}
	in->active = 1;
	in->blocked = 0;
	in->id = id;
	in->dragging = 0;
	in->long_fired = 0;
	in->x0 = in->x = x;
	in->y0 = in->y = y;
	in->t0 = t;
	in->n_hist = 0;
	record(in, x, y, t);
	emit(in, GEST_DOWN, x, y);
}

void input_move(Input *in, int64_t id, float x, float y, uint32_t t)
{
	if (!in->active || id != in->id) return;
	float px = in->x, py = in->y;
	in->x = x;
	in->y = y;
	record(in, x, y, t);
	if (!in->dragging) {
		float dx = x - in->x0, dy = y - in->y0;
		if (in->long_fired || dx * dx + dy * dy <= (float)in->slop * in->slop)
			return;
		in->dragging = 1;
		emit(in, GEST_DRAG_BEGIN, x, y);
		/* The movement so far scrolls too, so content follows the finger. */
		px = in->x0;
		py = in->y0;
	}
	emit(in, GEST_DRAG, x, y);
	last(in)->dx = x - px;
	last(in)->dy = y - py;
}

void input_up(Input *in, int64_t id, float x, float y, uint32_t t)
{
	int i = find(in, id);
	if (i < 0) return;
	in->ids[i] = in->ids[--in->n_down];
	if (!in->active || id != in->id) {
		if (in->n_down == 0) in->blocked = 0;
		return;
	}
	input_move(in, id, x, y, t);
	input_tick(in, t);
	if (in->dragging) {
		float vx, vy;
		velocity(in, t, &vx, &vy);
		if (sqrtf(vx * vx + vy * vy) < INPUT_FLING_MIN) vx = vy = 0;
		emit(in, GEST_DRAG_END, x, y);
		last(in)->vx = vx;
		last(in)->vy = vy;
	} else if (!in->long_fired) {
		emit(in, GEST_TAP, x, y);
	} else {
		emit(in, GEST_LONG_UP, x, y);
		last(in)->x0 = in->x0;
		last(in)->y0 = in->y0;
		last(in)->hold_ms = t - in->t0;
	}
	in->active = 0;
	if (in->n_down == 0) in->blocked = 0;
}

void input_tick(Input *in, uint32_t t)
{
	if (in->active && !in->dragging && !in->long_fired &&
	    t - in->t0 >= in->long_ms) {
		in->long_fired = 1;
		emit(in, GEST_LONG_PRESS, in->x, in->y);
	}
}

uint32_t input_deadline(const Input *in)
{
	if (in->active && !in->dragging && !in->long_fired)
		return in->t0 + in->long_ms;
	return UINT32_MAX;
}
