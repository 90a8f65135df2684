/* test_source.c — the guide source parser: valid sources load, and every
 * error path reports the exact path:line and names the field. */
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
#include "guide/source.h"

/* A valid item; line numbers below refer to it. */
static const char *valid =
	"事项名称：测试事项\n"            /* 1 */
	"事项编码：T-001\n"               /* 2 */
	"事项类型：行政许可\n"            /* 3 */
	"服务对象：个人\n"                /* 4 */
	"所属部门：aa\n"                  /* 5 */
	"办理地点：一楼\n"                /* 6 */
	"办理时间：工作日\n"              /* 7 */
	"咨询电话：0371-1\n"              /* 8 */
	"到现场次数：1\n"                 /* 9 */
	"\n"                              /* 10 */
	"【设定依据】\n"                  /* 11 */
	"《某法》第十条。\n"              /* 12 */
	"【申请条件】\n"                  /* 13 */
	"1. 条件。\n"                     /* 14 */
	"【申请材料】\n"                  /* 15 */
	"- 申请书 | 原件 | 1 | 备注\n"    /* 16 */
	"【办理流程】\n"                  /* 17 */
	"- 受理 | 窗口 | 当场\n"          /* 18 */
	"【办理时限】\n"                  /* 19 */
	"法定时限：20个工作日\n"          /* 20 */
	"承诺时限：5个工作日\n"           /* 21 */
	"【收费标准】\n"                  /* 22 */
	"不收费。\n";                     /* 23 */

/* valid with the first occurrence of `from` replaced by `to` (static buffer). */
static const char *mutate(const char *from, const char *to)
{
	static char buf[8192];
	const char *p = strstr(valid, from);
	assert_non_null(p);
	snprintf(buf, sizeof buf, "%.*s%s%s", (int)(p - valid), valid, to, p + strlen(from));
	return buf;
}

/* Parse text as "t.txt"; return the diagnostics (caller frees). */
static Diags parse(const char *text, size_t len, Item *it, Arena *a)
{
	Diags d = { 0 };
	source_parse_item(a, "t.txt", text, len, it, &d);
	return d;
}

static void expect_one(const char *text, const char *want_prefix, const char *want_part)
{
	Arena a = { 0 };
	Item it;
	Diags d = parse(text, strlen(text), &it, &a);
	if (d.n < 1) fail_msg("expected a problem '%s%s', got none", want_prefix, want_part);
	int found = 0;
	for (int i = 0; i < d.n; i++)
		if (strncmp(d.msgs[i], want_prefix, strlen(want_prefix)) == 0 && strstr(d.msgs[i], want_part))
			found = 1;
	if (!found) {
		for (int i = 0; i < d.n; i++) fprintf(stderr, "  got: %s\n", d.msgs[i]);
		fail_msg("no problem '%s...%s'", want_prefix, want_part);
	}
	diags_free(&d);
	arena_free(&a);
}

static void test_source_should_parse_a_valid_item(void **state)
{
	Arena a = { 0 };
	Item it;
	Diags d = parse(valid, strlen(valid), &it, &a);
	for (int i = 0; i < d.n; i++) fprintf(stderr, "%s\n", d.msgs[i]);
	assert_int_equal(d.n, 0);
	assert_string_equal(it.name, "测试事项");
	assert_string_equal(it.code, "T-001");
	assert_string_equal(it.basis, "《某法》第十条。");
	assert_int_equal(it.n_materials, 1);
	assert_string_equal(it.materials[0].name, "申请书");
	assert_string_equal(it.materials[0].form, "原件");
	assert_int_equal(it.materials[0].copies, 1);
	assert_string_equal(it.materials[0].note, "备注");
	assert_int_equal(it.n_steps, 1);
	assert_string_equal(it.steps[0].who, "窗口");
	assert_int_equal(it.time_limit.legal.unit, TL_WORKDAYS);
	assert_int_equal(it.time_limit.legal.n, 20);
	assert_int_equal(it.time_limit.promised.n, 5);
	assert_int_equal(it.visits, 1);
	diags_free(&d);
	arena_free(&a);
}

static void test_source_should_accept_crlf_and_bom(void **state)
{
	char buf[8192] = "\xEF\xBB\xBF";
	size_t n = 3;
	for (const char *p = valid; *p; p++) {
		if (*p == '\n') buf[n++] = '\r';
		buf[n++] = *p;
	}
	Arena a = { 0 };
	Item it;
	Diags d = parse(buf, n, &it, &a);
	assert_int_equal(d.n, 0);
	assert_string_equal(it.name, "测试事项");      /* no BOM, no \r */
	assert_string_equal(it.fees, "不收费。");
	diags_free(&d);
	arena_free(&a);
}

static void test_source_should_keep_paragraphs_and_drop_comments(void **state)
{
	Arena a = { 0 };
	Item it;
	const char *t = mutate("《某法》第十条。\n", "第一段。\n# 注释不进入正文\n\n\n第二段。\n");
	Diags d = parse(t, strlen(t), &it, &a);
	assert_int_equal(d.n, 0);
	assert_string_equal(it.basis, "第一段。\n\n第二段。");
	diags_free(&d);
	arena_free(&a);
}

static void test_source_should_accept_full_width_space_and_bar(void **state)
{
	Arena a = { 0 };
	Item it;
	const char *t = mutate("- 申请书 | 原件 | 1 | 备注", "－　申请书｜原件及复印件｜2份｜备注");
	Diags d = parse(t, strlen(t), &it, &a);
	assert_int_equal(d.n, 0);
	assert_string_equal(it.materials[0].name, "申请书");
	assert_string_equal(it.materials[0].form, "原件和复印件");
	assert_int_equal(it.materials[0].copies, 2);
	diags_free(&d);
	arena_free(&a);
}

