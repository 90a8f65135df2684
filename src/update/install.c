/* install.c — verify, stage and swap bundles; sync; rollback; live pickup.
 * The order of the checks and the layout of data.dir are in install.h. */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "install.h"
#include "sign.h"
#include "status.h"

#define PATH_N 4096

/* ------------------------------------------------------------ helpers --- */

static const char *const step_names[] = {
	"none", "size", "signature", "SQLite header", "open", "integrity", "schema", "content", "version",
};

const char *install_step_name(InstallStep s)
{
	return (unsigned)s < sizeof step_names / sizeof *step_names ? step_names[s] : "?";
}

const char *install_result_name(InstallResult r)
{
	static const char *const n[] = { "installed", "unchanged", "refused", "failed", "none" };
	return (unsigned)r < sizeof n / sizeof *n ? n[r] : "?";
}

void install_opts_from_config(const Config *c, InstallOpts *o)
{
	memset(o, 0, sizeof *o);
	o->data_dir = c->data_dir;
	o->pubkey = c->sync_pubkey;
	o->allow_unsigned = c->sync_allow_unsigned;
	o->max_bytes = c->sync_max_bytes;
	fetch_opts_default(&o->fetch);
	o->fetch.ca_file = c->sync_ca_file;
	o->fetch.max_bytes = c->sync_max_bytes;
	o->fetch.timeout_s = c->sync_timeout_s;
	o->fetch.connect_timeout_s = c->sync_connect_timeout_s;
	o->fetch.retries = c->sync_retries;
	o->fetch.retry_delay_ms = c->sync_retry_delay_ms;
}

/* dir/name into out[PATH_N]; data.dir is at most CONFIG_STR long, so
 * truncation is an invariant breach. */
static void path_in(char *out, const char *dir, const char *name)
{
	int n = snprintf(out, PATH_N, "%s/%s", dir, name);
	assert(n > 0 && n < PATH_N);
	(void)n;
}

static int is_url(const char *s)
{
	return !strncmp(s, "http://", 7) || !strncmp(s, "https://", 8);
}

static int fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) return -1;
	int r = fsync(fd);
	close(fd);
	return r;
}

/* mkdir if absent. */
static int ensure_dir(const char *dir, char *err, size_t errlen)
{
	if (mkdir(dir, 0755) == 0 || errno == EEXIST) return 0;
	snprintf(err, errlen, "%s: cannot create directory: %s", dir, strerror(errno));
	return -1;
}

/* Replace every occurrence of the staged file's path in err by name, so
 * messages name the source the staff gave, not our staging area. */
static void rename_in_message(char *err, size_t errlen, const char *path, const char *name)
{
	char out[2048];
	size_t pl = strlen(path), k = 0;
	if (!pl || !strcmp(path, name)) return;
	for (const char *p = err; *p && k + 1 < sizeof out;) {
		if (!strncmp(p, path, pl)) {
			k += (size_t)snprintf(out + k, sizeof out - k, "%s", name);
			if (k >= sizeof out) k = sizeof out - 1;
			p += pl;
		} else out[k++] = *p++;
	}
	out[k] = 0;
	snprintf(err, errlen, "%s", out);
}

/* The bundle_version of an installed file, 0 if absent or unreadable. */
static int64_t version_of(const char *path, StatusBundle *sb)
{
	char err[256];
	if (sb) memset(sb, 0, sizeof *sb);
	Bundle *b = bundle_open_readonly(path, err, sizeof err);
	if (!b) return 0;
	const BundleMeta *m = bundle_meta(b);
	int64_t v = m->bundle_version;
	if (sb) {
		sb->present = 1;
		sb->version = v;
		snprintf(sb->built_at, sizeof sb->built_at, "%s", m->built_at);
		sb->departments = m->n_departments;
		sb->items = m->n_items;
	}
	bundle_close(b);
	return v;
}

/* --------------------------------------------------------------- lock --- */

/* Take data_dir/sync.lock without waiting. fd, or -1 with a message. */
static int take_lock(const char *dir, char *err, size_t errlen)
{
	char path[PATH_N], pid[32] = "";
	path_in(path, dir, "sync.lock");
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot open lock file: %s", path, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		ssize_t n = pread(fd, pid, sizeof pid - 1, 0);
		pid[n > 0 ? n : 0] = 0;
		pid[strcspn(pid, "\n")] = 0;
		snprintf(err, errlen, "%s: another kioskctl install/sync/rollback is running (pid %s); try again later",
		         path, pid[0] ? pid : "?");
		close(fd);
		return -1;
	}
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == 0 && pwrite(fd, buf, (size_t)n, 0) < 0) {}
	return fd;
}

static void drop_lock(int fd)
{
	if (fd >= 0) close(fd);
}

/* ------------------------------------------------------------- status --- */

void install_status(const char *data_dir, Status *s)
{
	char p[PATH_N];
	status_load(data_dir, s);
	path_in(p, data_dir, "current.db");
	version_of(p, &s->current);
	path_in(p, data_dir, "previous.db");
	version_of(p, &s->previous);
}

