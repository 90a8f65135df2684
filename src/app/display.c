/* display.c — the window: SDL set-up, rotation of the logical screen onto
 * the panel, SDL touch/mouse/key events into kiosk_pointer_* / kiosk_key,
 * and the fonts the screen is drawn with. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <SDL.h>
#include <SDL_ttf.h>
#include "gfx/render.h"
#include "app.h"

/* 1 if dir holds a DRM render node (renderD*): a GPU Mesa can draw with.
 * Without one, SDL's OpenGL renderers run on Mesa's software rasteriser
 * (llvmpipe), which draws every frame whole: ~24 ms a frame at 1080x1920
 * on two cores, where SDL's software renderer with partial redraw
 * (ui/redraw.h) takes under 1 ms on X11 (~15 ms under a Wayland
 * compositor, which takes each frame through a texture). */
static int has_render_node(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;

	if (!d) return 0;
	while (!found && (e = readdir(d)))
		found = !strncmp(e->d_name, "renderD", 7);
	closedir(d);
	return found;
}

/* The first presented frame: log when it happened (wall clock in ns, so a
 * harness can subtract the moment it started the process, and ms since
 * main) and, if asked, save what it shows — the check that the kiosk really
 * drew under a given video driver or compositor. */
static void first_frame(Display *d)
{
	struct timespec now, mono;
	clock_gettime(CLOCK_REALTIME, &now);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	double ms = (mono.tv_sec - d->t_main.tv_sec) * 1e3 + (mono.tv_nsec - d->t_main.tv_nsec) / 1e6;
	fprintf(stderr, "kiosk: first frame presented at %lld%09ld ns (%.1f ms after main)\n",
	        (long long)now.tv_sec, now.tv_nsec, ms);
}

void display_present(void *ctx)
{
	Display *d = ctx;
	int first = d->frames++ == 0;
	if (first && d->first_frame) {
		/* Read back before presenting: the back buffer is undefined after. */
		char err[256];
		if (render_save_png(d->ren, d->lw, d->lh, d->first_frame, err, sizeof err) < 0)
			fprintf(stderr, "kiosk: --first-frame: %s\n", err);
	}
	if (d->target) {
		SDL_SetRenderTarget(d->ren, NULL);
		SDL_Rect dst = {(d->pw - d->lw) / 2, (d->ph - d->lh) / 2, d->lw, d->lh};
		SDL_RenderCopyEx(d->ren, d->target, NULL, &dst, d->rotation, NULL, SDL_FLIP_NONE);
		SDL_RenderPresent(d->ren);
		SDL_SetRenderTarget(d->ren, d->target);
	} else {
		SDL_RenderPresent(d->ren);
	}
	if (first) first_frame(d);
}

SDL_Surface *display_surface(void *ctx)
{
	Display *d = ctx;
	return d->software && !d->target ? SDL_GetWindowSurface(d->win) : NULL;
}

/* Take the window's real size (the compositor or the panel decides it for
 * a fullscreen window, possibly after the window was made) and derive the
 * logical screen from it; a rotated screen gets a render target of the new
 * size. 0, or -1 if the target cannot be made (the old one is kept). */
static int display_fit(Display *d)
{
	/* The window's size, not SDL_GetRendererOutputSize: on Wayland the GL
	 * drawable keeps its old size until the next buffer swap. */
	int pw, ph;
	SDL_GetWindowSize(d->win, &pw, &ph);
	if (pw <= 0 || ph <= 0) return -1;
	int swap = d->rotation == 90 || d->rotation == 270;
	int lw = swap ? ph : pw, lh = swap ? pw : ph;
	if (d->target && (lw != d->lw || lh != d->lh)) {
		SDL_Texture *t = SDL_CreateTexture(d->ren, SDL_PIXELFORMAT_ARGB8888,
		                                   SDL_TEXTUREACCESS_TARGET, lw, lh);
		if (!t) return -1;
		SDL_SetRenderTarget(d->ren, t);
		SDL_DestroyTexture(d->target);
		d->target = t;
	}
	d->pw = pw; d->ph = ph;
	d->lw = lw; d->lh = lh;
	return 0;
}

