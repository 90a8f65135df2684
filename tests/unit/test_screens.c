/* test_screens.c — every screen's draw on a small synthetic guide with the
 * fake fixed-width metrics (no fonts, no window, no renderer): nothing off
 * the screen, no text over text, no ambiguous tap targets, at 1080×1920,
 * 1920×1080 and in 长辈模式 on both (app_fixture.h), plus what each screen
 * must show in the states that stress it (long names, 40 materials, no
 * items, no result, PIN lockout, the running check, maintenance views). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "app_fixture.h"

/* The layouts every screen is checked in. */
static const struct { int w, h, elder; } looks[] = {
	{1080, 1920, 0}, {1920, 1080, 0}, {1080, 1920, 1}, {1920, 1080, 1},
};
#define N_LOOKS ((int)(sizeof looks / sizeof looks[0]))

static Fx *look(int i)
{
	Fx *f = fx_new(looks[i].w, looks[i].h);
	if (looks[i].elder) app_set_elder(FX_APP(f), 1);
	return f;
}

/* Check the frame, then page down through a scrolling screen checking
 * each page, until the scroll stops moving (at most 60 pages). Each text
 * of want (NULL-terminated, may be NULL) must show on some page. */
static void check_pages_want(Fx *f, const char *what, const char *const *want)
{
	char buf[160];
	int seen[16] = {0};
	Scroll *sc = FX_APP(f)->scr->scroller ? FX_APP(f)->scr->scroller(FX_APP(f)) : NULL;
	for (int p = 1; p <= 60; p++) {
		snprintf(buf, sizeof buf, "%s, page %d", what, p);
		fx_assert_layout(f, buf);
		for (int i = 0; want && want[i]; i++)
			if (fx_shows(f, want[i])) seen[i] = 1;
		float before = sc ? sc->pos : 0;
		if (sc) app_key(FX_APP(f), "PageDown");
		fx_wait(f, 16);
		if (!sc || sc->pos == before) break;
	}
	for (int i = 0; want && want[i]; i++)
		if (!seen[i]) fail_msg("%s: \"%s\" never shown", what, want[i]);
}

static void check_pages(Fx *f, const char *what) { check_pages_want(f, what, NULL); }

/* ------------------------------------------------------------- checker */

/* The checker itself: each rule reports what breaks it, and a clean
 * list passes. */
static void test_layout_check_should_report_overlap_offscreen_and_cut_text(void **st)
{
	(void)st;
	TextCache *tc = text_cache_new(&fx_metrics, 1u << 20);
	DrawList *dl = dl_new(800, 600, 64, 16, 4096);
	TextPara p = {0};
	p.text = "一二三四";
	p.len = strlen(p.text);
	p.size = 20;
	p.line_spacing = 1.5f;
	const TextLayout *l = text_cache_get(tc, &p, 400);    /* 80 x 30 */
	char why[1024];

	dl_rect(dl, 0, 0, 400, 300, COL_PAGE, 0);
	dl_text(dl, l, 10, 10, p.text);
	dl_text(dl, l, 10, 50, p.text);
	dl_hit(dl, 1, 0, 0, 100, 100);
	dl_hit(dl, 2, 200, 0, 100, 100);
	assert_int_equal(fx_check_layout(dl, 400, 300, 1, why, sizeof why), 0);

	dl_text(dl, l, 50, 30, p.text);                     /* over both */
	assert_int_equal(fx_check_layout(dl, 400, 300, 1, why, sizeof why), 2);
	assert_non_null(strstr(why, "text overlaps"));

	dl_reset(dl, 800, 600);
	dl_text(dl, l, 350, 10, p.text);                    /* past the right edge */
	assert_int_equal(fx_check_layout(dl, 400, 300, 1, why, sizeof why), 1);
	assert_non_null(strstr(why, "off screen"));

	dl_reset(dl, 800, 600);
	dl_text(dl, l, 10, 285, p.text);                    /* below, no viewport */
	assert_int_equal(fx_check_layout(dl, 400, 300, 1, why, sizeof why), 1);
	dl_reset(dl, 800, 600);
	dl_text(dl, l, 10, 400, p.text);                    /* wholly below the screen */
	dl_hit(dl, 1, 350, 250, 100, 100);                  /* a button cut by the edge */
	assert_int_equal(fx_check_layout(dl, 400, 300, 1, why, sizeof why), 2);
	assert_non_null(strstr(why, "tap target 1 off screen"));
	dl_reset(dl, 800, 600);
	dl_clip(dl, (DlRect){0, 100, 400, 100});
	dl_text(dl, l, 10, 185, p.text);                    /* scrolled out of a viewport */
	assert_int_equal(fx_check_layout(dl, 400, 300, 1, why, sizeof why), 0);
	dl_clip(dl, (DlRect){0, 100, 50, 100});
	dl_text(dl, l, 10, 120, p.text);                    /* cut at the side */
	assert_int_equal(fx_check_layout(dl, 400, 300, 1, why, sizeof why), 1);
	assert_non_null(strstr(why, "cut by its clip"));

	dl_reset(dl, 800, 600);
	dl_hit(dl, 1, 0, 0, 100, 100);
	dl_hit(dl, 2, 90, 90, 100, 100);
	assert_int_equal(fx_check_layout(dl, 400, 300, 1, why, sizeof why), 1);
	assert_non_null(strstr(why, "tap targets overlap"));
	assert_int_equal(fx_check_layout(dl, 400, 300, 0, why, sizeof why), 0);

	dl_reset(dl, 800, 600);                             /* a modal layer hides what is under it */
	dl_rect(dl, 0, 0, 400, 300, COL_PAGE, 0);
	dl_text(dl, l, 10, 10, p.text);
	dl_rect(dl, 0, 0, 400, 300, 0x00000080u, 0);
	dl_text(dl, l, 20, 10, p.text);
	assert_int_equal(fx_check_layout(dl, 400, 300, 1, why, sizeof why), 0);
	dl_free(dl);
	text_cache_free(tc);
}

