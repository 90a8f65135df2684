/* app.c — screen switching, the pointer → gesture → action path, idle
 * timers and the clock of the App (app.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "app.h"
#include "item.h"
#include "maint.h"
#include "search_state.h"

/* ---------------------------------------------------------------- setup */

_Static_assert(APP_HOT_MAX <= BUNDLE_POPULAR_MAX,
               "the bundle's popular list (meta 'popular') holds the home screen's");

static int hot_cmp(const void *x_, const void *y_)
{
	const Item *x = *(const Item *const *)x_, *y = *(const Item *const *)y_;
	if (x->popularity != y->popularity) return y->popularity - x->popularity;
	return strcmp(x->code, y->code);
}

/* Top items by popularity; a small insertion into a fixed array. */
static void pick_hot(App *a)
{
	const Item *all[APP_HOT_MAX + 1];
	int n = 0;
	for (int d = 0; d < a->index->n_depts; d++) {
		const Dept *dp = &a->index->depts[d];
		for (int i = 0; i < dp->n_items; i++) {
			/* The spare slot all[APP_HOT_MAX] takes the newcomer once
			 * the list is full; sorting it in decides who stays. */
			int full = n == APP_HOT_MAX;
			all[full ? APP_HOT_MAX : n++] = &dp->items[i];
			qsort(all, (size_t)(full ? n + 1 : n), sizeof all[0], hot_cmp);
		}
	}
	a->n_hot = n;
	memcpy(a->hot, all, sizeof(all[0]) * (size_t)n);
}

int app_init(App *a, const Config *cfg, Bundle *b, Guide *index,
             const Screen *const *screens, int w, int h, uint32_t now,
             int64_t clock_base, char *err, size_t errlen)
{
	a->cfg = cfg;
	a->bundle = b;
	a->index = index;
	a->screens = screens;
	a->w = w;
	a->h = h;
	a->now = a->last_input = now;
	a->clock_base = clock_base;
	a->shown_minute = -1;
	a->item_anchor = -1;
	input_init(&a->input, INPUT_SLOP_PX, INPUT_LONG_MS);
	pick_hot(a);
	if (cfg->speech_enabled) {
		char why[256];
		a->speech_ok = speech_command_found(cfg->speech_command, why, sizeof why);
		if (!a->speech_ok)
			fprintf(stderr, "kiosk: speech.command: %s; the 朗读本节 button is hidden\n", why);
	}
	if (maint_init(a) < 0) {
		snprintf(err, errlen, "maintenance: out of memory");
		return -1;
	}
	if (search_state_init(a) < 0) {
		snprintf(err, errlen, "search index: out of memory");
		return -1;
	}
	a->screen = SCR_HOME;
	a->scr = screens[SCR_HOME];
	if (a->scr->enter) a->scr->enter(a);
	a->dirty = 1;
	return 0;
}

int app_items(App *a, int block)
{
	if (!a->hooks.items_arrive) return 1;
	if (!a->hooks.items_arrive(a->hooks.items_ctx, block)) return 0;
	a->hooks.items_arrive = NULL;
	return 1;
}

void app_set_hot(App *a, const Item *const *items, int n)
{
	a->n_hot = n < APP_HOT_MAX ? n : APP_HOT_MAX;
	memcpy(a->hot, items, sizeof(a->hot[0]) * (size_t)a->n_hot);
}

void app_fini(App *a)
{
	app_items(a, 1);                /* the loader is using the bundle */
	item_extra_fini(a);
	maint_fini(a);
	search_state_fini(a);
	arena_free(&a->item_arena);
}

/* ------------------------------------------------------------- screens */

void app_trace(const App *a)
{
	if (!a->trace) return;
	switch (a->screen) {
	case SCR_DEPT:
		printf("screen department %s\n", a->index->depts[a->dept].code);
		break;
	case SCR_ITEM:
		printf("screen item %s\n", a->item_summary ? a->item_summary->code : "?");
		break;
	default:
		printf("screen %s\n", a->scr->name);
	}
	fflush(stdout);
}

