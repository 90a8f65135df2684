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
	/* 30 */ { "法定时限：20个工作日", "法定时限：即办", "t.txt:21: ", "承诺时限 is longer than 法定时限 (即办)" },
};

static void test_source_should_report_each_error_at_its_line(void **state)
{
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		fprintf(stderr, "case %zu\n", i + 1);
		expect_one(mutate(cases[i].from, cases[i].to), cases[i].prefix, cases[i].part);
	}
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
		cmocka_unit_test(test_source_should_report_nul_bytes),
		cmocka_unit_test(test_source_should_survive_empty_and_garbage_input),
		cmocka_unit_test_setup_teardown(test_source_should_report_duplicate_item_codes, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_source_should_report_item_in_unknown_department, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_source_should_report_empty_department, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_source_should_report_department_file_errors, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_source_should_report_a_folder_without_department, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_source_should_report_invalid_utf8_in_a_tree, setup_dir, teardown_dir),
		cmocka_unit_test(test_source_should_load_the_sample_tree_sorted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