/* Record one attempt. In a sync, an "unchanged" result does not hide an
 * earlier, more telling one of the same run (quiet_unchanged). */
static void record(const char *dir, const char *source, InstallResult r, const char *msg,
                   int64_t installed, int64_t held, int quiet_unchanged)
{
	char err[256];
	int fd = status_lock(dir);
	Status s;
	install_status(dir, &s);
	if (!(quiet_unchanged && (r == INSTALL_UNCHANGED || r == INSTALL_NOTHING))) {
		status_now(s.attempt_time);
		snprintf(s.attempt_source, sizeof s.attempt_source, "%s", source);
		snprintf(s.attempt_result, sizeof s.attempt_result, "%s", install_result_name(r));
		snprintf(s.attempt_error, sizeof s.attempt_error, "%s",
		         r == INSTALL_REFUSED || r == INSTALL_FAILED ? msg : "");
	}
	if (installed) {
		snprintf(s.success_time, sizeof s.success_time, "%s", s.attempt_time);
		snprintf(s.success_source, sizeof s.success_source, "%s", source);
		s.success_version = installed;
		s.held_version = 0;
	}
	if (held) s.held_version = held;
	if (status_save(dir, &s, err, sizeof err) < 0) fprintf(stderr, "warning: %s\n", err);
	status_unlock(fd);
}

/* ------------------------------------------------------------- checks --- */

/* Step 3: the 100-byte SQLite header describes exactly this file. */
/* Tell the progress callback (if any) about stage; its answer (cancel). */
static int progress(const InstallOpts *o, const char *stage, long long done, long long total)
{
	return o->progress ? o->progress(o->progress_ctx, stage, done, total) : 0;
}

/* FetchOpts.progress -> InstallOpts.progress ("download"). */
static int download_progress(void *ctx, long long done, long long total)
{
	return progress(ctx, "download", done, total);
}

static int check_header(int fd, const char *name, off_t size, char *err, size_t errlen)
{
	unsigned char h[100];
	if (size < 512 || pread(fd, h, sizeof h, 0) != (ssize_t)sizeof h ||
	    memcmp(h, "SQLite format 3", 16) != 0) {
		snprintf(err, errlen, "%s: not an SQLite database (no 'SQLite format 3' header)", name);
		return -1;
	}
	unsigned page = (unsigned)h[16] << 8 | h[17];
	if (page == 1) page = 65536;
	if (page < 512 || (page & (page - 1))) {
		snprintf(err, errlen, "%s: SQLite header: bad page size %u", name, page);
		return -1;
	}
	if (h[18] != 1 || h[19] != 1) {
		snprintf(err, errlen, "%s: SQLite header: WAL or unknown journal format (%d/%d); bundles are "
		         "written by kioskctl build in rollback-journal format", name, h[18], h[19]);
		return -1;
	}
	if (size % page) {
		snprintf(err, errlen, "%s: SQLite header: size %lld is not a whole number of %u-byte pages "
		         "(truncated?)", name, (long long)size, page);
		return -1;
	}
	uint32_t pages = (uint32_t)h[28] << 24 | (uint32_t)h[29] << 16 | (uint32_t)h[30] << 8 | h[31];
	if (memcmp(h + 24, h + 92, 4) == 0 && (off_t)pages * page != size) {
		snprintf(err, errlen, "%s: SQLite header: says %u pages of %u bytes but the file has %lld bytes "
		         "(truncated or padded)", name, pages, page, (long long)size);
		return -1;
	}
	return 0;
}

static InstallStep step_of(BundleCheck c)
{
	switch (c) {
	case BUNDLE_CHECK_OPEN: return INSTALL_STEP_OPEN;
	case BUNDLE_CHECK_INTEGRITY: return INSTALL_STEP_INTEGRITY;
	case BUNDLE_CHECK_SCHEMA: return INSTALL_STEP_SCHEMA;
	case BUNDLE_CHECK_CONTENT: return INSTALL_STEP_CONTENT;
	default: return INSTALL_STEP_NONE;
	}
}

