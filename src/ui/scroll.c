/* scroll.c — drag, fling and soft-edge physics for one axis. */
#include <math.h>
#include "scroll.h"

static float over(const Scroll *s)
{
	if (s->pos < 0) return s->pos;
	if (s->pos > s->max) return s->pos - s->max;
	return 0;
}

void scroll_keep_place(Scroll *s)
{
	s->anchor = s->max > 0 ? s->pos / s->max : 0;
	s->has_anchor = 1;
	s->vel = 0;
}

void scroll_set_max(Scroll *s, float max)
{
	s->max = max > 0 ? max : 0;
	if (s->has_anchor) {
		s->pos = s->anchor * s->max;
		s->has_anchor = 0;
	}
	if (!s->dragging && s->vel == 0 && over(s) != 0 && !scroll_moving(s))
		s->pos = s->pos < 0 ? 0 : s->max;
}

void scroll_begin(Scroll *s)
{
	s->vel = 0;
	s->dragging = 1;
}

void scroll_drag(Scroll *s, float finger_dy)
{
	float d = -finger_dy;
	float o = over(s);
	/* Past an end (or moving past it), the content lags the finger. */
	if ((o < 0 && d < 0) || (o > 0 && d > 0) ||
	    (o == 0 && ((s->pos + d) < 0 || (s->pos + d) > s->max))) {
		float inside = 0;
		if (o == 0) inside = d < 0 ? -s->pos : s->max - s->pos;
		s->pos += inside + (d - inside) * SCROLL_EDGE_RESIST;
	} else {
		s->pos += d;
	}
	s->dragging = 1;
}

void scroll_release(Scroll *s, float finger_vy)
{
	s->dragging = 0;
	float v = -finger_vy;
	if (v > SCROLL_MAX_SPEED) v = SCROLL_MAX_SPEED;
	if (v < -SCROLL_MAX_SPEED) v = -SCROLL_MAX_SPEED;
	s->vel = over(s) != 0 ? 0 : v;
}

void scroll_jump(Scroll *s, float pos)
{
	if (pos < 0) pos = 0;
	if (pos > s->max) pos = s->max;
	s->pos = pos;
	s->vel = 0;
	s->dragging = 0;
}

int scroll_moving(const Scroll *s)
{
	return !s->dragging && (s->vel != 0 || over(s) != 0);
}

int scroll_step(Scroll *s, float dt)
{
	if (s->dragging) return 0;
	if (s->vel != 0) {
		/* Exponential friction: x(t) = v/k (1 - e^{-kt}). */
		float decay = expf(-SCROLL_FRICTION * dt);
		s->pos += s->vel * (1 - decay) / SCROLL_FRICTION;
		s->vel *= decay;
		if (over(s) != 0) s->vel *= expf(-20.0f * dt);  /* hit the edge */
		if (fabsf(s->vel) < 15.0f) s->vel = 0;
	}
	float o = over(s);
	if (o != 0 && fabsf(s->vel) < 400.0f) {
		s->vel = 0;
		float target = o < 0 ? 0 : s->max;
		s->pos = target + (s->pos - target) * expf(-SCROLL_SPRING * dt);
		if (fabsf(s->pos - target) < 0.5f) s->pos = target;
	}
	return scroll_moving(s);
}

int scroll_px(const Scroll *s)
{
	return (int)lroundf(s->pos);
}
