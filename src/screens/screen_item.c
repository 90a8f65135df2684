/* screen_item.c — one item's guide: the seven disclosures as sections with
 * a section bar that jumps to each, highlights (时限, 收费, 到现场次数),
 * where to go, the materials checklist and the procedure as steps; the
 * 扫码带走 panel and the action bar (read-aloud, print: model/item.h). */
#include <stdio.h>
#include <string.h>
#include "guide/qrtext.h"
#include "model/item.h"
#include "screens.h"

static const char *or_dash(const char *s) { return s && *s ? s : "—"; }

/* The 扫码带走 panel does not scroll: drags there leave the guide's place. */
static Scroll *item_scroller(App *a)
{
	return a->item_extra && a->item_extra->qr_open ? NULL : &a->item_scroll;
}

static void item_enter(App *a) { item_extra_enter(a); }

static int item_update(App *a, float dt)
{
	int r = scroll_step(&a->item_scroll, dt);
	item_extra_tick(a);
	return r;
}

static uint32_t item_timeout(const App *a) { return item_extra_timeout(a); }

static void item_event(App *a, const AppEvent *e)
{
	if (e->kind == EV_ACTION && e->id >= ACT_SECTION && e->id < ACT_SECTION + APP_SECTIONS)
		app_item_jump(a, e->id - ACT_SECTION);
	if (e->kind != EV_ACTION) return;
	if (e->id == ACT_SPEAK) item_speak_toggle(a);
	else if (e->id == ACT_PRINT) item_print(a);
	else if (e->id == ACT_QR) item_qr_toggle(a);
}

/* ‹ 返回 (or Escape) on the 扫码带走 panel goes back to the guide. */
static int item_back(App *a) { return item_qr_close(a); }

static int is_free(const char *fees)
{
	return strncmp(fees, "不收费", strlen("不收费")) == 0 ||
	       strncmp(fees, "免费", strlen("免费")) == 0;
}


/* "label：value" with the value wrapping beside the label; returns height. */
static int kv(const App *a, Ui *u, DrawList *dl, int x, int y, int w, int lw,
              const char *label, const char *value)
{
	const Theme *t = &u->th;
	int h1 = ui_text(u, dl, x, y, lw, label, ts(t->body, 1, COL_TEXT2));
	int h2 = ui_text(u, dl, x + lw, y, w - lw, or_dash(value), ts(t->body, 0, COL_TEXT));
	return h1 > h2 ? h1 : h2;
}

/* kv() as row `row` of section sec: a highlight behind it while read. */
static int kv_read(const App *a, Ui *u, DrawList *dl, int x, int y, int w, int lw,
                   const char *label, const char *value, int sec, int row)
{
	int slot = dl_reserve(dl);
	int h = kv(a, u, dl, x, y, w, lw, label, value);
	int in = u->th.button_inset;
	if (item_speaking(a, sec, NULL, NULL) == row)
		dl_rect_at(dl, slot, x - in, y, w + 2 * in, h, COL_SPEAK_BG, u->th.highlight_radius);
	return h;
}

/* ui_paras() for field text of section sec: the sentence being read is
 * drawn bold in COL_PRIMARY (a span over its bytes). */
static int paras_read(const App *a, Ui *u, DrawList *dl, int x, int y, int w, const char *s,
                      TextStyle st, int gap, int sec, uint32_t base)
{
	uint32_t ha = 0, hb = 0;
	if (item_speaking(a, sec, &ha, &hb) != -1) return ui_paras(u, dl, x, y, w, s, st, gap);
	int y0 = y, first = 1;
	const char *s0 = s, *para;
	size_t n;
	while (ui_para_next(&s, &para, &n)) {
		if (!first) y += gap;
		uint32_t off = (uint32_t)(para - s0) + base, len = (uint32_t)n;
		TextSpan sp = {0};
		int nsp = 0;
		if (hb > off && ha < off + len) {
			sp.start = ha > off ? ha - off : 0;
			sp.end = (hb < off + len ? hb : off + len) - off;
			sp.bold = 1;
			sp.color = COL_PRIMARY;
			nsp = 1;
		}
		const TextLayout *l = ui_layout_spans(u, para, len, st, &sp, nsp, w);
		if (l) { dl_text(dl, l, x, y, para); y += l->height; }
		first = 0;
	}
	return y - y0;
}

