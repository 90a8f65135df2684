/* kiosk.c — the frame cycle: the App drawn by its screens through a Ui,
 * rendered with SDL; image ids made into textures; frame statistics and
 * atlas warming (kiosk.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "gfx/icons.h"
#include "gfx/image.h"
#include "gfx/pdf.h"
#include "gfx/qr.h"
#include "gfx/render.h"
#include "model/item.h"
#include "screens/screens.h"
#include "kiosk.h"

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

/* ------------------------------------------------------------- images */

static const char *qr_text(const Kiosk *k)
{
	const ItemExtra *x = k->app.item_extra;
	return x && x->qr ? x->qr_text : NULL;
}

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
	const char *name = k->app.index->depts[d].icon;
	if (!name || !*name) return NULL;
	char path[CONFIG_STR * 2];
	snprintf(path, sizeof path, "%s/icons/%s", k->assets, name);
	/* decoded at start-up off the main thread, if at this size */
	SDL_Surface *s = icons_take(k->icons_loading, k->assets, d, px);
	if (!s) {
		SDL_RWops *rw = SDL_RWFromFile(path, "rb");
		if (!rw) { k->app.dirty = 1; return NULL; }
		s = image_load_svg(rw, px, px);
		SDL_RWclose(rw);
	}
	if (!s) {
		fprintf(stderr, "kiosk: icon %s: %s\n", path, SDL_GetError());
		k->app.dirty = 1;
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
	const char *text = qr_text(k);
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
		if (IMG_ICON_DEPT(id) >= k->app.index->n_depts) return NULL;
		return icon_texture(k, IMG_ICON_DEPT(id), IMG_ICON_PX(id), IMG_ICON_HC(id));
	case IMG_KIND_QR:
		return qr_tex(k, IMG_QR_MODULE(id));
	}
	return NULL;
}

/* Ui.image_ok: an icon can be drawn if its file is there (what will not
 * decode is found out when it is drawn: icon_texture). */
static int image_ok(void *ctx, ImageId id)
{
	Kiosk *k = ctx;
	if (IMG_KIND(id) != IMG_KIND_ICON) return 1;
	int d = IMG_ICON_DEPT(id), px = IMG_ICON_PX(id);
	if (!k->icons || d >= k->n_icons) return 0;
	IconTex *ic = &k->icons[d];
	if (ic->missing && ic->size == px) return 0;
	char path[CONFIG_STR * 2];
	snprintf(path, sizeof path, "%s/icons/%s", k->assets, k->app.index->depts[d].icon);
	if (access(path, R_OK) != 0) {
		ic->missing = 1;
		ic->size = px;
		return 0;
	}
	return 1;
}

static void free_icons(Kiosk *k)
{
	icons_free(k->icons_loading);       /* it reads the index */
	k->icons_loading = NULL;
	if (k->icons) {
		for (int i = 0; i < k->n_icons; i++)
			if (k->icons[i].tex) SDL_DestroyTexture(k->icons[i].tex);
		free(k->icons);
	}
	k->icons = NULL;
	k->n_icons = 0;
}

/* AppHooks.bundle_swap: the icons belong to the old index. */
static int bundle_swap(void *ctx, const Guide *next)
{
	Kiosk *k = ctx;
	IconTex *icons = calloc((size_t)(next->n_depts + 1), sizeof *icons);
	if (!icons) return -1;
	free_icons(k);
	k->icons = icons;
	k->n_icons = next->n_depts;
	k->redraw_whole = 1;            /* an icon id may show another picture */
	return 0;
}

/* AppHooks.print_pdf: the checklist laid out with the kiosk's fonts. */
static int print_pdf(void *ctx, const Item *it, const Dept *d, const char *path,
                     char *err, size_t errlen)
{
	Kiosk *k = ctx;
	PageTheme page = theme_page();
	DrawList *dl = dl_new(page.w, page.h, 3000, 1, 128 * 1024);
	if (!dl) { snprintf(err, errlen, "print page: out of memory"); return -1; }
	/* The paper is black on white whatever the screen's theme. */
	text_cache_set_recolor(k->tc, NULL);
	Ui u = k->ui;
	u.pressed = 0;
	print_layout(&k->app, &u, dl, it, d);
	int rc = pdf_write_page(k->fonts, dl, path, err, errlen);
	if (k->app.contrast) text_cache_set_recolor(k->tc, theme_hc_text);
	dl_free(dl);
	return rc;
}

