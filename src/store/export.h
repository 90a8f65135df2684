/* export.h — the guide as JSON (DESIGN.md: `kioskctl export FILE --json`). */
#ifndef CORE_EXPORT_H
#define CORE_EXPORT_H

#include <stdio.h>
#include "guide/guide.h"
#include "bundle.h"

/* Write {"meta": {...}, "departments": [...]} for g, as cJSON prints it
 * (tab-indented, UTF-8 passed through). meta may be NULL. */
void export_json(FILE *f, const Guide *g, const BundleMeta *meta);

#endif
