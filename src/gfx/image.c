/* image.c — SDL_image opened on first use (image.h). */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <string.h>
#include <SDL_image.h>
#include "image.h"

typedef struct ImageApi {
	SDL_Surface *(*load_sized_svg)(SDL_RWops *, int, int);
	void (*quit)(void);
} ImageApi;

static const char *library = "libSDL2_image-2.0.so.0";
static ImageApi api;
static int loaded;                      /* api is filled */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Load the library and its functions if not done yet; 0, or -1 with SDL's
 * error set (nothing kept: the next call tries again). */
static int image_open(void)
{
	static const struct { const char *name; size_t off; } syms[] = {
		{ "IMG_LoadSizedSVG_RW", offsetof(ImageApi, load_sized_svg) },
		{ "IMG_Quit", offsetof(ImageApi, quit) },
	};
	int rc = 0;

	pthread_mutex_lock(&lock);
	if (!loaded) {
		void *h = dlopen(library, RTLD_NOW | RTLD_LOCAL);
		ImageApi a;
		const char *e = h ? NULL : dlerror();
		for (size_t i = 0; h && i < sizeof syms / sizeof syms[0]; i++) {
			void *p = dlsym(h, syms[i].name);
			if (!p) {
				SDL_SetError("SDL_image: no %s (too old?)", syms[i].name);
				dlclose(h);
				h = NULL;
				break;
			}
			memcpy((char *)&a + syms[i].off, &p, sizeof p);
		}
		if (h) {
			api = a;
			loaded = 1;
		} else {
			if (e) SDL_SetError("cannot load SDL_image: %s", e);
			rc = -1;
		}
	}
	pthread_mutex_unlock(&lock);
	return rc;
}

SDL_Surface *image_load_svg(SDL_RWops *rw, int w, int h)
{
	return image_open() == 0 ? api.load_sized_svg(rw, w, h) : NULL;
}

void image_quit(void)
{
	pthread_mutex_lock(&lock);
	int l = loaded;
	pthread_mutex_unlock(&lock);
	if (l) api.quit();
}

void image_set_library(const char *soname)
{
	pthread_mutex_lock(&lock);
	library = soname;
	pthread_mutex_unlock(&lock);
}
