/* status.h — data.dir/status.json: what is installed and how the last
 * install, sync or rollback went, for staff (`kioskctl status`) and for
 * monitoring.
 *
 * One Status holds the whole file. It is written atomically (temp file,
 * fsync, rename) and read back tolerantly: a missing or damaged status.json
 * reads as an empty Status, never as an error. Writers hold status.lock
 * (flock) around load-modify-save, so kioskctl and the kiosk can both
 * record things without losing each other's fields.
 *
 * The JSON (cJSON's printed form; every key always present; absent bundles
 * are null):
 *   {"current":  {"version": N, "built_at": "...", "departments": N, "items": N},
 *    "previous": {... as current ...} | null,
 *    "last_attempt": {"time": "...", "source": "...", "result": "...", "error": "..."},
 *    "last_success": {"time": "...", "source": "...", "version": N},
 *    "held_version": N,
 *    "kiosk": {"time": "...", "error": "...", "version": N}}
 * result is one of: installed, unchanged, refused, failed, rolled_back, none.
 * Times are ISO 8601 UTC. */
#ifndef CORE_STATUS_H
#define CORE_STATUS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define STATUS_STR 1024

typedef struct StatusBundle {
	int present;                    /* 0: the file is absent (null in JSON) */
	int64_t version;                /* bundle_version */
	char built_at[32];
	int departments, items;
} StatusBundle;

typedef struct Status {
	StatusBundle current, previous; /* filled by the installer before saving */
	char attempt_time[32];          /* last install/sync/rollback */
	char attempt_source[STATUS_STR];
	char attempt_result[16];
	char attempt_error[STATUS_STR];
	char success_time[32];          /* last time a bundle was installed */
	char success_source[STATUS_STR];
	int64_t success_version;
	int64_t held_version;           /* rolled back from: sync skips exactly this
	                                   version until a newer one comes */
	char kiosk_time[32];            /* the kiosk's last report */
	char kiosk_error[STATUS_STR];   /* why it kept the old bundle; "" = none */
	int64_t kiosk_version;          /* version the kiosk serves (0 unknown) */
} Status;

/* Read dir/status.json into s (an empty Status if absent or unreadable). */
void status_load(const char *dir, Status *s);

/* Write s to dir/status.json atomically. 0, or -1 with a message in err. */
int status_save(const char *dir, const Status *s, char *err, size_t errlen);

/* Write s as JSON (the format above) to f. */
void status_write_json(FILE *f, const Status *s);

/* Parse JSON text into s (unknown keys and values of the wrong type
 * ignored). 0, or -1 if malformed or not an object (s then empty). */
int status_parse(const char *text, size_t len, Status *s);

/* Take dir/status.lock (blocking flock). Returns an fd for status_unlock,
 * or -1 if the lock file cannot be opened (callers go on unlocked). */
int status_lock(const char *dir);
void status_unlock(int fd);         /* -1 is fine */

/* The current time as ISO 8601 UTC into buf[32]. */
void status_now(char buf[32]);

#endif