/* ---------------------------------------------------------------- home */

static void test_home_should_fit_every_layout(void **st)
{
	(void)st;
	for (int i = 0; i < N_LOOKS; i++) {
		Fx *f = look(i);
		/* Every department has its tile, the long one included. */
		static const char *const tiles[] = {"发展改革", "市场监管", "人社", "住建", "卫健",
		                                    "民政", "退役军人", NULL};
		check_pages_want(f, "home", tiles);
		fx_free(f);
	}
}

static void test_home_should_show_the_hall_clock_and_hot_items(void **st)
{
	(void)st;
	Fx *f = fx_new(1080, 1920);
	fx_at(f, 5 * 60 * 1000);
	/* FX_CLOCK_BASE is 2026-05-29 04:26:40 Asia/Shanghai; 5 min later. */
	assert_true(fx_shows(f, "郑州市上街区政务服务中心"));
	assert_true(fx_shows(f, "04:31"));
	assert_true(fx_shows(f, "热门事项"));
	/* The most popular item (dept 0 item 0, 热度 90) heads the list. */
	assert_true(fx_shows(f, "第1部门的第1个测试事项"));
	fx_free(f);
}

/* ---------------------------------------------------------- department */

static void test_department_should_fit_every_layout(void **st)
{
	(void)st;
	for (int i = 0; i < N_LOOKS; i++) {
		Fx *f = look(i);
		app_open_dept(FX_APP(f), 1);          /* the long names */
		check_pages(f, "department with long names");
		app_open_dept(FX_APP(f), 5);          /* no items */
		check_pages(f, "department without items");
		fx_free(f);
	}
}

static void test_department_should_say_when_it_has_no_items(void **st)
{
	(void)st;
	Fx *f = fx_new(1080, 1920);
	app_open_dept(FX_APP(f), 5);
	assert_string_equal(fx_screen(f), "department");
	assert_true(fx_shows(f, "本部门办理事项（0项）"));
	assert_true(fx_shows(f, "本部门暂无可在此查询的事项"));
	app_open_dept(FX_APP(f), 0);
	assert_true(fx_shows(f, "本部门办理事项（3项）"));
	assert_false(fx_shows(f, "本部门暂无可在此查询的事项"));
	fx_free(f);
}

/* ---------------------------------------------------------------- item */

static const Item *item_of(Fx *f, int d, int i)
{
	return &FX_APP(f)->index->depts[d].items[i];
}