/* Every error path: mutation of the valid item -> exact path:line + message part. */
static const struct { const char *from, *to, *prefix, *part; } cases[] = {
	/* 1 */ { "【设定依据】\n《某法》第十条。\n", "", "t.txt:1: ", "missing section 【设定依据】" },
	/* 2 */ { "【收费标准】\n不收费。\n", "", "t.txt:1: ", "missing section 【收费标准】" },
	/* 3 */ { "事项编码：T-001\n", "", "t.txt:1: ", "missing field '事项编码'" },
	/* 4 */ { "事项类型：", "事项类别：", "t.txt:3: ", "unknown field '事项类别' (did you mean '事项类型'?)" },
	/* 5 */ { "办理地点：一楼", "办理地点：一\xff楼", "t.txt:6: ", "invalid UTF-8 (byte 0xFF at column 7)" },
	/* 6 */ { "- 申请书 | 原件 | 1 | 备注", "申请书 原件 1", "t.txt:16: ", "申请材料: expected '- 名称 | 形式 | 份数 | 备注'" },
	/* 7 */ { "| 原件 |", "| 原本 |", "t.txt:16: ", "unknown 形式 '原本'" },
	/* 8 */ { "| 原件 | 1 |", "| 原件 | 一 |", "t.txt:16: ", "份数 '一' is not a number from 1 to 99" },
	/* 9 */ { "- 申请书 | 原件 | 1 | 备注", "- 申请书 | 原件", "t.txt:16: ", "expected 3 or 4 fields" },
	/* 10 */ { "- 受理 | 窗口 | 当场", "- 受理 | 窗口", "t.txt:18: ", "办理流程: expected 3 fields" },
	/* 11 */ { "- 受理 | 窗口 | 当场", "- 受理 |  | 当场", "t.txt:18: ", "办理流程: 承办人 is empty" },
	/* 12 */ { "- 受理 | 窗口 | 当场", "受理、窗口、当场", "t.txt:18: ", "办理流程: expected '- 环节 | 承办人 | 时限'" },
	/* 13 */ { "法定时限：20个工作日", "法定时限：二十天", "t.txt:20: ", "法定时限 '二十天' is not a time limit" },
	/* 14 */ { "承诺时限：5个工作日", "承诺时限：30个工作日", "t.txt:21: ", "承诺时限 (30个工作日) is longer than 法定时限 (20个工作日)" },
	/* 15 */ { "法定时限：20个工作日\n", "", "t.txt:19: ", "section 【办理时限】 has no 法定时限" },
	/* 16 */ { "法定时限：20个工作日", "期限：20个工作日", "t.txt:20: ", "办理时限: unknown field '期限'" },
	/* 17 */ { "服务对象：个人\n", "服务对象：个人\n服务对象：法人\n", "t.txt:5: ", "duplicate field '服务对象' (first on line 4)" },
	/* 18 */ { "【收费标准】\n", "【申请条件】\n再一遍。\n【收费标准】\n", "t.txt:22: ", "duplicate section 【申请条件】 (first on line 13)" },
	/* 19 */ { "【设定依据】", "【设定根据】", "t.txt:11: ", "unknown section '【设定根据】' (did you mean 【设定依据】?)" },
	/* 20 */ { "《某法》第十条。\n", "\n", "t.txt:11: ", "section 【设定依据】 is empty" },
	/* 21 */ { "\n【设定依据】", "这一行没有冒号\n【设定依据】", "t.txt:10: ", "expected '字段：内容'" },
	/* 22 */ { "到现场次数：1", "到现场次数：一次", "t.txt:9: ", "到现场次数 '一次' is not a number from 0 to 9" },
	/* 23 */ { "到现场次数：1\n", "到现场次数：1\n网上办事指南：www.gov.cn\n", "t.txt:10: ", "网上办事指南 'www.gov.cn' is not an http(s) address" },
	/* 24 */ { "服务对象：个人", "服务对象：群众", "t.txt:4: ", "服务对象 '群众' must be 个人, 法人 or 个人、法人" },
	/* 25 */ { "事项名称：测试事项", "事项名称：", "t.txt:1: ", "field '事项名称' is empty" },
	/* 26 */ { "事项编码：T-001", "事项编码：T 001/甲", "t.txt:2: ", "事项编码 'T 001/甲' may hold only letters" },
	/* 27 */ { "- 申请书 | 原件 | 1 | 备注\n", "", "t.txt:15: ", "section 【申请材料】 lists no materials" },
	/* 28 */ { "- 受理 | 窗口 | 当场\n", "", "t.txt:17: ", "section 【办理流程】 lists no steps" },
	/* 29 */ { "到现场次数：1\n", "到现场次数：1\n热度：300\n", "t.txt:10: ", "热度 '300' is not a number from 0 to 100" },
	/* 30 */ { "法定时限：20个工作日", "法定时限：即办", "t.txt:21: ", "承诺时限 (5个工作日) is longer than 法定时限 (即办)" },
};

static void test_source_should_report_each_error_at_its_line(void **state)
{
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		fprintf(stderr, "case %zu\n", i + 1);
		expect_one(mutate(cases[i].from, cases[i].to), cases[i].prefix, cases[i].part);
	}
}

/* ---- consistency checks (issue 15): exact lines, errors and warnings ---- */

/* A valid item with a code of the form 410106-DEPT-TT-NNN, a versioned
 * citation, a legal limit in natural days and steps that fit the promise;
 * it produces no error and no warning. Line numbers below refer to it. */
static const char *valid2 =
	"事项名称：测试备案\n"                        /* 1 */
	"事项编码：410106-TST-BA-001\n"               /* 2 */
	"事项类型：行政备案\n"                        /* 3 */
	"服务对象：法人\n"                            /* 4 */
	"所属部门：aa\n"                              /* 5 */
	"办理地点：一楼\n"                            /* 6 */
	"办理时间：工作日\n"                          /* 7 */
	"咨询电话：0371-1\n"                          /* 8 */
	"到现场次数：1\n"                             /* 9 */
	"\n"                                          /* 10 */
	"【设定依据】\n"                              /* 11 */
	"《某某条例》（2019年修订）第十条。\n"          /* 12 */
	"【申请条件】\n"                              /* 13 */
	"1. 条件。\n"                                 /* 14 */
	"【申请材料】\n"                              /* 15 */
	"- 备案表 | 原件 | 1\n"                       /* 16 */
	"【办理流程】\n"                              /* 17 */
	"- 受理 | 窗口 | 当场\n"                      /* 18 */
	"- 审查 | 科室 | 3个工作日\n"                 /* 19 */
	"- 送达 | 窗口 | 1个工作日（邮寄时间另计）\n"  /* 20 */
	"- 补正 | 申请人 | 收到通知之日起30日内\n"     /* 21 */
	"【办理时限】\n"                              /* 22 */
	"法定时限：20日\n"                            /* 23 */
	"承诺时限：4个工作日\n"                       /* 24 */
	"【收费标准】\n"                              /* 25 */
	"不收费。\n";                                 /* 26 */

