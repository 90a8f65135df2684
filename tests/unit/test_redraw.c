/* test_redraw.c — the redraw planner (ui/redraw.h): two draw lists of a
 * 100x200 screen whose viewport is y 50..150, and the plan between them:
 * full when nothing is known or the frame's structure changed, the moved
 * viewport with only the exposed strip (and what floats over it) to draw
 * when only the scroll position changed, the changed rectangles alone
 * otherwise. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "ui/redraw.h"

#define W 100
#define H 200
static const DlRect view = {0, 50, W, 100};

/* A frame: page background, a header button of colour btn, and in the
 * viewport (scrolled by pos) ten rows of 30 px, row i of colour 0x10*i;
 * over 0 / n_extra rows, n_extra more. With overlay, a badge drawn after
 * the viewport, over it. */
typedef struct Frame { int pos; uint32_t btn; int overlay; int n_extra; int w, h; } Frame;

static void draw(DrawList *dl, Frame f)
{
	dl_reset(dl, f.w ? f.w : W, f.h ? f.h : H);
	dl_rect(dl, 0, 0, dl->screen.w, dl->screen.h, 0xEEEEEEFF, 0);
	dl_rect(dl, 10, 10, 30, 30, f.btn, 4);
	DlRect old = dl_clip(dl, view);
	dl_scroll_begin(dl, f.pos);
	for (int i = 0; i < 10 + f.n_extra; i++)
		dl_rect(dl, 5, view.y + i * 30 - f.pos, 90, 28, 0x101010FF * (uint32_t)(i + 1), 0);
	dl_scroll_end(dl);
	dl_clip(dl, old);
	if (f.overlay) dl_rect(dl, 70, 100, 20, 20, 0xFF0000FF, 0);
}

typedef struct Fix { DrawList *dl; RedrawSnap *a, *b; RedrawPlan p; } Fix;

static int setup(void **st)
{
	Fix *x = calloc(1, sizeof *x);
	x->dl = dl_new(W, H, 64, 4, 1024);
	x->a = redraw_snap_new(64);
	x->b = redraw_snap_new(64);
	*st = x;
	return x->dl && x->a && x->b ? 0 : -1;
}

static int teardown(void **st)
{
	Fix *x = *st;
	dl_free(x->dl);
	redraw_snap_free(x->a);
	redraw_snap_free(x->b);
	free(x);
	return 0;
}

/* The plan from frame f to frame g. */
static RedrawPlan *plan(Fix *x, Frame f, Frame g)
{
	draw(x->dl, f);
	redraw_snap_take(x->a, x->dl);
	draw(x->dl, g);
	redraw_snap_take(x->b, x->dl);
	redraw_plan(x->a, x->b, &x->p);
	return &x->p;
}

static void assert_rect(DlRect r, int x, int y, int w, int h)
{
	if (r.x != x || r.y != y || r.w != w || r.h != h)
		fail_msg("rect %d,%d %dx%d, want %d,%d %dx%d", r.x, r.y, r.w, r.h, x, y, w, h);
}

/* Frames that draw the same elements: nothing to draw. */
static void test_redraw_should_draw_nothing_for_the_same_frame(void **st)
{
	RedrawPlan *p = plan(*st, (Frame){.pos = 7, .btn = 0x0000FFFF}, (Frame){.pos = 7, .btn = 0x0000FFFF});
	assert_int_equal(p->kind, REDRAW_RECTS);
	assert_int_equal(p->n_rects, 0);
}

/* Pressed feedback: the button's rectangle alone. */
static void test_redraw_should_draw_only_a_changed_button(void **st)
{
	RedrawPlan *p = plan(*st, (Frame){.btn = 0x0000FFFF}, (Frame){.btn = 0x000080FF});
	assert_int_equal(p->kind, REDRAW_RECTS);
	assert_int_equal(p->n_rects, 1);
	assert_rect(p->rects[0], 10, 10, 30, 30);
}

/* Scrolled down by 1 and by 37 px: the viewport moves up, the strip at
 * its bottom is drawn. */