static void test_item_should_fit_every_layout_on_every_page(void **st)
{
	(void)st;
	for (int i = 0; i < N_LOOKS; i++) {
		Fx *f = look(i);
		app_open_item(FX_APP(f), item_of(f, 1, 0));    /* 40 materials, long URL */
		assert_string_equal(fx_screen(f), "item");
		assert_non_null(FX_APP(f)->item);
		check_pages(f, "item with 40 materials");
		app_open_item(FX_APP(f), item_of(f, 0, 1));    /* short, 不收费 */
		check_pages(f, "short item");
		fx_free(f);
	}
}

static void test_item_should_list_every_material(void **st)
{
	(void)st;
	Fx *f = fx_new(1080, 1920);
	app_open_item(FX_APP(f), item_of(f, 1, 0));
	/* Page through, collecting which numbered materials were shown. */
	int seen[41] = {0};
	Scroll *sc = &FX_APP(f)->item_scroll;
	for (int p = 0; p < 80; p++) {
		const DrawList *dl = fx_draw(f);
		for (int m = 1; m <= 40; m++) {
			char s[32];
			snprintf(s, sizeof s, "第%d项：", m);
			if (dl_find_text(dl, s) >= 0) seen[m] = 1;
		}
		float before = sc->pos;
		app_key(FX_APP(f), "PageDown");
		fx_wait(f, 16);
		if (sc->pos == before) break;
	}
	for (int m = 1; m <= 40; m++)
		if (!seen[m]) fail_msg("material %d never shown", m);
	fx_free(f);
}

/* 扫码带走: the panel replaces the guide and fits every look; the QR
 * code is asked for by image id (no texture in a draw) at a size that
 * fits; ‹ 返回 closes the panel before it leaves the item. */
static void test_item_qr_panel_should_fit_and_close_on_back(void **st)
{
	(void)st;
	for (int i = 0; i < N_LOOKS; i++) {
		Fx *f = look(i);
		app_open_dept(FX_APP(f), 1);
		app_open_item(FX_APP(f), item_of(f, 1, 0));
		fx_tap_id(f, ACT_QR);
		assert_true(fx_shows(f, "返回办事指南"));
		fx_assert_layout(f, "扫码带走 panel");
		const DrawList *dl = fx_draw(f);
		int images = 0;
		for (int c = 0; c < dl->n; c++) {
			const DrawCmd *cmd = &dl->cmds[c];
			if (cmd->kind != DL_IMAGE || IMG_KIND(cmd->image) != IMG_KIND_QR) continue;
			images++;
			assert_true(cmd->x >= 0 && cmd->y >= 0 && cmd->x + cmd->tw <= FX_APP(f)->w &&
			            cmd->y + cmd->th <= FX_APP(f)->h);
		}
		assert_int_equal(images, 1);
		fx_tap_id(f, ACT_BACK);
		assert_string_equal(fx_screen(f), "item");     /* the panel closed, not the item */
		assert_false(fx_shows(f, "返回办事指南"));
		fx_tap_id(f, ACT_BACK);
		assert_string_equal(fx_screen(f), "department");
		fx_free(f);
	}
}

/* A section chip scrolls its heading to the top of the viewport, and the
 * chip drawn active follows the scroll. */
static void test_item_section_chips_should_jump_to_their_section(void **st)
{
	(void)st;
	for (int i = 0; i < N_LOOKS; i++) {
		Fx *f = look(i);
		app_open_item(FX_APP(f), item_of(f, 1, 0));
		fx_draw(f);
		for (int sec = APP_SECTIONS - 1; sec >= 0; sec--) {
			fx_tap_id(f, ACT_SECTION + sec);
			fx_draw(f);
			float want = (float)FX_APP(f)->section_y[sec];
			if (want > FX_APP(f)->item_scroll.max) want = FX_APP(f)->item_scroll.max;
			if (FX_APP(f)->item_scroll.pos != want)
				fail_msg("chip %d: scroll %.0f, its section at %.0f", sec,
				         FX_APP(f)->item_scroll.pos, want);
			if (sec == 3) assert_true(fx_shows(f, "申请材料"));
			if (sec < APP_SECTIONS - 2)            /* the last ones may share the bottom */
				assert_int_equal(FX_APP(f)->item_extra->active, sec);
			fx_assert_layout(f, "item after a section chip");
		}
		fx_free(f);
	}
}

