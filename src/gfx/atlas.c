/* atlas.c — glyph atlas: texture pages packed in shelves, LRU page
 * eviction, text drawn as tinted quads with SDL_RenderGeometry.
 *
 * A glyph is keyed by (code point, size, bold) and stored cropped to its
 * ink, with the offset of that ink from the pen position on the baseline.
 * Drawing a layout is a hash lookup and four vertices per glyph; vertex
 * and index buffers are kept between calls, so a warm frame allocates
 * nothing. */
#include "atlas.h"
#include "base/u64map.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAD 1                   /* transparent px around each glyph */

typedef struct Slot {
	int16_t x, y, w, h;             /* rectangle in the page */
	int16_t ox, oy;                 /* ink top-left from pen on baseline */
	int16_t page;                   /* -1: no ink (space, missing glyph) */
	int next;                       /* next slot on the page / free list */
	uint64_t key;
} Slot;

typedef struct Page {
	SDL_Texture *tex;
	int shelf_x, shelf_y, shelf_h;  /* open shelf; rows above are full */
	unsigned long used;             /* Atlas.tick when last drawn from */
	int first_slot;                 /* slots on this page, -1 ends */
	SDL_Vertex *v;                  /* quads waiting for flush() */
	int nv, capv;
} Page;

struct Atlas {
	SDL_Renderer *r;
	FontSet *fs;
	int page_px, max_pages, n_pages;
	Page *pages;
	U64Map map;                     /* glyph key -> slot index */
	Slot *slots;
	int n_slots, cap_slots, free_slot;
	int *idx;                       /* 0 1 2 2 1 3, +4 per quad */
	int cap_idx;
	int pretint;                    /* glyphs stored in their colour */
	unsigned long tick, misses, evictions;
};

/* rgb is 0 unless the atlas pre-tints (then glyphs differ per colour). */
static uint64_t glyph_key(uint32_t cp, int size, int bold, uint32_t rgb)
{
	return (uint64_t)cp | (uint64_t)(size & 0xFFFF) << 21 |
	       (uint64_t)(bold != 0) << 37 | (uint64_t)(rgb & 0xFFFFFF) << 38;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	assert(p && "out of memory");
	return p;
}

/* ------------------------------------------------------------ pages */

static int page_new(Atlas *a, char *err, size_t errlen)
{
	Page *pg = &a->pages[a->n_pages];
	Uint32 *row;

	memset(pg, 0, sizeof *pg);
	pg->first_slot = -1;
	pg->tex = SDL_CreateTexture(a->r, SDL_PIXELFORMAT_ARGB8888,
	                            SDL_TEXTUREACCESS_STATIC, a->page_px,
	                            a->page_px);
	if (!pg->tex) {
		if (err)
			snprintf(err, errlen, "atlas: %s", SDL_GetError());
		return -1;
	}
	SDL_SetTextureBlendMode(pg->tex, SDL_BLENDMODE_BLEND);
	SDL_SetTextureScaleMode(pg->tex, SDL_ScaleModeNearest);
	row = calloc(a->page_px, sizeof *row);
	assert(row && "out of memory");
	for (int y = 0; y < a->page_px; y++) {
		SDL_Rect r = { 0, y, a->page_px, 1 };
		SDL_UpdateTexture(pg->tex, &r, row, a->page_px * 4);
	}
	free(row);
	return a->n_pages++;
}

/* Draw the quads queued for every page. */
static void flush(Atlas *a)
{
	for (int i = 0; i < a->n_pages; i++) {
		Page *pg = &a->pages[i];
		if (!pg->nv)
			continue;
		SDL_RenderGeometry(a->r, pg->tex, pg->v, pg->nv, a->idx,
		                   pg->nv / 4 * 6);
		pg->nv = 0;
	}
}

/* Forget every glyph on the least recently used page. */
static int evict_lru_page(Atlas *a)
{
	int victim = 0;
	for (int i = 1; i < a->n_pages; i++)
		if (a->pages[i].used < a->pages[victim].used)
			victim = i;
	flush(a);                       /* queued quads may sample it */
	Page *pg = &a->pages[victim];
	for (int s = pg->first_slot, next; s >= 0; s = next) {
		next = a->slots[s].next;
		u64map_del(&a->map, a->slots[s].key);
		a->slots[s].next = a->free_slot;
		a->free_slot = s;
	}
	pg->first_slot = -1;
	pg->shelf_x = pg->shelf_y = pg->shelf_h = 0;
	a->evictions++;
	return victim;
}

