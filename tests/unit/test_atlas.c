/* test_atlas.c — the font chain (src/gfx/font.c) and the glyph atlas
 * (src/gfx/atlas.c), drawn by SDL's software renderer into a surface, so no
 * display is needed. Fonts come from fontconfig (fonts-noto-cjk,
 * fonts-hanazono). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gfx/atlas.h"
#include "gfx/font.h"

#define W 640
#define H 160
#define SIZE 32

/* A character Noto Sans CJK SC lacks (CJK Ext. B, in HanaMinB). U+20BB7 𠮷
 * is not usable here: Noto Sans CJK SC has it. */
#define MISSING_CP 0x20000

typedef struct Fix {
	SDL_Surface *surf;
	SDL_Renderer *r;
	FontSet *fs;
	TextMetrics m;
} Fix;

static int setup(void **state)
{
	char err[256];
	Fix *f = calloc(1, sizeof *f);
	setenv("SDL_VIDEODRIVER", "dummy", 1);
	if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0)
		return -1;
	f->surf = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32,
	                                         SDL_PIXELFORMAT_ARGB8888);
	f->r = SDL_CreateSoftwareRenderer(f->surf);
	f->fs = fontset_open(NULL, err, sizeof err);
	if (!f->surf || !f->r || !f->fs) {
		fprintf(stderr, "setup: %s %s\n", err, SDL_GetError());
		return -1;
	}
	f->m = fontset_metrics(f->fs);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	Fix *f = *state;
	fontset_close(f->fs);
	SDL_DestroyRenderer(f->r);
	SDL_FreeSurface(f->surf);
	free(f);
	TTF_Quit();
	SDL_Quit();
	return 0;
}

static TextLayout *lay(Fix *f, const char *s, int bold, uint32_t color)
{
	TextPara p = { 0 };
	p.text = s;
	p.len = strlen(s);
	p.size = SIZE;
	p.bold = bold;
	p.color = color;
	p.line_spacing = 1.5f;
	return text_layout(&f->m, &p, W);
}

static void clear(Fix *f)
{
	SDL_SetRenderDrawColor(f->r, 255, 255, 255, 255);
	SDL_RenderClear(f->r);
}

/* Copy of the surface pixels (caller frees). */
static Uint32 *snapshot(Fix *f)
{
	SDL_RenderFlush(f->r);
	Uint32 *px = malloc(W * H * 4);
	for (int y = 0; y < H; y++)
		memcpy(px + y * W, (Uint8 *)f->surf->pixels + y * f->surf->pitch,
		       W * 4);
	return px;
}

static int ink_pixels(const Uint32 *px)
{
	int n = 0;
	for (int i = 0; i < W * H; i++)
		n += (px[i] & 0xFFFFFF) != 0xFFFFFF;
	return n;
}

/* Bounding box of the non-white pixels: x0, y0, x1, y1. */
static void ink_bounds(const Uint32 *px, int b[4])
{
	b[0] = W; b[1] = H; b[2] = b[3] = -1;
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			if ((px[y * W + x] & 0xFFFFFF) == 0xFFFFFF)
				continue;
			if (x < b[0]) b[0] = x;
			if (y < b[1]) b[1] = y;
			if (x > b[2]) b[2] = x;
			if (y > b[3]) b[3] = y;
		}
}

static Uint32 *draw_once(Fix *f, Atlas *a, const TextLayout *l)
{
	clear(f);
	atlas_draw_layout(a, l, 10, 10, NULL, 255);
	return snapshot(f);
}

/* --------------------------------------------------------------- tests */

