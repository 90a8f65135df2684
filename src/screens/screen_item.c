/* screen_item.c — one item's guide: the seven disclosures as sections with
 * a section bar that jumps to each, highlights (时限, 收费, 到现场次数),
 * where to go, the materials checklist and the procedure as steps. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "kiosk.h"
#include "guide/qrtext.h"
#include "gfx/qr.h"
#include "speech.h"
#include "print.h"

/* What the item screen adds beyond the guide: 扫码带走, a QR code of the
 * online guide or of the guide itself as text (made when the panel is first
 * shown at a size, never per frame), read-aloud of one section with the
 * sentence being heard highlighted, and the printed checklist. */
typedef struct ItemExtra {
	ImageId qr;                     /* IMG_QR, 0: not made yet (or nothing to encode) */
	int qr_side, qr_module;         /* image side px; module px it is made at */
	int qr_fit;                     /* the square (px) it was made to fit */
	int qr_open;                    /* the 扫码带走 panel is shown instead of the guide */
	int qr_is_url;                  /* qr_text is a URL, not the guide as text */
	char qr_text[2048];             /* what the code carries; "" none */
	Speech sp;                      /* read-aloud queue and child */
	int speak_section;              /* section being read, -1 none */
	struct { int row; uint32_t start, end; } sent[SPEECH_MAX];
	                                /* per sentence: row (-2 heading, -1 text
	                                   range [start,end) of the section's text) */
	int active;                     /* section shown at the top (last draw) */
	pid_t print_pid;                /* `lp` child, or 0 */
	char print_path[256];
	const char *print_msg;          /* status line in the action bar, or NULL */
	uint32_t print_msg_until;
} ItemExtra;

static ItemExtra *extra(Kiosk *k)
{
	if (!k->item_extra) {
		k->item_extra = calloc(1, sizeof *k->item_extra);
		if (!k->item_extra) return NULL;
		k->item_extra->sp.cur = -1;
		k->item_extra->speak_section = -1;
	}
	return k->item_extra;
}

/* The sentence being read if it lies in section sec: its row, and its
 * text range in *a..*b; else returns -3. */
static int speaking(Kiosk *k, int sec, uint32_t *a, uint32_t *b)
{
	ItemExtra *x = k->item_extra;
	if (!x || x->speak_section != sec || !speech_active(&x->sp)) return -3;
	int i = x->sp.cur;
	if (a) *a = x->sent[i].start;
	if (b) *b = x->sent[i].end;
	return x->sent[i].row;
}

static const char *const section_chip[KIOSK_SECTIONS] = {
	"事项名称", "设定依据", "申请条件", "申请材料", "办理流程", "办理时限", "收费标准",
};
static const char *const section_head[KIOSK_SECTIONS] = {
	"一、事项名称", "二、设定依据", "三、申请条件", "四、申请材料",
	"五、办理流程", "六、办理时限", "七、收费标准",
};

/* The 扫码带走 panel does not scroll: drags there leave the guide's place. */
static Scroll *item_scroller(Kiosk *k)
{
	return k->item_extra && k->item_extra->qr_open ? NULL : &k->item_scroll;
}

/* ------------------------------------------------------- read-aloud */

static const char *or_dash(const char *s) { return s && *s ? s : "—"; }

typedef struct Queue { ItemExtra *x; const char *src; int row; int sec; } Queue;

static void queue_text(ItemExtra *x, const char *s, size_t len, int row, uint32_t a, uint32_t b)
{
	int i = x->sp.n;
	if (speech_add(&x->sp, s, len) < 0) return;
	x->sent[i].row = row;
	x->sent[i].start = a;
	x->sent[i].end = b;
}

static void emit_range(void *ctx, size_t a, size_t b)
{
	Queue *q = ctx;
	queue_text(q->x, q->src + a, b - a, q->row, (uint32_t)a, (uint32_t)b);
}

/* Queue field text: each sentence with its byte range (row -1), or, for
 * a row of a table, all of it as one row. */
static void queue_field(ItemExtra *x, const char *s, int row)
{
	if (!s || !*s) return;
	Queue q = {x, s, row, 0};
	speech_split(s, emit_range, &q);
}

