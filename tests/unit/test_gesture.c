/* test_gesture.c — the gesture recogniser (input.c) on a fake clock, the
 * scroll physics (scroll.c) and the draw list (drawlist.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <cmocka.h>
#include "ui/input.h"
#include "ui/scroll.h"
#include "ui/drawlist.h"

/* Collect the kinds of all queued gestures into out; returns how many. */
static int drain(Input *in, GestureKind *out, Gesture *lastg)
{
	Gesture g;
	int n = 0;
	while (input_next(in, &g)) { out[n++] = g.kind; if (lastg) *lastg = g; }
	return n;
}

static int has(const GestureKind *k, int n, GestureKind want)
{
	for (int i = 0; i < n; i++) if (k[i] == want) return 1;
	return 0;
}

static void test_input_should_tap_on_quick_release(void **st)
{
	(void)st;
	Input in; GestureKind k[40];
	input_init(&in, 24, 700);
	input_down(&in, 1, 100, 100, 1000);
	input_up(&in, 1, 103, 102, 1080);
	int n = drain(&in, k, NULL);
	assert_int_equal(n, 2);
	assert_int_equal(k[0], GEST_DOWN);
	assert_int_equal(k[1], GEST_TAP);
}

static void test_input_should_drag_not_tap_past_slop(void **st)
{
	(void)st;
	Input in; GestureKind k[40]; Gesture g = {0};
	input_init(&in, 24, 700);
	input_down(&in, 1, 100, 500, 0);
	input_move(&in, 1, 100, 480, 16);           /* inside the slop */
	input_move(&in, 1, 100, 450, 32);           /* past it */
	int n = drain(&in, k, &g);
	assert_true(has(k, n, GEST_DRAG_BEGIN));
	assert_int_equal(g.kind, GEST_DRAG);
	assert_true(g.dy == -50.0f);                /* content follows from the start */
	input_move(&in, 1, 100, 400, 600);
	input_up(&in, 1, 100, 400, 1200);           /* rested: no fling */
	n = drain(&in, k, &g);
	assert_false(has(k, n, GEST_TAP));
	assert_int_equal(g.kind, GEST_DRAG_END);
	assert_true(g.vy == 0.0f);
}

static void test_input_should_fling_with_release_speed(void **st)
{
	(void)st;
	Input in; GestureKind k[40]; Gesture g = {0};
	input_init(&in, 24, 700);
	input_down(&in, 1, 500, 1500, 0);
	for (int i = 1; i <= 5; i++) input_move(&in, 1, 500, 1500 - 80 * i, (uint32_t)(16 * i));
	input_up(&in, 1, 500, 1100, 80);
	int n = drain(&in, k, &g);
	assert_false(has(k, n, GEST_TAP));
	assert_int_equal(g.kind, GEST_DRAG_END);
	assert_true(g.vy < -4000.0f && g.vy > -6000.0f);   /* 400 px in 80 ms */
}

static void test_input_should_long_press_without_tap(void **st)
{
	(void)st;
	Input in; GestureKind k[40];
	input_init(&in, 24, 700);
	input_down(&in, 1, 10, 10, 0);
	assert_int_equal(input_deadline(&in), 700);
	input_tick(&in, 699);
	int n = drain(&in, k, NULL);
	assert_false(has(k, n, GEST_LONG_PRESS));
	input_tick(&in, 700);
	n = drain(&in, k, NULL);
	assert_true(has(k, n, GEST_LONG_PRESS));
	input_up(&in, 1, 10, 10, 900);
	n = drain(&in, k, NULL);
	assert_false(has(k, n, GEST_TAP));
}

static void test_input_should_ignore_multitouch_until_all_up(void **st)
{
	(void)st;
	Input in; GestureKind k[40];
	input_init(&in, 24, 700);
	input_down(&in, 1, 100, 100, 0);
	input_down(&in, 2, 300, 300, 10);           /* pinch begins */
	input_move(&in, 1, 50, 50, 20);
	input_move(&in, 2, 400, 400, 20);
	input_up(&in, 2, 400, 400, 30);
	input_up(&in, 1, 50, 50, 40);
	int n = drain(&in, k, NULL);
	assert_true(has(k, n, GEST_CANCEL));
	assert_false(has(k, n, GEST_TAP));
	assert_false(has(k, n, GEST_DRAG));
	/* afterwards a plain tap works again */
	input_down(&in, 3, 10, 10, 100);
	input_up(&in, 3, 10, 10, 150);
	n = drain(&in, k, NULL);
	assert_true(has(k, n, GEST_TAP));
}

static void test_input_should_end_drag_when_second_finger_lands(void **st)
{
	(void)st;
	Input in; GestureKind k[40];
	input_init(&in, 24, 700);
	input_down(&in, 1, 100, 500, 0);
	input_move(&in, 1, 100, 400, 16);
	input_down(&in, 2, 300, 300, 20);
	int n = drain(&in, k, NULL);
	assert_int_equal(k[n - 1], GEST_DRAG_END);
	input_move(&in, 1, 100, 100, 40);          /* ignored */
	n = drain(&in, k, NULL);
	assert_int_equal(n, 0);
}