static int kv_label_w(Ui *u, const char *const *labels, int n)
{
	int m = 0;
	for (int i = 0; i < n; i++) {
		int w = ui_text_width(u, labels[i], u->th.body, 1);
		if (w > m) m = w;
	}
	return m + u->th.button_inset;
}

/* Section heading; records where it is for the section bar. */
static int section(const App *a, Ui *u, DrawList *dl, ScreenLayout *out, int i, int x, int y,
                   int y0, int w)
{
	const Theme *t = &u->th;
	out->section_y[i] = y - y0 - t->gap;   /* scroll pos bringing it near the top */
	int bar = t->accent_bar_w;
	if (item_speaking(a, i, NULL, NULL) == -2)
		dl_rect(dl, x + bar, y, w - bar, t->h1 * 3 / 2, COL_SPEAK_BG, t->highlight_radius);
	int h = ui_text(u, dl, x + bar + t->gap / 2, y, w - bar - t->gap / 2, item_section_head[i],
	                ts(t->h1, 1, COL_PRIMARY));
	dl_rect(dl, x, y + (h - t->h1) / 2, bar, t->h1, COL_PRIMARY, t->accent_bar_radius);
	return h + t->gap / 2;
}

/* The three highlight cards: time limit, fees, visits. */
static int highlights(const App *a, Ui *u, DrawList *dl, const Item *it, int x, int y, int w)
{
	const Theme *t = &u->th;
	char tv[64], tsub[128], vv[32];
	const TimeLimit *tl = &it->time_limit;
	const char *tlabel;
	if (tl->promised.unit != TL_NONE) {
		tlabel = "承诺时限";
		time_value_format(tl->promised, tv, sizeof tv);
		time_legal_short(tl->legal, tsub, sizeof tsub);
	} else {
		tlabel = "法定时限";
		time_value_format(tl->legal, tv, sizeof tv);
		tsub[0] = 0;
	}
	int fr = is_free(it->fees);
	snprintf(vv, sizeof vv, "%d次", it->visits);
	const char *labels[3] = {tlabel, "收费", "到现场次数"};
	const char *values[3] = {tv, fr ? "不收费" : "收费", vv};
	const char *subs[3] = {tsub, fr ? "" : "详见收费标准", it->visits <= 1 ? "最多跑一次" : ""};
	uint32_t bg[3] = {COL_WARN_BG, fr ? COL_OK_BG : COL_WARN_BG, COL_TINT};
	uint32_t fg[3] = {COL_WARN, fr ? COL_OK : COL_WARN, COL_PRIMARY};
	int need = 0;
	for (int i = 0; i < 3; i++) {
		int vw = ui_text_width(u, values[i], t->h1, 1);
		int sw = ui_text_width(u, subs[i], t->small, 0);
		int lw = ui_text_width(u, labels[i], t->small, 1);
		int m = vw > sw ? vw : sw;
		if (lw > m) m = lw;
		if (m + 2 * t->pad > need) need = m + 2 * t->pad;
	}
	int cols = (w + t->gap) / (need + t->gap);
	if (cols > 3) cols = 3;
	if (cols < 1) cols = 1;
	int cw = (w - (cols - 1) * t->gap) / cols, iw = cw - 2 * t->pad;
	int hs[3];
	for (int j = 0; j < 3; j++)
		hs[j] = ui_layout(u, labels[j], ts(t->small, 1, fg[j]), iw)->height +
		        ui_layout(u, values[j], ts(t->h1, 1, fg[j]), iw)->height +
		        (subs[j][0] ? ui_layout(u, subs[j], ts(t->small, 0, fg[j]), iw)->height : 0) + t->pad;
	int y0 = y;
	for (int r = 0; r * cols < 3; r++) {
		int rowh = 0;
		for (int c = 0; c < cols && r * cols + c < 3; c++)
			if (hs[r * cols + c] > rowh) rowh = hs[r * cols + c];
		for (int c = 0; c < cols && r * cols + c < 3; c++) {
			int i = r * cols + c, cx = x + c * (cw + t->gap);
			dl_rect(dl, cx, y, cw, rowh, bg[i], t->radius);
			int cy = y + t->pad / 2;
			cy += ui_text(u, dl, cx + t->pad, cy, iw, labels[i], ts(t->small, 1, fg[i]));
			cy += ui_text(u, dl, cx + t->pad, cy, iw, values[i], ts(t->h1, 1, fg[i]));
			if (subs[i][0]) ui_text(u, dl, cx + t->pad, cy, iw, subs[i], ts(t->small, 0, fg[i]));
		}
		y += rowh + t->gap;
	}
	return y - y0;
}

