/* export.h — the guide as JSON (DESIGN.md: `kioskctl export FILE --json`). */
#ifndef CORE_EXPORT_H
#define CORE_EXPORT_H

#include <stdio.h>
#include "guide/guide.h"
#include "bundle.h"

/* Write a JSON string literal for s (UTF-8 passed through, controls escaped). */
void json_string(FILE *f, const char *s);

/* Write {"meta": {...}, "departments": [...]} for g. meta may be NULL. */
void export_json(FILE *f, const Guide *g, const BundleMeta *meta);

#endif