static void test_redraw_should_move_the_viewport_and_draw_the_bottom_strip(void **st)
{
	static const int dys[] = {1, 37, 99};
	for (int i = 0; i < 3; i++) {
		RedrawPlan *p = plan(*st, (Frame){.pos = 20}, (Frame){.pos = 20 + dys[i]});
		assert_int_equal(p->kind, REDRAW_SCROLL);
		assert_int_equal(p->dy, dys[i]);
		assert_rect(p->region, 0, 50, W, 100);
		assert_int_equal(p->n_rects, 1);
		assert_rect(p->rects[0], 0, 150 - dys[i], W, dys[i]);
	}
}

/* Scrolled up: the viewport moves down, the strip at its top is drawn. */
static void test_redraw_should_draw_the_top_strip_when_scrolling_up(void **st)
{
	static const int dys[] = {1, 37, 99};
	for (int i = 0; i < 3; i++) {
		RedrawPlan *p = plan(*st, (Frame){.pos = 120}, (Frame){.pos = 120 - dys[i]});
		assert_int_equal(p->kind, REDRAW_SCROLL);
		assert_int_equal(p->dy, -dys[i]);
		assert_int_equal(p->n_rects, 1);
		assert_rect(p->rects[0], 0, 50, W, dys[i]);
	}
}

/* Moved by the viewport's height or more: nothing to keep. */
static void test_redraw_should_draw_the_viewport_when_scrolled_past_it(void **st)
{
	RedrawPlan *p = plan(*st, (Frame){.pos = 0}, (Frame){.pos = 100});
	assert_int_equal(p->kind, REDRAW_RECTS);
	assert_int_equal(p->n_rects, 1);
	assert_rect(p->rects[0], 0, 50, W, 100);
}

/* A scroll and a button change in one frame: both drawn. */
static void test_redraw_should_scroll_and_draw_a_changed_button(void **st)
{
	RedrawPlan *p = plan(*st, (Frame){.pos = 0, .btn = 1}, (Frame){.pos = 10, .btn = 2});
	assert_int_equal(p->kind, REDRAW_SCROLL);
	assert_int_equal(p->n_rects, 2);
	int strip = p->rects[0].y == 140 ? 0 : 1;
	assert_rect(p->rects[strip], 0, 140, W, 10);
	assert_rect(p->rects[1 - strip], 10, 10, 30, 30);
}

/* What is drawn over the viewport does not move with it: drawn again
 * where it is and where the move put its old pixels (10 px higher). */
static void test_redraw_should_redraw_what_floats_over_the_viewport(void **st)
{
	RedrawPlan *p = plan(*st, (Frame){.pos = 0, .overlay = 1}, (Frame){.pos = 10, .overlay = 1});
	assert_int_equal(p->kind, REDRAW_SCROLL);
	assert_int_equal(p->n_rects, 2);
	int strip = p->rects[0].y == 140 ? 0 : 1;
	assert_rect(p->rects[strip], 0, 140, W, 10);
	assert_rect(p->rects[1 - strip], 70, 90, 20, 30);   /* 90..110 old, 100..120 new */
}

/* Content that did not just move (a row recoloured while scrolling): the
 * viewport is drawn, not moved. */
static void test_redraw_should_not_move_content_that_changed(void **st)
{
	Fix *x = *st;
	draw(x->dl, (Frame){.pos = 0});
	redraw_snap_take(x->a, x->dl);
	draw(x->dl, (Frame){.pos = 5});
	x->dl->cmds[x->dl->scroll_first + 1].color ^= 0x100;
	redraw_snap_take(x->b, x->dl);
	redraw_plan(x->a, x->b, &x->p);
	assert_int_equal(x->p.kind, REDRAW_RECTS);
	assert_int_equal(x->p.n_rects, 1);
	assert_rect(x->p.rects[0], 0, 50, W, 100);
}