/* Where to go, hours, phone, visits. */
static int where(const App *a, Ui *u, DrawList *dl, const Item *it, const Dept *d, int x, int y, int w)
{
	const Theme *t = &u->th;
	static const char *const labels[] = {"办理地点：", "办理窗口：", "办理时间：", "咨询电话：", "到现场次数："};
	char visits[32], win[256];
	snprintf(visits, sizeof visits, "%d次", it->visits);
	snprintf(win, sizeof win, "%s（%s）", d ? d->window : "", d ? d->floor : "");
	const char *values[] = {it->location, win, it->hours, it->phone, visits};
	int lw = kv_label_w(u, labels, 5);
	if (lw > w / 2) lw = w / 2;
	int slot = dl_reserve(dl);
	int cy = y + t->pad;
	for (int i = 0; i < 5; i++)
		cy += kv(a, u, dl, x + t->pad, cy, w - 2 * t->pad, lw, labels[i], values[i]);
	int h = cy + t->pad - y;
	dl_rect_at(dl, slot, x, y, w, h, COL_CARD, t->radius);
	return h;
}

/* 申请材料 as a checklist table 名称 / 形式 / 份数. Narrow columns (长辈模式
 * on a portrait screen) stack 形式 and 份数 under the name instead. */
static int materials(const App *a, Ui *u, DrawList *dl, const Item *it, int x, int y, int w)
{
	const Theme *t = &u->th;
	int box = t->body;
	int cw_check = box + t->pad + t->gap / 2;
	int cw_form = ui_text_width(u, "形式", t->body, 1);
	for (int i = 0; i < it->n_materials; i++) {
		int fw = ui_text_width(u, it->materials[i].form, t->body, 0);
		if (fw > cw_form) cw_form = fw;
	}
	cw_form += t->pad + t->gap;
	int cw_copies = ui_text_width(u, "份数", t->body, 1) + t->pad + t->gap;
	int cw_name = w - cw_check - cw_form - cw_copies - t->pad;
	int stacked = cw_name < t->body * 8;
	if (stacked) cw_name = w - cw_check - t->pad;
	int slot = dl_reserve(dl);
	int y0 = y;
	/* header row */
	int hh = ui_layout(u, "材料名称", ts(t->body, 1, COL_TEXT), cw_name)->height + t->gap;
	dl_rect(dl, x, y, w, hh, COL_TINT, 0);
	int ty = y + t->gap / 2;
	ui_text(u, dl, x + cw_check, ty, cw_name, stacked ? "材料名称（形式、份数）" : "材料名称", ts(t->body, 1, COL_TEXT));
	if (!stacked) {
		ui_text(u, dl, x + cw_check + cw_name, ty, cw_form, "形式", ts(t->body, 1, COL_TEXT));
		ui_text(u, dl, x + cw_check + cw_name + cw_form, ty, cw_copies, "份数", ts(t->body, 1, COL_TEXT));
	}
	y += hh;
	if (it->n_materials == 0) {
		y += t->gap / 2;
		y += ui_text(u, dl, x + t->pad, y, w - 2 * t->pad, "无需提交材料", ts(t->body, 0, COL_TEXT));
		y += t->gap / 2;
	}
	for (int i = 0; i < it->n_materials; i++) {
		const Material *m = &it->materials[i];
		char name[600], copies[32], line2[128];
		snprintf(name, sizeof name, "%d. %s", i + 1, m->name);
		snprintf(copies, sizeof copies, "%d份", m->copies);
		snprintf(line2, sizeof line2, "%s　%s", m->form, copies);
		int ry = y + t->gap / 2;
		int ny = ry;
		int hl_slot = dl_reserve(dl);
		TextStyle ns = ts(t->body, 0, COL_TEXT);
		ns.hang = 1;
		ny += ui_text(u, dl, x + cw_check, ny, cw_name, name, ns);
		if (stacked)
			ny += ui_text(u, dl, x + cw_check, ny, cw_name, line2, ts(t->body, 1, COL_PRIMARY));
		if (m->note && m->note[0])
			ny += ui_text(u, dl, x + cw_check, ny, cw_name, m->note, ts(t->small, 0, COL_TEXT2));
		int rh = ny - ry;
		if (!stacked) {
			int fh = ui_text(u, dl, x + cw_check + cw_name, ry, cw_form, m->form, ts(t->body, 0, COL_TEXT));
			ui_text(u, dl, x + cw_check + cw_name + cw_form, ry, cw_copies, copies, ts(t->body, 0, COL_TEXT));
			if (fh > rh) rh = fh;
		}
		if (item_speaking(a, 3, NULL, NULL) == i)
			dl_rect_at(dl, hl_slot, x, ry - t->gap / 2, w, rh + t->gap, COL_SPEAK_BG, 0);
		/* the checkbox: an empty square to tick off at home */
		int bx = x + t->pad / 2, by = ry + (t->body * 3 / 10);
		dl_frame(dl, bx, by, box, box, t->checkbox_line, COL_PRIMARY, COL_CARD, t->checkbox_radius);
		y = ry + rh + t->gap / 2;
		if (i + 1 < it->n_materials)
			dl_rect(dl, x + t->pad / 2, y - t->divider / 2, w - t->pad, t->divider, COL_LINE, 0);
	}
	dl_rect_at(dl, slot, x, y0, w, y - y0, COL_CARD, 0);
	return y - y0;
}