/* Turning the screen (a rotated panel, a compositor's resize) lays every
 * screen out again for the new size. */
static void test_screens_should_fit_after_a_rotation(void **st)
{
	(void)st;
	Fx *f = fx_new(1080, 1920);
	app_open_item(FX_APP(f), item_of(f, 1, 0));
	app_key(FX_APP(f), "PageDown");
	fx_draw(f);
	app_resize(FX_APP(f), 1920, 1080);
	check_pages(f, "item after rotating to landscape");
	app_home(FX_APP(f));
	check_pages(f, "home after rotating to landscape");
	app_resize(FX_APP(f), 1080, 1920);
	check_pages(f, "home after rotating back");
	fx_free(f);
}

/* -------------------------------------------------------------- search */

static void test_search_should_fit_every_layout(void **st)
{
	(void)st;
	for (int i = 0; i < N_LOOKS; i++) {
		Fx *f = look(i);
		search_state_open(FX_APP(f));
		assert_string_equal(fx_screen(f), "search");
		check_pages(f, "search, empty query");
		app_text(FX_APP(f), "测试事项");
		check_pages(f, "search with results");
		search_state_open(FX_APP(f));
		app_text(FX_APP(f), "zzzzqqq");
		check_pages(f, "search without result");
		fx_free(f);
	}
}

static void test_search_should_show_results_for_a_chinese_query(void **st)
{
	(void)st;
	Fx *f = fx_new(1080, 1920);
	search_state_open(FX_APP(f));
	app_text(FX_APP(f), "食品经营");
	assert_true(fx_shows(f, "找到1项事项"));
	assert_true(fx_shows(f, "食品经营许可证核发"));
	search_state_open(FX_APP(f));
	app_text(FX_APP(f), "测试事项");
	assert_true(fx_shows(f, "找到17项事项"));
	search_state_open(FX_APP(f));
	app_text(FX_APP(f), "zzzzqqq");
	assert_true(fx_shows(f, "没有找到“zzzzqqq”相关事项"));
	assert_false(fx_shows(f, "找到1项事项"));
	fx_free(f);
}

/* --------------------------------------------------------- screensaver */

static void test_screensaver_should_fit_every_layout_at_every_place(void **st)
{
	(void)st;
	for (int i = 0; i < N_LOOKS; i++) {
		Fx *f = look(i);
		fx_at(f, (uint32_t)FX_APP(f)->cfg->idle_screensaver_s * 1000u);
		assert_string_equal(fx_screen(f), "screensaver");
		/* It moves every 8 s: check 12 places. */
		for (int p = 0; p < 12; p++) {
			fx_assert_layout(f, "screensaver");
			assert_true(fx_shows(f, "请触摸屏幕开始查询"));
			fx_wait(f, 8000);
		}
		fx_free(f);
	}
}

/* -------------------------------------------------------------- PIN pad */

static void open_pin(Fx *f)
{
	app_go(FX_APP(f), SCR_PIN);
	assert_string_equal(fx_screen(f), "pin");
}

static void type_pin(Fx *f, const char *pin)
{
	for (const char *p = pin; *p; p++) fx_tap_id(f, ACT_PIN_DIGIT + (*p - '0'));
	fx_tap_id(f, ACT_PIN_OK);         /* 确定 is on screen in every look */
}

static void test_pin_pad_should_fit_every_layout_in_every_state(void **st)
{
	(void)st;
	for (int i = 0; i < N_LOOKS; i++) {
		Fx *f = look(i);
		open_pin(f);
		fx_assert_layout(f, "PIN pad");
		type_pin(f, "1111");
		maint_pin_poll(FX_APP(f), 1);
		assert_true(fx_shows(f, "密码错误"));
		fx_assert_layout(f, "PIN pad, wrong PIN");
		for (int n = 0; n < 4; n++) {
			type_pin(f, "1111");
			maint_pin_poll(FX_APP(f), 1);
		}
		assert_true(fx_shows(f, "已锁定"));
		fx_assert_layout(f, "PIN pad, locked");
		fx_free(f);
	}
	fx_end();
}

