/* main.c — the kiosk program: options, config, window, main loop.
 *
 * Everything that knows about the window lives here: SDL set-up, rotation
 * of the logical screen onto the panel, translating SDL touch/mouse/key
 * events into kiosk_pointer_* / kiosk_key, and the wait-for-events loop.
 * The UI itself is the Kiosk (src/ui/kiosk.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include "store/bundle.h"
#include "base/config.h"
#include "ops/sdnotify.h"
#include "update/bootguard.h"
#include "ops/metrics.h"
#include "gfx/atlas.h"
#include "gfx/font.h"
#include "gfx/icons.h"
#include "screens/kiosk.h"
#include "gfx/render.h"
#include "screens/script.h"
#include "screens/maint.h"

static void die(const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, "kiosk: ");
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	exit(1);
}

static void usage(void)
{
	fprintf(stderr,
	        "usage: kiosk [--config FILE] [--set section.key=value]... [--windowed]\n"
	        "             [--size WxH] [--bundle FILE] [--script FILE [--shots DIR]]\n"
	        "             [--first-frame PNG]\n");
	exit(2);
}

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
} Display;

/* The first presented frame: log when it happened (wall clock in ns, so a
 * harness can subtract the moment it started the process, and ms since
 * main) and, if asked, save what it shows — the check that the kiosk really
 * drew under a given video driver or compositor. */
static void first_frame(Display *d)
{
	struct timespec now, mono;
	clock_gettime(CLOCK_REALTIME, &now);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	double ms = (mono.tv_sec - d->t_main.tv_sec) * 1e3 + (mono.tv_nsec - d->t_main.tv_nsec) / 1e6;
	fprintf(stderr, "kiosk: first frame presented at %lld%09ld ns (%.1f ms after main)\n",
	        (long long)now.tv_sec, now.tv_nsec, ms);
}

static void present(void *ctx)
{
	Display *d = ctx;
	int first = d->frames++ == 0;
	if (first && d->first_frame) {
		/* Read back before presenting: the back buffer is undefined after. */
		char err[256];
		if (render_save_png(d->ren, d->lw, d->lh, d->first_frame, err, sizeof err) < 0)
			fprintf(stderr, "kiosk: --first-frame: %s\n", err);
	}
	if (d->target) {
		SDL_SetRenderTarget(d->ren, NULL);
		SDL_Rect dst = {(d->pw - d->lw) / 2, (d->ph - d->lh) / 2, d->lw, d->lh};
		SDL_RenderCopyEx(d->ren, d->target, NULL, &dst, d->rotation, NULL, SDL_FLIP_NONE);
		SDL_RenderPresent(d->ren);
		SDL_SetRenderTarget(d->ren, d->target);
	} else {
		SDL_RenderPresent(d->ren);
	}
	if (first) first_frame(d);
}

/* Take the window's real size (the compositor or the panel decides it for
 * a fullscreen window, possibly after the window was made) and derive the
 * logical screen from it; a rotated screen gets a render target of the new
 * size. 0, or -1 if the target cannot be made (the old one is kept). */
static int display_fit(Display *d)
{
	/* The window's size, not SDL_GetRendererOutputSize: on Wayland the GL
	 * drawable keeps its old size until the next buffer swap. */
	int pw, ph;
	SDL_GetWindowSize(d->win, &pw, &ph);
	if (pw <= 0 || ph <= 0) return -1;
	int swap = d->rotation == 90 || d->rotation == 270;
	int lw = swap ? ph : pw, lh = swap ? pw : ph;
	if (d->target && (lw != d->lw || lh != d->lh)) {
		SDL_Texture *t = SDL_CreateTexture(d->ren, SDL_PIXELFORMAT_ARGB8888,
		                                   SDL_TEXTUREACCESS_TARGET, lw, lh);
		if (!t) return -1;
		SDL_SetRenderTarget(d->ren, t);
		SDL_DestroyTexture(d->target);
		d->target = t;
	}
	d->pw = pw; d->ph = ph;
	d->lw = lw; d->lh = lh;
	return 0;
}