/* 办理流程 as numbered steps joined by a line. */
static int procedure(const App *a, Ui *u, DrawList *dl, const Item *it, int x, int y, int w)
{
	const Theme *t = &u->th;
	int d = t->body * 2;
	int bx = x + d + t->gap, bw = w - d - t->gap;
	int y0 = y;
	int prev_cy = -1;
	for (int i = 0; i < it->n_steps; i++) {
		const Step *s = &it->steps[i];
		char who[300], tm[200], num[16];
		snprintf(who, sizeof who, "承办：%s", or_dash(s->who));
		snprintf(tm, sizeof tm, "时限：%s", or_dash(s->time));
		snprintf(num, sizeof num, "%d", i + 1);
		int slot = dl_reserve(dl);
		int cy = y + t->pad / 2;
		cy += ui_text(u, dl, bx + t->pad, cy, bw - 2 * t->pad, s->step, ts(t->h2, 1, COL_TEXT));
		cy += ui_text(u, dl, bx + t->pad, cy, bw - 2 * t->pad, who, ts(t->body, 0, COL_TEXT2));
		cy += ui_text(u, dl, bx + t->pad, cy, bw - 2 * t->pad, tm, ts(t->body, 0, COL_TEXT2));
		int h = cy + t->pad / 2 - y;
		dl_rect_at(dl, slot, bx, y, bw, h, item_speaking(a, 4, NULL, NULL) == i ? COL_SPEAK_BG : COL_CARD,
		           t->radius);
		int circ_y = y + (h - d) / 2;
		if (prev_cy >= 0)
			dl_rect(dl, x + d / 2 - t->step_line_w / 2, prev_cy + d, t->step_line_w, circ_y - prev_cy - d,
			        COL_PRIMARY, 0);
		dl_rect(dl, x, circ_y, d, d, COL_PRIMARY, d / 2);
		TextStyle ns = ts(t->h2, 1, COL_ON_PRIMARY);
		ns.align = TEXT_ALIGN_CENTER;
		const TextLayout *nl = ui_layout(u, num, ns, d);
		dl_text(dl, nl, x, circ_y + (d - nl->height) / 2, num);
		prev_cy = circ_y;
		y += h + t->gap;
	}
	if (it->n_steps == 0) y += ui_text(u, dl, x, y, w, "请到窗口咨询办理流程。", ts(t->body, 0, COL_TEXT));
	return y - y0;
}