static void test_pin_pad_should_show_a_spinner_while_checking(void **st)
{
	(void)st;
	for (int i = 0; i < N_LOOKS; i++) {
		Fx *f = look(i);
		open_pin(f);
		type_pin(f, "1111");
		/* Not polled yet: the check is still the pad's state. */
		assert_true(maint_pin_checking(FX_APP(f)));
		assert_true(fx_shows(f, "正在验证"));
		fx_assert_layout(f, "PIN pad, checking");
		maint_pin_poll(FX_APP(f), 1);
		assert_false(fx_shows(f, "正在验证"));
		fx_free(f);
	}
	fx_end();
}

/* --------------------------------------------------------- maintenance */

static void open_maint(Fx *f)
{
	open_pin(f);
	type_pin(f, FX_PIN);
	maint_pin_poll(FX_APP(f), 1);
	assert_string_equal(fx_screen(f), "maintenance");
}

static void test_maintenance_should_fit_every_layout_in_every_view(void **st)
{
	(void)st;
	static const struct { int id; const char *name; } views[] = {
		{ACT_M_USAGE, "usage"}, {ACT_M_TOUCH, "touch test"}, {ACT_M_PATTERN, "test pattern"},
	};
	for (int i = 0; i < N_LOOKS; i++) {
		Fx *f = look(i);
		open_maint(f);
		check_pages(f, "maintenance");
		for (size_t v = 0; v < sizeof views / sizeof views[0]; v++) {
			if (!fx_reachable(f, views[v].id)) continue;
			fx_tap_id(f, views[v].id);
			fx_assert_layout(f, views[v].name);
			app_key(FX_APP(f), "Escape");
			assert_int_equal(FX_APP(f)->maint->view, MV_MAIN);
		}
		if (fx_reachable(f, ACT_M_RESTART)) {
			fx_tap_id(f, ACT_M_RESTART);
			assert_true(fx_shows(f, "确定要重启服务程序吗？"));
			fx_assert_layout_hits(f, "confirm dialog", 0);
		}
		fx_free(f);
	}
	fx_end();
}

static void test_maintenance_should_ask_before_restarting(void **st)
{
	(void)st;
	Fx *f = fx_new(1080, 1920);
	open_maint(f);
	fx_tap_id(f, ACT_M_RESTART);
	assert_false(FX_APP(f)->quit);
	fx_tap_text(f, "取消");
	assert_false(FX_APP(f)->quit);
	assert_false(fx_shows(f, "确定要重启服务程序吗？"));
	fx_tap_id(f, ACT_M_RESTART);
	fx_tap_id(f, ACT_M_CONFIRM);
	assert_true(FX_APP(f)->quit);
	assert_int_equal(FX_APP(f)->exit_code, KIOSK_EXIT_RESTART);
	fx_free(f);
}

/* The usage view shows what usage.db held when it opened or when a period
 * was chosen: read at the tap, never while drawing (a redraw, e.g. for the
 * clock, does not query the database). */
static void test_usage_view_should_read_the_database_at_the_tap(void **st)
{
	(void)st;
	Fx *f = fx_new(1080, 1920);
	char path[160], err[256];
	snprintf(path, sizeof path, "%s/usage.db", f->dir);
	Usage *u = usage_open(path, err, sizeof err);
	assert_non_null(u);
	FX_APP(f)->usage = u;
	int64_t now = FX_APP(f)->clock_base + FX_APP(f)->now / 1000;
	assert_int_equal(usage_record_view(u, "410106-X-1", now, err, sizeof err), 0);
	open_maint(f);
	fx_tap_id(f, ACT_M_USAGE);
	assert_true(fx_shows(f, "共查看事项 1 次，无结果的搜索 0 次"));
	assert_int_equal(usage_record_view(u, "410106-X-1", now, err, sizeof err), 0);
	fx_draw(f);
	assert_true(fx_shows(f, "共查看事项 1 次，无结果的搜索 0 次"));
	fx_tap_id(f, ACT_M_PERIOD + 1);
	assert_true(fx_shows(f, "共查看事项 2 次，无结果的搜索 0 次"));
	fx_free(f);
	usage_close(u);
}

