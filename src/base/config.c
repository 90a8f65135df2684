/* config.c — kiosk.conf loading (INI syntax read by inih). All keys and
 * defaults are in the table below. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ini.h>
#include "config.h"

enum { T_INT, T_LONG, T_STR, T_BOOL };

typedef struct Key {
	const char *name;               /* section.key */
	int type;
	size_t off;                     /* offsetof(Config, field) */
	const char *def;                /* compiled-in default */
	long lo, hi;                    /* range for numbers */
} Key;

#define F(f) offsetof(Config, f)
static const Key keys[] = {
	/* [display] */
	{ "display.width",          T_INT,  F(display_width),      "1080", 320, 8192 },
	{ "display.height",         T_INT,  F(display_height),     "1920", 240, 8192 },
	{ "display.rotation",       T_INT,  F(display_rotation),   "0", 0, 270 },
	{ "display.fullscreen",     T_BOOL, F(display_fullscreen), "1", 0, 1 },
	/* [font] "" = Debian's Noto Sans CJK SC file, else fontconfig's */
	{ "font.regular",           T_STR,  F(font_regular),       "", 0, 0 },
	{ "font.regular_index",     T_INT,  F(font_regular_index), "0", 0, 64 },
	{ "font.bold",              T_STR,  F(font_bold),          "", 0, 0 },
	{ "font.bold_index",        T_INT,  F(font_bold_index),    "0", 0, 64 },
	{ "font.fallback",          T_STR,  F(font_fallback),      "", 0, 0 },
	{ "font.fallback_index",    T_INT,  F(font_fallback_index),"0", 0, 64 },
	/* [data] */
	{ "data.dir",               T_STR,  F(data_dir),           "/var/lib/kiosk", 0, 0 },
	/* [hall] */
	{ "hall.name",              T_STR,  F(hall_name),          "上街区政务服务中心", 0, 0 },
	{ "hall.notice",            T_STR,  F(hall_notice),        "", 0, 0 },
	{ "hall.assets",            T_STR,  F(assets_dir),         "assets", 0, 0 },
	/* [idle] */
	{ "idle.reset_s",           T_INT,  F(idle_reset_s),       "90", 5, 86400 },
	{ "idle.screensaver_s",     T_INT,  F(idle_screensaver_s), "600", 10, 86400 },
	/* [sync] */
	{ "sync.pubkey",            T_STR,  F(sync_pubkey),        "/etc/kiosk/bundle.pub", 0, 0 },
	{ "sync.url",               T_STR,  F(sync_url),           "", 0, 0 },
	{ "sync.usb_glob",          T_STR,  F(sync_usb_glob),      "/media/*/kiosk", 0, 0 },
	{ "sync.allow_unsigned",    T_BOOL, F(sync_allow_unsigned),"0", 0, 1 },
	{ "sync.max_bytes",         T_LONG, F(sync_max_bytes),     "67108864", 1024, 1L << 34 },
	{ "sync.ca_file",           T_STR,  F(sync_ca_file),       "", 0, 0 },
	{ "sync.timeout_s",         T_INT,  F(sync_timeout_s),     "600", 1, 86400 },
	{ "sync.connect_timeout_s", T_INT,  F(sync_connect_timeout_s), "30", 1, 600 },
	{ "sync.retries",           T_INT,  F(sync_retries),       "3", 0, 10 },
	{ "sync.retry_delay_ms",    T_INT,  F(sync_retry_delay_ms),"2000", 0, 600000 },
	/* [item] */
	{ "item.url_template",      T_STR,  F(item_url_template),  "", 0, 0 },
	/* [speech] read-aloud through espeak-ng's Mandarin voice */
	{ "speech.enabled",         T_BOOL, F(speech_enabled),     "1", 0, 1 },
	{ "speech.volume",          T_INT,  F(speech_volume),      "100", 0, 200 },
	{ "speech.command",         T_STR,  F(speech_command),     "espeak-ng -v cmn", 0, 0 },
	/* [print] materials checklist through CUPS */
	{ "print.printer",          T_STR,  F(print_printer),      "", 0, 0 },  /* "" = no button */
	{ "print.command",          T_STR,  F(print_command),      "lp", 0, 0 },
	/* [service] running as a service: crash-loop rollback, fleet metrics */
	{ "service.crash_starts",   T_INT,  F(service_crash_starts), "3", 1, 100 },
	{ "service.stable_after_s", T_INT,  F(service_stable_after_s), "120", 5, 86400 },
	{ "service.metrics_dir",    T_STR,  F(service_metrics_dir), "/var/lib/prometheus/node-exporter", 0, 0 },
	{ "service.metrics_interval_s", T_INT, F(service_metrics_interval_s), "60", 5, 3600 },
	/* [maintenance] */
	{ "maintenance.pin_hash",   T_STR,  F(maint_pin_hash),     "", 0, 0 },   /* kioskctl set-pin */
	{ "maintenance.gesture_press", T_STR, F(maint_gesture_press), "top-left", 0, 0 },
	{ "maintenance.gesture_press_ms", T_INT, F(maint_gesture_press_ms), "5000", 1000, 60000 },
	{ "maintenance.gesture_tap", T_STR, F(maint_gesture_tap),   "bottom-right", 0, 0 },
	{ "maintenance.gesture_tap_ms", T_INT, F(maint_gesture_tap_ms), "3000", 500, 30000 },
	{ "maintenance.gesture_corner_px", T_INT, F(maint_gesture_corner_px), "160", 40, 800 },
	{ "maintenance.max_tries",  T_INT,  F(maint_max_tries),    "5", 1, 100 },
	{ "maintenance.lockout_s",  T_INT,  F(maint_lockout_s),    "300", 1, 86400 },
	{ "maintenance.idle_s",     T_INT,  F(maint_idle_s),       "120", 10, 86400 },
	{ "maintenance.pin_idle_s", T_INT,  F(maint_pin_idle_s),   "60", 10, 3600 },
	{ "maintenance.audit_log",  T_STR,  F(maint_audit_log),    "", 0, 0 },  /* "" = data.dir/audit.log */
};
#undef F
#define NKEYS (sizeof keys / sizeof *keys)