static int time_limit(const App *a, Ui *u, DrawList *dl, const Item *it, int x, int y, int w)
{
	const Theme *t = &u->th;
	const TimeLimit *tl = &it->time_limit;
	char va[64], vb[64];
	time_value_format(tl->legal, va, sizeof va);
	int two = tl->promised.unit != TL_NONE;
	if (two) time_value_format(tl->promised, vb, sizeof vb);
	const char *labels[2] = {"法定时限", "承诺时限"};
	const char *values[2] = {va, two ? vb : ""};
	int n = two ? 2 : 1;
	int need = ui_text_width(u, va, t->h1, 1) + 2 * t->pad;
	if (two && ui_text_width(u, vb, t->h1, 1) + 2 * t->pad > need) need = ui_text_width(u, vb, t->h1, 1) + 2 * t->pad;
	int cols = (n == 2 && 2 * need + t->gap <= w) ? 2 : 1;
	int cw = (w - (cols - 1) * t->gap) / cols;
	int y0 = y, rowh = 0;
	for (int i = 0; i < n; i++) {
		int c = i % cols, cx = x + c * (cw + t->gap);
		int slot = dl_reserve(dl);
		int cy = y + t->pad / 2;
		cy += ui_text(u, dl, cx + t->pad, cy, cw - 2 * t->pad, labels[i], ts(t->body, 1, COL_WARN));
		cy += ui_text(u, dl, cx + t->pad, cy, cw - 2 * t->pad, values[i], ts(t->h1, 1, COL_WARN));
		int h = cy + t->pad / 2 - y;
		dl_rect_at(dl, slot, cx, y, cw, h, item_speaking(a, 5, NULL, NULL) == i ? COL_SPEAK_BG : COL_WARN_BG,
		           t->radius);
		if (h > rowh) rowh = h;
		if (c == cols - 1 || i == n - 1) { y += rowh + t->gap; rowh = 0; }
	}
	if (tl->note && tl->note[0]) {
		char note[1200];
		snprintf(note, sizeof note, "说明：%s", tl->note);
		y += paras_read(a, u, dl, x, y, w, note, ts(t->body, 0, COL_TEXT), 0, 5,
		                (uint32_t)strlen("说明：")) + t->gap / 2;
	}
	return y - y0;
}

static int fees(const App *a, Ui *u, DrawList *dl, const Item *it, int x, int y, int w)
{
	const Theme *t = &u->th;
	int fr = is_free(it->fees);
	int slot = dl_reserve(dl);
	int h = paras_read(a, u, dl, x + t->pad, y + t->pad, w - 2 * t->pad, or_dash(it->fees),
	                   ts(t->h2, 1, fr ? COL_OK : COL_WARN), t->gap / 2, 6, 0);
	h += 2 * t->pad;
	dl_rect_at(dl, slot, x, y, w, h, fr ? COL_OK_BG : COL_WARN_BG, t->radius);
	return h;
}

/* Fit the QR code to a side x side square, once per size (reported in out;
 * the renderer makes the texture from the id, app/kiosk.c). Modules
 * are at least QR_MIN_MODULE px, so a phone reads the code at arm's length:
 * where the guide's text needs a bigger code than fits, the text is
 * shortened (a smaller byte budget) rather than the modules shrunk. */
#define QR_MIN_MODULE 6
#define QR_MAX_MODULE 16
static ImageId qr_fit(const App *a, const ItemExtra *e, int side, ScreenLayout *out, int *qside)
{
	*qside = e->qr_side;
	if (e->qr && e->qr_fit == side) return e->qr;
	out->qr_made = 1;
	out->qr_fit = side;
	snprintf(out->qr_text, sizeof out->qr_text, "%s", e->qr_text);
	int version = 0, w = 0;
	for (size_t budget = QRTEXT_BUDGET; ; budget = budget * 9 / 10) {
		if (!e->qr_is_url)
			qrtext_guide(a->item, &a->index->depts[a->dept], out->qr_text, sizeof out->qr_text, budget);
		w = qr_width(out->qr_text, &version);
		if (!w || e->qr_is_url || (w + 2 * QR_QUIET) * QR_MIN_MODULE <= side || budget < 60) break;
	}
	if (!w) return 0;
	int module = side / (w + 2 * QR_QUIET);
	if (module < QR_MIN_MODULE) module = QR_MIN_MODULE;
	if (module > QR_MAX_MODULE) module = QR_MAX_MODULE;
	out->qr_module = module;
	out->qr_modules = w;
	out->qr_version = version;
	out->qr_side = *qside = (w + 2 * QR_QUIET) * module;
	return IMG_QR(module);
}

/* The 扫码带走 panel between y and bottom, in place of the guide: what to
 * do, and the code as big as fits. On a wide screen the words sit beside
 * the code, on a tall one above it. */
