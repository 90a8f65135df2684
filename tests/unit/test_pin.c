/* test_pin.c — the maintenance PIN: Argon2id hash and verify, wrong PINs,
 * the lockout after five wrong PINs (five minutes, doubling each time, on a
 * fake clock), reset after the right PIN; and the audit log's lines. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>
#include <sodium.h>
#include "ops/audit.h"
#include "ops/pin.h"

#define MIN 60000LL

/* Cheapest Argon2id cost: the tests are about behaviour, not cost. */
static void hash_cheap(const char *pin, char *out)
{
	char err[256];
	assert_int_equal(pin_hash_cost(pin, crypto_pwhash_argon2id_OPSLIMIT_MIN,
	                               crypto_pwhash_argon2id_MEMLIMIT_MIN, out, err, sizeof err), 0);
}

static void test_pin_should_verify_its_own_hash(void **state)
{
	char h[PIN_HASH_MAX];
	hash_cheap("246810", h);
	assert_true(strncmp(h, "$argon2id$", 10) == 0);
	assert_null(strstr(h, "246810"));               /* the PIN itself is not in it */
	assert_int_equal(pin_verify(h, "246810"), 1);
}

static void test_pin_should_refuse_a_wrong_pin(void **state)
{
	char h[PIN_HASH_MAX];
	hash_cheap("246810", h);
	assert_int_equal(pin_verify(h, "246811"), 0);
	assert_int_equal(pin_verify(h, "24681"), 0);
	assert_int_equal(pin_verify(h, ""), 0);
	assert_int_equal(pin_verify(h, "2468100"), 0);
}

static void test_pin_should_salt_each_hash(void **state)
{
	char a[PIN_HASH_MAX], b[PIN_HASH_MAX];
	hash_cheap("1357", a);
	hash_cheap("1357", b);
	assert_string_not_equal(a, b);
	assert_int_equal(pin_verify(b, "1357"), 1);
}

static void test_pin_should_open_nothing_without_a_hash(void **state)
{
	assert_int_equal(pin_verify("", "1234"), -1);
	assert_int_equal(pin_verify("1234", "1234"), -1);      /* a PIN in clear is no hash */
	assert_int_equal(pin_verify("$argon2i$v=19$m=8,t=1,p=1$x$y", "1234"), -1);
}

static void test_pin_should_accept_only_4_to_12_digits(void **state)
{
	static const struct { const char *pin; int ok; } cases[] = {
		{"1234", 1}, {"123456789012", 1}, {"123", 0}, {"1234567890123", 0},
		{"12a4", 0}, {"12 34", 0}, {"", 0}, {"０１２３", 0},
	};
	char h[PIN_HASH_MAX], err[256];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_int_equal(pin_is_valid(cases[i].pin), cases[i].ok);
		if (!cases[i].ok) assert_int_equal(pin_hash_cost(cases[i].pin, 1, 8192, h, err, sizeof err), -1);
	}
}

static void test_pin_guard_should_lock_after_five_wrong_for_five_minutes(void **state)
{
	PinGuard g;
	pin_guard_init(&g, 5, 5 * MIN);
	int64_t t = 1000;
	for (int i = 0; i < 4; i++) {
		assert_int_equal(pin_guard_fail(&g, t), 0);
		assert_int_equal(pin_guard_locked_ms(&g, t), 0);
		t += 2000;
	}
	assert_int_equal(pin_guard_tries_left(&g), 1);
	assert_int_equal(pin_guard_fail(&g, t), 5 * MIN);
	assert_int_equal(pin_guard_locked_ms(&g, t), 5 * MIN);
	assert_int_equal(pin_guard_locked_ms(&g, t + 5 * MIN - 1), 1);
	assert_int_equal(pin_guard_locked_ms(&g, t + 5 * MIN), 0);
}

static void test_pin_guard_should_not_count_entries_while_locked(void **state)
{
	PinGuard g;
	pin_guard_init(&g, 5, 5 * MIN);
	for (int i = 0; i < 5; i++) pin_guard_fail(&g, 0);
	assert_int_equal(pin_guard_fail(&g, MIN), 0);          /* refused, not counted */
	assert_int_equal(pin_guard_locked_ms(&g, MIN), 4 * MIN);
	assert_int_equal(pin_guard_tries_left(&g), 5);
}

static void test_pin_guard_should_double_each_lockout(void **state)
{
	PinGuard g;
	pin_guard_init(&g, 5, 5 * MIN);
	int64_t t = 0, want = 5 * MIN;
	for (int round = 0; round < 4; round++) {
		for (int i = 0; i < 4; i++) assert_int_equal(pin_guard_fail(&g, t), 0);
		assert_int_equal(pin_guard_fail(&g, t), want);      /* 5, 10, 20, 40 min */
		t += want;
		want *= 2;
	}
}

