/* test_layout.c — paragraph layout and clreq line breaking (src/text)
 * against a fixed-width fake font: every CJK character or full-width
 * punctuation is `size` px wide, every ASCII character size/2 px (+1 px
 * when bold). At size 10: CJK 10 px, ASCII 5 px. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "text/layout.h"
#include "base/utf8.h"

/* ------------------------------------------------------------ fixtures */

static int fake_advance(void *ctx, uint32_t cp, int size, int bold)
{
	(void)ctx;
	return (cp < 0x1100 ? size / 2 : size) + (bold ? 1 : 0);
}
static int fake_ascent(void *ctx, int size) { (void)ctx; return size * 8 / 10; }
static int fake_height(void *ctx, int size) { (void)ctx; return size; }

static const TextMetrics fake = { NULL, fake_advance, fake_ascent, fake_height };

static TextPara para(const char *s)
{
	TextPara p = { 0 };
	p.text = s;
	p.len = strlen(s);
	p.size = 10;
	p.color = 0x000000FF;
	p.line_spacing = 1.5f;
	return p;
}

/* Line k of l as UTF-8 in a static buffer. */
static const char *line_text(const TextLayout *l, int k)
{
	static char buf[4096];
	size_t o = 0;
	const TextLine *tl = &l->lines[k];
	for (int i = 0; i < tl->count && o + 4 < sizeof buf; i++)
		o += utf8_encode(l->glyphs[tl->first + i].cp, buf + o);
	buf[o] = 0;
	return buf;
}

static uint32_t first_cp(const TextLayout *l, int k)
{
	return l->lines[k].count ? l->glyphs[l->lines[k].first].cp : 0;
}

static uint32_t last_cp(const TextLayout *l, int k)
{
	const TextLine *tl = &l->lines[k];
	return tl->count ? l->glyphs[tl->first + tl->count - 1].cp : 0;
}

/* Right edge of the line: the last glyph's x plus its advance. */
static int line_right(const TextLayout *l, int k)
{
	const TextLine *tl = &l->lines[k];
	if (!tl->count)
		return 0;
	const TextGlyph *g = &l->glyphs[tl->first + tl->count - 1];
	return g->x + fake_advance(NULL, g->cp, g->size, g->bold);
}

static TextLayout *lay(const char *s, int width)
{
	TextPara p = para(s);
	return text_layout(&fake, &p, width);
}

/* --------------------------------------------------------------- tests */

/* Each prohibited character sits where a naive breaker would start line 2
 * with it (the 6th character at width 50). */
static void test_layout_should_never_start_a_line_with_closing_punctuation(void **state)
{
	static const char *closers[] = {
		"，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』",
		"】", "〕", "…", "”", "’", ",", ".", ";", ":", "?", "!", ")",
		"%", "·",
	};
	(void)state;
	for (size_t i = 0; i < sizeof closers / sizeof closers[0]; i++) {
		char text[64];
		snprintf(text, sizeof text, "一二三四五%s六七八", closers[i]);
		TextLayout *l = lay(text, 50);
		uint32_t cp;
		size_t at = 0;
		utf8_decode(closers[i], strlen(closers[i]), &at, &cp);
		for (int k = 0; k < l->n_lines; k++) {
			if (first_cp(l, k) == cp)
				fail_msg("line %d starts with %s in \"%s\"", k,
				         closers[i], text);
			assert_true(line_right(l, k) <= 50);
		}
		text_layout_free(l);
	}
}

/* Each prohibited character is the 5th of 5 that fit on line 1. */
static void test_layout_should_never_end_a_line_with_opening_punctuation(void **state)
{
	static const char *openers[] = {
		"（", "《", "「", "『", "【", "〔", "“", "‘", "(", "[",
	};
	(void)state;
	for (size_t i = 0; i < sizeof openers / sizeof openers[0]; i++) {
		char text[64];
		snprintf(text, sizeof text, "一二三四%s五六七八", openers[i]);
		TextLayout *l = lay(text, 50);
		uint32_t cp;
		size_t at = 0;
		utf8_decode(openers[i], strlen(openers[i]), &at, &cp);
		for (int k = 0; k < l->n_lines; k++)
			if (last_cp(l, k) == cp)
				fail_msg("line %d ends with %s in \"%s\"", k,
				         openers[i], text);
		assert_string_equal(line_text(l, 1), strchr(text, 0) -
		                    strlen(openers[i]) - strlen("五六七八"));
		text_layout_free(l);
	}
}

