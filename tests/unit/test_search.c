/* test_search.c — matching and ranking on a small fixed bundle built from
 * tests/data/guides/search with the sample Unihan readings: pinyin
 * initials, full pinyin and its prefixes, Chinese substrings of any length,
 * codes, synonyms, polyphones, text of the guide, ranking and ties,
 * highlight ranges. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "store/bundle.h"
#include "guide/pinyin.h"
#include "search/search.h"
#include "guide/source.h"

static char dir[64], path[128];
static Bundle *bundle;
static Guide *guide;
static SearchIndex *ix;
static SearchResult res[32];

static int setup(void **state)
{
	char err[256];
	Diags d = { 0 };
	SourceInfo info;
	snprintf(dir, sizeof dir, "/tmp/kiosk-test-search-XXXXXX");
	if (!mkdtemp(dir)) return -1;
	snprintf(path, sizeof path, "%s/s.db", dir);
	Guide *src = source_load_dir("tests/data/guides/search", &info, &d);
	PinyinTable *t = pinyin_load("tests/data/unihan_readings_sample.txt", err, sizeof err);
	if (!src || d.n || !t) return -1;
	pinyin_fill_guide(t, src);
	pinyin_free(t);
	BundleWriteOpts o = { .version = 20260101000000LL, .source_hash = "" };
	if (bundle_write(src, path, &o, err, sizeof err) < 0) { fprintf(stderr, "%s\n", err); return -1; }
	guide_free(src);
	diags_free(&d);
	if (!(bundle = bundle_open_readonly(path, err, sizeof err))) { fprintf(stderr, "%s\n", err); return -1; }
	if (!(guide = bundle_load_index(bundle, err, sizeof err))) return -1;
	ix = search_index_build(guide, bundle);
	return ix ? 0 : -1;
}

static int teardown(void **state)
{
	search_index_free(ix);
	guide_free(guide);
	bundle_close(bundle);
	unlink(path);
	rmdir(dir);
	return 0;
}

static int q(const char *query)
{
	return search_query(ix, query, res, 32);
}

/* Check result i: its code and kind of match. */
#define RES(i, code_, match_) do { \
	assert_string_equal(res[i].code, code_); \
	assert_int_equal(res[i].match, match_); \
} while (0)

/* The highlighted text of result i's name range k. */
static const char *hl(int i, int k)
{
	static char buf[128];
	SearchRange r = res[i].name_ranges[k];
	snprintf(buf, sizeof buf, "%.*s", r.end - r.start, res[i].name + r.start);
	return buf;
}

static void test_search_should_match_pinyin_initials(void **state)
{
	assert_int_equal(q("yyzz"), 3);
	RES(0, "SC-004", SEARCH_INITIALS);          /* 营业执照补办 */
	assert_int_equal(res[0].n_name_ranges, 1);
	assert_string_equal(hl(0, 0), "营业执照");
	RES(1, "SC-001", SEARCH_SYNONYM);           /* 个体工商户设立登记 (营业执照), 热度 95 */
	assert_string_equal(res[1].synonym, "营业执照");
	assert_int_equal(res[1].synonym_range.start, 0);
	assert_int_equal(res[1].synonym_range.end, 12);
	RES(2, "SC-002", SEARCH_SYNONYM);           /* 企业设立登记 (营业执照), 热度 80 */
	assert_string_equal(res[2].dept_code, "sc");
	assert_string_equal(res[2].dept_short_name, "市场监管");
	/* Upper case, full-width letters and spaces are the same query. */
	assert_int_equal(q("ＹＹ zz"), 3);
	RES(0, "SC-004", SEARCH_INITIALS);
}

static void test_search_should_match_full_pinyin_and_its_prefixes(void **state)
{
	assert_int_equal(q("yingye"), 4);
	RES(0, "JT-001", SEARCH_PREFIX);            /* 营业性演出审批, 热度 35 */
	assert_string_equal(hl(0, 0), "营业");
	RES(1, "SC-004", SEARCH_PREFIX);            /* 营业执照补办, 热度 30 */
	RES(2, "SC-001", SEARCH_SYNONYM);
	RES(3, "SC-002", SEARCH_SYNONYM);
	assert_int_equal(q("yingyezhizhao"), 3);
	RES(0, "SC-004", SEARCH_PREFIX);
	assert_string_equal(hl(0, 0), "营业执照");
	assert_int_equal(q("yingyezhizh"), 3);       /* a syllable typed half way */
	RES(0, "SC-004", SEARCH_PREFIX);
	assert_string_equal(hl(0, 0), "营业执照");
	assert_int_equal(q("yingyezhizhaobuban"), 1);
	RES(0, "SC-004", SEARCH_EXACT);
	assert_string_equal(hl(0, 0), "营业执照补办");
	/* Syllables and initials mixed. */
	assert_int_equal(q("yyzhizhao"), 3);
	RES(0, "SC-004", SEARCH_SUBSTRING);
}

