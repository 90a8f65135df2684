/* atlas.h — glyph atlas: glyphs rasterised once (SDL_ttf, one glyph at a
 * time) into pages, with LRU eviction of whole pages when full. On GPU
 * renderers pages are textures (white with alpha) and text is drawn as
 * quads tinted per glyph; on SDL's software renderer pages hold 8-bit
 * coverage and glyphs are composited into the target surface.
 *
 * One Atlas belongs to one SDL_Renderer and one FontSet. */
#ifndef UI_ATLAS_H
#define UI_ATLAS_H

#include <stddef.h>
#include <SDL.h>
#include "font.h"
#include "text/layout.h"

typedef struct Atlas Atlas;

/* The kiosk's pages: 512 px (1 MiB each as textures, 256 KiB as coverage
 * on the software renderer) up to 32 of them. Small pages because
 * memory is taken a page at a time and every page byte is touched when the
 * page is made (SDL's software renderer clears its surface): a 1024 px page
 * cost 4 MiB (and ~15 ms of page faults at start-up) for a first screen that
 * needs under 1 MiB of glyphs. Eviction is by page, so small pages also
 * forget less at a time. */
#define ATLAS_PAGE_PX 512
#define ATLAS_MAX_PAGES 32

/* page_px: side of a square page (e.g. ATLAS_PAGE_PX); max_pages bounds
 * memory (page_px * page_px * 4 bytes each, 1 on the software renderer).
 * NULL with err on failure. */
Atlas *atlas_new(SDL_Renderer *r, FontSet *fs, int page_px, int max_pages,
                 char *err, size_t errlen);
void atlas_free(Atlas *a);                        /* NULL is fine */

/* Draw layout l with its top-left at (x, y). Only lines that intersect clip
 * (NULL = the whole target) are drawn. alpha multiplies every glyph's alpha
 * (255 = as laid out). Missing glyphs are rasterised now. */
void atlas_draw_layout(Atlas *a, const TextLayout *l, int x, int y,
                       const SDL_Rect *clip, uint8_t alpha);

/* Rasterise into the atlas up to budget glyphs of l that it lacks,
 * without drawing anything, so that a later atlas_draw_layout() of l finds
 * them (warming text below the fold while the screen stands still).
 * Never evicts: a glyph that would need a page evicted is not kept.
 * Returns the number of glyphs rasterised (< budget: l is now fully in the
 * atlas), or -1 if the atlas is full (warming should stop). What later
 * draws show is the same warmed or not. */
int atlas_warm_layout(Atlas *a, const TextLayout *l, int budget);

/* How glyphs reach the target. Default: on GPU renderers one
 * SDL_RenderGeometry call per page, tinted by vertex colour; on SDL's
 * software renderer (where geometry is rasterised per pixel, ~7x slower)
 * each glyph is composited by the atlas straight into the surface the
 * renderer draws into, with SDL's blend arithmetic (the same pixels as
 * SDL_RenderCopy of the glyph in its colour), after SDL_RenderFlush().
 * That surface is the window's (SDL_GetWindowSurface) while no render
 * target is set; otherwise, when scaled, or on CPUs other than x86-64
 * (where SDL blends with other rounding), glyphs go through
 * SDL_RenderCopy in their colour from a scratch texture. on = 1 forces the geometry path (tests check both draw
 * the same); switching forgets every glyph. */
void atlas_use_geometry(Atlas *a, int on);

/* The surface a software renderer made with SDL_CreateSoftwareRenderer(s)
 * draws into (SDL has no call that returns it): glyphs are then composited
 * straight into s while no render target is set. NULL (the default):
 * such a renderer's glyphs go through SDL_RenderCopy. s must outlive its
 * use here. */
void atlas_set_surface(Atlas *a, SDL_Surface *s);

/* Statistics for tests and benchmarks. */
size_t atlas_bytes(const Atlas *a);               /* texture memory in use */
unsigned long atlas_misses(const Atlas *a);       /* glyphs rasterised so far */
unsigned long atlas_evictions(const Atlas *a);    /* pages evicted so far */

#endif
