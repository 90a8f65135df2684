/* gen.c — synthetic guide sources: same format as guides/, varied wording,
 * so benchmarks see realistic text lengths and name variety. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "gen.h"

static const char *const dept_names[16][2] = {
	{ "fgw", "发展改革" }, { "jyj", "教育" }, { "gaj", "公安" }, { "mzj", "民政" },
	{ "rsj", "人社" }, { "zrzy", "自然资源" }, { "zjj", "住建" }, { "jtj", "交通运输" },
	{ "nyj", "农业农村" }, { "swj", "商务" }, { "wglj", "文广旅" }, { "wjw", "卫健" },
	{ "yjj", "应急管理" }, { "scjg", "市场监管" }, { "cgj", "城管" }, { "sthj", "生态环境" },
};
static const char *const objs[] = {
	"食品", "药品", "建筑工程", "道路运输", "特种设备", "危险化学品", "烟花爆竹", "户外广告",
	"城市道路", "排水", "林木", "渔业", "兽药", "种子", "农药", "医疗机构", "公共场所",
	"娱乐场所", "网吧", "旅行社", "出版物", "民办学校", "养老机构", "劳务派遣", "人力资源服务",
	"燃气", "供水", "临时占道", "绿地", "排污", "放射诊疗", "母婴保健", "饮用水供水单位",
};
static const char *const acts[] = {
	"经营", "生产", "运输", "使用", "设立", "变更", "延续", "注销", "临时", "改建", "挖掘", "占用",
};
static const char *const kinds[] = { "许可", "审批", "核准", "登记", "认定", "备案审查" };
/* Each citation names its version, as kioskctl check asks. */
static const char *const laws[] = {
	"《中华人民共和国行政许可法》（2019年修正）", "《中华人民共和国食品安全法》（2021年修正）",
	"《城市道路管理条例》（2019年修订）", "《中华人民共和国道路运输条例》（2023年修订）",
	"《危险化学品安全管理条例》（2013年修订）", "《娱乐场所管理条例》（2020年修订）",
	"《中华人民共和国药品管理法》（2019年修订）", "《医疗机构管理条例》（2022年修订）",
	"《城镇排水与污水处理条例》（2013年公布）",
};
static const char *const clauses[] = {
	"申请人应当具有与申请事项相适应的场所和设施，并符合有关技术规范的要求",
	"申请人应当建立健全安全管理制度和岗位责任制度，配备专职管理人员",
	"申请人的主要负责人和从业人员应当经过培训并考核合格",
	"申请事项应当符合国土空间规划和相关专项规划",
	"申请人在申请之日前一年内未因同类违法行为受到行政处罚",
	"申请材料应当真实、完整、有效，并按要求加盖公章",
};

static unsigned long rnd(unsigned long *s)
{
	*s = *s * 6364136223846793005UL + 1442695040888963407UL;
	return *s >> 33;
}
#define PICK(a, s) (a[rnd(s) % (sizeof a / sizeof *a)])

static int mkdir_p(const char *p)
{
	if (mkdir(p, 0755) == 0 || errno == EEXIST) return 0;
	return -1;
}

int gen_write(const char *dir, int n, unsigned long seed, char *err, size_t errlen)
{
	char path[4096];
	unsigned long s = seed ? seed : 1;
	if (mkdir_p(dir) < 0) { snprintf(err, errlen, "%s: %s", dir, strerror(errno)); return -1; }
	for (int d = 0; d < 16; d++) {
		snprintf(path, sizeof path, "%s/%s", dir, dept_names[d][0]);
		if (mkdir_p(path) < 0) { snprintf(err, errlen, "%s: %s", path, strerror(errno)); return -1; }
		snprintf(path, sizeof path, "%s/%s/department.txt", dir, dept_names[d][0]);
		FILE *f = fopen(path, "w");
		if (!f) { snprintf(err, errlen, "%s: %s", path, strerror(errno)); return -1; }
		fprintf(f, "部门编码：%s\n部门名称：郑州市上街区%s部门\n简称：%s\n图标：%s.svg\n"
		           "窗口：C%02d\n楼层：二楼C区\n咨询电话：0371-689230%02d\n"
		           "办公时间：周一至周五 9:00-12:00，13:00-17:00\n排序：%d\n",
		        dept_names[d][0], dept_names[d][1], dept_names[d][1], dept_names[d][0],
		        d + 1, d + 1, d + 1);
		fclose(f);
	}
	for (int i = 0; i < n; i++) {
		int d = i % 16;
		snprintf(path, sizeof path, "%s/%s/item-%06d.txt", dir, dept_names[d][0], i);
		FILE *f = fopen(path, "w");
		if (!f) { snprintf(err, errlen, "%s: %s", path, strerror(errno)); return -1; }
		int legal = 5 + (int)(rnd(&s) % 56);
		int promised = 1 + (int)(rnd(&s) % legal);
		fprintf(f, "事项名称：%s%s%s（%d）\n", PICK(objs, &s), PICK(acts, &s), PICK(kinds, &s), i);
		fprintf(f, "事项编码：410106-GEN-XK-%06d\n事项类型：行政许可\n服务对象：%s\n所属部门：%s\n",
		        i, rnd(&s) % 2 ? "法人" : "个人、法人", dept_names[d][0]);
		fprintf(f, "办理地点：上街区政务服务中心二楼C区 C%02d窗口\n"
		           "办理时间：周一至周五 9:00-12:00，13:00-17:00（法定节假日除外）\n"
		           "咨询电话：0371-689230%02d\n到现场次数：%d\n热度：%d\n\n",
		        d + 1, d + 1, (int)(rnd(&s) % 3), (int)(rnd(&s) % 101));
		fprintf(f, "【设定依据】\n%s第%d条：从事本项活动，应当依法取得许可。\n\n%s第%d条。\n\n",
		        PICK(laws, &s), 2 + (int)(rnd(&s) % 80), PICK(laws, &s), 2 + (int)(rnd(&s) % 80));
		fputs("【申请条件】\n", f);
		for (int k = 1; k <= 4; k++) fprintf(f, "%d. %s。\n", k, PICK(clauses, &s));
		fputs("\n【申请材料】\n", f);
		int nm = 3 + (int)(rnd(&s) % 6);
		for (int k = 0; k < nm; k++)
			fprintf(f, "- %s%s申请材料第%d项 | %s | %d | 申请人自备，需加盖公章\n",
			        PICK(objs, &s), PICK(acts, &s), k + 1, rnd(&s) % 2 ? "原件" : "复印件",
			        1 + (int)(rnd(&s) % 3));
		/* The steps add up to the promise (kioskctl check counts them). */
		fprintf(f, "\n【办理流程】\n- 申请与受理 | 综合受理窗口 | %s\n"
		           "- 审查 | 业务科室 | %d个工作日\n- 决定与送达 | 分管负责人 | %s\n",
		        promised > 2 ? "1个工作日" : "当场", promised > 2 ? promised - 2 : 1,
		        promised > 1 ? "1个工作日" : "当场");
		fprintf(f, "\n【办理时限】\n法定时限：%d个工作日\n承诺时限：%d个工作日\n", legal, promised);
		fputs("\n【收费标准】\n不收费。依据《中华人民共和国行政许可法》（2019年修正）第五十八条。\n", f);
		if (fclose(f) != 0) { snprintf(err, errlen, "%s: %s", path, strerror(errno)); return -1; }
	}
	return 0;
}