/* Text lines are compared by their glyphs, after the layouts are gone. */
static void test_redraw_should_compare_text_by_its_glyphs(void **st)
{
	Fix *x = *st;
	TextGlyph g[2] = {{.cp = 'a', .x = 0, .size = 16, .color = 0xFF}, {.cp = 'b', .x = 8, .size = 16, .color = 0xFF}};
	TextLine ln = {.first = 0, .count = 2, .y = 0, .baseline = 14, .height = 20, .width = 16,
	               .byte_start = 0, .byte_end = 2};
	TextLayout l = {.width = 16, .height = 20, .n_lines = 1, .lines = &ln, .n_glyphs = 2, .glyphs = g};
	for (int change = 0; change < 2; change++) {
		dl_reset(x->dl, W, H);
		dl_text(x->dl, &l, 40, 10, "ab");
		redraw_snap_take(x->a, x->dl);
		g[1].cp = change ? 'c' : 'b';
		dl_reset(x->dl, W, H);
		dl_text(x->dl, &l, 40, 10, "ab");
		redraw_snap_take(x->b, x->dl);
		g[1].cp = 'b';
		redraw_plan(x->a, x->b, &x->p);
		assert_int_equal(x->p.kind, REDRAW_RECTS);
		assert_int_equal(x->p.n_rects, change);
		if (change)   /* the line box, one line height wider either side */
			assert_rect(x->p.rects[0], 20, 10, 56, 20);
	}
}

/* Full: no frame before, a forgotten one, another size, another
 * structure (more elements outside the viewport), another viewport, or
 * more than 3/4 of the screen changed. */
static void test_redraw_should_plan_full_when_it_cannot_know(void **st)
{
	Fix *x = *st;
	RedrawSnap *fresh = redraw_snap_new(64);
	draw(x->dl, (Frame){0});
	redraw_snap_take(x->b, x->dl);
	redraw_plan(fresh, x->b, &x->p);
	assert_int_equal(x->p.kind, REDRAW_FULL);
	redraw_snap_free(fresh);

	plan(x, (Frame){0}, (Frame){0});
	redraw_snap_forget(x->a);
	redraw_plan(x->a, x->b, &x->p);
	assert_int_equal(x->p.kind, REDRAW_FULL);

	assert_int_equal(plan(x, (Frame){0}, (Frame){.w = 120})->kind, REDRAW_FULL);
	assert_int_equal(plan(x, (Frame){0}, (Frame){.overlay = 1})->kind, REDRAW_FULL);

	draw(x->dl, (Frame){0});
	redraw_snap_take(x->a, x->dl);
	draw(x->dl, (Frame){0});
	x->dl->scroll_region.h--;
	redraw_snap_take(x->b, x->dl);
	redraw_plan(x->a, x->b, &x->p);
	assert_int_equal(x->p.kind, REDRAW_FULL);

	/* the background's colour: the whole screen */
	draw(x->dl, (Frame){0});
	redraw_snap_take(x->a, x->dl);
	draw(x->dl, (Frame){0});
	x->dl->cmds[0].color = 0x123456FF;
	redraw_snap_take(x->b, x->dl);
	redraw_plan(x->a, x->b, &x->p);
	assert_int_equal(x->p.kind, REDRAW_FULL);
}

/* More rows in the viewport at the same position: it is drawn again. */
static void test_redraw_should_draw_the_viewport_when_its_content_changes(void **st)
{
	RedrawPlan *p = plan(*st, (Frame){.pos = 0}, (Frame){.pos = 0, .n_extra = 0});
	assert_int_equal(p->n_rects, 0);
	p = plan(*st, (Frame){.pos = 260}, (Frame){.pos = 260, .n_extra = 1});
	assert_int_equal(p->kind, REDRAW_RECTS);
	assert_int_equal(p->n_rects, 1);
	assert_rect(p->rects[0], 0, 50, W, 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_redraw_should_draw_nothing_for_the_same_frame, setup, teardown),
		cmocka_unit_test_setup_teardown(test_redraw_should_draw_only_a_changed_button, setup, teardown),
		cmocka_unit_test_setup_teardown(test_redraw_should_move_the_viewport_and_draw_the_bottom_strip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_redraw_should_draw_the_top_strip_when_scrolling_up, setup, teardown),
		cmocka_unit_test_setup_teardown(test_redraw_should_draw_the_viewport_when_scrolled_past_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_redraw_should_scroll_and_draw_a_changed_button, setup, teardown),
		cmocka_unit_test_setup_teardown(test_redraw_should_redraw_what_floats_over_the_viewport, setup, teardown),
		cmocka_unit_test_setup_teardown(test_redraw_should_not_move_content_that_changed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_redraw_should_compare_text_by_its_glyphs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_redraw_should_plan_full_when_it_cannot_know, setup, teardown),
		cmocka_unit_test_setup_teardown(test_redraw_should_draw_the_viewport_when_its_content_changes, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
