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
 *         pinyin, initials)
 *   materials(item_code, seq, name, form, copies, note)
 *   steps(item_code, seq, step, who, time)
 */
#ifndef CORE_BUNDLE_H
#define CORE_BUNDLE_H

#include <stddef.h>
#include <stdint.h>
#include "guide.h"

#define BUNDLE_SCHEMA_VERSION 1

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
 * version. Returns NULL with a message in err on any failure. */
Bundle *bundle_open_readonly(const char *path, char *err, size_t errlen);
void bundle_close(Bundle *b);       /* NULL is fine */
const BundleMeta *bundle_meta(const Bundle *b);

/* Load every department with item summaries: each Item has code, name, type,
 * target, dept_code, location, hours, phone, visits, url, synonyms,
 * popularity, time_limit, pinyin, initials filled; the long texts (basis,
 * conditions, fees) are "" and materials/steps empty. Caller frees with
 * guide_free(). NULL with err on failure. */
Guide *bundle_load_index(Bundle *b, char *err, size_t errlen);

/* Load everything, long texts included (used by export and tests). */
Guide *bundle_load_all(Bundle *b, char *err, size_t errlen);

/* Load one item in full into arena a (owned by the caller). Returns NULL
 * if there is no such item or on error (message in err). */
Item *bundle_load_item(Bundle *b, const char *code, Arena *a,
                       char *err, size_t errlen);

#endif
