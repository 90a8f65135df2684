/* kiosk.c — screen switching, the pointer → gesture → action path, idle
 * timers and the frame cycle. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "kiosk.h"
#include "gfx/render.h"
#include "maint.h"
#include "gfx/icons.h"
#include "gfx/qr.h"
#include <SDL_image.h>

static const Screen *const screens[SCR_COUNT] = {
	[SCR_HOME] = &screen_home, [SCR_DEPT] = &screen_dept,
	[SCR_ITEM] = &screen_item, [SCR_SAVER] = &screen_saver,
	[SCR_SEARCH] = &screen_search,
	[SCR_PIN] = &screen_pin, [SCR_MAINT] = &screen_maint,
};

/* ---------------------------------------------------------------- stats */

#define STATS_MAX 20000

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return (x > y) - (x < y);
}

static void print_pct(const char *name, float *v, int n, int pct)
{
	if (n == 0) return;
	qsort(v, (size_t)n, sizeof *v, cmp_float);
	int i = (int)((long)n * pct / 100);
	if (i >= n) i = n - 1;
	printf("{\"metric\": \"%s\", \"value\": %.3f, \"unit\": \"ms\", \"samples\": %d}\n",
	       name, v[i], n);
}

/* ---------------------------------------------------------------- setup */

static int hot_cmp(const void *a, const void *b)
{
	const Item *x = *(const Item *const *)a, *y = *(const Item *const *)b;
	if (x->popularity != y->popularity) return y->popularity - x->popularity;
	return strcmp(x->code, y->code);
}

/* Top items by popularity; a small insertion into a fixed array. */
static void pick_hot(Kiosk *k)
{
	const Item *all[KIOSK_HOT_MAX + 1];
	int n = 0;
	for (int d = 0; d < k->index->n_depts; d++) {
		const Dept *dp = &k->index->depts[d];
		for (int i = 0; i < dp->n_items; i++) {
			/* The spare slot all[KIOSK_HOT_MAX] takes the newcomer once
			 * the list is full; sorting it in decides who stays. */
			int full = n == KIOSK_HOT_MAX;
			all[full ? KIOSK_HOT_MAX : n++] = &dp->items[i];
			qsort(all, (size_t)(full ? n + 1 : n), sizeof all[0], hot_cmp);
		}
	}
	k->n_hot = n;
	memcpy(k->hot, all, sizeof(all[0]) * (size_t)n);
}

int kiosk_init(Kiosk *k, const Config *cfg, SDL_Renderer *ren, FontSet *fs,
               Atlas *atlas, TextCache *tc, Bundle *b, Guide *index,
               int w, int h, uint32_t now, int64_t clock_base,
               char *err, size_t errlen)
{
	k->cfg = cfg;
	k->ren = ren;
	k->fonts = fs;
	k->atlas = atlas;
	k->tc = tc;
	k->bundle = b;
	k->index = index;
	k->w = w;
	k->h = h;
	k->th = theme_make(w, h, 0);
	k->now = k->last_input = now;
	k->clock_base = clock_base;
	k->shown_minute = -1;
	k->item_anchor = -1;
	k->warm_next = -1;
	snprintf(k->assets, sizeof k->assets, "%s",
	         cfg->assets_dir[0] ? cfg->assets_dir : "assets");
	input_init(&k->input, INPUT_SLOP_PX, INPUT_LONG_MS);
	k->dl = dl_new(w, h, 6000, 600, 256 * 1024);
	k->icons = calloc((size_t)(index->n_depts + 1), sizeof *k->icons);
	if (!k->dl || !k->icons) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	pick_hot(k);
	if (maint_init(k) < 0) {
		snprintf(err, errlen, "maintenance: out of memory");
		return -1;
	}
	if (kiosk_search_init(k) < 0) {
		snprintf(err, errlen, "search index: out of memory");
		return -1;
	}
	const char *st = getenv("KIOSK_STATS");
	if (st && *st && strcmp(st, "0") != 0) {
		k->stats = atoi(st) > 1 ? 2 : 1;
		k->frame_ms = calloc(STATS_MAX, sizeof *k->frame_ms);
		k->tap_ms = calloc(STATS_MAX, sizeof *k->tap_ms);
		if (!k->frame_ms || !k->tap_ms) k->stats = 0;
	}
	k->screen = SCR_HOME;
	k->scr = screens[SCR_HOME];
	if (k->scr->enter) k->scr->enter(k);
	k->dirty = 1;
	return 0;
}

