/* font.h — the font chain: Noto Sans CJK SC regular and bold, then a
 * fallback face for glyphs the first lacks (e.g. CJK Extension B such as
 * U+20BB7 𠮷). Each face is opened once and switched between pixel sizes;
 * the fallback face is opened on the first character regular or bold lacks.
 *
 * Paths may be NULL or "": then the face is Debian's file at its fixed path
 * if that is the family, else what fontconfig finds ("Noto Sans CJK SC"
 * Regular/Bold, HanaMinB; the .ttc face index comes from fontconfig).
 * fontconfig is loaded only when a face must be searched for. */
#ifndef UI_FONT_H
#define UI_FONT_H

#include <stddef.h>
#include <stdint.h>
#include <SDL.h>
#include <SDL_ttf.h>
#include "text/layout.h"

typedef struct FontSet FontSet;

typedef struct FontPaths {
	const char *regular; int regular_index;
	const char *bold;    int bold_index;
	const char *fallback; int fallback_index;
} FontPaths;

/* Open the chain. Needs TTF_Init() done. NULL with a message in err. */
FontSet *fontset_open(const FontPaths *p, char *err, size_t errlen);
void fontset_close(FontSet *fs);                 /* NULL is fine */

/* fontset_open() on another thread, so that its cost (FreeType and
 * HarfBuzz opening each Noto CJK face, ~10 ms; fontconfig parsing its XML
 * set-up, ~10 ms, if a face must be searched for) overlaps the program's other start-up work (the bundle,
 * the window). Needs TTF_Init() done; until fontset_open_finish() the
 * caller makes no other SDL_ttf or fontconfig call. The strings of p must
 * live until then. If no thread can be made, the work is done in
 * fontset_open_finish(). */
typedef struct FontSetOpening FontSetOpening;
FontSetOpening *fontset_open_start(const FontPaths *p);
/* Wait for the opening started by fontset_open_start() and free op: the
 * chain, or NULL with a message in err, as fontset_open() returns. */
FontSet *fontset_open_finish(FontSetOpening *op, char *err, size_t errlen);

/* Where faces are looked for before fontconfig (NULL paths in FontPaths):
 * the regular and bold .ttc (face 2 is SC) and the fallback. The strings
 * must stay valid. Defaults: Debian's fonts-noto-cjk and fonts-hanazono.
 * For tests. */
void fontset_set_fixed_paths(const char *regular, const char *bold,
                             const char *fallback);

/* Faces open in the chain now (regular and bold count even when bold is
 * the regular file again), and 1 if fontconfig has been loaded. For tests. */
int fontset_faces_open(const FontSet *fs);
int fontset_fontconfig_loaded(const FontSet *fs);

/* Metrics for the layout engine (valid while fs is open). */
TextMetrics fontset_metrics(FontSet *fs);

/* The TTF_Font that renders cp at size/bold (main face, or the fallback
 * when the main face lacks cp), or NULL if no face has it. Each face has
 * one TTF_Font, switched between sizes: the result is at `size` only until
 * the next fontset_face_for() or metrics call that needs another size of
 * the same face. Owned by fs. */
TTF_Font *fontset_face_for(FontSet *fs, uint32_t cp, int size, int bold);

#endif
