/* test_app.c — the app's state machines on the virtual clock, driven only
 * through App functions (pointer, keys, time) on the synthetic guide of
 * app_fixture.h: the back stack, the idle reset, the screensaver, the
 * hidden maintenance gesture and the PIN pad (wrong PINs, lockout, the
 * asynchronous check, idle exits, state kept across a restart). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "app_fixture.h"

#define W 1080
#define H 1920

static const Item *item_of(Fx *f, int d, int i)
{
	return &FX_APP(f)->index->depts[d].items[i];
}

static uint32_t reset_ms(Fx *f) { return (uint32_t)FX_APP(f)->cfg->idle_reset_s * 1000u; }
static uint32_t saver_ms(Fx *f) { return (uint32_t)FX_APP(f)->cfg->idle_screensaver_s * 1000u; }

/* ---------------------------------------------------------- back stack */

static void test_back_should_retrace_the_screens_opened(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	fx_tap_text(f, "人社");                              /* a home tile */
	assert_string_equal(fx_screen(f), "department");
	assert_int_equal(FX_APP(f)->dept, 2);
	fx_tap_text(f, "第3部门的第2个测试事项");
	assert_string_equal(fx_screen(f), "item");
	assert_ptr_equal(FX_APP(f)->item_summary, item_of(f, 2, 1));
	fx_tap_id(f, ACT_SEARCH);
	assert_string_equal(fx_screen(f), "search");
	fx_tap_id(f, ACT_BACK);
	assert_string_equal(fx_screen(f), "item");
	fx_tap_text(f, "‹ 返回");
	assert_string_equal(fx_screen(f), "department");
	app_key(FX_APP(f), "Escape");                      /* the keyboard's back */
	assert_string_equal(fx_screen(f), "home");
	assert_int_equal(FX_APP(f)->n_back, 0);
	fx_free(f);
}

static void test_home_should_empty_the_back_stack(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	app_open_dept(FX_APP(f), 0);
	app_open_item(FX_APP(f), item_of(f, 0, 0));
	assert_int_equal(FX_APP(f)->n_back, 2);
	fx_tap_id(f, ACT_HOME);
	assert_string_equal(fx_screen(f), "home");
	assert_int_equal(FX_APP(f)->n_back, 0);
	app_back(FX_APP(f));                              /* nothing behind home */
	assert_string_equal(fx_screen(f), "home");
	fx_free(f);
}

/* Item to item (hot list from an item, search results) keeps one entry
 * per screen change; a deep trail is cut at the stack's size, and back
 * still ends on home. */
static void test_back_stack_should_stay_bounded_and_end_at_home(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	int cap = (int)(sizeof FX_APP(f)->back_stack / sizeof FX_APP(f)->back_stack[0]);
	for (int i = 0; i < 3 * cap; i++) {
		app_open_dept(FX_APP(f), i % 4);
		search_state_open(FX_APP(f));
	}
	assert_int_equal(FX_APP(f)->n_back, cap);
	int n = 0;
	while (strcmp(fx_screen(f), "home") != 0 && n < 4 * cap) { app_back(FX_APP(f)); n++; }
	assert_string_equal(fx_screen(f), "home");
	assert_true(n <= cap + 1);
	fx_free(f);
}

/* ----------------------------------------------------------- idle reset */

static void test_idle_reset_should_go_home_and_undo_the_visit_after_reset_s(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	fx_tap_id(f, ACT_ELDER);
	fx_tap_id(f, ACT_CONTRAST);
	app_open_item(FX_APP(f), item_of(f, 1, 0));
	fx_draw(f);                                         /* the scroll learns its length */
	app_key(FX_APP(f), "PageDown");
	assert_true(FX_APP(f)->item_scroll.pos > 0);
	uint32_t t0 = FX_APP(f)->last_input;
	fx_at(f, t0 + reset_ms(f) - 1);
	assert_string_equal(fx_screen(f), "item");          /* not a moment early */
	assert_true(FX_APP(f)->elder);
	fx_at(f, t0 + reset_ms(f));
	assert_string_equal(fx_screen(f), "home");
	assert_false(FX_APP(f)->elder);
	assert_false(FX_APP(f)->contrast);
	assert_int_equal(FX_APP(f)->n_back, 0);
	assert_true(FX_APP(f)->item_scroll.pos == 0);
	fx_free(f);
}