void kiosk_fini(Kiosk *k)
{
	screen_item_fini(k);
	maint_fini(k);
	kiosk_search_fini(k);
	if (k->stats) {
		print_pct("frame_cpu_p50_ms", k->frame_ms, k->n_frame_ms, 50);
		print_pct("frame_cpu_p99_ms", k->frame_ms, k->n_frame_ms, 99);
		print_pct("tap_present_p50_ms", k->tap_ms, k->n_tap_ms, 50);
		print_pct("tap_present_p99_ms", k->tap_ms, k->n_tap_ms, 99);
		fflush(stdout);
	}
	free(k->frame_ms);
	free(k->tap_ms);
	icons_free(k->icons_loading);
	k->icons_loading = NULL;
	if (k->icons) {
		for (int i = 0; i < k->index->n_depts; i++)
			if (k->icons[i].tex) SDL_DestroyTexture(k->icons[i].tex);
		free(k->icons);
	}
	if (k->qr_tex) SDL_DestroyTexture(k->qr_tex);
	dl_free(k->dl);
	arena_free(&k->item_arena);
}

/* ------------------------------------------------------------- screens */

void kiosk_trace(Kiosk *k)
{
	if (!k->trace) return;
	switch (k->screen) {
	case SCR_DEPT:
		printf("screen department %s\n", k->index->depts[k->dept].code);
		break;
	case SCR_ITEM:
		printf("screen item %s\n", k->item_summary ? k->item_summary->code : "?");
		break;
	default:
		printf("screen %s\n", k->scr->name);
	}
	fflush(stdout);
}

static void switch_to(Kiosk *k, ScreenId s)
{
	if (k->scr->leave) k->scr->leave(k);
	k->screen = s;
	k->scr = screens[s];
	k->pressed = 0;
	if (k->scr->enter) k->scr->enter(k);
	k->dirty = 1;
	kiosk_trace(k);
}

void kiosk_go(Kiosk *k, ScreenId s)
{
	if (s == SCR_HOME) {
		k->n_back = 0;
	} else if (s != SCR_SAVER && k->screen != SCR_SAVER && k->screen != s &&
	           k->n_back < (int)(sizeof k->back_stack / sizeof k->back_stack[0])) {
		k->back_stack[k->n_back++] = k->screen;
	}
	switch_to(k, s);
}

void kiosk_back(Kiosk *k)
{
	if (k->scr->back && k->scr->back(k)) return;
	ScreenId s = k->n_back > 0 ? k->back_stack[--k->n_back] : SCR_HOME;
	switch_to(k, s);
}

void kiosk_open_dept(Kiosk *k, int d)
{
	if (d < 0 || d >= k->index->n_depts) return;
	if (d != k->dept || k->screen == SCR_HOME) scroll_jump(&k->dept_scroll, 0);
	k->dept = d;
	kiosk_go(k, SCR_DEPT);
}

void kiosk_open_item(Kiosk *k, const Item *summary)
{
	arena_free(&k->item_arena);
	k->item_err[0] = 0;
	k->item_summary = summary;
	k->n_views++;
	/* The one SQL query per item view: at screen entry, never per frame. */
	k->item = bundle_load_item(k->bundle, summary->code, &k->item_arena,
	                           k->item_err, sizeof k->item_err);
	if (!k->item)
		fprintf(stderr, "kiosk: item %s: %s\n", summary->code, k->item_err);
	char uerr[256];
	if (k->usage && usage_record_view(k->usage, summary->code,
	                                  k->clock_base + k->now / 1000, uerr, sizeof uerr) < 0)
		fprintf(stderr, "kiosk: usage: %s\n", uerr);
	for (int d = 0; d < k->index->n_depts; d++)
		if (strcmp(k->index->depts[d].code, summary->dept_code) == 0) k->dept = d;
	scroll_jump(&k->item_scroll, 0);
	/* Section places are known after the first draw; until then the
	 * first section is the active one. */
	for (int i = 1; i < KIOSK_SECTIONS; i++) k->section_y[i] = 1 << 30;
	k->section_y[0] = 0;
	k->item_anchor = -1;
	kiosk_go(k, SCR_ITEM);
}