static const Key *find_key(const char *name, size_t n)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (strlen(keys[i].name) == n && memcmp(keys[i].name, name, n) == 0) return &keys[i];
	return NULL;
}

/* Store value v (NUL-terminated) into c. 0, or -1 with a reason in why. */
static int store(Config *c, const Key *k, const char *v, char *why, size_t wn)
{
	char *p = (char *)c + k->off;
	char *end;
	switch (k->type) {
	case T_STR:
		if (strlen(v) >= CONFIG_STR) { snprintf(why, wn, "value longer than %d bytes", CONFIG_STR - 1); return -1; }
		if (!strncmp(k->name, "maintenance.gesture_", 20) && strcmp(v, "top-left") && strcmp(v, "top-right") &&
		    strcmp(v, "bottom-left") && strcmp(v, "bottom-right")) {
			snprintf(why, wn, "'%.40s' is not a corner (top-left, top-right, bottom-left, bottom-right)", v);
			return -1;
		}
		snprintf(p, CONFIG_STR, "%s", v);
		return 0;
	case T_BOOL:
		if (!strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "on")) *(int *)p = 1;
		else if (!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "off")) *(int *)p = 0;
		else { snprintf(why, wn, "'%s' is not a yes/no value (use 1/0, yes/no, true/false, on/off)", v); return -1; }
		return 0;
	default: {
		errno = 0;
		long long x = strtoll(v, &end, 10);
		if (!*v || *end || errno) { snprintf(why, wn, "'%s' is not a whole number", v); return -1; }
		if (x < k->lo || x > k->hi) { snprintf(why, wn, "%lld is out of range %ld..%ld", x, k->lo, k->hi); return -1; }
		if (!strcmp(k->name, "display.rotation") && x % 90) { snprintf(why, wn, "rotation must be 0, 90, 180 or 270"); return -1; }
		if (k->type == T_INT) *(int *)p = (int)x; else *(long *)p = (long)x;
		return 0;
	}
	}
}