/* valid2 with up to three replacements (from, to pairs; NULL ends). */
static const char *mutate2(const char *const *rp)
{
	static char one[8192], two[8192];
	char *cur = one, *next = two;
	snprintf(cur, sizeof one, "%s", valid2);
	for (int i = 0; i < 6 && rp[i]; i += 2) {
		const char *p = strstr(cur, rp[i]);
		if (!p) fail_msg("mutation '%s' not found", rp[i]);
		snprintf(next, sizeof one, "%.*s%s%s", (int)(p - cur), cur, rp[i + 1], p + strlen(rp[i]));
		char *t = cur; cur = next; next = t;
	}
	return cur;
}

/* The diagnostics of text, errors and warnings in order, must be exactly
 * want[0..] (NULL-terminated). */
static void expect_exact(const char *what, const char *text, const char *const *want)
{
	Arena a = { 0 };
	Item it;
	Diags d = parse(text, strlen(text), &it, &a);
	int n = 0;
	while (want[n]) n++;
	int ok = d.n_all == n;
	for (int i = 0; ok && i < n; i++) ok = strcmp(d.all[i], want[i]) == 0;
	if (!ok) {
		for (int i = 0; i < n; i++) fprintf(stderr, "  want: %s\n", want[i]);
		for (int i = 0; i < d.n_all; i++) fprintf(stderr, "  got:  %s\n", d.all[i]);
		fail_msg("%s: diagnostics differ", what);
	}
	diags_free(&d);
	arena_free(&a);
}

static void test_source_should_accept_the_consistent_item(void **state)
{
	const char *const none[] = { NULL };
	expect_exact("valid2", valid2, none);
}

/* Each case: up to three replacements in valid2 -> the exact diagnostics. */
typedef struct Case2 {
	const char *rp[7];
	const char *want[4];
} Case2;

static void run_cases(const char *group, const Case2 *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char what[64];
		snprintf(what, sizeof what, "%s case %zu", group, i + 1);
		expect_exact(what, mutate2(c[i].rp), c[i].want);
	}
}

/* a) the type segment of 事项编码 matches 事项类型 */
static const Case2 code_cases[] = {
	/* 1 */ { { "事项类型：行政备案", "事项类型：行政许可" },
	          { "t.txt:2: 事项编码 410106-TST-BA-001 has type segment BA but 事项类型 is 行政许可 (expected XK)" } },
	/* 2 */ { { "410106-TST-BA-001", "410106-YJJ-XK-003" },
	          { "t.txt:2: 事项编码 410106-YJJ-XK-003 has type segment XK but 事项类型 is 行政备案 (expected BA)" } },
	/* 3 */ { { "410106-TST-BA-001", "410106-TST-XX-001" },
	          { "t.txt:2: 事项编码 410106-TST-XX-001 has type segment XX but 事项类型 is 行政备案 (expected BA)" } },
	/* 4 */ { { "事项类型：行政备案", "事项类型：审批" },
	          { "t.txt:2: 事项编码 410106-TST-BA-001 has type segment BA but 事项类型 '审批' is none of "
	            "行政许可 (XK), 行政备案 (BA), 行政确认 (QR), 行政给付 (JF), 行政奖励 (JL), "
	            "行政裁决 (CJ), 其他行政权力 (QT), 公共服务 (GG)" } },
	/* 5: codes of another form are not checked */
	/* 5 */ { { "410106-TST-BA-001", "T-XK-001", "事项类型：行政备案", "事项类型：审批" }, { NULL } },
	/* 6 */ { { "410106-TST-BA-001", "A-TST-XK-001" }, { NULL } },
	/* 7 */ { { "410106-TST-BA-001", "410106-TST-XK-001-2" }, { NULL } },
};

static void test_source_should_match_code_type_segment(void **state)
{
	run_cases("code", code_cases, sizeof code_cases / sizeof *code_cases);
	/* Every type with its own segment passes; with another one's, fails. */
	static const char *const types[][2] = {
		{ "行政许可", "XK" }, { "行政备案", "BA" }, { "行政确认", "QR" }, { "行政给付", "JF" },
		{ "行政奖励", "JL" }, { "行政裁决", "CJ" }, { "其他行政权力", "QT" }, { "公共服务", "GG" },
	};
	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 8; j++) {
			char code[64], type[64], msg[256];
			snprintf(code, sizeof code, "410106-TST-%s-001", types[j][1]);
			snprintf(type, sizeof type, "事项类型：%s", types[i][0]);
			snprintf(msg, sizeof msg, "t.txt:2: 事项编码 %s has type segment %s but 事项类型 is %s (expected %s)",
			         code, types[j][1], types[i][0], types[i][1]);
			const char *const rp[] = { "410106-TST-BA-001", code, "事项类型：行政备案", type, NULL };
			const char *const err[] = { msg, NULL };
			const char *const none[] = { NULL };
			expect_exact(type, mutate2(rp), i == j ? none : err);
		}
}