void kiosk_set_elder(Kiosk *k, int on)
{
	if (k->elder == on) return;
	k->elder = on;
	k->th = theme_make(k->w, k->h, on);
	/* Content reflows; keep the relative place so the reader is not lost. */
	Scroll *s[] = {&k->home_scroll, &k->dept_scroll, &k->item_scroll};
	for (int i = 0; i < 3; i++) scroll_keep_place(s[i]);
	/* On a guide, come back to the section being read. */
	k->item_anchor = -1;
	int pos = scroll_px(&k->item_scroll);
	for (int i = 0; i < KIOSK_SECTIONS; i++)
		if (k->section_y[i] <= pos) k->item_anchor = i;
	k->dirty = 1;
}

void kiosk_set_contrast(Kiosk *k, int on)
{
	if (k->contrast == on) return;
	k->contrast = on;
	text_cache_set_recolor(k->tc, on ? theme_hc_text : NULL);
	k->dl->recolor = on ? theme_hc_fill : NULL;
	k->dirty = 1;
}

void kiosk_mark_dirty(Kiosk *k) { k->dirty = 1; }

void kiosk_resize(Kiosk *k, int w, int h)
{
	if (w == k->w && h == k->h) return;
	k->w = w;
	k->h = h;
	k->th = theme_make(w, h, k->elder);
	Scroll *s[] = {&k->home_scroll, &k->dept_scroll, &k->item_scroll};
	for (int i = 0; i < 3; i++) scroll_keep_place(s[i]);
	k->dirty = 1;
}

/* --------------------------------------------------------------- input */

static void idle_reset(Kiosk *k)
{
	kiosk_set_elder(k, 0);
	kiosk_set_contrast(k, 0);
	scroll_jump(&k->home_scroll, 0);
	scroll_jump(&k->dept_scroll, 0);
	scroll_jump(&k->item_scroll, 0);
	kiosk_search_reset(k);
	if (k->screen != SCR_HOME) kiosk_go(k, SCR_HOME);
}

static void dispatch(Kiosk *k, int id)
{
	KioskEvent e = {EV_ACTION, id, NULL};
	switch (id) {
	case ACT_ELDER: kiosk_set_elder(k, !k->elder); return;
	case ACT_CONTRAST: kiosk_set_contrast(k, !k->contrast); return;
	case ACT_HOME: if (k->screen != SCR_HOME) kiosk_go(k, SCR_HOME); return;
	case ACT_BACK: kiosk_back(k); return;
	case ACT_SEARCH: kiosk_open_search(k); return;
	}
	if (k->scr->event) k->scr->event(k, &e);
}

