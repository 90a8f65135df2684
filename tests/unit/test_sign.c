/* test_sign.c — Ed25519 bundle signatures: a good signature verifies; one
 * flipped byte in the file or the signature, or another key, fails; keys
 * are never overwritten and the secret key stays private. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "update/sign.h"

static char dir[256], file[300], sig[300], key[300], pub[300], key2[300], pub2[300];

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static char *slurp(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}

static void flip_byte(const char *path, long off)
{
	FILE *f = fopen(path, "r+b");
	assert_non_null(f);
	fseek(f, off, SEEK_SET);
	int c = fgetc(f);
	fseek(f, off, SEEK_SET);
	fputc(c ^ 0x01, f);
	fclose(f);
}

static int setup(void **state)
{
	char err[512];
	snprintf(dir, sizeof dir, "/tmp/kiosk-test-sign-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof file, "%s/bundle.db", dir);
	snprintf(sig, sizeof sig, "%s/bundle.db.sig", dir);
	snprintf(key, sizeof key, "%s/a.key", dir);
	snprintf(pub, sizeof pub, "%s/a.pub", dir);
	snprintf(key2, sizeof key2, "%s/b.key", dir);
	snprintf(pub2, sizeof pub2, "%s/b.pub", dir);
	snprintf(err, sizeof err, "%s/a", dir);
	assert_int_equal(sign_keygen(err, err, sizeof err), 0);
	snprintf(err, sizeof err, "%s/b", dir);
	assert_int_equal(sign_keygen(err, err, sizeof err), 0);
	write_text(file, "pretend this is a bundle: 政务服务 guide data\n");
	assert_int_equal(sign_file(file, key, sig, err, sizeof err), 0);
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

static void test_sign_should_verify_a_good_signature(void **state)
{
	char err[512] = "";
	assert_int_equal(sign_verify_file(file, sig, pub, err, sizeof err), 0);
}

static void test_sign_should_refuse_a_flipped_byte_in_the_file(void **state)
{
	char err[512] = "";
	flip_byte(file, 10);
	assert_int_equal(sign_verify_file(file, sig, pub, err, sizeof err), -1);
	assert_non_null(strstr(err, "bad signature"));
	assert_non_null(strstr(err, file));
}

static void test_sign_should_refuse_a_flipped_byte_in_the_signature(void **state)
{
	char err[512] = "", text[1024];
	snprintf(text, sizeof text, "%s", slurp(sig));
	/* Line 3 is base64; change one character to another valid one. */
	char *b64 = strchr(strchr(text, '\n') + 1, '\n') + 1;
	b64[5] = b64[5] == 'A' ? 'B' : 'A';
	write_text(sig, text);
	assert_int_equal(sign_verify_file(file, sig, pub, err, sizeof err), -1);
	assert_non_null(strstr(err, "bad signature"));
}

static void test_sign_should_refuse_another_key(void **state)
{
	char err[512] = "";
	SignKey a, b;
	assert_int_equal(sign_load_pubkey(pub, &a, err, sizeof err), 0);
	assert_int_equal(sign_load_pubkey(pub2, &b, err, sizeof err), 0);
	assert_string_not_equal(a.id, b.id);
	assert_int_equal(sign_verify_file(file, sig, pub2, err, sizeof err), -1);
	/* The message names both keys. */
	assert_non_null(strstr(err, a.id));
	assert_non_null(strstr(err, b.id));
}

static void test_sign_should_refuse_a_file_that_is_no_signature(void **state)
{
	char err[512] = "";
	write_text(sig, "hello\n");
	assert_int_equal(sign_verify_file(file, sig, pub, err, sizeof err), -1);
	assert_non_null(strstr(err, "not a signature file"));
	write_text(sig, "kiosk-bundle-sig ed25519ph 1\nkey 0011223344556677\n!!!notbase64\n");
	assert_int_equal(sign_verify_file(file, sig, pub, err, sizeof err), -1);
	assert_non_null(strstr(err, "base64"));
	/* A public key is not a signature. */
	assert_int_equal(sign_verify_file(file, pub, pub, err, sizeof err), -1);
	assert_non_null(strstr(err, "not a signature file"));
}

static void test_sign_should_keep_the_secret_key_private_and_never_overwrite(void **state)
{
	char err[512] = "", prefix[300];
	struct stat st;
	assert_int_equal(stat(key, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	snprintf(prefix, sizeof prefix, "%s/a", dir);
	char before[1024];
	snprintf(before, sizeof before, "%s", slurp(key));
	assert_int_equal(sign_keygen(prefix, err, sizeof err), -1);
	assert_non_null(strstr(err, "already exists"));
	assert_string_equal(slurp(key), before);
	/* A secret key readable by others is not used. */
	chmod(key, 0644);
	assert_int_equal(sign_file(file, key, sig, err, sizeof err), -1);
	assert_non_null(strstr(err, "chmod 600"));
}

static void test_sign_should_refuse_a_public_key_whose_id_line_was_edited(void **state)
{
	char err[512] = "", text[1024];
	snprintf(text, sizeof text, "%s", slurp(pub));
	char *id = strstr(text, "\nkey ") + 5;
	id[0] = id[0] == '0' ? '1' : '0';
	write_text(pub, text);
	SignKey k;
	assert_int_equal(sign_load_pubkey(pub, &k, err, sizeof err), -1);
	assert_non_null(strstr(err, "edited"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sign_should_verify_a_good_signature, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_should_refuse_a_flipped_byte_in_the_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_should_refuse_a_flipped_byte_in_the_signature, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_should_refuse_another_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_should_refuse_a_file_that_is_no_signature, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_should_keep_the_secret_key_private_and_never_overwrite, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_should_refuse_a_public_key_whose_id_line_was_edited, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