static void test_layout_should_push_one_character_down_with_the_punctuation(void **state)
{
	(void)state;
	/* "，" cannot start line 2 and does not fit squeezed: "五" goes with it */
	TextLayout *l = lay("一二三四五，六七八", 50);
	assert_string_equal(line_text(l, 0), "一二三四");
	assert_string_equal(line_text(l, 1), "五，六七八");
	text_layout_free(l);
}

static void test_layout_should_pull_in_punctuation_by_squeezing_its_half_blank(void **state)
{
	(void)state;
	/* half of "，" (5 px) fits at 55 px: it stays on line 1, inside */
	TextLayout *l = lay("一二三四五，六七八", 55);
	assert_string_equal(line_text(l, 0), "一二三四五，");
	assert_int_equal(l->lines[0].width, 55);
	text_layout_free(l);
}

static void test_layout_should_keep_a_number_whole_with_its_unit(void **state)
{
	(void)state;
	/* "20" fits at the end of line 1, but not "20个" */
	TextLayout *l = lay("一二三四20个工作日", 50);
	assert_string_equal(line_text(l, 0), "一二三四");
	assert_string_equal(line_text(l, 1), "20个工作日");
	text_layout_free(l);
	/* a long number never splits */
	l = lay("一二三四五六七2000个", 80);
	for (int k = 0; k < l->n_lines; k++)
		assert_true(strstr(line_text(l, k), "2000") ||
		            !strpbrk(line_text(l, k), "0123456789"));
	text_layout_free(l);
}

static void test_layout_should_not_split_latin_words(void **state)
{
	(void)state;
	/* 5 px per letter: "application" is 55 px, width 80 */
	TextLayout *l = lay("请填写 application form 后提交", 80);
	int found = 0;
	for (int k = 0; k < l->n_lines; k++) {
		found |= strstr(line_text(l, k), "application") != NULL;
		assert_true(line_right(l, k) <= 80);
	}
	assert_true(found);
	text_layout_free(l);
}

static void test_layout_should_not_split_urls(void **state)
{
	(void)state;
	const char *url = "https://zwfw.example.gov.cn/a/b?id=7";  /* 180 px */
	char text[128];
	snprintf(text, sizeof text, "网上办理请登录%s进行申报。", url);
	TextLayout *l = lay(text, 200);
	int found = 0;
	for (int k = 0; k < l->n_lines; k++)
		found |= strstr(line_text(l, k), url) != NULL;
	assert_true(found);
	text_layout_free(l);
}

static void test_layout_should_not_split_item_codes(void **state)
{
	(void)state;
	const char *code = "410106-FGW-XK-001";   /* 85 px */
	char text[128];
	snprintf(text, sizeof text, "事项编码为%s，请核对。", code);
	TextLayout *l = lay(text, 100);
	int found = 0;
	for (int k = 0; k < l->n_lines; k++)
		found |= strstr(line_text(l, k), code) != NULL;
	assert_true(found);
	text_layout_free(l);
}

