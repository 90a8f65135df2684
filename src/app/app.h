/* app.h — the kiosk program's parts (src/app): options, the display
 * (window, renderer, fonts), the bundle it serves and the service loop.
 * main.c puts them together. */
#ifndef APP_APP_H
#define APP_APP_H

#include <stdint.h>
#include <time.h>
#include <SDL.h>
#include "base/config.h"
#include "gfx/atlas.h"
#include "gfx/font.h"
#include "kiosk.h"

/* Print "kiosk: " fmt (with a and b) to stderr and exit(1). */
void die(const char *fmt, const char *a, const char *b);

/* --- options.c: the command line and the configuration ------------------ */
typedef struct Options {
	const char *config_path, *bundle_path, *script, *shots, *first_frame;
	const char *sets[64];
	int n_sets, windowed, size_w, size_h;
} Options;

/* Parse argv into o; prints the usage and exits 2 on a bad option. */
void options_parse(int argc, char **argv, Options *o);

/* The configuration: kiosk.conf (or --config), then --set, then --size;
 * dies on an error. A script always runs windowed. */
void options_config(Options *o, Config *cfg);

/* --- display.c: window, renderer, fonts, SDL events --------------------- */
/* The window and how the logical screen maps onto it. */
typedef struct Display {
	SDL_Window *win;
	SDL_Renderer *ren;
	SDL_Texture *target;            /* logical screen when rotated, else NULL */
	int rotation;                   /* 0, 90, 180, 270 */
	int lw, lh;                     /* logical size */
	int pw, ph;                     /* window size */
	const char *first_frame;        /* --first-frame: save frame 1 here */
	unsigned long frames;           /* frames presented */
	struct timespec t_main;         /* when main() started */
	int software;                   /* SDL's software renderer (draws into the window surface) */
} Display;

/* Make the window and renderer for cfg (windowed, or fullscreen at the
 * panel's size); dies if SDL cannot. */
void display_open(Display *d, const Config *cfg, int windowed);
void display_close(Display *d);

/* The kiosk's present hook (ctx is the Display). */
void display_present(void *ctx);

/* The kiosk's surface hook (ctx is the Display): the window surface the
 * software renderer draws into, which keeps the last frame; NULL under
 * other renderers or when rotated (drawn through a target texture). */
SDL_Surface *display_surface(void *ctx);

/* One SDL event to the kiosk; *quit set on SDL_QUIT or Ctrl+Q. */
void display_handle(Kiosk *k, Display *d, const SDL_Event *e, int *quit);

/* Fonts and glyphs: opening starts on another thread (fonts_start) and is
 * waited for by fonts_finish, which also makes the text cache and atlas. */
typedef struct Fonts {
	FontSet *fs;
	TextMetrics tm;
	TextCache *tc;
	Atlas *atlas;
} Fonts;
FontSetOpening *fonts_start(const Config *cfg);
void fonts_finish(Fonts *f, FontSetOpening *opening, SDL_Renderer *ren);
void fonts_close(Fonts *f);

/* --- serve.c: the bundle served and the service loop -------------------- */
typedef struct Served {
	Bundle *b;
	Guide *index;                   /* its items may still be loading: served_items */
	const Item *popular[APP_HOT_MAX];  /* the home screen's, while they are */
	int n_popular;
	int64_t guard_version;          /* installed bundle under the boot guard, else 0 */
	int installed;                  /* from data.dir (live pickup on), not --bundle */
	const char *name;               /* its path */
	char path[CONFIG_STR + 32];
	/* opening (served_open_start) */
	const Config *cfg;
	const char *bundle_path;        /* --bundle, or NULL */
	SDL_Thread *thread;             /* NULL once joined or if none was made */
	SDL_sem *front;                 /* posted when b and the departments are there (or not) */
	SDL_sem *go;                    /* posted when the thread may load the items */
	int gone;                       /* go was posted */
	char err[CONFIG_STR + 600];     /* why none could be opened, or "" */
	/* the items, loaded by the thread after the front */
	int items_pending;              /* loading or loaded, not yet attached to index */
	SDL_atomic_t items_done;        /* the thread is done with them */
	int items_ok;
	BundleItems items;
	char items_err[512];
} Served;

/* --bundle, else the installed one (under the boot guard), else the one
 * before, opened on another thread while the window comes up. The strings
 * of cfg and bundle_path must live until served_open_finish, which waits
 * for the front of the index and dies if there is no bundle: the
 * departments and the popular items (bundle_load_front: what the home
 * screen shows, a few ms at any size). The items follow on the same
 * thread once served_go says the first frame is up (~30 ms at 10,000
 * items), for served_items to attach; a bundle without a popular list has
 * them loaded before the front is given (items_pending 0). If no thread
 * can be made, everything is done here. */
void served_open_start(Served *s, const Config *cfg, const char *bundle_path);
void served_open_finish(Served *s);
void served_go(Served *s);
/* AppHooks.items_arrive for s (ctx): attach the items to s->index once
 * the thread has them (block: wait for it); 1 when attached. Dies if they
 * could not be loaded, as a start-up without them did. */
int served_items(void *ctx, int block);

/* Usage statistics for k (see serve.c). */
void open_usage(Kiosk *k, const Config *cfg, const char *script, const char *shots);

/* Wall-clock seconds shown at virtual time 0 in scripts. */
int64_t script_clock_base(void);

/* Serve until quit: events, frames, systemd notifications, the boot guard's
 * stable mark and metrics. t0: SDL ticks at the kiosk's time 0. Returns the
 * exit code (maintenance may ask for a restart). */
int service_loop(Kiosk *k, Display *d, const Config *cfg, int64_t guard_version, uint32_t t0);

#endif