/* b) 承诺时限 within 法定时限 in working days, converted conservatively */
static const Case2 limit_cases[] = {
	/* 1: W(20日) = 14 */
	/* 1 */ { { "承诺时限：4个工作日", "承诺时限：15个工作日" },
	          { "t.txt:24: 办理时限: 承诺时限 (15个工作日) is longer than 法定时限 (20日, at least 14个工作日)" } },
	/* 2 */ { { "承诺时限：4个工作日", "承诺时限：14个工作日" }, { NULL } },
	/* 3: W(1个月) = W(28日) = 20 */
	/* 3 */ { { "法定时限：20日", "法定时限：1个月", "承诺时限：4个工作日", "承诺时限：21个工作日" },
	          { "t.txt:24: 办理时限: 承诺时限 (21个工作日) is longer than 法定时限 (1个月, at least 20个工作日)" } },
	/* 4 */ { { "法定时限：20日", "法定时限：1个月", "承诺时限：4个工作日", "承诺时限：20个工作日" }, { NULL } },
	/* 5: W(3个月) = W(88日) = 62 */
	/* 5 */ { { "法定时限：20日", "法定时限：3个月", "承诺时限：4个工作日", "承诺时限：63个工作日" },
	          { "t.txt:24: 办理时限: 承诺时限 (63个工作日) is longer than 法定时限 (3个月, at least 62个工作日)" } },
	/* 6 */ { { "法定时限：20日", "法定时限：3个月", "承诺时限：4个工作日", "承诺时限：62个工作日" }, { NULL } },
	/* 7: W(3日) = 1 (Friday to Sunday) */
	/* 7 */ { { "法定时限：20日", "法定时限：3日", "承诺时限：4个工作日", "承诺时限：2个工作日", "3个工作日", "当场" },
	          { "t.txt:24: 办理时限: 承诺时限 (2个工作日) is longer than 法定时限 (3日, at least 1个工作日)" } },
	/* 8: W(9天) = 5 + 0 */
	/* 8 */ { { "法定时限：20日", "法定时限：9天", "承诺时限：4个工作日", "承诺时限：6个工作日" },
	          { "t.txt:24: 办理时限: 承诺时限 (6个工作日) is longer than 法定时限 (9日, at least 5个工作日)" } },
	/* 9: the same units compare counts (W(36日) = W(35日) = 25) */
	/* 9 */ { { "法定时限：20日", "法定时限：35日", "承诺时限：4个工作日", "承诺时限：36日" },
	          { "t.txt:24: 办理时限: 承诺时限 (36日, at least 25个工作日) is longer than 法定时限 (35日, at least 25个工作日)" } },
	/* 10: a promise in days against working days: W(30日) = 20 */
	/* 10 */ { { "法定时限：20日", "法定时限：19个工作日", "承诺时限：4个工作日", "承诺时限：30日" },
	          { "t.txt:24: 办理时限: 承诺时限 (30日, at least 20个工作日) is longer than 法定时限 (19个工作日)" } },
	/* 11: legal 即办 allows only 即办, in any unit */
	/* 11 */ { { "法定时限：20日", "法定时限：即办", "承诺时限：4个工作日", "承诺时限：1日", "3个工作日", "当场" },
	          { "t.txt:24: 办理时限: 承诺时限 (1日, at least 0个工作日) is longer than 法定时限 (即办)",
	            "t.txt:24: 办理时限: steps total 1个工作日 (line 20) but 承诺时限 is 1日 (at least 0个工作日)" } },
	/* 12: one rule for working days too (no second message) */
	/* 12 */ { { "法定时限：20日", "法定时限：3个工作日", "承诺时限：4个工作日", "承诺时限：5个工作日" },
	          { "t.txt:24: 办理时限: 承诺时限 (5个工作日) is longer than 法定时限 (3个工作日)" } },
	/* 13: a legal 未规定 (the law sets the office no limit) bounds no promise */
	/* 13 */ { { "法定时限：20日", "法定时限：未规定", "承诺时限：4个工作日", "承诺时限：30个工作日" }, { NULL } },
	/* 14: ... and without a promise, no step total either */
	/* 14 */ { { "法定时限：20日", "法定时限：未规定", "承诺时限：4个工作日\n", "" }, { NULL } },
	/* 15: the hall's own promise cannot be 未规定 */
	/* 15 */ { { "承诺时限：4个工作日", "承诺时限：未规定" },
	          { "t.txt:24: 办理时限: 承诺时限 cannot be 未规定 (the hall promises a time: 即办 or N个工作日)" } },
};

/* The legal limit's sub-caption (item cards, department list): never
 * "法定" before 法律法规未规定. */
static void test_source_time_legal_short_should_name_an_unset_limit(void **state)
{
	char b[64];
	assert_string_equal(time_legal_short((TimeValue){ TL_WORKDAYS, 20 }, b, sizeof b), "法定20个工作日");
	assert_string_equal(time_legal_short((TimeValue){ TL_DAYS, 30 }, b, sizeof b), "法定30日");
	assert_string_equal(time_legal_short((TimeValue){ TL_UNSET, 0 }, b, sizeof b), "无法定时限");
}

static void test_source_should_keep_the_promise_within_the_legal_limit(void **state)
{
	run_cases("limit", limit_cases, sizeof limit_cases / sizeof *limit_cases);
}

/* b) the steps' working days within 承诺时限 */
static const Case2 step_cases[] = {
	/* 1 */ { { "3个工作日", "5个工作日" },
	          { "t.txt:24: 办理时限: steps total 6个工作日 (lines 19-20) but 承诺时限 is 4个工作日" } },
	/* 2: a promise of 即办 with a step of 2个工作日 */
	/* 2 */ { { "承诺时限：4个工作日", "承诺时限：即办", "3个工作日", "2个工作日", "1个工作日（邮寄时间另计）", "当场（邮寄时间另计）" },
	          { "t.txt:24: 办理时限: steps total 2个工作日 (line 19) but 承诺时限 is 即办" } },
	/* 3: N日 steps count as W(N): W(7日) = 5 */
	/* 3 */ { { "3个工作日", "7日" },
	          { "t.txt:24: 办理时限: steps total 6个工作日 (lines 19-20) but 承诺时限 is 4个工作日" } },
	/* 4: W(1个月) = 20 */
	/* 4 */ { { "3个工作日", "1个月" },
	          { "t.txt:24: 办理时限: steps total 21个工作日 (lines 19-20) but 承诺时限 is 4个工作日" } },
	/* 5: ASCII parenthesised note; gaps in the lines */
	/* 5 */ { { "当场\n", "2个工作日(含公示)\n" },
	          { "t.txt:24: 办理时限: steps total 6个工作日 (lines 18-20) but 承诺时限 is 4个工作日" } },
	/* 6 */ { { "3个工作日", "当场", "当场\n", "2个工作日\n", "收到通知之日起30日内", "2个工作日" },
	          { "t.txt:24: 办理时限: steps total 5个工作日 (lines 18, 20-21) but 承诺时限 is 4个工作日" } },
	/* 7: times the applicant has do not count */
	/* 7 */ { { "3个工作日", "开始经营之日起30日内" }, { NULL } },
	/* 8 */ { { "3个工作日", "预案公布后按规定期限内" }, { NULL } },
	/* 9 */ { { "3个工作日", "3个工作日内" }, { NULL } },
	/* 10 */ { { "3个工作日", "当场；不能当场登记的3个工作日内" }, { NULL } },
	/* 11: without 承诺时限 the steps fit 法定时限 (W(20日) = 14) */
	/* 11 */ { { "承诺时限：4个工作日\n", "", "3个工作日", "14个工作日" },
	          { "t.txt:23: 办理时限: steps total 15个工作日 (lines 19-20) but 法定时限 is 20日 (at least 14个工作日)" } },
	/* 12 */ { { "承诺时限：4个工作日\n", "", "3个工作日", "13个工作日" }, { NULL } },
	/* 13: a 承诺时限 in days */
	/* 13 */ { { "承诺时限：4个工作日", "承诺时限：7日", "3个工作日", "5个工作日" },
	          { "t.txt:24: 办理时限: steps total 6个工作日 (lines 19-20) but 承诺时限 is 7日 (at least 5个工作日)" } },
	/* 14: a bad 承诺时限 is reported once, not also against the steps */
	/* 14 */ { { "承诺时限：4个工作日", "承诺时限：尽快" },
	          { "t.txt:24: 办理时限: 承诺时限 '尽快' is not a time limit (use 即办, N个工作日, N日 or N个月)" } },
};

