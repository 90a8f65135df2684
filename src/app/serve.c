/* serve.c — the bundle the kiosk serves and the loop that serves it:
 * events, frames, systemd notifications, the boot guard and metrics. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <SDL.h>
#include "ops/metrics.h"
#include "ops/sdnotify.h"
#include "store/bundle.h"
#include "update/bootguard.h"
#include "app.h"

/* Open s->bundle_path or the installed bundle, and the front of its index
 * (all of it if the bundle lists no popular items); 0, or -1 with the
 * reason in s->err. Runs on the opening thread: it prints only what it
 * does not fail with. */
static int served_open(Served *s)
{
	const Config *cfg = s->cfg;
	const char *bundle_path = s->bundle_path;
	char err[512];
	char *path = s->path;
	Bundle *b = NULL;
	int64_t guard_version = 0;
	if (bundle_path) {
		b = bundle_open_readonly(bundle_path, err, sizeof err);
		if (!b) goto fail;
	} else {
		snprintf(path, sizeof s->path, "%s/current.db", cfg->data_dir);
		b = bundle_open_readonly(path, err, sizeof err);
		if (b) {
			/* A new bundle that keeps crashing the kiosk is rolled back. */
			InstallOpts io;
			char why[512];
			install_opts_from_config(cfg, &io);
			guard_version = bundle_meta(b)->bundle_version;
			if (bootguard_start(&io, guard_version, cfg->service_crash_starts, why, sizeof why) == 1) {
				fprintf(stderr, "kiosk: %s\n", why);
				bundle_close(b);
				b = bundle_open_readonly(path, err, sizeof err);
				guard_version = b ? bundle_meta(b)->bundle_version : 0;
				if (b) bootguard_start(&io, guard_version, cfg->service_crash_starts, why, sizeof why);
			}
		}
		if (!b) {
			fprintf(stderr, "kiosk: %s: %s; trying previous.db\n", path, err);
			snprintf(path, sizeof s->path, "%s/previous.db", cfg->data_dir);
			b = bundle_open_readonly(path, err, sizeof err);
			if (!b) {
				snprintf(s->err, sizeof s->err,
				         "no usable bundle (%s: %s); install one with kioskctl install", path, err);
				return -1;
			}
		}
		bundle_path = path;
		s->installed = 1;
	}
	Guide *index = bundle_load_front(b, s->popular, APP_HOT_MAX, &s->n_popular, err, sizeof err);
	if (!index) {
		bundle_close(b);
		goto fail;
	}
	if (s->n_popular < 0) {
		/* made before meta 'popular': only the whole index knows them */
		if (bundle_load_items(b, index, &s->items, err, sizeof err) < 0) {
			guide_free(index);
			bundle_close(b);
			goto fail;
		}
		bundle_attach_items(index, &s->items);
	}
	s->items_pending = s->n_popular >= 0;
	s->b = b;
	s->index = index;
	s->guard_version = guard_version;
	s->name = bundle_path;
	return 0;
fail:
	snprintf(s->err, sizeof s->err, "%s: %s", bundle_path, err);
	return -1;
}

static void load_items(Served *s)
{
	s->items_ok = bundle_load_items(s->b, s->index, &s->items, s->items_err,
	                                sizeof s->items_err) == 0;
}

/* The opening thread: the front, then, once the first frame is up
 * (served_go), the items. Loaded beside the first frame at the lowest
 * priority instead, they still shared the 2 cores, the malloc arena (one
 * for all threads: main.c) and the page-fault path with it: the 10,000-item
 * first frame was 73.1 ms against 68.5 this way (medians of 21 interleaved
 * runs). After the front is posted the thread writes only the items
 * fields, and the main thread reads them only once items_done is set. */
static int opening_run(void *arg)
{
	Served *s = arg;
	int ok = served_open(s) == 0;
	SDL_SemPost(s->front);
	if (ok && s->items_pending) {
		SDL_SemWait(s->go);
		load_items(s);
	}
	SDL_AtomicSet(&s->items_done, 1);
	return 0;
}

void served_open_start(Served *s, const Config *cfg, const char *bundle_path)
{
	memset(s, 0, sizeof *s);
	s->cfg = cfg;
	s->bundle_path = bundle_path;
	s->front = SDL_CreateSemaphore(0);
	s->go = SDL_CreateSemaphore(0);
	s->thread = s->front && s->go ? SDL_CreateThread(opening_run, "bundle", s) : NULL;
	if (s->thread) return;
	if (served_open(s) == 0 && s->items_pending) load_items(s);
	SDL_AtomicSet(&s->items_done, 1);
}

