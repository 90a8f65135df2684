/* bootguard.h — roll back a bundle that keeps the kiosk from running.
 *
 * The kiosk calls bootguard_start() each time it starts serving a bundle
 * and bootguard_stable() once it has run that bundle for a while. A start
 * that is not followed by "stable" was a crash (or a hang the watchdog
 * killed). When one bundle version has started `max_starts` times in a row
 * without ever becoming stable, and data.dir/previous.db exists, the guard
 * rolls back to it (install_rollback: the bad version is then held, so the
 * nightly sync does not bring it straight back) and records why in
 * status.json. A version that was stable once, and the version the guard
 * rolled back to, are never rolled back by the guard. State: data.dir/bootguard (one line: version starts stable). */
#ifndef CORE_BOOTGUARD_H
#define CORE_BOOTGUARD_H

#include <stddef.h>
#include <stdint.h>
#include "install.h"

/* Record a start of version. Returns 1 if it rolled back (the caller must
 * open current.db again; why holds the reason), 0 if the caller goes on
 * with this bundle, -1 on an I/O error (message in why; go on serving). */
int bootguard_start(const InstallOpts *o, int64_t version, int max_starts,
                    char *why, size_t whylen);

/* The version has run long enough: never roll it back. 0, or -1. */
int bootguard_stable(const char *data_dir, int64_t version);

/* How many times the kiosk has started in all (for the restarts metric). */
long bootguard_total_starts(const char *data_dir);

#endif
