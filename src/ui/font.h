/* font.h — the font chain: Noto Sans CJK SC regular and bold, then a
 * fallback face for glyphs the first lacks (e.g. CJK Extension B such as
 * U+20BB7 𠮷). Fonts are opened per pixel size on first use.
 *
 * Paths may be NULL or "": then fontconfig finds the face ("Noto Sans CJK SC"
 * Regular/Bold; the .ttc face index comes from fontconfig). */
#ifndef UI_FONT_H
#define UI_FONT_H

#include <stddef.h>
#include <stdint.h>
#include <SDL.h>
#include <SDL_ttf.h>
#include "../text/layout.h"

typedef struct FontSet FontSet;

typedef struct FontPaths {
	const char *regular; int regular_index;
	const char *bold;    int bold_index;
	const char *fallback; int fallback_index;
} FontPaths;

/* Open the chain. Needs TTF_Init() done. NULL with a message in err. */
FontSet *fontset_open(const FontPaths *p, char *err, size_t errlen);
void fontset_close(FontSet *fs);                 /* NULL is fine */

/* Metrics for the layout engine (valid while fs is open). */
TextMetrics fontset_metrics(FontSet *fs);

/* The TTF_Font that renders cp at size/bold (main face, or the fallback
 * when the main face lacks cp), or NULL if no face has it. */
TTF_Font *fontset_face_for(FontSet *fs, uint32_t cp, int size, int bold);

#endif