static void test_layout_should_force_break_a_token_longer_than_the_width(void **state)
{
	(void)state;
	TextLayout *l = lay("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 50);
	assert_int_equal(l->n_lines, 3);
	assert_string_equal(line_text(l, 0), "ABCDEFGHIJ");
	assert_string_equal(line_text(l, 2), "UVWXYZ");
	text_layout_free(l);
}

/* The wrapped lines of a list item start under the text after the marker. */
static void check_hanging(const char *text, int indent)
{
	TextPara p = para(text);
	p.list_hang = 1;
	p.align = TEXT_ALIGN_JUSTIFY;     /* and justifying must keep it so */
	TextLayout *l = text_layout(&fake, &p, 64);
	assert_true(l->n_lines >= 3);
	for (int k = 1; k < l->n_lines; k++)
		if (l->glyphs[l->lines[k].first].x != indent)
			fail_msg("\"%s\" line %d starts at %d, want %d", text, k,
			         l->glyphs[l->lines[k].first].x, indent);
	/* and the first line's text (after the marker) is at the indent */
	int marker_glyphs = 0;
	while (l->glyphs[l->lines[0].first + marker_glyphs].x < indent)
		marker_glyphs++;
	assert_int_equal(l->glyphs[l->lines[0].first + marker_glyphs].x, indent);
	for (int k = 0; k < l->n_lines; k++)
		assert_true(line_right(l, k) <= 64);
	text_layout_free(l);
}

static void test_layout_should_hang_the_indent_of_numbered_items(void **state)
{
	(void)state;
	check_hanging("1.申请人身份证明材料原件及复印件一份", 10);
	check_hanging("12、申请人身份证明材料原件及复印件一份", 20);
}

static void test_layout_should_hang_the_indent_of_parenthesised_items(void **state)
{
	(void)state;
	check_hanging("（1）申请人身份证明材料原件及复印件一份", 25);
	check_hanging("（一）申请人身份证明材料原件及复印件一份", 30);
}

static void test_layout_should_hang_the_indent_of_bullets(void **state)
{
	(void)state;
	check_hanging("•申请人身份证明材料原件及复印件一份", 10);
	check_hanging("- 申请人身份证明材料原件及复印件一份", 10);
}

static void test_layout_should_not_hang_without_a_marker(void **state)
{
	(void)state;
	TextPara p = para("申请人身份证明材料原件及复印件一份");
	p.list_hang = 1;
	TextLayout *l = text_layout(&fake, &p, 60);
	for (int k = 0; k < l->n_lines; k++)
		assert_int_equal(l->glyphs[l->lines[k].first].x, 0);
	text_layout_free(l);
}

static void test_layout_should_size_lines_by_their_largest_span(void **state)
{
	(void)state;
	/* heading span: first 4 characters at 20 px, then 10 px body text */
	const char *s = "办理时限法定二十个工作日承诺十个工作日";
	TextSpan span = { 0, 12, 20, 1, 0xCC0000FF };
	TextPara p = para(s);
	p.spans = &span;
	p.n_spans = 1;
	TextLayout *l = text_layout(&fake, &p, 200);
	assert_int_equal(l->n_lines, 2);
	assert_int_equal(l->lines[0].height, 30);         /* 20 px * 1.5 */
	assert_int_equal(l->lines[l->n_lines - 1].height, 15);
	assert_int_equal(l->glyphs[0].size, 20);
	assert_int_equal(l->glyphs[0].bold, 1);
	assert_int_equal(l->glyphs[0].color, 0xCC0000FF);
	assert_int_equal(l->glyphs[4].size, 10);
	assert_int_equal(l->glyphs[4].color, 0x000000FF);
	/* the big glyphs advance 21 px each (bold +1) */
	assert_int_equal(l->glyphs[1].x - l->glyphs[0].x, 21);
	assert_int_equal(l->glyphs[5].x - l->glyphs[4].x, 10);
	/* lines stack without gaps */
	for (int k = 1; k < l->n_lines; k++)
		assert_int_equal(l->lines[k].y,
		                 l->lines[k - 1].y + l->lines[k - 1].height);
	text_layout_free(l);
}

static void test_layout_should_make_bold_spans_wider(void **state)
{
	(void)state;
	const char *s = "abcdefghij";
	TextSpan span = { 0, 10, 0, 1, 0 };
	TextPara p = para(s);
	TextLayout *plain = text_layout(&fake, &p, 1000);
	p.spans = &span;
	p.n_spans = 1;
	TextLayout *bold = text_layout(&fake, &p, 1000);
	assert_int_equal(plain->lines[0].width, 50);
	assert_int_equal(bold->lines[0].width, 60);
	text_layout_free(plain);
	text_layout_free(bold);
}

static void test_layout_should_truncate_to_max_lines_with_an_ellipsis(void **state)
{
	(void)state;
	TextPara p = para("一二三四五六七八九十一二三四五六七八九十一二三四五");
	p.max_lines = 2;
	TextLayout *l = text_layout(&fake, &p, 50);
	assert_int_equal(l->n_lines, 2);
	assert_true(l->truncated);
	assert_string_equal(line_text(l, 1), "六七八九…");
	assert_true(line_right(l, 1) <= 50);
	/* the ellipsis stands for the text from 十 on */
	assert_int_equal(l->lines[1].byte_end, 9 * 3);
	assert_int_equal(l->glyphs[l->n_glyphs - 1].byte, 9 * 3);
	text_layout_free(l);
	/* no ellipsis when the text fits */
	p = para("一二三四五六七八");
	p.max_lines = 2;
	l = text_layout(&fake, &p, 50);
	assert_false(l->truncated);
	assert_int_equal(last_cp(l, 1), 0x516B);
	text_layout_free(l);
}

static void test_layout_should_break_at_newlines(void **state)
{
	(void)state;
	TextLayout *l = lay("第一行\n第二行\r\n\n第四行", 500);
	assert_int_equal(l->n_lines, 4);
	assert_string_equal(line_text(l, 1), "第二行");
	assert_int_equal(l->lines[2].count, 0);
	assert_int_equal(l->lines[2].height, 15);
	assert_string_equal(line_text(l, 3), "第四行");
	text_layout_free(l);
}

static void test_layout_should_justify_wrapped_lines_to_the_full_width(void **state)
{
	(void)state;
	TextPara p = para("一二三四五六七八九十");
	p.align = TEXT_ALIGN_JUSTIFY;
	TextLayout *l = text_layout(&fake, &p, 43);   /* lines are 40 px */
	assert_string_equal(line_text(l, 0), "一二三四");
	assert_int_equal(line_right(l, 0), 43);
	assert_int_equal(line_right(l, 1), 43);
	assert_int_equal(l->glyphs[0].x, 0);
	/* the last line is not stretched */
	int k = l->n_lines - 1;
	assert_int_equal(l->glyphs[l->lines[k].first + 1].x -
	                 l->glyphs[l->lines[k].first].x, 10);
	text_layout_free(l);
}

static void test_layout_should_squeeze_adjacent_full_width_punctuation(void **state)
{
	(void)state;
	/* "》、《": the blank halves of 》 and 、 go, one half em remains */
	TextLayout *l = lay("《甲》、《乙》", 500);
	assert_int_equal(l->glyphs[3].x - l->glyphs[2].x, 5);   /* 》 */
	assert_int_equal(l->glyphs[4].x - l->glyphs[3].x, 5);   /* 、 */
	assert_int_equal(l->glyphs[5].x - l->glyphs[4].x, 10);  /* 《 */
	text_layout_free(l);
}

static void test_layout_should_show_invalid_bytes_as_replacement(void **state)
{
	(void)state;
	TextLayout *l = lay("a\xff" "b", 100);
	assert_int_equal(l->n_glyphs, 3);
	assert_int_equal(l->glyphs[1].cp, 0xFFFD);
	assert_int_equal(l->glyphs[2].byte, 2);
	text_layout_free(l);
}

static void test_layout_should_leave_a_line_ragged_rather_than_tear_it_apart(void **state)
{
	(void)state;
	/* the URL does not fit after 四五: spreading 35 px over 4 gaps is
	 * worse than a ragged line */
	TextPara p = para("一二三四五http://a.cn/xyz");
	p.align = TEXT_ALIGN_JUSTIFY;
	TextLayout *l = text_layout(&fake, &p, 85);
	assert_string_equal(line_text(l, 0), "一二三四五");
	assert_int_equal(line_right(l, 0), 50);
	text_layout_free(l);
}

static void test_layout_should_lay_out_empty_text_as_no_lines(void **state)
{
	(void)state;
	TextLayout *l = lay("", 100);
	assert_int_equal(l->n_lines, 0);
	assert_int_equal(l->height, 0);
	text_layout_free(l);
}

static void test_layout_should_align_center_and_right(void **state)
{
	(void)state;
	TextPara p = para("一二");
	p.align = TEXT_ALIGN_CENTER;
	TextLayout *l = text_layout(&fake, &p, 100);
	assert_int_equal(l->glyphs[0].x, 40);
	text_layout_free(l);
	p.align = TEXT_ALIGN_RIGHT;
	l = text_layout(&fake, &p, 100);
	assert_int_equal(l->glyphs[0].x, 80);
	text_layout_free(l);
}

/* A 10,000-character paragraph mixing every kind of text: no line wider
 * than the width, every character present in order, the rules hold. */
static void test_layout_should_lay_out_a_10000_character_paragraph(void **state)
{
	static const char *pieces[] = {
		"申请人", "应当", "在", "20个工作日", "内", "提交", "《中华人民共和国行政许可法》",
		"第十条", "规定的", "材料，", "包括", "“身份证明”", "和", "（复印件）", "。",
		"详见https://zwfw.example.gov.cn/item?id=410106", "、", "编码410106-FGW-XK-001",
		"；", "……", "！", "「审批」", "【注意】", "3.5%", "——", "ok", "？",
	};
	(void)state;
	size_t cap = 64 * 1024, o = 0;
	char *text = malloc(cap);
	uint32_t *want = malloc(cap * sizeof *want);
	size_t n_want = 0;
	unsigned seed = 12345;
	while (n_want < 10000) {
		seed = seed * 1103515245u + 12345u;
		const char *s = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
		size_t len = strlen(s), i = 0;
		memcpy(text + o, s, len);
		while (i < len)
			utf8_decode(s, len, &i, &want[n_want++]);
		o += len;
	}
	TextPara p = para(text);
	p.len = o;
	p.align = TEXT_ALIGN_JUSTIFY;
	for (int width = 93; width <= 1000; width += 907) {
		TextLayout *l = text_layout(&fake, &p, width);
		size_t at = 0;
		for (int k = 0; k < l->n_lines; k++) {
			const TextLine *tl = &l->lines[k];
			assert_true(tl->count > 0);
			assert_true(tl->width <= width);
			for (int i = 0; i < tl->count; i++) {
				const TextGlyph *g = &l->glyphs[tl->first + i];
				assert_true(g->x >= 0 && g->x < width);
				assert_true(at < n_want);
				assert_int_equal(g->cp, want[at]);
				at++;
			}
			uint32_t f = first_cp(l, k), e = last_cp(l, k);
			assert_false(k > 0 && (f == 0xFF0C || f == 0x3002 ||
			             f == 0x3001 || f == 0x300B || f == 0x201D ||
			             f == 0xFF09 || f == 0x2026));
			assert_false(k + 1 < l->n_lines && (e == 0x300A ||
			             e == 0x201C || e == 0xFF08 || e == 0x300C));
			if (k > 0)
				assert_int_equal(tl->y, l->lines[k - 1].y +
				                 l->lines[k - 1].height);
		}
		assert_int_equal(at, n_want);
		text_layout_free(l);
	}
	free(text);
	free(want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_should_never_start_a_line_with_closing_punctuation),
		cmocka_unit_test(test_layout_should_never_end_a_line_with_opening_punctuation),
		cmocka_unit_test(test_layout_should_push_one_character_down_with_the_punctuation),
		cmocka_unit_test(test_layout_should_pull_in_punctuation_by_squeezing_its_half_blank),
		cmocka_unit_test(test_layout_should_keep_a_number_whole_with_its_unit),
		cmocka_unit_test(test_layout_should_not_split_latin_words),
		cmocka_unit_test(test_layout_should_not_split_urls),
		cmocka_unit_test(test_layout_should_not_split_item_codes),
		cmocka_unit_test(test_layout_should_force_break_a_token_longer_than_the_width),
		cmocka_unit_test(test_layout_should_hang_the_indent_of_numbered_items),
		cmocka_unit_test(test_layout_should_hang_the_indent_of_parenthesised_items),
		cmocka_unit_test(test_layout_should_hang_the_indent_of_bullets),
		cmocka_unit_test(test_layout_should_not_hang_without_a_marker),
		cmocka_unit_test(test_layout_should_size_lines_by_their_largest_span),
		cmocka_unit_test(test_layout_should_make_bold_spans_wider),
		cmocka_unit_test(test_layout_should_truncate_to_max_lines_with_an_ellipsis),
		cmocka_unit_test(test_layout_should_break_at_newlines),
		cmocka_unit_test(test_layout_should_justify_wrapped_lines_to_the_full_width),
		cmocka_unit_test(test_layout_should_squeeze_adjacent_full_width_punctuation),
		cmocka_unit_test(test_layout_should_show_invalid_bytes_as_replacement),
		cmocka_unit_test(test_layout_should_leave_a_line_ragged_rather_than_tear_it_apart),
		cmocka_unit_test(test_layout_should_lay_out_empty_text_as_no_lines),
		cmocka_unit_test(test_layout_should_align_center_and_right),
		cmocka_unit_test(test_layout_should_lay_out_a_10000_character_paragraph),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
