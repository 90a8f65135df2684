/* main.c — the kiosk program: options (options.c), the bundle it serves
 * and the service loop (serve.c), the window and fonts (display.c). The UI
 * itself is the Kiosk (kiosk.h): the App (src/model) drawn by the screens. */
#include <malloc.h>
#include <stdio.h>
#include <time.h>
#include <SDL.h>
#include <SDL_ttf.h>
#include "base/heapwarm.h"
#include "base/hugealloc.h"
#include "gfx/icons.h"
#include "gfx/image.h"
#include "model/maint.h"
#include "screens/screens.h"
#include "script.h"
#include "app.h"

/* Bytes of heap made ready before start-up (heapwarm_start): about what
 * the first frame uses on the sample guides (FreeType's tables of two
 * faces alone are 3.4 MB). 4 MiB saved less; 8 MiB no more, and added
 * 0.7 MB to the peak PSS. */
#define HEAP_WARM ((size_t)6 << 20)

/* What the kiosk's present hook needs: the display, and what starts
 * after the first frame: the index's items and the usage statistics. */
typedef struct Presenter {
	Display *d;
	Kiosk *k;
	Served *sv;
	const Config *cfg;
	const char *script, *shots;
	int usage_opened;
} Presenter;

/* Kiosk.present: display_present, and after the first frame the warm
 * heap's unused pages go back, the index's items start loading (serve.c)
 * and the usage statistics open (SQLite creating or checking usage.db:
 * 4 ms, 10-20 on a busy machine, that the first frame need not wait for;
 * nothing is recorded before a screen has been seen and tapped). */
static void present(void *ctx)
{
	Presenter *p = ctx;
	display_present(p->d);
	if (!p->usage_opened) {
		p->usage_opened = 1;
		heapwarm_end();
		served_go(p->sv);               /* the index's items load from now */
		open_usage(p->k, p->cfg, p->script, p->shots);
	}
}

/* Kiosk.surface: the window's pixels when partial redraw may use them. */
static SDL_Surface *surface(void *ctx)
{
	Presenter *p = ctx;
	return display_surface(p->d);
}

int main(int argc, char **argv)
{
	static Display d;
	clock_gettime(CLOCK_MONOTONIC, &d.t_main);
	/* One malloc arena for every thread: the start-up threads (fonts,
	 * icons) would each get an arena of their own, and the icons thread's
	 * (its decoded SVGs, freed once they are textures) stayed resident,
	 * reused by no other thread: 0.6 MB of the peak. */
	mallopt(M_ARENA_MAX, 1);
	/* Start-up's mallocs (fonts, bundle, first layouts) into a heap made
	 * and populated in one call: ~1,400 page faults fewer, ~8 ms
	 * (base/heapwarm.h). Given back after the first frame. */
	heapwarm_start(HEAP_WARM);
	/* Before any SDL call: SDL's window surface and textures (megabytes,
	 * zeroed whole) go into huge pages, which saves the software renderer
	 * ~2000 page faults (25-35 ms) at start-up (base/hugealloc.h). */
	SDL_SetMemoryFunctions(hugealloc_malloc, hugealloc_calloc, hugealloc_realloc, hugealloc_free);
	Options o;
	static Config cfg;
	options_parse(argc, argv, &o);
	options_config(&o, &cfg);

	/* The fonts and the bundle open on two other threads while the window
	 * comes up on this one. */
	FontSetOpening *fonts = fonts_start(&cfg);
	static Served sv;
	served_open_start(&sv, &cfg, o.bundle_path);
	d.first_frame = o.first_frame;
	display_open(&d, &cfg, o.windowed);
	served_open_finish(&sv);

	/* The home screen's icons (5-7 ms of SVG rasterising) decode on another
	 * thread from here: while this one waits for the fonts and then sets
	 * up the kiosk and lays out the first frame. Started no earlier, so it
	 * does not compete with the font thread and the window for 2 cores. */
	Theme th0 = theme_make(d.lw, d.lh, 0);
	IconsLoading *icons = icons_start(cfg.assets_dir[0] ? cfg.assets_dir : "assets",
	                                  sv.index, screen_home_icon_px(&th0, 0));
	static Fonts f;
	fonts_finish(&f, fonts, d.ren);

	static Kiosk k;
	char err[512];
	uint32_t t0 = SDL_GetTicks();
	int64_t base = o.script ? script_clock_base() : (int64_t)time(NULL);
	if (kiosk_init(&k, &cfg, d.ren, f.fs, f.atlas, f.tc, sv.b, sv.index, d.lw, d.lh, 0, base,
	               err, sizeof err) < 0)
		die("%s", err, "");
	k.icons_loading = icons;         /* k frees it */
	if (sv.items_pending) {          /* the home screen draws without them */
		app_set_hot(&k.app, sv.popular, sv.n_popular);
		k.app.hooks.items_arrive = served_items;
		k.app.hooks.items_ctx = &sv;
	}
	k.app.trace = 1;
	app_trace(&k.app);                 /* the first screen */
	static Presenter pr;
	pr = (Presenter){&d, &k, &sv, &cfg, o.script, o.shots, 0};
	k.present = present;
	k.present_ctx = &pr;
	k.surface = surface;
	/* Live pickup of new installs, unless --bundle names the file to serve. */
	maint_watch(&k.app, sv.installed ? cfg.data_dir : NULL, sv.name);

	int rc = o.script ? script_run(&k, o.script, o.shots)
	                  : service_loop(&k, &d, &cfg, sv.guard_version, t0);

	kiosk_fini(&k);                  /* records a pending no-result search */
	usage_close(k.app.usage);
	fonts_close(&f);
	display_close(&d);
	/* The kiosk may have switched bundles (live pickup): free what it serves. */
	guide_free(k.app.index);
	bundle_close(k.app.bundle);
	image_quit();
	TTF_Quit();
	SDL_Quit();
	return rc;
}