static void test_atlas_should_redraw_a_line_identically_after_evicting_pages(void **state)
{
	Fix *f = *state;
	char err[128];
	const char *line = "申请材料：身份证原件1份（复印件）";
	TextLayout *l = lay(f, line, 0, 0x202020FF);
	Atlas *tiny = atlas_new(f->r, f->fs, 256, 2, err, sizeof err);
	assert_non_null(tiny);

	Uint32 *before = draw_once(f, tiny, l);
	/* 600 distinct ideographs: far more than two 256 px pages hold */
	for (int i = 0; i < 600; i += 20) {
		char buf[20 * 4 + 1];
		int o = 0;
		for (int k = 0; k < 20; k++) {
			uint32_t cp = 0x4E00 + (i + k) * 13;
			buf[o++] = 0xE0 | cp >> 12;
			buf[o++] = 0x80 | (cp >> 6 & 0x3F);
			buf[o++] = 0x80 | (cp & 0x3F);
		}
		buf[o] = 0;
		TextLayout *flood = lay(f, buf, 0, 0x000000FF);
		clear(f);
		atlas_draw_layout(tiny, flood, 0, 0, NULL, 255);
		text_layout_free(flood);
	}
	assert_true(atlas_evictions(tiny) > 0);
	assert_true(atlas_bytes(tiny) <= 2 * 256 * 256 * 4);
	unsigned long misses = atlas_misses(tiny);
	Uint32 *after = draw_once(f, tiny, l);
	assert_true(atlas_misses(tiny) > misses);     /* re-rasterised */

	Atlas *fresh = atlas_new(f->r, f->fs, 1024, 1, err, sizeof err);
	Uint32 *ref = draw_once(f, fresh, l);
	assert_true(ink_pixels(ref) > 1000);
	assert_memory_equal(before, ref, W * H * 4);
	assert_memory_equal(after, ref, W * H * 4);

	free(before);
	free(after);
	free(ref);
	atlas_free(fresh);
	atlas_free(tiny);
	text_layout_free(l);
}

static void test_atlas_should_draw_the_same_through_geometry_as_through_blits(void **state)
{
	Fix *f = *state;
	char err[128];
	TextLayout *l = lay(f, "办理时限：20个工作日（红）", 0, 0xC0392BFF);
	Atlas *a = atlas_new(f->r, f->fs, 512, 2, err, sizeof err);
	Uint32 *blit = draw_once(f, a, l);
	atlas_use_geometry(a, 1);           /* the GPU path: tinted quads */
	Uint32 *quads = draw_once(f, a, l);
	/* SDL's software triangle rasteriser samples texels its own way, so
	 * the pixels differ slightly: same place, same amount of ink */
	int bb[4], bq[4], nb = ink_pixels(blit), nq = ink_pixels(quads);
	ink_bounds(blit, bb);
	ink_bounds(quads, bq);
	for (int i = 0; i < 4; i++)
		assert_true(abs(bb[i] - bq[i]) <= 1);
	assert_true(nb > 1000);
	assert_true(abs(nb - nq) * 10 < nb);
	free(blit);
	free(quads);
	atlas_free(a);
	text_layout_free(l);
}

static void test_atlas_should_rasterise_each_glyph_once(void **state)
{
	Fix *f = *state;
	char err[128];
	TextLayout *l = lay(f, "办理时限：20个工作日，办理时限", 0, 0x000000FF);
	Atlas *a = atlas_new(f->r, f->fs, 512, 2, err, sizeof err);
	atlas_draw_layout(a, l, 0, 0, NULL, 255);
	unsigned long misses = atlas_misses(a);
	assert_int_equal(misses, 12);       /* distinct glyphs, spaces none */
	for (int i = 0; i < 10; i++)
		atlas_draw_layout(a, l, 0, i, NULL, 255);
	assert_int_equal(atlas_misses(a), misses);
	atlas_free(a);
	text_layout_free(l);
}

static void test_atlas_should_draw_a_fallback_glyph_missing_from_the_main_font(void **state)
{
	Fix *f = *state;
	char err[128];
	char text[8] = { 0 };
	TTF_Font *main_face = fontset_face_for(f->fs, 0x4E2D, SIZE, 0);
	TTF_Font *fb = fontset_face_for(f->fs, MISSING_CP, SIZE, 0);

	assert_non_null(main_face);
	assert_false(TTF_GlyphIsProvided32(main_face, MISSING_CP));
	assert_non_null(fb);
	assert_true(TTF_GlyphIsProvided32(fb, MISSING_CP));
	assert_ptr_not_equal(fb, main_face);

	text[0] = 0xF0; text[1] = 0xA0; text[2] = 0x80; text[3] = 0x80; /* U+20000 */
	TextLayout *l = lay(f, text, 0, 0x000000FF);
	assert_int_equal(l->glyphs[0].cp, MISSING_CP);
	Atlas *a = atlas_new(f->r, f->fs, 512, 1, err, sizeof err);
	Uint32 *px = draw_once(f, a, l);
	assert_true(ink_pixels(px) > 50);
	free(px);
	atlas_free(a);
	text_layout_free(l);
}

