/* install.h — putting a bundle in place: verify, stage, swap; sync from the
 * configured sources; roll back; and the kiosk's live-pickup calls.
 *
 * Data directory (data.dir):
 *   current.db, current.db.sig     the bundle the kiosk serves (+ signature)
 *   previous.db, previous.db.sig   the one before it (rollback target)
 *   status.json                    see status.h
 *   staging/                       downloads and copies being checked; on the
 *                                  same filesystem, so the swap is a rename
 *   staging/swap.journal           the renames of a swap in progress (see
 *                                  below); only a crash leaves it
 *   sync.lock                      held (flock) by install, sync, rollback
 *   sync-http.state                URL, ETag, Last-Modified of the bundle
 *                                  installed from sync.url (conditional GET)
 *
 * A candidate bundle must pass, in this order, stopping at the first
 * failure (InstallStep): size limit, signature, SQLite header, read-only
 * defensive open, integrity_check, exact schema, content sanity, version
 * newer than the installed one. Only then: fsync the staged copy, hard-link
 * current.db to previous.db, rename the staged copy over current.db, fsync
 * the directory. current.db always exists and is always a complete bundle
 * (every step is a rename); a refused or failed attempt never touches it.
 * A bundle and its .sig move together: the renames of a swap (install or
 * rollback) are written to staging/swap.journal first, and a journal a
 * crash left behind is finished when install, sync or rollback next take
 * the lock, so current.db.sig (and previous.db.sig) always ends up
 * matching its bundle.
 * Sources are only ever read. */
#ifndef CORE_INSTALL_H
#define CORE_INSTALL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>
#include "store/bundle.h"
#include "base/config.h"
#include "fetch.h"
#include "status.h"

typedef struct InstallOpts {
	const char *data_dir;
	const char *pubkey;             /* trusted public key file (sync.pubkey) */
	int allow_unsigned;             /* development only (sync.allow_unsigned) */
	int allow_downgrade;            /* install an older (or held) version */
	long max_bytes;                 /* sync.max_bytes */
	FetchOpts fetch;                /* for http(s) sources */
	/* Progress for maintenance mode (NULL = none), called from the
	 * installing thread: stage is "copy" or "download" with done/total
	 * bytes (total 0 = unknown), the name of the check about to run
	 * (install_step_name) or "commit", with done = total = 0. A non-zero
	 * return cancels a copy or download: that source FAILs ("cancelled")
	 * and current.db is untouched. */
	int (*progress)(void *ctx, const char *stage, long long done, long long total);
	void *progress_ctx;
} InstallOpts;

/* Fill o from the configuration (o points into c: keep c alive). */
void install_opts_from_config(const Config *c, InstallOpts *o);

typedef enum InstallStep {
	INSTALL_STEP_NONE = 0,          /* nothing failed, or failed before the checks */
	INSTALL_STEP_SIZE,
	INSTALL_STEP_SIGNATURE,
	INSTALL_STEP_HEADER,
	INSTALL_STEP_OPEN,
	INSTALL_STEP_INTEGRITY,
	INSTALL_STEP_SCHEMA,
	INSTALL_STEP_CONTENT,
	INSTALL_STEP_VERSION
} InstallStep;
const char *install_step_name(InstallStep s);  /* "size", "signature", ... */

typedef enum InstallResult {
	INSTALL_INSTALLED = 0,          /* current.db replaced */
	INSTALL_UNCHANGED,              /* same version installed, or HTTP 304 */
	INSTALL_REFUSED,                /* the bundle failed a check */
	INSTALL_FAILED,                 /* could not get or stage it (network, disk, lock) */
	INSTALL_NOTHING                 /* sync: no source had a bundle */
} InstallResult;
const char *install_result_name(InstallResult r);  /* as in status.json */

