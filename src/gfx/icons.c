/* icons.c — department icons decoded to surfaces on a start-up thread. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "icons.h"
#include "image.h"

struct IconsLoading {
	char assets[1024];
	const Guide *index;
	int px;
	SDL_Thread *thread;             /* NULL once joined (or never started) */
	SDL_Surface **surf;             /* per department; NULL: none */
};

static int icons_run(void *arg)
{
	IconsLoading *il = arg;
	char path[4096];
	for (int d = 0; d < il->index->n_depts; d++) {
		const char *name = il->index->depts[d].icon;
		if (!name || !*name) continue;
		snprintf(path, sizeof path, "%s/icons/%s", il->assets, name);
		SDL_RWops *rw = SDL_RWFromFile(path, "rb");
		if (!rw) continue;
		il->surf[d] = image_load_svg(rw, il->px, il->px);
		SDL_RWclose(rw);
	}
	return 0;
}

IconsLoading *icons_start(const char *assets, const Guide *index, int px)
{
	IconsLoading *il = calloc(1, sizeof *il);
	if (!il) return NULL;
	il->surf = calloc((size_t)index->n_depts + 1, sizeof *il->surf);
	if (!il->surf) { free(il); return NULL; }
	snprintf(il->assets, sizeof il->assets, "%s", assets);
	il->index = index;
	il->px = px;
	il->thread = SDL_CreateThread(icons_run, "icons", il);
	if (!il->thread) icons_run(il);
	return il;
}

static void join(IconsLoading *il)
{
	if (il->thread) SDL_WaitThread(il->thread, NULL);
	il->thread = NULL;
}

SDL_Surface *icons_take(IconsLoading *il, const char *assets, int d, int px)
{
	if (!il || px != il->px || d < 0 || d >= il->index->n_depts ||
	    strcmp(assets, il->assets) != 0) return NULL;
	join(il);
	SDL_Surface *s = il->surf[d];
	il->surf[d] = NULL;
	return s;
}

void icons_free(IconsLoading *il)
{
	if (!il) return;
	join(il);
	for (int d = 0; d < il->index->n_depts; d++) SDL_FreeSurface(il->surf[d]);
	free(il->surf);
	free(il);
}