static void test_atlas_should_draw_bold_from_the_bold_face(void **state)
{
	Fix *f = *state;
	char err[128];
	TTF_Font *reg = fontset_face_for(f->fs, 0x4E2D, SIZE, 0);
	TTF_Font *bold = fontset_face_for(f->fs, 0x4E2D, SIZE, 1);

	assert_ptr_not_equal(reg, bold);
	/* the Bold face itself, not SDL_ttf's emboldening of the regular one
	 * (TTF_GetFontStyle reports BOLD for both, so ask the face) */
	assert_string_equal(TTF_FontFaceFamilyName(bold), "Noto Sans CJK SC");
	assert_string_equal(TTF_FontFaceStyleName(bold), "Bold");
	assert_string_equal(TTF_FontFaceStyleName(reg), "Regular");

	TextLayout *lr = lay(f, "申请条件", 0, 0x000000FF);
	TextLayout *lb = lay(f, "申请条件", 1, 0x000000FF);
	Atlas *a = atlas_new(f->r, f->fs, 512, 1, err, sizeof err);
	Uint32 *pr = draw_once(f, a, lr);
	Uint32 *pb = draw_once(f, a, lb);
	assert_memory_not_equal(pr, pb, W * H * 4);
	assert_true(ink_pixels(pb) > ink_pixels(pr));
	free(pr);
	free(pb);
	atlas_free(a);
	text_layout_free(lr);
	text_layout_free(lb);
}

static void test_atlas_should_tint_glyphs_with_their_colour(void **state)
{
	Fix *f = *state;
	char err[128];
	TextLayout *l = lay(f, "红", 0, 0xFF0000FF);
	Atlas *a = atlas_new(f->r, f->fs, 512, 1, err, sizeof err);
	Uint32 *px = draw_once(f, a, l);
	int red = 0, other = 0;
	for (int i = 0; i < W * H; i++) {
		Uint32 c = px[i] & 0xFFFFFF;
		if (c == 0xFFFFFF)
			continue;
		/* blended over white: red stays (almost: SDL's blitter rounds)
		 * full, green = blue */
		int r = c >> 16, g = c >> 8 & 0xFF, b = c & 0xFF;
		if (r >= 0xFB && abs(g - b) <= 2)
			red++;
		else
			other++;
	}
	assert_true(red > 50);
	assert_int_equal(other, 0);
	free(px);
	atlas_free(a);
	text_layout_free(l);
}

static void test_atlas_should_draw_only_lines_in_the_clip(void **state)
{
	Fix *f = *state;
	char err[128];
	TextLayout *l = lay(f, "第一行\n第二行\n第三行", 0, 0x000000FF);
	Atlas *a = atlas_new(f->r, f->fs, 512, 1, err, sizeof err);
	SDL_Rect clip = { 0, 0, W, l->lines[0].height };   /* line 1 only */
	clear(f);
	atlas_draw_layout(a, l, 0, 0, &clip, 255);
	Uint32 *px = snapshot(f);
	int below = 0;
	for (int i = l->lines[1].y * W + W * 8; i < W * H; i++)
		below += (px[i] & 0xFFFFFF) != 0xFFFFFF;
	assert_int_equal(below, 0);
	assert_true(ink_pixels(px) > 100);
	assert_int_equal(atlas_misses(a), 3);    /* only 第 一 行 rasterised */
	free(px);
	atlas_free(a);
	text_layout_free(l);
}

static void test_atlas_should_draw_a_warmed_layout_without_misses(void **state)
{
	Fix *f = *state;
	char err[128];
	TextLayout *l = lay(f, "申请材料：身份证原件1份（复印件）", 0, 0x202020FF);
	Atlas *cold = atlas_new(f->r, f->fs, 512, 2, err, sizeof err);
	Atlas *a = atlas_new(f->r, f->fs, 512, 2, err, sizeof err);
	Uint32 *ref = draw_once(f, cold, l);

	clear(f);
	int n = atlas_warm_layout(a, l, 1000);
	Uint32 *untouched = snapshot(f);
	assert_int_equal(n, atlas_misses(cold));  /* each missing glyph once */
	assert_int_equal(ink_pixels(untouched), 0);   /* warming draws nothing */
	assert_int_equal(atlas_warm_layout(a, l, 1000), 0);
	unsigned long misses = atlas_misses(a);
	Uint32 *px = draw_once(f, a, l);
	assert_int_equal(atlas_misses(a), misses);
	assert_memory_equal(px, ref, W * H * 4);
	free(ref);
	free(untouched);
	free(px);
	atlas_free(cold);
	atlas_free(a);
	text_layout_free(l);
}