/* Reserve w x h on page p; 0 and *x, *y on success. */
static int page_place(Atlas *a, Page *pg, int w, int h, int *x, int *y)
{
	if (pg->shelf_x + w + PAD > a->page_px) {
		pg->shelf_y += pg->shelf_h;
		pg->shelf_x = 0;
		pg->shelf_h = 0;
	}
	if (pg->shelf_y + h + PAD > a->page_px || w + PAD > a->page_px)
		return -1;
	*x = pg->shelf_x + PAD;
	*y = pg->shelf_y + PAD;
	pg->shelf_x += w + PAD;
	if (h + PAD > pg->shelf_h)
		pg->shelf_h = h + PAD;
	return 0;
}

/* --------------------------------------------------------- glyphs */

static int slot_alloc(Atlas *a)
{
	if (a->free_slot >= 0) {
		int s = a->free_slot;
		a->free_slot = a->slots[s].next;
		return s;
	}
	if (a->n_slots == a->cap_slots) {
		a->cap_slots = a->cap_slots ? a->cap_slots * 2 : 256;
		a->slots = xrealloc(a->slots, a->cap_slots * sizeof *a->slots);
	}
	return a->n_slots++;
}

/* Ink bounding box of an ARGB8888 surface; 0 if it has no ink. */
static int ink_box(const SDL_Surface *s, SDL_Rect *box)
{
	int x0 = s->w, y0 = s->h, x1 = -1, y1 = -1;
	for (int y = 0; y < s->h; y++) {
		const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels +
		                                     y * s->pitch);
		for (int x = 0; x < s->w; x++) {
			if (!(row[x] >> 24))
				continue;
			if (x < x0) x0 = x;
			if (x > x1) x1 = x;
			if (y < y0) y0 = y;
			y1 = y;
		}
	}
	if (x1 < 0)
		return 0;
	*box = (SDL_Rect){ x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
	return 1;
}

/* Rasterise (cp, size, bold) in colour rgb (white unless pre-tinting)
 * into a page and return its slot. may_evict 0: if the glyph has ink and
 * no page has room without evicting one, nothing is kept and -1 is
 * returned (the glyph stays missing). */
static int glyph_add(Atlas *a, uint64_t key, uint32_t cp, int size, int bold,
                     uint32_t rgb, int may_evict)
{
	static const SDL_Color white = { 255, 255, 255, 255 };
	int s = slot_alloc(a);
	Slot *sl = &a->slots[s];
	TTF_Font *font = NULL;
	SDL_Surface *surf = NULL;
	SDL_Rect box;
	int minx, maxx, miny, maxy, adv, p = -1, x = 0, y = 0;

	memset(sl, 0, sizeof *sl);
	sl->key = key;
	sl->page = -1;
	sl->next = -1;
	a->misses++;
	if (cp > 0x20 && cp != 0x3000 && cp != 0xA0 && (cp < 0x7F || cp > 0x9F))
		font = fontset_face_for(a->fs, cp, size, bold);
	if (font && TTF_GlyphMetrics32(font, cp, &minx, &maxx, &miny, &maxy,
	                               &adv) == 0)
		surf = TTF_RenderGlyph32_Blended(font, cp, white);
	if (surf && surf->format->format != SDL_PIXELFORMAT_ARGB8888) {
		SDL_Surface *conv = SDL_ConvertSurfaceFormat(surf,
		                        SDL_PIXELFORMAT_ARGB8888, 0);
		SDL_FreeSurface(surf);
		surf = conv;
	}
	if (surf && SDL_MUSTLOCK(surf))
		SDL_LockSurface(surf);
	if (surf && ink_box(surf, &box)) {
		/* where SDL_ttf put the pen and the baseline in the surface */
		int asc = TTF_FontAscent(font);
		int pen_x = minx < 0 ? -minx : 0;
		int base_y = asc + (maxy > asc ? maxy - asc : 0);

		for (int i = 0; i < a->n_pages && p < 0; i++)
			if (page_place(a, &a->pages[i], box.w, box.h, &x, &y) == 0)
				p = i;
		if (p < 0 && a->n_pages < a->max_pages &&
		    (p = page_new(a, NULL, 0)) >= 0 &&
		    page_place(a, &a->pages[p], box.w, box.h, &x, &y) != 0)
			p = -1;
		if (p < 0 && !may_evict && box.w + PAD <= a->page_px &&
		    box.h + PAD <= a->page_px) {
			SDL_FreeSurface(surf);
			sl->next = a->free_slot;
			a->free_slot = s;
			return -1;
		}
		if (p < 0 && box.w + PAD <= a->page_px &&
		    box.h + PAD <= a->page_px) {
			p = evict_lru_page(a);
			sl = &a->slots[s];
			if (page_place(a, &a->pages[p], box.w, box.h, &x, &y) != 0)
				p = -1;
		}
		if (p >= 0) {
			SDL_Rect dst = { x, y, box.w, box.h };
			Uint8 *px = (Uint8 *)surf->pixels + box.y * surf->pitch +
			            box.x * 4;
			if (rgb != 0xFFFFFF)
				for (int yy = 0; yy < box.h; yy++) {
					Uint32 *row = (Uint32 *)(px + yy * surf->pitch);
					for (int xx = 0; xx < box.w; xx++)
						row[xx] = (row[xx] & 0xFF000000) | rgb;
				}
			SDL_UpdateTexture(a->pages[p].tex, &dst, px, surf->pitch);
			sl->x = x;
			sl->y = y;
			sl->w = box.w;
			sl->h = box.h;
			sl->ox = box.x - pen_x;
			sl->oy = box.y - base_y;
			sl->page = p;
			sl->next = a->pages[p].first_slot;
			a->pages[p].first_slot = s;
		}
	}
	if (surf)
		SDL_FreeSurface(surf);
	u64map_put(&a->map, key, (uint32_t)s);
	return s;
}