/* Window pixels → logical screen pixels (undo the rotation). */
static void to_logical(const Display *d, float px, float py, float *lx, float *ly)
{
	switch (d->rotation) {
	case 90:  *lx = py - (d->ph - d->lw) / 2.0f; *ly = d->pw - px - (d->pw - d->lh) / 2.0f; break;
	case 180: *lx = d->pw - px; *ly = d->ph - py; break;
	case 270: *lx = d->ph - py - (d->ph - d->lw) / 2.0f; *ly = px - (d->pw - d->lh) / 2.0f; break;
	default:  *lx = px; *ly = py;
	}
}

void display_handle(Kiosk *k, Display *d, const SDL_Event *e, int *quit)
{
	float x, y;
	switch (e->type) {
	case SDL_QUIT:
		*quit = 1;
		break;
	case SDL_FINGERDOWN: case SDL_FINGERMOTION: case SDL_FINGERUP:
		/* Finger coordinates are 0–1 over the window. */
		to_logical(d, e->tfinger.x * d->pw, e->tfinger.y * d->ph, &x, &y);
		if (e->type == SDL_FINGERDOWN) kiosk_pointer_down(k, (int64_t)e->tfinger.fingerId + 16, x, y);
		else if (e->type == SDL_FINGERMOTION) app_pointer_move(&k->app, (int64_t)e->tfinger.fingerId + 16, x, y);
		else app_pointer_up(&k->app, (int64_t)e->tfinger.fingerId + 16, x, y);
		break;
	case SDL_MOUSEBUTTONDOWN: case SDL_MOUSEBUTTONUP:
		if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT) break;
		to_logical(d, (float)e->button.x, (float)e->button.y, &x, &y);
		if (e->type == SDL_MOUSEBUTTONDOWN) kiosk_pointer_down(k, 0, x, y);
		else app_pointer_up(&k->app, 0, x, y);
		break;
	case SDL_MOUSEMOTION:
		if (e->motion.which == SDL_TOUCH_MOUSEID) break;
		to_logical(d, (float)e->motion.x, (float)e->motion.y, &x, &y);
		app_pointer_move(&k->app, 0, x, y);
		break;
	case SDL_KEYDOWN:
		if (e->key.keysym.sym == SDLK_q && (e->key.keysym.mod & KMOD_CTRL)) *quit = 1;
		/* With text input on, printable keys come as SDL_TEXTINPUT (also
		 * through an input method); passing their KEYDOWN too would type
		 * them twice. */
		else if (SDL_IsTextInputActive() && e->key.keysym.sym >= 32 && e->key.keysym.sym < 127) break;
		else app_key(&k->app, SDL_GetKeyName(e->key.keysym.sym));
		break;
	case SDL_TEXTINPUT:
		app_text(&k->app, e->text.text);
		break;
	case SDL_WINDOWEVENT:
		if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED && display_fit(d) == 0 &&
		    (d->lw != k->app.w || d->lh != k->app.h)) {
			fprintf(stderr, "kiosk: screen resized to %dx%d\n", d->lw, d->lh);
			app_resize(&k->app, d->lw, d->lh);
		}
		if (e->window.event == SDL_WINDOWEVENT_EXPOSED ||
		    e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
			app_mark_dirty(&k->app);
			k->redraw_whole = 1;
		}
		break;
	}
}

