/* screen_maint.c — the staff maintenance screen: what is installed and
 * how the last sync went, actions (sync, rollback, tests, usage, restart,
 * exit), each logged to the audit log. Long work runs in maint.c's worker
 * thread; this screen only draws its progress. */
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>
#include "model/maint.h"
#include "screens.h"

/* ------------------------------------------------------------- state */

/* Escape / AC Back answers the dialog, leaves a view, then the screen. */
static void maint_event(App *a, const AppEvent *e)
{
	const Maint *m = a->maint;
	int id = e->kind == EV_ACTION ? e->id : 0;
	if (e->kind == EV_KEY && (!strcmp(e->str, "Escape") || !strcmp(e->str, "AC Back")))
		id = m->confirm ? ACT_M_CONFIRM_NO : m->view != MV_MAIN ? ACT_M_VIEW_BACK : ACT_M_BACK;
	maint_action(a, id);
}

static int maint_update(App *a, float dt)
{
	(void)dt;
	maint_screen_tick(a);
	return 0;
}

/* ------------------------------------------------------------ drawing */

static void human_bytes(char *buf, size_t n, long long b)
{
	if (b < 0) snprintf(buf, n, "未知");
	else if (b >= 1LL << 30) snprintf(buf, n, "%.1f GB", b / (double)(1LL << 30));
	else if (b >= 1LL << 20) snprintf(buf, n, "%.1f MB", b / (double)(1LL << 20));
	else snprintf(buf, n, "%.0f KB", b / 1024.0);
}

/* "2025-03-03T01:00:00Z" -> local "2025-03-03 09:00" (as is if unparsable). */
static void local_time(char *out, size_t n, const char *iso)
{
	struct tm tm = {0};
	if (!iso[0]) { snprintf(out, n, "无"); return; }
	if (!strptime(iso, "%Y-%m-%dT%H:%M:%SZ", &tm)) { snprintf(out, n, "%s", iso); return; }
	time_t t = timegm(&tm);
	struct tm lt;
	localtime_r(&t, &lt);
	strftime(out, n, "%Y-%m-%d %H:%M", &lt);
}

static const char *result_zh(const char *r)
{
	if (!strcmp(r, "installed")) return "已安装新版本";
	if (!strcmp(r, "unchanged")) return "无更新";
	if (!strcmp(r, "refused")) return "已拒绝（校验未通过）";
	if (!strcmp(r, "failed")) return "失败";
	if (!strcmp(r, "rolled_back")) return "已回滚";
	if (!strcmp(r, "none")) return "未找到数据包";
	return r[0] ? r : "无";
}

