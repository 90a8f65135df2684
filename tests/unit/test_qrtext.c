/* test_qrtext.c — the text an item's 扫码带走 QR code carries (core/qrtext):
 * the guide in full when it fits the byte budget; shortened (notes first,
 * then form and copies, then the materials list) when not, always keeping name, phone and time
 * limits; a URL when the item has one (issue 15). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <qrencode.h>
#include "guide/qrtext.h"

static Material mats[20];
static char mat_names[20][128];
static const char *mat_fmt = "第%d种证明材料";

static Item item(int n_materials, const char *note)
{
	for (int i = 0; i < n_materials; i++) {
		snprintf(mat_names[i], sizeof mat_names[i], mat_fmt, i + 1);
		mats[i] = (Material){mat_names[i], "原件", 1, note};
	}
	return (Item){
		.code = "410106-GAJ-XK-001", .name = "普通护照签发", .url = "",
		.location = "一楼C区", .hours = "周一至周五 9:00-17:00", .phone = "0371-68922335",
		.materials = mats, .n_materials = n_materials,
		.time_limit = {.legal = {TL_DAYS, 15}, .promised = {TL_WORKDAYS, 7}, .note = ""},
	};
}
static const Dept dept = {.code = "GAJ", .name = "郑州市公安局上街分局", .window = "C01",
                          .floor = "一楼", .hours = "", .phone = ""};

static int valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
		if (n < 0) return 0;
		for (p++; n > 0; n--, p++)
			if ((*p & 0xC0) != 0x80) return 0;
	}
	return 1;
}

static void test_qrtext_should_carry_the_whole_guide_when_it_fits(void **st)
{
	(void)st;
	Item it = item(2, "公安机关出具");
	char buf[1024];
	size_t n = qrtext_guide(&it, &dept, buf, sizeof buf, QRTEXT_BUDGET);
	assert_string_equal(buf,
		"事项：普通护照签发\n"
		"材料：\n"
		"1.第1种证明材料（原件，1份；公安机关出具）\n"
		"2.第2种证明材料（原件，1份；公安机关出具）\n"
		"地点：一楼C区\n"
		"窗口：C01（一楼）\n"
		"时间：周一至周五 9:00-17:00\n"
		"电话：0371-68922335\n"
		"法定时限：15日\n"
		"承诺时限：7个工作日");
	assert_int_equal(n, strlen(buf));
}

static void test_qrtext_should_drop_notes_before_materials(void **st)
{
	(void)st;
	Item it = item(6, "由户籍所在地公安派出所出具，须加盖公章，复印件须注明与原件一致");
	char full[4096], buf[1024];
	size_t whole = qrtext_guide(&it, &dept, full, sizeof full, sizeof full);
	assert_non_null(strstr(full, "派出所"));
	size_t budget = whole - 100;
	size_t n = qrtext_guide(&it, &dept, buf, sizeof buf, budget);
	assert_true(n <= budget);
	assert_null(strstr(buf, "派出所"));             /* notes gone */
	assert_non_null(strstr(buf, "6.第6种证明材料（原件，1份）"));  /* every material kept */
	assert_null(strstr(buf, "详见窗口"));
}

static void test_qrtext_should_drop_form_and_copies_before_materials(void **st)
{
	(void)st;
	Item it = item(16, "");
	char buf[2048];
	char full[4096];
	qrtext_guide(&it, &dept, full, sizeof full, sizeof full);
	assert_true(strlen(full) > QRTEXT_BUDGET);            /* with 原件，1份 it does not fit */
	size_t n = qrtext_guide(&it, &dept, buf, sizeof buf, QRTEXT_BUDGET);
	assert_true(n <= QRTEXT_BUDGET);
	assert_null(strstr(buf, "（原件"));
	assert_non_null(strstr(buf, "\n1.第1种证明材料\n2.第2种证明材料\n"));
	assert_non_null(strstr(buf, "\n16.第16种证明材料\n地点："));  /* every material kept */
}

