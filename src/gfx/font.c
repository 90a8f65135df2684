/* font.c — the font chain (regular, bold, fallbacks) and fast metrics.
 *
 * Faces are files + face indexes, each opened once as one TTF_Font that is
 * switched to the pixel size asked for (TTF_SetFontSize). Opening a Noto
 * CJK face costs ~18 ms and ~2.5 MB (FreeType parses the CFF, HarfBuzz
 * loads its tables); a font per (face, size) cost that for every size the
 * theme uses, while a size switch costs microseconds, and only glyph-atlas
 * and advance-cache misses switch. TTF_OpenFontIndex itself is open +
 * TTF_SetFontSize, so a switched font renders exactly like a fresh one.
 * Which face renders a code point is decided once per (code point, weight)
 * and remembered; advances are remembered per (code point, size, weight),
 * because TTF_GlyphMetrics32 loads the glyph and the layout asks for every
 * character of every paragraph. */
#include "font.h"
#include "rwcache.h"
#include "base/u64map.h"
#include "text/clreq.h"

#include <assert.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FACE_MAX 8              /* regular, bold, up to 6 fallbacks */
#define SIZES_KNOWN 32          /* sizes per face whose ideo_em is known */
#define OPEN_SIZE 16            /* size a face is opened at */
#define FC_LOOKUPS_MAX 64       /* fontconfig searches for missing glyphs */

/* Where Debian's fonts-noto-cjk and fonts-hanazono put the faces. They
 * are tried first (a face found there is checked to be of the family),
 * so that fontconfig, ~10 ms to load its configuration and caches, is
 * loaded only when one is missing or a character needs a face outside
 * the chain. fontset_set_fixed_paths() changes them (for tests). */
#define NOTO_SC_INDEX 2
static const char *fixed_regular = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
static const char *fixed_bold = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
static const char *fixed_fallback = "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf";

typedef struct Face {
	char *path;
	int index;
	TTF_Font *font;                 /* the face's one font, at cur_size */
	int cur_size;                   /* 0: unknown (a size switch failed) */
	int n_known, next_victim;
	int size[SIZES_KNOWN];
	uint8_t ideo_em[SIZES_KNOWN];   /* 1: every ideograph advances 1 em */
} Face;

struct FontSet {
	Face face[FACE_MAX];            /* 0 regular, 1 bold, then fallbacks */
	int n_faces;
	FcConfig *fc;                   /* for fallbacks found on demand */
	int fc_loaded;                  /* fc was asked for (it may be NULL) */
	int fc_lookups;                 /* searches so far (each ~1 ms) */
	int fallback_pending;           /* the fallback face is opened on the
	                                   first character the others lack */
	char *fallback_path;            /* the configured one, or NULL: search */
	int fallback_index;
	U64Map chain;                   /* cp << 1 | bold -> face + 1 (0: none) */
	U64Map adv;                     /* glyph_key() -> advance px */
};

static uint64_t glyph_key(uint32_t cp, int size, int bold)
{
	return (uint64_t)cp | (uint64_t)(size & 0xFFFF) << 21 |
	       (uint64_t)(bold != 0) << 37;
}

/* ------------------------------------------------------------- faces */

/* The font of face f set to size px. NULL if the size cannot be set. It
 * stays at that size until the next face_font() on f for another size. */
static TTF_Font *face_font(Face *f, int size)
{
	if (size != f->cur_size) {
		if (TTF_SetFontSize(f->font, size) != 0) {
			f->cur_size = 0;
			return NULL;
		}
		f->cur_size = size;
	}
	return f->font;
}

/* 1 if every ideograph of face f advances exactly one em at size px (so
 * the layout need not load them), 0 if not, -1 if the size cannot be set.
 * Found out once per size; remembered for the last SIZES_KNOWN sizes. */
static int face_ideo_em(Face *f, int size)
{
	TTF_Font *font;
	int adv = 0, slot, em;

	for (int i = 0; i < f->n_known; i++)
		if (f->size[i] == size)
			return f->ideo_em[i];
	if (!(font = face_font(f, size)))
		return -1;
	em = TTF_GlyphIsProvided32(font, 0x4E2D) &&
	     TTF_GlyphMetrics32(font, 0x4E2D, NULL, NULL, NULL, NULL,
	                        &adv) == 0 && adv == size;
	if (f->n_known < SIZES_KNOWN) {
		slot = f->n_known++;
	} else {
		slot = f->next_victim;
		f->next_victim = (f->next_victim + 1) % SIZES_KNOWN;
	}
	f->size[slot] = size;
	f->ideo_em[slot] = (uint8_t)em;
	return em;
}