/* ------------------------------------------------------------- public */

Atlas *atlas_new(SDL_Renderer *r, FontSet *fs, int page_px, int max_pages,
                 char *err, size_t errlen)
{
	Atlas *a;

	if (!r || !fs || page_px < 16 || page_px > 8192 || max_pages < 1) {
		snprintf(err, errlen, "atlas: bad arguments");
		return NULL;
	}
	a = calloc(1, sizeof *a);
	if (!a || !(a->pages = calloc(max_pages, sizeof *a->pages))) {
		free(a);
		snprintf(err, errlen, "atlas: out of memory");
		return NULL;
	}
	a->r = r;
	a->fs = fs;
	a->page_px = page_px;
	a->max_pages = max_pages;
	a->free_slot = -1;
	/* SDL's software renderer rasterises geometry per pixel and its
	 * blitter is 2-3x slower when it modulates by a colour: there glyphs
	 * are stored already tinted (a few colours per screen) and blitted.
	 * GPU renderers tint through the vertex colour for free. */
	{
		SDL_RendererInfo info;
		a->pretint = SDL_GetRendererInfo(r, &info) == 0 &&
		             (info.flags & SDL_RENDERER_SOFTWARE);
	}
	if (page_new(a, err, errlen) < 0) {
		atlas_free(a);
		return NULL;
	}
	return a;
}

void atlas_free(Atlas *a)
{
	if (!a)
		return;
	for (int i = 0; i < a->n_pages; i++) {
		SDL_DestroyTexture(a->pages[i].tex);
		free(a->pages[i].v);
	}
	free(a->pages);
	free(a->slots);
	free(a->idx);
	u64map_free(&a->map);
	free(a);
}

/* Room for one more quad on page pg (and indices for all its quads). */
static void reserve_quad(Atlas *a, Page *pg)
{
	if (pg->nv + 4 > pg->capv) {
		pg->capv = pg->capv ? pg->capv * 2 : 1024;
		pg->v = xrealloc(pg->v, pg->capv * sizeof *pg->v);
	}
	if (pg->capv / 4 * 6 > a->cap_idx) {
		int old = a->cap_idx / 6;
		a->cap_idx = pg->capv / 4 * 6;
		a->idx = xrealloc(a->idx, a->cap_idx * sizeof *a->idx);
		for (int q = old; q < a->cap_idx / 6; q++) {
			int *i = &a->idx[q * 6];
			i[0] = q * 4; i[1] = q * 4 + 1; i[2] = q * 4 + 2;
			i[3] = q * 4 + 2; i[4] = q * 4 + 1; i[5] = q * 4 + 3;
		}
	}
}

