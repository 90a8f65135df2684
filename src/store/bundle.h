/* bundle.h — the SQLite guide bundle: the only module that runs SQL.
 *
 * A bundle is one SQLite file written by bundle_write() from a Guide and read
 * by the kiosk read-only. Schema (BUNDLE_SCHEMA_VERSION):
 *   meta(key PRIMARY KEY, value)          schema_version, bundle_version,
 *                                         built_at, source_hash, departments,
 *                                         items, generator
 *   departments(code PK, seq, name, short_name, icon, window, floor, phone, hours)
 *   items(code PK, dept_code, seq, name, type, target, location, hours, phone,
 *         visits, url, synonyms, popularity, basis, conditions, fees,
 *         legal_unit, legal_n, promised_unit, promised_n, time_note,
 *         pinyin, initials, synonyms_pinyin)    reading sets, see pinyin.h
 *   materials(item_code, seq, name, form, copies, note)
 *   steps(item_code, seq, step, who, time)
 *   item_text  FTS5 (trigram, contentless): body = basis, conditions and
 *              materials (name, note) of one item; rowid = 1 + its rank
 * An item's rank is its position when all items are sorted by popularity
 * descending, then code ascending (bytewise): the order search results
 * take within one kind of match.
 * Version 2 added items.synonyms_pinyin and item_text, and made pinyin and
 * initials reading/initial sets per character. Later version 2 bundles
 * also have meta 'popular': the codes of the first BUNDLE_POPULAR_MAX
 * items by rank (all, if fewer), space-separated, so the kiosk can draw
 * its home screen's popular items without reading every item first;
 * bundles without it are read as before.
 */
#ifndef CORE_BUNDLE_H
#define CORE_BUNDLE_H

#include <stddef.h>
#include <stdint.h>
#include "guide/guide.h"

#define BUNDLE_SCHEMA_VERSION 2

typedef struct BundleMeta {
	int schema_version;
	int64_t bundle_version;         /* only increases: YYYYMMDDHHMMSS of the newest source */
	char built_at[32];              /* ISO 8601 UTC */
	char source_hash[65];           /* SHA-256 hex of the sources, in path order */
	int n_departments;
	int n_items;
} BundleMeta;

typedef struct BundleWriteOpts {
	int64_t version;                /* bundle_version to record (YYYYMMDDHHMMSS) */
	const char *source_hash;        /* hex; "" if unknown */
} BundleWriteOpts;

/* The bundle version for a moment in time: YYYYMMDDHHMMSS (UTC). */
int64_t bundle_version_from_time(int64_t unix_seconds);

/* Write g to path atomically (temp file in the same directory, fsync,
 * rename, fsync of the directory). Identical input gives identical bytes.
 * Returns 0, or -1 with a message in err; on failure path is untouched. */
int bundle_write(const Guide *g, const char *path, const BundleWriteOpts *o,
                 char *err, size_t errlen);

/* A read-only open bundle. */
typedef struct Bundle Bundle;

/* Open path read-only with SQLite's defensive settings and check the schema
 * version. Returns NULL with a message in err on any failure. A Bundle may
 * move between threads but is used by one at a time (its connection is
 * opened without SQLite's per-connection lock). */
Bundle *bundle_open_readonly(const char *path, char *err, size_t errlen);
void bundle_close(Bundle *b);       /* NULL is fine */
const BundleMeta *bundle_meta(const Bundle *b);

/* Load every department with item summaries: each Item has code, name, type,
 * target, dept_code, location, hours, phone, visits, url, synonyms,
 * popularity, time_limit, pinyin, initials, synonyms_pinyin filled; the long texts (basis,
 * conditions, fees) are "" and materials/steps empty. Caller frees with
 * guide_free(). NULL with err on failure. */
Guide *bundle_load_index(Bundle *b, char *err, size_t errlen);

/* Load everything, long texts included (used by export and tests). */
Guide *bundle_load_all(Bundle *b, char *err, size_t errlen);

/* The index in two steps, for a start-up that draws the home screen first:
 *
 * bundle_load_front() gives the departments with no items yet (each
 * department's items empty, every n_items 0) and the first `max` (at most
 * BUNDLE_POPULAR_MAX) items by rank as summaries like the index's, in
 * popular[] (their memory is the Guide's). *n_popular is how many, or -1
 * if the bundle lists none (made before meta 'popular') or its list does
 * not name items of the bundle: then only the whole index knows them.
 * NULL with err on failure.
 *
 * bundle_load_items() then loads every department's item summaries into
 * g's arena (b and g used by nothing else meanwhile; other threads may
 * read g's departments), and bundle_attach_items() makes them g's
 * (g->depts[d].items, n_items and g->n_items), which is what
 * bundle_load_index() returns. */
#define BUNDLE_POPULAR_MAX 16
typedef struct BundleItems {
	Item **items;                   /* [n_depts] each department's items, by seq */
	int *n;                         /* [n_depts] */
	int total;
} BundleItems;
Guide *bundle_load_front(Bundle *b, const Item **popular, int max, int *n_popular,
                         char *err, size_t errlen);
int bundle_load_items(Bundle *b, Guide *g, BundleItems *out, char *err, size_t errlen);
void bundle_attach_items(Guide *g, const BundleItems *in);

/* Load one item in full into arena a (owned by the caller). Returns NULL
 * if there is no such item or on error (message in err). */
Item *bundle_load_item(Bundle *b, const char *code, Arena *a,
                       char *err, size_t errlen);

/* Checks of an untrusted bundle file (a staged copy from a USB stick or the
 * network), in the order bundle_verify_file runs them. */
typedef enum BundleCheck {
	BUNDLE_CHECK_OK = 0,
	BUNDLE_CHECK_OPEN,              /* opens read-only, defensive; schema parses */
	BUNDLE_CHECK_INTEGRITY,         /* PRAGMA integrity_check says ok */
	BUNDLE_CHECK_SCHEMA,            /* schema_version exact; tables and indexes
	                                   exactly ours: no triggers, views, extras */
	BUNDLE_CHECK_CONTENT            /* departments and complete items present */
} BundleCheck;

/* Run the checks above on path, stopping at the first failure. Opens with
 * SQLITE_DBCONFIG_DEFENSIVE, trusted_schema off, no extensions, triggers or
 * views. Returns BUNDLE_CHECK_OK and fills meta (may be NULL), or the step
 * that failed with "path: what" in err. Never writes to path. */
BundleCheck bundle_verify_file(const char *path, BundleMeta *meta, char *err, size_t errlen);
const char *bundle_check_name(BundleCheck c);   /* "open", "integrity", ... */

/* Longest query bundle_text_search() takes, in bytes. */
#define BUNDLE_TEXT_QUERY_MAX 256

/* Find the items whose text of the guide (basis, conditions, materials)
 * contains query as a substring (ASCII case-insensitive). Calls fn(ctx,
 * rank) for each, best rank first (rank as defined above, 0-based), until fn
 * returns non-zero. Queries shorter than 3 characters find nothing (the
 * index is of trigrams). Returns the number of calls made, or -1 with a
 * message in err (query too long, or a bundle without item_text). Runs one
 * prepared statement; no allocation. */
int bundle_text_search(Bundle *b, const char *query,
                       int (*fn)(void *ctx, int rank), void *ctx,
                       char *err, size_t errlen);

#endif