static int face_add(FontSet *fs, const char *path, int index)
{
	Face *f;
	if (fs->n_faces == FACE_MAX)
		return -1;
	f = &fs->face[fs->n_faces];
	memset(f, 0, sizeof *f);
	f->path = strdup(path);
	f->index = index;
	f->cur_size = OPEN_SIZE;
	SDL_RWops *rw = f->path ? rwcache_open(path) : NULL;
	if (!rw || !(f->font = TTF_OpenFontIndexRW(rw, 1, OPEN_SIZE, index))) {
		free(f->path);
		memset(f, 0, sizeof *f);
		return -1;
	}
	return fs->n_faces++;
}

static void face_close(Face *f)
{
	if (f->font)
		TTF_CloseFont(f->font);
	free(f->path);
	memset(f, 0, sizeof *f);
}

/* Add path/index as a face if it opens and is of family; the face or -1. */
static int face_add_family(FontSet *fs, const char *path, int index,
                           const char *family)
{
	const char *name;
	int n;

	if (access(path, R_OK) != 0 || (n = face_add(fs, path, index)) < 0)
		return -1;
	name = TTF_FontFaceFamilyName(fs->face[n].font);
	if (name && strcmp(name, family) == 0)
		return n;
	face_close(&fs->face[n]);
	fs->n_faces--;
	return -1;
}

/* ------------------------------------------------------- fontconfig */

/* Best match for pattern p; if family is set, only a face of that family.
 * Returns 0 and a malloc'd path, or -1. */