void display_open(Display *d, const Config *cfg, int windowed)
{
	/* Touch is touch: no synthetic mouse events and vice versa. */
	SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
	SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
	SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) die("SDL_Init: %s", SDL_GetError(), "");

	d->rotation = cfg->display_rotation;
	d->lw = cfg->display_width;
	d->lh = cfg->display_height;
	int swap = d->rotation == 90 || d->rotation == 270;
	d->pw = swap ? d->lh : d->lw;
	d->ph = swap ? d->lw : d->lh;
	Uint32 flags = SDL_WINDOW_SHOWN;
	if (!windowed && cfg->display_fullscreen) {
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
		/* Make the window (and its GL surface) at the panel's size from the
		 * start, so even the first frame fits the screen. */
		SDL_DisplayMode m;
		if (SDL_GetDesktopDisplayMode(0, &m) == 0 && m.w > 0 && m.h > 0) {
			d->pw = m.w;
			d->ph = m.h;
		}
	}
	d->win = SDL_CreateWindow("政务服务事项指南", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
	                          d->pw, d->ph, flags);
	if (!d->win) die("SDL_CreateWindow: %s", SDL_GetError(), "");
	if (flags & SDL_WINDOW_FULLSCREEN_DESKTOP) {
		/* Fullscreen: the panel decides the size. */
		SDL_GetWindowSize(d->win, &d->pw, &d->ph);
		d->lw = swap ? d->ph : d->pw;
		d->lh = swap ? d->pw : d->ph;
	}
	const char *drv = SDL_GetCurrentVideoDriver();
	Uint32 rflags = SDL_RENDERER_TARGETTEXTURE;
	/* SDL's software renderer on the dummy driver, and where there is no
	 * GPU; SDL_RENDER_DRIVER, if set, chooses instead. KIOSK_DRI_DIR
	 * stands in for /dev/dri (tests). */
	const char *dri = getenv("KIOSK_DRI_DIR");
	const char *why = "";
	if (drv && !strcmp(drv, "dummy")) {
		rflags |= SDL_RENDERER_SOFTWARE;
	} else if (!getenv("SDL_RENDER_DRIVER") && !has_render_node(dri && *dri ? dri : "/dev/dri")) {
		rflags |= SDL_RENDERER_SOFTWARE;
		why = " (no GPU: no render node in /dev/dri)";
		/* On X11 SDL would put the window's pixels on screen through a GL
		 * texture (llvmpipe again: ~20 ms a frame, and 120 MB of LLVM);
		 * X11's own shared-memory images take ~2 ms. (Wayland has no
		 * such path: SDL needs the texture there.) The environment's
		 * SDL_FRAMEBUFFER_ACCELERATION, if set, wins. */
		if (drv && !strcmp(drv, "x11")) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	}
	d->ren = SDL_CreateRenderer(d->win, -1, rflags);
	if (!d->ren) d->ren = SDL_CreateRenderer(d->win, -1, SDL_RENDERER_SOFTWARE);
	if (!d->ren) die("SDL_CreateRenderer: %s", SDL_GetError(), "");
	if (d->rotation) {
		d->target = SDL_CreateTexture(d->ren, SDL_PIXELFORMAT_ARGB8888,
		                              SDL_TEXTUREACCESS_TARGET, d->lw, d->lh);
		if (!d->target) die("render target: %s", SDL_GetError(), "");
		SDL_SetRenderTarget(d->ren, d->target);
	}
	if (flags & SDL_WINDOW_FULLSCREEN_DESKTOP) display_fit(d);
	SDL_RendererInfo ri;
	SDL_GetRendererInfo(d->ren, &ri);
	d->software = ri.name && !strcmp(ri.name, "software");
	fprintf(stderr, "kiosk: video %s, renderer %s%s, screen %dx%d rotation %d\n",
	        drv ? drv : "?", ri.name, d->software ? why : "", d->lw, d->lh, d->rotation);

}

void display_close(Display *d)
{
	if (d->target) SDL_DestroyTexture(d->target);
	SDL_DestroyRenderer(d->ren);
	SDL_DestroyWindow(d->win);
}

FontSetOpening *fonts_start(const Config *cfg)
{
	if (TTF_Init() != 0) die("TTF_Init: %s", TTF_GetError(), "");
	FontPaths fp = {cfg->font_regular, cfg->font_regular_index, cfg->font_bold,
	                cfg->font_bold_index, cfg->font_fallback, cfg->font_fallback_index};
	return fontset_open_start(&fp);
}

void fonts_finish(Fonts *f, FontSetOpening *opening, SDL_Renderer *ren)
{
	char err[512];
	f->fs = fontset_open_finish(opening, err, sizeof err);
	if (!f->fs) die("fonts: %s", err, "");
	f->tm = fontset_metrics(f->fs);
	f->tc = text_cache_new(&f->tm, 16u << 20);
	f->atlas = atlas_new(ren, f->fs, ATLAS_PAGE_PX, ATLAS_MAX_PAGES, err, sizeof err);
	if (!f->tc || !f->atlas) die("text: %s", f->tc ? err : "out of memory", "");
}

void fonts_close(Fonts *f)
{
	atlas_free(f->atlas);
	text_cache_free(f->tc);
	fontset_close(f->fs);
}