static void queue_fmt(ItemExtra *x, int row, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void queue_fmt(ItemExtra *x, int row, const char *fmt, ...)
{
	char buf[1200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	queue_text(x, buf, strlen(buf), row, 0, 0);
}

static void speak_section(Kiosk *k, ItemExtra *x, int sec)
{
	const Item *it = k->item;
	const Dept *d = &k->index->depts[k->dept];
	char a[64], b[64];
	speech_stop(&x->sp, NULL);
	snprintf(x->sp.command, sizeof x->sp.command, "%s", k->cfg->speech_command);
	x->sp.volume = k->cfg->speech_volume;
	x->sp.trace = k->trace;
	queue_fmt(x, -2, "%s", section_head[sec]);
	switch (sec) {
	case 0:
		queue_fmt(x, 0, "事项名称：%s。", it->name);
		queue_fmt(x, 1, "事项编码：%s。", it->code);
		queue_fmt(x, 2, "事项类型：%s。", or_dash(it->type));
		queue_fmt(x, 3, "服务对象：%s。", or_dash(it->target));
		queue_fmt(x, 4, "所属部门：%s。", d->name);
		break;
	case 1: queue_field(x, it->basis, -1); break;
	case 2: queue_field(x, it->conditions, -1); break;
	case 3:
		if (it->n_materials == 0) queue_fmt(x, -2, "无需提交材料。");
		for (int i = 0; i < it->n_materials; i++)
			queue_fmt(x, i, "第%d项，%s，%s，%d份。", i + 1, it->materials[i].name,
			          it->materials[i].form, it->materials[i].copies);
		break;
	case 4:
		for (int i = 0; i < it->n_steps; i++)
			queue_fmt(x, i, "第%d步，%s。承办：%s。时限：%s。", i + 1, it->steps[i].step,
			          or_dash(it->steps[i].who), or_dash(it->steps[i].time));
		break;
	case 5:
		queue_fmt(x, 0, "法定时限：%s。", time_value_format(it->time_limit.legal, a, sizeof a));
		if (it->time_limit.promised.unit != TL_NONE)
			queue_fmt(x, 1, "承诺时限：%s。", time_value_format(it->time_limit.promised, b, sizeof b));
		if (it->time_limit.note && it->time_limit.note[0]) {
			/* ranges count from the start of "说明：" + note as drawn */
			Queue q = {x, it->time_limit.note, -1, 0};
			int first = x->sp.n;
			speech_split(it->time_limit.note, emit_range, &q);
			for (int i = first; i < x->sp.n; i++) {
				x->sent[i].start += (uint32_t)strlen("说明：");
				x->sent[i].end += (uint32_t)strlen("说明：");
			}
		}
		break;
	case 6: queue_field(x, or_dash(it->fees), -1); break;
	}
	x->speak_section = sec;
	if (speech_start(&x->sp) < 0) x->speak_section = -1;
}

static void speak_stop(Kiosk *k, const char *why)
{
	ItemExtra *x = k->item_extra;
	if (!x) return;
	speech_stop(&x->sp, why);
	x->speak_section = -1;
}

/* ---------------------------------------------------------- printing */

static void print_start(Kiosk *k, ItemExtra *x)
{
	if (x->print_pid > 0 || !k->item) return;
	static unsigned n;
	const char *tmp = getenv("TMPDIR");
	snprintf(x->print_path, sizeof x->print_path, "%s/kiosk-print-%d-%u.pdf",
	         tmp && *tmp ? tmp : "/tmp", (int)getpid(), n++);
	char err[300];
	x->print_msg_until = k->now + 8000;
	if (print_write_pdf(k, k->item, &k->index->depts[k->dept], x->print_path, NULL,
	                    err, sizeof err) < 0 ||
	    (x->print_pid = print_spawn(k->cfg->print_command, k->cfg->print_printer,
	                                x->print_path, err, sizeof err)) < 0) {
		fprintf(stderr, "kiosk: print: %s\n", err);
		x->print_pid = 0;
		unlink(x->print_path);
		x->print_msg = "打印失败，请到窗口咨询";
		return;
	}
	x->print_msg = "正在打印，请稍候到打印机取件";
	if (k->trace) { printf("print %s pid %d\n", x->print_path, (int)x->print_pid); fflush(stdout); }
}

/* Reap the `lp` child without blocking; 1 if the status line changed. */
static int print_poll(Kiosk *k, ItemExtra *x)
{
	if (x->print_pid <= 0) return 0;
	int st;
	if (waitpid(x->print_pid, &st, WNOHANG) == 0) return 0;
	int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
	x->print_pid = 0;
	unlink(x->print_path);
	x->print_msg = ok ? "已发送到打印机，请取走材料清单" : "打印失败，请到窗口咨询";
	x->print_msg_until = k->now + 8000;
	if (k->trace) { printf("print %s\n", ok ? "done" : "failed"); fflush(stdout); }
	return 1;
}

/* ------------------------------------------------------------ screen */

static void item_enter(Kiosk *k)
{
	ItemExtra *x = extra(k);
	if (!x) return;
	x->qr = 0;
	x->qr_module = x->qr_fit = x->qr_open = 0;
	x->qr_text[0] = 0;
	if (k->item)
		qrtext_item(k->item, &k->index->depts[k->dept], k->cfg->item_url_template,
		            x->qr_text, sizeof x->qr_text, QRTEXT_BUDGET, &x->qr_is_url);
}

static int item_update(Kiosk *k, float dt)
{
	int r = scroll_step(&k->item_scroll, dt);
	ItemExtra *x = k->item_extra;
	if (x) {
		int cur = x->sp.cur;
		if (speech_active(&x->sp) && (!speech_poll(&x->sp) || x->sp.cur != cur)) {
			if (!speech_active(&x->sp)) x->speak_section = -1;
			kiosk_mark_dirty(k);
		}
		if (print_poll(k, x)) kiosk_mark_dirty(k);
		if (x->print_msg && k->now >= x->print_msg_until) {
			x->print_msg = NULL;
			kiosk_mark_dirty(k);
		}
	}
	return r;
}

/* While a child runs, come back to reap it; a status line times out. */
static uint32_t item_timeout(const Kiosk *k)
{
	const ItemExtra *x = k->item_extra;
	if (!x) return UINT32_MAX;
	if (speech_active(&x->sp) || x->print_pid > 0) return 100;
	if (x->print_msg) return x->print_msg_until > k->now ? x->print_msg_until - k->now : 0;
	return UINT32_MAX;
}

static void item_event(Kiosk *k, const KioskEvent *e)
{
	if (e->kind == EV_ACTION && e->id >= ACT_SECTION && e->id < ACT_SECTION + KIOSK_SECTIONS)
		scroll_jump(&k->item_scroll, (float)k->section_y[e->id - ACT_SECTION]);
	ItemExtra *x = extra(k);
	if (!x || e->kind != EV_ACTION || !k->item) return;
	if (e->id == ACT_SPEAK) {
		if (speech_active(&x->sp)) speak_stop(k, "tap");
		else speak_section(k, x, x->active);
	} else if (e->id == ACT_PRINT) {
		print_start(k, x);
	} else if (e->id == ACT_QR) {
		x->qr_open = !x->qr_open;
		if (x->qr_open) speak_stop(k, "qr");
		kiosk_mark_dirty(k);
	}
}

/* ‹ 返回 (or Escape) on the 扫码带走 panel goes back to the guide. */
static int item_back(Kiosk *k)
{
	ItemExtra *x = k->item_extra;
	if (!x || !x->qr_open) return 0;
	x->qr_open = 0;
	kiosk_mark_dirty(k);
	return 1;
}

const char *screen_item_qr_text(const Kiosk *k)
{
	return k->item_extra && k->item_extra->qr ? k->item_extra->qr_text : NULL;
}

void screen_item_fini(Kiosk *k)
{
	ItemExtra *x = k->item_extra;
	if (!x) return;
	speech_stop(&x->sp, "exit");
	if (x->print_pid > 0) {
		/* lp only hands the file to cupsd: let it finish, then tidy up */
		int st;
		waitpid(x->print_pid, &st, 0);
		unlink(x->print_path);
	}
	free(x);
	k->item_extra = NULL;
}

static int is_free(const char *fees)
{
	return strncmp(fees, "不收费", strlen("不收费")) == 0 ||
	       strncmp(fees, "免费", strlen("免费")) == 0;
}


/* "label：value" with the value wrapping beside the label; returns height. */
static int kv(Kiosk *k, DrawList *dl, int x, int y, int w, int lw,
              const char *label, const char *value)
{
	const Theme *t = &k->th;
	int h1 = ui_text(k, dl, x, y, lw, label, ts(t->body, 1, COL_TEXT2));
	int h2 = ui_text(k, dl, x + lw, y, w - lw, or_dash(value), ts(t->body, 0, COL_TEXT));
	return h1 > h2 ? h1 : h2;
}

/* kv() as row `row` of section sec: a highlight behind it while read. */
static int kv_read(Kiosk *k, DrawList *dl, int x, int y, int w, int lw,
                   const char *label, const char *value, int sec, int row)
{
	int slot = dl_reserve(dl);
	int h = kv(k, dl, x, y, w, lw, label, value);
	if (speaking(k, sec, NULL, NULL) == row)
		dl_rect_at(dl, slot, x - 8, y, w + 16, h, COL_SPEAK_BG, 6);
	return h;
}

/* ui_paras() for field text of section sec: the sentence being read is
 * drawn bold in COL_PRIMARY (a span over its bytes). */
static int paras_read(Kiosk *k, DrawList *dl, int x, int y, int w, const char *s,
                      TextStyle st, int gap, int sec, uint32_t base)
{
	uint32_t ha = 0, hb = 0;
	if (speaking(k, sec, &ha, &hb) != -1) return ui_paras(k, dl, x, y, w, s, st, gap);
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
		TextPara p = {0};
		p.text = para;
		p.len = len;
		p.size = (uint16_t)st.size;
		p.bold = st.bold;
		p.color = st.color;
		p.line_spacing = k->th.line_spacing;
		p.align = st.align;
		p.list_hang = st.hang;
		p.spans = nsp ? &sp : NULL;
		p.n_spans = nsp;
		const TextLayout *l = text_cache_get(k->tc, &p, w > 1 ? w : 1);
		if (l) { dl_text(dl, l, x, y, para); y += l->height; }
		first = 0;
	}
	return y - y0;
}

static int kv_label_w(Kiosk *k, const char *const *labels, int n)
{
	int m = 0;
	for (int i = 0; i < n; i++) {
		int w = ui_text_width(k, labels[i], k->th.body, 1);
		if (w > m) m = w;
	}
	return m + 8;
}

/* Section heading; records where it is for the section bar. */
static int section(Kiosk *k, DrawList *dl, int i, int x, int y, int y0, int w)
{
	const Theme *t = &k->th;
	k->section_y[i] = y - y0 - t->gap;   /* scroll pos bringing it near the top */
	if (speaking(k, i, NULL, NULL) == -2)
		dl_rect(dl, x + 8, y, w - 8, t->h1 * 3 / 2, COL_SPEAK_BG, 6);
	int h = ui_text(k, dl, x + 8 + t->gap / 2, y, w - 8 - t->gap / 2, section_head[i],
	                ts(t->h1, 1, COL_PRIMARY));
	dl_rect(dl, x, y + (h - t->h1) / 2, 8, t->h1, COL_PRIMARY, 2);
	return h + t->gap / 2;
}

/* The three highlight cards: time limit, fees, visits. */
static int highlights(Kiosk *k, DrawList *dl, const Item *it, int x, int y, int w)
{
	const Theme *t = &k->th;
	char tv[64], lv[64], tsub[128], vv[32];
	const TimeLimit *tl = &it->time_limit;
	const char *tlabel;
	if (tl->promised.unit != TL_NONE) {
		tlabel = "承诺时限";
		time_value_format(tl->promised, tv, sizeof tv);
		snprintf(tsub, sizeof tsub, "法定%s", time_value_format(tl->legal, lv, sizeof lv));
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
		int vw = ui_text_width(k, values[i], t->h1, 1);
		int sw = ui_text_width(k, subs[i], t->small, 0);
		int lw = ui_text_width(k, labels[i], t->small, 1);
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
		hs[j] = ui_layout(k, labels[j], ts(t->small, 1, fg[j]), iw)->height +
		        ui_layout(k, values[j], ts(t->h1, 1, fg[j]), iw)->height +
		        (subs[j][0] ? ui_layout(k, subs[j], ts(t->small, 0, fg[j]), iw)->height : 0) + t->pad;
	int y0 = y;
	for (int r = 0; r * cols < 3; r++) {
		int rowh = 0;
		for (int c = 0; c < cols && r * cols + c < 3; c++)
			if (hs[r * cols + c] > rowh) rowh = hs[r * cols + c];
		for (int c = 0; c < cols && r * cols + c < 3; c++) {
			int i = r * cols + c, cx = x + c * (cw + t->gap);
			dl_rect(dl, cx, y, cw, rowh, bg[i], t->radius);
			int cy = y + t->pad / 2;
			cy += ui_text(k, dl, cx + t->pad, cy, iw, labels[i], ts(t->small, 1, fg[i]));
			cy += ui_text(k, dl, cx + t->pad, cy, iw, values[i], ts(t->h1, 1, fg[i]));
			if (subs[i][0]) ui_text(k, dl, cx + t->pad, cy, iw, subs[i], ts(t->small, 0, fg[i]));
		}
		y += rowh + t->gap;
	}
	return y - y0;
}

/* Where to go, hours, phone, visits. */
static int where(Kiosk *k, DrawList *dl, const Item *it, const Dept *d, int x, int y, int w)
{
	const Theme *t = &k->th;
	static const char *const labels[] = {"办理地点：", "办理窗口：", "办理时间：", "咨询电话：", "到现场次数："};
	char visits[32], win[256];
	snprintf(visits, sizeof visits, "%d次", it->visits);
	snprintf(win, sizeof win, "%s（%s）", d ? d->window : "", d ? d->floor : "");
	const char *values[] = {it->location, win, it->hours, it->phone, visits};
	int lw = kv_label_w(k, labels, 5);
	if (lw > w / 2) lw = w / 2;
	int slot = dl_reserve(dl);
	int cy = y + t->pad;
	for (int i = 0; i < 5; i++)
		cy += kv(k, dl, x + t->pad, cy, w - 2 * t->pad, lw, labels[i], values[i]);
	int h = cy + t->pad - y;
	dl_rect_at(dl, slot, x, y, w, h, COL_CARD, t->radius);
	return h;
}

/* 申请材料 as a checklist table 名称 / 形式 / 份数. Narrow columns (长辈模式
 * on a portrait screen) stack 形式 and 份数 under the name instead. */
static int materials(Kiosk *k, DrawList *dl, const Item *it, int x, int y, int w)
{
	const Theme *t = &k->th;
	int box = t->body;
	int cw_check = box + t->pad + t->gap / 2;
	int cw_form = ui_text_width(k, "形式", t->body, 1);
	for (int i = 0; i < it->n_materials; i++) {
		int fw = ui_text_width(k, it->materials[i].form, t->body, 0);
		if (fw > cw_form) cw_form = fw;
	}
	cw_form += t->pad + t->gap;
	int cw_copies = ui_text_width(k, "份数", t->body, 1) + t->pad + t->gap;
	int cw_name = w - cw_check - cw_form - cw_copies - t->pad;
	int stacked = cw_name < t->body * 8;
	if (stacked) cw_name = w - cw_check - t->pad;
	int slot = dl_reserve(dl);
	int y0 = y;
	/* header row */
	int hh = ui_layout(k, "材料名称", ts(t->body, 1, COL_TEXT), cw_name)->height + t->gap;
	dl_rect(dl, x, y, w, hh, COL_TINT, 0);
	int ty = y + t->gap / 2;
	ui_text(k, dl, x + cw_check, ty, cw_name, stacked ? "材料名称（形式、份数）" : "材料名称", ts(t->body, 1, COL_TEXT));
	if (!stacked) {
		ui_text(k, dl, x + cw_check + cw_name, ty, cw_form, "形式", ts(t->body, 1, COL_TEXT));
		ui_text(k, dl, x + cw_check + cw_name + cw_form, ty, cw_copies, "份数", ts(t->body, 1, COL_TEXT));
	}
	y += hh;
	if (it->n_materials == 0) {
		y += t->gap / 2;
		y += ui_text(k, dl, x + t->pad, y, w - 2 * t->pad, "无需提交材料", ts(t->body, 0, COL_TEXT));
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
		ny += ui_text(k, dl, x + cw_check, ny, cw_name, name, ns);
		if (stacked)
			ny += ui_text(k, dl, x + cw_check, ny, cw_name, line2, ts(t->body, 1, COL_PRIMARY));
		if (m->note && m->note[0])
			ny += ui_text(k, dl, x + cw_check, ny, cw_name, m->note, ts(t->small, 0, COL_TEXT2));
		int rh = ny - ry;
		if (!stacked) {
			int fh = ui_text(k, dl, x + cw_check + cw_name, ry, cw_form, m->form, ts(t->body, 0, COL_TEXT));
			ui_text(k, dl, x + cw_check + cw_name + cw_form, ry, cw_copies, copies, ts(t->body, 0, COL_TEXT));
			if (fh > rh) rh = fh;
		}
		if (speaking(k, 3, NULL, NULL) == i)
			dl_rect_at(dl, hl_slot, x, ry - t->gap / 2, w, rh + t->gap, COL_SPEAK_BG, 0);
		/* the checkbox: an empty square to tick off at home */
		int bx = x + t->pad / 2, by = ry + (t->body * 3 / 10);
		dl_frame(dl, bx, by, box, box, 3, COL_PRIMARY, COL_CARD, 4);
		y = ry + rh + t->gap / 2;
		if (i + 1 < it->n_materials) dl_rect(dl, x + t->pad / 2, y - 1, w - t->pad, 2, COL_LINE, 0);
	}
	dl_rect_at(dl, slot, x, y0, w, y - y0, COL_CARD, 0);
	return y - y0;
}

/* 办理流程 as numbered steps joined by a line. */
static int procedure(Kiosk *k, DrawList *dl, const Item *it, int x, int y, int w)
{
	const Theme *t = &k->th;
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
		cy += ui_text(k, dl, bx + t->pad, cy, bw - 2 * t->pad, s->step, ts(t->h2, 1, COL_TEXT));
		cy += ui_text(k, dl, bx + t->pad, cy, bw - 2 * t->pad, who, ts(t->body, 0, COL_TEXT2));
		cy += ui_text(k, dl, bx + t->pad, cy, bw - 2 * t->pad, tm, ts(t->body, 0, COL_TEXT2));
		int h = cy + t->pad / 2 - y;
		dl_rect_at(dl, slot, bx, y, bw, h, speaking(k, 4, NULL, NULL) == i ? COL_SPEAK_BG : COL_CARD,
		           t->radius);
		int circ_y = y + (h - d) / 2;
		if (prev_cy >= 0)
			dl_rect(dl, x + d / 2 - 3, prev_cy + d, 6, circ_y - prev_cy - d, COL_PRIMARY, 0);
		dl_rect(dl, x, circ_y, d, d, COL_PRIMARY, d / 2);
		TextStyle ns = ts(t->h2, 1, COL_ON_PRIMARY);
		ns.align = TEXT_ALIGN_CENTER;
		const TextLayout *nl = ui_layout(k, num, ns, d);
		dl_text(dl, nl, x, circ_y + (d - nl->height) / 2, num);
		prev_cy = circ_y;
		y += h + t->gap;
	}
	if (it->n_steps == 0) y += ui_text(k, dl, x, y, w, "请到窗口咨询办理流程。", ts(t->body, 0, COL_TEXT));
	return y - y0;
}

static int time_limit(Kiosk *k, DrawList *dl, const Item *it, int x, int y, int w)
{
	const Theme *t = &k->th;
	const TimeLimit *tl = &it->time_limit;
	char a[64], b[64];
	time_value_format(tl->legal, a, sizeof a);
	int two = tl->promised.unit != TL_NONE;
	if (two) time_value_format(tl->promised, b, sizeof b);
	const char *labels[2] = {"法定时限", "承诺时限"};
	const char *values[2] = {a, two ? b : ""};
	int n = two ? 2 : 1;
	int need = ui_text_width(k, a, t->h1, 1) + 2 * t->pad;
	if (two && ui_text_width(k, b, t->h1, 1) + 2 * t->pad > need) need = ui_text_width(k, b, t->h1, 1) + 2 * t->pad;
	int cols = (n == 2 && 2 * need + t->gap <= w) ? 2 : 1;
	int cw = (w - (cols - 1) * t->gap) / cols;
	int y0 = y, rowh = 0;
	for (int i = 0; i < n; i++) {
		int c = i % cols, cx = x + c * (cw + t->gap);
		int slot = dl_reserve(dl);
		int cy = y + t->pad / 2;
		cy += ui_text(k, dl, cx + t->pad, cy, cw - 2 * t->pad, labels[i], ts(t->body, 1, COL_WARN));
		cy += ui_text(k, dl, cx + t->pad, cy, cw - 2 * t->pad, values[i], ts(t->h1, 1, COL_WARN));
		int h = cy + t->pad / 2 - y;
		dl_rect_at(dl, slot, cx, y, cw, h, speaking(k, 5, NULL, NULL) == i ? COL_SPEAK_BG : COL_WARN_BG,
		           t->radius);
		if (h > rowh) rowh = h;
		if (c == cols - 1 || i == n - 1) { y += rowh + t->gap; rowh = 0; }
	}
	if (tl->note && tl->note[0]) {
		char note[1200];
		snprintf(note, sizeof note, "说明：%s", tl->note);
		y += paras_read(k, dl, x, y, w, note, ts(t->body, 0, COL_TEXT), 0, 5,
		                (uint32_t)strlen("说明：")) + t->gap / 2;
	}
	return y - y0;
}

static int fees(Kiosk *k, DrawList *dl, const Item *it, int x, int y, int w)
{
	const Theme *t = &k->th;
	int fr = is_free(it->fees);
	int slot = dl_reserve(dl);
	int h = paras_read(k, dl, x + t->pad, y + t->pad, w - 2 * t->pad, or_dash(it->fees),
	                   ts(t->h2, 1, fr ? COL_OK : COL_WARN), t->gap / 2, 6, 0);
	h += 2 * t->pad;
	dl_rect_at(dl, slot, x, y, w, h, fr ? COL_OK_BG : COL_WARN_BG, t->radius);
	return h;
}

/* Make the QR texture to fit a side x side square, once per size. Modules
 * are at least QR_MIN_MODULE px, so a phone reads the code at arm's length:
 * where the guide's text needs a bigger code than fits, the text is
 * shortened (a smaller byte budget) rather than the modules shrunk. */
#define QR_MIN_MODULE 6
#define QR_MAX_MODULE 16
static void qr_make(Kiosk *k, ItemExtra *e, int side)
{
	if (e->qr && e->qr_fit == side) return;
	e->qr = 0;
	e->qr_fit = side;
	int version = 0, w = 0;
	for (size_t budget = QRTEXT_BUDGET; ; budget = budget * 9 / 10) {
		if (!e->qr_is_url)
			qrtext_guide(k->item, &k->index->depts[k->dept], e->qr_text, sizeof e->qr_text, budget);
		w = qr_width(e->qr_text, &version);
		if (!w || e->qr_is_url || (w + 2 * QR_QUIET) * QR_MIN_MODULE <= side || budget < 60) break;
	}
	if (!w) return;
	int module = side / (w + 2 * QR_QUIET);
	if (module < QR_MIN_MODULE) module = QR_MIN_MODULE;
	if (module > QR_MAX_MODULE) module = QR_MAX_MODULE;
	/* the renderer makes the texture from the id (kiosk.c) */
	e->qr = IMG_QR(module);
	e->qr_side = (w + 2 * QR_QUIET) * module;
	e->qr_module = module;
	if (k->trace) {
		printf("qr %zu bytes version %d modules %d module_px %d side %d%s\n", strlen(e->qr_text),
		       version, w, module, e->qr_side, e->qr_is_url ? " url" : "");
		fflush(stdout);
	}
}

/* The 扫码带走 panel between y and bottom, in place of the guide: what to
 * do, and the code as big as fits. On a wide screen the words sit beside
 * the code, on a tall one above it. */
static void qr_panel(Kiosk *k, DrawList *dl, int y, int bottom)
{
	const Theme *t = &k->th;
	ItemExtra *e = k->item_extra;
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
		int th = ui_layout(k, title, ts(t->h1, 1, COL_PRIMARY), tw)->height + t->gap / 2
		       + ui_layout(k, how, ts(t->body, 0, COL_TEXT), tw)->height + t->gap;
		side = avail_h - th;
		if (side > w) side = w;
	}
	qr_make(k, e, side);
	int cy = ty;
	cy += ui_text(k, dl, tx, cy, tw, title, ts(t->h1, 1, COL_PRIMARY)) + t->gap / 2;
	cy += ui_text(k, dl, tx, cy, tw, how, ts(t->body, 0, COL_TEXT)) + t->gap;
	if (beside) {
		ui_text(k, dl, tx, cy, tw, back, ts(t->body, 0, COL_TEXT2));
		if (e->qr) dl_image(dl, e->qr, x + (side - e->qr_side) / 2, ty + (side - e->qr_side) / 2,
		                    e->qr_side, e->qr_side, "qr");
	} else if (e->qr) {
		dl_image(dl, e->qr, x + (w - e->qr_side) / 2, cy + (side - e->qr_side) / 2,
		         e->qr_side, e->qr_side, "qr");
	}
	if (!e->qr)
		ui_text(k, dl, tx, cy, tw, "二维码暂时无法显示，请到窗口咨询。", ts(t->h2, 1, COL_WARN));
}

