/* kiosk.h — the running kiosk: the App (model/app.h) drawn through a Ui
 * (ui/ui.h) with SDL, and the frame cycle.
 *
 * A Kiosk owns what the App does not: the renderer, fonts, glyph atlas and
 * text cache, the draw list on screen, the textures behind image ids
 * (department icons, the QR code), frame statistics and atlas warming. It
 * knows the screens only through their table (screens_table). The window
 * (display.c) feeds it pointer events and time; scripts (script.c) do the
 * same through the same functions, so touch, mouse and scripts share one
 * path. */
#ifndef APP_KIOSK_H
#define APP_KIOSK_H

#include <stdint.h>
#include <SDL.h>
#include "base/config.h"
#include "gfx/atlas.h"
#include "gfx/font.h"
#include "model/app.h"
#include "ui/redraw.h"
#include "ui/ui.h"

typedef struct Kiosk Kiosk;

typedef struct IconTex {
	SDL_Texture *tex;               /* NULL: not loaded / missing */
	int size;                       /* pixel size it was loaded at */
	int missing;                    /* 1: file absent or unreadable */
	int contrast;                   /* 1: made for 高对比度 (recoloured) */
} IconTex;

struct Kiosk {
	App app;                        /* what is shown */
	Ui ui;                          /* how a frame is drawn */
	const Config *cfg;
	SDL_Renderer *ren;
	FontSet *fonts;
	Atlas *atlas;
	TextCache *tc;
	IconTex *icons;                 /* per department of app.index */
	int n_icons;
	struct IconsLoading *icons_loading; /* icons decoded at start-up (icons.h; k frees it), or NULL */
	SDL_Texture *qr_tex;            /* the QR code drawn last (IMG_QR), or NULL */
	int qr_tex_module;
	char qr_tex_text[APP_QR_TEXT_MAX];
	DrawList *dl;                   /* the frame on screen */
	int warm_next;                  /* next dl->hidden entry to warm; -1: done */
	unsigned long frames;           /* frames drawn */
	char assets[CONFIG_STR];
	/* Frame statistics for `make bench` (KIOSK_STATS=1): CPU ms per drawn
	 * frame and from a pointer going down to its frame being presented.
	 * KIOSK_STATS=2 also prints a line per frame to stderr: `frame full`,
	 * `frame scroll dy N region X Y W H rects N` or `frame rects rects N`
	 * (ui/redraw.h), then its CPU ms. */
	int stats;
	float *frame_ms; int n_frame_ms;
	float *tap_ms; int n_tap_ms;
	double tap_start;               /* CPU time of the pending pointer-down, or 0 */
	/* Shows a drawn frame (the app copies/rotates it to the window). */
	void (*present)(void *ctx);
	void *present_ctx;
	/* Partial redraw: the pixels the renderer draws into, which keep the
	 * last frame (NULL, or it returns NULL: every frame is drawn whole).
	 * Called with present_ctx. */
	SDL_Surface *(*surface)(void *ctx);
	RedrawSnap *shown, *next;       /* the frame on screen, the one drawn */
	int full_redraw;                /* KIOSK_FULL_REDRAW=1: always whole */
	int redraw_whole;               /* the next frame is drawn whole */
	const void *shown_screen, *shown_item; /* what the frame on screen showed */
	/* KIOSK_REDRAW_CHECK=1: each partial frame is drawn whole again and
	 * compared (for tests); counts printed at exit. */
	int redraw_check;
	uint32_t *check_px;             /* the partial frame's pixels */
	unsigned long n_checked, n_check_bad;
};

/* Set up k (zeroed by the caller) for a w x h screen. The index must stay
 * alive as long as k. Returns 0, or -1 with err. */
int kiosk_init(Kiosk *k, const Config *cfg, SDL_Renderer *ren, FontSet *fs,
               Atlas *atlas, TextCache *tc, Bundle *b, Guide *index,
               int w, int h, uint32_t now, int64_t clock_base,
               char *err, size_t errlen);
void kiosk_fini(Kiosk *k);

/* A pointer goes down: app_pointer_down, timed for the frame statistics.
 * Everything else goes to the App directly (app_pointer_move, app_key,
 * app_advance, app_timeout, app_resize ... on k->app). */
void kiosk_pointer_down(Kiosk *k, int64_t id, float x, float y);

/* If anything changed, rebuild the draw list and render it. Returns 1 if
 * a frame was drawn (the caller presents it). Only what changed since the
 * frame on screen is drawn (ui/redraw.h) when k->surface gives the pixels
 * and KIOSK_FULL_REDRAW is not 1; after anything outside the Kiosk drew on
 * the target or the window was exposed, set k->redraw_whole. */
int kiosk_draw(Kiosk *k);
/* Warming the glyph atlas while idle: text the frame on screen laid out
 * but cannot show (below or above a scrolled viewport) is rasterised ahead,
 * nearest first, so scrolling to it does not pay for its glyphs.
 * kiosk_warm_pending: 1 while there is such work and the frame on screen
 * is current (nothing to redraw, nothing animating); it turns 0 once all
 * is warm or the atlas has no room left without evicting, and again with
 * each new frame until that frame's text is warm. kiosk_warm does up to
 * about budget_ms of that work (at least a few glyphs) and returns
 * kiosk_warm_pending(). It draws nothing and never changes what a later
 * frame shows; it may allocate (atlas slots), as a glyph miss does. */
int kiosk_warm_pending(const Kiosk *k);
int kiosk_warm(Kiosk *k, double budget_ms);

#endif
