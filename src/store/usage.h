/* usage.h — anonymous usage statistics of one kiosk: searches that found
 * nothing and item views, for staff (`kioskctl usage`, maintenance mode).
 *
 * Exception to "only bundle.c runs SQL" (DESIGN.md): usage.c runs SQL too,
 * on its own database (normally data.dir/usage.db), never on a bundle. The
 * bundle is read-only public data replaced nightly; this file is local,
 * written by the kiosk, and survives bundle installs. All of its SQL is in
 * usage.c.
 *
 * What is recorded is anonymous by construction: the query text and the
 * time of a search without result, the item code and the time of a view.
 * Nothing about the person, the session or the sequence of actions.
 *
 * Schema (PRAGMA user_version = USAGE_SCHEMA_VERSION):
 *   no_result(t INTEGER, query TEXT)      t = Unix seconds
 *   views(t INTEGER, item_code TEXT)
 */
#ifndef CORE_USAGE_H
#define CORE_USAGE_H

#include <stddef.h>
#include <stdint.h>

#define USAGE_SCHEMA_VERSION 1
#define USAGE_QUERY_MAX 128         /* longer queries are cut (at a character boundary) */
#define USAGE_KEY_MAX 160

/* An open usage database. */
typedef struct Usage Usage;

/* Open (creating if missing, with its tables) the usage database at path.
 * WAL mode, synchronous=NORMAL: a record costs no fsync. NULL with
 * "path: why" in err on failure; the kiosk then runs without statistics. */
Usage *usage_open(const char *path, char *err, size_t errlen);
void usage_close(Usage *u);         /* NULL is fine */

/* Record a search that found nothing. The search screen should record the
 * query the citizen stopped at (e.g. when leaving the screen or after a few
 * idle seconds), not every keystroke on the way. Empty queries are ignored.
 * 0, or -1 with a message in err. */
int usage_record_no_result(Usage *u, const char *query, int64_t unix_time, char *err, size_t errlen);

/* Record that an item's guide was opened. 0, or -1 with a message. */
int usage_record_view(Usage *u, const char *item_code, int64_t unix_time, char *err, size_t errlen);

/* One line of a report: a query or item code, how often, and the last time. */
typedef struct UsageCount {
	char key[USAGE_KEY_MAX];
	int count;
	int64_t last;
} UsageCount;

/* The most viewed items / most frequent queries without result since
 * unix_time (inclusive), most frequent first, then by key. Writes up to max
 * into out and returns how many, or -1 with a message in err. */
int usage_top_views(Usage *u, int64_t since, UsageCount *out, int max, char *err, size_t errlen);
int usage_top_no_result(Usage *u, int64_t since, UsageCount *out, int max, char *err, size_t errlen);

/* Totals since unix_time: *views and *no_result records. 0 or -1. */
int usage_totals(Usage *u, int64_t since, int *views, int *no_result, char *err, size_t errlen);

/* Delete records older than unix_time (for retention). 0 or -1. */
int usage_prune(Usage *u, int64_t before, char *err, size_t errlen);

#endif
