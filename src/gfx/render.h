/* render.h — draws a DrawList with an SDL_Renderer and the glyph atlas.
 * The only code that turns draw-list elements into pixels. */
#ifndef UI_RENDER_H
#define UI_RENDER_H

#include <SDL.h>
#include "atlas.h"
#include "ui/drawlist.h"

/* Clear the target and draw every element of dl in order. */
void render_drawlist(SDL_Renderer *r, Atlas *a, const DrawList *dl);

/* Save the renderer's current target as a PNG. 0, or -1 with err. */
int render_save_png(SDL_Renderer *r, int w, int h, const char *path,
                    char *err, size_t errlen);

#endif