static void test_atlas_should_warm_at_most_the_budget(void **state)
{
	Fix *f = *state;
	char err[128];
	/* 12 distinct glyphs (see rasterise_each_glyph_once) */
	TextLayout *l = lay(f, "办理时限：20个工作日，办理时限", 0, 0x000000FF);
	Atlas *a = atlas_new(f->r, f->fs, 512, 2, err, sizeof err);
	assert_int_equal(atlas_warm_layout(a, l, 5), 5);
	assert_int_equal(atlas_misses(a), 5);
	assert_int_equal(atlas_warm_layout(a, l, 5), 5);
	assert_int_equal(atlas_warm_layout(a, l, 5), 2);  /* < budget: done */
	assert_int_equal(atlas_misses(a), 12);
	assert_int_equal(atlas_warm_layout(a, l, 0), 0);
	atlas_draw_layout(a, l, 0, 0, NULL, 255);
	assert_int_equal(atlas_misses(a), 12);
	atlas_free(a);
	text_layout_free(l);
}

static void test_atlas_should_stop_warming_rather_than_evict(void **state)
{
	Fix *f = *state;
	char err[128];
	TextLayout *shown = lay(f, "办理时限", 0, 0x000000FF);
	/* 300 distinct ideographs: more than one 128 px page holds */
	char buf[300 * 3 + 1];
	int o = 0;
	for (int i = 0; i < 300; i++) {
		uint32_t cp = 0x4E00 + i * 13;
		buf[o++] = 0xE0 | cp >> 12;
		buf[o++] = 0x80 | (cp >> 6 & 0x3F);
		buf[o++] = 0x80 | (cp & 0x3F);
	}
	buf[o] = 0;
	TextLayout *big = lay(f, buf, 0, 0x000000FF);
	Atlas *a = atlas_new(f->r, f->fs, 128, 1, err, sizeof err);
	atlas_draw_layout(a, shown, 0, 0, NULL, 255);
	unsigned long misses = atlas_misses(a);

	int n, total = 0;
	while ((n = atlas_warm_layout(a, big, 8)) == 8)
		total += n;
	assert_int_equal(n, -1);                 /* full: stop */
	assert_true(total > 0);
	assert_int_equal(atlas_evictions(a), 0);
	assert_int_equal(atlas_bytes(a), 128 * 128);   /* one 8-bit page */
	misses = atlas_misses(a);
	atlas_draw_layout(a, shown, 0, 0, NULL, 255);   /* still there */
	assert_int_equal(atlas_misses(a), misses);
	atlas_free(a);
	text_layout_free(big);
	text_layout_free(shown);
}

/* ------------------------------------------ software compositing
 * On the software renderer the atlas keeps 8-bit coverage and composites
 * glyphs into the target surface itself. The reference for every pixel is
 * what SDL draws for the glyph the old way: SDL_ttf's glyph in its colour
 * as an ARGB8888 texture, SDL_BLENDMODE_BLEND, SDL_RenderCopy. */

/* A background on which every blend shows: channels and the top byte
 * vary from pixel to pixel. */
static void paint(SDL_Surface *s)
{
	for (int y = 0; y < s->h; y++) {
		Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
		for (int x = 0; x < s->w; x++)
			row[x] = (Uint32)((x * 7 + y * 3) & 0xFF) << 24 |
			         (Uint32)((x * 5 + y) & 0xFF) << 16 |
			         (Uint32)((y * 3) & 0xFF) << 8 | ((x + y * 2) & 0xFF);
	}
}

static Uint32 *copy_of(SDL_Surface *s)
{
	Uint32 *px = malloc((size_t)s->w * s->h * 4);
	for (int y = 0; y < s->h; y++)
		memcpy(px + y * s->w, (Uint8 *)s->pixels + y * s->pitch, s->w * 4);
	return px;
}

/* SDL's drawing of glyph cp (SIZE, regular) in colour rgba, alpha-modulated
 * by alpha, with its ink's top-left at (x, y), on whatever r draws into. */
