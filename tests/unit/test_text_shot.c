/* test_text_shot.c — screenshot of a realistic guide page, typeset with
 * the real fonts at the kiosk's 1080 px width and drawn from the atlas by
 * SDL's software renderer, written to build/shots/text-paragraph.png for
 * people to look at. Also checks that nothing leaves the text column. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include <SDL_image.h>
#include "gfx/atlas.h"
#include "gfx/font.h"

#define PAGE_W 1080
#define PAGE_H 1500
#define MARGIN 64
#define BODY 34
#define SHOT_DIR "build/shots"
#define SHOT SHOT_DIR "/text-paragraph.png"

#define INK   0x1F2329FF
#define BLUE  0x0B4F9CFF
#define GREY  0x5A6270FF

typedef struct Block {
	const char *text;
	int size, bold, hang, align;
	uint32_t color;
	const char *em;                 /* a leading run shown bold in blue */
	int space_before;
} Block;

static const Block page[] = {
	{ "企业投资项目核准（市级权限）", 52, 1, 0, TEXT_ALIGN_LEFT, INK, NULL, 0 },
	{ "事项编码：410106-FGW-XK-001　　办理时限：20个工作日", 28, 0, 0,
	  TEXT_ALIGN_LEFT, GREY, NULL, 8 },
	{ "设定依据：《中华人民共和国行政许可法》第十二条、第十四条；《企业投资"
	  "项目核准和备案管理条例》（国务院令第673号）第三条、第六条；《河南省"
	  "企业投资项目核准和备案管理办法》第十条。", BODY, 0, 0, TEXT_ALIGN_JUSTIFY,
	  INK, "设定依据：", 28 },
	{ "办理时限：法定办结时限20个工作日，承诺办结时限5个工作日（不含专家评审"
	  "、听证和公示时间）。收费标准：不收费。到现场次数：0次。", BODY, 0, 0,
	  TEXT_ALIGN_JUSTIFY, INK, "办理时限：", 16 },
	{ "申请材料：", BODY, 1, 0, TEXT_ALIGN_LEFT, BLUE, NULL, 16 },
	{ "1. 项目申请报告（原件1份，需加盖单位公章），应包括项目单位情况、拟建"
	  "项目情况、资源利用和生态环境影响分析、经济和社会影响分析等内容；",
	  BODY, 0, 1, TEXT_ALIGN_JUSTIFY, INK, NULL, 4 },
	{ "2. 城乡规划行政主管部门出具的选址意见书（仅指以划拨方式提供国有土地使用"
	  "权的项目）；", BODY, 0, 1, TEXT_ALIGN_JUSTIFY, INK, NULL, 4 },
	{ "（3）国土资源行政主管部门出具的用地预审意见（不涉及新增用地的除外）。",
	  BODY, 0, 1, TEXT_ALIGN_JUSTIFY, INK, NULL, 4 },
	{ "• 网上办理：请登录河南政务服务网https://www.hnzwfw.gov.cn/搜索"
	  "“企业投资项目核准”，在线提交申请并查询办理进度。", BODY, 0, 1,
	  TEXT_ALIGN_JUSTIFY, INK, NULL, 4 },
	{ "• 申请人姓名含生僻字（如“𠮷”“𠀀”）的，请携带户口簿原件到3号窗口"
	  "核对……咨询电话：0371-12345678。", BODY, 0, 1, TEXT_ALIGN_JUSTIFY,
	  INK, NULL, 4 },
};

static void test_text_shot_should_render_a_guide_page_to_png(void **state)
{
	char err[256];
	(void)state;
	setenv("SDL_VIDEODRIVER", "dummy", 1);
	assert_int_equal(SDL_Init(SDL_INIT_VIDEO), 0);
	assert_int_equal(TTF_Init(), 0);
	SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, PAGE_W, PAGE_H, 32,
	                                                   SDL_PIXELFORMAT_ARGB8888);
	SDL_Renderer *r = SDL_CreateSoftwareRenderer(surf);
	FontSet *fs = fontset_open(NULL, err, sizeof err);
	assert_non_null(fs);
	TextMetrics m = fontset_metrics(fs);
	Atlas *a = atlas_new(r, fs, 1024, 4, err, sizeof err);
	assert_non_null(a);

	SDL_SetRenderDrawColor(r, 0xFA, 0xFA, 0xF7, 255);
	SDL_RenderClear(r);
	int y = MARGIN, width = PAGE_W - 2 * MARGIN;
	for (size_t i = 0; i < sizeof page / sizeof page[0]; i++) {
		const Block *b = &page[i];
		TextSpan em = { 0 };
		TextPara p = { 0 };
		p.text = b->text;
		p.len = strlen(b->text);
		p.size = b->size;
		p.bold = b->bold;
		p.color = b->color;
		p.line_spacing = b->size > 40 ? 1.3f : 1.6f;
		p.align = b->align;
		p.list_hang = b->hang;
		if (b->em) {
			em = (TextSpan){ 0, strlen(b->em), 0, 1, BLUE };
			p.spans = &em;
			p.n_spans = 1;
		}
		TextLayout *l = text_layout(&m, &p, width);
		y += b->space_before;
		for (int k = 0; k < l->n_lines; k++)
			assert_true(l->lines[k].width <= width);
		for (int g = 0; g < l->n_glyphs; g++)
			assert_true(l->glyphs[g].x >= 0 && l->glyphs[g].x < width);
		atlas_draw_layout(a, l, MARGIN, y, NULL, 255);
		y += l->height;
		text_layout_free(l);
	}
	assert_true(y < PAGE_H);
	SDL_RenderFlush(r);

	/* crop to the content and save */
	SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, PAGE_W, y + MARGIN,
	                                                  32, SDL_PIXELFORMAT_ARGB8888);
	SDL_Rect src = { 0, 0, PAGE_W, y + MARGIN };
	SDL_BlitSurface(surf, &src, out, NULL);
	mkdir("build", 0777);
	mkdir(SHOT_DIR, 0777);
	assert_int_equal(IMG_SavePNG(out, SHOT), 0);
	struct stat st;
	assert_int_equal(stat(SHOT, &st), 0);
	assert_true(st.st_size > 10000);

	SDL_FreeSurface(out);
	atlas_free(a);
	fontset_close(fs);
	SDL_DestroyRenderer(r);
	SDL_FreeSurface(surf);
	TTF_Quit();
	SDL_Quit();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_shot_should_render_a_guide_page_to_png),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