/* Window pixels → logical screen pixels (undo the rotation). */
static void to_logical(const Display *d, float px, float py, float *lx, float *ly)
{
	switch (d->rotation) {
	case 90:  *lx = py - (d->ph - d->lw) / 2.0f; *ly = d->pw - px - (d->pw - d->lh) / 2.0f; break;
	case 180: *lx = d->pw - px; *ly = d->ph - py; break;
	case 270: *lx = d->ph - py - (d->ph - d->lw) / 2.0f; *ly = px - (d->pw - d->lh) / 2.0f; break;
	default:  *lx = px; *ly = py;
	}
}

static void handle(Kiosk *k, Display *d, const SDL_Event *e, int *quit)
{
	float x, y;
	switch (e->type) {
	case SDL_QUIT:
		*quit = 1;
		break;
	case SDL_FINGERDOWN: case SDL_FINGERMOTION: case SDL_FINGERUP:
		/* Finger coordinates are 0–1 over the window. */
		to_logical(d, e->tfinger.x * d->pw, e->tfinger.y * d->ph, &x, &y);
		if (e->type == SDL_FINGERDOWN) kiosk_pointer_down(k, (int64_t)e->tfinger.fingerId + 16, x, y);
		else if (e->type == SDL_FINGERMOTION) kiosk_pointer_move(k, (int64_t)e->tfinger.fingerId + 16, x, y);
		else kiosk_pointer_up(k, (int64_t)e->tfinger.fingerId + 16, x, y);
		break;
	case SDL_MOUSEBUTTONDOWN: case SDL_MOUSEBUTTONUP:
		if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT) break;
		to_logical(d, (float)e->button.x, (float)e->button.y, &x, &y);
		if (e->type == SDL_MOUSEBUTTONDOWN) kiosk_pointer_down(k, 0, x, y);
		else kiosk_pointer_up(k, 0, x, y);
		break;
	case SDL_MOUSEMOTION:
		if (e->motion.which == SDL_TOUCH_MOUSEID) break;
		to_logical(d, (float)e->motion.x, (float)e->motion.y, &x, &y);
		kiosk_pointer_move(k, 0, x, y);
		break;
	case SDL_KEYDOWN:
		if (e->key.keysym.sym == SDLK_q && (e->key.keysym.mod & KMOD_CTRL)) *quit = 1;
		/* With text input on, printable keys come as SDL_TEXTINPUT (also
		 * through an input method); passing their KEYDOWN too would type
		 * them twice. */
		else if (SDL_IsTextInputActive() && e->key.keysym.sym >= 32 && e->key.keysym.sym < 127) break;
		else kiosk_key(k, SDL_GetKeyName(e->key.keysym.sym));
		break;
	case SDL_TEXTINPUT:
		kiosk_text(k, e->text.text);
		break;
	case SDL_WINDOWEVENT:
		if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED && display_fit(d) == 0 &&
		    (d->lw != k->w || d->lh != k->h)) {
			fprintf(stderr, "kiosk: screen resized to %dx%d\n", d->lw, d->lh);
			kiosk_resize(k, d->lw, d->lh);
		}
		if (e->window.event == SDL_WINDOWEVENT_EXPOSED ||
		    e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
			kiosk_mark_dirty(k);
		break;
	}
}

/* Running as a service: mark a bundle good once it has been served for a
 * while (the boot guard), and write the fleet metrics now and then. */
typedef struct Service {
	time_t started;                 /* wall clock at start */
	uint32_t metrics_due;           /* loop ms of the next metrics write */
	int stable_marked;              /* stable_version was marked good */
	int64_t stable_version;         /* the version the stable mark is about */
	uint32_t serving_since;         /* loop ms when it began to be served */
	unsigned long frames, slow_frames;
} Service;