static void sdl_glyph(Fix *f, SDL_Renderer *r, uint32_t cp, uint32_t rgba,
                      uint8_t alpha, int x, int y)
{
	static const SDL_Color white = { 255, 255, 255, 255 };
	TTF_Font *font = fontset_face_for(f->fs, cp, SIZE, 0);
	SDL_Surface *g0 = TTF_RenderGlyph32_Blended(font, cp, white);
	SDL_Surface *g = SDL_ConvertSurfaceFormat(g0, SDL_PIXELFORMAT_ARGB8888, 0);
	int x0 = g->w, y0 = g->h, x1 = -1, y1 = -1;
	for (int yy = 0; yy < g->h; yy++) {
		Uint32 *row = (Uint32 *)((Uint8 *)g->pixels + yy * g->pitch);
		for (int xx = 0; xx < g->w; xx++) {
			if (!(row[xx] >> 24))
				continue;
			if (xx < x0) x0 = xx;
			if (xx > x1) x1 = xx;
			if (yy < y0) y0 = yy;
			y1 = yy;
			if ((rgba >> 8) != 0xFFFFFF)
				row[xx] = (row[xx] & 0xFF000000) | rgba >> 8;
		}
	}
	assert_true(x1 >= 0);
	SDL_Texture *t = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888,
	                                   SDL_TEXTUREACCESS_STATIC, g->w, g->h);
	SDL_UpdateTexture(t, NULL, g->pixels, g->pitch);
	SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
	SDL_SetTextureAlphaMod(t, (uint8_t)((rgba & 0xFF) * alpha / 255));
	SDL_Rect src = { x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
	SDL_Rect dst = { x, y, src.w, src.h };
	SDL_RenderCopy(r, t, &src, &dst);
	SDL_RenderFlush(r);
	SDL_DestroyTexture(t);
	SDL_FreeSurface(g);
	SDL_FreeSurface(g0);
}

/* Where the atlas puts the ink of a one-glyph layout drawn at (0, 0):
 * the top-left of what black ink changes on white; *w, *h its size. */
static void ink_origin(Fix *f, TextLayout *l, int *ox, int *oy, int *w, int *h)
{
	char err[128];
	Atlas *a = atlas_new(f->r, f->fs, 512, 1, err, sizeof err);
	atlas_set_surface(a, f->surf);
	SDL_RenderSetClipRect(f->r, NULL);
	clear(f);
	SDL_RenderFlush(f->r);
	TextLayout probe = *l;
	TextGlyph gl = l->glyphs[0];
	gl.color = 0x000000FF;
	probe.glyphs = &gl;
	atlas_draw_layout(a, &probe, 40, 40, NULL, 255);
	Uint32 *px = snapshot(f);
	int b[4];
	ink_bounds(px, b);
	assert_true(b[2] >= b[0]);
	*ox = b[0] - 40;
	*oy = b[1] - 40;
	*w = b[2] - b[0] + 1;
	*h = b[3] - b[1] + 1;
	free(px);
	atlas_free(a);
}

typedef struct Case {
	int x, y;                       /* where the layout is drawn */
	SDL_Rect clip;                  /* w == 0: no clip rectangle */
	uint32_t color;
	uint8_t alpha;
	int blank;                      /* SDL leaves the pixels as they are */
} Case;

/* Draw cp as each case says, through the atlas straight into surface s
 * (renderer r) and through SDL, and compare every byte of s. */