/* The action bar fixed at the bottom: 朗读本节 / 停止朗读 and 打印材料清单
 * (each only where configured), the print status, and 扫码带走 at the right
 * (返回办事指南 while its panel is open, which hides the others). Returns
 * its height, 0 when it has nothing to show. */
static int action_bar(Kiosk *k, DrawList *dl, int draw)
{
	const Theme *t = &k->th;
	ItemExtra *e = k->item_extra;
	int speak = k->cfg->speech_enabled, print = k->cfg->print_printer[0] != 0;
	int qr = e && e->qr_text[0];
	if (!e || (!speak && !print && !qr) || !k->item) return 0;
	if (qr && e->qr_open) speak = print = 0;
	int h = t->button_h + t->gap;
	if (!draw) return h;
	int y = k->h - h;
	dl_rect(dl, 0, y, k->w, h, COL_CARD, 0);
	dl_rect(dl, 0, y, k->w, 2, COL_LINE, 0);
	int x = t->content_x, by = y + t->gap / 2, right = t->content_x + t->content_w;
	if (qr) {
		const char *label = e->qr_open ? "返回办事指南" : "扫码带走";
		int bw = ui_text_width(k, "返回办事指南", t->body, 1) + 2 * t->pad;
		ui_button(k, dl, ACT_QR, (DlRect){right - bw, by, bw, t->button_h}, label,
		          COL_PRIMARY, COL_PRIMARY_DOWN, COL_ON_PRIMARY, t->body, 1);
		right -= bw + t->gap;
	}
	if (speak) {
		int on = speech_active(&e->sp);
		const char *label = on ? "■ 停止朗读" : "▶ 朗读本节";
		int bw = ui_text_width(k, "▶ 朗读本节", t->body, 1) + 2 * t->pad;
		ui_button(k, dl, ACT_SPEAK, (DlRect){x, by, bw, t->button_h}, label,
		          on ? COL_SWITCH_ON : COL_PRIMARY, on ? COL_SWITCH_DOWN : COL_PRIMARY_DOWN,
		          on ? COL_ON_SWITCH : COL_ON_PRIMARY, t->body, 1);
		x += bw + t->gap;
	}
	if (print) {
		int bw = ui_text_width(k, "打印材料清单", t->body, 1) + 2 * t->pad;
		if (right - bw >= x) {
			ui_button(k, dl, ACT_PRINT, (DlRect){right - bw, by, bw, t->button_h}, "打印材料清单",
			          COL_TINT, COL_CARD_DOWN, COL_PRIMARY, t->body, 1);
			right -= bw + t->gap;
		}
	}
	const char *msg = e->print_msg;
	char reading[64];
	if (!msg && speech_active(&e->sp) && e->speak_section >= 0) {
		snprintf(reading, sizeof reading, "正在朗读：%s", section_chip[e->speak_section]);
		msg = reading;
	}
	if (msg && right - x > t->body * 3) {
		TextStyle st = ts(speech_active(&e->sp) && !e->print_msg ? t->body : t->small, 1, COL_TEXT);
		st.max_lines = 2;
		const TextLayout *l = ui_layout(k, msg, st, right - x);
		if (l) dl_text(dl, l, x, y + (h - l->height) / 2, msg);
	}
	return h;
}

