/* test_install.c — installing bundles into data.dir: each check refuses
 * its fault, in the documented order (size, signature, SQLite header, open,
 * integrity, schema, content, version), leaving current.db and previous.db
 * byte-identical; a good bundle is swapped in with the old one kept as
 * previous.db; rollback, the lock, status.json and live pickup
 * (install_current_changed). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sqlite3.h>
#include <cmocka.h>
#include "store/bundle.h"
#include "update/install.h"
#include "update/sign.h"
#include "guide/source.h"
#include "update/status.h"

#define V1 20250101000000LL
#define V2 20250202000000LL
#define V3 20250303000000LL

static char dir[256], data[300], key[300], pub[300], key2[300], cur[320], prev[320];
static Guide *sample;
static InstallOpts opts;

/* ------------------------------------------------------------ helpers --- */

/* The crash simulator: this rename() replaces libc's for the code under
 * test; when crash_before names the end of a destination path, the
 * process dies (_exit, nothing flushed or cleaned) just before that
 * rename, as at a power cut. */
#define CRASHED 77
static const char *crash_before;

int rename(const char *from, const char *to)
{
	size_t n = strlen(to), m = crash_before ? strlen(crash_before) : 0;
	if (m && n >= m && !strcmp(to + n - m, crash_before)) _exit(CRASHED);
	return renameat(AT_FDCWD, from, AT_FDCWD, to);
}

/* Run f in a child that dies before the rename to crash_at; assert it did. */
static void crash_during(void (*f)(void), const char *crash_at)
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		crash_before = crash_at;
		f();
		_exit(0);
	}
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != CRASHED)
		fail_msg("the child did not reach the crash point before the rename to %s", crash_at);
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f) { *n = 0; return NULL; }
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)len + 1);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	buf[len] = 0;
	fclose(f);
	*n = (size_t)len;
	return buf;
}

/* Build a bundle at dir/name with version v, run sql on it (may be NULL),
 * then sign it with signkey (NULL: no .sig). Returns the path (static). */
static const char *make(const char *name, int64_t v, const char *sql, const char *signkey)
{
	static char path[4][320];
	static int k;
	char *p = path[k++ % 4], err[512], sigp[340];
	snprintf(p, 320, "%s/%s", dir, name);
	BundleWriteOpts o = { .version = v, .source_hash = "" };
	assert_int_equal(bundle_write(sample, p, &o, err, sizeof err), 0);
	if (sql) {
		sqlite3 *db;
		assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
		char *msg = NULL;
		int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
		if (rc != SQLITE_OK) fail_msg("%s: %s", sql, msg);
		sqlite3_close(db);
	}
	snprintf(sigp, sizeof sigp, "%s.sig", p);
	unlink(sigp);
	if (signkey) assert_int_equal(sign_file(p, signkey, sigp, err, sizeof err), 0);
	return p;
}

static void resign(const char *p)
{
	char err[512], sigp[340];
	snprintf(sigp, sizeof sigp, "%s.sig", p);
	assert_int_equal(sign_file(p, key, sigp, err, sizeof err), 0);
}

static InstallResult install(const char *src, InstallReport *rep, char *err, size_t n)
{
	return install_source(&opts, src, rep, err, n);
}

/* A snapshot of current.db and previous.db to compare after a refusal. */
typedef struct Snap { char *cur, *prev; size_t ncur, nprev; } Snap;

static Snap snap(void)
{
	Snap s;
	s.cur = slurp(cur, &s.ncur);
	s.prev = slurp(prev, &s.nprev);
	return s;
}

static void assert_untouched(Snap *s)
{
	Snap now = snap();
	assert_int_equal(now.ncur, s->ncur);
	assert_int_equal(now.nprev, s->nprev);
	if (s->ncur) assert_memory_equal(now.cur, s->cur, s->ncur);
	if (s->nprev) assert_memory_equal(now.prev, s->prev, s->nprev);
	assert_int_equal(!now.cur, !s->cur);
	assert_int_equal(!now.prev, !s->prev);
	free(now.cur); free(now.prev); free(s->cur); free(s->prev);
}

static int64_t version_at(const char *path)
{
	char err[256];
	Bundle *b = bundle_open_readonly(path, err, sizeof err);
	if (!b) return 0;
	int64_t v = bundle_meta(b)->bundle_version;
	bundle_close(b);
	return v;
}