/* ---------------------------------------------------------------- setup */

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
	k->warm_next = -1;
	snprintf(k->assets, sizeof k->assets, "%s",
	         cfg->assets_dir[0] ? cfg->assets_dir : "assets");
	k->ui.tc = tc;
	k->ui.image_ok = image_ok;
	k->ui.image_ctx = k;
	k->dl = dl_new(w, h, 6000, 600, 256 * 1024);
	k->icons = calloc((size_t)(index->n_depts + 1), sizeof *k->icons);
	k->n_icons = index->n_depts;
	if (!k->dl || !k->icons) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	k->app.targets = k->dl;
	k->app.hooks = (AppHooks){k, bundle_swap, print_pdf, NULL, NULL};
	if (app_init(&k->app, cfg, b, index, screens_table, w, h, now, clock_base, err, errlen) < 0)
		return -1;
	k->shown = redraw_snap_new(k->dl->cap);
	k->next = redraw_snap_new(k->dl->cap);
	if (!k->shown || !k->next) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	const char *fr = getenv("KIOSK_FULL_REDRAW");
	k->full_redraw = fr && !strcmp(fr, "1");
	const char *rc = getenv("KIOSK_REDRAW_CHECK");
	k->redraw_check = rc && !strcmp(rc, "1");
	const char *st = getenv("KIOSK_STATS");
	if (st && *st && strcmp(st, "0") != 0) {
		k->stats = atoi(st) > 1 ? 2 : 1;
		k->frame_ms = calloc(STATS_MAX, sizeof *k->frame_ms);
		k->tap_ms = calloc(STATS_MAX, sizeof *k->tap_ms);
		if (!k->frame_ms || !k->tap_ms) k->stats = 0;
	}
	return 0;
}

void kiosk_fini(Kiosk *k)
{
	app_fini(&k->app);
	if (k->stats) {
		print_pct("frame_cpu_p50_ms", k->frame_ms, k->n_frame_ms, 50);
		print_pct("frame_cpu_p99_ms", k->frame_ms, k->n_frame_ms, 99);
		print_pct("tap_present_p50_ms", k->tap_ms, k->n_tap_ms, 50);
		print_pct("tap_present_p99_ms", k->tap_ms, k->n_tap_ms, 99);
		fflush(stdout);
	}
	if (k->redraw_check)
		fprintf(stderr, "redraw check: %lu partial frames, %lu differ from a whole one\n",
		        k->n_checked, k->n_check_bad);
	free(k->check_px);
	free(k->frame_ms);
	free(k->tap_ms);
	free_icons(k);
	if (k->qr_tex) SDL_DestroyTexture(k->qr_tex);
	dl_free(k->dl);
	redraw_snap_free(k->shown);
	redraw_snap_free(k->next);
}

/* --------------------------------------------------------------- input */

void kiosk_pointer_down(Kiosk *k, int64_t id, float x, float y)
{
	if (k->stats) k->tap_start = cpu_ms();
	app_pointer_down(&k->app, id, x, y);
}

/* --------------------------------------------------------------- frames */

/* KIOSK_REDRAW_CHECK: draw the partial frame in px whole and compare;
 * what is left in px is the whole frame. */
static void check_frame(Kiosk *k, SDL_Surface *px, const RedrawPlan *plan,
                        const ImageResolver *images)
{
	size_t row = (size_t)px->w * 4;
	if (!k->check_px) k->check_px = malloc(row * (size_t)px->h);
	if (!k->check_px) return;
	SDL_RenderFlush(k->ren);
	for (int y = 0; y < px->h; y++)
		memcpy((uint8_t *)k->check_px + row * (size_t)y,
		       (uint8_t *)px->pixels + (size_t)px->pitch * (size_t)y, row);
	render_drawlist(k->ren, k->atlas, k->dl, images);
	SDL_RenderFlush(k->ren);
	long bad = 0, fx = -1, fy = -1;
	for (int y = 0; y < px->h; y++) {
		const uint32_t *a = (const uint32_t *)((uint8_t *)k->check_px + row * (size_t)y);
		const uint32_t *b = (const uint32_t *)((uint8_t *)px->pixels + (size_t)px->pitch * (size_t)y);
		if (!memcmp(a, b, row)) continue;
		for (int x = 0; x < px->w; x++)
			if (a[x] != b[x] && bad++ == 0) { fx = x; fy = y; }
	}
	k->n_checked++;
	if (bad) {
		k->n_check_bad++;
		fprintf(stderr, "redraw check: frame %lu (%s): %ld pixels differ, first at %ld,%ld\n",
		        k->frames, redraw_kind_name(plan->kind), bad, fx, fy);
	}
}

