/* config.h — kiosk.conf: INI sections, `key = value`, `#` comments.
 *
 * Compiled-in defaults live in one table in config.c; the file and
 * `--set section.key=value` only override them. Unknown keys, malformed
 * lines and bad values are errors naming path:line. */
#ifndef CORE_CONFIG_H
#define CORE_CONFIG_H

#include <stddef.h>

#define CONFIG_STR 256

typedef struct Config {
	/* [display] */
	int display_width;              /* window / screen size in pixels */
	int display_height;
	int display_rotation;           /* 0, 90, 180, 270 */
	int display_fullscreen;         /* 0/1 */
	/* [font] */
	char font_regular[CONFIG_STR];  /* "" = find through fontconfig */
	int font_regular_index;
	char font_bold[CONFIG_STR];
	int font_bold_index;
	char font_fallback[CONFIG_STR];
	int font_fallback_index;
	/* [data] */
	char data_dir[CONFIG_STR];      /* current.db, previous.db, status.json */
	/* [hall] */
	char hall_name[CONFIG_STR];
	char hall_notice[CONFIG_STR];
	char assets_dir[CONFIG_STR];    /* icons etc. */
	/* [idle] */
	int idle_reset_s;               /* back to home after this */
	int idle_screensaver_s;         /* screensaver after this */
	/* [sync] */
	char sync_pubkey[CONFIG_STR];
	char sync_url[CONFIG_STR];
	char sync_usb_glob[CONFIG_STR];
	int sync_allow_unsigned;        /* development only */
	long sync_max_bytes;
	char sync_ca_file[CONFIG_STR];  /* CA bundle for https; "" = system CAs */
	int sync_timeout_s;             /* one download attempt, whole */
	int sync_connect_timeout_s;
	int sync_retries;               /* extra attempts after a transient failure */
	int sync_retry_delay_ms;        /* first wait between attempts; doubles */
	/* [item] */
	char item_url_template[CONFIG_STR]; /* e.g. https://.../item/{code} */
	/* [speech] read-aloud (语音播报) */
	int speech_enabled;             /* 0/1: the 朗读 button on item screens */
	int speech_volume;              /* 0..200, espeak-ng -a */
	char speech_command[CONFIG_STR]; /* argv words; "-a VOLUME SENTENCE" are appended */
	/* [print] materials checklist */
	char print_printer[CONFIG_STR]; /* CUPS queue; "" = no 打印 button */
	char print_command[CONFIG_STR]; /* argv words; "-d QUEUE FILE" are appended */
	/* [service] */
	int service_crash_starts;       /* starts of a new bundle without staying up before rollback */
	int service_stable_after_s;     /* a bundle served this long counts as good */
	char service_metrics_dir[CONFIG_STR]; /* node_exporter textfile dir; "" = off */
	int service_metrics_interval_s;
	/* [maintenance] */
	char maint_pin_hash[CONFIG_STR];   /* Argon2id hash (kioskctl set-pin); "" = no PIN */
	char maint_gesture_press[CONFIG_STR]; /* corner held: top-left, top-right, bottom-left, bottom-right */
	int maint_gesture_press_ms;     /* how long it is held */
	char maint_gesture_tap[CONFIG_STR];   /* corner tapped after it */
	int maint_gesture_tap_ms;       /* within this time of letting go */
	int maint_gesture_corner_px;    /* size of a corner's square */
	int maint_max_tries;            /* wrong PINs before the pad locks */
	int maint_lockout_s;            /* first lockout; doubles each time */
	int maint_idle_s;               /* maintenance closes after this idle */
	int maint_pin_idle_s;           /* the PIN pad closes after this idle */
	char maint_audit_log[CONFIG_STR]; /* "" = data.dir/audit.log */
	/* Where the values came from, for "using ..." messages. */
	char source[CONFIG_STR];        /* path, or "built-in defaults" */
} Config;

/* Fill c with the compiled-in defaults. */
void config_defaults(Config *c);

/* Override c from the INI file at path. Returns 0, or -1 with
 * "path:line: message" in err (c is then partly updated; callers stop). */
int config_load_file(Config *c, const char *path, char *err, size_t errlen);

/* Apply one "section.key=value" override. 0, or -1 with a message. */
int config_set(Config *c, const char *assignment, char *err, size_t errlen);

/* Parse INI text held in memory (used by config_load_file and the fuzzer).
 * name is used in messages. */
int config_load_text(Config *c, const char *name, const char *text,
                     size_t len, char *err, size_t errlen);

/* Resolve the config file: explicit path if given (must exist), else
 * ./kiosk.conf, else /etc/kiosk/kiosk.conf, else defaults. Applies it to c
 * (after config_defaults) and records the choice in c->source.
 * 0, or -1 with a message. */
int config_resolve(Config *c, const char *explicit_path, char *err, size_t errlen);

/* Look a value up by its "section.key" name, formatted as text; returns
 * NULL for unknown keys. buf receives the text. */
const char *config_get(const Config *c, const char *key, char *buf, size_t n);

#endif