static void qr_panel(const App *a, Ui *u, DrawList *dl, ScreenLayout *out, int y, int bottom)
{
	const Theme *t = &u->th;
	const ItemExtra *e = a->item_extra;
	int x = t->content_x, w = t->content_w;
	const char *title = "扫码带走办事指南";
	const char *how = e->qr_is_url
		? "用手机相机或微信“扫一扫”扫描二维码，打开这个事项的网上办事指南。"
		: "用手机相机或微信“扫一扫”扫描二维码，事项名称、申请材料、办理地点、窗口、时间、电话和办理时限就存到手机上，不用上网。";
	const char *back = "看完请点下方“返回办事指南”。";
	int avail_h = bottom - y - 3 * t->gap / 2;
	int beside = w - avail_h - t->gap >= t->body * 8;
	int side, tx, tw, ty = y + t->gap;
	if (beside) {
		side = avail_h;
		tw = w - side - t->gap;
		tx = x + side + t->gap;
	} else {
		tx = x; tw = w;
		int th = ui_layout(u, title, ts(t->h1, 1, COL_PRIMARY), tw)->height + t->gap / 2
		       + ui_layout(u, how, ts(t->body, 0, COL_TEXT), tw)->height + t->gap;
		side = avail_h - th;
		if (side > w) side = w;
	}
	int qside;
	ImageId qr = qr_fit(a, e, side, out, &qside);
	int cy = ty;
	cy += ui_text(u, dl, tx, cy, tw, title, ts(t->h1, 1, COL_PRIMARY)) + t->gap / 2;
	cy += ui_text(u, dl, tx, cy, tw, how, ts(t->body, 0, COL_TEXT)) + t->gap;
	if (beside) {
		ui_text(u, dl, tx, cy, tw, back, ts(t->body, 0, COL_TEXT2));
		if (qr) dl_image(dl, qr, x + (side - qside) / 2, ty + (side - qside) / 2,
		                 qside, qside, "qr");
	} else if (qr) {
		dl_image(dl, qr, x + (w - qside) / 2, cy + (side - qside) / 2, qside, qside, "qr");
	}
	if (!qr)
		ui_text(u, dl, tx, cy, tw, "二维码暂时无法显示，请到窗口咨询。", ts(t->h2, 1, COL_WARN));
}

/* The action bar fixed at the bottom: 朗读本节 / 停止朗读 and 打印材料清单
 * (each only where configured), the print status, and 扫码带走 at the right
 * (返回办事指南 while its panel is open, which hides the others). Returns
 * its height, 0 when it has nothing to show. */
static int action_bar(const App *a, Ui *u, DrawList *dl, int draw)
{
	const Theme *t = &u->th;
	const ItemExtra *e = a->item_extra;
	int speak = a->speech_ok, print = a->cfg->print_printer[0] != 0;
	int qr = e && e->qr_text[0];
	if (!e || (!speak && !print && !qr) || !a->item) return 0;
	if (qr && e->qr_open) speak = print = 0;
	int h = t->button_h + t->gap;
	if (!draw) return h;
	int y = a->h - h;
	dl_rect(dl, 0, y, a->w, h, COL_CARD, 0);
	dl_rect(dl, 0, y, a->w, t->divider, COL_LINE, 0);
	int x = t->content_x, by = y + t->gap / 2, right = t->content_x + t->content_w;
	if (qr) {
		const char *label = e->qr_open ? "返回办事指南" : "扫码带走";
		int bw = ui_text_width(u, "返回办事指南", t->body, 1) + 2 * t->pad;
		ui_button(u, dl, ACT_QR, (DlRect){right - bw, by, bw, t->button_h}, label,
		          COL_PRIMARY, COL_PRIMARY_DOWN, COL_ON_PRIMARY, t->body, 1);
		right -= bw + t->gap;
	}
	if (speak) {
		int on = speech_active(&e->sp);
		const char *label = on ? "■ 停止朗读" : "▶ 朗读本节";
		int bw = ui_text_width(u, "▶ 朗读本节", t->body, 1) + 2 * t->pad;
		ui_button(u, dl, ACT_SPEAK, (DlRect){x, by, bw, t->button_h}, label,
		          on ? COL_SWITCH_ON : COL_PRIMARY, on ? COL_SWITCH_DOWN : COL_PRIMARY_DOWN,
		          on ? COL_ON_SWITCH : COL_ON_PRIMARY, t->body, 1);
		x += bw + t->gap;
	}
	if (print) {
		int bw = ui_text_width(u, "打印材料清单", t->body, 1) + 2 * t->pad;
		if (right - bw >= x) {
			ui_button(u, dl, ACT_PRINT, (DlRect){right - bw, by, bw, t->button_h}, "打印材料清单",
			          COL_TINT, COL_CARD_DOWN, COL_PRIMARY, t->body, 1);
			right -= bw + t->gap;
		}
	}
	const char *msg = e->print_msg;
	char reading[64];
	if (!msg && speech_active(&e->sp) && e->speak_section >= 0) {
		snprintf(reading, sizeof reading, "正在朗读：%s", item_section_chip[e->speak_section]);
		msg = reading;
	}
	if (msg && right - x > t->body * 3) {
		TextStyle st = ts(speech_active(&e->sp) && !e->print_msg ? t->body : t->small, 1, COL_TEXT);
		st.max_lines = 2;
		const TextLayout *l = ui_layout(u, msg, st, right - x);
		if (l) dl_text(dl, l, x, y + (h - l->height) / 2, msg);
	}
	return h;
}