/* The PIN pad and maintenance are staff screens: drawn with the normal
 * theme in 长辈模式 too, while the citizen's 长辈模式 stays on and is still
 * on back at home. */
static void test_staff_screens_should_use_the_normal_theme_and_keep_elder_mode(void **st)
{
	(void)st;
	for (int i = 0; i < N_LOOKS; i++) {
		if (!looks[i].elder) continue;
		Fx *f = look(i);
		Theme normal = theme_make(looks[i].w, looks[i].h, 0);
		open_pin(f);
		fx_draw(f);
		assert_int_equal(f->ui.th.elder, 0);
		assert_int_equal(f->ui.th.button_h, normal.button_h);
		assert_true(FX_APP(f)->elder);
		type_pin(f, FX_PIN);
		maint_pin_poll(FX_APP(f), 1);
		assert_string_equal(fx_screen(f), "maintenance");
		fx_draw(f);
		assert_int_equal(f->ui.th.body, normal.body);
		assert_true(FX_APP(f)->elder);
		app_key(FX_APP(f), "Escape");
		assert_string_equal(fx_screen(f), "home");
		assert_true(FX_APP(f)->elder);
		fx_draw(f);
		assert_int_equal(f->ui.th.elder, 1);
		fx_free(f);
	}
}

/* A job's progress card: a rollback with nothing to roll back to (the
 * fixture's data.dir has no previous.db) runs on the worker thread in
 * lockstep with the frames and ends failed; the card says so and fits,
 * and the actions come back when it is done. */
static void test_maintenance_should_show_a_job_to_its_end(void **st)
{
	(void)st;
	for (int i = 0; i < N_LOOKS; i++) {
		Fx *f = look(i);
		open_maint(f);
		if (!fx_reachable(f, ACT_M_ROLLBACK)) { fx_free(f); continue; }
		fx_tap_id(f, ACT_M_ROLLBACK);
		fx_tap_id(f, ACT_M_CONFIRM);
		assert_true(FX_APP(f)->maint->job.started);
		assert_true(FX_APP(f)->maint->job_visible);
		for (int n = 0; n < 100 && FX_APP(f)->maint->job.started; n++) {
			fx_assert_layout(f, "maintenance, a job running");
			fx_wait(f, 100);
		}
		assert_false(FX_APP(f)->maint->job.started);
		assert_true(fx_shows(f, "回滚失败"));
		fx_assert_layout(f, "maintenance, a job failed");
		assert_true(fx_reachable(f, ACT_M_SYNC_USB));   /* actions are back */
		fx_free(f);
	}
	fx_end();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_check_should_report_overlap_offscreen_and_cut_text),
		cmocka_unit_test(test_home_should_fit_every_layout),
		cmocka_unit_test(test_home_should_show_the_hall_clock_and_hot_items),
		cmocka_unit_test(test_department_should_fit_every_layout),
		cmocka_unit_test(test_department_should_say_when_it_has_no_items),
		cmocka_unit_test(test_item_should_fit_every_layout_on_every_page),
		cmocka_unit_test(test_item_should_list_every_material),
		cmocka_unit_test(test_item_qr_panel_should_fit_and_close_on_back),
		cmocka_unit_test(test_item_section_chips_should_jump_to_their_section),
		cmocka_unit_test(test_screens_should_fit_after_a_rotation),
		cmocka_unit_test(test_search_should_fit_every_layout),
		cmocka_unit_test(test_search_should_show_results_for_a_chinese_query),
		cmocka_unit_test(test_screensaver_should_fit_every_layout_at_every_place),
		cmocka_unit_test(test_pin_pad_should_fit_every_layout_in_every_state),
		cmocka_unit_test(test_pin_pad_should_show_a_spinner_while_checking),
		cmocka_unit_test(test_maintenance_should_fit_every_layout_in_every_view),
		cmocka_unit_test(test_maintenance_should_ask_before_restarting),
		cmocka_unit_test(test_maintenance_should_show_a_job_to_its_end),
		cmocka_unit_test(test_usage_view_should_read_the_database_at_the_tap),
		cmocka_unit_test(test_staff_screens_should_use_the_normal_theme_and_keep_elder_mode),
	};
	return cmocka_run_group_tests(tests, fx_group_setup, fx_group_teardown);
}
