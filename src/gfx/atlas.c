/* atlas.c — glyph atlas: pages packed in shelves, LRU page eviction.
 * On GPU renderers pages are white textures and text is drawn as tinted
 * quads with SDL_RenderGeometry. On SDL's software renderer pages are
 * 8-bit coverage in memory and glyphs are composited straight into the
 * target surface with SDL's own blend arithmetic (blend_glyph), or, when
 * that surface is not reachable, blitted by SDL from a scratch texture.
 *
 * A glyph is keyed by (code point, size, bold) and stored cropped to its
 * ink, with the offset of that ink from the pen position on the baseline.
 * Drawing a layout is a hash lookup per glyph; buffers are kept between
 * calls, so a warm frame allocates nothing. */
#include "atlas.h"
#include "base/u64map.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define PAD 1                   /* transparent px around each glyph */
#define PREFETCH_ROWS 4         /* target rows read ahead of compositing */

typedef struct Slot {
	int16_t x, y, w, h;             /* rectangle in the page */
	int16_t ox, oy;                 /* ink top-left from pen on baseline */
	int16_t page;                   /* -1: no ink (space, missing glyph) */
	int next;                       /* next slot on the page / free list */
	uint64_t key;
} Slot;

typedef struct Page {
	SDL_Texture *tex;               /* geometry mode: white + coverage */
	Uint8 *cov;                     /* software mode: coverage, 1 B/px */
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
	int soft;                       /* 8-bit pages (software renderer) */
	SDL_Surface *surface;           /* set by atlas_set_surface() */
	SDL_Texture *scratch;           /* soft, no surface: glyphs for SDL */
	Uint32 *scratch_px;             /* one glyph expanded to ARGB */
	int scratch_x, scratch_y, scratch_h;
	unsigned long tick, misses, evictions;
};

