/* source.h — the guide source parser (guides/ → Guide).
 *
 * The format is documented in README.md ("Writing guides"). Every problem is
 * recorded as "path:line: message" naming the field as the source names it;
 * the parser never stops at the first problem and never crashes on any
 * input. */
#ifndef CORE_SOURCE_H
#define CORE_SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include "guide.h"
#include "base/diag.h"

#define SOURCE_MAX_FILE (1024 * 1024)   /* larger source files are refused */

/* Parse one item file held in memory into *it (strings in a). Returns 0 if
 * the item is complete and valid, -1 if any problem was recorded in d. */
int source_parse_item(Arena *a, const char *path, const char *text, size_t len,
                      Item *it, Diags *d);

/* One law of guides/laws.txt ("NAME | YYYY-MM-DD | 版本说明"): the current
 * text that citations of it must name. */
typedef struct Law {
	const char *name;               /* as listed, without 《》 */
	const char *date;               /* YYYY-MM-DD of the current text */
	int year;                       /* the year of date */
	const char *version;            /* 版本说明, e.g. "2023年修订" */
	int line;                       /* line in laws.txt */
} Law;

typedef struct LawList {
	Law *v; int n;
	const char *path;               /* the laws.txt path, for messages */
} LawList;

/* Parse a laws.txt file into *laws (strings in a). Malformed lines and
 * duplicate names are errors at path:line. 0 if none, -1 otherwise. */
int source_parse_laws(Arena *a, const char *path, const char *text, size_t len,
                      LawList *laws, Diags *d);

/* source_parse_item, with every versioned citation also checked against
 * laws (NULL: no laws.txt). */
int source_parse_item_laws(Arena *a, const char *path, const char *text, size_t len,
                           const LawList *laws, Item *it, Diags *d);

/* Parse one department file. 0 or -1 as above. */
int source_parse_dept(Arena *a, const char *path, const char *text, size_t len,
                      Dept *dp, Diags *d);

/* Source facts gathered while loading a directory. */
typedef struct SourceInfo {
	char hash[65];                  /* SHA-256 hex over (relative path, bytes) in path order */
	int64_t newest_mtime;           /* newest mtime of the source files, Unix seconds */
	int n_files;
} SourceInfo;

/* Load and validate every source under dir: department.txt files and item
 * *.txt files (folders and files starting with '.' are skipped), then check
 * across files: duplicate codes, items in unknown departments, empty
 * departments. dir/laws.txt, if present, is read as a LawList and every
 * item's citations are checked against it; it is no guide source (not in
 * the hash, the mtime or n_files). Returns the Guide (departments sorted by 排序 then code, items
 * by code) even when problems were found, so callers can report them all;
 * returns NULL only if dir cannot be read. d->n == 0 means valid. */
Guide *source_load_dir(const char *dir, SourceInfo *info, Diags *d);

#endif