static void test_idle_reset_should_count_from_the_last_touch(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	app_open_dept(FX_APP(f), 0);
	fx_at(f, reset_ms(f) / 2);
	fx_tap_xy(f, 5, H - 5);                             /* a touch on nothing */
	uint32_t t1 = FX_APP(f)->last_input;
	fx_at(f, t1 + reset_ms(f) - 100);
	assert_string_equal(fx_screen(f), "department");
	fx_at(f, t1 + reset_ms(f));
	assert_string_equal(fx_screen(f), "home");
	fx_free(f);
}

static void test_idle_reset_should_wait_for_a_finger_to_lift(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	app_open_dept(FX_APP(f), 0);
	fx_draw(f);
	app_pointer_down(FX_APP(f), 1, 500, 1500);
	fx_at(f, reset_ms(f) + 10000);
	assert_string_equal(fx_screen(f), "department");
	app_pointer_up(FX_APP(f), 1, 500, 1500);
	fx_wait(f, reset_ms(f));
	assert_string_equal(fx_screen(f), "home");
	fx_free(f);
}

/* A query without result is recorded once when final (typing stopped,
 * then the idle reset), not once per keystroke nor again at the reset. */
static void test_idle_reset_should_record_a_no_result_query_once(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	char path[160], err[256];
	snprintf(path, sizeof path, "%s/usage.db", f->dir);
	Usage *u = usage_open(path, err, sizeof err);
	assert_non_null(u);
	FX_APP(f)->usage = u;
	search_state_open(FX_APP(f));
	for (const char *p = "zzqq"; *p; p++) {
		char c[2] = {*p, 0};
		app_text(FX_APP(f), c);
		fx_wait(f, 300);
	}
	assert_true(fx_shows(f, "没有找到“zzqq”相关事项"));
	fx_wait(f, reset_ms(f));
	assert_string_equal(fx_screen(f), "home");
	int views = -1, none = -1;
	assert_int_equal(usage_totals(u, 0, &views, &none, err, sizeof err), 0);
	assert_int_equal(none, 1);
	UsageCount top[4];
	assert_int_equal(usage_top_no_result(u, 0, top, 4, err, sizeof err), 1);
	assert_string_equal(top[0].key, "zzqq");
	assert_int_equal(top[0].count, 1);
	fx_free(f);
	usage_close(u);
}

/* The app asks to be woken exactly when the idle reset is due. */
static void test_timeout_should_wake_the_app_for_the_idle_reset(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	app_open_dept(FX_APP(f), 0);
	fx_draw(f);
	fx_wait(f, 1000);
	fx_draw(f);
	uint32_t idle = FX_APP(f)->now - FX_APP(f)->last_input;
	uint32_t t = app_timeout(FX_APP(f));
	assert_true(t <= reset_ms(f) - idle);
	/* Waking when it says, again and again, reaches the reset on time. */
	uint32_t due = FX_APP(f)->last_input + reset_ms(f);
	for (int n = 0; n < 200 && strcmp(fx_screen(f), "department") == 0; n++) {
		fx_draw(f);
		uint32_t step = app_timeout(FX_APP(f));
		fx_wait(f, step ? step : 1);
	}
	assert_string_equal(fx_screen(f), "home");
	assert_int_equal(FX_APP(f)->now, due);
	fx_free(f);
}

/* ---------------------------------------------------------- screensaver */