/* The section bar: a grid of equal chips, one per section; as many
 * columns as fit (7 on a landscape screen, 4 on a portrait one). */
static int section_bar(Kiosk *k, DrawList *dl, int y, int active)
{
	const Theme *t = &k->th;
	int x0 = t->content_x, w = t->content_w, size = t->body;
	int ch = (int)(size * 1.8f);
	if (ch < 96) ch = 96;
	int gap = t->gap / 2;
	int need = ui_text_width(k, "事项名称", size, 1) + t->pad;
	int cols = (w + gap) / (need + gap);
	if (cols >= KIOSK_SECTIONS) cols = KIOSK_SECTIONS;
	else if (cols >= 4) cols = 4;
	if (cols < 1) cols = 1;
	int cw = (w - (cols - 1) * gap) / cols;
	int slot = dl_reserve(dl);
	int y0 = y;
	y += gap;
	for (int i = 0; i < KIOSK_SECTIONS; i++) {
		int c = i % cols, r = i / cols;
		int id = ACT_SECTION + i;
		int on = i == active;
		ui_button(k, dl, id, (DlRect){x0 + c * (cw + gap), y + r * (ch + gap), cw, ch},
		          section_chip[i],
		          on ? COL_PRIMARY : COL_TINT, on ? COL_PRIMARY_DOWN : COL_CARD_DOWN,
		          on ? COL_ON_PRIMARY : COL_PRIMARY, size, 1);
	}
	int rows = (KIOSK_SECTIONS + cols - 1) / cols;
	y += rows * (ch + gap);
	dl_rect_at(dl, slot, 0, y0, k->w, y - y0, COL_CARD, 0);
	dl_rect(dl, 0, y - 2, k->w, 2, COL_LINE, 0);
	return y - y0;
}

