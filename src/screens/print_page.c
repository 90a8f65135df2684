/* print_page.c — 办事材料清单: the A4 page's layout (screens.h). The page
 * is rendered and written as a PDF by gfx/pdf.c, sent by model/item.c. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "screens.h"

/* ------------------------------------------------------------- layout */

#define P_MARGIN 110
#define P_BODY   30                     /* 14.4 pt at 150 dpi */
#define P_SMALL  24
#define P_H2     36
#define P_TITLE  48

static const char *or_dash(const char *s) { return s && *s ? s : "—"; }

static int text(Ui *u, DrawList *dl, int x, int y, int w, const char *s, int size,
                int bold, uint32_t color)
{
	return ui_text(u, dl, x, y, w, or_dash(s), ts(size, bold, color));
}

void print_layout(const App *a, Ui *u, DrawList *dl, const Item *it, const Dept *d)
{
	const uint32_t ink = 0x000000FFu, grey = 0x333333FFu, line = 0x666666FFu;
	int x = P_MARGIN, w = PRINT_W - 2 * P_MARGIN, y = P_MARGIN - 20;
	dl_rect(dl, 0, 0, PRINT_W, PRINT_H, 0xFFFFFFFFu, 0);
	y += text(u, dl, x, y, w, a->cfg->hall_name, P_SMALL, 0, grey);
	y += text(u, dl, x, y, w, "办事材料清单", P_H2, 1, ink) + 12;
	dl_rect(dl, x, y, w, 3, ink, 0);
	y += 20;
	y += text(u, dl, x, y, w, it->name, P_TITLE, 1, ink) + 6;
	char buf[600];
	snprintf(buf, sizeof buf, "事项编码：%s　　所属部门：%s", or_dash(it->code), d ? d->name : "—");
	y += text(u, dl, x, y, w, buf, P_BODY, 0, grey) + 28;

	/* 申请材料 as a checklist table */
	y += text(u, dl, x, y, w, "申请材料（请逐项核对后打勾）", P_H2, 1, ink) + 10;
	int cw_box = 60, cw_copies = 110, cw_form = 200;
	int cw_name = w - cw_box - cw_form - cw_copies;
	dl_rect(dl, x, y, w, 2, ink, 0);
	int hy = y + 10;
	text(u, dl, x + cw_box, hy, cw_name, "材料名称", P_BODY, 1, ink);
	text(u, dl, x + cw_box + cw_name, hy, cw_form, "形式", P_BODY, 1, ink);
	int hh = text(u, dl, x + cw_box + cw_name + cw_form, hy, cw_copies, "份数", P_BODY, 1, ink);
	y = hy + hh + 8;
	dl_rect(dl, x, y, w, 2, ink, 0);
	if (it->n_materials == 0) {
		y += 10;
		y += text(u, dl, x + cw_box, y, cw_name, "无需提交材料", P_BODY, 0, ink) + 10;
	}
	for (int i = 0; i < it->n_materials; i++) {
		const Material *m = &it->materials[i];
		char name[600], copies[32];
		snprintf(name, sizeof name, "%d. %s", i + 1, m->name);
		snprintf(copies, sizeof copies, "%d份", m->copies);
		int ry = y + 12, ny = ry;
		TextStyle ns = ts(P_BODY, 0, ink);
		ns.hang = 1;
		ny += ui_text(u, dl, x + cw_box, ny, cw_name - 16, name, ns);
		if (m->note && m->note[0])
			ny += text(u, dl, x + cw_box, ny, cw_name - 16, m->note, P_SMALL, 0, grey);
		int fh = text(u, dl, x + cw_box + cw_name, ry, cw_form - 10, m->form, P_BODY, 0, ink);
		text(u, dl, x + cw_box + cw_name + cw_form, ry, cw_copies, copies, P_BODY, 0, ink);
		if (ry + fh > ny) ny = ry + fh;
		dl_frame(dl, x + 8, ry + 6, 30, 30, 3, ink, 0xFFFFFFFFu, 0);
		y = ny + 12;
		dl_rect(dl, x, y, w, 1, line, 0);
		if (y > PRINT_H - 520) {         /* keep room for where and when */
			if (i + 1 < it->n_materials) {
				snprintf(name, sizeof name, "另有%d项材料，请在屏幕上查看。", it->n_materials - i - 1);
				y += 8 + text(u, dl, x + cw_box, y + 8, cw_name, name, P_BODY, 0, ink);
			}
			break;
		}
	}
	y += 36;

	/* Where and when */
	y += text(u, dl, x, y, w, "办理地点和时间", P_H2, 1, ink) + 10;
	dl_rect(dl, x, y, w, 2, ink, 0);
	y += 14;
	static const char *const labels[] = {"办理地点：", "办理窗口：", "办理时间：", "咨询电话："};
	char win[256];
	snprintf(win, sizeof win, "%s（%s）", d ? d->window : "", d ? d->floor : "");
	const char *values[] = {it->location, win, it->hours, it->phone};
	int lw = ui_text_width(u, "办理地点：", P_BODY, 1) + 8;
	for (int i = 0; i < 4; i++) {
		int ha = text(u, dl, x, y, lw, labels[i], P_BODY, 1, ink);
		int hb = text(u, dl, x + lw, y, w - lw, values[i], P_BODY, 0, ink);
		y += (ha > hb ? ha : hb) + 6;
	}

	/* Footer */
	time_t now = (time_t)(a->clock_base + a->now / 1000);
	struct tm tm;
	localtime_r(&now, &tm);
	snprintf(buf, sizeof buf, "打印于%d年%d月%d日　以上信息仅供参考，以窗口受理审核为准",
	         tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	dl_rect(dl, x, PRINT_H - P_MARGIN - 40, w, 1, line, 0);
	text(u, dl, x, PRINT_H - P_MARGIN - 28, w, buf, P_SMALL, 0, grey);
}