/* Steps size .. content (the version is the caller's). */
static int check_file(const InstallOpts *o, const char *path, const char *sigpath, const char *name,
                      BundleMeta *meta, InstallStep *step, char *err, size_t errlen)
{
	struct stat st;
	int fd = -1, rc = -1;
	*step = INSTALL_STEP_SIZE;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		snprintf(err, errlen, "%s: cannot open: %s", name, strerror(errno));
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", name);
		goto done;
	}
	if (st.st_size > o->max_bytes) {
		snprintf(err, errlen, "%s: %lld bytes, larger than sync.max_bytes=%ld", name,
		         (long long)st.st_size, o->max_bytes);
		goto done;
	}

	*step = INSTALL_STEP_SIGNATURE;
	progress(o, install_step_name(*step), 0, 0);
	if (sigpath && access(sigpath, F_OK) == 0) {
		SignKey k;
		SignSig s;
		if (sign_load_pubkey(o->pubkey, &k, err, errlen) < 0) {
			char e2[1024];
			snprintf(e2, sizeof e2, "%s (the trusted key, sync.pubkey)", err);
			snprintf(err, errlen, "%s", e2);
			goto done;
		}
		if (sign_load_sig(sigpath, &s, err, errlen) < 0 ||
		    sign_verify_fd(fd, path, &s, &k, err, errlen) < 0)
			goto done;
	} else if (!o->allow_unsigned) {
		snprintf(err, errlen, "%s: no signature (%s.sig is missing); unsigned bundles are refused "
		         "(sync.allow_unsigned is for development only)", name, name);
		goto done;
	}

	*step = INSTALL_STEP_HEADER;
	progress(o, install_step_name(*step), 0, 0);
	if (check_header(fd, name, st.st_size, err, errlen) < 0) goto done;

	progress(o, install_step_name(INSTALL_STEP_INTEGRITY), 0, 0);
	BundleCheck c = bundle_verify_file(path, meta, err, errlen);
	if (c != BUNDLE_CHECK_OK) {
		*step = step_of(c);
		goto done;
	}
	*step = INSTALL_STEP_NONE;
	rc = 0;
done:
	if (fd >= 0) close(fd);
	rename_in_message(err, errlen, path, name);
	return rc;
}

/* Step 8: newer than what is installed (or allowed). */
static int check_version(const InstallOpts *o, const BundleMeta *m, int64_t installed, int64_t held,
                         const char *name, InstallResult *res, char *err, size_t errlen)
{
	if (m->bundle_version == installed) {
		snprintf(err, errlen, "%s: version %lld is already installed", name, (long long)installed);
		*res = INSTALL_UNCHANGED;
		return -1;
	}
	if (o->allow_downgrade) return 0;
	if (m->bundle_version < installed) {
		snprintf(err, errlen, "%s: version %lld is older than the installed %lld; refusing to downgrade "
		         "(use --allow-downgrade)", name, (long long)m->bundle_version, (long long)installed);
		*res = INSTALL_REFUSED;
		return -1;
	}
	if (m->bundle_version == held) {
		snprintf(err, errlen, "%s: version %lld was rolled back; publish a newer bundle or install it "
		         "with --allow-downgrade", name, (long long)held);
		*res = INSTALL_REFUSED;
		return -1;
	}
	return 0;
}

int install_check_file(const InstallOpts *o, const char *path, const char *sigpath, const char *name,
                       BundleMeta *meta, InstallStep *step, char *err, size_t errlen)
{
	char cur[PATH_N];
	BundleMeta m;
	InstallResult res;
	if (check_file(o, path, sigpath, name ? name : path, &m, step, err, errlen) < 0) return -1;
	path_in(cur, o->data_dir, "current.db");
	Status s;
	status_load(o->data_dir, &s);
	if (check_version(o, &m, version_of(cur, NULL), s.held_version, name ? name : path, &res, err, errlen) < 0) {
		*step = INSTALL_STEP_VERSION;
		return -1;
	}
	if (meta) *meta = m;
	return 0;
}

/* ------------------------------------------------------------ staging --- */

/* Copy a local source into dst with the size cap; fsync. */
static int copy_in(const InstallOpts *o, const char *src, const char *dst, long max, char *err, size_t errlen,
                   int *too_big)
{
	char buf[1 << 16];
	int in = open(src, O_RDONLY | O_CLOEXEC), out = -1, rc = -1;
	long long total = 0, size = 0;
	ssize_t n;
	struct stat st;
	*too_big = 0;
	if (in < 0) {
		snprintf(err, errlen, "%s: cannot open: %s", src, strerror(errno));
		return -1;
	}
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0) {
		snprintf(err, errlen, "%s: cannot create: %s", dst, strerror(errno));
		goto done;
	}
	if (fstat(in, &st) == 0) size = st.st_size;
	if (progress(o, "copy", 0, size)) goto cancelled;
	while ((n = read(in, buf, sizeof buf)) > 0) {
		total += n;
		if (total > max) {
			*too_big = 1;
			snprintf(err, errlen, "%s: more than sync.max_bytes=%ld bytes", src, max);
			goto done;
		}
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(out, buf + off, (size_t)(n - off));
			if (w < 0) {
				if (errno == EINTR) continue;
				snprintf(err, errlen, "%s: write: %s", dst, strerror(errno));
				goto done;
			}
			off += w;
		}
		if (progress(o, "copy", total, size > total ? size : total)) goto cancelled;
	}
	if (n < 0) {
		snprintf(err, errlen, "%s: read: %s", src, strerror(errno));
		goto done;
	}
	if (fsync(out) < 0) {
		snprintf(err, errlen, "%s: fsync: %s", dst, strerror(errno));
		goto done;
	}
	rc = 0;
	goto done;
cancelled:
	snprintf(err, errlen, "%s: cancelled after %lld bytes", src, total);