static void test_pin_guard_should_cap_the_lockout_at_a_day(void **state)
{
	PinGuard g;
	pin_guard_init(&g, 1, 5 * MIN);
	int64_t t = 0, last = 0;
	for (int i = 0; i < 40; i++) { last = pin_guard_fail(&g, t); t += last; }
	assert_int_equal(last, PIN_LOCK_MAX_MS);
}

static void test_pin_guard_should_reset_after_the_right_pin(void **state)
{
	PinGuard g;
	pin_guard_init(&g, 5, 5 * MIN);
	for (int i = 0; i < 5; i++) pin_guard_fail(&g, 0);     /* locked 5 min */
	for (int i = 0; i < 3; i++) pin_guard_fail(&g, 5 * MIN);
	pin_guard_success(&g);
	assert_int_equal(pin_guard_tries_left(&g), 5);
	for (int i = 0; i < 4; i++) assert_int_equal(pin_guard_fail(&g, 6 * MIN), 0);
	/* The doubling starts over too: 5 minutes again, not 10. */
	assert_int_equal(pin_guard_fail(&g, 6 * MIN), 5 * MIN);
}

static void test_audit_should_append_one_line_per_event(void **state)
{
	char dir[] = "/tmp/kiosk-test-audit-XXXXXX", path[128], err[256], buf[1024];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/audit.log", dir);
	assert_int_equal(audit_append(path, 1741000000, "pin-wrong", "try 1 of 5", err, sizeof err), 0);
	assert_int_equal(audit_append(path, 1741000005, "sync-usb", "line\nbreak", err, sizeof err), 0);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	assert_non_null(strstr(buf, " pin-wrong try 1 of 5\n"));
	assert_non_null(strstr(buf, " sync-usb line break\n"));
	int lines = 0;
	for (size_t i = 0; i < n; i++) lines += buf[i] == '\n';
	assert_int_equal(lines, 2);
	assert_int_equal(audit_append("/nonexistent-dir/audit.log", 0, "x", "", err, sizeof err), -1);
	assert_non_null(strstr(err, "/nonexistent-dir/audit.log"));
	unlink(path);
	rmdir(dir);
}

/* ------------------------------------------------- state across restarts */

static char st_dir[64], st_path[128];

static void st_setup(void)
{
	snprintf(st_dir, sizeof st_dir, "/tmp/kiosk-test-pinstate-XXXXXX");
	assert_non_null(mkdtemp(st_dir));
	snprintf(st_path, sizeof st_path, "%s/" PIN_STATE_FILE, st_dir);
}

static void st_teardown(void)
{
	char tmp[160];
	unlink(st_path);
	snprintf(tmp, sizeof tmp, "%s.tmp", st_path);
	unlink(tmp);
	assert_int_equal(rmdir(st_dir), 0);     /* no stray temp file left */
}