static void test_source_should_fit_the_steps_within_the_promise(void **state)
{
	run_cases("steps", step_cases, sizeof step_cases / sizeof *step_cases);
}

/* c) every law an item cites names a version year in some mention */
static const Case2 cite_cases[] = {
	/* 1 */ { { "（2019年修订）", "" },
	          { "t.txt:12: warning: 《某某条例》 cited without a version year, e.g. 《某某条例》（YYYY年修订）" } },
	/* 2: later mentions may omit it */
	/* 2 */ { { "1. 条件。", "1. 符合《某某条例》第十一条。" }, { NULL } },
	/* 3: any mention may carry it */
	/* 3 */ { { "（2019年修订）", "", "1. 条件。", "1. 符合《某某条例》（2019年修订）第十一条。" }, { NULL } },
	/* 4: not laws */
	/* 4 */ { { "1. 条件。", "1. 持有《营业执照》和《危险化学品经营许可证》。" }, { NULL } },
	/* 5: ASCII parentheses; a version names a year, any other text in it */
	/* 5 */ { { "（2019年修订）", "(2019年修正)" }, { NULL } },
	/* 6 */ { { "（2019年修订）", "（2019年公布，国务院令第708号）" }, { NULL } },
	/* 7 */ { { "（2019年修订）", "（国务院令第708号）" },
	          { "t.txt:12: warning: 《某某条例》 cited without a version year, e.g. 《某某条例》（YYYY年修订）" } },
	/* 8: the parenthesis must follow 》 immediately */
	/* 8 */ { { "（2019年修订）", " （2019年修订）" },
	          { "t.txt:12: warning: 《某某条例》 cited without a version year, e.g. 《某某条例》（YYYY年修订）" } },
	/* 9: 中华人民共和国 is dropped when comparing names */
	/* 9 */ { { "《某某条例》（2019年修订）", "《中华人民共和国某某法》（2019年修正）", "1. 条件。", "1. 依照《某某法》第五条。" }, { NULL } },
	/* 10: comments are not read */
	/* 10 */ { { "1. 条件。", "# 旧文：《某某办法》第三条\n1. 条件。" }, { NULL } },
	/* 11: each law once, at its first mention, in order */
	/* 11 */ { { "1. 条件。", "1. 依照《乙规定》第一条、《甲办法》第二条。\n2. 依照《乙规定》第三条。" },
	           { "t.txt:14: warning: 《乙规定》 cited without a version year, e.g. 《乙规定》（YYYY年修订）",
	             "t.txt:14: warning: 《甲办法》 cited without a version year, e.g. 《甲办法》（YYYY年修订）" } },
	/* 12 */ { { "1. 条件。", "1. 《a细则》《b决定》" },
	           { "t.txt:14: warning: 《a细则》 cited without a version year, e.g. 《a细则》（YYYY年修订）",
	             "t.txt:14: warning: 《b决定》 cited without a version year, e.g. 《b决定》（YYYY年修订）" } },
	/* 13 */ { { "1. 条件。", "1. 《c规则》《d目录》" },
	           { "t.txt:14: warning: 《c规则》 cited without a version year, e.g. 《c规则》（YYYY年修订）",
	             "t.txt:14: warning: 《d目录》 cited without a version year, e.g. 《d目录》（YYYY年修订）" } },
	/* 14: an unclosed 《 and a nested one */
	/* 14 */ { { "1. 条件。", "1. 《未闭合 《e法》（2020年修正）" }, { NULL } },
	/* 15: a warning with an error: both printed, in order */
	/* 15 */ { { "（2019年修订）", "", "事项类型：行政备案", "事项类型：行政许可" },
	           { "t.txt:2: 事项编码 410106-TST-BA-001 has type segment BA but 事项类型 is 行政许可 (expected XK)",
	             "t.txt:12: warning: 《某某条例》 cited without a version year, e.g. 《某某条例》（YYYY年修订）" } },
};

static void test_source_should_warn_of_citations_without_a_version(void **state)
{
	run_cases("cite", cite_cases, sizeof cite_cases / sizeof *cite_cases);
}