static void service_tick(const Config *cfg, Service *svc, const Kiosk *k, Bundle *b,
                         int64_t guard_version, uint32_t now_ms)
{
	/* The bundle being served (it changes on a live switch) counts as good
	 * once served for stable_after_s; guard_version is 0 unless the kiosk
	 * serves the installed bundle (not --bundle). */
	int64_t served = guard_version ? bundle_meta(b)->bundle_version : 0;
	if (served != svc->stable_version) {
		svc->stable_version = served;
		svc->stable_marked = 0;
		svc->serving_since = now_ms;
	}
	if (served && !svc->stable_marked &&
	    now_ms - svc->serving_since >= (uint32_t)cfg->service_stable_after_s * 1000) {
		bootguard_stable(cfg->data_dir, served);
		svc->stable_marked = 1;
	}
	if (!*cfg->service_metrics_dir || now_ms < svc->metrics_due) return;
	svc->metrics_due = now_ms + (uint32_t)cfg->service_metrics_interval_s * 1000;
	const BundleMeta *bm = bundle_meta(b);
	time_t now = time(NULL);
	int64_t built = metrics_iso_to_unix(bm->built_at);
	long starts = bootguard_total_starts(cfg->data_dir);
	Metric m[] = {
		{ "kiosk_up", "gauge", "1 while the kiosk program runs (the file is rewritten every interval).", NULL, 1 },
		{ "kiosk_start_time_seconds", "gauge", "When this kiosk process started (Unix time).", NULL, (double)svc->started },
		{ "kiosk_uptime_seconds", "gauge", "Seconds since this kiosk process started.", NULL, (double)(now - svc->started) },
		{ "kiosk_restarts_total", "counter", "Kiosk starts after the first one on this data.dir.", NULL, starts > 0 ? (double)(starts - 1) : 0 },
		{ "kiosk_bundle_version", "gauge", "bundle_version being served (YYYYMMDDHHMMSS).", NULL, (double)bm->bundle_version },
		{ "kiosk_bundle_built_timestamp_seconds", "gauge", "When the served bundle's sources last changed (Unix time).", NULL, (double)built },
		{ "kiosk_bundle_age_seconds", "gauge", "Age of the served bundle's sources.", NULL, built ? (double)(now - built) : 0 },
		{ "kiosk_bundle_items", "gauge", "Licensing items in the served bundle.", NULL, (double)bm->n_items },
		{ "kiosk_item_views_total", "counter", "Guide pages opened since the kiosk started.", NULL, (double)k->n_views },
		{ "kiosk_frames_total", "counter", "Frames drawn since the kiosk started.", NULL, (double)svc->frames },
		{ "kiosk_slow_frames_total", "counter", "Frames that took more than 16 ms to draw.", NULL, (double)svc->slow_frames },
	};
	char err[512];
	static int warned;
	if (metrics_write(cfg->service_metrics_dir, "kiosk.prom", m, (int)(sizeof m / sizeof *m), err, sizeof err) < 0 && !warned) {
		fprintf(stderr, "kiosk: metrics: %s (further failures not logged)\n", err);
		warned = 1;
	}
}

/* Anonymous usage statistics (usage.h) in data.dir/usage.db. A scripted
 * run never writes into data.dir: it keeps its statistics in the shots
 * directory (for tests to read), or none without --shots. Failing to open
 * only turns statistics off. */
static void open_usage(Kiosk *k, const Config *cfg, const char *script, const char *shots)
{
	char path[CONFIG_STR + 32], err[512];
	if (script && !shots) {
		fprintf(stderr, "kiosk: usage statistics off (script without --shots)\n");
		return;
	}
	if (script) mkdir(shots, 0777);
	snprintf(path, sizeof path, "%s/usage.db", script ? shots : cfg->data_dir);
	k->usage = usage_open(path, err, sizeof err);
	if (k->usage) fprintf(stderr, "kiosk: usage statistics: %s\n", path);
	else fprintf(stderr, "kiosk: usage statistics off: %s\n", err);
}

/* SDL_WaitEventTimeout where the video driver can block until an event
 * comes (SDL 2.26: x11, wayland, windows, cocoa). On the others SDL polls
 * every millisecond: ~1% of a core while the screen stands still. There we
 * poll in steps instead: 5 ms where input can come (kmsdrm, evdev; a touch
 * is seen at most that much later, within the frame it lands in), 100 ms
 * where it cannot (dummy, offscreen: only a quit signal is to be noticed). */
static int wait_step_ms(const char *drv)
{
	static const char *const blocking[] = {"x11", "wayland", "windows", "cocoa"};
	for (size_t i = 0; drv && i < sizeof blocking / sizeof *blocking; i++)
		if (!strcmp(drv, blocking[i])) return 0;
	return drv && (!strcmp(drv, "dummy") || !strcmp(drv, "offscreen")) ? 100 : 5;
}

/* The next event within to ms into e: 1, or 0 if none came. step: as
 * wait_step_ms() says. */