/* Render k->dl: only what changed since the frame on screen where that
 * can be known (kiosk.h), else all of it. Returns what was done. */
static RedrawPlan render_frame(Kiosk *k, const ImageResolver *images)
{
	App *a = &k->app;
	RedrawPlan plan = {.kind = REDRAW_FULL};
	SDL_Surface *px = k->surface && !k->full_redraw ? k->surface(k->present_ctx) : NULL;
	if (!px) {                      /* every frame whole: no keys needed */
		redraw_snap_forget(k->shown);
		render_drawlist(k->ren, k->atlas, k->dl, images);
		return plan;
	}
	redraw_snap_take(k->next, k->dl);
	/* A new screen or item may show other pixels under equal ids (the
	 * QR code): drawn whole. */
	if (!k->redraw_whole && k->shown_screen == a->scr && k->shown_item == a->item)
		redraw_plan(k->shown, k->next, &plan);
	if (plan.kind == REDRAW_SCROLL &&
	    render_scroll(k->ren, px, plan.region, plan.dy) < 0)
		plan = (RedrawPlan){.kind = REDRAW_FULL};
	if (plan.kind == REDRAW_FULL)
		render_drawlist(k->ren, k->atlas, k->dl, images);
	for (int i = 0; plan.kind != REDRAW_FULL && i < plan.n_rects; i++)
		render_drawlist_area(k->ren, k->atlas, k->dl, plan.rects[i], images);
	if (k->redraw_check && plan.kind != REDRAW_FULL && px->format->BytesPerPixel == 4)
		check_frame(k, px, &plan, images);
	RedrawSnap *t = k->shown;
	k->shown = k->next;
	k->next = t;
	k->shown_screen = a->scr;
	k->shown_item = a->item;
	k->redraw_whole = 0;
	return plan;
}

int kiosk_draw(Kiosk *k)
{
	App *a = &k->app;
	if (!a->dirty) return 0;
	double t0 = k->stats ? cpu_ms() : 0;
	app_frame_begin(a);
	k->ui.th = theme_make(a->w, a->h, a->elder);
	k->ui.pressed = a->pressed;
	text_cache_set_recolor(k->tc, a->contrast ? theme_hc_text : NULL);
	k->dl->recolor = a->contrast ? theme_hc_fill : NULL;
	dl_reset(k->dl, a->w, a->h);
	ScreenLayout out;
	memset(&out, 0, sizeof out);
	a->scr->draw(a, &k->ui, k->dl, &out);
	app_apply_layout(a, &out);
	ImageResolver images = {resolve_image, k};
	RedrawPlan plan = render_frame(k, &images);
	text_cache_end_frame(k->tc);   /* keeps this frame's layouts (dl->hidden) */
	k->warm_next = k->dl->n_hidden > 0 ? 0 : -1;
	if (k->present) k->present(k->present_ctx);
	k->frames++;
	if (k->stats) {
		double t1 = cpu_ms();
		if (k->n_frame_ms < STATS_MAX) k->frame_ms[k->n_frame_ms++] = (float)(t1 - t0);
		if (k->stats > 1) {
			fprintf(stderr, "frame %s", redraw_kind_name(plan.kind));
			if (plan.kind == REDRAW_SCROLL)
				fprintf(stderr, " dy %d region %d %d %d %d", plan.dy, plan.region.x,
				        plan.region.y, plan.region.w, plan.region.h);
			if (plan.kind != REDRAW_FULL) fprintf(stderr, " rects %d", plan.n_rects);
			fprintf(stderr, " %.2f ms\n", t1 - t0);
		}
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
	return k->warm_next >= 0 && !k->app.dirty && !k->app.animating;
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

