/* options.c — the kiosk's command line and configuration. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"

void die(const char *fmt, const char *a, const char *b)
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

void options_parse(int argc, char **argv, Options *o)
{
	memset(o, 0, sizeof *o);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--config") && v) { o->config_path = v; i++; }
		else if (!strcmp(a, "--set") && v) { if (o->n_sets < 64) o->sets[o->n_sets++] = v; i++; }
		else if (!strcmp(a, "--windowed")) o->windowed = 1;
		else if (!strcmp(a, "--size") && v) {
			if (sscanf(v, "%dx%d", &o->size_w, &o->size_h) != 2 || o->size_w < 200 || o->size_h < 200)
				die("--size %s: expected WxH, e.g. 1080x1920", v, "");
			i++;
		}
		else if (!strcmp(a, "--bundle") && v) { o->bundle_path = v; i++; }
		else if (!strcmp(a, "--script") && v) { o->script = v; i++; }
		else if (!strcmp(a, "--shots") && v) { o->shots = v; i++; }
		else if (!strcmp(a, "--first-frame") && v) { o->first_frame = v; i++; }
		else usage();
	}
}

void options_config(Options *o, Config *cfg)
{
	char err[512];
	if (config_resolve(cfg, o->config_path, err, sizeof err) < 0) die("%s", err, "");
	for (int i = 0; i < o->n_sets; i++)
		if (config_set(cfg, o->sets[i], err, sizeof err) < 0) die("--set %s", err, "");
	fprintf(stderr, "kiosk: config: %s\n", cfg->source);
	if (o->size_w) { cfg->display_width = o->size_w; cfg->display_height = o->size_h; }
	if (o->script) o->windowed = 1;     /* scripts run at exactly the given size */
}
