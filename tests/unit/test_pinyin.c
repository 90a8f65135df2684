/* test_pinyin.c — Unihan readings → reading sets: plain characters,
 * polyphones, tone stripping, ü, characters outside the BMP, the synonym
 * list, and the real Unihan file of the unicode-data package. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>
#include "guide/pinyin.h"

#define SAMPLE "tests/data/unihan_readings_sample.txt"

static PinyinTable *sample;

static int load_sample(void **state)
{
	char err[256];
	sample = pinyin_load(SAMPLE, err, sizeof err);
	return sample ? 0 : -1;
}

static int free_sample(void **state)
{
	pinyin_free(sample);
	return 0;
}

/* The reading sets of s, in a static buffer. */
static const char *sets(const PinyinTable *t, const char *s)
{
	static char buf[512];
	Arena a = { 0 };
	snprintf(buf, sizeof buf, "%s", pinyin_annotate(t, s, strlen(s), &a));
	arena_free(&a);
	return buf;
}

static void test_pinyin_should_give_one_group_per_character(void **state)
{
	assert_string_equal(sets(sample, "营业执照"), "ying ye zhi zhao");
	assert_string_equal(sets(sample, ""), "");
	/* ASCII letters and digits are their own reading; punctuation has none. */
	assert_string_equal(sets(sample, "KTV登记2（县）"), "k t v deng ji 2  xian ");
	Arena a = { 0 };
	assert_string_equal(pinyin_initials("ying ye zhi zhao", &a), "y y z z");
	assert_string_equal(pinyin_initials("xing|hang|heng ye  a", &a), "xh y  a");
	assert_string_equal(pinyin_initials("", &a), "");
	arena_free(&a);
}

static void test_pinyin_should_keep_every_reading_of_a_polyphone(void **state)
{
	/* Most common first (kMandarin, then kHanyuPinlu, ...), no duplicates. */
	assert_string_equal(pinyin_readings(sample, 0x884C), "xing|hang|heng");   /* 行 */
	assert_string_equal(pinyin_readings(sample, 0x957F), "zhang|chang");      /* 长 */
	assert_string_equal(pinyin_readings(sample, 0x91CD), "zhong|chong");      /* 重 */
	assert_string_equal(pinyin_readings(sample, 0x4E50), "le|yue");           /* 乐 */
	assert_string_equal(pinyin_readings(sample, 0x85CF), "cang|zang");        /* 藏 */
	assert_string_equal(pinyin_readings(sample, 0x8C03), "diao|tiao");        /* 调 */
	assert_string_equal(sets(sample, "银行"), "yin xing|hang|heng");
}

static void test_pinyin_should_strip_tone_marks(void **state)
{
	char out[16];
	assert_int_equal(pinyin_strip_tone("xíng", strlen("xíng"), out, sizeof out), 4);
	assert_string_equal(out, "xing");
	pinyin_strip_tone("Zhǎng", strlen("Zhǎng"), out, sizeof out);
	assert_string_equal(out, "zhang");
	pinyin_strip_tone("ḿ", strlen("ḿ"), out, sizeof out);
	assert_string_equal(out, "m");
	/* ê with a combining macron: the mark is dropped. */
	pinyin_strip_tone("e\xcc\x82\xcc\x84", 5, out, sizeof out);
	assert_string_equal(out, "e");
	assert_int_equal(pinyin_strip_tone("123", 3, out, sizeof out), 0);
	/* Does not fit: nothing. */
	assert_int_equal(pinyin_strip_tone("zhuang", 6, out, 4), 0);
}

static void test_pinyin_should_write_u_umlaut_as_v(void **state)
{
	char out[16];
	pinyin_strip_tone("lǜ", strlen("lǜ"), out, sizeof out);
	assert_string_equal(out, "lv");
	pinyin_strip_tone("nü", strlen("nü"), out, sizeof out);
	assert_string_equal(out, "nv");
	assert_string_equal(pinyin_readings(sample, 0x5973), "nv");                /* 女 */
	assert_string_equal(pinyin_readings(sample, 0x7565), "lve");               /* 略 */
	assert_string_equal(pinyin_readings(sample, 0x7EFF), "lv|lu");             /* 绿 */
}