static void switch_to(App *a, ScreenId s)
{
	if (a->scr->leave) a->scr->leave(a);
	a->screen = s;
	a->scr = a->screens[s];
	a->pressed = 0;
	if (a->scr->enter) a->scr->enter(a);
	a->dirty = 1;
	app_trace(a);
}

void app_go(App *a, ScreenId s)
{
	if (s == SCR_HOME) {
		a->n_back = 0;
	} else if (s != SCR_SAVER && a->screen != SCR_SAVER && a->screen != s &&
	           a->n_back < APP_BACK_MAX) {
		a->back_stack[a->n_back++] = a->screen;
	}
	switch_to(a, s);
}

void app_home(App *a)
{
	a->n_back = 0;
	app_go(a, SCR_HOME);
}

void app_back(App *a)
{
	if (a->scr->back && a->scr->back(a)) return;
	ScreenId s = a->n_back > 0 ? a->back_stack[--a->n_back] : SCR_HOME;
	switch_to(a, s);
}

void app_open_dept(App *a, int d)
{
	if (d < 0 || d >= a->index->n_depts) return;
	if (d != a->dept || a->screen == SCR_HOME) scroll_jump(&a->dept_scroll, 0);
	a->dept = d;
	app_go(a, SCR_DEPT);
}

void app_open_item(App *a, const Item *summary)
{
	arena_free(&a->item_arena);
	a->item_err[0] = 0;
	a->item_summary = summary;
	a->n_views++;
	/* The one SQL query per item view: at screen entry, never per frame. */
	a->item = bundle_load_item(a->bundle, summary->code, &a->item_arena,
	                           a->item_err, sizeof a->item_err);
	if (!a->item)
		fprintf(stderr, "kiosk: item %s: %s\n", summary->code, a->item_err);
	char uerr[256];
	if (a->usage && usage_record_view(a->usage, summary->code,
	                                  a->clock_base + a->now / 1000, uerr, sizeof uerr) < 0)
		fprintf(stderr, "kiosk: usage: %s\n", uerr);
	for (int d = 0; d < a->index->n_depts; d++)
		if (strcmp(a->index->depts[d].code, summary->dept_code) == 0) a->dept = d;
	scroll_jump(&a->item_scroll, 0);
	/* Section places are known after the first draw; until then the
	 * first section is the active one. */
	for (int i = 1; i < APP_SECTIONS; i++) a->section_y[i] = 1 << 30;
	a->section_y[0] = 0;
	a->item_anchor = -1;
	app_go(a, SCR_ITEM);
}

void app_set_elder(App *a, int on)
{
	if (a->elder == on) return;
	a->elder = on;
	/* Content reflows; keep the relative place so the reader is not lost. */
	Scroll *s[] = {&a->home_scroll, &a->dept_scroll, &a->item_scroll};
	for (int i = 0; i < 3; i++) scroll_keep_place(s[i]);
	/* On a guide, come back to the section being read. */
	a->item_anchor = -1;
	int pos = scroll_px(&a->item_scroll);
	for (int i = 0; i < APP_SECTIONS; i++)
		if (a->section_y[i] <= pos) a->item_anchor = i;
	a->dirty = 1;
}

void app_set_contrast(App *a, int on)
{
	if (a->contrast == on) return;
	a->contrast = on;
	a->dirty = 1;
}

void app_mark_dirty(App *a) { a->dirty = 1; }

void app_resize(App *a, int w, int h)
{
	if (w == a->w && h == a->h) return;
	a->w = w;
	a->h = h;
	Scroll *s[] = {&a->home_scroll, &a->dept_scroll, &a->item_scroll};
	for (int i = 0; i < 3; i++) scroll_keep_place(s[i]);
	a->dirty = 1;
}

void app_item_jump(App *a, int sec)
{
	if (sec >= 0 && sec < APP_SECTIONS) scroll_jump(&a->item_scroll, (float)a->section_y[sec]);
}