static int wait_event(SDL_Event *e, uint32_t to, int step)
{
	if (!step) return SDL_WaitEventTimeout(e, (int)to);
	uint32_t start = SDL_GetTicks();
	for (;;) {
		if (SDL_PollEvent(e)) return 1;
		uint32_t gone = SDL_GetTicks() - start;
		if (gone >= to) return 0;
		SDL_Delay(to - gone < (uint32_t)step ? to - gone : (uint32_t)step);
	}
}

/* Wall-clock seconds shown at virtual time 0 in scripts: a fixed Monday
 * morning, so screenshots and dumps do not depend on when tests run. */
static int64_t script_clock_base(void)
{
	struct tm tm = {0};
	tm.tm_year = 2025 - 1900;
	tm.tm_mon = 2;
	tm.tm_mday = 3;
	tm.tm_hour = 9;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

int main(int argc, char **argv)
{
	struct timespec t_main;
	clock_gettime(CLOCK_MONOTONIC, &t_main);
	const char *config_path = NULL, *bundle_path = NULL, *script = NULL, *shots = NULL;
	const char *first_frame_path = NULL;
	const char *sets[64];
	int n_sets = 0, windowed = 0, size_w = 0, size_h = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--config") && v) { config_path = v; i++; }
		else if (!strcmp(a, "--set") && v) { if (n_sets < 64) sets[n_sets++] = v; i++; }
		else if (!strcmp(a, "--windowed")) windowed = 1;
		else if (!strcmp(a, "--size") && v) {
			if (sscanf(v, "%dx%d", &size_w, &size_h) != 2 || size_w < 200 || size_h < 200)
				die("--size %s: expected WxH, e.g. 1080x1920", v, "");
			i++;
		}
		else if (!strcmp(a, "--bundle") && v) { bundle_path = v; i++; }
		else if (!strcmp(a, "--script") && v) { script = v; i++; }
		else if (!strcmp(a, "--shots") && v) { shots = v; i++; }
		else if (!strcmp(a, "--first-frame") && v) { first_frame_path = v; i++; }
		else usage();
	}

	static Config cfg;
	char err[512];
	if (config_resolve(&cfg, config_path, err, sizeof err) < 0) die("%s", err, "");
	for (int i = 0; i < n_sets; i++)
		if (config_set(&cfg, sets[i], err, sizeof err) < 0) die("--set %s", err, "");
	fprintf(stderr, "kiosk: config: %s\n", cfg.source);
	if (size_w) { cfg.display_width = size_w; cfg.display_height = size_h; }
	if (script) windowed = 1;       /* scripts run at exactly the given size */

	/* The fonts open on another thread while the bundle loads and the
	 * window comes up (about a third of the start-up time). */
	if (TTF_Init() != 0) die("TTF_Init: %s", TTF_GetError(), "");
	FontPaths fp = {cfg.font_regular, cfg.font_regular_index, cfg.font_bold,
	                cfg.font_bold_index, cfg.font_fallback, cfg.font_fallback_index};
	FontSetOpening *fonts = fontset_open_start(&fp);

	/* The bundle: --bundle, else the installed one, else the one before. */
	char path[CONFIG_STR + 32];
	Bundle *b = NULL;
	int64_t guard_version = 0;          /* installed bundle under the boot guard */
	if (bundle_path) {
		b = bundle_open_readonly(bundle_path, err, sizeof err);
		if (!b) die("%s: %s", bundle_path, err);
	} else {
		snprintf(path, sizeof path, "%s/current.db", cfg.data_dir);
		b = bundle_open_readonly(path, err, sizeof err);
		if (b) {
			/* A new bundle that keeps crashing the kiosk is rolled back. */
			InstallOpts io;
			char why[512];
			install_opts_from_config(&cfg, &io);
			guard_version = bundle_meta(b)->bundle_version;
			if (bootguard_start(&io, guard_version, cfg.service_crash_starts, why, sizeof why) == 1) {
				fprintf(stderr, "kiosk: %s\n", why);
				bundle_close(b);
				b = bundle_open_readonly(path, err, sizeof err);
				guard_version = b ? bundle_meta(b)->bundle_version : 0;
				if (b) bootguard_start(&io, guard_version, cfg.service_crash_starts, why, sizeof why);
			}
		}
		if (!b) {
			fprintf(stderr, "kiosk: %s: %s; trying previous.db\n", path, err);
			snprintf(path, sizeof path, "%s/previous.db", cfg.data_dir);
			b = bundle_open_readonly(path, err, sizeof err);
			if (!b) die("no usable bundle (%s: %s); install one with kioskctl install", path, err);
		}
		bundle_path = path;
	}
	Guide *index = bundle_load_index(b, err, sizeof err);
	if (!index) die("%s: %s", bundle_path, err);
	fprintf(stderr, "kiosk: bundle %s: version %lld, %d departments, %d items\n",
	        bundle_path, (long long)bundle_meta(b)->bundle_version, index->n_depts, index->n_items);

	/* Touch is touch: no synthetic mouse events and vice versa. */
	SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
	SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
	SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) die("SDL_Init: %s", SDL_GetError(), "");
	IMG_Init(IMG_INIT_PNG);

	Display d = {0};
	d.first_frame = first_frame_path;
	d.t_main = t_main;
	d.rotation = cfg.display_rotation;
	d.lw = cfg.display_width;
	d.lh = cfg.display_height;
	int swap = d.rotation == 90 || d.rotation == 270;
	d.pw = swap ? d.lh : d.lw;
	d.ph = swap ? d.lw : d.lh;
	Uint32 flags = SDL_WINDOW_SHOWN;
	if (!windowed && cfg.display_fullscreen) {
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
		/* Make the window (and its GL surface) at the panel's size from the
		 * start, so even the first frame fits the screen. */
		SDL_DisplayMode m;
		if (SDL_GetDesktopDisplayMode(0, &m) == 0 && m.w > 0 && m.h > 0) {
			d.pw = m.w;
			d.ph = m.h;
		}
	}
	d.win = SDL_CreateWindow("政务服务事项指南", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
	                         d.pw, d.ph, flags);
	if (!d.win) die("SDL_CreateWindow: %s", SDL_GetError(), "");
	if (flags & SDL_WINDOW_FULLSCREEN_DESKTOP) {
		/* Fullscreen: the panel decides the size. */
		SDL_GetWindowSize(d.win, &d.pw, &d.ph);
		d.lw = swap ? d.ph : d.pw;
		d.lh = swap ? d.pw : d.ph;
	}
	const char *drv = SDL_GetCurrentVideoDriver();
	Uint32 rflags = SDL_RENDERER_TARGETTEXTURE;
	if (drv && !strcmp(drv, "dummy")) rflags |= SDL_RENDERER_SOFTWARE;
	d.ren = SDL_CreateRenderer(d.win, -1, rflags);
	if (!d.ren) d.ren = SDL_CreateRenderer(d.win, -1, SDL_RENDERER_SOFTWARE);
	if (!d.ren) die("SDL_CreateRenderer: %s", SDL_GetError(), "");
	if (d.rotation) {
		d.target = SDL_CreateTexture(d.ren, SDL_PIXELFORMAT_ARGB8888,
		                             SDL_TEXTUREACCESS_TARGET, d.lw, d.lh);
		if (!d.target) die("render target: %s", SDL_GetError(), "");
		SDL_SetRenderTarget(d.ren, d.target);
	}
	if (flags & SDL_WINDOW_FULLSCREEN_DESKTOP) display_fit(&d);
	SDL_RendererInfo ri;
	SDL_GetRendererInfo(d.ren, &ri);
	fprintf(stderr, "kiosk: video %s, renderer %s, screen %dx%d rotation %d\n",
	        drv ? drv : "?", ri.name, d.lw, d.lh, d.rotation);

	/* The home screen's icons (5-7 ms of SVG rasterising) decode on another
	 * thread from here: while this one waits for the fonts and then sets
	 * up the kiosk and lays out the first frame. Started no earlier, so it
	 * does not compete with the font thread and the window for 2 cores. */
	Theme th0 = theme_make(d.lw, d.lh, 0);
	IconsLoading *icons = icons_start(cfg.assets_dir[0] ? cfg.assets_dir : "assets",
	                                  index, screen_home_icon_px(&th0, 0));
	FontSet *fs = fontset_open_finish(fonts, err, sizeof err);
	if (!fs) die("fonts: %s", err, "");
	static TextMetrics tm;
	tm = fontset_metrics(fs);
	TextCache *tc = text_cache_new(&tm, 16u << 20);
	Atlas *atlas = atlas_new(d.ren, fs, ATLAS_PAGE_PX, ATLAS_MAX_PAGES, err, sizeof err);
	if (!tc || !atlas) die("text: %s", tc ? err : "out of memory", "");

	static Kiosk k;
	uint32_t t0 = SDL_GetTicks();
	int64_t base = script ? script_clock_base() : (int64_t)time(NULL);
	if (kiosk_init(&k, &cfg, d.ren, fs, atlas, tc, b, index, d.lw, d.lh, 0, base,
	               err, sizeof err) < 0)
		die("%s", err, "");
	k.icons_loading = icons;         /* k frees it */
	k.trace = 1;
	kiosk_trace(&k);                 /* the first screen */
	open_usage(&k, &cfg, script, shots);
	k.present = present;
	k.present_ctx = &d;
	/* Live pickup of new installs, unless --bundle names the file to serve. */
	maint_watch(&k, bundle_path == path ? cfg.data_dir : NULL, bundle_path);

	int rc = 0;
	if (script) {
		rc = script_run(&k, script, shots);
	} else {
		int quit = 0;
		uint32_t last_frame = 0;
		int wait_step = wait_step_ms(SDL_GetCurrentVideoDriver());
		Service svc = {0};
		svc.started = time(NULL);
		svc.metrics_due = 0;
		/* systemd: READY=1 once the first frame is up; WATCHDOG=1 at half
		 * the watchdog interval, from this loop, so a hung loop is killed. */
		uint32_t wd_ms = (uint32_t)(sdnotify_watchdog_usec() / 2000);
		uint32_t wd_last = 0;
		int ready = 0;
		while (!quit) {
			uint32_t now = SDL_GetTicks() - t0;
			if (!ready && d.frames > 0) {
				sdnotify_send("READY=1");
				ready = 1;
			}
			if (wd_ms && now - wd_last >= wd_ms) {
				sdnotify_send("WATCHDOG=1");
				wd_last = now;
			}
			uint32_t to = kiosk_timeout(&k);
			if (to == 0 && k.animating) {
				/* ~60 frames a second while something moves */
				uint32_t since = now - last_frame;
				to = since < 16 ? 16 - since : 0;
			}
			if (to > 60000) to = 60000;
			if (wd_ms && to > wd_ms - (now - wd_last)) to = wd_ms - (now - wd_last);
			if (!ready && d.frames == 0 && to > 50) to = 50;
			/* Idle with glyphs to warm: warm a slice instead of waiting,
			 * checking for input between slices. */
			int warm = to > 0 && kiosk_warm_pending(&k);
			if (warm) to = 0;
			SDL_Event e;
			int got = to ? wait_event(&e, to, wait_step) : SDL_PollEvent(&e);
			while (got) {
				k.now = SDL_GetTicks() - t0;
				handle(&k, &d, &e, &quit);
				got = SDL_PollEvent(&e);
			}
			kiosk_advance(&k, SDL_GetTicks() - t0);
			uint64_t f0 = SDL_GetPerformanceCounter();
			if (kiosk_draw(&k)) {
				last_frame = SDL_GetTicks() - t0;
				svc.frames++;
				/* A frame that took longer than one 60 Hz refresh. */
				if ((SDL_GetPerformanceCounter() - f0) * 1000 / SDL_GetPerformanceFrequency() > 16)
					svc.slow_frames++;
			}
			if (warm) kiosk_warm(&k, 2.0);   /* no-op if a frame is due */
			service_tick(&cfg, &svc, &k, k.bundle, guard_version, SDL_GetTicks() - t0);
			if (k.quit) {           /* maintenance: restart or exit to the desktop */
				quit = 1;
				rc = k.exit_code;
			}
		}
	}

	kiosk_fini(&k);                  /* records a pending no-result search */
	usage_close(k.usage);
	atlas_free(atlas);
	text_cache_free(tc);
	fontset_close(fs);
	if (d.target) SDL_DestroyTexture(d.target);
	SDL_DestroyRenderer(d.ren);
	SDL_DestroyWindow(d.win);
	/* The kiosk may have switched bundles (live pickup): free what it serves. */
	guide_free(k.index);
	bundle_close(k.bundle);
	IMG_Quit();
	TTF_Quit();
	SDL_Quit();
	return rc;
}