static int fc_find(FcConfig *fc, FcPattern *p, const char *family,
                   char **path, int *index)
{
	FcResult res;
	FcPattern *m;
	FcChar8 *file = NULL, *fam = NULL;
	int rc = -1;

	FcConfigSubstitute(fc, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	m = FcFontMatch(fc, p, &res);
	if (!m)
		return -1;
	if (FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch &&
	    (!family || (FcPatternGetString(m, FC_FAMILY, 0, &fam) ==
	                 FcResultMatch && strcmp((char *)fam, family) == 0))) {
		if (FcPatternGetInteger(m, FC_INDEX, 0, index) != FcResultMatch)
			*index = 0;
		*path = strdup((char *)file);
		rc = *path ? 0 : -1;
	}
	FcPatternDestroy(m);
	return rc;
}

static int fc_find_family(FcConfig *fc, const char *family, int weight,
                          char **path, int *index)
{
	FcPattern *p = FcPatternCreate();
	int rc;
	if (!p)
		return -1;
	FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(p, FC_WEIGHT, weight);
	rc = fc_find(fc, p, family, path, index);
	FcPatternDestroy(p);
	return rc;
}

/* A face that has cp, by fontconfig's coverage tables. */
static int fc_find_char(FcConfig *fc, uint32_t cp, char **path, int *index)
{
	FcPattern *p = FcPatternCreate();
	FcCharSet *cs = FcCharSetCreate();
	FcResult res;
	FcPattern *m = NULL;
	FcCharSet *have;
	int rc = -1;

	if (!p || !cs)
		goto done;
	FcCharSetAddChar(cs, cp);
	FcPatternAddCharSet(p, FC_CHARSET, cs);
	FcConfigSubstitute(fc, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	m = FcFontMatch(fc, p, &res);
	if (m && FcPatternGetCharSet(m, FC_CHARSET, 0, &have) == FcResultMatch &&
	    FcCharSetHasChar(have, cp)) {
		FcChar8 *file;
		if (FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch) {
			if (FcPatternGetInteger(m, FC_INDEX, 0, index) != FcResultMatch)
				*index = 0;
			*path = strdup((char *)file);
			rc = *path ? 0 : -1;
		}
	}
done:
	if (m) FcPatternDestroy(m);
	if (cs) FcCharSetDestroy(cs);
	if (p) FcPatternDestroy(p);
	return rc;
}

/* fontconfig's configuration, loaded on the first call; NULL if it
 * cannot be loaded. */
static FcConfig *fc_config(FontSet *fs)
{
	if (!fs->fc_loaded) {
		fs->fc_loaded = 1;
		fs->fc = FcInitLoadConfigAndFonts();
	}
	return fs->fc;
}

/* Open path/index as a new face, or else the family's face at the fixed
 * path, or else the one fontconfig finds (family at weight), or else the
 * fixed path whatever its family. Returns the face or -1. */
static int open_face(FontSet *fs, const char *path, int index,
                     const char *family, int weight, const char *deb_path)
{
	char *found = NULL;
	int rc;

	if (path && *path)
		return face_add(fs, path, index);
	if ((rc = face_add_family(fs, deb_path, NOTO_SC_INDEX, family)) >= 0)
		return rc;
	if (fc_config(fs) && fc_find_family(fs->fc, family, weight, &found, &index) == 0) {
		rc = face_add(fs, found, index);
		free(found);
		if (rc >= 0)
			return rc;
	}
	return face_add(fs, deb_path, NOTO_SC_INDEX);
}

/* The fallback face (font.fallback, else HanaMinB at its fixed path, else
 * the one fontconfig has for HanaMinB or U+20000) added to the chain; no
 * face is added if there is none. Done once, on the first character the
 * regular and bold faces lack. */
static void open_fallback(FontSet *fs)
{
	char *path = NULL;
	int index = 0;

	fs->fallback_pending = 0;
	if (fs->fallback_path) {
		if (face_add(fs, fs->fallback_path, fs->fallback_index) < 0)
			fprintf(stderr, "fontset: cannot open fallback %s: %s\n",
			        fs->fallback_path, TTF_GetError());
		return;
	}
	if (face_add_family(fs, fixed_fallback, 0, "HanaMinB") >= 0)
		return;
	if (fc_config(fs) &&
	    (fc_find_family(fs->fc, "HanaMinB", FC_WEIGHT_REGULAR, &path,
	                    &index) == 0 ||
	     fc_find_char(fs->fc, 0x20000, &path, &index) == 0)) {
		face_add(fs, path, index);
		free(path);
	}
}

/* ---------------------------------------------------------- the chain */

static int provides(Face *f, uint32_t cp)
{
	return TTF_GlyphIsProvided32(f->font, cp) != 0;
}

/* Face index that renders cp at this weight, or -1 if none. */
static int resolve(FontSet *fs, uint32_t cp, int bold)
{
	uint64_t key = (uint64_t)cp << 1 | (bold != 0);
	uint32_t v;
	int f = -1;

	if (u64map_get(&fs->chain, key, &v))
		return (int)v - 1;
	if (bold && provides(&fs->face[1], cp))
		f = 1;
	else if (provides(&fs->face[0], cp))
		f = 0;
	if (f < 0 && fs->fallback_pending)
		open_fallback(fs);
	for (int i = 2; f < 0 && i < fs->n_faces; i++)
		if (provides(&fs->face[i], cp))
			f = i;
	if (f < 0 && cp > 0x20 && fs->n_faces < FACE_MAX && fc_config(fs) &&
	    fs->fc_lookups < FC_LOOKUPS_MAX) {
		/* not in the chain: ask fontconfig once for this character */
		char *path = NULL;
		int index = 0;
		fs->fc_lookups++;
		if (fc_find_char(fs->fc, cp, &path, &index) == 0) {
			int dup = 0;
			for (int i = 0; i < fs->n_faces; i++)
				dup |= strcmp(fs->face[i].path, path) == 0 &&
				       fs->face[i].index == index;
			if (!dup) {
				int n = face_add(fs, path, index);
				if (n >= 0 && provides(&fs->face[n], cp))
					f = n;
			}
			free(path);
		}
	}
	u64map_put(&fs->chain, key, (uint32_t)(f + 1));
	return f;
}

static int metric_advance(void *ctx, uint32_t cp, int size, int bold)
{
	FontSet *fs = ctx;
	uint64_t key = glyph_key(cp, size, bold);
	uint32_t v;
	int adv = 0, f;
	TTF_Font *font;

	if (u64map_get(&fs->adv, key, &v))
		return (int)v;
	f = resolve(fs, cp, bold);
	if (f >= 0 && f <= 1 && clreq_is_ideograph(cp) &&
	    face_ideo_em(&fs->face[f], size) == 1)
		adv = size;             /* CJK ideographs are one em: no glyph load */
	else if (f < 0 || !(font = face_font(&fs->face[f], size)) ||
	         TTF_GlyphMetrics32(font, cp, NULL, NULL, NULL, NULL, &adv) != 0)
		adv = f < 0 ? 0 : size / 2;   /* nothing can draw it: no gap */
	u64map_put(&fs->adv, key, (uint32_t)adv);
	return adv;
}

/* The ideographic em box (Noto CJK: 880 above the baseline, 120 below):
 * centring it in the line box centres the Chinese text, which is what the
 * eye reads as the line. Latin descenders use the half-leading. */
static int metric_ascent(void *ctx, int size)
{
	(void)ctx;
	return (size * 88 + 50) / 100;
}

static int metric_height(void *ctx, int size)
{
	(void)ctx;
	return size;
}

/* ------------------------------------------------------------- public */

FontSet *fontset_open(const FontPaths *p, char *err, size_t errlen)
{
	static const FontPaths none;
	FontSet *fs = calloc(1, sizeof *fs);

	if (!p)
		p = &none;
	if (!fs) {
		snprintf(err, errlen, "fontset: out of memory");
		return NULL;
	}
	if (open_face(fs, p->regular, p->regular_index, "Noto Sans CJK SC",
	              FC_WEIGHT_REGULAR, fixed_regular) != 0) {
		snprintf(err, errlen, "fontset: cannot open regular face %s: %s",
		         p->regular && *p->regular ? p->regular :
		         "\"Noto Sans CJK SC\" (fontconfig)", TTF_GetError());
		fontset_close(fs);
		return NULL;
	}
	if (open_face(fs, p->bold, p->bold_index, "Noto Sans CJK SC",
	              FC_WEIGHT_BOLD, fixed_bold) != 1) {
		/* no bold face: bold text uses the regular one, never smeared */
		if (face_add(fs, fs->face[0].path, fs->face[0].index) != 1) {
			snprintf(err, errlen, "fontset: cannot open bold face %s",
			         p->bold ? p->bold : "(fontconfig)");
			fontset_close(fs);
			return NULL;
		}
	}
	/* CJK Extension B and beyond (HanaMinB; open_fallback) opens on the
	 * first character the faces lack: few pages have one. The chain grows
	 * on demand for anything else. A configured file must be readable. */
	fs->fallback_pending = 1;
	if (p->fallback && *p->fallback) {
		if (access(p->fallback, R_OK) != 0 || !(fs->fallback_path = strdup(p->fallback))) {
			snprintf(err, errlen, "fontset: cannot open fallback %s: %s",
			         p->fallback, strerror(errno));
			fontset_close(fs);
			return NULL;
		}
		fs->fallback_index = p->fallback_index;
	}
	return fs;
}

/* ------------------------------------------------ opening off-thread */

struct FontSetOpening {
	FontPaths paths;
	SDL_Thread *thread;             /* NULL: open in fontset_open_finish */
	FontSet *fs;                    /* the thread's result */
	char err[512];
};

static int opening_run(void *arg)
{
	FontSetOpening *op = arg;
	op->fs = fontset_open(&op->paths, op->err, sizeof op->err);
	return 0;
}

FontSetOpening *fontset_open_start(const FontPaths *p)
{
	static const FontPaths none;
	FontSetOpening *op = calloc(1, sizeof *op);

	if (!op)
		return NULL;
	op->paths = p ? *p : none;
	op->thread = SDL_CreateThread(opening_run, "fonts", op);
	return op;
}

FontSet *fontset_open_finish(FontSetOpening *op, char *err, size_t errlen)
{
	FontSet *fs;

	if (!op) {
		snprintf(err, errlen, "fontset: out of memory");
		return NULL;
	}
	if (op->thread)
		SDL_WaitThread(op->thread, NULL);
	else
		opening_run(op);
	fs = op->fs;
	if (!fs)
		snprintf(err, errlen, "%s", op->err);
	free(op);
	return fs;
}

void fontset_close(FontSet *fs)
{
	if (!fs)
		return;
	for (int i = 0; i < fs->n_faces; i++)
		face_close(&fs->face[i]);
	u64map_free(&fs->chain);
	u64map_free(&fs->adv);
	free(fs->fallback_path);
	if (fs->fc)
		FcConfigDestroy(fs->fc);
	free(fs);
}

TextMetrics fontset_metrics(FontSet *fs)
{
	TextMetrics m = { fs, metric_advance, metric_ascent, metric_height };
	return m;
}

void fontset_set_fixed_paths(const char *regular, const char *bold,
                             const char *fallback)
{
	fixed_regular = regular;
	fixed_bold = bold;
	fixed_fallback = fallback;
}

int fontset_faces_open(const FontSet *fs)
{
	return fs->n_faces;
}

int fontset_fontconfig_loaded(const FontSet *fs)
{
	return fs->fc_loaded;
}

TTF_Font *fontset_face_for(FontSet *fs, uint32_t cp, int size, int bold)
{
	int f = resolve(fs, cp, bold);
	return f < 0 ? NULL : face_font(&fs->face[f], size);
}