static void item_draw(Kiosk *k, DrawList *dl)
{
	const Theme *t = &k->th;
	const Dept *d = &k->index->depts[k->dept];
	const Item *it = k->item;
	const char *name = k->item_summary ? k->item_summary->name : "";
	dl_rect(dl, 0, 0, k->w, k->h, COL_PAGE, 0);
	const char *crumbs[] = {"首页", d->short_name, name};
	int top = ui_header(k, dl, crumbs, 3);
	if (!it) {
		ui_text(k, dl, t->content_x, top + t->gap, t->content_w,
		        "该事项信息暂时无法显示，请到窗口咨询。", ts(t->h2, 1, COL_TEXT));
		return;
	}
	/* Active chip: the last section whose heading is at or above the top. */
	int pos = scroll_px(&k->item_scroll), active = 0;
	for (int i = 0; i < KIOSK_SECTIONS; i++)
		if (k->section_y[i] <= pos + 4) active = i;
	if (pos >= (int)k->item_scroll.max - 4 && k->item_scroll.max > 0) {
		/* at the bottom: the last heading in view is the one being read */
		for (int i = 0; i < KIOSK_SECTIONS; i++)
			if (k->section_y[i] < pos + k->item_view_h / 2) active = i;
	}
	ItemExtra *e = k->item_extra;
	if (e && e->qr_open && e->qr_text[0]) {
		qr_panel(k, dl, top, k->h - action_bar(k, dl, 0));
		action_bar(k, dl, 1);
		return;
	}
	int bar = section_bar(k, dl, top, active);
	if (k->item_extra) k->item_extra->active = active;
	int vy = top + bar, vh = k->h - vy - action_bar(k, dl, 0);
	k->item_view_h = vh;
	DlRect old = dl_clip(dl, (DlRect){0, vy, k->w, vh});
	int y0 = vy - pos;
	int x = t->content_x, w = t->content_w;
	int y = y0 + t->gap;

	y += ui_text(k, dl, x, y, w, it->name, ts(t->title, 1, COL_TEXT)) + t->gap / 2;
	char sub[400];
	snprintf(sub, sizeof sub, "%s · 服务对象：%s", or_dash(it->type), or_dash(it->target));
	y += ui_text(k, dl, x, y, w, sub, ts(t->body, 0, COL_TEXT2)) + t->gap;
	y += highlights(k, dl, it, x, y, w);
	y += where(k, dl, it, d, x, y, w) + 2 * t->gap;

	static const char *const nl[] = {"事项名称：", "事项编码：", "事项类型：", "服务对象：", "所属部门：", "网上办理："};
	int lw = kv_label_w(k, nl, 6);
	if (lw > w / 2) lw = w / 2;
	y += section(k, dl, 0, x, y, y0, w);
	int slot = dl_reserve(dl), cy = y + t->pad;
	cy += kv_read(k, dl, x + t->pad, cy, w - 2 * t->pad, lw, nl[0], it->name, 0, 0);
	cy += kv_read(k, dl, x + t->pad, cy, w - 2 * t->pad, lw, nl[1], it->code, 0, 1);
	cy += kv_read(k, dl, x + t->pad, cy, w - 2 * t->pad, lw, nl[2], it->type, 0, 2);
	cy += kv_read(k, dl, x + t->pad, cy, w - 2 * t->pad, lw, nl[3], it->target, 0, 3);
	cy += kv_read(k, dl, x + t->pad, cy, w - 2 * t->pad, lw, nl[4], d->name, 0, 4);
	if (it->url && it->url[0])
		cy += kv_read(k, dl, x + t->pad, cy, w - 2 * t->pad, lw, nl[5], it->url, 0, 5);
	dl_rect_at(dl, slot, x, y, w, cy + t->pad - y, COL_CARD, t->radius);
	y = cy + t->pad + 2 * t->gap;

	TextStyle body = ts(t->body, 0, COL_TEXT);
	y += section(k, dl, 1, x, y, y0, w);
	slot = dl_reserve(dl);
	cy = y + t->pad + paras_read(k, dl, x + t->pad, y + t->pad, w - 2 * t->pad, or_dash(it->basis), body, t->gap, 1, 0);
	dl_rect_at(dl, slot, x, y, w, cy + t->pad - y, COL_CARD, t->radius);
	y = cy + t->pad + 2 * t->gap;

	y += section(k, dl, 2, x, y, y0, w);
	slot = dl_reserve(dl);
	body.hang = 1;
	cy = y + t->pad + paras_read(k, dl, x + t->pad, y + t->pad, w - 2 * t->pad, or_dash(it->conditions), body, t->gap / 2, 2, 0);
	body.hang = 0;
	dl_rect_at(dl, slot, x, y, w, cy + t->pad - y, COL_CARD, t->radius);
	y = cy + t->pad + 2 * t->gap;

	y += section(k, dl, 3, x, y, y0, w);
	y += materials(k, dl, it, x, y, w) + 2 * t->gap;

	y += section(k, dl, 4, x, y, y0, w);
	y += procedure(k, dl, it, x, y, w) + t->gap;

	y += section(k, dl, 5, x, y, y0, w);
	y += time_limit(k, dl, it, x, y, w) + t->gap;

	y += section(k, dl, 6, x, y, y0, w);
	y += fees(k, dl, it, x, y, w) + 2 * t->gap;

	TextStyle fs = ts(t->small, 0, COL_TEXT2);
	fs.align = TEXT_ALIGN_CENTER;
	y += ui_text(k, dl, x, y, w, "以上信息仅供参考，以窗口受理审核为准", fs) + 2 * t->gap;

	scroll_set_max(&k->item_scroll, (float)(y - y0 - vh));
	if (k->item_anchor >= 0) {
		/* reflowed (长辈模式): show the same section's new place next frame */
		scroll_jump(&k->item_scroll, (float)k->section_y[k->item_anchor]);
		k->item_anchor = -1;
		kiosk_mark_dirty(k);
	}
	dl_clip(dl, old);
	action_bar(k, dl, 1);
}

static void item_leave(Kiosk *k)
{
	speak_stop(k, "leave");
}

const Screen screen_item = {
	.name = "item",
	.enter = item_enter,
	.event = item_event,
	.leave = item_leave,
	.timeout = item_timeout,
	.back = item_back,
	.scroller = item_scroller,
	.update = item_update,
	.draw = item_draw,
};