/* The section bar: a grid of equal chips, one per section; as many
 * columns as fit (7 on a landscape screen, 4 on a portrait one). */
static int section_bar(const App *a, Ui *u, DrawList *dl, int y, int active)
{
	const Theme *t = &u->th;
	int x0 = t->content_x, w = t->content_w, size = t->body;
	int ch = (int)(size * 1.8f);
	if (ch < t->touch_min) ch = t->touch_min;
	int gap = t->gap / 2;
	int need = ui_text_width(u, "事项名称", size, 1) + t->pad;
	int cols = (w + gap) / (need + gap);
	if (cols >= APP_SECTIONS) cols = APP_SECTIONS;
	else if (cols >= 4) cols = 4;
	if (cols < 1) cols = 1;
	int cw = (w - (cols - 1) * gap) / cols;
	int slot = dl_reserve(dl);
	int y0 = y;
	y += gap;
	for (int i = 0; i < APP_SECTIONS; i++) {
		int c = i % cols, r = i / cols;
		int id = ACT_SECTION + i;
		int on = i == active;
		ui_button(u, dl, id, (DlRect){x0 + c * (cw + gap), y + r * (ch + gap), cw, ch},
		          item_section_chip[i],
		          on ? COL_PRIMARY : COL_TINT, on ? COL_PRIMARY_DOWN : COL_CARD_DOWN,
		          on ? COL_ON_PRIMARY : COL_PRIMARY, size, 1);
	}
	int rows = (APP_SECTIONS + cols - 1) / cols;
	y += rows * (ch + gap);
	dl_rect_at(dl, slot, 0, y0, a->w, y - y0, COL_CARD, 0);
	dl_rect(dl, 0, y - t->divider, a->w, t->divider, COL_LINE, 0);
	return y - y0;
}

/* 一、事项名称: the item's facts as a card of label：value rows. */
static int identity(const App *a, Ui *u, DrawList *dl, const Item *it, const Dept *d,
                    int x, int y, int w)
{
	const Theme *t = &u->th;
	static const char *const nl[] = {"事项名称：", "事项编码：", "事项类型：", "服务对象：", "所属部门：", "网上办理："};
	const char *values[] = {it->name, it->code, it->type, it->target, d->name, it->url};
	int lw = kv_label_w(u, nl, 6);
	if (lw > w / 2) lw = w / 2;
	int n = it->url && it->url[0] ? 6 : 5;
	int slot = dl_reserve(dl), cy = y + t->pad;
	for (int i = 0; i < n; i++)
		cy += kv_read(a, u, dl, x + t->pad, cy, w - 2 * t->pad, lw, nl[i], values[i], 0, i);
	dl_rect_at(dl, slot, x, y, w, cy + t->pad - y, COL_CARD, t->radius);
	return cy + t->pad - y;
}

/* Field text of section sec as paragraphs on a card. */
static int para_card(const App *a, Ui *u, DrawList *dl, int x, int y, int w, const char *s,
                     TextStyle st, int gap, int sec)
{
	const Theme *t = &u->th;
	int slot = dl_reserve(dl);
	int cy = y + t->pad + paras_read(a, u, dl, x + t->pad, y + t->pad, w - 2 * t->pad, s, st, gap, sec, 0);
	dl_rect_at(dl, slot, x, y, w, cy + t->pad - y, COL_CARD, t->radius);
	return cy + t->pad - y;
}