static void test_screensaver_should_start_after_screensaver_s(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	app_open_item(FX_APP(f), item_of(f, 0, 0));
	fx_at(f, saver_ms(f) - 1);
	assert_string_equal(fx_screen(f), "home");          /* reset long before */
	fx_at(f, saver_ms(f));
	assert_string_equal(fx_screen(f), "screensaver");
	app_back(FX_APP(f));                              /* the saver is not on the stack */
	assert_int_equal(FX_APP(f)->n_back, 0);
	fx_free(f);
}

/* The block of text stays put for 8 s, then moves; the app sleeps until
 * the move. */
static void test_screensaver_should_move_every_8_seconds(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	fx_at(f, saver_ms(f));
	const DrawList *dl = fx_draw(f);
	int i = dl_find_text(dl, "请触摸屏幕开始查询");
	assert_true(i >= 0);
	DlRect a = dl->cmds[i].r;
	assert_true(app_timeout(FX_APP(f)) <= 8000);
	fx_wait(f, 7999);
	dl = fx_draw(f);
	DlRect b = dl->cmds[dl_find_text(dl, "请触摸屏幕开始查询")].r;
	assert_true(dl_rect_equal(&a, &b));
	fx_wait(f, 1);
	dl = fx_draw(f);
	DlRect c = dl->cmds[dl_find_text(dl, "请触摸屏幕开始查询")].r;
	assert_false(dl_rect_equal(&a, &c));
	fx_free(f);
}

/* The touch that wakes the screensaver only wakes it: home, nothing
 * pressed, even where home has a tile under the finger. */
static void test_screensaver_touch_should_wake_to_home_and_press_nothing(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	const DrawList *dl = fx_draw(f);
	int i = dl_find_text(dl, "人社");
	assert_true(i >= 0);
	int x = dl->cmds[i].r.x + 5, y = dl->cmds[i].r.y + 5;
	fx_at(f, saver_ms(f));
	assert_string_equal(fx_screen(f), "screensaver");
	fx_tap_xy(f, x, y);
	assert_string_equal(fx_screen(f), "home");
	fx_tap_xy(f, x, y);                                 /* the next touch works */
	assert_string_equal(fx_screen(f), "department");
	fx_free(f);
}

/* Nor does a swipe that wakes it scroll the home screen under it. */
static void test_screensaver_swipe_should_wake_to_home_and_scroll_nothing(void **st)
{
	(void)st;
	Fx *f = fx_new(1920, 1080);                         /* home scrolls here */
	fx_at(f, saver_ms(f));
	assert_string_equal(fx_screen(f), "screensaver");
	fx_drag(f, 960, 900, 300);
	assert_string_equal(fx_screen(f), "home");
	assert_true(FX_APP(f)->home_scroll.pos == 0);
	fx_drag(f, 960, 900, 300);                          /* the next swipe scrolls */
	assert_true(FX_APP(f)->home_scroll.pos > 0);
	fx_free(f);
}

/* ------------------------------------------------ the hidden gesture */

static void gesture(Fx *f, uint32_t hold_ms, int tx, int ty, uint32_t gap_ms)
{
	fx_hold_xy(f, 40, 40, hold_ms);                     /* top-left, held */
	fx_wait(f, gap_ms);
	fx_tap_xy(f, tx, ty);
}

static void test_gesture_should_open_the_pin_pad(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	gesture(f, 5200, W - 40, H - 40, 1000);
	assert_string_equal(fx_screen(f), "pin");
	assert_true(maint_active(FX_APP(f)));
	fx_free(f);
}

static void test_gesture_should_not_open_held_too_short(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	gesture(f, 4000, W - 40, H - 40, 100);
	assert_string_equal(fx_screen(f), "home");
	fx_free(f);
}

static void test_gesture_should_not_open_with_a_late_tap(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	gesture(f, 5200, W - 40, H - 40, 3200);             /* gesture_tap_ms is 3000 */
	assert_string_equal(fx_screen(f), "home");
	fx_free(f);
}

