/* print_page.c — 办事材料清单: the A4 page's layout (screens.h). The page
 * is rendered and written as a PDF by gfx/pdf.c, sent by model/item.c. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "screens.h"

static const char *or_dash(const char *s) { return s && *s ? s : "—"; }

static int text(Ui *u, DrawList *dl, int x, int y, int w, const char *s, int size,
                int bold, uint32_t color)
{
	return ui_text(u, dl, x, y, w, or_dash(s), ts(size, bold, color));
}

void print_layout(const App *a, Ui *u, DrawList *dl, const Item *it, const Dept *d)
{
	const PageTheme pt = theme_page(), *p = &pt;
	const uint32_t ink = p->ink, grey = p->grey;
	int x = p->margin, w = p->w - 2 * p->margin, y = p->margin - p->title_lift;
	dl_rect(dl, 0, 0, p->w, p->h, p->paper, 0);
	y += text(u, dl, x, y, w, a->cfg->hall_name, p->small, 0, grey);
	y += text(u, dl, x, y, w, "办事材料清单", p->h2, 1, ink) + p->head_gap;
	dl_rect(dl, x, y, w, p->rule_thick, ink, 0);
	y += p->title_lift;
	y += text(u, dl, x, y, w, it->name, p->title, 1, ink) + p->line_gap;
	char buf[600];
	snprintf(buf, sizeof buf, "事项编码：%s　　所属部门：%s", or_dash(it->code), d ? d->name : "—");
	y += text(u, dl, x, y, w, buf, p->body, 0, grey) + p->subtitle_gap;

	/* 申请材料 as a checklist table */
	y += text(u, dl, x, y, w, "申请材料（请逐项核对后打勾）", p->h2, 1, ink) + p->heading_gap;
	int cw_box = p->col_box, cw_copies = p->col_copies, cw_form = p->col_form;
	int cw_name = w - cw_box - cw_form - cw_copies;
	dl_rect(dl, x, y, w, p->rule, ink, 0);
	int hy = y + p->cell_pad;
	text(u, dl, x + cw_box, hy, cw_name, "材料名称", p->body, 1, ink);
	text(u, dl, x + cw_box + cw_name, hy, cw_form, "形式", p->body, 1, ink);
	int hh = text(u, dl, x + cw_box + cw_name + cw_form, hy, cw_copies, "份数", p->body, 1, ink);
	y = hy + hh + p->header_gap;
	dl_rect(dl, x, y, w, p->rule, ink, 0);
	if (it->n_materials == 0) {
		y += p->cell_pad;
		y += text(u, dl, x + cw_box, y, cw_name, "无需提交材料", p->body, 0, ink) + p->cell_pad;
	}
	for (int i = 0; i < it->n_materials; i++) {
		const Material *m = &it->materials[i];
		char name[600], copies[32];
		snprintf(name, sizeof name, "%d. %s", i + 1, m->name);
		snprintf(copies, sizeof copies, "%d份", m->copies);
		int ry = y + p->row_pad, ny = ry;
		TextStyle ns = ts(p->body, 0, ink);
		ns.hang = 1;
		ny += ui_text(u, dl, x + cw_box, ny, cw_name - p->name_inset, name, ns);
		if (m->note && m->note[0])
			ny += text(u, dl, x + cw_box, ny, cw_name - p->name_inset, m->note, p->small, 0, grey);
		int fh = text(u, dl, x + cw_box + cw_name, ry, cw_form - p->form_inset, m->form, p->body, 0, ink);
		text(u, dl, x + cw_box + cw_name + cw_form, ry, cw_copies, copies, p->body, 0, ink);
		if (ry + fh > ny) ny = ry + fh;
		dl_frame(dl, x + p->box_dx, ry + p->box_dy, p->box, p->box, p->box_line, ink, p->paper, 0);
		y = ny + p->row_pad;
		dl_rect(dl, x, y, w, p->hairline, p->line, 0);
		if (y > p->h - p->room_below) {  /* keep room for where and when */
			if (i + 1 < it->n_materials) {
				snprintf(name, sizeof name, "另有%d项材料，请在屏幕上查看。", it->n_materials - i - 1);
				y += p->more_gap + text(u, dl, x + cw_box, y + p->more_gap, cw_name, name, p->body, 0, ink);
			}
			break;
		}
	}
	y += p->section_gap;

	/* Where and when */
	y += text(u, dl, x, y, w, "办理地点和时间", p->h2, 1, ink) + p->heading_gap;
	dl_rect(dl, x, y, w, p->rule, ink, 0);
	y += p->place_gap;
	static const char *const labels[] = {"办理地点：", "办理窗口：", "办理时间：", "咨询电话："};
	char win[256];
	snprintf(win, sizeof win, "%s（%s）", d ? d->window : "", d ? d->floor : "");
	const char *values[] = {it->location, win, it->hours, it->phone};
	int lw = ui_text_width(u, "办理地点：", p->body, 1) + p->label_pad;
	for (int i = 0; i < 4; i++) {
		int ha = text(u, dl, x, y, lw, labels[i], p->body, 1, ink);
		int hb = text(u, dl, x + lw, y, w - lw, values[i], p->body, 0, ink);
		y += (ha > hb ? ha : hb) + p->line_gap;
	}

	/* Footer */
	time_t now = (time_t)(a->clock_base + a->now / 1000);
	struct tm tm;
	localtime_r(&now, &tm);
	snprintf(buf, sizeof buf, "打印于%d年%d月%d日　以上信息仅供参考，以窗口受理审核为准",
	         tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	dl_rect(dl, x, p->h - p->margin - p->footer_rule, w, p->hairline, p->line, 0);
	text(u, dl, x, p->h - p->margin - p->footer_text, w, buf, p->small, 0, grey);
}