static void test_search_should_match_chinese_substrings_of_any_length(void **state)
{
	assert_int_equal(q("营业"), 4);
	RES(0, "JT-001", SEARCH_PREFIX);
	RES(1, "SC-004", SEARCH_PREFIX);
	RES(2, "SC-001", SEARCH_SYNONYM);
	RES(3, "SC-002", SEARCH_SYNONYM);
	/* One character: prefixes, then substrings, then synonyms. */
	assert_int_equal(q("营"), 7);
	RES(0, "JT-001", SEARCH_PREFIX);
	RES(1, "SC-004", SEARCH_PREFIX);
	RES(2, "SC-003", SEARCH_SUBSTRING);         /* 食品经营许可, 90 */
	RES(3, "SC-007", SEARCH_SUBSTRING);         /* 食品小经营店登记, 40 */
	RES(4, "JT-007", SEARCH_SUBSTRING);         /* 延长经营期限审批, 15 */
	assert_string_equal(hl(4, 0), "营");
	RES(5, "SC-001", SEARCH_SYNONYM);
	RES(6, "SC-002", SEARCH_SYNONYM);
	assert_int_equal(q("营业执照补办"), 1);
	RES(0, "SC-004", SEARCH_EXACT);
	assert_int_equal(q("执照"), 3);
	RES(0, "SC-004", SEARCH_SUBSTRING);
	assert_string_equal(hl(0, 0), "执照");
	assert_int_equal(res[0].name_ranges[0].start, 6);
	assert_int_equal(res[0].name_ranges[0].end, 12);
	RES(1, "SC-001", SEARCH_SYNONYM);
	assert_string_equal(res[1].synonym, "营业执照");   /* the first synonym that matches */
	assert_int_equal(res[1].synonym_range.start, 6);
}

static void test_search_should_match_codes_and_code_fragments(void **state)
{
	assert_int_equal(q("SC-004"), 1);
	RES(0, "SC-004", SEARCH_EXACT);
	assert_int_equal(res[0].n_name_ranges, 0);
	assert_int_equal(q("jt-005"), 1);
	RES(0, "JT-005", SEARCH_EXACT);
	assert_int_equal(q("005"), 1);
	RES(0, "JT-005", SEARCH_CODE);
	/* A fragment: every item of the department, by popularity. */
	assert_int_equal(q("sc-00"), 7);
	const char *order[] = { "SC-001", "SC-003", "SC-002", "SC-008", "SC-006", "SC-007", "SC-004" };
	for (int i = 0; i < 7; i++) RES(i, order[i], SEARCH_CODE);
	/* Letters alone do not match inside codes ("sc" is not a pinyin of anything here). */
	assert_int_equal(q("sc"), 0);
}

static void test_search_should_match_synonyms(void **state)
{
	assert_int_equal(q("餐饮"), 1);
	RES(0, "SC-003", SEARCH_SYNONYM);
	assert_string_equal(res[0].synonym, "餐饮许可");
	assert_int_equal(res[0].synonym_range.start, 0);
	assert_int_equal(res[0].synonym_range.end, 6);
	assert_int_equal(res[0].n_name_ranges, 0);
	assert_int_equal(q("canyin"), 1);
	RES(0, "SC-003", SEARCH_SYNONYM);
	assert_int_equal(q("gszc"), 1);             /* 公司注册 */
	RES(0, "SC-002", SEARCH_SYNONYM);
	assert_string_equal(res[0].synonym, "公司注册");
}

static void test_search_should_match_polyphones_by_every_reading(void **state)
{
	/* 行 is xing and hang: 银行 and 通行证 match both ways. */
	assert_int_equal(q("yinhang"), 1);
	RES(0, "JT-002", SEARCH_PREFIX);
	assert_int_equal(q("yinxing"), 1);
	RES(0, "JT-002", SEARCH_PREFIX);
	assert_int_equal(q("tongxing"), 1);
	RES(0, "JT-003", SEARCH_SUBSTRING);
	assert_string_equal(hl(0, 0), "通行");
	assert_int_equal(q("hang"), 2);
	RES(0, "JT-002", SEARCH_SUBSTRING);
	RES(1, "JT-003", SEARCH_SUBSTRING);
	/* 性 is only xing: 营业性演出审批 matches xing, not hang. */
	assert_int_equal(q("xing"), 3);
	RES(0, "JT-001", SEARCH_SUBSTRING);
	/* 重 zhong/chong, 长 chang/zhang. */
	assert_int_equal(q("zhongda"), 1);
	RES(0, "JT-004", SEARCH_PREFIX);
	assert_int_equal(q("chongxin"), 1);
	RES(0, "JT-005", SEARCH_PREFIX);
	assert_int_equal(q("yanchang"), 1);
	RES(0, "JT-007", SEARCH_PREFIX);
	assert_int_equal(q("yanzhang"), 1);
	/* ü: 绿 typed as lv or lu; punctuation in the name does not stop a match. */
	assert_int_equal(q("lvdi"), 1);
	RES(0, "JT-006", SEARCH_SUBSTRING);
	assert_string_equal(hl(0, 0), "绿地");
	assert_int_equal(q("ludi"), 1);
	RES(0, "JT-006", SEARCH_SUBSTRING);
	assert_int_equal(q("shenpixianji"), 1);       /* 审批（县级） */
	assert_string_equal(hl(0, 0), "审批（县级");
}

