/* render.h — draws a DrawList with an SDL_Renderer and the glyph atlas.
 * The only code that turns draw-list elements into pixels. */
#ifndef UI_RENDER_H
#define UI_RENDER_H

#include <SDL.h>
#include "atlas.h"
#include "ui/drawlist.h"

/* Turns the image ids of a draw list into textures (NULL: draw nothing);
 * w x h is the size the image is drawn at. The texture stays the
 * resolver's. */
typedef struct ImageResolver {
	SDL_Texture *(*resolve)(void *ctx, ImageId id, int w, int h);
	void *ctx;
} ImageResolver;

/* Clear the target and draw every element of dl in order; images through
 * images (NULL: none drawn). */
void render_drawlist(SDL_Renderer *r, Atlas *a, const DrawList *dl,
                     const ImageResolver *images);

/* Draw the elements of dl that meet area, clipped to area, over the
 * background: the same pixels there as render_drawlist, none elsewhere. */
void render_drawlist_area(SDL_Renderer *r, Atlas *a, const DrawList *dl,
                          DlRect area, const ImageResolver *images);

/* Move the pixels of region up by dy rows (down if dy < 0) in s, the
 * surface r draws into (the rows moved in leave old pixels: draw them).
 * 0, or -1 if s cannot be used so (then nothing moved). */
int render_scroll(SDL_Renderer *r, SDL_Surface *s, DlRect region, int dy);

/* Save the renderer's current target as a PNG. 0, or -1 with err. */
int render_save_png(SDL_Renderer *r, int w, int h, const char *path,
                    char *err, size_t errlen);

#endif