static void test_source_should_not_count_warnings_as_errors(void **state)
{
	Arena a = { 0 };
	Item it;
	const char *const rp[] = { "（2019年修订）", "", NULL };
	const char *t = mutate2(rp);
	Diags d = { 0 };
	assert_int_equal(source_parse_item(&a, "t.txt", t, strlen(t), &it, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(d.n_warns, 1);
	diags_free(&d);
	arena_free(&a);
}

/* d) laws.txt lines: each malformed line an error at its line */
static void test_source_should_report_malformed_laws_lines(void **state)
{
	const char *text =
		"# 法律法规现行文本\n"                                              /* 1 */
		"\n"                                                                /* 2 */
		"消耗臭氧层物质管理条例 | 2023-12-29 | 2023年修订\n"                /* 3 */
		"行政许可法｜2019-04-23｜2019年修正\n"                              /* 4 */
		"只有名字\n"                                                        /* 5 */
		"某法 | 2019-04-23\n"                                               /* 6 */
		"《某某法》 | 2019-04-23 | 2019年修正\n"                            /* 7 */
		"营业执照 | 2019-04-23 | 2019年修正\n"                              /* 8 */
		"某某条例 | 2019-02-29 | 2019年修订\n"                              /* 9 */
		"某某办法 | 2019/04/23 | 2019年修订\n"                              /* 10 */
		"某某规定 | 2020-01-01 | 2019年修订\n"                              /* 11 */
		"中华人民共和国行政许可法 | 2019-04-23 | 2019年修正\n"              /* 12 */
		"某某细则 | 2020-02-29 |  \n"                                       /* 13 */
		"某某决定 | 2020-02-29 | 2020年公布 | 多余\n";                      /* 14 */
	const char *want[] = {
		"laws.txt:5: expected 'NAME | YYYY-MM-DD | 版本说明' (e.g. 消耗臭氧层物质管理条例 | 2023-12-29 | 2023年修订), got '只有名字'",
		"laws.txt:6: expected 'NAME | YYYY-MM-DD | 版本说明' (e.g. 消耗臭氧层物质管理条例 | 2023-12-29 | 2023年修订), got '某法 | 2019-04-23'",
		"laws.txt:7: write the name without 《》: '《某某法》'",
		"laws.txt:8: '营业执照' is no law name a citation can have (it must end in 法, 条例, 规定, 办法, 细则, 决定, 规则 or 目录)",
		"laws.txt:9: '某某条例': date '2019-02-29' is not a date YYYY-MM-DD",
		"laws.txt:10: '某某办法': date '2019/04/23' is not a date YYYY-MM-DD",
		"laws.txt:11: '某某规定': 版本说明 '2019年修订' must name the year of the date, 2020年",
		"laws.txt:12: duplicate law '中华人民共和国行政许可法' (first on line 4)",
		"laws.txt:13: expected 'NAME | YYYY-MM-DD | 版本说明' (e.g. 消耗臭氧层物质管理条例 | 2023-12-29 | 2023年修订), got '某某细则 | 2020-02-29 |'",
		"laws.txt:14: expected 'NAME | YYYY-MM-DD | 版本说明' (e.g. 消耗臭氧层物质管理条例 | 2023-12-29 | 2023年修订), got '某某决定 | 2020-02-29 | 2020…'",
	};
	Arena a = { 0 };
	LawList laws;
	Diags d = { 0 };
	assert_int_equal(source_parse_laws(&a, "laws.txt", text, strlen(text), &laws, &d), -1);
	int n = (int)(sizeof want / sizeof *want);
	int ok = d.n_all == n;
	for (int i = 0; ok && i < n; i++) ok = strcmp(d.all[i], want[i]) == 0;
	if (!ok) {
		for (int i = 0; i < n; i++) fprintf(stderr, "  want: %s\n", want[i]);
		for (int i = 0; i < d.n_all; i++) fprintf(stderr, "  got:  %s\n", d.all[i]);
		fail_msg("laws.txt diagnostics differ");
	}
	assert_int_equal(laws.n, 2);
	assert_string_equal(laws.v[0].name, "消耗臭氧层物质管理条例");
	assert_string_equal(laws.v[0].date, "2023-12-29");
	assert_int_equal(laws.v[0].year, 2023);
	assert_string_equal(laws.v[0].version, "2023年修订");
	assert_int_equal(laws.v[0].line, 3);
	assert_string_equal(laws.v[1].name, "行政许可法");
	diags_free(&d);
	arena_free(&a);
}

/* d) versioned citations against laws.txt */
static const char *laws_txt =
	"# name | date of the current text | how a citation names it\n"
	"某某条例 | 2023-12-29 | 2023年修订\n"
	"中华人民共和国某某法 | 2019-04-23 | 2019年修正\n";

static const Case2 law_cases[] = {
	/* 1 */ { { NULL },
	          { "t.txt:12: 《某某条例》（2019年修订） is not the current text: laws.txt lists 2023-12-29 (2023年修订)" } },
	/* 2 */ { { "（2019年修订）", "（2018年修订）" },
	          { "t.txt:12: 《某某条例》（2018年修订） is not the current text: laws.txt lists 2023-12-29 (2023年修订)" } },
	/* 3 */ { { "（2019年修订）", "（2023年修订）" }, { NULL } },
	/* 4 */ { { "（2019年修订）", "（2024年修订）" },
	          { "t.txt:12: 《某某条例》（2024年修订） is newer than the text laws.txt lists, 2023-12-29 (2023年修订); update laws.txt" } },
	/* 5: every versioned mention is checked */
	/* 5 */ { { "（2019年修订）", "（2023年修订）", "1. 条件。", "1. 依照《某某条例》（2018年修订）第五条。" },
	          { "t.txt:14: 《某某条例》（2018年修订） is not the current text: laws.txt lists 2023-12-29 (2023年修订)" } },
	/* 6: the newest year in the parenthesis is the version */
	/* 6 */ { { "（2019年修订）", "（2001年公布，2023年修订）" }, { NULL } },
	/* 7: a listed law without a version: the listed one is suggested */
	/* 7 */ { { "（2019年修订）", "" },
	          { "t.txt:12: warning: 《某某条例》 cited without a version year, e.g. 《某某条例》（2023年修订）" } },
	/* 8: names compare without 中华人民共和国 */
	/* 8 */ { { "《某某条例》（2019年修订）", "《某某法》（2018年修正）" },
	          { "t.txt:12: 《某某法》（2018年修正） is not the current text: laws.txt lists 2019-04-23 (2019年修正)" } },
	/* 9: a law laws.txt does not list */
	/* 9 */ { { "《某某条例》（2019年修订）", "《另一条例》（2019年修订）" },
	          { "t.txt:12: warning: 《另一条例》 is not listed in guides/laws.txt" } },
};

static void test_source_should_check_citations_against_laws_txt(void **state)
{
	Arena la = { 0 };
	LawList laws;
	Diags ld = { 0 };
	assert_int_equal(source_parse_laws(&la, "guides/laws.txt", laws_txt, strlen(laws_txt), &laws, &ld), 0);
	assert_int_equal(ld.n_all, 0);
	for (size_t i = 0; i < sizeof law_cases / sizeof *law_cases; i++) {
		const char *t = mutate2(law_cases[i].rp);
		Arena a = { 0 };
		Item it;
		Diags d = { 0 };
		source_parse_item_laws(&a, "t.txt", t, strlen(t), &laws, &it, &d);
		int n = 0;
		while (law_cases[i].want[n]) n++;
		int ok = d.n_all == n;
		for (int j = 0; ok && j < n; j++) ok = strcmp(d.all[j], law_cases[i].want[j]) == 0;
		if (!ok) {
			for (int j = 0; j < n; j++) fprintf(stderr, "  want: %s\n", law_cases[i].want[j]);
			for (int j = 0; j < d.n_all; j++) fprintf(stderr, "  got:  %s\n", d.all[j]);
			fail_msg("laws case %zu: diagnostics differ", i + 1);
		}
		diags_free(&d);
		arena_free(&a);
	}
	diags_free(&ld);
	arena_free(&la);
}

static void test_source_should_report_nul_bytes(void **state)
{
	char buf[8192];
	size_t n = strlen(valid);
	memcpy(buf, valid, n);
	buf[2] = 0;       /* inside line 1 */
	Arena a = { 0 };
	Item it;
	Diags d = parse(buf, n, &it, &a);
	assert_true(d.n >= 1);
	assert_true(strncmp(d.msgs[0], "t.txt:1: ", 9) == 0);
	diags_free(&d);
	arena_free(&a);
}

static void test_source_should_survive_empty_and_garbage_input(void **state)
{
	const char *inputs[] = { "", "\n\n\n", "【", "】", "- | | |", "：", "【申请材料】\n-", "【办理时限】\n法定时限：99999999999" };
	for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
		Arena a = { 0 };
		Item it;
		Diags d = parse(inputs[i], strlen(inputs[i]), &it, &a);
		assert_true(d.n > 0);
		assert_non_null(it.name);
		diags_free(&d);
		arena_free(&a);
	}
}

/* ---- cross-file checks, on real folders -------------------------------- */

static char tmpdir[256];

static void write_file(const char *rel, const char *text)
{
	char p[512], dir[512];
	snprintf(p, sizeof p, "%s/%s", tmpdir, rel);
	snprintf(dir, sizeof dir, "%s", p);
	*strrchr(dir, '/') = 0;
	mkdir(dir, 0755);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static const char *dept_aa =
	"部门编码：aa\n部门名称：甲局\n简称：甲\n图标：aa.svg\n窗口：A1\n楼层：一楼\n咨询电话：1\n办公时间：工作日\n排序：1\n";

static Diags load(int *n_items)
{
	Diags d = { 0 };
	SourceInfo info;
	Guide *g = source_load_dir(tmpdir, &info, &d);
	assert_non_null(g);
	if (n_items) *n_items = g->n_items;
	guide_free(g);
	return d;
}

static int has(const Diags *d, const char *s)
{
	for (int i = 0; i < d->n; i++)
		if (strstr(d->msgs[i], s)) return 1;
	for (int i = 0; i < d->n; i++) fprintf(stderr, "  got: %s\n", d->msgs[i]);
	return 0;
}

static int setup_dir(void **state)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/kiosk-test-src-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int teardown_dir(void **state)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd);
}