static void test_qrtext_should_fit_a_long_item_in_the_budget(void **st)
{
	(void)st;
	mat_fmt = "第%d种由户籍所在地公安机关出具的证明材料";
	Item it = item(20, "由户籍所在地公安派出所出具，须加盖公章，复印件须注明与原件一致");
	mat_fmt = "第%d种证明材料";
	char buf[2048];
	size_t n = qrtext_guide(&it, &dept, buf, sizeof buf, QRTEXT_BUDGET);
	assert_true(n <= QRTEXT_BUDGET);
	assert_int_equal(n, strlen(buf));
	assert_true(valid_utf8(buf));
	const char *head = "事项：普通护照签发\n材料：\n1.第1种由户籍所在地公安机关出具的证明材料\n";
	assert_true(strncmp(buf, head, strlen(head)) == 0);
	assert_non_null(strstr(buf, "\n等20项，详见窗口\n地点："));
	assert_null(strstr(buf, "第20种"));
	assert_non_null(strstr(buf, "\n电话：0371-68922335"));
	assert_non_null(strstr(buf, "\n法定时限：15日\n承诺时限：7个工作日"));
	/* and at that budget the code stays small enough for 6 px modules on
	 * a 1920x1080 screen: version 18 (89 modules) at error correction L */
	QRcode *q = QRcode_encodeString(buf, 0, QR_ECLEVEL_L, QR_MODE_8, 1);
	assert_non_null(q);
	assert_true(q->version <= 18);
	QRcode_free(q);
}

static void test_qrtext_should_keep_name_phone_and_time_in_a_small_budget(void **st)
{
	(void)st;
	Item it = item(20, "");
	char buf[2048];
	size_t n = qrtext_guide(&it, &dept, buf, sizeof buf, 160);
	assert_true(n <= 160);
	assert_string_equal(buf, "事项：普通护照签发\n材料：共20项，详见窗口\n电话：0371-68922335\n"
	                         "法定时限：15日\n承诺时限：7个工作日");
	n = qrtext_guide(&it, &dept, buf, sizeof buf, 20);   /* absurd: cut, still UTF-8 */
	assert_int_equal(n, 18);                          /* 6 characters of 3 bytes */
	assert_true(valid_utf8(buf));
	assert_string_equal(buf, "事项：普通护");
}

static void test_qrtext_should_say_when_no_materials_are_needed(void **st)
{
	(void)st;
	Item it = item(0, "");
	it.time_limit.promised.unit = TL_NONE;
	it.time_limit.legal = (TimeValue){TL_IMMEDIATE, 0};
	char buf[1024];
	qrtext_guide(&it, NULL, buf, sizeof buf, QRTEXT_BUDGET);
	assert_string_equal(buf, "事项：普通护照签发\n材料：无需提交材料\n地点：一楼C区\n"
	                         "时间：周一至周五 9:00-17:00\n电话：0371-68922335\n法定时限：即办");
}

static void test_qrtext_should_carry_the_url_when_there_is_one(void **st)
{
	(void)st;
	Item it = item(2, "");
	char buf[1024];
	int is_url = -1;
	qrtext_item(&it, &dept, "https://zwfw.example.gov.cn/item/{code}", buf, sizeof buf, QRTEXT_BUDGET, &is_url);
	assert_string_equal(buf, "https://zwfw.example.gov.cn/item/410106-GAJ-XK-001");
	assert_int_equal(is_url, 1);
	it.url = "https://a.example/x";
	qrtext_item(&it, &dept, "https://zwfw.example.gov.cn/item/{code}", buf, sizeof buf, QRTEXT_BUDGET, &is_url);
	assert_string_equal(buf, "https://a.example/x");
	it.url = "";
	qrtext_item(&it, &dept, "", buf, sizeof buf, QRTEXT_BUDGET, &is_url);
	assert_int_equal(is_url, 0);
	assert_true(strncmp(buf, "事项：普通护照签发\n", strlen("事项：普通护照签发\n")) == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qrtext_should_carry_the_whole_guide_when_it_fits),
		cmocka_unit_test(test_qrtext_should_drop_notes_before_materials),
		cmocka_unit_test(test_qrtext_should_drop_form_and_copies_before_materials),
		cmocka_unit_test(test_qrtext_should_fit_a_long_item_in_the_budget),
		cmocka_unit_test(test_qrtext_should_keep_name_phone_and_time_in_a_small_budget),
		cmocka_unit_test(test_qrtext_should_say_when_no_materials_are_needed),
		cmocka_unit_test(test_qrtext_should_carry_the_url_when_there_is_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