static void test_search_should_rank_by_kind_then_popularity_then_code(void **state)
{
	/* Same kind (prefix), same popularity 40: by code. */
	assert_int_equal(q("食品小"), 2);
	RES(0, "SC-006", SEARCH_PREFIX);
	RES(1, "SC-007", SEARCH_PREFIX);
	assert_int_equal(q("spx"), 3);
	RES(0, "SC-006", SEARCH_INITIALS);
	RES(1, "SC-007", SEARCH_INITIALS);
	RES(2, "JT-006", SEARCH_INITIALS);          /* 审批（县级）, 25: punctuation skipped */
	/* Exact beats prefix even with lower popularity. */
	assert_int_equal(q("重新登记"), 1);
	assert_int_equal(q("shipin"), 3);
	RES(0, "SC-003", SEARCH_PREFIX);            /* 90 */
	RES(1, "SC-006", SEARCH_PREFIX);
	RES(2, "SC-007", SEARCH_PREFIX);
	/* max cuts the list after the best ones. */
	assert_int_equal(search_query(ix, "营", res, 3), 3);
	RES(0, "JT-001", SEARCH_PREFIX);
	RES(2, "SC-003", SEARCH_SUBSTRING);
}

static void test_search_should_match_the_text_of_the_guide_last(void **state)
{
	/* Only in 【申请条件】 of 公共场所卫生许可. */
	assert_int_equal(q("健康合格"), 1);
	RES(0, "SC-008", SEARCH_TEXT);
	assert_int_equal(res[0].n_name_ranges, 0);
	/* "经营场所": text of 个体工商户 (95) and 食品小经营店 (40), by popularity. */
	assert_int_equal(q("经营场所"), 2);
	RES(0, "SC-001", SEARCH_TEXT);
	RES(1, "SC-007", SEARCH_TEXT);
	/* An item matched by its name is not listed again for its text
	 * (食品经营许可 has 食品经营 in its conditions too). */
	assert_int_equal(q("食品经营"), 1);
	RES(0, "SC-003", SEARCH_PREFIX);
}

static void test_search_should_return_nothing_for_no_match_or_empty_query(void **state)
{
	assert_int_equal(q("xyzxyz"), 0);
	assert_string_equal(search_last_query(ix), "xyzxyz");
	assert_int_equal(q(""), 0);
	assert_int_equal(q("  '"), 0);
	assert_int_equal(q("\xff\xfe"), 0);
	assert_int_equal(q("健康证"), 0);
	assert_int_equal(search_query(ix, "营", res, 0), 0);
	/* A query longer than anything is cut, not overrun. */
	char big[1000];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = 0;
	assert_int_equal(q(big), 0);
}

static void test_search_should_work_without_a_bundle(void **state)
{
	SearchIndex *x = search_index_build(guide, NULL);
	assert_non_null(x);
	assert_int_equal(search_query(x, "yyzz", res, 32), 3);
	assert_int_equal(search_query(x, "健康合格", res, 32), 0);   /* no text of the guide */
	search_index_free(x);
	search_index_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_search_should_match_pinyin_initials),
		cmocka_unit_test(test_search_should_match_full_pinyin_and_its_prefixes),
		cmocka_unit_test(test_search_should_match_chinese_substrings_of_any_length),
		cmocka_unit_test(test_search_should_match_codes_and_code_fragments),
		cmocka_unit_test(test_search_should_match_synonyms),
		cmocka_unit_test(test_search_should_match_polyphones_by_every_reading),
		cmocka_unit_test(test_search_should_rank_by_kind_then_popularity_then_code),
		cmocka_unit_test(test_search_should_match_the_text_of_the_guide_last),
		cmocka_unit_test(test_search_should_return_nothing_for_no_match_or_empty_query),
		cmocka_unit_test(test_search_should_work_without_a_bundle),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