void config_defaults(Config *c)
{
	char why[128];
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < NKEYS; i++)
		if (store(c, &keys[i], keys[i].def, why, sizeof why) < 0) {
			fprintf(stderr, "%s:%d: bad default for %s: %s\n", __FILE__, __LINE__, keys[i].name, why);
			abort();
		}
	snprintf(c->source, sizeof c->source, "built-in defaults");
}

static void trim(const char **s, const char **e)
{
	while (*s < *e && (**s == ' ' || **s == '\t' || **s == '\r')) (*s)++;
	while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t' || (*e)[-1] == '\r')) (*e)--;
}

/* inih reads a line into a buffer of INI_MAX_LINE bytes (as Debian builds
 * it) with its newline and a NUL: a longer line would be cut in two. */
#define LINE_MAX_BYTES (INI_MAX_LINE - 2)

typedef struct Loader {
	Config *c;
	char why[200 + CONFIG_STR];     /* first error from on_key, no FILE:LINE */
} Loader;

/* inih calls this for every "key = value" line; returns 0 on an error, so
 * ini_parse_string reports its line. After the first error nothing more is
 * stored (the file is refused as a whole anyway). */
static int on_key(void *user, const char *section, const char *key, const char *value)
{
	Loader *L = user;
	if (L->why[0]) return 1;
	const char *ss = section, *se = section + strlen(section);
	trim(&ss, &se);
	if (ss == se) {
		snprintf(L->why, sizeof L->why, "key '%.60s' outside a [section]", key);
		return 0;
	}
	const char *vs = value, *ve = value + strlen(value);
	/* An inline comment starts at " #" (a '#' after a blank); inih itself
	 * only knows " ;". */
	for (const char *h = vs; h < ve; h++)
		if (*h == '#' && (h == vs || h[-1] == ' ' || h[-1] == '\t')) { ve = h; break; }
	trim(&vs, &ve);
	/* Strip matching quotes around a value. */
	if (ve - vs >= 2 && ((*vs == '"' && ve[-1] == '"') || (*vs == '\'' && ve[-1] == '\''))) { vs++; ve--; }
	if (strlen(key) > 80 || se - ss > 64) {
		snprintf(L->why, sizeof L->why, "key too long");
		return 0;
	}
	char full[160], val[CONFIG_STR + 1];
	int fn = snprintf(full, sizeof full, "%.*s.%s", (int)(se - ss), ss, key);
	const Key *k = find_key(full, (size_t)fn);
	if (!k) {
		snprintf(L->why, sizeof L->why, "unknown key '%s'", full);
		return 0;
	}
	if (ve - vs > CONFIG_STR) {
		snprintf(L->why, sizeof L->why, "%s: value longer than %d bytes", full, CONFIG_STR - 1);
		return 0;
	}
	snprintf(val, sizeof val, "%.*s", (int)(ve - vs), vs);
	char why[160];
	if (store(L->c, k, val, why, sizeof why) < 0) {
		snprintf(L->why, sizeof L->why, "%s: %s", full, why);
		return 0;
	}
	return 1;
}

/* The syntax is inih's (libinih: [section], key = value or key: value,
 * ';' and '#' comment lines, " ;" inline comments, a UTF-8 BOM); the checks
 * before it keep what inih would get wrong: NUL bytes, lines longer than
 * its buffer, and indented lines, which inih (built with multi-line values)
 * would join to the key above; kiosk.conf has no continuation lines, so
 * leading blanks are dropped first. */
