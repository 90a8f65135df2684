/* bench_text.c — text engine benchmark: one JSON object per line.
 *
 *   text_layout_cold_ms  lay out a 3,000-character guide page at 1080 px
 *                        into an empty TextCache (real font metrics; the
 *                        font's advance table already warm) — median
 *   text_layout_first_ms the same with a just-opened FontSet (first page
 *                        after start-up: every advance looked up once)
 *   text_draw_warm_ms    draw a full 1080x1920 screen of that page from a
 *                        warm atlas with the software renderer, including
 *                        its rasterisation (process CPU time) — median
 *   text_submit_warm_ms  the same frame with SDL's pixel work clipped away:
 *                        the engine's own CPU (cache and atlas lookups, draw
 *                        calls) — roughly what a GPU renderer costs
 *   atlas_kib            atlas texture memory after drawing the page
 *
 * Needs no display (SDL_VIDEODRIVER=dummy, SDL_CreateSoftwareRenderer). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gfx/atlas.h"
#include "gfx/font.h"
#include "base/utf8.h"

#define SCREEN_W 1080
#define SCREEN_H 1920
#define MARGIN 64
#define BODY 34
#define RUNS 31

static const char *pieces[] = {
	"设定依据：《中华人民共和国行政许可法》第十二条、第十四条；《企业投资项目核准和备案管理条例》（国务院令第673号）第三条、第六条；《河南省企业投资项目核准和备案管理办法》第十条。",
	"办理时限：法定办结时限20个工作日，承诺办结时限5个工作日（不含专家评审、听证和公示时间）。收费标准：不收费。到现场次数：0次。",
	"1. 项目申请报告（原件1份，需加盖单位公章），应包括项目单位情况、拟建项目情况、资源利用和生态环境影响分析、经济和社会影响分析等内容；",
	"2. 城乡规划行政主管部门出具的选址意见书（仅指以划拨方式提供国有土地使用权的项目）；",
	"（3）国土资源行政主管部门出具的用地预审意见（不涉及新增用地，在已批准的建设用地范围内进行改扩建的项目，可以不进行用地预审）；",
	"• 网上办理：请登录河南政务服务网https://www.hnzwfw.gov.cn/搜索“企业投资项目核准”，在线提交申请并查询办理进度。事项编码：410106-FGW-XK-001。",
	"申请条件：申请人应当是依法设立的企业法人，拟建项目符合国家法律法规和产业政策，符合发展规划、产业政策、行业准入标准和土地利用总体规划，符合国家宏观调控政策，不影响我国国家安全、经济安全和生态安全，不对公众利益特别是项目建设地的公众利益产生重大不利影响。",
	"办理流程：受理（窗口工作人员，1个工作日）→审查（业务科室，10个工作日）→决定（分管领导，3个工作日）→送达（窗口，1个工作日）。咨询电话：0371-12345678，监督投诉电话：12345。",
};

typedef struct Page {
	char *text[64];
	TextPara para[64];
	int n;
} Page;

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return v[n / 2];
}

/* ~3,000 characters of guide text as distinct paragraphs. */
static void page_build(Page *pg, int variant)
{
	size_t chars = 0;
	pg->n = 0;
	for (int i = 0; chars < 3000 && pg->n < 64; i++) {
		const char *s = pieces[i % (sizeof pieces / sizeof pieces[0])];
		char *t = malloc(strlen(s) + 64);
		sprintf(t, "%s（第%d.%d条）", s, variant, i);
		chars += utf8_count(t, strlen(t));
		pg->text[pg->n] = t;
		TextPara *p = &pg->para[pg->n];
		memset(p, 0, sizeof *p);
		p->text = t;
		p->len = strlen(t);
		p->size = BODY;
		p->color = 0x1F2329FF;
		p->line_spacing = 1.6f;
		p->align = TEXT_ALIGN_JUSTIFY;
		p->list_hang = 1;
		pg->n++;
	}
}

static void page_free(Page *pg)
{
	for (int i = 0; i < pg->n; i++)
		free(pg->text[i]);
}