static void check_cases(Fix *f, SDL_Surface *s, SDL_Renderer *r, uint32_t cp,
                        const Case *cs, int n, int use_window)
{
	char err[128], utf8[5] = { 0 };
	utf8[0] = (char)(0xE0 | cp >> 12);
	utf8[1] = (char)(0x80 | (cp >> 6 & 0x3F));
	utf8[2] = (char)(0x80 | (cp & 0x3F));
	int ox, oy, w, h;
	Atlas *a = atlas_new(r, f->fs, 512, 1, err, sizeof err);
	assert_non_null(a);
	if (!use_window)
		atlas_set_surface(a, s);
	for (int i = 0; i < n; i++) {
		const Case *c = &cs[i];
		TextLayout *l = lay(f, utf8, 0, c->color);
		ink_origin(f, l, &ox, &oy, &w, &h);
		SDL_RenderSetClipRect(r, c->clip.w ? &c->clip : NULL);
		SDL_RenderFlush(r);
		paint(s);
		atlas_draw_layout(a, l, c->x, c->y, NULL, c->alpha);
		SDL_RenderFlush(r);
		Uint32 *got = copy_of(s);
		paint(s);
		sdl_glyph(f, r, cp, c->color, c->alpha, c->x + ox, c->y + oy);
		Uint32 *want = copy_of(s);
		/* the glyph really is drawn (unless clipped away entirely) */
		paint(s);
		Uint32 *bg = copy_of(s);
		int changed = 0;
		for (int k = 0; k < s->w * s->h; k++)
			changed += ((want[k] ^ bg[k]) & 0xFFFFFF) != 0;
		if (!c->blank != !!changed)
			print_error("case %d: %d pixels changed\n", i, changed);
		if (c->blank)
			assert_int_equal(changed, 0);
		else
			assert_true(changed > 0);
		if (memcmp(got, want, (size_t)s->w * s->h * 4) != 0)
			print_error("case %d (cp U+%04X colour %08X alpha %d)\n", i,
			            cp, c->color, c->alpha);
		assert_memory_equal(got, want, (size_t)s->w * s->h * 4);
		free(got);
		free(want);
		free(bg);
		text_layout_free(l);
	}
	SDL_RenderSetClipRect(r, NULL);
	atlas_free(a);
}

/* Colours and alphas the screens use (opaque ink, white on blue, tints)
 * and partly transparent ones (SDL's other blitter). */
static const Case colour_cases[] = {
	{ 20, 20, { 0 }, 0x1F2329FF, 255, 0 },
	{ 20, 20, { 0 }, 0xC0392BFF, 255, 0 },
	{ 20, 20, { 0 }, 0xFFFFFFFF, 255, 0 },
	{ 20, 20, { 0 }, 0x0B4F9CFF, 255, 0 },
	{ 20, 20, { 0 }, 0x1F232980, 255, 0 },
	{ 20, 20, { 0 }, 0xFFFFFFFF, 100, 0 },
	{ 20, 20, { 0 }, 0xC0392BFF, 1, 0 },
	{ 20, 20, { 0 }, 0xC0392BFF, 0, 1 },
};

static void test_atlas_should_composite_glyphs_as_sdl_blends_them(void **state)
{
	Fix *f = *state;
	int n = sizeof colour_cases / sizeof colour_cases[0];
	check_cases(f, f->surf, f->r, 0x6C38, colour_cases, n, 0);   /* 永 */
	check_cases(f, f->surf, f->r, 0x9F8D, colour_cases, n, 0);   /* 龍 */
}

static void test_atlas_should_clip_composited_glyphs_at_every_edge(void **state)
{
	Fix *f = *state;
	int ox, oy, w, h;
	TextLayout *l = lay(f, "永", 0, 0x000000FF);
	ink_origin(f, l, &ox, &oy, &w, &h);
	text_layout_free(l);
	int gx = 100 + ox, gy = 50 + oy;    /* the ink drawn at (100, 50) */
	const Case cs[] = {
		/* clip rectangle through the glyph from each side */
		{ 100, 50, { gx + w / 2, 0, W, H }, 0x1F2329FF, 255, 0 },
		{ 100, 50, { 0, 0, gx + w / 2, H }, 0x1F2329FF, 255, 0 },
		{ 100, 50, { 0, gy + h / 3, W, H }, 0x1F2329FF, 255, 0 },
		{ 100, 50, { 0, 0, W, gy + h / 3 }, 0x1F2329FF, 255, 0 },
		{ 100, 50, { gx + 3, gy + 4, w / 2, h / 2 }, 0xC0392B80, 255, 0 },
		{ 100, 50, { gx + w / 2, gy, 1, h }, 0x1F2329FF, 255, 0 },
		{ 100, 50, { gx + w, gy, 10, h }, 0x1F2329FF, 255, 1 },  /* misses */
		/* the glyph across each edge of the surface */
		{ -ox - w / 2, 50, { 0 }, 0x1F2329FF, 255, 0 },
		{ W - ox - w / 2, 50, { 0 }, 0x1F2329FF, 255, 0 },
		{ 100, -oy - h / 2, { 0 }, 0x1F2329FF, 255, 0 },
		{ 100, H - oy - h / 2, { 0 }, 0x1F2329FF, 200, 0 },
	};
	check_cases(f, f->surf, f->r, 0x6C38, cs, sizeof cs / sizeof cs[0], 0);
}

