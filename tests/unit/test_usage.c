/* test_usage.c — the local usage database: records searches without result
 * and item views, reports the most frequent ones since a time, survives a
 * reopen, and refuses what is not a usage database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "store/usage.h"

static char dir[64], path[128];

static int setup(void **state)
{
	snprintf(dir, sizeof dir, "/tmp/kiosk-test-usage-XXXXXX");
	if (!mkdtemp(dir)) return -1;
	snprintf(path, sizeof path, "%s/usage.db", dir);
	return 0;
}

static int teardown(void **state)
{
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

static void test_usage_should_count_no_result_searches_and_views(void **state)
{
	char err[256];
	Usage *u = usage_open(path, err, sizeof err);
	assert_non_null(u);
	assert_int_equal(usage_record_no_result(u, "健康证", 1000, err, sizeof err), 0);
	assert_int_equal(usage_record_no_result(u, "健康证", 2000, err, sizeof err), 0);
	assert_int_equal(usage_record_no_result(u, "xyz", 1500, err, sizeof err), 0);
	assert_int_equal(usage_record_no_result(u, "", 1500, err, sizeof err), 0);   /* ignored */
	assert_int_equal(usage_record_view(u, "SC-001", 1000, err, sizeof err), 0);
	assert_int_equal(usage_record_view(u, "SC-002", 1100, err, sizeof err), 0);
	assert_int_equal(usage_record_view(u, "SC-002", 3000, err, sizeof err), 0);
	assert_int_equal(usage_record_view(u, "SC-003", 50, err, sizeof err), 0);     /* before "since" */
	usage_close(u);

	/* Reopened: everything is still there. */
	u = usage_open(path, err, sizeof err);
	assert_non_null(u);
	UsageCount c[8];
	int views = -1, misses = -1;
	assert_int_equal(usage_totals(u, 100, &views, &misses, err, sizeof err), 0);
	assert_int_equal(views, 3);
	assert_int_equal(misses, 3);
	assert_int_equal(usage_top_no_result(u, 100, c, 8, err, sizeof err), 2);
	assert_string_equal(c[0].key, "健康证");
	assert_int_equal(c[0].count, 2);
	assert_true(c[0].last == 2000);
	assert_string_equal(c[1].key, "xyz");
	assert_int_equal(c[1].count, 1);
	assert_int_equal(usage_top_views(u, 100, c, 8, err, sizeof err), 2);
	assert_string_equal(c[0].key, "SC-002");
	assert_int_equal(c[0].count, 2);
	assert_string_equal(c[1].key, "SC-001");
	/* max limits the rows. */
	assert_int_equal(usage_top_views(u, 0, c, 1, err, sizeof err), 1);
	/* Pruning drops old records. */
	assert_int_equal(usage_prune(u, 1200, err, sizeof err), 0);
	assert_int_equal(usage_totals(u, 0, &views, &misses, err, sizeof err), 0);
	assert_int_equal(views, 1);
	assert_int_equal(misses, 2);
	usage_close(u);
	usage_close(NULL);
}

static void test_usage_should_cut_long_queries_at_a_character(void **state)
{
	char err[256], q[400] = "";
	for (int i = 0; i < 60; i++) strcat(q, "营");       /* 180 bytes */
	Usage *u = usage_open(path, err, sizeof err);
	assert_non_null(u);
	assert_int_equal(usage_record_no_result(u, q, 10, err, sizeof err), 0);
	UsageCount c[1];
	assert_int_equal(usage_top_no_result(u, 0, c, 1, err, sizeof err), 1);
	assert_int_equal(strlen(c[0].key), 126);            /* 42 whole characters <= 128 bytes */
	usage_close(u);
}

static void test_usage_should_refuse_a_file_that_is_not_a_database(void **state)
{
	char err[256];
	FILE *f = fopen(path, "w");
	fputs("this is not sqlite, just some text that is long enough to look like a header", f);
	fclose(f);
	assert_null(usage_open(path, err, sizeof err));
	assert_non_null(strstr(err, path));
	assert_null(usage_open("/nonexistent-dir/usage.db", err, sizeof err));
	assert_non_null(strstr(err, "/nonexistent-dir/usage.db"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_usage_should_count_no_result_searches_and_views, setup, teardown),
		cmocka_unit_test_setup_teardown(test_usage_should_cut_long_queries_at_a_character, setup, teardown),
		cmocka_unit_test_setup_teardown(test_usage_should_refuse_a_file_that_is_not_a_database, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
