/* script.c — the script interpreter: parse a line, drive the Kiosk. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <SDL.h>
#include "model/maint.h"
#include "gfx/render.h"
#include "script.h"

#define FRAME_MS 16u

typedef struct Script {
	Kiosk *k;
	const char *path;
	const char *dir;
	int line;
} Script;

/* Redraw if needed; the frame is what expectations read. */
static void frame(Script *s)
{
	kiosk_draw(s->k);
}

/* Move the clock to t in frame steps while anything animates, or in one
 * jump to the next timer when nothing does. Before such a jump the glyph
 * atlas is warmed as the idle app loop does it, all at once: the virtual
 * clock stands still meanwhile (a live kiosk does it in 2 ms slices in
 * the first ~100 ms of stillness), and nothing drawn changes. */
static void run_until(Script *s, uint32_t t)
{
	Kiosk *k = s->k;
	frame(s);
	while ((int32_t)(t - k->app.now) > 0) {
		uint32_t left = t - k->app.now;
		uint32_t step = app_timeout(&k->app);
		if (step > 0)
			while (kiosk_warm(k, 2.0)) {}
		if (step == 0) step = FRAME_MS;
		if (step > left) step = left;
		app_advance(&k->app, k->app.now + step);
		frame(s);
	}
}

static uint32_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint32_t)((uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000);
}

/* realtime MS: MS ms of real time as the live loop runs it: the clock
 * follows the real one, a frame (presented) whenever one is due, at most
 * ~60 a second, and a PIN check's answer is picked up when the worker has
 * it, not waited for. Prints what it saw, for tests that time the UI. */
static void realtime(Script *s, uint32_t ms)
{
	Kiosk *k = s->k;
	uint32_t t0 = mono_ms(), v0 = k->app.now, last = t0, gap = 0;
	unsigned frames = 0, during = 0;
	int was_checking = maint_pin_checking(&k->app);
	long check_end = -1;
	k->app.scripted = 0;
	for (;;) {
		uint32_t el = mono_ms() - t0;
		if (el >= ms) break;
		int checking = maint_pin_checking(&k->app);
		app_advance(&k->app, v0 + el);
		if (checking && !maint_pin_checking(&k->app) && check_end < 0) check_end = (long)el;
		if (kiosk_draw(k)) {
			uint32_t t = mono_ms();
			frames++;
			if (checking) {
				during++;
				if (t - last > gap) gap = t - last;
			}
			last = t;
		}
		uint32_t to = app_timeout(&k->app), left = ms - (mono_ms() - t0);
		if (to < 16) to = 16;           /* the frame pace of the live loop */
		if (to > left) to = left;
		SDL_Delay(to);
	}
	k->app.scripted = 1;
	printf("realtime %u ms: %u frames, %u during the PIN check, longest gap %u ms; "
	       "check %s%ld ms\n", ms, frames, during, gap,
	       !was_checking ? "none" : check_end < 0 ? "still running at " : "answered at ",
	       !was_checking ? 0L : check_end < 0 ? (long)ms : check_end);
	fflush(stdout);
}

static int fail(Script *s, const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, "%s:%d: ", s->path, s->line);
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	return 1;
}

/* Parse a "quoted string" at *p into out; 0 or -1. */
static int quoted(const char **p, char *out, size_t n)
{
	const char *q = *p;
	while (*q == ' ' || *q == '\t') q++;
	if (*q != '"') return -1;
	q++;
	size_t o = 0;
	while (*q && *q != '"') {
		if (*q == '\\' && q[1]) q++;
		if (o + 1 < n) out[o++] = *q;
		q++;
	}
	if (*q != '"') return -1;
	out[o] = 0;
	*p = q + 1;
	return 0;
}

static int rest_empty(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') p++;
	return *p == 0 || *p == '#';
}

static int ints(const char *p, int *v, int n)
{
	int used = 0;
	for (int i = 0; i < n; i++) {
		char *e;
		errno = 0;
		long x = strtol(p, &e, 10);
		if (e == p || errno) return -1;
		v[i] = (int)x;
		p = e;
		used++;
	}
	return rest_empty(p) ? used : -1;
}