/* Turn queued gestures into pressed state, scrolling and actions. */
static void gestures(Kiosk *k)
{
	Gesture g;
	Scroll *sc = k->scr->scroller ? k->scr->scroller(k) : NULL;
	while (input_next(&k->input, &g)) {
		k->dirty = 1;
		if (k->swallow) {
			/* The touch that woke the screensaver presses nothing. */
			continue;
		}
		/* The hidden maintenance gesture reads the same stream; the tap
		 * that completes it opens the PIN pad and presses nothing. */
		if (maint_gesture(k, &g)) {
			k->pressed = 0;
			continue;
		}
		switch (g.kind) {
		case GEST_DOWN:
			/* A finger that stops a fling only stops it. */
			if (sc && scroll_moving(sc)) {
				scroll_begin(sc);
				k->pressed = -1;
			} else {
				k->pressed = dl_hit_at(k->dl, (int)g.x, (int)g.y);
			}
			break;
		case GEST_TAP:
			if (k->pressed > 0 && dl_hit_at(k->dl, (int)g.x, (int)g.y) == k->pressed) {
				int id = k->pressed;
				k->pressed = 0;
				dispatch(k, id);
				sc = k->scr->scroller ? k->scr->scroller(k) : NULL;
			}
			k->pressed = 0;
			if (sc) sc->dragging = 0;
			break;
		case GEST_LONG_PRESS:
		case GEST_CANCEL:
			k->pressed = 0;
			if (sc) sc->dragging = 0;
			break;
		case GEST_DRAG_BEGIN:
			k->pressed = 0;             /* a drag never presses */
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

static void touched(Kiosk *k)
{
	k->last_input = k->now;
}

void kiosk_pointer_down(Kiosk *k, int64_t id, float x, float y)
{
	if (k->stats) k->tap_start = cpu_ms();
	touched(k);
	if (k->screen == SCR_SAVER && k->input.n_down == 0) {
		k->swallow = 1;
		kiosk_go(k, SCR_HOME);
	}
	input_down(&k->input, id, x, y, k->now);
	gestures(k);
}

void kiosk_pointer_move(Kiosk *k, int64_t id, float x, float y)
{
	if (k->input.n_down == 0) return;   /* hover: nothing to do */
	touched(k);
	input_move(&k->input, id, x, y, k->now);
	gestures(k);
}

void kiosk_pointer_up(Kiosk *k, int64_t id, float x, float y)
{
	touched(k);
	input_up(&k->input, id, x, y, k->now);
	gestures(k);
	if (k->input.n_down == 0) k->swallow = 0;
}

void kiosk_key(Kiosk *k, const char *name)
{
	touched(k);
	if (k->screen == SCR_SAVER) { kiosk_go(k, SCR_HOME); return; }
	if (maint_active(k)) {              /* PIN pad, maintenance: keys are theirs */
		KioskEvent e = {EV_KEY, 0, name};
		k->scr->event(k, &e);
		k->dirty = 1;
		return;
	}
	/* On the search screen Backspace edits the query. */
	int edits = k->screen == SCR_SEARCH && !strcmp(name, "Backspace");
	if (!edits && (!strcmp(name, "Escape") || !strcmp(name, "Backspace") ||
	               !strcmp(name, "AC Back"))) {
		if (k->screen != SCR_HOME) kiosk_back(k);
	} else if (!strcmp(name, "Home")) {
		dispatch(k, ACT_HOME);
	} else if (!strcmp(name, "F2")) {
		dispatch(k, ACT_ELDER);
	} else {
		Scroll *sc = k->scr->scroller ? k->scr->scroller(k) : NULL;
		float page = (float)k->h * 0.6f;
		if (sc && !strcmp(name, "PageDown")) scroll_jump(sc, sc->pos + page);
		else if (sc && !strcmp(name, "PageUp")) scroll_jump(sc, sc->pos - page);
		else if (sc && !strcmp(name, "Down")) scroll_jump(sc, sc->pos + 120);
		else if (sc && !strcmp(name, "Up")) scroll_jump(sc, sc->pos - 120);
		else {
			KioskEvent e = {EV_KEY, 0, name};
			if (k->scr->event) k->scr->event(k, &e);
		}
	}
	k->dirty = 1;
}

void kiosk_text(Kiosk *k, const char *utf8)
{
	touched(k);
	KioskEvent e = {EV_TEXT, 0, utf8};
	if (k->scr->event) k->scr->event(k, &e);
	k->dirty = 1;
}

/* ---------------------------------------------------------------- time */

static uint32_t reset_ms(const Kiosk *k) { return (uint32_t)k->cfg->idle_reset_s * 1000u; }
static uint32_t saver_ms(const Kiosk *k) { return (uint32_t)k->cfg->idle_screensaver_s * 1000u; }

static int at_rest_home(const Kiosk *k)
{
	return k->screen == SCR_HOME && !k->elder && !k->contrast && k->home_scroll.pos == 0;
}

void kiosk_advance(Kiosk *k, uint32_t now)
{
	uint32_t prev = k->now;
	k->now = now;
	input_tick(&k->input, now);
	gestures(k);
	uint32_t idle = now - k->last_input;
	maint_advance(k);                       /* its own idle exit; live pickup */
	if (k->input.n_down == 0 && !maint_active(k)) {
		if (k->cfg->idle_reset_s > 0 && idle >= reset_ms(k) &&
		    k->screen != SCR_SAVER && !at_rest_home(k))
			idle_reset(k);
		if (k->cfg->idle_screensaver_s > 0 && idle >= saver_ms(k) &&
		    k->screen != SCR_SAVER) {
			idle_reset(k);
			k->saver_since = now;
			kiosk_go(k, SCR_SAVER);
		}
	}
	float dt = (now - prev) / 1000.0f;
	if (dt > 0.1f) dt = 0.1f;               /* after a long wait: no jump */
	k->animating = k->scr->update ? k->scr->update(k, dt) : 0;
	if (k->animating) k->dirty = 1;
	int minute = (int)((k->clock_base + now / 1000) / 60);
	if (minute != k->shown_minute) k->dirty = 1;
}

uint32_t kiosk_timeout(const Kiosk *k)
{
	if (k->animating || k->dirty) return 0;
	uint32_t until = UINT32_MAX;
	uint32_t dl = input_deadline(&k->input);
	if (dl != UINT32_MAX) until = dl > k->now ? dl - k->now : 0;
	uint32_t idle = k->now - k->last_input;
	uint32_t mt = maint_timeout(k);
	if (mt < until) until = mt;
	if (k->screen != SCR_SAVER && !maint_active(k)) {
		if (k->cfg->idle_reset_s > 0 && !at_rest_home(k)) {
			uint32_t r = reset_ms(k);
			uint32_t t = r > idle ? r - idle : 0;
			if (t < until) until = t;
		}
		if (k->cfg->idle_screensaver_s > 0) {
			uint32_t r = saver_ms(k);
			uint32_t t = r > idle ? r - idle : 0;
			if (t < until) until = t;
		}
	}
	if (k->scr->timeout) {
		uint32_t t = k->scr->timeout(k);
		if (t < until) until = t;
	}
	/* The clock (home, screensaver) changes each minute. */
	int64_t ms = (k->clock_base % 60) * 1000 + k->now;
	uint32_t t = (uint32_t)(60000 - ms % 60000);
	if (t < until) until = t;
	if (k->screen == SCR_SAVER) {
		uint32_t m = 8000 - (k->now - k->saver_since) % 8000;
		if (m < until) until = m;
	}
	return until;
}

/* ------------------------------------------------------------- images */

/* Department icon d at px (loaded once per size and mode), or NULL. A
 * file that will not decode is marked missing and the frame drawn again,
 * so the screen shows its stand-in. */
static SDL_Texture *icon_texture(Kiosk *k, int d, int px, int hc)
{
	IconTex *ic = &k->icons[d];
	if (ic->missing && ic->size == px) return NULL;
	if (ic->tex && ic->size == px && ic->contrast == hc) return ic->tex;
	if (ic->tex) SDL_DestroyTexture(ic->tex);
	ic->tex = NULL;
	ic->size = px;
	ic->contrast = hc;
	ic->missing = 1;
	const char *name = k->index->depts[d].icon;
	if (!name || !*name) return NULL;
	char path[CONFIG_STR * 2];
	snprintf(path, sizeof path, "%s/icons/%s", k->assets, name);
	/* decoded at start-up off the main thread, if at this size */
	SDL_Surface *s = icons_take(k->icons_loading, k->assets, d, px);
	if (!s) {
		SDL_RWops *rw = SDL_RWFromFile(path, "rb");
		if (!rw) { k->dirty = 1; return NULL; }
		s = IMG_LoadSizedSVG_RW(rw, px, px);
		SDL_RWclose(rw);
	}
	if (!s) {
		fprintf(stderr, "kiosk: icon %s: %s\n", path, IMG_GetError());
		k->dirty = 1;
		return NULL;
	}
	/* The icons are drawn in one dark colour; on 高对比度's dark tiles they
	 * take the theme's accent instead (the shape is in the alpha). */
	if (hc) {
		SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
		if (c) {
			uint32_t rgb = theme_text_color(COL_PRIMARY, 1) >> 8;
			SDL_LockSurface(c);
			for (int y = 0; y < c->h; y++) {
				uint32_t *row = (uint32_t *)((uint8_t *)c->pixels + (size_t)y * (size_t)c->pitch);
				for (int x = 0; x < c->w; x++) row[x] = (row[x] & 0xFF000000u) | rgb;
			}
			SDL_UnlockSurface(c);
			SDL_FreeSurface(s);
			s = c;
		}
	}
	ic->tex = SDL_CreateTextureFromSurface(k->ren, s);
	SDL_FreeSurface(s);
	if (ic->tex) {
		SDL_SetTextureBlendMode(ic->tex, SDL_BLENDMODE_BLEND);
		ic->missing = 0;
	}
	return ic->tex;
}

/* The QR code of the item on display at module px (made when the code or
 * the size changes, never per frame), or NULL. */
static SDL_Texture *qr_tex(Kiosk *k, int module)
{
	const char *text = screen_item_qr_text(k);
	if (!text) return NULL;
	if (k->qr_tex && k->qr_tex_module == module && !strcmp(k->qr_tex_text, text))
		return k->qr_tex;
	if (k->qr_tex) SDL_DestroyTexture(k->qr_tex);
	int side;
	k->qr_tex = qr_texture(k->ren, text, module, &side);
	k->qr_tex_module = module;
	snprintf(k->qr_tex_text, sizeof k->qr_tex_text, "%s", text);
	return k->qr_tex;
}

static SDL_Texture *resolve_image(void *ctx, ImageId id, int w, int h)
{
	Kiosk *k = ctx;
	switch (IMG_KIND(id)) {
	case IMG_KIND_ICON:
		if (IMG_ICON_DEPT(id) >= k->index->n_depts) return NULL;
		return icon_texture(k, IMG_ICON_DEPT(id), IMG_ICON_PX(id), IMG_ICON_HC(id));
	case IMG_KIND_QR:
		return qr_tex(k, IMG_QR_MODULE(id));
	}
	return NULL;
}

int kiosk_draw(Kiosk *k)
{
	if (!k->dirty) return 0;
	double t0 = k->stats ? cpu_ms() : 0;
	k->dirty = 0;
	k->shown_minute = (int)((k->clock_base + k->now / 1000) / 60);
	dl_reset(k->dl, k->w, k->h);
	k->scr->draw(k, k->dl);
	ImageResolver images = {resolve_image, k};
	render_drawlist(k->ren, k->atlas, k->dl, &images);
	text_cache_end_frame(k->tc);   /* keeps this frame's layouts (dl->hidden) */
	k->warm_next = k->dl->n_hidden > 0 ? 0 : -1;
	if (k->present) k->present(k->present_ctx);
	k->frames++;
	if (k->stats) {
		double t1 = cpu_ms();
		if (k->n_frame_ms < STATS_MAX) k->frame_ms[k->n_frame_ms++] = (float)(t1 - t0);
		if (k->stats > 1 && k->tap_start > 0) fprintf(stderr, "tap frame %.2f ms\n", t1 - k->tap_start);
		if (k->tap_start > 0 && k->n_tap_ms < STATS_MAX)
			k->tap_ms[k->n_tap_ms++] = (float)(t1 - k->tap_start);
		k->tap_start = 0;
	}
	return 1;
}

/* ------------------------------------------------------------ warming */

static int cmp_hidden(const void *a, const void *b)
{
	const DrawHidden *x = a, *y = b;
	return (x->dist > y->dist) - (x->dist < y->dist);
}

int kiosk_warm_pending(const Kiosk *k)
{
	return k->warm_next >= 0 && !k->dirty && !k->animating;
}

/* Glyphs rasterised between clock reads: ~0.1 ms each. */
#define WARM_SLICE 4

int kiosk_warm(Kiosk *k, double budget_ms)
{
	DrawList *dl = k->dl;
	struct timespec ts;

	if (!kiosk_warm_pending(k)) return 0;
	if (k->warm_next == 0)          /* nearest first; layouts may repeat */
		qsort(dl->hidden, (size_t)dl->n_hidden, sizeof *dl->hidden, cmp_hidden);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	double end = ts.tv_sec * 1e3 + ts.tv_nsec / 1e6 + budget_ms;
	for (;;) {
		int n = atlas_warm_layout(k->atlas, dl->hidden[k->warm_next].layout, WARM_SLICE);
		if (n < 0) {                    /* atlas full: never evict for this */
			k->warm_next = -1;
			break;
		}
		if (n < WARM_SLICE && ++k->warm_next >= dl->n_hidden) {
			k->warm_next = -1;
			break;
		}
		clock_gettime(CLOCK_MONOTONIC, &ts);
		if (ts.tv_sec * 1e3 + ts.tv_nsec / 1e6 >= end) break;
	}
	return kiosk_warm_pending(k);
}

/* ---------------------------------------------------- another bundle */

int kiosk_replace_bundle(Kiosk *k, Bundle *b, Guide *index, char *err, size_t errlen)
{
	IconTex *icons = calloc((size_t)(index->n_depts + 1), sizeof *icons);
	if (!icons) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	kiosk_search_fini(k);
	icons_free(k->icons_loading);       /* it reads the old index */
	k->icons_loading = NULL;
	for (int i = 0; i < k->index->n_depts; i++)
		if (k->icons[i].tex) SDL_DestroyTexture(k->icons[i].tex);
	free(k->icons);
	k->icons = icons;
	arena_free(&k->item_arena);
	k->item = NULL;
	k->item_summary = NULL;
	k->dept = 0;
	k->n_back = 0;
	scroll_jump(&k->dept_scroll, 0);
	scroll_jump(&k->item_scroll, 0);
	guide_free(k->index);
	bundle_close(k->bundle);
	k->bundle = b;
	k->index = index;
	pick_hot(k);
	if (kiosk_search_init(k) < 0) fprintf(stderr, "kiosk: search index: out of memory\n");
	k->dirty = 1;
	return 0;
}