static void install_v1_v2(void)
{
	char err[1024];
	InstallReport rep;
	assert_int_equal(install(make("v1.db", V1, NULL, key), &rep, err, sizeof err), INSTALL_INSTALLED);
	assert_int_equal(install(make("v2.db", V2, NULL, key), &rep, err, sizeof err), INSTALL_INSTALLED);
}

/* Expect src to be refused at step, with want in the message and nothing
 * in data.dir changed. */
static void expect_refused(const char *src, InstallStep step, const char *want)
{
	char err[2048];
	InstallReport rep;
	install_v1_v2();
	Snap s = snap();
	InstallResult r = install(src, &rep, err, sizeof err);
	if (r != INSTALL_REFUSED || rep.step != step || !strstr(err, want))
		fail_msg("expected refusal at '%s' with '%s'; got result %s at '%s': %s", install_step_name(step),
		         want, install_result_name(r), install_step_name(rep.step), err);
	/* Messages name the source, not the staging copy. */
	assert_non_null(strstr(err, src));
	assert_null(strstr(err, "staging"));
	assert_untouched(&s);
	assert_int_equal(version_at(cur), V2);
	assert_int_equal(version_at(prev), V1);
	/* status.json says so. */
	Status st;
	status_load(data, &st);
	assert_string_equal(st.attempt_result, "refused");
	assert_string_equal(st.attempt_source, src);
	assert_non_null(strstr(st.attempt_error, want));
	assert_int_equal(st.success_version, V2);
}

