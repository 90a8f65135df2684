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
 * departments. Returns the Guide (departments sorted by 排序 then code, items
 * by code) even when problems were found, so callers can report them all;
 * returns NULL only if dir cannot be read. d->n == 0 means valid. */
Guide *source_load_dir(const char *dir, SourceInfo *info, Diags *d);

#endif