typedef struct InstallReport {
	InstallResult result;
	InstallStep step;               /* the failed check for INSTALL_REFUSED */
	int64_t version;                /* the candidate's bundle_version (0 unknown) */
	int64_t installed_version;      /* current.db's version before (0 none) */
	int not_modified;               /* http: the server answered 304 */
	int resumed;                    /* http: a partial download was continued */
} InstallReport;

/* Check the file at path (whose signature file is sigpath, NULL if none)
 * as a candidate for current.db: every step above. name is used in
 * messages instead of path. On success returns 0 and fills meta; else -1,
 * *step and "name: what" in err. Reads only. */
int install_check_file(const InstallOpts *o, const char *path, const char *sigpath,
                       const char *name, BundleMeta *meta, InstallStep *step,
                       char *err, size_t errlen);

/* Install from source: a file path (signature at SOURCE.sig) or an http(s)
 * URL (signature at URL.sig). Records the attempt in status.json. Returns
 * rep->result; err holds the message for REFUSED and FAILED, and a short
 * note for the others. */
InstallResult install_source(const InstallOpts *o, const char *source,
                             InstallReport *rep, char *err, size_t errlen);

/* Sync: every directory matching usb_glob that holds bundle.db (sorted),
 * then url if not "". Each is an install_source; stops at nothing, so a
 * bad stick does not keep the network from working. Returns the most
 * significant result (installed > refused/failed > unchanged > nothing);
 * err holds one line per source. */
InstallResult install_sync(const InstallOpts *o, const char *usb_glob, const char *url,
                           char *err, size_t errlen);

/* Swap current.db and previous.db after checking previous.db (every step
 * but the version). The version rolled back from is held: sync will not
 * install that same version again until a newer one is published.
 * 0, or -1 with a message. */
int install_rollback(const InstallOpts *o, char *err, size_t errlen);

/* Fill s from status.json and the bundles now in data_dir. */
void install_status(const char *data_dir, Status *s);

/* ------------------------------------------ live pickup (the kiosk) --- */
/* How the kiosk uses these (it never runs the checks itself: whatever is
 * renamed to current.db has passed them):
 *
 *   InstallWatch w;
 *   install_watch_init(data_dir, &w);          // at start, after opening
 *   ...                                        // current.db
 *   every few seconds (a stat, no I/O on the file):
 *     if (install_current_changed(data_dir, &w) == 1) pending = 1;
 *   when pending and idle (home screen or screensaver, nobody touching):
 *     Bundle *nb = bundle_open_readonly(path of current.db, err, n);
 *     Guide *ng = nb ? bundle_load_index(nb, err, n) : NULL;
 *     if (ng) { swap in nb/ng, close the old ones;
 *               install_record_open_success(data_dir, bundle_meta(nb)->bundle_version); }
 *     else    { keep serving the old ones;
 *               install_record_open_failure(data_dir, err); }
 *     pending = 0;
 *
 * install_current_changed reports each change once, so a file that will not
 * open is tried once, not every few seconds; the next install changes it
 * again. The old Bundle stays valid after the rename (its open file keeps
 * the old inode). */
typedef struct InstallWatch {
	int present;                    /* current.db existed at the last look */
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
} InstallWatch;

/* Remember what data_dir/current.db is now. 0, or -1 if it is absent
 * (w then records "absent", and its appearance counts as a change). */
int install_watch_init(const char *data_dir, InstallWatch *w);

/* 1 if data_dir/current.db is another file (inode, size or mtime differ)
 * than at the last call or install_watch_init, and w is updated; 0 if it
 * is the same or absent (the kiosk keeps what it has). One stat(2). */
int install_current_changed(const char *data_dir, InstallWatch *w);

/* Record in status.json that the kiosk could not open the new current.db
 * and keeps serving the old one (why: the message). 0, or -1. */
int install_record_open_failure(const char *data_dir, const char *why);

/* Record in status.json that the kiosk now serves version (clears the
 * last failure). 0, or -1. */
int install_record_open_success(const char *data_dir, int64_t version);

#endif
