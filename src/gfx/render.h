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

/* Save the renderer's current target as a PNG. 0, or -1 with err. */
int render_save_png(SDL_Renderer *r, int w, int h, const char *path,
                    char *err, size_t errlen);

#endif