void atlas_draw_layout(Atlas *a, const TextLayout *l, int x, int y,
                       const SDL_Rect *clip, uint8_t alpha)
{
	SDL_Rect view;
	int top, bottom, lo = 0, hi;
	float inv = 1.0f / a->page_px;

	if (!l || !l->n_lines)
		return;
	if (clip) {
		view = *clip;
	} else {
		SDL_RenderGetViewport(a->r, &view);
		view.x = view.y = 0;
	}
	top = view.y - y;
	bottom = view.y + view.h - y;
	/* first line whose box reaches below the top of the view */
	hi = l->n_lines;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		const TextLine *tl = &l->lines[mid];
		if (tl->y + tl->height <= top)
			lo = mid + 1;
		else
			hi = mid;
	}
	a->tick++;
	for (int k = lo; k < l->n_lines && l->lines[k].y < bottom; k++) {
		const TextLine *tl = &l->lines[k];
		float base = (float)(y + tl->baseline);
		for (int i = 0; i < tl->count; i++) {
			const TextGlyph *g = &l->glyphs[tl->first + i];
			uint32_t rgb = a->pretint ? g->color >> 8 : 0xFFFFFF;
			uint64_t key = glyph_key(g->cp, g->size, g->bold,
			                         a->pretint ? rgb : 0);
			uint32_t s;
			if (g->cp == ' ')
				continue;
			if (!u64map_get(&a->map, key, &s))
				s = (uint32_t)glyph_add(a, key, g->cp, g->size,
				                        g->bold, rgb, 1);
			const Slot *sl = &a->slots[s];
			if (sl->page < 0)
				continue;
			Page *pg = &a->pages[sl->page];
			pg->used = a->tick;
			if (a->pretint) {
				/* software renderer: a plain blit per glyph; SDL's
				 * triangle path would rasterise each quad per pixel */
				SDL_Rect src = { sl->x, sl->y, sl->w, sl->h };
				SDL_Rect dst = { x + g->x + sl->ox,
				                 y + tl->baseline + sl->oy, sl->w, sl->h };
				SDL_SetTextureAlphaMod(pg->tex,
				        (uint8_t)((g->color & 0xFF) * alpha / 255));
				SDL_RenderCopy(a->r, pg->tex, &src, &dst);
				continue;
			}
			reserve_quad(a, pg);
			SDL_Color c = { g->color >> 24, g->color >> 16 & 0xFF,
			                g->color >> 8 & 0xFF,
			                (uint8_t)((g->color & 0xFF) * alpha / 255) };
			float x0 = (float)(x + g->x + sl->ox), y0 = base + sl->oy;
			float x1 = x0 + sl->w, y1 = y0 + sl->h;
			float u0 = sl->x * inv, v0 = sl->y * inv;
			float u1 = (sl->x + sl->w) * inv, v1 = (sl->y + sl->h) * inv;
			SDL_Vertex *v = &pg->v[pg->nv];
			v[0] = (SDL_Vertex){ { x0, y0 }, c, { u0, v0 } };
			v[1] = (SDL_Vertex){ { x1, y0 }, c, { u1, v0 } };
			v[2] = (SDL_Vertex){ { x0, y1 }, c, { u0, v1 } };
			v[3] = (SDL_Vertex){ { x1, y1 }, c, { u1, v1 } };
			pg->nv += 4;
		}
	}
	flush(a);
}

int atlas_warm_layout(Atlas *a, const TextLayout *l, int budget)
{
	int done = 0;

	if (!l)
		return 0;
	for (int i = 0; i < l->n_glyphs && done < budget; i++) {
		const TextGlyph *g = &l->glyphs[i];
		uint32_t rgb = a->pretint ? g->color >> 8 : 0xFFFFFF;
		uint64_t key = glyph_key(g->cp, g->size, g->bold,
		                         a->pretint ? rgb : 0);
		uint32_t s;
		if (g->cp == ' ' || u64map_get(&a->map, key, &s))
			continue;
		int slot = glyph_add(a, key, g->cp, g->size, g->bold, rgb, 0);
		if (slot < 0)
			return -1;
		done++;
		/* as recent as the last drawn text, so the next miss does not
		 * evict what was just warmed */
		if (a->slots[slot].page >= 0)
			a->pages[a->slots[slot].page].used = a->tick;
	}
	return done;
}

void atlas_use_geometry(Atlas *a, int on)
{
	int pretint = !on;
	if (pretint == a->pretint)
		return;
	/* glyph keys change meaning: start from empty pages */
	flush(a);
	for (int i = 0; i < a->n_pages; i++) {
		Page *pg = &a->pages[i];
		pg->first_slot = -1;
		pg->shelf_x = pg->shelf_y = pg->shelf_h = 0;
	}
	u64map_free(&a->map);
	a->free_slot = -1;
	a->n_slots = 0;
	a->pretint = pretint;
}

size_t atlas_bytes(const Atlas *a)
{
	return (size_t)a->n_pages * a->page_px * a->page_px * 4;
}

unsigned long atlas_misses(const Atlas *a)
{
	return a->misses;
}

unsigned long atlas_evictions(const Atlas *a)
{
	return a->evictions;
}
