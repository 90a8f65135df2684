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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