static void test_gesture_should_not_open_with_the_wrong_corner(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	gesture(f, 5200, 40, H - 40, 100);                  /* bottom-left */
	assert_string_equal(fx_screen(f), "home");
	gesture(f, 5200, W - 400, H - 40, 100);             /* outside the corner square */
	assert_string_equal(fx_screen(f), "home");
	fx_free(f);
}

/* ------------------------------------------------------------ PIN pad */

static void open_pin(Fx *f)
{
	gesture(f, 5200, W - 40, H - 40, 100);
	assert_string_equal(fx_screen(f), "pin");
}

/* Type pin and 确定: the check starts on its thread (unless locked). */
static void start_pin(Fx *f, const char *pin)
{
	for (const char *p = pin; *p; p++) fx_tap_id(f, ACT_PIN_DIGIT + (*p - '0'));
	fx_tap_id(f, ACT_PIN_OK);
}

/* The same, and wait for the check's answer. */
static void enter_pin(Fx *f, const char *pin)
{
	start_pin(f, pin);
	maint_pin_poll(FX_APP(f), 1);
}

static void test_pin_should_open_maintenance_with_the_right_pin(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	open_pin(f);
	enter_pin(f, FX_PIN);
	assert_string_equal(fx_screen(f), "maintenance");
	assert_int_equal(FX_APP(f)->maint->guard.fails, 0);
	fx_free(f);
}

static void test_pin_should_lock_after_max_tries_until_the_lockout_ends(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	open_pin(f);
	int max = FX_APP(f)->cfg->maint_max_tries;
	for (int i = 1; i < max; i++) {
		enter_pin(f, "1111");
		char want[64];
		snprintf(want, sizeof want, "密码错误，还可尝试 %d 次", max - i);
		if (!fx_shows(f, want)) fail_msg("after %d wrong PINs: no \"%s\"", i, want);
	}
	enter_pin(f, "1111");
	assert_true(fx_shows(f, "已锁定"));
	assert_true(fx_shows(f, "5 分 00 秒"));
	/* Locked: the right PIN is refused without a check. */
	fx_wait(f, 30000);
	enter_pin(f, FX_PIN);
	assert_string_equal(fx_screen(f), "pin");
	assert_true(fx_shows(f, "4 分 30 秒"));
	/* The countdown wakes the app each second. */
	assert_true(app_timeout(FX_APP(f)) <= 1000);
	/* After the lockout, the right PIN opens maintenance. The pad would
	 * close after pin_idle_s untouched: keep touching it. */
	uint32_t until = (uint32_t)FX_APP(f)->maint->guard.locked_until;
	while (FX_APP(f)->now < until) { fx_wait(f, 20000); fx_tap_xy(f, 5, H / 2); }
	assert_false(fx_shows(f, "已锁定"));
	enter_pin(f, FX_PIN);
	assert_string_equal(fx_screen(f), "maintenance");
	fx_free(f);
}

/* The check runs on its own thread: the try is counted (and saved)
 * before it ends, the pad shows it is checking and ignores input, and
 * the answer arrives through the app's poll. */
static void test_pin_check_should_count_the_try_before_it_ends(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	open_pin(f);
	start_pin(f, "1111");
	assert_true(maint_pin_checking(FX_APP(f)));
	assert_int_equal(FX_APP(f)->maint->guard.fails, 1);
	assert_true(fx_shows(f, "正在验证"));
	fx_tap_id(f, ACT_PIN_DIGIT + 7);                    /* ignored while checking */
	assert_string_equal(FX_APP(f)->maint->entry, "");
	/* The try is on disk already: a restart now would keep it. */
	PinGuard g;
	PinClock clk;
	char path[256], err[256];
	pin_guard_init(&g, 5, 300000);
	pin_clock_now(&clk);
	snprintf(path, sizeof path, "%s/" PIN_STATE_FILE, f->dir);
	assert_int_equal(pin_state_load(path, &g, FX_APP(f)->now, &clk, err, sizeof err), 0);
	assert_int_equal(g.fails, 1);
	assert_int_equal(maint_pin_poll(FX_APP(f), 1), 0);
	assert_false(maint_pin_checking(FX_APP(f)));
	assert_true(fx_shows(f, "密码错误"));
	fx_free(f);
}