static void item_draw(const App *a, Ui *u, DrawList *dl, ScreenLayout *out)
{
	const Theme *t = &u->th;
	const Dept *d = &a->index->depts[a->dept];
	const Item *it = a->item;
	const char *name = a->item_summary ? a->item_summary->name : "";
	dl_rect(dl, 0, 0, a->w, a->h, COL_PAGE, 0);
	const char *crumbs[] = {"首页", d->short_name, name};
	int top = ui_header(a, u, dl, crumbs, 3);
	if (!it) {
		ui_text(u, dl, t->content_x, top + t->gap, t->content_w,
		        "该事项信息暂时无法显示，请到窗口咨询。", ts(t->h2, 1, COL_TEXT));
		return;
	}
	/* Active chip: the last section whose heading is at or above the top. */
	int pos = scroll_px(&a->item_scroll), active = 0;
	for (int i = 0; i < APP_SECTIONS; i++)
		if (a->section_y[i] <= pos + t->scroll_snap) active = i;
	if (pos >= (int)a->item_scroll.max - t->scroll_snap && a->item_scroll.max > 0) {
		/* at the bottom: the last heading in view is the one being read */
		for (int i = 0; i < APP_SECTIONS; i++)
			if (a->section_y[i] < pos + a->item_view_h / 2) active = i;
	}
	const ItemExtra *e = a->item_extra;
	if (e && e->qr_open && e->qr_text[0]) {
		qr_panel(a, u, dl, out, top, a->h - action_bar(a, u, dl, 0));
		action_bar(a, u, dl, 1);
		return;
	}
	int bar = section_bar(a, u, dl, top, active);
	int vy = top + bar, vh = a->h - vy - action_bar(a, u, dl, 0);
	out->has_sections = 1;
	out->active_section = active;
	out->view_h = vh;
	DlRect old = dl_clip(dl, (DlRect){0, vy, a->w, vh});
	dl_scroll_begin(dl, pos);
	int y0 = vy - pos;
	int x = t->content_x, w = t->content_w;
	int y = y0 + t->gap;

	y += ui_text(u, dl, x, y, w, it->name, ts(t->title, 1, COL_TEXT)) + t->gap / 2;
	char sub[400];
	snprintf(sub, sizeof sub, "%s · 服务对象：%s", or_dash(it->type), or_dash(it->target));
	y += ui_text(u, dl, x, y, w, sub, ts(t->body, 0, COL_TEXT2)) + t->gap;
	y += highlights(a, u, dl, it, x, y, w);
	y += where(a, u, dl, it, d, x, y, w) + 2 * t->gap;

	y += section(a, u, dl, out, 0, x, y, y0, w);
	y += identity(a, u, dl, it, d, x, y, w) + 2 * t->gap;
	TextStyle body = ts(t->body, 0, COL_TEXT);
	y += section(a, u, dl, out, 1, x, y, y0, w);
	y += para_card(a, u, dl, x, y, w, or_dash(it->basis), body, t->gap, 1) + 2 * t->gap;
	y += section(a, u, dl, out, 2, x, y, y0, w);
	body.hang = 1;
	y += para_card(a, u, dl, x, y, w, or_dash(it->conditions), body, t->gap / 2, 2) + 2 * t->gap;

	y += section(a, u, dl, out, 3, x, y, y0, w);
	y += materials(a, u, dl, it, x, y, w) + 2 * t->gap;

	y += section(a, u, dl, out, 4, x, y, y0, w);
	y += procedure(a, u, dl, it, x, y, w) + t->gap;

	y += section(a, u, dl, out, 5, x, y, y0, w);
	y += time_limit(a, u, dl, it, x, y, w) + t->gap;

	y += section(a, u, dl, out, 6, x, y, y0, w);
	y += fees(a, u, dl, it, x, y, w) + 2 * t->gap;

	TextStyle fs = ts(t->small, 0, COL_TEXT2);
	fs.align = TEXT_ALIGN_CENTER;
	y += ui_text(u, dl, x, y, w, "以上信息仅供参考，以窗口受理审核为准", fs) + 2 * t->gap;

	out->has_scroll_max = 1;
	out->scroll_max = (float)(y - y0 - vh);
	out->content_h = y - y0;
	dl_scroll_end(dl);
	dl_clip(dl, old);
	action_bar(a, u, dl, 1);
}

static void item_leave(App *a)
{
	item_speak_stop(a, "leave");
}

const Screen screen_item = {
	.name = "item", .enter = item_enter, .event = item_event, .leave = item_leave,
	.timeout = item_timeout, .back = item_back, .scroller = item_scroller,
	.update = item_update, .draw = item_draw,
};