static uint64_t glyph_key(uint32_t cp, int size, int bold)
{
	return (uint64_t)cp | (uint64_t)(size & 0xFFFF) << 21 |
	       (uint64_t)(bold != 0) << 37;
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
	if (a->soft) {
		/* calloc: untouched rows cost no memory until glyphs land */
		pg->cov = calloc((size_t)a->page_px, a->page_px);
		if (!pg->cov) {
			if (err)
				snprintf(err, errlen, "atlas: out of memory");
			return -1;
		}
		return a->n_pages++;
	}
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

/* Rasterise (cp, size, bold) into a page and return its slot. may_evict
 * 0: if the glyph has ink and no page has room without evicting one,
 * nothing is kept and -1 is returned (the glyph stays missing). */
static int glyph_add(Atlas *a, uint64_t key, uint32_t cp, int size, int bold,
                     int may_evict)
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
			Uint8 *px = (Uint8 *)surf->pixels + box.y * surf->pitch +
			            box.x * 4;
			if (a->soft) {
				/* keep only the coverage: SDL_ttf draws white */
				Uint8 *dst = a->pages[p].cov + (size_t)y * a->page_px + x;
				for (int yy = 0; yy < box.h; yy++) {
					const Uint32 *row = (const Uint32 *)(px + yy * surf->pitch);
					for (int xx = 0; xx < box.w; xx++)
						dst[xx] = (Uint8)(row[xx] >> 24);
					dst += a->page_px;
				}
			} else {
				SDL_Rect dst = { x, y, box.w, box.h };
				SDL_UpdateTexture(a->pages[p].tex, &dst, px, surf->pitch);
			}
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

/* ------------------------------------------------- software compositing */

/* Composite one glyph's coverage (w x h, rows pitch bytes apart) in colour
 * rgb with alpha modulation m into the 32-bit surface dst at (dx, dy),
 * only inside clip. The arithmetic is SDL 2.26's (Debian 12) for an
 * ARGB8888 texture with SDL_BLENDMODE_BLEND blitted onto ARGB8888 or
 * XRGB8888 (RGB888), so the pixels are bit-identical to SDL_RenderCopy's
 * (test_atlas compares them with SDL's on every case):
 *  - m == 255: BlitRGBtoRGBPixelAlphaMMX (SDL_blit_A.c): c == 0 leaves
 *    the pixel, c == 255 copies the source (alpha byte 255), otherwise per
 *    channel (s*c >> 8) + (d*(255-c) >> 8), the top byte from s = 255.
 *  - m < 255: the generated SDL_Blit_ARGB8888_*_Modulate_Blend
 *    (SDL_blit_auto.c): a = c*m/255, s' = s*a/255, d = s' + (255-a)*d/255
 *    on every pixel; the top byte blends the same way on ARGB8888 and is
 *    written 0 on RGB888. */
static void blend_glyph(SDL_Surface *dst, const SDL_Rect *clip, int dx, int dy,
                        const Uint8 *cov, int pitch, int w, int h,
                        uint32_t rgb, uint8_t m)
{
	int x0 = dx, y0 = dy, x1 = dx + w, y1 = dy + h;
	if (x0 < clip->x) x0 = clip->x;
	if (y0 < clip->y) y0 = clip->y;
	if (x1 > clip->x + clip->w) x1 = clip->x + clip->w;
	if (y1 > clip->y + clip->h) y1 = clip->y + clip->h;
	if (x0 >= x1 || y0 >= y1)
		return;
	int n = x1 - x0;
	uint32_t sr = rgb >> 16 & 0xFF, sg = rgb >> 8 & 0xFF, sb = rgb & 0xFF;
	uint32_t opaque = 0xFF000000u | (rgb & 0xFFFFFF);
	int argb = dst->format->format == SDL_PIXELFORMAT_ARGB8888;
	cov += (size_t)(y0 - dy) * pitch + (x0 - dx);
	for (int y = y0; y < y1; y++, cov += pitch) {
		Uint32 *d = (Uint32 *)((Uint8 *)dst->pixels + (size_t)y * dst->pitch) + x0;
#ifdef __SSE2__
		/* a glyph's rows are a surface pitch apart: each is a cache
		 * miss the hardware does not see coming (-24% time) */
		if (y + PREFETCH_ROWS < y1) {
			const char *ahead = (const char *)d + (size_t)PREFETCH_ROWS * dst->pitch;
			for (int b = 0; b < n * 4; b += 64)
				_mm_prefetch(ahead + b, _MM_HINT_T0);
			_mm_prefetch(ahead + n * 4 - 1, _MM_HINT_T0);
		}
#endif
		if (m == 255) {
			int i = 0;
#ifdef __SSE2__
			/* four pixels at a time, without a branch per pixel */
			const __m128i zero = _mm_setzero_si128();
			const __m128i s16 = _mm_set_epi16(255, sr, sg, sb, 255, sr, sg, sb);
			const __m128i ff16 = _mm_set1_epi16(0xFF);
			const __m128i ff32 = _mm_set1_epi32(0xFF);
			const __m128i full = _mm_set1_epi32((int)opaque);
			for (; i + 4 <= n; i += 4) {
				uint32_t c4;
				memcpy(&c4, cov + i, 4);
				if (c4 == 0)
					continue;
				if (c4 == 0xFFFFFFFFu) {
					_mm_storeu_si128((__m128i *)(d + i), full);
					continue;
				}
				__m128i dp = _mm_loadu_si128((const __m128i *)(d + i));
				__m128i c16 = _mm_unpacklo_epi8(_mm_cvtsi32_si128((int)c4), zero);
				__m128i c32 = _mm_unpacklo_epi16(c16, zero);
				__m128i cc = _mm_unpacklo_epi16(c16, c16);
				__m128i clo = _mm_unpacklo_epi32(cc, cc);
				__m128i chi = _mm_unpackhi_epi32(cc, cc);
				__m128i dlo = _mm_unpacklo_epi8(dp, zero);
				__m128i dhi = _mm_unpackhi_epi8(dp, zero);
				__m128i lo = _mm_add_epi16(
					_mm_srli_epi16(_mm_mullo_epi16(s16, clo), 8),
					_mm_srli_epi16(_mm_mullo_epi16(dlo, _mm_xor_si128(clo, ff16)), 8));
				__m128i hi = _mm_add_epi16(
					_mm_srli_epi16(_mm_mullo_epi16(s16, chi), 8),
					_mm_srli_epi16(_mm_mullo_epi16(dhi, _mm_xor_si128(chi, ff16)), 8));
				__m128i out = _mm_packus_epi16(lo, hi);
				__m128i is0 = _mm_cmpeq_epi32(c32, zero);
				__m128i is255 = _mm_cmpeq_epi32(c32, ff32);
				out = _mm_andnot_si128(_mm_or_si128(is0, is255), out);
				out = _mm_or_si128(out, _mm_and_si128(is0, dp));
				out = _mm_or_si128(out, _mm_and_si128(is255, full));
				_mm_storeu_si128((__m128i *)(d + i), out);
			}
#endif
			for (; i < n; i++) {
				uint32_t c = cov[i];
				if (c == 0)
					continue;
				if (c == 255) {
					d[i] = opaque;
					continue;
				}
				uint32_t p = d[i], k = 255 - c;
				d[i] = ((255 * c >> 8) + ((p >> 24) * k >> 8)) << 24 |
				       ((sr * c >> 8) + ((p >> 16 & 0xFF) * k >> 8)) << 16 |
				       ((sg * c >> 8) + ((p >> 8 & 0xFF) * k >> 8)) << 8 |
				       ((sb * c >> 8) + ((p & 0xFF) * k >> 8));
			}
			continue;
		}
		for (int i = 0; i < n; i++) {
			uint32_t a = cov[i] * m / 255, k = 255 - a, p = d[i];
			uint32_t r = sr * a / 255 + k * (p >> 16 & 0xFF) / 255;
			uint32_t g = sg * a / 255 + k * (p >> 8 & 0xFF) / 255;
			uint32_t b = sb * a / 255 + k * (p & 0xFF) / 255;
			uint32_t top = argb ? a + k * (p >> 24) / 255 : 0;
			d[i] = top << 24 | r << 16 | g << 8 | b;
		}
	}
}

/* The surface the software renderer draws into now, with the clip its
 * blits get (viewport and clip rectangle) and the viewport's offset; NULL
 * if glyphs cannot be composited into it here (a render target texture,
 * scaling, a pixel format other than ARGB8888/RGB888, or a CPU other than
 * x86-64: elsewhere SDL picks other blitters, with other rounding). */
static SDL_Surface *direct_target(Atlas *a, SDL_Rect *clip, SDL_Point *off)
{
	SDL_Surface *s = a->surface;
	SDL_Rect vp;
	float sx, sy;

#ifndef __x86_64__
	return NULL;
#endif
	if (SDL_GetRenderTarget(a->r))
		return NULL;
	if (!s) {
		SDL_Window *win = SDL_RenderGetWindow(a->r);
		if (!win || !(s = SDL_GetWindowSurface(win)))
			return NULL;
	}
	SDL_RenderGetScale(a->r, &sx, &sy);
	if (sx != 1.0f || sy != 1.0f || SDL_MUSTLOCK(s) ||
	    (s->format->format != SDL_PIXELFORMAT_ARGB8888 &&
	     s->format->format != SDL_PIXELFORMAT_RGB888))
		return NULL;
	SDL_RenderGetViewport(a->r, &vp);
	*clip = vp;
	if (SDL_RenderIsClipEnabled(a->r)) {
		SDL_Rect cr;
		SDL_RenderGetClipRect(a->r, &cr);
		cr.x += vp.x;
		cr.y += vp.y;
		if (!SDL_IntersectRect(&vp, &cr, clip))
			*clip = (SDL_Rect){ 0, 0, 0, 0 };
	}
	{
		SDL_Rect all = { 0, 0, s->w, s->h };
		if (!SDL_IntersectRect(&all, clip, clip))
			*clip = (SDL_Rect){ 0, 0, 0, 0 };
	}
	off->x = vp.x;
	off->y = vp.y;
	return s;
}

/* The software renderer without a reachable surface: the glyph in its
 * colour, as ARGB, on a scratch texture, blitted by SDL (what the atlas
 * did before it kept coverage only). Glyphs take turns along the
 * scratch's shelves; reusing a spot still queued makes SDL flush first. */
static void blit_glyph(Atlas *a, const Slot *sl, const SDL_Rect *dst,
                       uint32_t rgb, uint8_t m)
{
	const Uint8 *cov = a->pages[sl->page].cov + (size_t)sl->y * a->page_px + sl->x;
	if (!a->scratch) {
		a->scratch = SDL_CreateTexture(a->r, SDL_PIXELFORMAT_ARGB8888,
		                               SDL_TEXTUREACCESS_STATIC,
		                               a->page_px, a->page_px);
		if (!a->scratch)
			return;
		SDL_SetTextureBlendMode(a->scratch, SDL_BLENDMODE_BLEND);
		SDL_SetTextureScaleMode(a->scratch, SDL_ScaleModeNearest);
		a->scratch_px = xrealloc(NULL, (size_t)a->page_px * a->page_px * 4);
	}
	if (a->scratch_x + sl->w > a->page_px) {
		a->scratch_x = 0;
		a->scratch_y += a->scratch_h;
		a->scratch_h = 0;
	}
	if (a->scratch_y + sl->h > a->page_px)
		a->scratch_x = a->scratch_y = a->scratch_h = 0;
	for (int y = 0; y < sl->h; y++)
		for (int x = 0; x < sl->w; x++)
			a->scratch_px[y * sl->w + x] =
				(Uint32)cov[(size_t)y * a->page_px + x] << 24 | (rgb & 0xFFFFFF);
	SDL_Rect src = { a->scratch_x, a->scratch_y, sl->w, sl->h };
	SDL_UpdateTexture(a->scratch, &src, a->scratch_px, sl->w * 4);
	SDL_SetTextureAlphaMod(a->scratch, m);
	SDL_RenderCopy(a->r, a->scratch, &src, dst);
	a->scratch_x += sl->w;
	if (sl->h > a->scratch_h)
		a->scratch_h = sl->h;
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
	 * are kept as coverage and composited per colour by the atlas.
	 * GPU renderers tint through the vertex colour for free. */
	{
		SDL_RendererInfo info;
		a->soft = SDL_GetRendererInfo(r, &info) == 0 &&
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
		if (a->pages[i].tex)
			SDL_DestroyTexture(a->pages[i].tex);
		free(a->pages[i].cov);
		free(a->pages[i].v);
	}
	if (a->scratch)
		SDL_DestroyTexture(a->scratch);
	free(a->scratch_px);
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
	SDL_Rect view, dclip;
	SDL_Point off = { 0, 0 };
	SDL_Surface *direct = NULL;
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
	if (a->soft && lo < l->n_lines && l->lines[lo].y < bottom &&
	    (direct = direct_target(a, &dclip, &off)) != NULL)
		SDL_RenderFlush(a->r);  /* what is queued lies below the text */
	for (int k = lo; k < l->n_lines && l->lines[k].y < bottom; k++) {
		const TextLine *tl = &l->lines[k];
		float base = (float)(y + tl->baseline);
		for (int i = 0; i < tl->count; i++) {
			const TextGlyph *g = &l->glyphs[tl->first + i];
			uint64_t key = glyph_key(g->cp, g->size, g->bold);
			uint32_t s;
			if (g->cp == ' ')
				continue;
			if (!u64map_get(&a->map, key, &s))
				s = (uint32_t)glyph_add(a, key, g->cp, g->size,
				                        g->bold, 1);
			const Slot *sl = &a->slots[s];
			if (sl->page < 0)
				continue;
			Page *pg = &a->pages[sl->page];
			pg->used = a->tick;
			if (a->soft) {
				/* software renderer: SDL's triangle path would
				 * rasterise each quad per pixel */
				SDL_Rect dst = { x + g->x + sl->ox,
				                 y + tl->baseline + sl->oy, sl->w, sl->h };
				uint8_t m = (uint8_t)((g->color & 0xFF) * alpha / 255);
				if (direct)
					blend_glyph(direct, &dclip, dst.x + off.x,
					            dst.y + off.y,
					            pg->cov + (size_t)sl->y * a->page_px + sl->x,
					            a->page_px, sl->w, sl->h, g->color >> 8, m);
				else
					blit_glyph(a, sl, &dst, g->color >> 8, m);
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
		uint64_t key = glyph_key(g->cp, g->size, g->bold);
		uint32_t s;
		if (g->cp == ' ' || u64map_get(&a->map, key, &s))
			continue;
		int slot = glyph_add(a, key, g->cp, g->size, g->bold, 0);
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
	int soft = !on;
	if (soft == a->soft)
		return;
	/* pages change kind: start from one empty page */
	flush(a);
	for (int i = 0; i < a->n_pages; i++) {
		if (a->pages[i].tex)
			SDL_DestroyTexture(a->pages[i].tex);
		free(a->pages[i].cov);
		free(a->pages[i].v);
	}
	a->n_pages = 0;
	u64map_free(&a->map);
	a->free_slot = -1;
	a->n_slots = 0;
	a->soft = soft;
	page_new(a, NULL, 0);
}

void atlas_set_surface(Atlas *a, SDL_Surface *s)
{
	a->surface = s;
}

size_t atlas_bytes(const Atlas *a)
{
	return (size_t)a->n_pages * a->page_px * a->page_px * (a->soft ? 1 : 4);
}

unsigned long atlas_misses(const Atlas *a)
{
	return a->misses;
}

unsigned long atlas_evictions(const Atlas *a)
{
	return a->evictions;
}