static void test_scroll_should_follow_finger_then_coast_and_stop(void **st)
{
	(void)st;
	Scroll s = {0};
	scroll_set_max(&s, 5000);
	scroll_begin(&s);
	scroll_drag(&s, -300);                     /* finger up: content up */
	assert_true(s.pos == 300.0f);
	scroll_release(&s, -3000);
	float prev = s.pos;
	int frames = 0;
	while (scroll_step(&s, 1 / 60.0f) && frames < 2000) {
		assert_true(s.pos >= prev);
		prev = s.pos;
		frames++;
	}
	assert_true(frames > 30 && frames < 600);  /* coasts, then rests */
	assert_true(s.pos > 1000 && s.pos < 5000);
}

static void test_scroll_should_resist_past_edge_and_spring_back(void **st)
{
	(void)st;
	Scroll s = {0};
	scroll_set_max(&s, 1000);
	scroll_begin(&s);
	scroll_drag(&s, 300);                      /* pull down at the top */
	assert_true(s.pos < 0 && s.pos > -300 * 0.5f);
	scroll_release(&s, 0);
	for (int i = 0; i < 120 && scroll_step(&s, 1 / 60.0f); i++) {}
	assert_true(s.pos == 0.0f);
	assert_false(scroll_moving(&s));
}

/* A two-line fake layout: "ab" / "cd", 10 px glyphs, 20 px lines. */
static TextGlyph glyphs[4] = {
	{'a', 0, 0, 10, 0, 0}, {'b', 10, 1, 10, 0, 0},
	{'c', 0, 2, 10, 0, 0}, {'d', 10, 3, 10, 0, 0},
};
static TextLine lines[2] = {
	{0, 2, 0, 15, 20, 20, 0, 2}, {2, 2, 20, 35, 20, 20, 2, 4},
};
static TextLayout layout = {100, 40, 2, lines, 4, glyphs, 0};

static void test_drawlist_should_hold_one_element_per_line(void **st)
{
	(void)st;
	DrawList *dl = dl_new(200, 100, 16, 4, 256);
	dl_text(dl, &layout, 5, 10, "abcd");
	assert_int_equal(dl->n, 2);
	uint32_t n;
	const char *t = dl_cmd_text(dl, &dl->cmds[1], &n);
	assert_int_equal(n, 2);
	assert_memory_equal(t, "cd", 2);
	assert_int_equal(dl->cmds[1].r.y, 30);
	assert_int_equal(dl_find_text(dl, "cd"), 1);
	assert_int_equal(dl_find_text(dl, "c"), 1);
	assert_int_equal(dl_find_text(dl, "x"), -1);
	dl_free(dl);
}

static void test_drawlist_should_drop_what_the_clip_hides(void **st)
{
	(void)st;
	DrawList *dl = dl_new(200, 100, 16, 4, 256);
	dl_clip(dl, (DlRect){0, 0, 200, 20});
	dl_text(dl, &layout, 0, 0, "abcd");        /* second line is below */
	dl_rect(dl, 0, 50, 10, 10, 0xFFFFFFFF, 0); /* hidden */
	assert_int_equal(dl->n, 1);
	dl_hit(dl, 7, 0, 0, 50, 50);
	assert_int_equal(dl_hit_at(dl, 10, 10), 7);
	assert_int_equal(dl_hit_at(dl, 10, 30), 0); /* cut by the clip */
	dl_free(dl);
}

static void test_drawlist_should_count_overflow(void **st)
{
	(void)st;
	DrawList *dl = dl_new(200, 100, 2, 1, 256);
	for (int i = 0; i < 3; i++) dl_rect(dl, 0, 0, 5, 5, 0, 0);
	assert_int_equal(dl->n, 2);
	assert_int_equal(dl->dropped, 1);
	dl_free(dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_input_should_tap_on_quick_release),
		cmocka_unit_test(test_input_should_drag_not_tap_past_slop),
		cmocka_unit_test(test_input_should_fling_with_release_speed),
		cmocka_unit_test(test_input_should_long_press_without_tap),
		cmocka_unit_test(test_input_should_ignore_multitouch_until_all_up),
		cmocka_unit_test(test_input_should_end_drag_when_second_finger_lands),
		cmocka_unit_test(test_scroll_should_follow_finger_then_coast_and_stop),
		cmocka_unit_test(test_scroll_should_resist_past_edge_and_spring_back),
		cmocka_unit_test(test_drawlist_should_hold_one_element_per_line),
		cmocka_unit_test(test_drawlist_should_drop_what_the_clip_hides),
		cmocka_unit_test(test_drawlist_should_count_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