/* The right PIN, checked on the thread, takes its counted try back. */
static void test_pin_check_should_give_the_try_back_on_success(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	open_pin(f);
	enter_pin(f, "1111");
	assert_int_equal(FX_APP(f)->maint->guard.fails, 1);
	start_pin(f, FX_PIN);
	assert_int_equal(FX_APP(f)->maint->guard.fails, 2);   /* counted while checking */
	maint_pin_poll(FX_APP(f), 1);
	assert_string_equal(fx_screen(f), "maintenance");
	assert_int_equal(FX_APP(f)->maint->guard.fails, 0);
	fx_free(f);
}

static void no_hash(Config *c) { c->maint_pin_hash[0] = 0; }

static void test_pin_without_a_hash_should_refuse_without_counting(void **st)
{
	(void)st;
	Fx *f = fx_new_in(W, H, NULL, no_hash);
	open_pin(f);
	assert_true(fx_shows(f, "未设置维护密码"));
	enter_pin(f, FX_PIN);
	assert_string_equal(fx_screen(f), "pin");
	assert_int_equal(FX_APP(f)->maint->guard.fails, 0);
	fx_free(f);
}

static void test_pin_lockout_should_survive_a_restart(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	char dir[96];
	snprintf(dir, sizeof dir, "%s", f->dir);
	open_pin(f);
	for (int i = 0; i < FX_APP(f)->cfg->maint_max_tries; i++) enter_pin(f, "1111");
	assert_true(fx_shows(f, "已锁定"));
	fx_free(f);

	f = fx_new_in(W, H, dir, NULL);                     /* the kiosk restarts */
	open_pin(f);
	assert_true(fx_shows(f, "已锁定"));
	enter_pin(f, FX_PIN);
	assert_string_equal(fx_screen(f), "pin");
	fx_free(f);
}

/* Staff screens close themselves when left alone, and never give way to
 * the citizens' idle reset or screensaver meanwhile. */
static void test_pin_pad_and_maintenance_should_close_after_their_idle_time(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	open_pin(f);
	uint32_t pin_idle = (uint32_t)FX_APP(f)->cfg->maint_pin_idle_s * 1000u;
	uint32_t t0 = FX_APP(f)->last_input;
	fx_at(f, t0 + pin_idle - 1);
	assert_string_equal(fx_screen(f), "pin");
	fx_at(f, t0 + pin_idle);
	assert_string_equal(fx_screen(f), "home");

	open_pin(f);
	enter_pin(f, FX_PIN);
	assert_string_equal(fx_screen(f), "maintenance");
	uint32_t m_idle = (uint32_t)FX_APP(f)->cfg->maint_idle_s * 1000u;
	assert_true(m_idle > reset_ms(f));                  /* the citizens' reset would come first */
	t0 = FX_APP(f)->last_input;
	fx_at(f, t0 + m_idle - 1);
	assert_string_equal(fx_screen(f), "maintenance");
	fx_at(f, t0 + m_idle);
	assert_string_equal(fx_screen(f), "home");
	fx_free(f);
}

/* While a check runs, the pad neither closes on idle nor takes input;
 * the answer then gets its own idle time. */