static void test_source_should_report_duplicate_item_codes(void **state)
{
	write_file("aa/department.txt", dept_aa);
	write_file("aa/x.txt", valid);
	write_file("aa/y.txt", valid);
	Diags d = load(NULL);
	char want[600];
	snprintf(want, sizeof want, "%s/aa/y.txt:2: duplicate 事项编码 'T-001' (also in %s/aa/x.txt:2)", tmpdir, tmpdir);
	assert_true(has(&d, want));
	diags_free(&d);
}

static void test_source_should_report_item_in_unknown_department(void **state)
{
	write_file("aa/department.txt", dept_aa);
	write_file("aa/x.txt", valid);
	write_file("aa/z.txt", mutate("所属部门：aa", "所属部门：zz"));
	/* z.txt has the same code as x.txt; give it its own. */
	write_file("aa/z.txt", strstr(valid, "T-001") ? "" : "");
	char t[8192];
	snprintf(t, sizeof t, "%s", mutate("所属部门：aa", "所属部门：zz"));
	char *c = strstr(t, "T-001");
	c[4] = '2';
	write_file("aa/z.txt", t);
	Diags d = load(NULL);
	char want[600];
	snprintf(want, sizeof want, "%s/aa/z.txt:5: 所属部门 'zz' is not a 部门编码 of any department.txt (known: aa)", tmpdir);
	assert_true(has(&d, want));
	diags_free(&d);
}

static void test_source_should_report_empty_department(void **state)
{
	write_file("aa/department.txt", dept_aa);
	write_file("aa/x.txt", valid);
	write_file("bb/department.txt", "# 乙\n部门编码：bb\n部门名称：乙局\n简称：乙\n图标：bb.svg\n窗口：B1\n楼层：二楼\n咨询电话：2\n办公时间：工作日\n排序：2\n");
	Diags d = load(NULL);
	char want[600];
	snprintf(want, sizeof want, "%s/bb/department.txt:2: department 'bb' has no items", tmpdir);
	assert_true(has(&d, want));
	assert_int_equal(d.n, 1);
	diags_free(&d);
}

static void test_source_should_report_department_file_errors(void **state)
{
	write_file("aa/department.txt", "部门编码：AA!\n部门名称：甲局\n简称：甲\n图标：aa.png\n窗口：A1\n楼层：一楼\n办公时间：工作日\n排序：第一\n颜色：红\n");
	Diags d = load(NULL);
	char want[600];
	snprintf(want, sizeof want, "%s/aa/department.txt:1: 部门编码 'AA!' may hold only", tmpdir);
	assert_true(has(&d, want));
	snprintf(want, sizeof want, "%s/aa/department.txt:4: 图标 'aa.png' must be an .svg", tmpdir);
	assert_true(has(&d, want));
	snprintf(want, sizeof want, "%s/aa/department.txt:8: 排序 '第一' is not a number", tmpdir);
	assert_true(has(&d, want));
	snprintf(want, sizeof want, "%s/aa/department.txt:9: unknown field '颜色'", tmpdir);
	assert_true(has(&d, want));
	snprintf(want, sizeof want, "%s/aa/department.txt:1: missing field '咨询电话'", tmpdir);
	assert_true(has(&d, want));
	diags_free(&d);
}