static double layout_page(const TextMetrics *m, const Page *pg)
{
	TextCache *c = text_cache_new(m, 64u << 20);
	double t0 = cpu_ms();
	for (int i = 0; i < pg->n; i++)
		text_cache_get(c, &pg->para[i], SCREEN_W - 2 * MARGIN);
	double t = cpu_ms() - t0;
	text_cache_free(c);
	return t;
}

int main(void)
{
	char err[256];
	double v[RUNS], first;
	Page pg;

	setenv("SDL_VIDEODRIVER", "dummy", 0);
	if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
		fprintf(stderr, "bench_text: %s\n", SDL_GetError());
		return 1;
	}
	SDL_Surface *screen = SDL_CreateRGBSurfaceWithFormat(0, SCREEN_W, SCREEN_H,
	                          32, SDL_PIXELFORMAT_ARGB8888);
	SDL_Renderer *r = SDL_CreateSoftwareRenderer(screen);
	FontSet *fs = fontset_open(NULL, err, sizeof err);
	if (!screen || !r || !fs) {
		fprintf(stderr, "bench_text: %s %s\n", err, SDL_GetError());
		return 1;
	}
	TextMetrics m = fontset_metrics(fs);

	page_build(&pg, 0);
	first = layout_page(&m, &pg);
	for (int i = 0; i < RUNS; i++)
		v[i] = layout_page(&m, &pg);
	printf("{\"metric\": \"text_layout_cold_ms\", \"value\": %.3f, \"unit\": \"ms\"}\n",
	       median(v, RUNS));
	printf("{\"metric\": \"text_layout_first_ms\", \"value\": %.3f, \"unit\": \"ms\"}\n",
	       first);

	/* a full screen of the page, drawn frame after frame; then the same
	 * frames with a 1x1 clip rectangle, so that SDL skips the pixel work
	 * and what remains is the engine's own CPU per frame */
	TextCache *cache = text_cache_new(&m, 64u << 20);
	Atlas *atlas = atlas_new(r, fs, ATLAS_PAGE_PX, ATLAS_MAX_PAGES, err, sizeof err);
	atlas_set_surface(atlas, screen);   /* as the kiosk's window surface */
	double submit[RUNS];
	for (int pass = 0; pass < 2; pass++) {
		double *out = pass ? submit : v;
		SDL_Rect tiny = { 0, 0, 1, 1 };
		for (int run = -1; run < RUNS; run++) {
			SDL_RenderSetClipRect(r, NULL);
			SDL_SetRenderDrawColor(r, 0xFA, 0xFA, 0xF7, 255);
			SDL_RenderClear(r);
			SDL_RenderFlush(r);
			if (pass)
				SDL_RenderSetClipRect(r, &tiny);
			double t0 = cpu_ms();
			int y = MARGIN;
			for (int i = 0; i < pg.n && y < SCREEN_H; i++) {
				const TextLayout *l = text_cache_get(cache, &pg.para[i],
				                                     SCREEN_W - 2 * MARGIN);
				atlas_draw_layout(atlas, l, MARGIN, y, NULL, 255);
				y += l->height + BODY / 2;
			}
			SDL_RenderFlush(r);
			double t1 = cpu_ms();
			text_cache_end_frame(cache);
			if (run >= 0)     /* run -1 warms the atlas */
				out[run] = t1 - t0;
			if (run == -1 && !pass && getenv("BENCH_TEXT_SHOT"))
				SDL_SaveBMP(screen, getenv("BENCH_TEXT_SHOT"));
		}
	}
	printf("{\"metric\": \"text_draw_warm_ms\", \"value\": %.3f, \"unit\": \"ms\"}\n",
	       median(v, RUNS));
	printf("{\"metric\": \"text_submit_warm_ms\", \"value\": %.3f, \"unit\": \"ms\"}\n",
	       median(submit, RUNS));
	printf("{\"metric\": \"atlas_kib\", \"value\": %zu, \"unit\": \"KiB\"}\n",
	       atlas_bytes(atlas) / 1024);

	text_cache_free(cache);
	atlas_free(atlas);
	page_free(&pg);
	fontset_close(fs);
	SDL_DestroyRenderer(r);
	SDL_FreeSurface(screen);
	TTF_Quit();
	SDL_Quit();
	return 0;
}