uint32_t app_saver_step(const App *a)
{
	return (a->now - a->saver_since) / APP_SAVER_STEP_MS;
}

void app_saver_tick(App *a)
{
	uint32_t step = app_saver_step(a);
	if (step != a->saver_step) { a->saver_step = step; a->dirty = 1; }
}

void app_clock(const App *a, char *date, size_t dn, char *tbuf, size_t tn)
{
	static const char *wd[] = {"日", "一", "二", "三", "四", "五", "六"};
	time_t t = (time_t)(a->clock_base + a->now / 1000);
	struct tm tm;
	localtime_r(&t, &tm);
	snprintf(date, dn, "%d月%d日 星期%s", tm.tm_mon + 1, tm.tm_mday, wd[tm.tm_wday]);
	snprintf(tbuf, tn, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

/* --------------------------------------------------------------- input */

static void idle_reset(App *a)
{
	app_set_elder(a, 0);
	app_set_contrast(a, 0);
	scroll_jump(&a->home_scroll, 0);
	scroll_jump(&a->dept_scroll, 0);
	scroll_jump(&a->item_scroll, 0);
	search_state_reset(a);
	if (a->screen != SCR_HOME) app_go(a, SCR_HOME);
}

static void dispatch(App *a, int id)
{
	AppEvent e = {EV_ACTION, id, NULL};
	switch (id) {
	case ACT_ELDER: app_set_elder(a, !a->elder); return;
	case ACT_CONTRAST: app_set_contrast(a, !a->contrast); return;
	case ACT_HOME: if (a->screen != SCR_HOME) app_go(a, SCR_HOME); return;
	case ACT_BACK: app_back(a); return;
	case ACT_SEARCH: search_state_open(a); return;
	}
	if (a->scr->event) a->scr->event(a, &e);
}

static int hit_at(const App *a, float x, float y)
{
	return a->targets ? dl_hit_at(a->targets, (int)x, (int)y) : 0;
}

/* Turn queued gestures into pressed state, scrolling and actions. */
static void gestures(App *a)
{
	Gesture g;
	Scroll *sc = a->scr->scroller ? a->scr->scroller(a) : NULL;
	while (input_next(&a->input, &g)) {
		a->dirty = 1;
		if (a->swallow) {
			/* The touch that woke the screensaver presses nothing. */
			continue;
		}
		/* The hidden maintenance gesture reads the same stream; the tap
		 * that completes it opens the PIN pad and presses nothing. */
		if (maint_gesture(a, &g)) {
			a->pressed = 0;
			continue;
		}
		switch (g.kind) {
		case GEST_DOWN:
			/* A finger that stops a fling only stops it. */
			if (sc && scroll_moving(sc)) {
				scroll_begin(sc);
				a->pressed = -1;
			} else {
				a->pressed = hit_at(a, g.x, g.y);
			}
			break;
		case GEST_TAP:
			if (a->pressed > 0 && hit_at(a, g.x, g.y) == a->pressed) {
				int id = a->pressed;
				a->pressed = 0;
				dispatch(a, id);
				sc = a->scr->scroller ? a->scr->scroller(a) : NULL;
			}
			a->pressed = 0;
			if (sc) sc->dragging = 0;
			break;
		case GEST_LONG_PRESS:
		case GEST_CANCEL:
			a->pressed = 0;
			if (sc) sc->dragging = 0;
			break;
		case GEST_DRAG_BEGIN:
			a->pressed = 0;             /* a drag never presses */
			if (sc) scroll_begin(sc);
			break;
		case GEST_DRAG:
			if (sc) scroll_drag(sc, g.dy);
			break;
		case GEST_DRAG_END:
			if (sc) scroll_release(sc, g.vy);
			break;
		default:
			break;
		}
	}
}

void app_touched(App *a)
{
	a->last_input = a->now;
}

void app_pointer_down(App *a, int64_t id, float x, float y)
{
	app_items(a, 1);                /* what a tap opens may need them */
	app_touched(a);
	if (a->screen == SCR_SAVER && a->input.n_down == 0) {
		a->swallow = 1;
		app_go(a, SCR_HOME);
	}
	input_down(&a->input, id, x, y, a->now);
	gestures(a);
}

void app_pointer_move(App *a, int64_t id, float x, float y)
{
	if (a->input.n_down == 0) return;   /* hover: nothing to do */
	app_touched(a);
	input_move(&a->input, id, x, y, a->now);
	gestures(a);
}

void app_pointer_up(App *a, int64_t id, float x, float y)
{
	app_touched(a);
	input_up(&a->input, id, x, y, a->now);
	gestures(a);
	if (a->input.n_down == 0) a->swallow = 0;
}

/* Keys that scroll: the distance of one press (a fraction of the screen
 * for the page keys). */
#define APP_KEY_PAGE 0.6f
#define APP_KEY_LINE_PX 120

void app_key(App *a, const char *name)
{
	app_items(a, 1);
	app_touched(a);
	if (a->screen == SCR_SAVER) { app_go(a, SCR_HOME); return; }
	if (maint_active(a)) {              /* PIN pad, maintenance: keys are theirs */
		AppEvent e = {EV_KEY, 0, name};
		a->scr->event(a, &e);
		a->dirty = 1;
		return;
	}
	/* On the search screen Backspace edits the query. */
	int edits = a->screen == SCR_SEARCH && !strcmp(name, "Backspace");
	if (!edits && (!strcmp(name, "Escape") || !strcmp(name, "Backspace") ||
	               !strcmp(name, "AC Back"))) {
		if (a->screen != SCR_HOME) app_back(a);
	} else if (!strcmp(name, "Home")) {
		dispatch(a, ACT_HOME);
	} else if (!strcmp(name, "F2")) {
		dispatch(a, ACT_ELDER);
	} else {
		Scroll *sc = a->scr->scroller ? a->scr->scroller(a) : NULL;
		float page = (float)a->h * APP_KEY_PAGE;
		if (sc && !strcmp(name, "PageDown")) scroll_jump(sc, sc->pos + page);
		else if (sc && !strcmp(name, "PageUp")) scroll_jump(sc, sc->pos - page);
		else if (sc && !strcmp(name, "Down")) scroll_jump(sc, sc->pos + APP_KEY_LINE_PX);
		else if (sc && !strcmp(name, "Up")) scroll_jump(sc, sc->pos - APP_KEY_LINE_PX);
		else {
			AppEvent e = {EV_KEY, 0, name};
			if (a->scr->event) a->scr->event(a, &e);
		}
	}
	a->dirty = 1;
}

void app_text(App *a, const char *utf8)
{
	app_items(a, 1);
	app_touched(a);
	AppEvent e = {EV_TEXT, 0, utf8};
	if (a->scr->event) a->scr->event(a, &e);
	a->dirty = 1;
}

/* ---------------------------------------------------------------- time */

static uint32_t reset_ms(const App *a) { return (uint32_t)a->cfg->idle_reset_s * 1000u; }
static uint32_t saver_ms(const App *a) { return (uint32_t)a->cfg->idle_screensaver_s * 1000u; }

static int at_rest_home(const App *a)
{
	return a->screen == SCR_HOME && !a->elder && !a->contrast && a->home_scroll.pos == 0;
}

void app_advance(App *a, uint32_t now)
{
	uint32_t prev = a->now;
	a->now = now;
	input_tick(&a->input, now);
	gestures(a);
	uint32_t idle = now - a->last_input;
	maint_advance(a);                       /* its own idle exit; live pickup */
	if (a->input.n_down == 0 && !maint_active(a)) {
		if (a->cfg->idle_reset_s > 0 && idle >= reset_ms(a) &&
		    a->screen != SCR_SAVER && !at_rest_home(a))
			idle_reset(a);
		if (a->cfg->idle_screensaver_s > 0 && idle >= saver_ms(a) &&
		    a->screen != SCR_SAVER) {
			idle_reset(a);
			a->saver_since = now;
			app_go(a, SCR_SAVER);
		}
	}
	float dt = (now - prev) / 1000.0f;
	if (dt > 0.1f) dt = 0.1f;               /* after a long wait: no jump */
	a->animating = a->scr->update ? a->scr->update(a, dt) : 0;
	if (a->animating) a->dirty = 1;
	int minute = (int)((a->clock_base + now / 1000) / 60);
	if (minute != a->shown_minute) a->dirty = 1;
}

uint32_t app_timeout(const App *a)
{
	if (a->animating || a->dirty) return 0;
	uint32_t until = UINT32_MAX;
	uint32_t dl = input_deadline(&a->input);
	if (dl != UINT32_MAX) until = dl > a->now ? dl - a->now : 0;
	uint32_t idle = a->now - a->last_input;
	uint32_t mt = maint_timeout(a);
	if (mt < until) until = mt;
	if (a->screen != SCR_SAVER && !maint_active(a)) {
		if (a->cfg->idle_reset_s > 0 && !at_rest_home(a)) {
			uint32_t r = reset_ms(a);
			uint32_t t = r > idle ? r - idle : 0;
			if (t < until) until = t;
		}
		if (a->cfg->idle_screensaver_s > 0) {
			uint32_t r = saver_ms(a);
			uint32_t t = r > idle ? r - idle : 0;
			if (t < until) until = t;
		}
	}
	if (a->scr->timeout) {
		uint32_t t = a->scr->timeout(a);
		if (t < until) until = t;
	}
	/* The clock (home, screensaver) changes each minute. */
	int64_t ms = (a->clock_base % 60) * 1000 + a->now;
	uint32_t t = (uint32_t)(60000 - ms % 60000);
	if (t < until) until = t;
	if (a->screen == SCR_SAVER) {
		uint32_t m = APP_SAVER_STEP_MS - (a->now - a->saver_since) % APP_SAVER_STEP_MS;
		if (m < until) until = m;
	}
	return until;
}

void app_frame_begin(App *a)
{
	a->dirty = 0;
	a->shown_minute = (int)((a->clock_base + a->now / 1000) / 60);
}

void app_apply_layout(App *a, const ScreenLayout *out)
{
	if (out->has_scroll_max) {
		Scroll *sc = a->scr->scroller ? a->scr->scroller(a) : NULL;
		if (sc) scroll_set_max(sc, out->scroll_max);
	}
	if (out->qr_made) item_extra_qr_made(a, out);
	if (out->has_sections) {
		memcpy(a->section_y, out->section_y, sizeof a->section_y);
		a->item_view_h = out->view_h;
		item_extra_set_active(a, out->active_section);
		if (a->item_anchor >= 0) {
			/* reflowed (长辈模式): show the same section's new place next frame */
			scroll_jump(&a->item_scroll, (float)a->section_y[a->item_anchor]);
			a->item_anchor = -1;
			a->dirty = 1;
		}
	}
}

/* ---------------------------------------------------- another bundle */

int app_replace_bundle(App *a, Bundle *b, Guide *index, char *err, size_t errlen)
{
	app_items(a, 1);                /* the old bundle is the loader's until then */
	if (a->hooks.bundle_swap && a->hooks.bundle_swap(a->hooks.ctx, index) < 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	search_state_fini(a);
	arena_free(&a->item_arena);
	a->item = NULL;
	a->item_summary = NULL;
	a->dept = 0;
	a->n_back = 0;
	scroll_jump(&a->dept_scroll, 0);
	scroll_jump(&a->item_scroll, 0);
	guide_free(a->index);
	bundle_close(a->bundle);
	a->bundle = b;
	a->index = index;
	pick_hot(a);
	if (search_state_init(a) < 0) fprintf(stderr, "kiosk: search index: out of memory\n");
	a->dirty = 1;
	return 0;
}