static void st_write(const char *text)
{
	FILE *f = fopen(st_path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* A clock at wall ms w, boot ms b, in boot id. */
static PinClock clk(int64_t w, int64_t b, const char *id)
{
	PinClock c;
	memset(&c, 0, sizeof c);
	c.wall_ms = w;
	c.boot_ms = b;
	snprintf(c.boot_id, sizeof c.boot_id, "%s", id);
	return c;
}

#define WALL0 1764640000000LL

static void test_pin_state_missing_file_should_mean_no_lock(void **state)
{
	st_setup();
	PinGuard g;
	char err[512];
	pin_guard_init(&g, 5, 5 * MIN);
	PinClock c = clk(WALL0, 1000, "boot-a");
	assert_int_equal(pin_state_load(st_path, &g, 0, &c, err, sizeof err), 1);
	assert_int_equal(pin_guard_locked_ms(&g, 0), 0);
	assert_int_equal(pin_guard_tries_left(&g), 5);
	st_teardown();
}

static void test_pin_state_should_keep_tries_across_a_restart(void **state)
{
	st_setup();
	PinGuard g, h;
	char err[512];
	pin_guard_init(&g, 5, 5 * MIN);
	for (int i = 0; i < 3; i++) pin_guard_fail(&g, 100);
	PinClock c = clk(WALL0, 1000, "boot-a");
	assert_int_equal(pin_state_save(st_path, &g, 100, &c, err, sizeof err), 0);
	pin_guard_init(&h, 5, 5 * MIN);               /* a new process, its clock at 0 */
	assert_int_equal(pin_state_load(st_path, &h, 0, &c, err, sizeof err), 0);
	assert_int_equal(pin_guard_tries_left(&h), 2);
	assert_int_equal(pin_guard_locked_ms(&h, 0), 0);
	st_teardown();
}

static void test_pin_state_should_keep_the_lock_on_the_wall_clock(void **state)
{
	st_setup();
	PinGuard g, h;
	char err[512];
	pin_guard_init(&g, 5, 5 * MIN);
	for (int i = 0; i < 5; i++) pin_guard_fail(&g, 7000);   /* locked 5 min at guard time 7 s */
	PinClock c = clk(WALL0, 50000, "boot-a");
	assert_int_equal(pin_state_save(st_path, &g, 7000, &c, err, sizeof err), 0);
	/* Power cut: another boot, 2 minutes later on the wall clock. */
	pin_guard_init(&h, 5, 5 * MIN);
	PinClock later = clk(WALL0 + 2 * MIN, 9000, "boot-b");
	assert_int_equal(pin_state_load(st_path, &h, 0, &later, err, sizeof err), 0);
	assert_int_equal(pin_guard_locked_ms(&h, 0), 3 * MIN);
	assert_int_equal(h.lockouts, 1);
	/* It ends when it should, and the next lockout doubles. */
	assert_int_equal(pin_guard_locked_ms(&h, 3 * MIN), 0);
	for (int i = 0; i < 4; i++) assert_int_equal(pin_guard_fail(&h, 3 * MIN), 0);
	assert_int_equal(pin_guard_fail(&h, 3 * MIN), 10 * MIN);
	/* Restarted after the lock ran out: open. */
	pin_guard_init(&h, 5, 5 * MIN);
	PinClock much_later = clk(WALL0 + 6 * MIN, 9000, "boot-c");
	assert_int_equal(pin_state_load(st_path, &h, 0, &much_later, err, sizeof err), 0);
	assert_int_equal(pin_guard_locked_ms(&h, 0), 0);
	st_teardown();
}

static void test_pin_state_should_not_lengthen_the_lock_when_the_clock_goes_back(void **state)
{
	st_setup();
	PinGuard g, h;
	char err[512];
	pin_guard_init(&g, 5, 5 * MIN);
	for (int i = 0; i < 5; i++) pin_guard_fail(&g, 0);
	PinClock c = clk(WALL0, 1000, "boot-a");
	assert_int_equal(pin_state_save(st_path, &g, 0, &c, err, sizeof err), 0);
	/* The wall clock is set back a year: the lock is the 5 minutes written,
	 * not a year and 5 minutes. */
	pin_guard_init(&h, 5, 5 * MIN);
	PinClock back = clk(WALL0 - 365LL * 24 * 60 * MIN, 500, "boot-b");
	assert_int_equal(pin_state_load(st_path, &h, 0, &back, err, sizeof err), 0);
	assert_int_equal(pin_guard_locked_ms(&h, 0), 5 * MIN);
	st_teardown();
}

static void test_pin_state_should_use_the_boot_clock_within_one_boot(void **state)
{
	st_setup();
	PinGuard g, h;
	char err[512];
	pin_guard_init(&g, 5, 5 * MIN);
	for (int i = 0; i < 5; i++) pin_guard_fail(&g, 0);
	PinClock c = clk(WALL0, 100000, "boot-a");
	assert_int_equal(pin_state_save(st_path, &g, 0, &c, err, sizeof err), 0);
	/* Killed and restarted 1 minute later, same boot, but someone moved
	 * the wall clock an hour forward: the boot clock decides. */
	pin_guard_init(&h, 5, 5 * MIN);
	PinClock fwd = clk(WALL0 + 60 * MIN, 100000 + MIN, "boot-a");
	assert_int_equal(pin_state_load(st_path, &h, 0, &fwd, err, sizeof err), 0);
	assert_int_equal(pin_guard_locked_ms(&h, 0), 4 * MIN);
	st_teardown();
}

static void test_pin_state_should_fail_safe_on_a_corrupt_file(void **state)
{
	static const char *const bad[] = {
		"",
		"garbage\n",
		"kiosk-pin-state 1\nfails 2\n",                 /* truncated */
		"kiosk-pin-state 1\nfails x\nlockouts 0\nlock_ms 0\nuntil_wall_ms 0\nboot_id -\nuntil_boot_ms 0\nend\n",
		"kiosk-pin-state 1\nfails 0\nlockouts 0\nlock_ms 0\nuntil_wall_ms 0\nboot_id -\nuntil_boot_ms 0\n",
		"kiosk-pin-state 1\nfails -1\nlockouts 0\nlock_ms 0\nuntil_wall_ms 0\nboot_id -\nuntil_boot_ms 0\nend\n",
		"kiosk-pin-state 1\nfails 0\nlockouts 0\nlock_ms 0\nuntil_wall_ms 0\nboot_id -\nuntil_boot_ms 0\nend\nmore\n",
	};
	st_setup();
	char err[512];
	PinClock c = clk(WALL0, 1000, "boot-a");
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		PinGuard g;
		pin_guard_init(&g, 5, 5 * MIN);
		st_write(bad[i]);
		err[0] = 0;
		assert_int_equal(pin_state_load(st_path, &g, 1000, &c, err, sizeof err), -1);
		assert_int_equal(pin_guard_locked_ms(&g, 1000), 5 * MIN);
		assert_non_null(strstr(err, st_path));
	}
	/* The good form of the same file loads. */
	PinGuard g;
	pin_guard_init(&g, 5, 5 * MIN);
	st_write("kiosk-pin-state 1\nfails 1\nlockouts 0\nlock_ms 0\nuntil_wall_ms 0\nboot_id -\nuntil_boot_ms 0\nend\n");
	assert_int_equal(pin_state_load(st_path, &g, 1000, &c, err, sizeof err), 0);
	assert_int_equal(pin_guard_tries_left(&g), 4);
	st_teardown();
}

static void test_pin_state_should_fail_safe_on_an_unreadable_file(void **state)
{
	st_setup();
	char err[512];
	PinGuard g;
	pin_guard_init(&g, 5, 5 * MIN);
	PinClock c = clk(WALL0, 1000, "boot-a");
	assert_int_equal(mkdir(st_path, 0700), 0);        /* a directory where the file should be */
	assert_int_equal(pin_state_load(st_path, &g, 0, &c, err, sizeof err), -1);
	assert_int_equal(pin_guard_locked_ms(&g, 0), 5 * MIN);
	/* Saving over it fails with a message, and leaves no temp file. */
	assert_int_equal(pin_state_save(st_path, &g, 0, &c, err, sizeof err), -1);
	assert_non_null(strstr(err, st_path));
	assert_int_equal(rmdir(st_path), 0);
	st_teardown();
}

static void test_pin_state_save_should_replace_the_file_whole(void **state)
{
	st_setup();
	PinGuard g;
	char err[512], buf[1024];
	pin_guard_init(&g, 5, 5 * MIN);
	PinClock c = clk(WALL0, 1000, "boot-a");
	st_write("old contents that are longer than the new state file will ever be, old contents, "
	         "old contents, old contents, old contents, old contents, old contents, old contents, "
	         "old contents, old contents, old contents, old contents, old contents, old contents\n");
	assert_int_equal(pin_state_save(st_path, &g, 0, &c, err, sizeof err), 0);
	FILE *f = fopen(st_path, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	assert_int_equal(strncmp(buf, "kiosk-pin-state 1\n", 18), 0);
	assert_null(strstr(buf, "old contents"));
	assert_true(n > 5 && strcmp(buf + n - 4, "end\n") == 0);
	st_teardown();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pin_should_verify_its_own_hash),
		cmocka_unit_test(test_pin_should_refuse_a_wrong_pin),
		cmocka_unit_test(test_pin_should_salt_each_hash),
		cmocka_unit_test(test_pin_should_open_nothing_without_a_hash),
		cmocka_unit_test(test_pin_should_accept_only_4_to_12_digits),
		cmocka_unit_test(test_pin_guard_should_lock_after_five_wrong_for_five_minutes),
		cmocka_unit_test(test_pin_guard_should_not_count_entries_while_locked),
		cmocka_unit_test(test_pin_guard_should_double_each_lockout),
		cmocka_unit_test(test_pin_guard_should_cap_the_lockout_at_a_day),
		cmocka_unit_test(test_pin_guard_should_reset_after_the_right_pin),
		cmocka_unit_test(test_audit_should_append_one_line_per_event),
		cmocka_unit_test(test_pin_state_missing_file_should_mean_no_lock),
		cmocka_unit_test(test_pin_state_should_keep_tries_across_a_restart),
		cmocka_unit_test(test_pin_state_should_keep_the_lock_on_the_wall_clock),
		cmocka_unit_test(test_pin_state_should_not_lengthen_the_lock_when_the_clock_goes_back),
		cmocka_unit_test(test_pin_state_should_use_the_boot_clock_within_one_boot),
		cmocka_unit_test(test_pin_state_should_fail_safe_on_a_corrupt_file),
		cmocka_unit_test(test_pin_state_should_fail_safe_on_an_unreadable_file),
		cmocka_unit_test(test_pin_state_save_should_replace_the_file_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
