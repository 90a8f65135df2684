/* render.c — draw-list elements to pixels. */
#include <errno.h>
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* Draw the elements of dl that meet area, clipped to it, over the
 * background (the clear colour when area is the whole screen). */
static void draw_area(SDL_Renderer *r, Atlas *a, const DrawList *dl, DlRect area,
                      const ImageResolver *images)
{
	/* A full-screen background is drawn by the clear: on the software
	 * renderer each full-screen fill is 8 MB of writes at 1080x1920. */
	int first = dl->n > 0 && covers_screen(&dl->cmds[0], dl);
	uint32_t bg = first ? dl->cmds[0].color : 0xFFFFFFFFu;
	SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
	set_color(r, bg);
	if (dl_rect_equal(&area, &dl->screen)) {
		SDL_RenderSetClipRect(r, NULL);
		SDL_RenderClear(r);
	} else {
		SDL_Rect q = {area.x, area.y, area.w, area.h};
		SDL_RenderSetClipRect(r, &q);
		SDL_RenderFillRect(r, &q);
	}
	for (int i = first; i < dl->n; i++) {
		const DrawCmd *c = &dl->cmds[i];
		DlRect box = dl_cmd_box(c), cut;
		if (!dl_rect_intersect(&box, &area, &cut)) continue;
		/* Each element is clipped to where it may paint (dl_cmd_box):
		 * a text line to its line box, so that drawing a strip of the
		 * screen paints what drawing it all does. */
		SDL_Rect clip = {cut.x, cut.y, cut.w, cut.h};
		SDL_RenderSetClipRect(r, &clip);
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

void render_drawlist(SDL_Renderer *r, Atlas *a, const DrawList *dl,
                     const ImageResolver *images)
{
	draw_area(r, a, dl, dl->screen, images);
}

void render_drawlist_area(SDL_Renderer *r, Atlas *a, const DrawList *dl,
                          DlRect area, const ImageResolver *images)
{
	DlRect in;
	if (dl_rect_intersect(&area, &dl->screen, &in)) draw_area(r, a, dl, in, images);
}

int render_scroll(SDL_Renderer *r, SDL_Surface *s, DlRect region, int dy)
{
	DlRect all = {0, 0, s ? s->w : 0, s ? s->h : 0}, in;
	int m = dy > 0 ? dy : -dy;
	if (!s || s->format->BytesPerPixel != 4 || !dl_rect_intersect(&region, &all, &in) ||
	    !dl_rect_equal(&in, &region) || m >= region.h)
		return -1;
	SDL_RenderFlush(r);             /* what was drawn before is in s */
	if (SDL_MUSTLOCK(s) && SDL_LockSurface(s) != 0) return -1;
	size_t pitch = (size_t)s->pitch, row = (size_t)region.w * 4;
	uint8_t *px = (uint8_t *)s->pixels + (size_t)region.x * 4;
	int n = region.h - m;
	if (dy > 0) {                   /* rows move up: top row first */
		for (int y = region.y; y < region.y + n; y++)
			memmove(px + (size_t)y * pitch, px + (size_t)(y + m) * pitch, row);
	} else {                        /* rows move down: bottom row first */
		for (int y = region.y + region.h - 1; y >= region.y + m; y--)
			memmove(px + (size_t)y * pitch, px + (size_t)(y - m) * pitch, row);
	}
	if (SDL_MUSTLOCK(s)) SDL_UnlockSurface(s);
	return 0;
}

/* Rows read from the renderer and written per step: the screenshot never
 * holds more than this much of the frame (the whole frame read into a
 * surface, and its RGBA copy made by IMG_SavePNG, were 16 MB at
 * 1080x1920). */
#define PNG_BAND_ROWS 16

int render_save_png(SDL_Renderer *r, int w, int h, const char *path,
                    char *err, size_t errlen)
{
	png_structp png = NULL;
	png_infop info = NULL;
	uint8_t *volatile band = NULL;
	FILE *volatile f = NULL;
	size_t pitch = (size_t)w * 4;
	const char *why = NULL;

	if (w <= 0 || h <= 0) { why = "empty frame"; goto fail; }
	if (!(band = malloc(pitch * PNG_BAND_ROWS))) { why = "out of memory"; goto fail; }
	if (!(f = fopen(path, "wb"))) { why = strerror(errno); goto fail; }
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	if (!png || !(info = png_create_info_struct(png))) { why = "libpng: out of memory"; goto fail; }
	if (setjmp(png_jmpbuf(png))) { why = "libpng could not write it"; goto fail; }
	png_init_io(png, f);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB_ALPHA,
	             PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (int y = 0; y < h; y += PNG_BAND_ROWS) {
		int n = h - y < PNG_BAND_ROWS ? h - y : PNG_BAND_ROWS;
		SDL_Rect rows = {0, y, w, n};
		/* as a zeroed surface: what lies outside the target stays 0 */
		memset(band, 0, pitch * (size_t)n);
		if (SDL_RenderReadPixels(r, &rows, SDL_PIXELFORMAT_RGBA32, band, (int)pitch) != 0) {
			why = SDL_GetError();
			goto fail;
		}
		for (int i = 0; i < n; i++)
			png_write_row(png, band + pitch * (size_t)i);
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(band);
	if (fclose(f) != 0) {
		f = NULL;
		why = strerror(errno);
		goto fail;
	}
	return 0;
fail:
	snprintf(err, errlen, "%s: %s", path, why);
	if (png) png_destroy_write_struct(&png, info ? &info : NULL);
	free(band);
	if (f) fclose(f);
	return -1;
}
