/* render.c — draw-list elements to pixels. */
#include <math.h>
#include <stdio.h>
#include "image.h"
#include "render.h"

static void set_color(SDL_Renderer *r, uint32_t c)
{
	SDL_SetRenderDrawColor(r, c >> 24, (c >> 16) & 255, (c >> 8) & 255, c & 255);
}

/* A filled rectangle with quarter-circle corners, as horizontal spans
 * (the software renderer has no rounded primitive). */
static void fill_round(SDL_Renderer *r, int x, int y, int w, int h, int rad)
{
	if (rad <= 1) {
		SDL_Rect q = {x, y, w, h};
		SDL_RenderFillRect(r, &q);
		return;
	}
	SDL_Rect spans[2 * 64 + 1];
	int n = 0;
	if (rad > 64) rad = 64;
	for (int i = 0; i < rad; i++) {
		float dy = rad - i - 0.5f;
		int inset = rad - (int)lroundf(sqrtf((float)rad * rad - dy * dy));
		spans[n++] = (SDL_Rect){x + inset, y + i, w - 2 * inset, 1};
		spans[n++] = (SDL_Rect){x + inset, y + h - 1 - i, w - 2 * inset, 1};
	}
	spans[n++] = (SDL_Rect){x, y + rad, w, h - 2 * rad};
	SDL_RenderFillRects(r, spans, n);
}

/* 1 if c paints every pixel of the screen with one opaque colour (a
 * screen's background): then clearing to that colour draws the same. */
static int covers_screen(const DrawCmd *c, const DrawList *dl)
{
	return c->kind == DL_RECT && (c->color & 255) == 255 && c->radius <= 1 &&
	       dl_rect_equal(&c->clip, &dl->screen) && c->x <= dl->screen.x &&
	       c->y <= dl->screen.y &&
	       c->x + c->tw >= dl->screen.x + dl->screen.w &&
	       c->y + c->th >= dl->screen.y + dl->screen.h;
}

void render_drawlist(SDL_Renderer *r, Atlas *a, const DrawList *dl,
                     const ImageResolver *images)
{
	/* A full-screen background is drawn by the clear: on the software
	 * renderer each full-screen fill is 8 MB of writes at 1080x1920. */
	int first = dl->n > 0 && covers_screen(&dl->cmds[0], dl);
	uint32_t bg = first ? dl->cmds[0].color : 0xFFFFFFFFu;
	SDL_RenderSetClipRect(r, NULL);
	SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
	set_color(r, bg);
	SDL_RenderClear(r);
	DlRect cur = dl->screen;
	SDL_Rect clip = {cur.x, cur.y, cur.w, cur.h};
	for (int i = first; i < dl->n; i++) {
		const DrawCmd *c = &dl->cmds[i];
		if (!dl_rect_equal(&cur, &c->clip)) {
			cur = c->clip;
			clip = (SDL_Rect){cur.x, cur.y, cur.w, cur.h};
			SDL_RenderSetClipRect(r, &clip);
		}
		switch (c->kind) {
		case DL_RECT:
			SDL_SetRenderDrawBlendMode(r, (c->color & 255) == 255 ?
			                           SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
			set_color(r, c->color);
			fill_round(r, c->x, c->y, c->tw, c->th, c->radius);
			break;
		case DL_TEXT: {
			/* One line of the layout: a view sharing its glyphs. */
			TextLayout one = *c->layout;
			one.n_lines = 1;
			one.lines = (TextLine *)&c->layout->lines[c->line];
			if (a) atlas_draw_layout(a, &one, c->x, c->y, &clip, 255);
			break;
		}
		case DL_IMAGE: {
			SDL_Rect d = {c->x, c->y, c->tw, c->th};
			SDL_Texture *tex = images && c->image ?
			                   images->resolve(images->ctx, c->image, c->tw, c->th) : NULL;
			if (tex) SDL_RenderCopy(r, tex, NULL, &d);
			break;
		}
		}
	}
	SDL_RenderSetClipRect(r, NULL);
}

int render_save_png(SDL_Renderer *r, int w, int h, const char *path,
                    char *err, size_t errlen)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!s) goto fail;
	if (SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) != 0)
		goto fail;
	if (image_save_png(s, path) != 0) goto fail;
	SDL_FreeSurface(s);
	return 0;
fail:
	snprintf(err, errlen, "%s: %s", path, SDL_GetError());
	SDL_FreeSurface(s);
	return -1;
}