static void test_atlas_should_composite_into_rgb888_like_sdl(void **state)
{
	/* the dummy driver's window surface is XRGB8888: SDL's blitters treat
	 * its top byte differently from ARGB8888's */
	Fix *f = *state;
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32,
	                                                SDL_PIXELFORMAT_RGB888);
	SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
	int n = sizeof colour_cases / sizeof colour_cases[0];
	check_cases(f, s, r, 0x6C38, colour_cases, n, 0);
	SDL_DestroyRenderer(r);
	SDL_FreeSurface(s);
}

static void test_atlas_should_composite_into_the_window_surface_in_the_viewport(void **state)
{
	/* the kiosk's case: a software renderer of a window, no surface given */
	Fix *f = *state;
	SDL_Window *win = SDL_CreateWindow("t", 0, 0, W, H, 0);
	assert_non_null(win);
	SDL_Renderer *r = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
	assert_non_null(r);
	SDL_Surface *s = SDL_GetWindowSurface(win);
	int n = sizeof colour_cases / sizeof colour_cases[0];
	check_cases(f, s, r, 0x9F8D, colour_cases, n, 1);
	/* a viewport moves what is drawn and clips it */
	SDL_Rect vp = { 30, 12, W / 2, H / 2 };
	SDL_RenderSetViewport(r, &vp);
	const Case cs[] = {
		{ 20, 20, { 0 }, 0x1F2329FF, 255, 0 },
		{ W / 2 - 20, 20, { 0 }, 0x1F2329FF, 255, 0 },
		{ 20, H / 2 - 20, { 0 }, 0xC0392BFF, 255, 0 },
		{ 20, 20, { 30, 30, 12, 40 }, 0x1F2329FF, 255, 0 },
	};
	check_cases(f, s, r, 0x9F8D, cs, sizeof cs / sizeof cs[0], 1);
	SDL_DestroyRenderer(r);
	SDL_DestroyWindow(win);
}

static void test_atlas_should_draw_over_what_sdl_still_has_queued(void **state)
{
	/* SDL_CreateRenderer batches draw calls: a rectangle drawn before the
	 * text may not be in the surface yet when the atlas composites */
	Fix *f = *state;
	char err[128];
	SDL_Window *win = SDL_CreateWindow("t", 0, 0, W, H, 0);
	SDL_Renderer *r = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
	assert_non_null(r);
	SDL_Surface *s = SDL_GetWindowSurface(win);
	TextLayout *l = lay(f, "永", 0, 0x1F2329FF);
	int ox, oy, w, h;
	ink_origin(f, l, &ox, &oy, &w, &h);
	Atlas *a = atlas_new(r, f->fs, 512, 1, err, sizeof err);
	SDL_Rect under = { 0, 0, W, H / 2 };

	SDL_SetRenderDrawColor(r, 0x0B, 0x4F, 0x9C, 255);
	SDL_RenderClear(r);
	SDL_SetRenderDrawColor(r, 0xFF, 0xF3, 0xE0, 255);
	SDL_RenderFillRect(r, &under);
	atlas_draw_layout(a, l, 20, 20, NULL, 255);
	SDL_RenderFlush(r);
	Uint32 *got = copy_of(s);

	SDL_SetRenderDrawColor(r, 0x0B, 0x4F, 0x9C, 255);
	SDL_RenderClear(r);
	SDL_SetRenderDrawColor(r, 0xFF, 0xF3, 0xE0, 255);
	SDL_RenderFillRect(r, &under);
	sdl_glyph(f, r, 0x6C38, 0x1F2329FF, 255, 20 + ox, 20 + oy);
	Uint32 *want = copy_of(s);
	assert_memory_equal(got, want, W * H * 4);

	free(got);
	free(want);
	atlas_free(a);
	text_layout_free(l);
	SDL_DestroyRenderer(r);
	SDL_DestroyWindow(win);
}

