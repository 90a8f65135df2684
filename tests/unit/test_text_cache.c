/* test_text_cache.c — the layout cache (src/text/cache.c): a paragraph is
 * laid out once per (text, width, size, style) and kept within a byte
 * budget. The fake metrics count their calls, so a re-layout shows. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "text/layout.h"

static unsigned long advance_calls;

static int fake_advance(void *ctx, uint32_t cp, int size, int bold)
{
	(void)ctx;
	advance_calls++;
	return (cp < 0x1100 ? size / 2 : size) + (bold ? 1 : 0);
}
static int fake_ascent(void *ctx, int size) { (void)ctx; return size * 8 / 10; }
static int fake_height(void *ctx, int size) { (void)ctx; return size; }

static const TextMetrics fake = { NULL, fake_advance, fake_ascent, fake_height };

static const char *guide =
	"申请人应当在20个工作日内提交《中华人民共和国行政许可法》第十条规定的材料。";

static TextPara para(const char *s)
{
	TextPara p = { 0 };
	p.text = s;
	p.len = strlen(s);
	p.size = 10;
	p.color = 0x000000FF;
	return p;
}

static void test_text_cache_should_return_the_same_layout_without_relayout(void **state)
{
	(void)state;
	TextCache *c = text_cache_new(&fake, 1 << 20);
	TextPara p = para(guide);
	const TextLayout *a = text_cache_get(c, &p, 100);
	unsigned long calls = advance_calls;
	assert_int_equal(text_cache_misses(c), 1);

	/* same content from another buffer: still a hit */
	char copy[256];
	strcpy(copy, guide);
	TextPara q = para(copy);
	for (int frame = 0; frame < 5; frame++) {
		assert_ptr_equal(text_cache_get(c, &q, 100), a);
		text_cache_end_frame(c);
	}
	assert_int_equal(text_cache_misses(c), 1);
	assert_int_equal(advance_calls, calls);
	text_cache_free(c);
}

static void test_text_cache_should_relayout_when_width_size_or_text_change(void **state)
{
	(void)state;
	TextCache *c = text_cache_new(&fake, 1 << 20);
	TextPara p = para(guide);
	const TextLayout *base = text_cache_get(c, &p, 100);

	const TextLayout *wide = text_cache_get(c, &p, 200);
	assert_ptr_not_equal(wide, base);
	assert_int_equal(wide->width, 200);
	assert_int_equal(text_cache_misses(c), 2);

	p.size = 20;
	const TextLayout *big = text_cache_get(c, &p, 100);
	assert_ptr_not_equal(big, base);
	assert_int_equal(big->glyphs[1].x, 20);
	assert_int_equal(text_cache_misses(c), 3);

	TextPara t = para("办理时限");
	assert_ptr_not_equal(text_cache_get(c, &t, 100), base);
	assert_int_equal(text_cache_misses(c), 4);

	TextSpan bold = { 0, 3, 0, 1, 0 };
	TextPara s = para(guide);
	s.spans = &bold;
	s.n_spans = 1;
	assert_ptr_not_equal(text_cache_get(c, &s, 100), base);
	assert_int_equal(text_cache_misses(c), 5);

	/* and the first one is still there */
	assert_ptr_equal(text_cache_get(c, &(TextPara){ .text = guide,
	                 .len = strlen(guide), .size = 10, .color = 0x000000FF },
	                 100), base);
	assert_int_equal(text_cache_misses(c), 5);
	text_cache_free(c);
}

static void test_text_cache_should_keep_memory_bounded_by_evicting(void **state)
{
	(void)state;
	const size_t budget = 64 * 1024;
	TextCache *c = text_cache_new(&fake, budget);
	TextPara p = para(guide);
	for (int frame = 0; frame < 1000; frame++) {
		/* a different width each frame: a new layout each time */
		text_cache_get(c, &p, 100 + frame);
		text_cache_end_frame(c);
		assert_true(text_cache_bytes(c) <= budget);
	}
	assert_int_equal(text_cache_misses(c), 1000);
	assert_true(text_cache_bytes(c) > budget / 2);
	/* the oldest went first: width 100 must be laid out again */
	text_cache_get(c, &p, 100);
	assert_int_equal(text_cache_misses(c), 1001);
	text_cache_free(c);
}

static void test_text_cache_should_keep_layouts_used_this_frame(void **state)
{
	(void)state;
	TextCache *c = text_cache_new(&fake, 1);     /* everything is over budget */
	TextPara p = para(guide);
	const TextLayout *a = text_cache_get(c, &p, 100);
	const TextLayout *b = text_cache_get(c, &p, 120);
	/* both still valid within the frame */
	assert_int_equal(a->width, 100);
	assert_int_equal(b->width, 120);
	text_cache_end_frame(c);                      /* used: kept */
	assert_ptr_equal(text_cache_get(c, &p, 100), a);
	assert_int_equal(text_cache_misses(c), 2);
	text_cache_end_frame(c);
	text_cache_end_frame(c);                      /* unused a frame: gone */
	assert_int_equal(text_cache_bytes(c), 0);
	text_cache_free(c);
}

static void test_text_cache_should_forget_everything_when_cleared(void **state)
{
	(void)state;
	TextCache *c = text_cache_new(&fake, 1 << 20);
	TextPara p = para(guide);
	text_cache_get(c, &p, 100);
	text_cache_clear(c);
	assert_int_equal(text_cache_bytes(c), 0);
	text_cache_get(c, &p, 100);
	assert_int_equal(text_cache_misses(c), 2);
	text_cache_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_cache_should_return_the_same_layout_without_relayout),
		cmocka_unit_test(test_text_cache_should_relayout_when_width_size_or_text_change),
		cmocka_unit_test(test_text_cache_should_keep_memory_bounded_by_evicting),
		cmocka_unit_test(test_text_cache_should_keep_layouts_used_this_frame),
		cmocka_unit_test(test_text_cache_should_forget_everything_when_cleared),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