static void test_source_should_report_a_folder_without_department(void **state)
{
	write_file("aa/x.txt", valid);
	Diags d = load(NULL);
	char want[600];
	snprintf(want, sizeof want, "%s: no department.txt found", tmpdir);
	assert_true(has(&d, want));
	diags_free(&d);
}

/* Regression: an item that stops parsing early (bad UTF-8) crashed the
 * cross-file checks, which compared its NULL code. */
static void test_source_should_report_invalid_utf8_in_a_tree(void **state)
{
	write_file("aa/department.txt", dept_aa);
	write_file("aa/x.txt", valid);
	write_file("aa/y.txt", "事项名称：坏\xfe\n");
	Diags d = load(NULL);
	char want[600];
	snprintf(want, sizeof want, "%s/aa/y.txt:1: invalid UTF-8", tmpdir);
	assert_true(has(&d, want));
	diags_free(&d);
}

/* laws.txt in a folder: read as the list of laws, not as an item, and
 * left out of the source hash; its errors and the citation errors fail the
 * load like any other. */
static void test_source_should_read_laws_txt_beside_the_departments(void **state)
{
	write_file("aa/department.txt", dept_aa);
	write_file("aa/x.txt", valid2);
	Diags d = { 0 };
	SourceInfo before, after;
	Guide *g = source_load_dir(tmpdir, &before, &d);
	assert_non_null(g);
	assert_int_equal(d.n_all, 0);
	guide_free(g);

	write_file("laws.txt", "某某条例 | 2023-12-29 | 2023年修订\n坏行\n");
	g = source_load_dir(tmpdir, &after, &d);
	assert_non_null(g);
	assert_int_equal(g->n_items, 1);
	assert_int_equal(after.n_files, before.n_files);
	assert_string_equal(after.hash, before.hash);
	char want[3][600];
	snprintf(want[0], sizeof want[0], "%s/laws.txt:2: expected 'NAME | YYYY-MM-DD | 版本说明' (e.g. 消耗臭氧层物质管理条例 | 2023-12-29 | 2023年修订), got '坏行'", tmpdir);
	snprintf(want[1], sizeof want[1], "%s/aa/x.txt:12: 《某某条例》（2019年修订） is not the current text: laws.txt lists 2023-12-29 (2023年修订)", tmpdir);
	assert_int_equal(d.n_all, 2);
	assert_string_equal(d.all[0], want[0]);
	assert_string_equal(d.all[1], want[1]);
	assert_int_equal(d.n, 2);
	guide_free(g);
	diags_free(&d);

	/* Unlisted laws are warnings only with a laws.txt. */
	write_file("laws.txt", "另一条例 | 2023-12-29 | 2023年修订\n");
	g = source_load_dir(tmpdir, NULL, &d);
	snprintf(want[2], sizeof want[2], "%s/aa/x.txt:12: warning: 《某某条例》 is not listed in %s/laws.txt", tmpdir, tmpdir);
	assert_int_equal(d.n, 0);
	assert_int_equal(d.n_warns, 1);
	assert_string_equal(d.warns[0], want[2]);
	guide_free(g);
	diags_free(&d);
}

static void test_source_should_load_the_sample_tree_sorted(void **state)
{
	Diags d = { 0 };
	SourceInfo info;
	Guide *g = source_load_dir("tests/data/guides/ok", &info, &d);
	assert_non_null(g);
	assert_int_equal(d.n, 0);
	assert_int_equal(g->n_depts, 2);
	assert_string_equal(g->depts[0].code, "bb");         /* 排序 1 first */
	assert_int_equal(g->depts[1].n_items, 2);
	assert_string_equal(g->depts[1].items[0].code, "T-AA-001");
	assert_int_equal(g->n_items, 3);
	assert_int_equal(strlen(info.hash), 64);
	const Item *it = guide_find_item(g, "T-BB-001");
	assert_non_null(it);
	assert_int_equal(it->time_limit.legal.unit, TL_MONTHS);
	assert_int_equal(it->time_limit.legal.n, 3);
	guide_free(g);
	diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_source_should_parse_a_valid_item),
		cmocka_unit_test(test_source_should_accept_crlf_and_bom),
		cmocka_unit_test(test_source_should_keep_paragraphs_and_drop_comments),
		cmocka_unit_test(test_source_should_accept_full_width_space_and_bar),
		cmocka_unit_test(test_source_should_report_each_error_at_its_line),
		cmocka_unit_test(test_source_should_accept_the_consistent_item),
		cmocka_unit_test(test_source_should_match_code_type_segment),
		cmocka_unit_test(test_source_time_legal_short_should_name_an_unset_limit),
		cmocka_unit_test(test_source_should_keep_the_promise_within_the_legal_limit),
		cmocka_unit_test(test_source_should_fit_the_steps_within_the_promise),
		cmocka_unit_test(test_source_should_warn_of_citations_without_a_version),
		cmocka_unit_test(test_source_should_not_count_warnings_as_errors),
		cmocka_unit_test(test_source_should_report_malformed_laws_lines),
		cmocka_unit_test(test_source_should_check_citations_against_laws_txt),
		cmocka_unit_test(test_source_should_report_nul_bytes),
		cmocka_unit_test(test_source_should_survive_empty_and_garbage_input),
		cmocka_unit_test_setup_teardown(test_source_should_report_duplicate_item_codes, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_source_should_report_item_in_unknown_department, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_source_should_report_empty_department, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_source_should_report_department_file_errors, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_source_should_report_a_folder_without_department, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_source_should_report_invalid_utf8_in_a_tree, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_source_should_read_laws_txt_beside_the_departments, setup_dir, teardown_dir),
		cmocka_unit_test(test_source_should_load_the_sample_tree_sorted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