int config_load_text(Config *c, const char *name, const char *text, size_t len,
                     char *err, size_t errlen)
{
	char *copy = malloc(len + 1);
	if (!copy) { snprintf(err, errlen, "%s: out of memory", name); return -1; }
	size_t n = 0;
	int line = 0;
	for (size_t i = 0; i < len; ) {
		line++;
		const char *s = text + i, *e = memchr(s, '\n', len - i);
		if (!e) e = text + len;
		i = (size_t)(e - text) + 1;
		if (memchr(s, 0, (size_t)(e - s))) {
			snprintf(err, errlen, "%s:%d: NUL byte in config", name, line);
			free(copy);
			return -1;
		}
		if (line == 1 && e - s >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3;
		while (s < e && (*s == ' ' || *s == '\t')) s++;
		if (e - s > LINE_MAX_BYTES) {
			snprintf(err, errlen, "%s:%d: line longer than %d bytes", name, line, LINE_MAX_BYTES);
			free(copy);
			return -1;
		}
		memcpy(copy + n, s, (size_t)(e - s));
		n += (size_t)(e - s);
		if (e < text + len) copy[n++] = '\n';
	}
	copy[n] = 0;
	Loader L = { .c = c };
	int bad = ini_parse_string(copy, on_key, &L);
	if (bad > 0) {
		/* The first bad line: a key line is on_key's error, anything else
		 * is a line inih could not read. */
		const char *s = copy;
		for (int k = 1; k < bad && s; k++)
			if ((s = strchr(s, '\n'))) s++;
		const char *e = s ? strchrnul(s, '\n') : NULL;
		if (s && e > s && e[-1] == '\r') e--;
		if (s && *s == '[')
			snprintf(err, errlen, "%s:%d: malformed section header (expected [name])", name, bad);
		else if (s && !memchr(s, '=', (size_t)(e - s)) && !memchr(s, ':', (size_t)(e - s)))
			snprintf(err, errlen, "%s:%d: expected 'key = value' (got '%.*s')", name, bad,
			         (int)(e - s > 60 ? 60 : e - s), s);
		else
			snprintf(err, errlen, "%s:%d: %s", name, bad, L.why[0] ? L.why : "cannot read this line");
	} else if (bad < 0)
		snprintf(err, errlen, "%s: out of memory", name);
	free(copy);
	return bad ? -1 : 0;
}

int config_load_file(Config *c, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	char *buf = malloc(1 << 20);
	size_t n = buf ? fread(buf, 1, (1 << 20), f) : 0;
	int too_big = buf && n == (1 << 20);
	fclose(f);
	if (!buf) { snprintf(err, errlen, "%s: out of memory", path); return -1; }
	if (too_big) {
		free(buf);
		snprintf(err, errlen, "%s: larger than 1 MiB; is this a config file?", path);
		return -1;
	}
	int r = config_load_text(c, path, buf, n, err, errlen);
	free(buf);
	if (r == 0) snprintf(c->source, sizeof c->source, "%s", path);
	return r;
}

int config_set(Config *c, const char *a, char *err, size_t errlen)
{
	const char *eqp = strchr(a, '=');
	if (!eqp || eqp == a) {
		snprintf(err, errlen, "--set %s: expected section.key=value", a);
		return -1;
	}
	const Key *k = find_key(a, (size_t)(eqp - a));
	if (!k) {
		snprintf(err, errlen, "--set %.*s: unknown key", (int)(eqp - a), a);
		return -1;
	}
	char why[160];
	if (store(c, k, eqp + 1, why, sizeof why) < 0) {
		snprintf(err, errlen, "--set %s: %s", k->name, why);
		return -1;
	}
	return 0;
}

int config_resolve(Config *c, const char *explicit_path, char *err, size_t errlen)
{
	config_defaults(c);
	if (explicit_path) return config_load_file(c, explicit_path, err, errlen);
	const char *cands[] = { "kiosk.conf", "/etc/kiosk/kiosk.conf" };
	for (size_t i = 0; i < 2; i++)
		if (access(cands[i], F_OK) == 0)
			return config_load_file(c, cands[i], err, errlen);
	return 0;
}

const char *config_get(const Config *c, const char *key, char *buf, size_t n)
{
	const Key *k = find_key(key, strlen(key));
	if (!k) return NULL;
	const char *p = (const char *)c + k->off;
	switch (k->type) {
	case T_STR: snprintf(buf, n, "%s", p); break;
	case T_LONG: snprintf(buf, n, "%ld", *(const long *)p); break;
	default: snprintf(buf, n, "%d", *(const int *)p); break;
	}
	return buf;
}
