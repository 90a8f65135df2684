/* qrtext.c — an item's guide as the plain text of its QR code. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "qrtext.h"

/* An append-only text in a caller's buffer; len counts what was asked for,
 * even past the end, so a caller can tell whether everything fit. */
typedef struct Out { char *buf; size_t n, len; } Out;

static void put(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(Out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(o->len < o->n ? o->buf + o->len : NULL,
	                  o->len < o->n ? o->n - o->len : 0, fmt, ap);
	va_end(ap);
	if (k > 0) o->len += (size_t)k;
}

static const char *s(const char *v) { return v ? v : ""; }

/* One "label：value" line (after a newline unless first); nothing if empty. */
static void line(Out *o, const char *label, const char *value)
{
	if (!value || !*value) return;
	put(o, "%s%s：%s", o->len ? "\n" : "", label, value);
}

/* The text listing the first `shown` materials (the rest as "等N项，详见
 * 窗口") with their form, copies and note (detail 2), form and copies (1) or
 * names only (0); `brief` leaves out 地点, 窗口, 时间. */
static size_t compose(const Item *it, const Dept *d, int detail, int shown, int brief,
                      char *buf, size_t n)
{
	Out o = {buf, n, 0};
	if (n) buf[0] = 0;
	line(&o, "事项", s(it->name));
	if (it->n_materials == 0)
		line(&o, "材料", "无需提交材料");
	else if (shown == 0)
		put(&o, "\n材料：共%d项，详见窗口", it->n_materials);
	else {
		put(&o, "\n材料：");
		for (int i = 0; i < shown && i < it->n_materials; i++) {
			const Material *m = &it->materials[i];
			put(&o, "\n%d.%s", i + 1, s(m->name));
			if (detail >= 1) put(&o, "（%s，%d份", s(m->form), m->copies);
			if (detail >= 2 && m->note && *m->note) put(&o, "；%s", m->note);
			if (detail >= 1) put(&o, "）");
		}
		if (shown < it->n_materials) put(&o, "\n等%d项，详见窗口", it->n_materials);
	}
	if (!brief) {
		line(&o, "地点", s(it->location));
		char win[256] = "";
		if (d && d->window && *d->window)
			snprintf(win, sizeof win, d->floor && *d->floor ? "%s（%s）" : "%s", d->window, s(d->floor));
		line(&o, "窗口", win);
		line(&o, "时间", *s(it->hours) ? it->hours : d ? s(d->hours) : "");
	}
	line(&o, "电话", *s(it->phone) ? it->phone : d ? s(d->phone) : "");
	char a[64], b[64];
	line(&o, "法定时限", time_value_format(it->time_limit.legal, a, sizeof a));
	if (it->time_limit.promised.unit != TL_NONE)
		line(&o, "承诺时限", time_value_format(it->time_limit.promised, b, sizeof b));
	return o.len;
}

size_t qrtext_guide(const Item *it, const Dept *d, char *buf, size_t n, size_t budget)
{
	if (!n) return 0;
	if (budget > n - 1) budget = n - 1;
	/* Longest first: everything; without notes; material names only; fewer
	 * and fewer materials; without 地点/窗口/时间. */
	if (compose(it, d, 2, it->n_materials, 0, buf, n) <= budget) return strlen(buf);
	if (compose(it, d, 1, it->n_materials, 0, buf, n) <= budget) return strlen(buf);
	for (int k = it->n_materials; k >= 0; k--)
		if (compose(it, d, 0, k, 0, buf, n) <= budget) return strlen(buf);
	if (compose(it, d, 0, 0, 1, buf, n) <= budget) return strlen(buf);
	/* Not even that (an absurd budget): cut at a character boundary. */
	size_t len = budget;
	while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80) len--;
	buf[len] = 0;
	return len;
}

const char *qrtext_url(const char *item_url, const char *tmpl, const char *code,
                       char *buf, size_t n)
{
	if (!n) return "";
	buf[0] = 0;
	if (item_url && *item_url) {
		snprintf(buf, n, "%s", item_url);
		return buf;
	}
	if (!tmpl || !*tmpl) return buf;
	size_t o = 0;
	for (const char *p = tmpl; *p && o + 1 < n; ) {
		if (!strncmp(p, "{code}", 6)) {
			o += (size_t)snprintf(buf + o, n - o, "%s", code ? code : "");
			if (o >= n) { o = n - 1; break; }
			p += 6;
		} else {
			buf[o++] = *p++;
		}
	}
	buf[o] = 0;
	return buf;
}

size_t qrtext_item(const Item *it, const Dept *d, const char *tmpl, char *buf, size_t n,
                   size_t budget, int *is_url)
{
	if (!n) return 0;
	qrtext_url(it->url, tmpl, it->code, buf, n);
	if (is_url) *is_url = buf[0] != 0;
	if (buf[0]) return strlen(buf);
	return qrtext_guide(it, d, buf, n, budget);
}