static const char *stage_zh(const char *s)
{
	static const struct { const char *en, *zh; } t[] = {
		{"start", "准备中"}, {"copy", "复制数据包"}, {"download", "下载数据包"},
		{"signature", "检查签名"}, {"SQLite header", "检查文件头"}, {"integrity", "检查数据完整性"},
		{"commit", "替换数据包"}, {"rollback", "回滚"},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		if (!strcmp(s, t[i].en)) return t[i].zh;
	return s;
}

/* One "label  value" row; returns its height. */
static int row(const App *a, Ui *u, DrawList *dl, int x, int y, int w, const char *label, const char *value,
               uint32_t color)
{
	const Theme *t = &u->th;
	int lw = t->body * 6;
	int h1 = ui_text(u, dl, x, y, lw, label, ts(t->body, 1, COL_TEXT2));
	int h2 = ui_text(u, dl, x + lw, y, w - lw, value, ts(t->body, 0, color));
	return (h1 > h2 ? h1 : h2) + t->gap / 3;
}

static int header(const App *a, Ui *u, DrawList *dl, const char *title, int back_id, const char *back)
{
	const Theme *t = &u->th;
	int top = (t->header_h - t->button_h) / 2;
	dl_rect(dl, 0, 0, a->w, t->header_h, COL_PRIMARY, 0);
	TextStyle hs = ts(t->h1, 1, COL_ON_PRIMARY);
	const TextLayout *hl = ui_layout(u, title, hs, a->w / 2);
	ui_text(u, dl, t->margin, (t->header_h - (hl ? hl->height : t->h1)) / 2, a->w / 2, title, hs);
	int bw = ui_text_width(u, back, t->body, 1) + 2 * t->pad;
	ui_button(u, dl, back_id, (DlRect){a->w - t->margin - bw, top, bw, t->button_h}, back,
	          COL_CARD, COL_CARD_DOWN, COL_PRIMARY, t->body, 1);
	return t->header_h + t->gap;
}

/* parts: 1 the bundle and the last sync, 2 this machine, 3 both. */
static int info_card(const App *a, Ui *u, DrawList *dl, int x, int y, int w, int parts)
{
	const Theme *t = &u->th;
	Maint *m = a->maint;
	const Status *s = &m->status;
	const BundleMeta *bm = bundle_meta(a->bundle);
	int ix = x + t->pad, iw = w - 2 * t->pad;
	int slot = dl_reserve(dl);
	int y0 = y;
	y += t->pad;
	char v[1200], sa[64], sb[64];
	pthread_mutex_lock(&m->info.mu);
	int sig = m->info.sig, url = m->info.url;
	char sig_msg[512], url_msg[512];
	snprintf(sig_msg, sizeof sig_msg, "%s", m->info.sig_msg);
	snprintf(url_msg, sizeof url_msg, "%s", m->info.url_msg);
	pthread_mutex_unlock(&m->info.mu);
	if (!(parts & 1)) goto machine;
	y += ui_text(u, dl, ix, y, iw, "当前数据包", ts(t->h2, 1, COL_PRIMARY)) + t->gap / 2;
	snprintf(v, sizeof v, "%lld", (long long)bm->bundle_version);
	y += row(a, u, dl, ix, y, iw, "版本", v, COL_TEXT);
	local_time(sa, sizeof sa, bm->built_at);
	y += row(a, u, dl, ix, y, iw, "生成时间", sa, COL_TEXT);
	snprintf(v, sizeof v, "%d 个部门，%d 个事项", a->index->n_depts, a->index->n_items);
	y += row(a, u, dl, ix, y, iw, "内容", v, COL_TEXT);
	if (sig == 1) snprintf(v, sizeof v, "已验证（密钥 %s）", sig_msg);
	else if (sig == 0) snprintf(v, sizeof v, "无签名文件");
	else if (sig == 2) snprintf(v, sizeof v, "检查中…");
	else snprintf(v, sizeof v, "验证失败：%s", sig_msg);
	y += row(a, u, dl, ix, y, iw, "签名", v, sig == -1 ? COL_WARN : sig == 1 ? COL_OK : COL_TEXT);
	if (m->pickup_msg[0]) y += row(a, u, dl, ix, y, iw, "新数据包", m->pickup_msg, COL_WARN);
	if (s->previous.present) {
		snprintf(v, sizeof v, "%lld（可回滚）", (long long)s->previous.version);
		y += row(a, u, dl, ix, y, iw, "上一版本", v, COL_TEXT);
	} else {
		y += row(a, u, dl, ix, y, iw, "上一版本", "无", COL_TEXT);
	}

	y += t->gap / 2;
	y += ui_text(u, dl, ix, y, iw, "上次同步", ts(t->h2, 1, COL_PRIMARY)) + t->gap / 2;
	local_time(sa, sizeof sa, s->attempt_time);
	y += row(a, u, dl, ix, y, iw, "时间", sa, COL_TEXT);
	y += row(a, u, dl, ix, y, iw, "来源", s->attempt_source[0] ? s->attempt_source : "无", COL_TEXT);
	int bad = !strcmp(s->attempt_result, "refused") || !strcmp(s->attempt_result, "failed");
	y += row(a, u, dl, ix, y, iw, "结果", result_zh(s->attempt_result), bad ? COL_WARN : COL_TEXT);
	if (s->attempt_error[0]) {
		TextStyle es = ts(t->small, 0, bad ? COL_WARN : COL_TEXT2);
		es.max_lines = 4;
		y += row(a, u, dl, ix, y, iw, "说明", "", COL_TEXT) - t->body * 3 / 2;
		y += ui_text(u, dl, ix + t->body * 6, y, iw - t->body * 6, s->attempt_error, es) + t->gap / 2;
	}

	/* While sa job's progress is up, the machine facts make room for it. */
	if (m->job_visible && !t->landscape) goto end;
	if (!(parts & 2)) goto end;
	y += t->gap / 2;
machine:
	y += ui_text(u, dl, ix, y, iw, "本机", ts(t->h2, 1, COL_PRIMARY)) + t->gap / 2;
	human_bytes(sa, sizeof sa, m->disk_free);
	human_bytes(sb, sizeof sb, m->disk_total);
	snprintf(v, sizeof v, "可用 %s / 共 %s", sa, sb);
	y += row(a, u, dl, ix, y, iw, "磁盘空间", v, m->disk_total > 0 && m->disk_free * 10 < m->disk_total ? COL_WARN : COL_TEXT);
	unsigned up = a->now / 1000;
	snprintf(v, sizeof v, "%u 天 %u 小时 %u 分", up / 86400, up / 3600 % 24, up / 60 % 60);
	y += row(a, u, dl, ix, y, iw, "运行时间", v, COL_TEXT);
	y += row(a, u, dl, ix, y, iw, "程序版本", KIOSK_PROGRAM_VERSION, COL_TEXT);
	if (url == 0) snprintf(v, sizeof v, "未配置（sync.url）");
	else if (url == 2) snprintf(v, sizeof v, "检查中… %s", a->cfg->sync_url);
	else if (url == 1) snprintf(v, sizeof v, "可连接（%s）%s", url_msg, a->cfg->sync_url);
	else snprintf(v, sizeof v, "无法连接：%s", url_msg);
	y += row(a, u, dl, ix, y, iw, "同步服务器", v, url == -1 ? COL_WARN : url == 1 ? COL_OK : COL_TEXT);
end:
	y += t->pad - t->gap / 3;
	dl_rect_at(dl, slot, x, y0, w, y - y0, COL_CARD, t->radius);
	return y + t->gap;
}

/* Height of the action grid (actions()): four rows of two buttons. */
static int actions_h(const Theme *t)
{
	return 4 * t->button_h + 3 * t->gap;
}

/* The job's card from y; what it returns (its bottom and a gap) stays at
 * or above bottom: a long message is cut to the lines that fit there, so
 * the action grid below it stays on screen (the screen does not scroll). */
static int progress_card(const App *a, Ui *u, DrawList *dl, int x, int y, int w, int bottom)
{
	const Theme *t = &u->th;
	Maint *m = a->maint;
	const MaintProgress *p = &m->shown;
	int ix = x + t->pad, iw = w - 2 * t->pad;
	int slot = dl_reserve(dl), y0 = y;
	y += t->pad;
	const char *what = m->job.kind == JOB_SYNC_USB ? "从U盘同步" : m->job.kind == JOB_SYNC_NET ? "从网络同步" : "回滚";
	char v[4200], sa[32], sb[32];
	int failed = 0;
	if (!p->finished) {
		snprintf(v, sizeof v, "正在%s：%s", what, stage_zh(p->stage));
	} else if (m->job.kind == JOB_ROLLBACK) {
		failed = p->result != 0;
		snprintf(v, sizeof v, "%s%s", what, failed ? "失败" : "完成");
	} else {
		failed = p->result == INSTALL_REFUSED || p->result == INSTALL_FAILED;
		snprintf(v, sizeof v, "%s结束：%s", what, result_zh(install_result_name((InstallResult)p->result)));
	}
	y += ui_text(u, dl, ix, y, iw, v, ts(t->h2, 1, failed ? COL_WARN : COL_TEXT)) + t->gap / 2;
	/* The bar: bytes of the copy/download; full once it is done. */
	int bh = t->body;
	double f = p->finished ? 1.0 : p->total > 0 ? (double)p->done / (double)p->total : 0.0;
	if (f > 1) f = 1;
	dl_rect(dl, ix, y, iw, bh, COL_TINT, bh / 2);
	if (f > 0) dl_rect(dl, ix, y, (int)(iw * f) < bh ? bh : (int)(iw * f), bh, failed ? COL_WARN : COL_PRIMARY, bh / 2);
	y += bh + t->gap / 2;
	if (!p->finished) {
		human_bytes(sa, sizeof sa, p->done);
		human_bytes(sb, sizeof sb, p->total);
		if (p->total > 0) snprintf(v, sizeof v, "%s / %s（%d%%）", sa, sb, (int)(f * 100));
		else if (p->done > 0) snprintf(v, sizeof v, "%s", sa);
		else snprintf(v, sizeof v, "%s", stage_zh(p->stage));
		y += ui_text(u, dl, ix, y, iw, v, ts(t->body, 0, COL_TEXT2)) + t->gap / 2;
	} else {
		/* Failed: the message once, in as many lines as leave room for
		 * 关闭 and the grid below. */
		snprintf(v, sizeof v, "%s", p->msg);
		if (!failed) snprintf(v, sizeof v, "现在服务的版本：%lld", (long long)bundle_meta(a->bundle)->bundle_version);
		TextStyle ms = ts(t->body, failed ? 1 : 0, failed ? COL_WARN : COL_TEXT);
		const TextLayout *one = ui_layout(u, "回", ms, iw);
		int pitch = one && one->height > 0 ? one->height : t->body;
		int room = bottom - y - (t->gap / 2 + t->button_h + t->pad + t->gap);
		ms.max_lines = room / pitch > 1 ? room / pitch : 1;
		y += ui_text(u, dl, ix, y, iw, v, ms) + t->gap / 2;
	}
	int bw = iw / 3;
	ui_button(u, dl, ACT_M_CANCEL_JOB, (DlRect){ix + iw - bw, y, bw, t->button_h},
	          p->finished ? "关闭" : "取消", COL_TINT, COL_CARD_DOWN, COL_PRIMARY, t->body, 1);
	y += t->button_h + t->pad;
	dl_rect_at(dl, slot, x, y0, w, y - y0, COL_CARD, t->radius);
	return y + t->gap;
}

static void actions(const App *a, Ui *u, DrawList *dl, int x, int y, int w)
{
	const Theme *t = &u->th;
	static const struct { int id; const char *label; int warn; } acts[] = {
		{ACT_M_SYNC_USB, "从U盘同步", 0}, {ACT_M_SYNC_NET, "从网络同步", 0},
		{ACT_M_ROLLBACK, "回滚到上一版本", 0}, {ACT_M_USAGE, "使用统计", 0},
		{ACT_M_TOUCH, "触摸测试", 0}, {ACT_M_PATTERN, "显示测试图", 0},
		{ACT_M_RESTART, "重启服务程序", 1}, {ACT_M_DESKTOP, "退出到桌面", 1},
	};
	int cols = 2, gap = t->gap;
	int bw = (w - (cols - 1) * gap) / cols;
	int busy = a->maint->job.started;
	for (int i = 0; i < 8; i++) {
		DlRect r = {x + (i % cols) * (bw + gap), y + (i / cols) * (t->button_h + gap), bw, t->button_h};
		if (busy) {
			dl_rect(dl, r.x, r.y, r.w, r.h, COL_DISABLED_BG, t->radius);
			ui_text(u, dl, r.x + t->pad, r.y + (r.h - t->body * 3 / 2) / 2, r.w - 2 * t->pad, acts[i].label,
			        ts(t->body, 1, COL_DISABLED));
		} else if (acts[i].warn) {
			ui_button(u, dl, acts[i].id, r, acts[i].label, COL_WARN_BG, COL_CARD_DOWN, COL_WARN, t->body, 1);
		} else {
			ui_button(u, dl, acts[i].id, r, acts[i].label, COL_PRIMARY, COL_PRIMARY_DOWN, COL_ON_PRIMARY, t->body, 1);
		}
	}
}

static void confirm_dialog(const App *a, Ui *u, DrawList *dl)
{
	const Theme *t = &u->th;
	Maint *m = a->maint;
	dl_rect(dl, 0, 0, a->w, a->h, 0x16202CB0u, 0);
	int w = t->content_w * 5 / 6, x = (a->w - w) / 2, h = t->button_h * 4, y = (a->h - h) / 2;
	dl_rect(dl, x, y, w, h, COL_CARD, t->radius);
	char q[200];
	snprintf(q, sizeof q, "确定要%s吗？", maint_action_name(m->confirm));
	TextStyle st = ts(t->h1, 1, COL_TEXT);
	st.align = TEXT_ALIGN_CENTER;
	ui_text(u, dl, x + t->pad, y + t->button_h * 2 / 3, w - 2 * t->pad, q, st);
	int bw = (w - 3 * t->pad) / 2, by = y + h - t->button_h - t->pad;
	ui_button(u, dl, ACT_M_CONFIRM_NO, (DlRect){x + t->pad, by, bw, t->button_h}, "取消",
	          COL_TINT, COL_CARD_DOWN, COL_PRIMARY, t->h2, 1);
	ui_button(u, dl, ACT_M_CONFIRM, (DlRect){x + 2 * t->pad + bw, by, bw, t->button_h}, "确定",
	          COL_PRIMARY, COL_PRIMARY_DOWN, COL_ON_PRIMARY, t->h2, 1);
}

static void touch_view(const App *a, Ui *u, DrawList *dl)
{
	const Theme *t = &u->th;
	Maint *m = a->maint;
	dl_rect(dl, 0, 0, a->w, a->h, COL_CARD, 0);
	for (int x = 0; x < a->w; x += t->test_grid) dl_rect(dl, x, 0, 1, a->h, COL_LINE, 0);
	for (int y = 0; y < a->h; y += t->test_grid) dl_rect(dl, 0, y, a->w, 1, COL_LINE, 0);
	TextStyle st = ts(t->body, 0, COL_TEXT2);
	st.align = TEXT_ALIGN_CENTER;
	char v[120];
	snprintf(v, sizeof v, "触摸测试：点按屏幕各处，检查位置是否准确（屏幕 %d×%d）", a->w, a->h);
	ui_text(u, dl, t->margin, a->h / 3, a->w - 2 * t->margin, v, st);
	int bw = a->w / 3;
	ui_button(u, dl, ACT_M_VIEW_BACK, (DlRect){(a->w - bw) / 2, a->h / 2 - t->button_h / 2, bw, t->button_h},
	          "结束测试", COL_PRIMARY, COL_PRIMARY_DOWN, COL_ON_PRIMARY, t->body, 1);
	for (int i = 0; i < m->n_touches; i++) {
		int x = m->touches[i].x, y = m->touches[i].y, last = i == m->n_touches - 1;
		uint32_t c = last ? COL_WARN : COL_PRIMARY;
		int arm = t->cross_arm, cw = t->cross_w;
		dl_rect(dl, x - arm, y - cw / 2, 2 * arm, cw, c, 0);
		dl_rect(dl, x - cw / 2, y - arm, cw, 2 * arm, c, 0);
		snprintf(v, sizeof v, "(%d, %d)", x, y);
		int tw = ui_text_width(u, v, t->small, 1);
		int lx = t->cross_label_dx, ly = t->cross_label_dy;
		int tx = x + lx + tw > a->w ? x - lx - tw : x + lx;
		int ty = y + ly + t->small * 2 > a->h ? y - ly - t->small * 3 / 2 : y + ly;
		ui_text(u, dl, tx, ty, tw + t->arrow_slack, v, ts(t->small, 1, c));
	}
}

static void pattern_view(const App *a, Ui *u, DrawList *dl)
{
	const Theme *t = &u->th;
	static const uint32_t bars[8] = {0xFFFFFFFFu, 0xFFFF00FFu, 0x00FFFFFFu, 0x00FF00FFu,
	                                 0xFF00FFFFu, 0xFF0000FFu, 0x0000FFFFu, 0x000000FFu};
	int bh = a->h / 2;
	for (int i = 0; i < 8; i++) dl_rect(dl, i * a->w / 8, 0, (i + 1) * a->w / 8 - i * a->w / 8, bh, bars[i], 0);
	for (int i = 0; i < 16; i++) {
		uint32_t g = (uint32_t)(i * 17);
		dl_rect(dl, i * a->w / 16, bh, (i + 1) * a->w / 16 - i * a->w / 16, a->h / 4, (g << 24) | (g << 16) | (g << 8) | 0xFF, 0);
	}
	int y0 = bh + a->h / 4;
	dl_rect(dl, 0, y0, a->w, a->h - y0, 0x000000FFu, 0);
	int g = t->test_grid_fine, lw = t->test_line;
	for (int x = 0; x < a->w; x += g) dl_rect(dl, x, y0, lw, a->h - y0, 0xFFFFFFFFu, 0);
	for (int y = y0; y < a->h; y += g) dl_rect(dl, 0, y, a->w, lw, 0xFFFFFFFFu, 0);
	/* One-pixel frame at the very edge: every border pixel should be lit. */
	dl_rect(dl, 0, 0, a->w, 1, 0xFF0000FFu, 0);
	dl_rect(dl, 0, a->h - 1, a->w, 1, 0xFF0000FFu, 0);
	dl_rect(dl, 0, 0, 1, a->h, 0xFF0000FFu, 0);
	dl_rect(dl, a->w - 1, 0, 1, a->h, 0xFF0000FFu, 0);
	int bw = a->w / 3;
	ui_button(u, dl, ACT_M_VIEW_BACK, (DlRect){(a->w - bw) / 2, y0 + (a->h - y0 - t->button_h) / 2, bw, t->button_h},
	          "返回维护", COL_CARD, COL_CARD_DOWN, COL_PRIMARY, t->body, 1);
}

static const char *item_name(const App *a, const char *code)
{
	for (int d = 0; d < a->index->n_depts; d++)
		for (int i = 0; i < a->index->depts[d].n_items; i++)
			if (!strcmp(a->index->depts[d].items[i].code, code)) return a->index->depts[d].items[i].name;
	return code;
}

/* A titled list of counts: "1. name … N 次" a row (item names for item
 * codes, or the query quoted). Returns its height. */
static int count_list(const App *a, Ui *u, DrawList *dl, int y, const char *title,
                      const UsageCount *rows, int n, int quoted)
{
	const Theme *t = &u->th;
	int x = t->content_x, w = t->content_w, y0 = y;
	char v[2048], c[32];
	y += ui_text(u, dl, x, y, w, title, ts(t->h2, 1, COL_PRIMARY)) + t->gap / 2;
	if (n <= 0) y += ui_text(u, dl, x, y, w, "（无记录）", ts(t->body, 0, COL_TEXT2));
	for (int i = 0; i < n; i++) {
		if (quoted) snprintf(v, sizeof v, "%d. “%s”", i + 1, rows[i].key);
		else snprintf(v, sizeof v, "%d. %s", i + 1, item_name(a, rows[i].key));
		snprintf(c, sizeof c, "%d 次", rows[i].count);
		int cw = ui_text_width(u, c, t->body, 1);
		int h = ui_text(u, dl, x, y, w - cw - t->gap, v, ts(t->body, 0, COL_TEXT));
		ui_text(u, dl, x + w - cw, y, cw + t->divider, c, ts(t->body, 1, COL_TEXT));
		y += h + t->gap / 3;
	}
	return y - y0;
}

static void usage_view(const App *a, Ui *u, DrawList *dl)
{
	const Theme *t = &u->th;
	Maint *m = a->maint;
	dl_rect(dl, 0, 0, a->w, a->h, COL_PAGE, 0);
	int y = header(a, u, dl, "使用统计", ACT_M_VIEW_BACK, "返回维护");
	static const char *const periods[3] = {"今天", "7天", "30天"};
	int x = t->content_x;
	for (int i = 0; i < 3; i++) {
		int bw = ui_text_width(u, periods[i], t->body, 1) + 3 * t->pad;
		int on = m->period == i;
		ui_button(u, dl, ACT_M_PERIOD + i, (DlRect){x, y, bw, t->button_h}, periods[i],
		          on ? COL_PRIMARY : COL_CARD, on ? COL_PRIMARY_DOWN : COL_CARD_DOWN,
		          on ? COL_ON_PRIMARY : COL_PRIMARY, t->body, 1);
		x += bw + t->gap;
	}
	y += t->button_h + t->gap;
	const UsageReport *r = &m->report;      /* read at the tap: maint_usage_read */
	char v[2048];
	int w = t->content_w;
	if (!r->ok) {
		ui_text(u, dl, t->content_x, y, w, "无法打开使用统计数据库", ts(t->body, 1, COL_WARN));
		return;
	}
	snprintf(v, sizeof v, "共查看事项 %d 次，无结果的搜索 %d 次", r->views, r->no_result);
	y += ui_text(u, dl, t->content_x, y, w, v, ts(t->body, 0, COL_TEXT2)) + t->gap;
	y += count_list(a, u, dl, y, "查看最多的事项", r->top, r->n_top, 0) + t->gap;
	count_list(a, u, dl, y, "没有结果的搜索", r->nores, r->n_nores, 1);
}

static void maint_draw(const App *a, Ui *u, DrawList *dl, ScreenLayout *out)
{
	Maint *m = a->maint;
	/* A staff screen: drawn with the normal theme whatever the citizen's
	 * 长辈模式 (its layouts are made for it), which stays as it was. */
	if (u->th.elder) u->th = theme_make(a->w, a->h, 0);
	if (m->view == MV_TOUCH) { touch_view(a, u, dl); return; }
	if (m->view == MV_PATTERN) { pattern_view(a, u, dl); return; }
	if (m->view == MV_USAGE) { usage_view(a, u, dl); return; }
	dl_rect(dl, 0, 0, a->w, a->h, COL_PAGE, 0);
	int y = header(a, u, dl, "维护模式", ACT_M_BACK, "返回服务");
	const Theme *t = &u->th;
	int bottom = a->h - t->gap - actions_h(t);  /* the grid's top, at the lowest */
	if (t->landscape) {                 /* facts on the left, work on the right */
		int w = (t->content_w - t->gap) / 2, x2 = t->content_x + w + t->gap;
		info_card(a, u, dl, t->content_x, y, w, 1);
		if (m->job_visible) y = progress_card(a, u, dl, x2, y, w, bottom);
		else y = info_card(a, u, dl, x2, y, w, 2);
		actions(a, u, dl, x2, y, w);
	} else {
		y = info_card(a, u, dl, t->content_x, y, t->content_w, 3);
		if (m->job_visible) y = progress_card(a, u, dl, t->content_x, y, t->content_w, bottom);
		actions(a, u, dl, t->content_x, y, t->content_w);
	}
	if (m->confirm) confirm_dialog(a, u, dl);
}

const Screen screen_maint = {
	.name = "maintenance", .enter = maint_screen_enter, .leave = maint_screen_leave,
	.event = maint_event, .update = maint_update, .draw = maint_draw,
};
