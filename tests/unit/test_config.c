/* test_config.c — kiosk.conf loading: defaults, overrides, --set, and
 * errors that name path:line. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "base/config.h"

static void test_config_should_have_defaults(void **state)
{
	Config c;
	config_defaults(&c);
	assert_int_equal(c.idle_reset_s, 90);
	assert_int_equal(c.idle_screensaver_s, 600);
	assert_int_equal(c.display_width, 1080);
	assert_int_equal(c.display_height, 1920);
	assert_string_equal(c.data_dir, "/var/lib/kiosk");
	assert_string_equal(c.source, "built-in defaults");
}

static void test_config_should_override_from_text(void **state)
{
	Config c;
	char err[256];
	config_defaults(&c);
	const char *t = "\xEF\xBB\xBF# comment\n[idle]\nreset_s = 30\r\n; also comment\n[hall]\n"
	                "name = \"测试大厅\"\n[display]\nrotation=90\nfullscreen = no\n";
	assert_int_equal(config_load_text(&c, "k.conf", t, strlen(t), err, sizeof err), 0);
	assert_int_equal(c.idle_reset_s, 30);
	assert_string_equal(c.hall_name, "测试大厅");
	assert_int_equal(c.display_rotation, 90);
	assert_int_equal(c.display_fullscreen, 0);
	assert_int_equal(c.idle_screensaver_s, 600);      /* untouched */
}

static const struct { const char *text, *err; } bad[] = {
	{ "[idle]\nreset = 5\n", "k.conf:2: unknown key 'idle.reset'" },
	{ "[idle]\n\nreset_s = soon\n", "k.conf:3: idle.reset_s: 'soon' is not a whole number" },
	{ "[idle]\nreset_s = 1\n", "k.conf:2: idle.reset_s: 1 is out of range 5..86400" },
	{ "reset_s = 30\n", "k.conf:1: key 'reset_s' outside a [section]" },
	{ "[idle\n", "k.conf:1: malformed section header" },
	{ "[idle]\nreset_s 30\n", "k.conf:2: expected 'key = value'" },
	{ "[display]\nrotation = 45\n", "k.conf:2: display.rotation: rotation must be 0, 90, 180 or 270" },
	{ "[display]\nfullscreen = maybe\n", "k.conf:2: display.fullscreen: 'maybe' is not a yes/no value" },
};

static void test_config_should_name_path_and_line_of_errors(void **state)
{
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		Config c;
		char err[256] = "";
		config_defaults(&c);
		assert_int_equal(config_load_text(&c, "k.conf", bad[i].text, strlen(bad[i].text), err, sizeof err), -1);
		if (strncmp(err, bad[i].err, strlen(bad[i].err)) != 0)
			fail_msg("case %zu: got '%s', want '%s'", i, err, bad[i].err);
	}
}

static void test_config_set_should_override_and_validate(void **state)
{
	Config c;
	char err[256];
	config_defaults(&c);
	assert_int_equal(config_set(&c, "data.dir=/tmp/x", err, sizeof err), 0);
	assert_string_equal(c.data_dir, "/tmp/x");
	assert_int_equal(config_set(&c, "idle.reset_s=12", err, sizeof err), 0);
	assert_int_equal(c.idle_reset_s, 12);
	assert_int_equal(config_set(&c, "nope.key=1", err, sizeof err), -1);
	assert_non_null(strstr(err, "unknown key"));
	assert_int_equal(config_set(&c, "idle.reset_s", err, sizeof err), -1);
	char buf[64];
	assert_string_equal(config_get(&c, "idle.reset_s", buf, sizeof buf), "12");
	assert_null(config_get(&c, "idle.none", buf, sizeof buf));
}

static void test_config_should_report_a_missing_explicit_file(void **state)
{
	Config c;
	char err[256];
	assert_int_equal(config_resolve(&c, "/nonexistent/kiosk.conf", err, sizeof err), -1);
	assert_non_null(strstr(err, "/nonexistent/kiosk.conf: cannot open"));
}

static void test_config_should_load_the_repository_kiosk_conf(void **state)
{
	Config c;
	char err[256];
	assert_int_equal(config_resolve(&c, "kiosk.conf", err, sizeof err), 0);
	assert_string_equal(c.source, "kiosk.conf");
}

/* What the INI reader (inih) must not change: indented keys are keys, not
 * continuation lines; " #" starts an inline comment; lines longer than
 * inih's buffer and NUL bytes are refused with their line. */
static void test_config_should_read_indented_keys_and_refuse_long_lines(void **state)
{
	Config c;
	char err[256] = "";
	config_defaults(&c);
	const char *t = "[idle]\nreset_s = 30\n  screensaver_s = 700   # ten minutes\n"
	                "[hall]\n\tname = 大厅#一 # comment\n";
	assert_int_equal(config_load_text(&c, "k.conf", t, strlen(t), err, sizeof err), 0);
	assert_int_equal(c.idle_reset_s, 30);
	assert_int_equal(c.idle_screensaver_s, 700);
	assert_string_equal(c.hall_name, "大厅#一");
	char long_line[400];
	snprintf(long_line, sizeof long_line, "[hall]\n\nnotice = %0250d\n", 0);
	assert_int_equal(config_load_text(&c, "k.conf", long_line, strlen(long_line), err, sizeof err), -1);
	assert_string_equal(err, "k.conf:3: line longer than 198 bytes");
	static const char nul[] = "[idle]\nreset_s = 3\0\n";
	assert_int_equal(config_load_text(&c, "k.conf", nul, sizeof nul - 1, err, sizeof err), -1);
	assert_string_equal(err, "k.conf:2: NUL byte in config");
	/* The first error is the one reported, with its own line. */
	const char *two = "[idle]\nreset_s = 1\nnope\n";
	assert_int_equal(config_load_text(&c, "k.conf", two, strlen(two), err, sizeof err), -1);
	assert_string_equal(err, "k.conf:2: idle.reset_s: 1 is out of range 5..86400");
	const char *two_b = "[idle]\nnope\nreset_s = 1\n";
	assert_int_equal(config_load_text(&c, "k.conf", two_b, strlen(two_b), err, sizeof err), -1);
	assert_string_equal(err, "k.conf:2: expected 'key = value' (got 'nope')");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_should_have_defaults),
		cmocka_unit_test(test_config_should_read_indented_keys_and_refuse_long_lines),
		cmocka_unit_test(test_config_should_override_from_text),
		cmocka_unit_test(test_config_should_name_path_and_line_of_errors),
		cmocka_unit_test(test_config_set_should_override_and_validate),
		cmocka_unit_test(test_config_should_report_a_missing_explicit_file),
		cmocka_unit_test(test_config_should_load_the_repository_kiosk_conf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
