/* image.h — SDL_image, opened on first use (dlopen) instead of linked.
 *
 * The kiosk needs SDL_image for one thing: the department icons (SVG,
 * decoded on a thread at start-up; screenshots are written with libpng,
 * gfx/render.c). Linked, it and
 * the libraries it brings (libtiff, libjpeg, libwebp, libLerc, libjbig,
 * libdeflate, libstdc++ for Lerc: none of which the kiosk uses) are
 * mapped and relocated before main() on every start, ~7 ms on the
 * kiosk's machines. Opened here, that happens on the icon thread.
 *
 * Each function loads libSDL2_image-2.0.so.0 if it is not loaded yet
 * (thread-safe); if it cannot be loaded, the call fails with SDL's error
 * saying so, and the next call tries again. */
#ifndef GFX_IMAGE_H
#define GFX_IMAGE_H

#include <SDL.h>

/* IMG_LoadSizedSVG_RW: the SVG in rw rasterised at w x h (rw is not
 * closed), or NULL with SDL's error set. */
SDL_Surface *image_load_svg(SDL_RWops *rw, int w, int h);

/* IMG_Quit if SDL_image was loaded; the library stays mapped. */
void image_quit(void);

/* The library to load instead of libSDL2_image-2.0.so.0 (for tests; the
 * string must stay valid). Takes effect if none is loaded yet. */
void image_set_library(const char *soname);

#endif
