/* icons.h — department icons decoded ahead, off the main thread.
 *
 * Rasterising the 16 SVG icons of the home screen takes ~7 ms; at
 * start-up that runs on a thread while the window comes up and the fonts
 * open, and the first frame only turns the surfaces into textures. One
 * IconsLoading holds one decoding of one index's icons at one pixel size. */
#ifndef UI_ICONS_H
#define UI_ICONS_H

#include <SDL.h>
#include "guide/guide.h"

typedef struct IconsLoading IconsLoading;

/* Start decoding every department icon of index (assets/icons/NAME) at
 * px x px. index must stay alive until icons_free() (assets is copied).
 * Needs no SDL_Init. NULL if out of memory (callers then load icons themselves). */
IconsLoading *icons_start(const char *assets, const Guide *index, int px);
/* Department d's icon if it was decoded from assets at px: waits for the
 * thread the first time, and passes the surface to the caller (who frees
 * it); a second take of d gives NULL. NULL also for another assets dir or
 * px, a missing or bad file, or il NULL: load it the ordinary way. */
SDL_Surface *icons_take(IconsLoading *il, const char *assets, int d, int px);
/* Wait for the thread and free what was not taken. NULL is fine. */
void icons_free(IconsLoading *il);

#endif