done:
	close(in);
	if (out >= 0 && close(out) < 0 && rc == 0) {
		snprintf(err, errlen, "%s: close: %s", dst, strerror(errno));
		rc = -1;
	}
	return rc;
}

static int write_file(const char *path, const char *data, size_t n, char *err, size_t errlen)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, data, n) != (ssize_t)n || fsync(fd) < 0) {
		snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
		if (fd >= 0) close(fd);
		return -1;
	}
	return close(fd);
}

/* Link (or replace) name `to` with the file `from` via a staging name,
 * so `to` is replaced atomically. Absent `from` removes `to`. */
static int link_over(const char *from, const char *to, const char *tmp, char *err, size_t errlen)
{
	unlink(tmp);
	if (access(from, F_OK) != 0) {
		if (unlink(to) < 0 && errno != ENOENT) {
			snprintf(err, errlen, "%s: cannot remove: %s", to, strerror(errno));
			return -1;
		}
		return 0;
	}
	if (link(from, tmp) < 0 || rename(tmp, to) < 0) {
		snprintf(err, errlen, "%s: cannot keep a link to %s: %s", to, from, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------ swap journal --- */

/* A swap moves a bundle and its signature with two renames; a crash
 * between them would leave current.db beside the old current.db.sig. So
 * every swap is first written as a journal, staging/swap.journal (whole,
 * by rename), of "rename SRC DST" / "unlink DST" lines over the names
 * below, and then run by swap_run. Each SRC is a staging name that no
 * later step recreates, so running a journal again is harmless: a rename
 * whose SRC is gone was done. prepare() runs a journal a crash left
 * behind before anything else, so the pairs are whole again. */
static const char *const swap_names[] = {
	"current.db", "current.db.sig", "previous.db", "previous.db.sig",
	"staging/incoming.db", "staging/incoming.db.sig", "staging/rollback.db",
	"staging/rollback.db.sig", "staging/rollin.db", "staging/rollin.db.sig",
};

static int swap_name_known(const char *name)
{
	for (size_t i = 0; i < sizeof swap_names / sizeof *swap_names; i++)
		if (!strcmp(name, swap_names[i])) return 1;
	return 0;
}

/* Append to the journal text j the step that makes DST what SRC is now:
 * a rename if SRC exists, else an unlink of DST. */
static void swap_step(char *j, size_t jn, const char *dir, const char *src, const char *dst)
{
	char p[PATH_N];
	size_t k = strlen(j);
	path_in(p, dir, src);
	if (access(p, F_OK) == 0) snprintf(j + k, jn - k, "rename %s %s\n", src, dst);
	else snprintf(j + k, jn - k, "unlink %s\n", dst);
}

/* Run data_dir/staging/swap.journal if there is one, then remove it.
 * 0 (also when there is none), or -1 with a message. */
static int swap_run(const char *dir, char *err, size_t errlen)
{
	char jp[PATH_N], stg[PATH_N], line[256];
	path_in(stg, dir, "staging");
	path_in(jp, stg, "swap.journal");
	FILE *f = fopen(jp, "r");
	if (!f) {
		if (errno == ENOENT) return 0;
		snprintf(err, errlen, "%s: cannot read: %s", jp, strerror(errno));
		return -1;
	}
	int rc = 0;
	while (rc == 0 && fgets(line, sizeof line, f)) {
		char op[16], a[64], b[64], pa[PATH_N], pb[PATH_N];
		int n = sscanf(line, "%15s %63s %63s", op, a, b);
		if (n == 3 && !strcmp(op, "rename") && swap_name_known(a) && swap_name_known(b)) {
			path_in(pa, dir, a);
			path_in(pb, dir, b);
			if (rename(pa, pb) < 0 && errno != ENOENT) {
				snprintf(err, errlen, "%s: cannot rename to %s: %s", pa, pb, strerror(errno));
				rc = -1;
			}
		} else if (n == 2 && !strcmp(op, "unlink") && swap_name_known(a)) {
			path_in(pa, dir, a);
			if (unlink(pa) < 0 && errno != ENOENT) {
				snprintf(err, errlen, "%s: cannot remove: %s", pa, strerror(errno));
				rc = -1;
			}
		} else {
			line[strcspn(line, "\n")] = 0;
			snprintf(err, errlen, "%s: unknown step \"%s\"", jp, line);
			rc = -1;
		}
	}
	fclose(f);
	if (rc < 0) return -1;
	if (fsync_dir(dir) < 0 || fsync_dir(stg) < 0) {
		snprintf(err, errlen, "%s: fsync of the directory: %s", dir, strerror(errno));
		return -1;
	}
	if (unlink(jp) < 0 || fsync_dir(stg) < 0) {
		snprintf(err, errlen, "%s: cannot remove: %s", jp, strerror(errno));
		return -1;
	}
	return 0;
}

/* 1 if a journal is waiting (a swap failed or was cut short): its
 * staging files must stay for the next swap_run. */
static int swap_pending(const char *dir)
{
	char jp[PATH_N];
	path_in(jp, dir, "staging/swap.journal");
	return access(jp, F_OK) == 0;
}

/* Write the journal text j (fsync, rename into place), then run it. */
static int swap_commit(const char *dir, const char *j, char *err, size_t errlen)
{
	char jp[PATH_N], tmp[PATH_N], stg[PATH_N];
	path_in(stg, dir, "staging");
	path_in(jp, stg, "swap.journal");
	path_in(tmp, stg, "swap.journal.tmp");
	if (write_file(tmp, j, strlen(j), err, errlen) < 0) return -1;
	if (rename(tmp, jp) < 0 || fsync_dir(stg) < 0) {
		snprintf(err, errlen, "%s: cannot write: %s", jp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return swap_run(dir, err, errlen);
}

/* The swap: current → previous (links), staged → current (one journal). */
static int commit(const char *dir, char *err, size_t errlen)
{
	char cur[PATH_N], cur_sig[PATH_N], prev[PATH_N], prev_sig[PATH_N], stg[PATH_N], tmp[PATH_N];
	char j[512] = "";
	path_in(cur, dir, "current.db");
	path_in(cur_sig, dir, "current.db.sig");
	path_in(prev, dir, "previous.db");
	path_in(prev_sig, dir, "previous.db.sig");
	path_in(stg, dir, "staging");
	path_in(tmp, stg, "link.tmp");
	if (access(cur, F_OK) == 0) {
		if (link_over(cur, prev, tmp, err, errlen) < 0 ||
		    link_over(cur_sig, prev_sig, tmp, err, errlen) < 0)
			return -1;
	}
	swap_step(j, sizeof j, dir, "staging/incoming.db", "current.db");
	swap_step(j, sizeof j, dir, "staging/incoming.db.sig", "current.db.sig");
	return swap_commit(dir, j, err, errlen);
}

/* ------------------------------------------------------ http validators --- */

static void http_state_read(const char *dir, const char *url, char *etag, size_t en, char *lm, size_t ln)
{
	char p[PATH_N], line[3][1024] = { "", "", "" };
	etag[0] = lm[0] = 0;
	path_in(p, dir, "sync-http.state");
	FILE *f = fopen(p, "r");
	if (!f) return;
	for (int i = 0; i < 3 && fgets(line[i], sizeof line[i], f); i++) line[i][strcspn(line[i], "\n")] = 0;
	fclose(f);
	if (strcmp(line[0], url) != 0) return;
	snprintf(etag, en, "%.*s", (int)en - 1, line[1]);
	snprintf(lm, ln, "%.*s", (int)ln - 1, line[2]);
}

static void http_state_write(const char *dir, const char *url, const char *etag, const char *lm)
{
	char p[PATH_N], text[2048], err[256];
	path_in(p, dir, "sync-http.state");
	int n = snprintf(text, sizeof text, "%s\n%s\n%s\n", url, etag, lm);
	if (n > 0 && n < (int)sizeof text) write_file(p, text, (size_t)n, err, sizeof err);
}

/* ------------------------------------------------------------ install --- */

/* Get source into staging/incoming.db (+ .sig). Returns 0, 1 for "not
 * modified", or -1 (rep->result says refused or failed). */
static int stage_source(const InstallOpts *o, const char *source, const char *staged, const char *staged_sig,
                        int *have_sig, char *etag, char *lm, InstallReport *rep, char *err, size_t errlen)
{
	char stg[PATH_N], part[PATH_N], cur[PATH_N];
	*have_sig = 0;
	path_in(stg, o->data_dir, "staging");
	path_in(cur, o->data_dir, "current.db");
	if (is_url(source)) {
		FetchOpts fo = o->fetch;
		if (o->progress) { fo.progress = download_progress; fo.progress_ctx = (void *)o; }
		char sigurl[PATH_N], sigbuf[SIGN_MAX_TEXT + 1];
		size_t siglen = 0;
		FetchResult fr;
		fo.max_bytes = o->max_bytes;
		http_state_read(o->data_dir, source, etag, 256, lm, 64);
		/* --allow-downgrade asks for the file whatever we have. */
		if (access(cur, F_OK) == 0 && !o->allow_downgrade) { fo.etag = etag; fo.last_modified = lm; }
		path_in(part, stg, "download.part");
		if (fetch_file(source, part, &fo, &fr, err, errlen) < 0) {
			rep->result = fr.too_big ? INSTALL_REFUSED : INSTALL_FAILED;
			rep->step = fr.too_big ? INSTALL_STEP_SIZE : INSTALL_STEP_NONE;
			if (fr.too_big) fetch_discard(part);
			return -1;
		}
		rep->resumed = fr.resumed;
		if (fr.not_modified) {
			rep->not_modified = 1;
			return 1;
		}
		snprintf(etag, 256, "%s", fr.etag);
		snprintf(lm, 64, "%s", fr.last_modified);
		if (rename(part, staged) < 0) {
			snprintf(err, errlen, "%s: rename: %s", staged, strerror(errno));
			rep->result = INSTALL_FAILED;
			return -1;
		}
		snprintf(sigurl, sizeof sigurl, "%s.sig", source);
		char sigerr[1024];
		if (fetch_small(sigurl, sigbuf, sizeof sigbuf, &siglen, &fo, sigerr, sizeof sigerr) == 0) {
			if (write_file(staged_sig, sigbuf, siglen, err, errlen) < 0) { rep->result = INSTALL_FAILED; return -1; }
			*have_sig = 1;
		} else if (!o->allow_unsigned || !strstr(sigerr, "HTTP 404")) {
			/* Anything but a clean 404 under allow_unsigned is a refusal. */
			snprintf(err, errlen, "%s: no signature: %s", source, sigerr);
			rep->result = strstr(sigerr, "HTTP 4") ? INSTALL_REFUSED : INSTALL_FAILED;
			rep->step = INSTALL_STEP_SIGNATURE;
			return -1;
		}
		return 0;
	}
	/* A local file (a USB stick: read only). Size first, before copying. */
	struct stat st;
	char srcsig[PATH_N];
	int too_big;
	if (stat(source, &st) < 0) {
		snprintf(err, errlen, "%s: cannot read: %s", source, strerror(errno));
		rep->result = INSTALL_FAILED;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", source);
		rep->result = INSTALL_FAILED;
		return -1;
	}
	if (st.st_size > o->max_bytes) {
		snprintf(err, errlen, "%s: %lld bytes, larger than sync.max_bytes=%ld", source,
		         (long long)st.st_size, o->max_bytes);
		rep->result = INSTALL_REFUSED;
		rep->step = INSTALL_STEP_SIZE;
		return -1;
	}
	snprintf(srcsig, sizeof srcsig, "%s.sig", source);
	if (access(srcsig, F_OK) == 0) {
		char sigbuf[SIGN_MAX_TEXT + 1];
		int fd = open(srcsig, O_RDONLY | O_CLOEXEC);
		ssize_t n = fd >= 0 ? read(fd, sigbuf, sizeof sigbuf) : -1;
		if (fd >= 0) close(fd);
		if (n < 0 || n > SIGN_MAX_TEXT) {
			snprintf(err, errlen, "%s: %s", srcsig, n < 0 ? strerror(errno) : "too large for a signature file");
			rep->result = INSTALL_REFUSED;
			rep->step = INSTALL_STEP_SIGNATURE;
			return -1;
		}
		if (write_file(staged_sig, sigbuf, (size_t)n, err, errlen) < 0) { rep->result = INSTALL_FAILED; return -1; }
		*have_sig = 1;
	}
	if (copy_in(o, source, staged, o->max_bytes, err, errlen, &too_big) < 0) {
		rep->result = too_big ? INSTALL_REFUSED : INSTALL_FAILED;
		rep->step = too_big ? INSTALL_STEP_SIZE : INSTALL_STEP_NONE;
		return -1;
	}
	return 0;
}

/* install_source with the lock held. */
static InstallResult install_locked(const InstallOpts *o, const char *source, InstallReport *rep,
                                    char *err, size_t errlen, int quiet_unchanged)
{
	char stg[PATH_N], staged[PATH_N], staged_sig[PATH_N], cur[PATH_N];
	char etag[256] = "", lm[64] = "";
	int have_sig = 0;
	BundleMeta m;
	Status s;
	memset(rep, 0, sizeof *rep);
	path_in(stg, o->data_dir, "staging");
	path_in(staged, stg, "incoming.db");
	path_in(staged_sig, stg, "incoming.db.sig");
	path_in(cur, o->data_dir, "current.db");
	if (swap_run(o->data_dir, err, errlen) < 0) {
		rep->result = INSTALL_FAILED;
		goto out;
	}
	unlink(staged);
	unlink(staged_sig);
	rep->installed_version = version_of(cur, NULL);
	status_load(o->data_dir, &s);

	int st = stage_source(o, source, staged, staged_sig, &have_sig, etag, lm, rep, err, errlen);
	if (st == 1) {
		snprintf(err, errlen, "%s: not modified since the last install (HTTP 304)", source);
		rep->result = INSTALL_UNCHANGED;
		goto out;
	}
	if (st < 0) goto out;
	if (check_file(o, staged, have_sig ? staged_sig : NULL, source, &m, &rep->step, err, errlen) < 0) {
		rep->result = INSTALL_REFUSED;
		goto out;
	}
	rep->version = m.bundle_version;
	if (check_version(o, &m, rep->installed_version, s.held_version, source, &rep->result, err, errlen) < 0) {
		if (rep->result == INSTALL_REFUSED) rep->step = INSTALL_STEP_VERSION;
		/* A good file we do not want (same, older or held version): its
		 * validators spare the next sync from downloading it again. */
		if (is_url(source)) http_state_write(o->data_dir, source, etag, lm);
		goto out;
	}
	progress(o, "commit", 0, 0);
	if (!have_sig) unlink(staged_sig);
	if (commit(o->data_dir, err, errlen) < 0) {
		rep->result = INSTALL_FAILED;
		goto out;
	}
	if (is_url(source)) http_state_write(o->data_dir, source, etag, lm);
	rep->result = INSTALL_INSTALLED;
	if (rep->installed_version)
		snprintf(err, errlen, "%s: installed version %lld (%d departments, %d items); version %lld kept as previous.db",
		         source, (long long)m.bundle_version, m.n_departments, m.n_items, (long long)rep->installed_version);
	else
		snprintf(err, errlen, "%s: installed version %lld (%d departments, %d items)",
		         source, (long long)m.bundle_version, m.n_departments, m.n_items);
out:
	if (!swap_pending(o->data_dir)) {
		unlink(staged);
		unlink(staged_sig);
		fsync_dir(stg);
	}
	record(o->data_dir, source, rep->result, err, rep->result == INSTALL_INSTALLED ? rep->version : 0, 0,
	       quiet_unchanged);
	return rep->result;
}

/* Data dir, staging dir and lock; -1 with a message if any fails. */
static int prepare(const InstallOpts *o, char *err, size_t errlen)
{
	char stg[PATH_N];
	path_in(stg, o->data_dir, "staging");
	if (ensure_dir(o->data_dir, err, errlen) < 0 || ensure_dir(stg, err, errlen) < 0) return -1;
	int lock = take_lock(o->data_dir, err, errlen);
	if (lock >= 0 && swap_run(o->data_dir, err, errlen) < 0) {   /* a swap a crash cut short */
		drop_lock(lock);
		return -1;
	}
	return lock;
}

InstallResult install_source(const InstallOpts *o, const char *source, InstallReport *rep,
                             char *err, size_t errlen)
{
	memset(rep, 0, sizeof *rep);
	int lock = prepare(o, err, errlen);
	if (lock < 0) {
		rep->result = INSTALL_FAILED;
		return rep->result;
	}
	InstallResult r = install_locked(o, source, rep, err, errlen, 0);
	drop_lock(lock);
	return r;
}

static int rank(InstallResult r)
{
	switch (r) {
	case INSTALL_INSTALLED: return 4;
	case INSTALL_REFUSED: case INSTALL_FAILED: return 3;
	case INSTALL_UNCHANGED: return 2;
	default: return 1;
	}
}

/* One line of a sync's report: "RESULT[ at check 'STEP']: message". */
static size_t append_line(char *err, size_t errlen, size_t len, const InstallReport *rep, const char *msg)
{
	char step[64] = "";
	if (rep->result == INSTALL_REFUSED)
		snprintf(step, sizeof step, " at check '%s'", install_step_name(rep->step));
	len += (size_t)snprintf(err + len, len < errlen ? errlen - len : 0, "%s%s%s: %s", len ? "\n" : "",
	                        install_result_name(rep->result), step, msg);
	return len >= errlen ? errlen - 1 : len;
}

InstallResult install_sync(const InstallOpts *o, const char *usb_glob, const char *url,
                           char *err, size_t errlen)
{
	InstallResult best = INSTALL_NOTHING;
	size_t len = 0;
	int lock = prepare(o, err, errlen);
	if (lock < 0) return INSTALL_FAILED;
	err[0] = 0;
	glob_t g;
	memset(&g, 0, sizeof g);
	int n_sources = 0;
	if (usb_glob && *usb_glob && glob(usb_glob, GLOB_ONLYDIR, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++) {
			char src[PATH_N], msg[2048];
			InstallReport rep;
			snprintf(src, sizeof src, "%s/bundle.db", g.gl_pathv[i]);
			if (access(src, F_OK) != 0) continue;
			InstallResult r = install_locked(o, src, &rep, msg, sizeof msg, n_sources > 0);
			n_sources++;
			if (rank(r) > rank(best)) best = r;
			len = append_line(err, errlen, len, &rep, msg);
		}
	}
	globfree(&g);
	if (url && *url) {
		char msg[2048];
		InstallReport rep;
		InstallResult r = install_locked(o, url, &rep, msg, sizeof msg, n_sources > 0);
		n_sources++;
		if (rank(r) > rank(best)) best = r;
		len = append_line(err, errlen, len, &rep, msg);
	}
	if (!n_sources) {
		snprintf(err, errlen, "no bundle found: no directory matching sync.usb_glob=%s holds bundle.db, "
		         "and sync.url is %s", usb_glob && *usb_glob ? usb_glob : "(empty)", url && *url ? url : "empty");
		record(o->data_dir, "sync", INSTALL_NOTHING, err, 0, 0, 0);
	}
	drop_lock(lock);
	return best;
}

/* ----------------------------------------------------------- rollback --- */

int install_rollback(const InstallOpts *o, char *err, size_t errlen)
{
	char cur[PATH_N], cur_sig[PATH_N], prev[PATH_N], prev_sig[PATH_N], stg[PATH_N];
	char old[PATH_N], old_sig[PATH_N], in[PATH_N], in_sig[PATH_N], tmp[PATH_N], j[512] = "";
	BundleMeta m;
	InstallStep step;
	int lock = prepare(o, err, errlen), rc = -1;
	if (lock < 0) return -1;
	path_in(cur, o->data_dir, "current.db");
	path_in(cur_sig, o->data_dir, "current.db.sig");
	path_in(prev, o->data_dir, "previous.db");
	path_in(prev_sig, o->data_dir, "previous.db.sig");
	path_in(stg, o->data_dir, "staging");
	path_in(old, stg, "rollback.db");
	path_in(old_sig, stg, "rollback.db.sig");
	path_in(in, stg, "rollin.db");
	path_in(in_sig, stg, "rollin.db.sig");
	path_in(tmp, stg, "link.tmp");
	int64_t from = version_of(cur, NULL);
	if (access(prev, F_OK) != 0) {
		snprintf(err, errlen, "%s: no previous bundle to roll back to", prev);
		goto out;
	}
	if (check_file(o, prev, prev_sig, prev, &m, &step, err, errlen) < 0) {
		char e2[2048];
		snprintf(e2, sizeof e2, "%s (rollback refused at step %s; current.db left as it was)", err, install_step_name(step));
		snprintf(err, errlen, "%s", e2);
		goto out;
	}
	/* Keep links to both pairs in staging, then one journal moves them:
	 * previous → current, the old current → previous. */
	if (link_over(cur, old, tmp, err, errlen) < 0 || link_over(cur_sig, old_sig, tmp, err, errlen) < 0 ||
	    link_over(prev, in, tmp, err, errlen) < 0 || link_over(prev_sig, in_sig, tmp, err, errlen) < 0)
		goto out;
	swap_step(j, sizeof j, o->data_dir, "staging/rollin.db", "current.db");
	swap_step(j, sizeof j, o->data_dir, "staging/rollin.db.sig", "current.db.sig");
	swap_step(j, sizeof j, o->data_dir, "staging/rollback.db", "previous.db");
	swap_step(j, sizeof j, o->data_dir, "staging/rollback.db.sig", "previous.db.sig");
	if (swap_commit(o->data_dir, j, err, errlen) < 0) goto out;
	snprintf(err, errlen, "rolled back to version %lld; version %lld kept as previous.db and held back from sync",
	         (long long)m.bundle_version, (long long)from);
	rc = 0;
out:
	if (!swap_pending(o->data_dir)) {
		unlink(old);
		unlink(old_sig);
		unlink(in);
		unlink(in_sig);
	}
	{
		int fd = status_lock(o->data_dir);
		Status s;
		char e[256];
		install_status(o->data_dir, &s);
		status_now(s.attempt_time);
		snprintf(s.attempt_source, sizeof s.attempt_source, "rollback");
		snprintf(s.attempt_result, sizeof s.attempt_result, "%s", rc == 0 ? "rolled_back" : "failed");
		snprintf(s.attempt_error, sizeof s.attempt_error, "%s", rc == 0 ? "" : err);
		if (rc == 0 && from) s.held_version = from;
		if (status_save(o->data_dir, &s, e, sizeof e) < 0) fprintf(stderr, "warning: %s\n", e);
		status_unlock(fd);
	}
	drop_lock(lock);
	return rc;
}

/* -------------------------------------------------------- live pickup --- */

static int look(const char *data_dir, InstallWatch *now)
{
	char p[PATH_N];
	struct stat st;
	memset(now, 0, sizeof *now);
	path_in(p, data_dir, "current.db");
	if (stat(p, &st) < 0) return -1;
	now->present = 1;
	now->dev = st.st_dev;
	now->ino = st.st_ino;
	now->size = st.st_size;
	now->mtime = st.st_mtim;
	return 0;
}

int install_watch_init(const char *data_dir, InstallWatch *w)
{
	return look(data_dir, w);
}

int install_current_changed(const char *data_dir, InstallWatch *w)
{
	InstallWatch now;
	if (look(data_dir, &now) < 0) return 0;    /* absent: keep what we have */
	if (w->present && now.dev == w->dev && now.ino == w->ino && now.size == w->size &&
	    now.mtime.tv_sec == w->mtime.tv_sec && now.mtime.tv_nsec == w->mtime.tv_nsec)
		return 0;
	*w = now;
	return 1;
}

static int record_kiosk(const char *data_dir, const char *why, int64_t version)
{
	char err[256];
	int fd = status_lock(data_dir);
	Status s;
	install_status(data_dir, &s);
	status_now(s.kiosk_time);
	snprintf(s.kiosk_error, sizeof s.kiosk_error, "%s", why ? why : "");
	if (version) s.kiosk_version = version;
	int r = status_save(data_dir, &s, err, sizeof err);
	status_unlock(fd);
	return r;
}

int install_record_open_failure(const char *data_dir, const char *why)
{
	return record_kiosk(data_dir, why && *why ? why : "current.db could not be opened", 0);
}

int install_record_open_success(const char *data_dir, int64_t version)
{
	return record_kiosk(data_dir, "", version);
}