static int setup(void **state)
{
	char err[512], prefix[300];
	snprintf(dir, sizeof dir, "/tmp/kiosk-test-install-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(data, sizeof data, "%s/data", dir);
	snprintf(key, sizeof key, "%s/k.key", dir);
	snprintf(pub, sizeof pub, "%s/k.pub", dir);
	snprintf(key2, sizeof key2, "%s/other.key", dir);
	snprintf(cur, sizeof cur, "%s/current.db", data);
	snprintf(prev, sizeof prev, "%s/previous.db", data);
	snprintf(prefix, sizeof prefix, "%s/k", dir);
	assert_int_equal(sign_keygen(prefix, err, sizeof err), 0);
	snprintf(prefix, sizeof prefix, "%s/other", dir);
	assert_int_equal(sign_keygen(prefix, err, sizeof err), 0);
	memset(&opts, 0, sizeof opts);
	opts.data_dir = data;
	opts.pubkey = pub;
	opts.max_bytes = 64L << 20;
	fetch_opts_default(&opts.fetch);
	if (!sample) {
		Diags d = { 0 };
		SourceInfo info;
		sample = source_load_dir("tests/data/guides/ok", &info, &d);
		assert_non_null(sample);
		assert_int_equal(d.n, 0);
		diags_free(&d);
	}
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

static int group_teardown(void **state)
{
	guide_free(sample);
	return 0;
}

/* --------------------------------------------------------- good path --- */

static void test_install_should_put_a_good_bundle_in_place_and_keep_the_old_one(void **state)
{
	char err[1024];
	InstallReport rep;
	const char *v1 = make("v1.db", V1, NULL, key);
	assert_int_equal(install(v1, &rep, err, sizeof err), INSTALL_INSTALLED);
	assert_int_equal(version_at(cur), V1);
	assert_int_equal(access(prev, F_OK), -1);
	size_t n1, n2;
	char p[400];
	snprintf(p, sizeof p, "%s.sig", v1);
	char *sig1 = slurp(p, &n1);
	const char *v2 = make("v2.db", V2, NULL, key);
	assert_int_equal(install(v2, &rep, err, sizeof err), INSTALL_INSTALLED);
	assert_int_equal(rep.installed_version, V1);
	assert_int_equal(version_at(cur), V2);
	assert_int_equal(version_at(prev), V1);
	/* previous.db keeps its own signature. */
	snprintf(p, sizeof p, "%s/previous.db.sig", data);
	char *psig = slurp(p, &n2);
	assert_non_null(psig);
	assert_int_equal(n1, n2);
	assert_memory_equal(sig1, psig, n1);
	free(sig1); free(psig);
	/* Nothing is left in staging. */
	snprintf(p, sizeof p, "%s/staging/incoming.db", data);
	assert_int_equal(access(p, F_OK), -1);
	/* The same version again is "unchanged", not an error. */
	assert_int_equal(install(v2, &rep, err, sizeof err), INSTALL_UNCHANGED);
	assert_int_equal(version_at(prev), V1);
}

static void test_install_should_never_write_to_the_source(void **state)
{
	char err[1024];
	InstallReport rep;
	const char *v1 = make("v1.db", V1, NULL, key);
	chmod(v1, 0444);
	chmod(dir, 0555);
	struct stat before, after;
	assert_int_equal(stat(v1, &before), 0);
	InstallResult r = install(v1, &rep, err, sizeof err);
	chmod(dir, 0755);
	assert_int_equal(r, INSTALL_INSTALLED);
	assert_int_equal(stat(v1, &after), 0);
	assert_int_equal(before.st_mtim.tv_sec, after.st_mtim.tv_sec);
	assert_int_equal(before.st_mtim.tv_nsec, after.st_mtim.tv_nsec);
}

/* ------------------------------------------- each check, in order --- */

static void test_install_should_refuse_an_oversized_bundle_first(void **state)
{
	/* Too big AND unsigned: the size is reported, it comes first. */
	const char *p = make("big.db", V3, NULL, NULL);
	char err[1024];
	InstallReport rep;
	install_v1_v2();
	opts.max_bytes = 4096;
	Snap s = snap();
	assert_int_equal(install(p, &rep, err, sizeof err), INSTALL_REFUSED);
	assert_int_equal(rep.step, INSTALL_STEP_SIZE);
	assert_non_null(strstr(err, "larger than sync.max_bytes=4096"));
	assert_untouched(&s);
}

static void test_install_should_refuse_a_bundle_changed_after_signing(void **state)
{
	const char *p = make("v3.db", V3, NULL, key);
	FILE *f = fopen(p, "r+b");
	fseek(f, 5000, SEEK_SET);
	int c = fgetc(f);
	fseek(f, 5000, SEEK_SET);
	fputc(c ^ 1, f);
	fclose(f);
	expect_refused(p, INSTALL_STEP_SIGNATURE, "bad signature");
}

static void test_install_should_refuse_a_bundle_signed_with_another_key(void **state)
{
	expect_refused(make("v3.db", V3, NULL, key2), INSTALL_STEP_SIGNATURE, "bad signature: signed with key");
}

static void test_install_should_refuse_a_missing_signature_unless_allowed(void **state)
{
	const char *p = make("v3.db", V3, NULL, NULL);
	expect_refused(p, INSTALL_STEP_SIGNATURE, "no signature");
	char err[1024];
	InstallReport rep;
	opts.allow_unsigned = 1;
	assert_int_equal(install(p, &rep, err, sizeof err), INSTALL_INSTALLED);
	assert_int_equal(version_at(cur), V3);
	/* No stale signature is left beside the unsigned bundle. */
	char sig[400];
	snprintf(sig, sizeof sig, "%s.sig", cur);
	assert_int_equal(access(sig, F_OK), -1);
}

static void test_install_should_check_the_signature_before_the_sqlite_header(void **state)
{
	char p[400];
	snprintf(p, sizeof p, "%s/junk.db", dir);
	FILE *f = fopen(p, "wb");
	for (int i = 0; i < 4096; i++) fputc("not sqlite "[i % 11], f);
	fclose(f);
	expect_refused(p, INSTALL_STEP_SIGNATURE, "no signature");
}

static void test_install_should_refuse_a_signed_file_that_is_not_sqlite(void **state)
{
	char p[400];
	snprintf(p, sizeof p, "%s/junk.db", dir);
	FILE *f = fopen(p, "wb");
	for (int i = 0; i < 4096; i++) fputc("not sqlite "[i % 11], f);
	fclose(f);
	resign(p);
	expect_refused(p, INSTALL_STEP_HEADER, "not an SQLite database");
}

static void test_install_should_refuse_a_truncated_bundle_even_if_signed(void **state)
{
	const char *p = make("v3.db", V3, NULL, NULL);
	struct stat st;
	stat(p, &st);
	assert_int_equal(truncate(p, st.st_size - 4096), 0);
	resign(p);
	expect_refused(p, INSTALL_STEP_HEADER, "truncated");
}

static void test_install_should_refuse_a_wal_mode_file_at_the_header(void **state)
{
	const char *p = make("v3.db", V3, NULL, NULL);
	FILE *f = fopen(p, "r+b");
	fseek(f, 18, SEEK_SET);
	fputc(2, f);
	fputc(2, f);
	fclose(f);
	resign(p);
	expect_refused(p, INSTALL_STEP_HEADER, "WAL");
}

static void test_install_should_refuse_a_malformed_schema_at_open(void **state)
{
	/* Page 1 holds sqlite_schema: break the type byte of its b-tree page. */
	const char *p = make("v3.db", V3, NULL, NULL);
	FILE *f = fopen(p, "r+b");
	fseek(f, 100, SEEK_SET);
	fputc(0x00, f);
	fclose(f);
	resign(p);
	expect_refused(p, INSTALL_STEP_OPEN, "cannot read the SQLite schema");
}

static void test_install_should_refuse_a_corrupt_page_at_integrity_check(void **state)
{
	/* Break the b-tree page header of the last page (a table page, not
	 * the schema), then sign the broken file. */
	const char *p = make("v3.db", V3, NULL, NULL);
	struct stat st;
	stat(p, &st);
	FILE *f = fopen(p, "r+b");
	fseek(f, st.st_size - 4096, SEEK_SET);
	fputc(0x07, f);                 /* no such page type */
	fclose(f);
	resign(p);
	expect_refused(p, INSTALL_STEP_INTEGRITY, "integrity_check failed");
}

static void test_install_should_refuse_a_wrong_schema_version(void **state)
{
	expect_refused(make("v3.db", V3, "UPDATE meta SET value='99' WHERE key='schema_version'", key),
	               INSTALL_STEP_SCHEMA, "wrong schema version 99");
}

static void test_install_should_refuse_a_trigger_or_view_added(void **state)
{
	expect_refused(make("v3.db", V3, "CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END", key),
	               INSTALL_STEP_SCHEMA, "schema differs");
	teardown(state); setup(state);
	expect_refused(make("v3.db", V3, "CREATE VIEW v AS SELECT * FROM items", key),
	               INSTALL_STEP_SCHEMA, "view v");
	teardown(state); setup(state);
	expect_refused(make("v3.db", V3, "CREATE TABLE extra(x)", key), INSTALL_STEP_SCHEMA, "table extra");
}

static void test_install_should_refuse_a_bundle_with_no_items(void **state)
{
	expect_refused(make("v3.db", V3, "DELETE FROM items; DELETE FROM materials; DELETE FROM steps;"
	                    " DELETE FROM departments;", key), INSTALL_STEP_CONTENT, "no departments");
}

static void test_install_should_refuse_an_item_missing_a_disclosure(void **state)
{
	expect_refused(make("v3.db", V3, "UPDATE items SET fees=' ' WHERE rowid=1", key),
	               INSTALL_STEP_CONTENT, "收费标准");
	teardown(state); setup(state);
	expect_refused(make("v3.db", V3, "DELETE FROM steps WHERE item_code=(SELECT code FROM items LIMIT 1)", key),
	               INSTALL_STEP_CONTENT, "办理流程");
	teardown(state); setup(state);
	expect_refused(make("v3.db", V3, "DELETE FROM materials WHERE item_code=(SELECT code FROM items LIMIT 1)", key),
	               INSTALL_STEP_CONTENT, "申请材料");
	teardown(state); setup(state);
	expect_refused(make("v3.db", V3, "UPDATE items SET legal_unit=0 WHERE rowid=1", key),
	               INSTALL_STEP_CONTENT, "法定时限");
}

static void test_install_should_refuse_a_downgrade_unless_allowed(void **state)
{
	const char *old = make("v0.db", V1 - 1, NULL, key);
	expect_refused(old, INSTALL_STEP_VERSION, "refusing to downgrade");
	char err[1024];
	InstallReport rep;
	opts.allow_downgrade = 1;
	assert_int_equal(install(old, &rep, err, sizeof err), INSTALL_INSTALLED);
	assert_int_equal(version_at(cur), V1 - 1);
	assert_int_equal(version_at(prev), V2);
}

static void test_install_should_leave_current_alone_when_staging_cannot_be_written(void **state)
{
	/* A full disk, simulated with a file size limit: writing the staged
	 * copy fails part-way (EFBIG instead of ENOSPC; the same path). */
	char err[1024];
	InstallReport rep;
	install_v1_v2();
	const char *p = make("v3.db", V3, NULL, key);
	struct stat st;
	stat(p, &st);
	Snap s = snap();
	struct rlimit old, lim;
	getrlimit(RLIMIT_FSIZE, &old);
	lim = old;
	lim.rlim_cur = (rlim_t)st.st_size / 2;
	signal(SIGXFSZ, SIG_IGN);
	setrlimit(RLIMIT_FSIZE, &lim);
	InstallResult r = install(p, &rep, err, sizeof err);
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, SIG_DFL);
	assert_int_equal(r, INSTALL_FAILED);
	assert_non_null(strstr(err, "staging/incoming.db: write:"));
	assert_untouched(&s);
	char inc[400];
	snprintf(inc, sizeof inc, "%s/staging/incoming.db", data);
	assert_int_equal(access(inc, F_OK), -1);     /* the partial copy is gone */
	assert_int_equal(install(p, &rep, err, sizeof err), INSTALL_INSTALLED);
}

static void test_install_should_not_disturb_a_reader_of_the_old_bundle(void **state)
{
	/* The kiosk has current.db open while an install swaps it: its Bundle
	 * keeps reading the old file; a fresh open reads the new one. */
	char err[1024];
	InstallReport rep;
	Arena a = { 0 };
	install_v1_v2();
	Bundle *old = bundle_open_readonly(cur, err, sizeof err);
	assert_non_null(old);
	Guide *g = bundle_load_index(old, err, sizeof err);
	assert_non_null(g);
	assert_int_equal(install(make("v3.db", V3, NULL, key), &rep, err, sizeof err), INSTALL_INSTALLED);
	assert_int_equal(bundle_meta(old)->bundle_version, V2);
	Item *it = bundle_load_item(old, g->depts[0].items[0].code, &a, err, sizeof err);
	assert_non_null(it);
	assert_true(it->n_materials > 0);
	assert_int_equal(version_at(cur), V3);
	arena_free(&a);
	guide_free(g);
	bundle_close(old);
}

/* -------------------------------------------- rollback, lock, status --- */

static void test_rollback_should_swap_current_and_previous_and_hold_the_version(void **state)
{
	char err[1024];
	InstallReport rep;
	install_v1_v2();
	assert_int_equal(install_rollback(&opts, err, sizeof err), 0);
	assert_int_equal(version_at(cur), V1);
	assert_int_equal(version_at(prev), V2);
	Status s;
	install_status(data, &s);
	assert_string_equal(s.attempt_result, "rolled_back");
	assert_int_equal(s.held_version, V2);
	assert_int_equal(s.current.version, V1);
	assert_int_equal(s.previous.version, V2);
	/* The rolled-back version is not reinstalled by the next sync... */
	assert_int_equal(install(make("v2b.db", V2, NULL, key), &rep, err, sizeof err), INSTALL_REFUSED);
	assert_int_equal(rep.step, INSTALL_STEP_VERSION);
	assert_non_null(strstr(err, "rolled back"));
	/* ...but a newer one is, and clears the hold. */
	assert_int_equal(install(make("v3.db", V3, NULL, key), &rep, err, sizeof err), INSTALL_INSTALLED);
	status_load(data, &s);
	assert_int_equal(s.held_version, 0);
	/* Rolling back twice is a redo. */
	assert_int_equal(install_rollback(&opts, err, sizeof err), 0);
	assert_int_equal(install_rollback(&opts, err, sizeof err), 0);
	assert_int_equal(version_at(cur), V3);
	assert_int_equal(version_at(prev), V1);
}

static void test_rollback_should_refuse_without_a_good_previous(void **state)
{
	char err[1024];
	InstallReport rep;
	assert_int_equal(install(make("v1.db", V1, NULL, key), &rep, err, sizeof err), INSTALL_INSTALLED);
	assert_int_equal(install_rollback(&opts, err, sizeof err), -1);
	assert_non_null(strstr(err, "no previous bundle"));
	assert_int_equal(version_at(cur), V1);
	/* A damaged previous.db is not put in place. */
	assert_int_equal(install(make("v2.db", V2, NULL, key), &rep, err, sizeof err), INSTALL_INSTALLED);
	FILE *f = fopen(prev, "r+b");
	fseek(f, 3000, SEEK_SET);
	fputc('X', f);
	fclose(f);
	Snap s = snap();
	assert_int_equal(install_rollback(&opts, err, sizeof err), -1);
	assert_non_null(strstr(err, "bad signature"));
	assert_untouched(&s);
}

static void test_install_should_refuse_to_run_while_another_holds_the_lock(void **state)
{
	char err[1024], lock[400];
	InstallReport rep;
	install_v1_v2();
	snprintf(lock, sizeof lock, "%s/sync.lock", data);
	int fd = open(lock, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	Snap s = snap();
	assert_int_equal(install(make("v3.db", V3, NULL, key), &rep, err, sizeof err), INSTALL_FAILED);
	assert_non_null(strstr(err, "another kioskctl"));
	assert_int_equal(install_rollback(&opts, err, sizeof err), -1);
	assert_untouched(&s);
	close(fd);
	assert_int_equal(install(make("v3.db", V3, NULL, key), &rep, err, sizeof err), INSTALL_INSTALLED);
}

static void test_status_should_describe_versions_and_the_last_attempt_as_json(void **state)
{
	char err[1024];
	InstallReport rep;
	install_v1_v2();
	const char *bad = make("v3.db", V3, NULL, key2);
	assert_int_equal(install(bad, &rep, err, sizeof err), INSTALL_REFUSED);
	Status s;
	install_status(data, &s);
	char *json = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&json, &n);
	status_write_json(f, &s);
	fclose(f);
	/* The JSON parses back to the versions and the refused attempt. */
	char want[600];
	Status back;
	assert_int_equal(status_parse(json, n, &back), 0);
	assert_int_equal(back.current.version, V2);
	assert_int_equal(back.previous.present, 1);
	assert_int_equal(back.previous.version, V1);
	assert_string_equal(back.attempt_source, bad);
	assert_string_equal(back.attempt_result, "refused");
	snprintf(want, sizeof want, "%s: bad signature", bad);
	assert_memory_equal(back.attempt_error, want, strlen(want));
	assert_string_equal(back.attempt_error, s.attempt_error);
	snprintf(want, sizeof want, "\"version\":\t%lld,", V2);
	assert_non_null(strstr(json, want));
	free(json);
	/* A damaged status.json reads as empty, and is rewritten. */
	char p[400];
	snprintf(p, sizeof p, "%s/status.json", data);
	f = fopen(p, "w");
	fputs("{\"current\": {\"versi", f);
	fclose(f);
	status_load(data, &back);
	assert_string_equal(back.attempt_result, "");
	assert_int_equal(install(make("v3b.db", V3, NULL, key), &rep, err, sizeof err), INSTALL_INSTALLED);
	status_load(data, &back);
	assert_string_equal(back.attempt_result, "installed");
}

static void test_status_parse_should_survive_odd_input(void **state)
{
	static const char *const cases[] = {
		"", "{", "}", "[]", "{\"a\":}", "{\"kiosk\": {\"error\": \"\\u00e9\\\"x\"}}",
		"{\"last_attempt\": {\"error\": \"unterminated", "{\"x\": {\"y\": {\"z\": {\"w\": {\"v\": {\"u\": {\"t\": {\"s\": {\"r\": 1}}}}}}}}}",
		"{\"held_version\": 12, \"held_version\": null}",
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		Status s;
		status_parse(cases[i], strlen(cases[i]), &s);
	}
	Status s;
	assert_int_equal(status_parse("{\"kiosk\": {\"error\": \"a\\\"b\\nc\"}, \"held_version\": 7}", 52, &s), 0);
	assert_string_equal(s.kiosk_error, "a\"b\nc");
	assert_int_equal(s.held_version, 7);
}

/* ------------------------------------------------------- live pickup --- */

static void test_install_current_changed_should_report_each_new_bundle_once(void **state)
{
	char err[1024];
	InstallReport rep;
	InstallWatch w;
	assert_int_equal(install_watch_init(data, &w), -1);     /* nothing yet */
	assert_int_equal(install_current_changed(data, &w), 0);
	assert_int_equal(install(make("v1.db", V1, NULL, key), &rep, err, sizeof err), INSTALL_INSTALLED);
	assert_int_equal(install_current_changed(data, &w), 1);  /* appeared */
	assert_int_equal(install_current_changed(data, &w), 0);
	/* A refused install changes nothing the kiosk can see. */
	assert_int_equal(install(make("bad.db", V2, NULL, key2), &rep, err, sizeof err), INSTALL_REFUSED);
	assert_int_equal(install_current_changed(data, &w), 0);
	assert_int_equal(install(make("v2.db", V2, NULL, key), &rep, err, sizeof err), INSTALL_INSTALLED);
	assert_int_equal(install_current_changed(data, &w), 1);
	assert_int_equal(install_current_changed(data, &w), 0);
	assert_int_equal(install_rollback(&opts, err, sizeof err), 0);
	assert_int_equal(install_current_changed(data, &w), 1);
	/* current.db gone (someone deleted it): keep what we have. */
	unlink(cur);
	assert_int_equal(install_current_changed(data, &w), 0);
}

static void test_install_record_open_should_tell_status_why_the_old_one_stays(void **state)
{
	char err[1024];
	InstallReport rep;
	install_v1_v2();
	assert_int_equal(install_record_open_success(data, V2), 0);
	Status s;
	status_load(data, &s);
	assert_int_equal(s.kiosk_version, V2);
	assert_string_equal(s.kiosk_error, "");
	assert_int_equal(install_record_open_failure(data, "current.db: file is not a database"), 0);
	status_load(data, &s);
	assert_string_equal(s.kiosk_error, "current.db: file is not a database");
	assert_int_equal(s.kiosk_version, V2);      /* still serving V2 */
	assert_string_not_equal(s.kiosk_time, "");
	/* An install after that keeps the kiosk's note. */
	assert_int_equal(install(make("v3.db", V3, NULL, key), &rep, err, sizeof err), INSTALL_INSTALLED);
	status_load(data, &s);
	assert_string_equal(s.kiosk_error, "current.db: file is not a database");
	assert_string_equal(s.attempt_result, "installed");
}

static void test_sync_should_install_from_a_usb_directory(void **state)
{
	char usb[400], err[4096], glob[420], cmd[1000];
	snprintf(usb, sizeof usb, "%s/media/stick1/kiosk", dir);
	snprintf(cmd, sizeof cmd, "mkdir -p '%s' '%s/media/empty/kiosk'", usb, dir);
	assert_int_equal(system(cmd), 0);
	const char *p = make("v1.db", V1, NULL, key);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s/bundle.db' && cp '%s.sig' '%s/bundle.db.sig'", p, usb, p, usb);
	assert_int_equal(system(cmd), 0);
	snprintf(glob, sizeof glob, "%s/media/*/kiosk", dir);
	assert_int_equal(install_sync(&opts, glob, "", err, sizeof err), INSTALL_INSTALLED);
	assert_int_equal(version_at(cur), V1);
	assert_int_equal(install_sync(&opts, glob, "", err, sizeof err), INSTALL_UNCHANGED);
	snprintf(glob, sizeof glob, "%s/nowhere/*", dir);
	assert_int_equal(install_sync(&opts, glob, "", err, sizeof err), INSTALL_NOTHING);
	assert_non_null(strstr(err, "no bundle found"));
}


/* ------------------------------------------- crash between renames --- */

/* 1 if name.db and name.db.sig in data.dir pass the signature check. */
static int pair_agrees(const char *name)
{
	char db[400], sig[420], err[1024];
	snprintf(db, sizeof db, "%s/%s.db", data, name);
	snprintf(sig, sizeof sig, "%s.sig", db);
	return sign_verify_file(db, sig, pub, err, sizeof err) == 0;
}

/* name.db and its .sig agree, and the bundle has version v. */
static void assert_pair(const char *name, int64_t v)
{
	char db[400];
	if (!pair_agrees(name)) fail_msg("%s.db and %s.db.sig do not agree", name, name);
	snprintf(db, sizeof db, "%s/%s.db", data, name);
	assert_int_equal(version_at(db), v);
}

static void install_v2_child(void)
{
	char err[1024];
	InstallReport rep;
	install(make("v2.db", V2, NULL, key), &rep, err, sizeof err);
}

static void rollback_child(void)
{
	char err[1024];
	install_rollback(&opts, err, sizeof err);
}

/* The next sync (the timer's, or a stick's) finds nothing to install
 * but takes the lock, which finishes a swap a crash cut short. */
static void next_sync(void)
{
	char err[1024], glob[400];
	snprintf(glob, sizeof glob, "%s/nowhere/*", dir);
	assert_int_equal(install_sync(&opts, glob, "", err, sizeof err), INSTALL_NOTHING);
}

/* Issue 13: a crash after current.db was renamed into place but before
 * current.db.sig was left the old signature beside the new bundle. */
static void test_install_should_leave_a_matching_signature_after_a_crash_between_the_renames(void **state)
{
	char err[1024], jp[400];
	InstallReport rep;
	assert_int_equal(install(make("v1.db", V1, NULL, key), &rep, err, sizeof err), INSTALL_INSTALLED);
	crash_during(install_v2_child, "/current.db.sig");
	/* The crash point is real: the new bundle is in place, its
	 * signature is not yet. */
	assert_int_equal(version_at(cur), V2);
	assert_false(pair_agrees("current"));
	next_sync();
	assert_pair("current", V2);
	assert_pair("previous", V1);
	snprintf(jp, sizeof jp, "%s/staging/swap.journal", data);
	assert_int_equal(access(jp, F_OK), -1);
	/* And the install is whole: the same bundle again is "unchanged". */
	assert_int_equal(install(make("v2.db", V2, NULL, key), &rep, err, sizeof err), INSTALL_UNCHANGED);
}

/* A crash before either rename, once the swap is decided, finishes it. */
static void test_install_should_finish_a_decided_swap_after_a_crash_before_it(void **state)
{
	char err[1024];
	InstallReport rep;
	assert_int_equal(install(make("v1.db", V1, NULL, key), &rep, err, sizeof err), INSTALL_INSTALLED);
	crash_during(install_v2_child, "/current.db");
	assert_int_equal(version_at(cur), V1);
	next_sync();
	assert_pair("current", V2);
	assert_pair("previous", V1);
}

/* Rollback moves two pairs with four renames; a crash before any of them
 * leaves both pairs whole after the next sync. */
static void test_rollback_should_leave_both_pairs_matching_after_a_crash_at_any_rename(void **state)
{
	static const char *const at[] = { "/current.db", "/current.db.sig", "/previous.db", "/previous.db.sig" };
	char cmd[400];
	for (size_t i = 0; i < sizeof at / sizeof *at; i++) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", data);
		assert_int_equal(system(cmd), 0);
		install_v1_v2();
		crash_during(rollback_child, at[i]);
		if (i == 1) assert_false(pair_agrees("current"));   /* V1 beside V2's signature */
		next_sync();
		assert_pair("current", V1);
		assert_pair("previous", V2);
	}
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_install_should_put_a_good_bundle_in_place_and_keep_the_old_one),
		T(test_install_should_never_write_to_the_source),
		T(test_install_should_refuse_an_oversized_bundle_first),
		T(test_install_should_refuse_a_bundle_changed_after_signing),
		T(test_install_should_refuse_a_bundle_signed_with_another_key),
		T(test_install_should_refuse_a_missing_signature_unless_allowed),
		T(test_install_should_check_the_signature_before_the_sqlite_header),
		T(test_install_should_refuse_a_signed_file_that_is_not_sqlite),
		T(test_install_should_refuse_a_truncated_bundle_even_if_signed),
		T(test_install_should_refuse_a_wal_mode_file_at_the_header),
		T(test_install_should_refuse_a_malformed_schema_at_open),
		T(test_install_should_refuse_a_corrupt_page_at_integrity_check),
		T(test_install_should_refuse_a_wrong_schema_version),
		T(test_install_should_refuse_a_trigger_or_view_added),
		T(test_install_should_refuse_a_bundle_with_no_items),
		T(test_install_should_refuse_an_item_missing_a_disclosure),
		T(test_install_should_refuse_a_downgrade_unless_allowed),
		T(test_install_should_leave_current_alone_when_staging_cannot_be_written),
		T(test_install_should_not_disturb_a_reader_of_the_old_bundle),
		T(test_rollback_should_swap_current_and_previous_and_hold_the_version),
		T(test_rollback_should_refuse_without_a_good_previous),
		T(test_install_should_refuse_to_run_while_another_holds_the_lock),
		T(test_status_should_describe_versions_and_the_last_attempt_as_json),
		T(test_status_parse_should_survive_odd_input),
		T(test_install_current_changed_should_report_each_new_bundle_once),
		T(test_install_record_open_should_tell_status_why_the_old_one_stays),
		T(test_sync_should_install_from_a_usb_directory),
		T(test_install_should_leave_a_matching_signature_after_a_crash_between_the_renames),
		T(test_install_should_finish_a_decided_swap_after_a_crash_before_it),
		T(test_rollback_should_leave_both_pairs_matching_after_a_crash_at_any_rename),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, group_teardown);
}