static void test_atlas_should_draw_through_sdl_into_a_render_target(void **state)
{
	/* a render target (a rotated screen) is not the surface: the atlas
	 * must leave the surface alone and let SDL draw the same pixels */
	Fix *f = *state;
	char err[128];
	TextLayout *l = lay(f, "办理时限：20个工作日", 0, 0x1F2329FF);
	Atlas *a = atlas_new(f->r, f->fs, 512, 2, err, sizeof err);
	atlas_set_surface(a, f->surf);
	Uint32 *direct = draw_once(f, a, l);
	assert_true(ink_pixels(direct) > 500);

	SDL_Texture *t = SDL_CreateTexture(f->r, SDL_PIXELFORMAT_ARGB8888,
	                                   SDL_TEXTUREACCESS_TARGET, W, H);
	assert_int_equal(SDL_SetRenderTarget(f->r, t), 0);
	clear(f);
	SDL_RenderFlush(f->r);
	paint(f->surf);
	Uint32 *before = copy_of(f->surf);
	atlas_draw_layout(a, l, 10, 10, NULL, 255);
	SDL_RenderFlush(f->r);
	Uint32 *after = copy_of(f->surf);
	assert_memory_equal(before, after, W * H * 4);
	Uint32 *target = malloc(W * H * 4);
	assert_int_equal(SDL_RenderReadPixels(f->r, NULL, SDL_PIXELFORMAT_ARGB8888,
	                                      target, W * 4), 0);
	for (int i = 0; i < W * H; i++)     /* the target's top byte is 255 */
		assert_int_equal(target[i] & 0xFFFFFF, direct[i] & 0xFFFFFF);
	SDL_SetRenderTarget(f->r, NULL);
	SDL_DestroyTexture(t);
	free(direct);
	free(before);
	free(after);
	free(target);
	atlas_free(a);
	text_layout_free(l);
}

static void test_atlas_should_keep_one_byte_per_pixel_on_the_software_renderer(void **state)
{
	Fix *f = *state;
	char err[128];
	TextLayout *l = lay(f, "申请材料", 0, 0x1F2329FF);
	TextLayout *red = lay(f, "申请材料", 0, 0xC0392BFF);
	Atlas *a = atlas_new(f->r, f->fs, 512, 4, err, sizeof err);
	free(draw_once(f, a, l));
	free(draw_once(f, a, red));
	assert_int_equal(atlas_bytes(a), 512 * 512);
	assert_int_equal(atlas_misses(a), 4);     /* colours share glyphs */
	atlas_free(a);
	text_layout_free(l);
	text_layout_free(red);
}

static void test_font_should_cache_advances_matching_sdl_ttf(void **state)
{
	Fix *f = *state;
	static const uint32_t cps[] = { 0x4E2D, 'A', 'j', 0xFF0C, 0x300A, '1' };
	for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		int adv = 0;
		TTF_Font *font = fontset_face_for(f->fs, cps[i], SIZE, 0);
		TTF_GlyphMetrics32(font, cps[i], NULL, NULL, NULL, NULL, &adv);
		assert_int_equal(f->m.advance(f->m.ctx, cps[i], SIZE, 0), adv);
		assert_int_equal(f->m.advance(f->m.ctx, cps[i], SIZE, 0), adv);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_atlas_should_redraw_a_line_identically_after_evicting_pages),
		cmocka_unit_test(test_atlas_should_draw_the_same_through_geometry_as_through_blits),
		cmocka_unit_test(test_atlas_should_rasterise_each_glyph_once),
		cmocka_unit_test(test_atlas_should_draw_a_fallback_glyph_missing_from_the_main_font),
		cmocka_unit_test(test_atlas_should_draw_bold_from_the_bold_face),
		cmocka_unit_test(test_atlas_should_tint_glyphs_with_their_colour),
		cmocka_unit_test(test_atlas_should_draw_only_lines_in_the_clip),
		cmocka_unit_test(test_atlas_should_draw_a_warmed_layout_without_misses),
		cmocka_unit_test(test_atlas_should_warm_at_most_the_budget),
		cmocka_unit_test(test_atlas_should_stop_warming_rather_than_evict),
		cmocka_unit_test(test_atlas_should_composite_glyphs_as_sdl_blends_them),
		cmocka_unit_test(test_atlas_should_clip_composited_glyphs_at_every_edge),
		cmocka_unit_test(test_atlas_should_composite_into_rgb888_like_sdl),
		cmocka_unit_test(test_atlas_should_composite_into_the_window_surface_in_the_viewport),
		cmocka_unit_test(test_atlas_should_draw_over_what_sdl_still_has_queued),
		cmocka_unit_test(test_atlas_should_draw_through_sdl_into_a_render_target),
		cmocka_unit_test(test_atlas_should_keep_one_byte_per_pixel_on_the_software_renderer),
		cmocka_unit_test(test_font_should_cache_advances_matching_sdl_ttf),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