static void test_pin_pad_should_not_close_while_checking(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	open_pin(f);
	start_pin(f, "1111");
	assert_true(maint_pin_checking(FX_APP(f)));
	uint32_t pin_idle = (uint32_t)FX_APP(f)->cfg->maint_pin_idle_s * 1000u;
	/* Scripts and tests pick the answer up only when asked (scripted): the
	 * check stays "running" however long the clock says. */
	fx_wait(f, pin_idle + 1000);
	assert_string_equal(fx_screen(f), "pin");
	app_key(FX_APP(f), "Escape");                       /* input waits too */
	assert_string_equal(fx_screen(f), "pin");
	maint_pin_poll(FX_APP(f), 1);
	uint32_t t0 = FX_APP(f)->now;
	assert_int_equal(FX_APP(f)->last_input, t0);
	fx_at(f, t0 + pin_idle - 1);
	assert_string_equal(fx_screen(f), "pin");
	fx_at(f, t0 + pin_idle);
	assert_string_equal(fx_screen(f), "home");
	fx_free(f);
}

/* Every entry and failure is in the audit log. */
static void test_pin_pad_should_write_the_audit_log(void **st)
{
	(void)st;
	Fx *f = fx_new(W, H);
	open_pin(f);
	enter_pin(f, "1111");
	enter_pin(f, FX_PIN);
	fx_tap_id(f, ACT_M_BACK);
	assert_string_equal(fx_screen(f), "home");
	char path[256], buf[8192] = "";
	snprintf(path, sizeof path, "%s/audit.log", f->dir);
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	size_t n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = 0;
	fclose(fp);
	const char *want[] = {"pin-pad", "pin-wrong", "pin-ok", "maintenance-exit"};
	const char *at = buf;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		at = strstr(at, want[i]);
		if (!at) fail_msg("audit log lacks \"%s\" (in order):\n%s", want[i], buf);
	}
	fx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_back_should_retrace_the_screens_opened),
		cmocka_unit_test(test_home_should_empty_the_back_stack),
		cmocka_unit_test(test_back_stack_should_stay_bounded_and_end_at_home),
		cmocka_unit_test(test_idle_reset_should_go_home_and_undo_the_visit_after_reset_s),
		cmocka_unit_test(test_idle_reset_should_count_from_the_last_touch),
		cmocka_unit_test(test_idle_reset_should_wait_for_a_finger_to_lift),
		cmocka_unit_test(test_idle_reset_should_record_a_no_result_query_once),
		cmocka_unit_test(test_timeout_should_wake_the_app_for_the_idle_reset),
		cmocka_unit_test(test_screensaver_should_start_after_screensaver_s),
		cmocka_unit_test(test_screensaver_should_move_every_8_seconds),
		cmocka_unit_test(test_screensaver_touch_should_wake_to_home_and_press_nothing),
		cmocka_unit_test(test_screensaver_swipe_should_wake_to_home_and_scroll_nothing),
		cmocka_unit_test(test_gesture_should_open_the_pin_pad),
		cmocka_unit_test(test_gesture_should_not_open_held_too_short),
		cmocka_unit_test(test_gesture_should_not_open_with_a_late_tap),
		cmocka_unit_test(test_gesture_should_not_open_with_the_wrong_corner),
		cmocka_unit_test(test_pin_should_open_maintenance_with_the_right_pin),
		cmocka_unit_test(test_pin_should_lock_after_max_tries_until_the_lockout_ends),
		cmocka_unit_test(test_pin_check_should_count_the_try_before_it_ends),
		cmocka_unit_test(test_pin_check_should_give_the_try_back_on_success),
		cmocka_unit_test(test_pin_without_a_hash_should_refuse_without_counting),
		cmocka_unit_test(test_pin_lockout_should_survive_a_restart),
		cmocka_unit_test(test_pin_pad_and_maintenance_should_close_after_their_idle_time),
		cmocka_unit_test(test_pin_pad_should_not_close_while_checking),
		cmocka_unit_test(test_pin_pad_should_write_the_audit_log),
	};
	return cmocka_run_group_tests(tests, fx_group_setup, fx_group_teardown);
}
