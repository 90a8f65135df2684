/* item.c — the item screen's extras: QR text, read-aloud, printing (item.h). */
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <qrencode.h>
#include "guide/qrtext.h"
#include "item.h"

extern char **environ;

#define ITEM_PRINT_MSG_MS 8000u        /* how long a print status line shows */

ItemExtra *item_extra(App *k)
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
int item_speaking(const App *k, int sec, uint32_t *a, uint32_t *b)
{
	const ItemExtra *x = k->item_extra;
	if (!x || x->speak_section != sec || !speech_active(&x->sp)) return -3;
	int i = x->sp.cur;
	if (a) *a = x->sent[i].start;
	if (b) *b = x->sent[i].end;
	return x->sent[i].row;
}

const char *const item_section_chip[APP_SECTIONS] = {
	"事项名称", "设定依据", "申请条件", "申请材料", "办理流程", "办理时限", "收费标准",
};
const char *const item_section_head[APP_SECTIONS] = {
	"一、事项名称", "二、设定依据", "三、申请条件", "四、申请材料",
	"五、办理流程", "六、办理时限", "七、收费标准",
};

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

static void speak_section(App *k, ItemExtra *x, int sec)
{
	const Item *it = k->item;
	const Dept *d = &k->index->depts[k->dept];
	char a[64], b[64];
	speech_stop(&x->sp, NULL);
	snprintf(x->sp.command, sizeof x->sp.command, "%s", k->cfg->speech_command);
	x->sp.volume = k->cfg->speech_volume;
	x->sp.trace = k->trace;
	queue_fmt(x, -2, "%s", item_section_head[sec]);
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

void item_speak_stop(App *k, const char *why)
{
	ItemExtra *x = k->item_extra;
	if (!x) return;
	speech_stop(&x->sp, why);
	x->speak_section = -1;
}

/* ---------------------------------------------------------- printing */

static void print_start(App *k, ItemExtra *x)
{
	if (x->print_pid > 0 || !k->item) return;
	static unsigned n;
	const char *tmp = getenv("TMPDIR");
	snprintf(x->print_path, sizeof x->print_path, "%s/kiosk-print-%d-%u.pdf",
	         tmp && *tmp ? tmp : "/tmp", (int)getpid(), n++);
	char err[300];
	x->print_msg_until = k->now + ITEM_PRINT_MSG_MS;
	if (!k->hooks.print_pdf) snprintf(err, sizeof err, "printing is not available");
	if (!k->hooks.print_pdf ||
	    k->hooks.print_pdf(k->hooks.ctx, k->item, &k->index->depts[k->dept], x->print_path,
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
static int print_poll(App *k, ItemExtra *x)
{
	if (x->print_pid <= 0) return 0;
	int st;
	if (waitpid(x->print_pid, &st, WNOHANG) == 0) return 0;
	int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
	x->print_pid = 0;
	unlink(x->print_path);
	x->print_msg = ok ? "已发送到打印机，请取走材料清单" : "打印失败，请到窗口咨询";
	x->print_msg_until = k->now + ITEM_PRINT_MSG_MS;
	if (k->trace) { printf("print %s\n", ok ? "done" : "failed"); fflush(stdout); }
	return 1;
}

/* ------------------------------------------------------------ screen */

void item_extra_enter(App *k)
{
	ItemExtra *x = item_extra(k);
	if (!x) return;
	x->qr = 0;
	x->qr_module = x->qr_fit = x->qr_open = 0;
	x->qr_text[0] = 0;
	if (k->item)
		qrtext_item(k->item, &k->index->depts[k->dept], k->cfg->item_url_template,
		            x->qr_text, sizeof x->qr_text, QRTEXT_BUDGET, &x->qr_is_url);
}

int item_extra_tick(App *k)
{
	ItemExtra *x = k->item_extra;
	int changed = 0;
	if (!x) return 0;
	int cur = x->sp.cur;
	if (speech_active(&x->sp) && (!speech_poll(&x->sp) || x->sp.cur != cur)) {
		if (!speech_active(&x->sp)) x->speak_section = -1;
		changed = 1;
	}
	if (print_poll(k, x)) changed = 1;
	if (x->print_msg && k->now >= x->print_msg_until) {
		x->print_msg = NULL;
		changed = 1;
	}
	if (changed) app_mark_dirty(k);
	return changed;
}

/* While a child runs, come back to reap it; a status line times out. */
#define ITEM_CHILD_POLL_MS 100u
uint32_t item_extra_timeout(const App *k)
{
	const ItemExtra *x = k->item_extra;
	if (!x) return UINT32_MAX;
	if (speech_active(&x->sp) || x->print_pid > 0) return ITEM_CHILD_POLL_MS;
	if (x->print_msg) return x->print_msg_until > k->now ? x->print_msg_until - k->now : 0;
	return UINT32_MAX;
}

void item_speak_toggle(App *k)
{
	ItemExtra *x = item_extra(k);
	if (!x || !k->item) return;
	if (speech_active(&x->sp)) item_speak_stop(k, "tap");
	else speak_section(k, x, x->active);
}

void item_print(App *k)
{
	ItemExtra *x = item_extra(k);
	if (x && k->item) print_start(k, x);
}

void item_qr_toggle(App *k)
{
	ItemExtra *x = item_extra(k);
	if (!x || !k->item) return;
	x->qr_open = !x->qr_open;
	if (x->qr_open) item_speak_stop(k, "qr");
	app_mark_dirty(k);
}

int item_qr_close(App *k)
{
	ItemExtra *x = k->item_extra;
	if (!x || !x->qr_open) return 0;
	x->qr_open = 0;
	app_mark_dirty(k);
	return 1;
}

void item_extra_qr_made(App *k, const ScreenLayout *out)
{
	ItemExtra *e = k->item_extra;
	if (!e) return;
	e->qr_fit = out->qr_fit;
	e->qr_module = out->qr_module;
	e->qr_side = out->qr_side;
	e->qr = out->qr_modules ? IMG_QR(out->qr_module) : 0;
	snprintf(e->qr_text, sizeof e->qr_text, "%s", out->qr_text);
	if (k->trace && out->qr_modules) {
		printf("qr %zu bytes version %d modules %d module_px %d side %d%s\n", strlen(e->qr_text),
		       out->qr_version, out->qr_modules, out->qr_module, e->qr_side, e->qr_is_url ? " url" : "");
		fflush(stdout);
	}
}

void item_extra_set_active(App *k, int sec)
{
	if (k->item_extra) k->item_extra->active = sec;
}

void item_extra_fini(App *k)
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

pid_t print_spawn(const char *command, const char *printer, const char *path,
                  char *err, size_t errlen)
{
	char cmd[CONFIG_STR];
	char *argv[40];
	int argc = 0;
	snprintf(cmd, sizeof cmd, "%s", command);
	for (char *save = NULL, *w = strtok_r(cmd, " \t", &save); w && argc < 36;
	     w = strtok_r(NULL, " \t", &save))
		argv[argc++] = w;
	if (argc == 0) { snprintf(err, errlen, "print.command is empty"); return -1; }
	argv[argc++] = "-d";
	argv[argc++] = (char *)printer;
	argv[argc++] = (char *)path;
	argv[argc] = NULL;
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
	if (rc != 0) { snprintf(err, errlen, "%s: %s", argv[0], strerror(rc)); return -1; }
	return pid;
}

int qr_width(const char *text, int *version)
{
	if (!text || !*text) return 0;
	QRcode *q = QRcode_encodeString(text, 0, (QRecLevel)QR_ECLEVEL, QR_MODE_8, 1);
	if (!q) return 0;
	int w = q->width;
	if (version) *version = q->version;
	QRcode_free(q);
	return w;
}