static void tap_at(Script *s, float x, float y)
{
	kiosk_pointer_down(s->k, 1, x, y);
	frame(s);                       /* pressed feedback is drawn */
	app_pointer_up(&s->k->app, 1, x, y);
	app_advance(&s->k->app, s->k->app.now);
	frame(s);
}

static void out_path(Script *s, char *buf, size_t n, const char *name, const char *ext)
{
	snprintf(buf, n, "%s/%s%s", s->dir, name, ext);
}

static int command(Script *s, char *ln)
{
	Kiosk *k = s->k;
	char *p = ln;
	while (*p == ' ' || *p == '\t') p++;
	if (*p == 0 || *p == '#' || *p == '\r' || *p == '\n') return 0;
	char word[32];
	int wl = 0;
	while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n' && wl < 31) word[wl++] = *p++;
	word[wl] = 0;
	int v[5];
	char str[1024];
	const char *q = p;
	/* A PIN check still running is waited for before the next command, so
	 * scripts do not depend on how fast the hash is; shot and dump show
	 * the pad as it is (the spinner), realtime lets it run. */
	if (strcmp(word, "shot") && strcmp(word, "dump") && strcmp(word, "realtime") &&
	    maint_pin_checking(&k->app)) {
		maint_pin_poll(&k->app, 1);
		frame(s);
	}

	if (!strcmp(word, "tap")) {
		if (quoted(&q, str, sizeof str) == 0 && rest_empty(q)) {
			frame(s);
			int i = dl_find_text(k->dl, str);
			if (i < 0) return fail(s, "tap: no visible text \"%s\"%s", str, "");
			DlRect r = k->dl->cmds[i].r;
			tap_at(s, r.x + r.w / 2.0f, r.y + r.h / 2.0f);
			return 0;
		}
		if (ints(p, v, 2) != 2) goto syntax;
		tap_at(s, (float)v[0], (float)v[1]);
	} else if (!strcmp(word, "press")) {
		if (ints(p, v, 3) != 3 || v[2] < 0) goto syntax;
		kiosk_pointer_down(k, 1, (float)v[0], (float)v[1]);
		run_until(s, k->app.now + (uint32_t)v[2]);
		app_pointer_up(&k->app, 1, (float)v[0], (float)v[1]);
		app_advance(&k->app, k->app.now);
		frame(s);
	} else if (!strcmp(word, "drag")) {
		if (ints(p, v, 5) != 5 || v[4] < 0) goto syntax;
		kiosk_pointer_down(k, 1, (float)v[0], (float)v[1]);
		frame(s);
		int steps = v[4] / (int)FRAME_MS;
		if (steps < 1) steps = 1;
		uint32_t t0 = k->app.now;
		for (int i = 1; i <= steps; i++) {
			float f = (float)i / steps;
			uint32_t t = t0 + (uint32_t)((int64_t)v[4] * i / steps);
			app_advance(&k->app, t);
			app_pointer_move(&k->app, 1, v[0] + (v[2] - v[0]) * f, v[1] + (v[3] - v[1]) * f);
			frame(s);
		}
		app_pointer_up(&k->app, 1, (float)v[2], (float)v[3]);
		app_advance(&k->app, k->app.now);
		frame(s);
	} else if (!strcmp(word, "text")) {
		if (quoted(&q, str, sizeof str) < 0 || !rest_empty(q)) goto syntax;
		app_text(&k->app, str);
		frame(s);
	} else if (!strcmp(word, "key")) {
		while (*q == ' ' || *q == '\t') q++;
		size_t n = strcspn(q, " \t\r\n#");
		if (n == 0 || n >= sizeof str || !rest_empty(q + n)) goto syntax;
		memcpy(str, q, n);
		str[n] = 0;
		app_key(&k->app, str);
		app_advance(&k->app, k->app.now);
		frame(s);
	} else if (!strcmp(word, "run")) {
		/* run "shell command": change the world outside the kiosk (e.g.
		 * kioskctl install into its data.dir) at this point of the script;
		 * a non-zero exit fails the script. */
		if (quoted(&q, str, sizeof str) < 0 || !rest_empty(q)) goto syntax;
		fflush(stdout);
		int st = system(str);
		if (st != 0) return fail(s, "run: exit status %s: %s", st < 0 ? "-1" : (WIFEXITED(st) ? "non-zero" : "signal"), str);
	} else if (!strcmp(word, "realtime")) {
		if (ints(p, v, 1) != 1 || v[0] < 0) goto syntax;
		realtime(s, (uint32_t)v[0]);
	} else if (!strcmp(word, "wait")) {
		if (ints(p, v, 1) != 1 || v[0] < 0) goto syntax;
		run_until(s, k->app.now + (uint32_t)v[0]);
	} else if (!strcmp(word, "shot") || !strcmp(word, "dump")) {
		while (*q == ' ' || *q == '\t') q++;
		size_t n = strcspn(q, " \t\r\n#");
		if (n == 0 || n >= 200 || !rest_empty(q + n)) goto syntax;
		char name[256], path[1024], err[512];
		memcpy(name, q, n);
		name[n] = 0;
		frame(s);
		if (word[0] == 's') {
			out_path(s, path, sizeof path, name, ".png");
			if (render_save_png(k->ren, k->app.w, k->app.h, path, err, sizeof err) < 0)
				return fail(s, "shot: %s%s", err, "");
		} else {
			out_path(s, path, sizeof path, name, ".txt");
			FILE *f = fopen(path, "w");
			if (!f) return fail(s, "dump: %s: %s", path, strerror(errno));
			dl_dump(k->dl, f);
			if (fclose(f) != 0) return fail(s, "dump: %s: %s", path, strerror(errno));
		}
	} else if (!strcmp(word, "expect")) {
		while (*q == ' ' || *q == '\t') q++;
		frame(s);
		if (!strncmp(q, "screen", 6) && (q[6] == ' ' || q[6] == '\t')) {
			q += 6;
			while (*q == ' ' || *q == '\t') q++;
			size_t n = strcspn(q, " \t\r\n#");
			if (n == 0 || n >= sizeof str || !rest_empty(q + n)) goto syntax;
			memcpy(str, q, n);
			str[n] = 0;
			if (strcmp(str, k->app.scr->name) != 0)
				return fail(s, "expected screen %s, got %s", str, k->app.scr->name);
		} else if (!strncmp(q, "text", 4) && (q[4] == ' ' || q[4] == '\t' || q[4] == '"')) {
			q += 4;
			if (quoted(&q, str, sizeof str) < 0 || !rest_empty(q)) goto syntax;
			if (dl_find_text(k->dl, str) < 0)
				return fail(s, "expected text \"%s\" on screen %s", str, k->app.scr->name);
		} else if (!strncmp(q, "no-text", 7)) {
			q += 7;
			if (quoted(&q, str, sizeof str) < 0 || !rest_empty(q)) goto syntax;
			if (dl_find_text(k->dl, str) >= 0)
				return fail(s, "unexpected text \"%s\" on screen %s", str, k->app.scr->name);
		} else {
			goto syntax;
		}
	} else {
		fprintf(stderr, "%s:%d: unknown command '%s'\n", s->path, s->line, word);
		return 2;
	}
	if (k->dl->dropped) {
		fprintf(stderr, "%s:%d: draw list overflow (%lu elements dropped)\n",
		        s->path, s->line, k->dl->dropped);
		return 1;
	}
	return 0;
syntax:
	fprintf(stderr, "%s:%d: cannot parse: %s", s->path, s->line, ln);
	if (!strchr(ln, '\n')) fputc('\n', stderr);
	return 2;
}

int script_run(Kiosk *k, const char *path, const char *shots_dir)
{
	Script s = {k, path, shots_dir ? shots_dir : ".", 0};
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return 2;
	}
	if (shots_dir) mkdir(shots_dir, 0777);
	char line[2048];
	int rc = 0;
	k->app.scripted = 1;
	app_advance(&k->app, k->app.now);
	frame(&s);
	while (fgets(line, sizeof line, f)) {
		s.line++;
		rc = command(&s, line);
		if (rc) break;
		if (k->app.quit) {                  /* restart / exit to desktop: the script ends */
			printf("exit %d\n", k->app.exit_code);
			fflush(stdout);
			break;
		}
	}
	fclose(f);
	return rc;
}