static void test_pinyin_should_handle_characters_outside_the_bmp(void **state)
{
	/* 𠮷 U+20BB7 is 4 bytes of UTF-8: one group. The sample gives it jí. */
	assert_string_equal(pinyin_readings(sample, 0x20BB7), "ji");
	assert_string_equal(sets(sample, "𠮷祥"), "ji xiang");
	/* U+20BB8 has no reading: an empty group, the rest is unaffected. */
	assert_null(pinyin_readings(sample, 0x20BB8));
	assert_string_equal(sets(sample, "\xf0\xa0\xae\xb8祥"), " xiang");
	/* Invalid UTF-8: one empty group per bad byte, never a crash. */
	assert_string_equal(sets(sample, "营\xff业"), "ying  ye");
	assert_string_equal(sets(sample, "营\xf0\xa0"), "ying  ");
}

static void test_pinyin_should_fill_the_columns_of_every_item(void **state)
{
	Guide g = { 0 };
	Dept d = { 0 };
	Item it = { .name = "营业执照补办", .synonyms = "营业执照，个体执照、 长 " };
	d.items = &it;
	d.n_items = 1;
	g.depts = &d;
	g.n_depts = 1;
	g.n_items = 1;
	pinyin_fill_guide(sample, &g);
	assert_string_equal(it.pinyin, "ying ye zhi zhao bu ban");
	assert_string_equal(it.initials, "y y z z b b");
	assert_string_equal(it.synonyms_pinyin, "ying ye zhi zhao,ge ti zhi zhao,zhang|chang");
	arena_free(&g.arena);
}

static void test_guide_synonym_next_should_split_on_every_separator(void **state)
{
	const char *cur = " 甲证，甲许可、乙;;丙 丁；,", *s;
	size_t n;
	const char *want[] = { "甲证", "甲许可", "乙", "丙 丁" };
	for (int i = 0; i < 4; i++) {
		assert_int_equal(guide_synonym_next(&cur, &s, &n), 1);
		assert_int_equal(n, strlen(want[i]));
		assert_memory_equal(s, want[i], n);
	}
	assert_int_equal(guide_synonym_next(&cur, &s, &n), 0);
	cur = "";
	assert_int_equal(guide_synonym_next(&cur, &s, &n), 0);
}

static void test_pinyin_should_name_the_file_it_cannot_load(void **state)
{
	char err[256];
	assert_null(pinyin_load("/nonexistent/Unihan_Readings.txt.bz2", err, sizeof err));
	assert_non_null(strstr(err, "/nonexistent/Unihan_Readings.txt.bz2"));
	assert_non_null(strstr(err, "unicode-data"));
	/* A file without readings is refused too. */
	assert_null(pinyin_load("tests/data/guides/search/sc/department.txt", err, sizeof err));
	assert_non_null(strstr(err, "department.txt: no Mandarin readings"));
}

static void test_pinyin_should_load_the_real_unihan_file_quickly(void **state)
{
	char err[256];
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	PinyinTable *t = pinyin_load(PINYIN_UNIHAN_PATH, err, sizeof err);
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (!t) fail_msg("%s", err);
	double ms = (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
	print_message("loaded %d code points in %.0f ms\n", pinyin_count(t), ms);
	assert_true(pinyin_count(t) > 40000);
	assert_true(ms < 3000);           /* ~0.4 s here; generous for ASan */
	assert_string_equal(pinyin_readings(t, 0x884C), "xing|hang|heng");
	assert_string_equal(pinyin_readings(t, 0x80FD), "neng");                  /* 能: no archaic tai/xiong */
	assert_string_equal(pinyin_readings(t, 0x20000), "he");                   /* outside the BMP, with a reading */
	assert_null(pinyin_readings(t, 0x20BB7));                                 /* 𠮷: none in Unihan 15 */
	assert_string_equal(sets(t, "𠮷野家"), " ye jia|jie");
	assert_string_equal(sets(t, "单调重长乐"), "dan|chan|shan diao|tiao zhong|chong zhang|chang le|yue");
	pinyin_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pinyin_should_give_one_group_per_character),
		cmocka_unit_test(test_pinyin_should_keep_every_reading_of_a_polyphone),
		cmocka_unit_test(test_pinyin_should_strip_tone_marks),
		cmocka_unit_test(test_pinyin_should_write_u_umlaut_as_v),
		cmocka_unit_test(test_pinyin_should_handle_characters_outside_the_bmp),
		cmocka_unit_test(test_pinyin_should_fill_the_columns_of_every_item),
		cmocka_unit_test(test_guide_synonym_next_should_split_on_every_separator),
		cmocka_unit_test(test_pinyin_should_name_the_file_it_cannot_load),
		cmocka_unit_test(test_pinyin_should_load_the_real_unihan_file_quickly),
	};
	return cmocka_run_group_tests(tests, load_sample, free_sample);
}