/* Wait for the opening thread to end, and drop what it waited on. */
static void join(Served *s)
{
	if (s->thread) SDL_WaitThread(s->thread, NULL);
	s->thread = NULL;
	if (s->go) SDL_DestroySemaphore(s->go);
	s->go = NULL;
}

void served_open_finish(Served *s)
{
	if (s->thread) SDL_SemWait(s->front);
	if (s->front) SDL_DestroySemaphore(s->front);
	s->front = NULL;
	if (!s->b || !s->items_pending) join(s);   /* the thread is done or ending */
	if (!s->b) die("%s", s->err, "");
	const BundleMeta *m = bundle_meta(s->b);
	fprintf(stderr, "kiosk: bundle %s: version %lld, %d departments, %d items\n",
	        s->name, (long long)m->bundle_version, s->index->n_depts, m->n_items);
	if (s->n_popular < 0)
		fprintf(stderr, "kiosk: bundle %s lists no popular items (built before meta 'popular'):"
		        " every item was loaded before the first frame\n", s->name);
}

void served_go(Served *s)
{
	if (s->go && !s->gone) SDL_SemPost(s->go);
	s->gone = 1;
}

int served_items(void *ctx, int block)
{
	Served *s = ctx;
	if (!s->items_pending) return 1;
	if (!block && !SDL_AtomicGet(&s->items_done)) return 0;
	served_go(s);                   /* needed before the first frame (exit) */
	join(s);
	if (!s->items_ok) die("%s: %s", s->name, s->items_err);
	bundle_attach_items(s->index, &s->items);
	s->items_pending = 0;
	return 1;
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
		{ "kiosk_item_views_total", "counter", "Guide pages opened since the kiosk started.", NULL, (double)k->app.n_views },
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
void open_usage(Kiosk *k, const Config *cfg, const char *script, const char *shots)
{
	char path[CONFIG_STR + 32], err[512];
	if (script && !shots) {
		fprintf(stderr, "kiosk: usage statistics off (script without --shots)\n");
		return;
	}
	if (script) mkdir(shots, 0777);
	snprintf(path, sizeof path, "%s/usage.db", script ? shots : cfg->data_dir);
	k->app.usage = usage_open(path, err, sizeof err);
	if (k->app.usage) fprintf(stderr, "kiosk: usage statistics: %s\n", path);
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
int64_t script_clock_base(void)
{
	struct tm tm = {0};
	tm.tm_year = 2025 - 1900;
	tm.tm_mon = 2;
	tm.tm_mday = 3;
	tm.tm_hour = 9;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

int service_loop(Kiosk *k, Display *d, const Config *cfg, int64_t guard_version, uint32_t t0)
{
	int rc = 0;
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
		if (!ready && d->frames > 0) {
			sdnotify_send("READY=1");
			ready = 1;
		}
		if (wd_ms && now - wd_last >= wd_ms) {
			sdnotify_send("WATCHDOG=1");
			wd_last = now;
		}
		uint32_t to = app_timeout(&k->app);
		if (to == 0 && k->app.animating) {
			/* ~60 frames a second while something moves */
			uint32_t since = now - last_frame;
			to = since < 16 ? 16 - since : 0;
		}
		if (to > 60000) to = 60000;
		if (wd_ms && to > wd_ms - (now - wd_last)) to = wd_ms - (now - wd_last);
		if (!ready && d->frames == 0 && to > 50) to = 50;
		/* Idle with glyphs to warm: warm a slice instead of waiting,
		 * checking for input between slices. */
		int warm = to > 0 && kiosk_warm_pending(k);
		if (warm) to = 0;
		SDL_Event e;
		int got = to ? wait_event(&e, to, wait_step) : SDL_PollEvent(&e);
		while (got) {
			k->app.now = SDL_GetTicks() - t0;
			display_handle(k, d, &e, &quit);
			got = SDL_PollEvent(&e);
		}
		app_items(&k->app, 0);          /* attach the index's items once loaded */
		app_advance(&k->app, SDL_GetTicks() - t0);
		uint64_t f0 = SDL_GetPerformanceCounter();
		if (kiosk_draw(k)) {
			last_frame = SDL_GetTicks() - t0;
			svc.frames++;
			/* A frame that took longer than one 60 Hz refresh. */
			if ((SDL_GetPerformanceCounter() - f0) * 1000 / SDL_GetPerformanceFrequency() > 16)
				svc.slow_frames++;
		}
		if (warm) kiosk_warm(k, 2.0);   /* no-op if a frame is due */
		service_tick(cfg, &svc, k, k->app.bundle, guard_version, SDL_GetTicks() - t0);
		if (k->app.quit) {           /* maintenance: restart or exit to the desktop */
			quit = 1;
			rc = k->app.exit_code;
		}
	}
	return rc;
}
