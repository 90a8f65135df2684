/* audit.h — the maintenance audit log: one line per event, appended.
 *
 * Every entry to the PIN pad, every wrong PIN and lockout, every
 * maintenance action and its result is one line
 *   2025-03-03T09:00:05+08:00 EVENT detail...
 * written with a single write(2) on an O_APPEND descriptor, so lines from
 * the kiosk and kioskctl never interleave and nothing earlier is ever
 * rewritten. Newlines in the detail are replaced by spaces. The PIN is
 * never logged. */
#ifndef CORE_AUDIT_H
#define CORE_AUDIT_H

#include <stddef.h>
#include <stdint.h>

/* Append "TIME event detail\n" to the file at path (created 0640 if
 * missing). unix_time is the time to stamp (the kiosk's clock). 0, or -1
 * with "path: why" in err; callers report the failure and go on. */
int audit_append(const char *path, int64_t unix_time, const char *event,
                 const char *detail, char *err, size_t errlen);

/* The log's path for a data dir and the maintenance.audit_log setting
 * ("" = data_dir/audit.log) into out[n]. */
void audit_path(char *out, size_t n, const char *data_dir, const char *setting);

#endif
