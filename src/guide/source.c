/* source.c — parse and validate guide sources. */
#include <dirent.h>
#include <stddef.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sodium.h>
#include "source.h"
#include "base/utf8.h"

/* ---------------------------------------------------------------- lines --- */

typedef struct Line {
	const char *s;                  /* start (not NUL-terminated) */
	size_t n;                       /* length without \r\n */
	int no;                         /* 1-based line number */
} Line;

typedef struct Lines {
	Line *v;
	int n;
} Lines;

/* Split text into lines, dropping a leading BOM and trailing \r. The
 * caller frees l->v. Returns -1 (with diags) if the text is not UTF-8. */
static int split_lines(const char *path, const char *text, size_t len,
                       Lines *l, Diags *d)
{
	int bad = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) { text += 3; len -= 3; }
	int cap = 64;
	l->v = malloc(cap * sizeof *l->v);
	l->n = 0;
	if (!l->v) return -1;
	size_t i = 0;
	int no = 1;
	while (i < len) {
		size_t j = i;
		while (j < len && text[j] != '\n') j++;
		size_t n = j - i;
		if (n && text[i + n - 1] == '\r') n--;
		size_t at;
		if (!utf8_valid(text + i, n, &at)) {
			size_t col = utf8_count(text + i, at) + 1;
			diags_add(d, path, no, "invalid UTF-8 (byte 0x%02X at column %zu); save the file as UTF-8",
			          (unsigned char)text[i + at], col);
			bad = 1;
		} else if (memchr(text + i, 0, n)) {
			diags_add(d, path, no, "NUL byte in text; this is not a text file");
			bad = 1;
		}
		if (l->n == cap) {
			cap *= 2;
			Line *v = realloc(l->v, cap * sizeof *v);
			if (!v) { free(l->v); l->v = NULL; return -1; }
			l->v = v;
		}
		l->v[l->n++] = (Line){ text + i, n, no };
		i = j + 1;
		no++;
	}
	return bad ? -1 : 0;
}

/* Whitespace: ASCII blanks and the ideographic space U+3000. */
static void trim(const char **s, size_t *n)
{
	const char *p = *s;
	size_t k = *n;
	for (;;) {
		if (k && (*p == ' ' || *p == '\t')) { p++; k--; }
		else if (k >= 3 && memcmp(p, "\xE3\x80\x80", 3) == 0) { p += 3; k -= 3; }
		else break;
	}
	for (;;) {
		if (k && (p[k - 1] == ' ' || p[k - 1] == '\t')) k--;
		else if (k >= 3 && memcmp(p + k - 3, "\xE3\x80\x80", 3) == 0) k -= 3;
		else break;
	}
	*s = p;
	*n = k;
}

static int is_blank(const Line *ln)
{
	const char *s = ln->s;
	size_t n = ln->n;
	trim(&s, &n);
	return n == 0;
}

static int is_comment(const Line *ln)
{
	const char *s = ln->s;
	size_t n = ln->n;
	trim(&s, &n);
	return n && s[0] == '#';
}

/* Section header "【X】" or "[X]": stores X and returns 1. */
static int section_name(const Line *ln, const char **name, size_t *nn)
{
	const char *s = ln->s;
	size_t n = ln->n;
	trim(&s, &n);
	if (n >= 6 && memcmp(s, "【", 3) == 0 && memcmp(s + n - 3, "】", 3) == 0) {
		*name = s + 3; *nn = n - 6;
	} else if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
		*name = s + 1; *nn = n - 2;
	} else {
		return 0;
	}
	trim(name, nn);
	return 1;
}

/* Split "key：value" (full-width or ASCII colon) at the first colon. */
static int split_kv(const Line *ln, const char **k, size_t *kn,
                    const char **v, size_t *vn)
{
	const char *s = ln->s;
	size_t n = ln->n;
	for (size_t i = 0; i < n; i++) {
		size_t w = 0;
		if (s[i] == ':') w = 1;
		else if (i + 3 <= n && memcmp(s + i, "：", 3) == 0) w = 3;
		if (w) {
			*k = s; *kn = i;
			*v = s + i + w; *vn = n - i - w;
			trim(k, kn);
			trim(v, vn);
			return *kn > 0;
		}
	}
	return 0;
}

/* Short printable excerpt of a line for messages. */
static const char *excerpt(const char *s, size_t n, char *buf, size_t bn)
{
	size_t i = 0, out = 0;
	uint32_t cp;
	while (i < n && out + 8 < bn) {
		size_t at = i;
		utf8_decode(s, n, &i, &cp);
		if (utf8_count(s, at) >= 24) { memcpy(buf + out, "…", 3); out += 3; break; }
		memcpy(buf + out, s + at, i - at);
		out += i - at;
	}
	buf[out] = 0;
	return buf;
}

static int eq(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* Code-point edit distance, for "did you mean" hints (short strings only). */
static int edit_distance(const char *a, size_t an, const char *b, size_t bn)
{
	uint32_t x[32], y[32];
	int nx = 0, ny = 0;
	size_t i = 0;
	while (i < an && nx < 32) utf8_decode(a, an, &i, &x[nx++]);
	if (i < an) return 99;
	i = 0;
	while (i < bn && ny < 32) utf8_decode(b, bn, &i, &y[ny++]);
	if (i < bn) return 99;
	int row[33];
	for (int j = 0; j <= ny; j++) row[j] = j;
	for (int p = 1; p <= nx; p++) {
		int prev = row[0];
		row[0] = p;
		for (int j = 1; j <= ny; j++) {
			int cur = row[j];
			int best = prev + (x[p - 1] != y[j - 1]);
			if (row[j] + 1 < best) best = row[j] + 1;
			if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	return row[ny];
}

static const char *suggest(const char *s, size_t n, const char *const *known, int nk)
{
	for (int i = 0; i < nk; i++)
		if (edit_distance(s, n, known[i], strlen(known[i])) <= 1) return known[i];
	return NULL;
}

static int parse_int(const char *s, size_t n, long lo, long hi, long *out)
{
	if (n == 0 || n > 9) return -1;
	long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (v < lo || v > hi) return -1;
	*out = v;
	return 0;
}

/* ----------------------------------------------------------- text blocks --- */

/* Join section lines into text: lines joined by '\n', runs of blank lines
 * become one empty line (a paragraph break), comments dropped, ends trimmed. */
static const char *join_text(Arena *a, const Line *v, int n)
{
	size_t total = 0;
	for (int i = 0; i < n; i++) total += v[i].n + 1;
	char *buf = arena_alloc(a, total + 1);
	size_t out = 0;
	int pending_blank = 0;
	for (int i = 0; i < n; i++) {
		if (is_comment(&v[i])) continue;
		const char *s = v[i].s;
		size_t k = v[i].n;
		trim(&s, &k);
		if (k == 0) { pending_blank = out > 0; continue; }
		if (out) buf[out++] = '\n';
		if (pending_blank) buf[out++] = '\n';
		pending_blank = 0;
		memcpy(buf + out, s, k);
		out += k;
	}
	buf[out] = 0;
	return buf;
}

/* Split "a | b | c" (ASCII '|' or full-width '｜') into at most max
 * trimmed fields; returns the field count (which may exceed max). */
static int split_bars(const char *s, size_t n, const char **f, size_t *fn, int max)
{
	int k = 0;
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		size_t w = 0;
		if (i == n) w = 0;
		else if (s[i] == '|') w = 1;
		else if (i + 3 <= n && memcmp(s + i, "｜", 3) == 0) w = 3;
		else continue;
		if (k < max) {
			f[k] = s + start;
			fn[k] = i - start;
			trim(&f[k], &fn[k]);
		}
		k++;
		if (i == n) break;
		start = i + w;
		i += w - 1;
	}
	return k;
}

/* Split a list line "- a | b | c" into at most max fields. Returns the
 * field count, or -1 if the line does not start with a list dash. */
static int split_fields(const Line *ln, const char **f, size_t *fn, int max)
{
	const char *s = ln->s;
	size_t n = ln->n;
	trim(&s, &n);
	if (n >= 1 && s[0] == '-') { s++; n--; }
	else if (n >= 3 && (memcmp(s, "－", 3) == 0 || memcmp(s, "•", 3) == 0)) { s += 3; n -= 3; }
	else if (n >= 2 && memcmp(s, "·", 2) == 0) { s += 2; n -= 2; }
	else return -1;
	return split_bars(s, n, f, fn, max);
}

/* Header fields: "key：value" lines checked against a table of known keys.
 * Each value found is stored in vals/vlen and its line in fline (indexed
 * like keys). Returns 0, or -1 (with a message; what) if the line is not a
 * field at all. Unknown, duplicate and empty fields are reported here. */
typedef struct Fields {
	const char *const *keys;
	int n;
	const char **vals;
	size_t *vlen;
	int *fline;
} Fields;

static int header_field(const char *path, const Line *ln, Fields *fs, Diags *d)
{
	const char *k, *v;
	size_t kn, vn;
	char ex[128];
	if (!split_kv(ln, &k, &kn, &v, &vn)) return -1;
	int f = -1;
	for (int j = 0; j < fs->n; j++) if (eq(k, kn, fs->keys[j])) f = j;
	if (f < 0) {
		const char *hint = suggest(k, kn, fs->keys, fs->n);
		if (hint)
			diags_add(d, path, ln->no, "unknown field '%s' (did you mean '%s'?)", excerpt(k, kn, ex, sizeof ex), hint);
		else
			diags_add(d, path, ln->no, "unknown field '%s'", excerpt(k, kn, ex, sizeof ex));
		return 0;
	}
	if (fs->fline[f]) {
		diags_add(d, path, ln->no, "duplicate field '%s' (first on line %d)", fs->keys[f], fs->fline[f]);
		return 0;
	}
	fs->fline[f] = ln->no;
	fs->vals[f] = v;
	fs->vlen[f] = vn;
	if (vn == 0) diags_add(d, path, ln->no, "field '%s' is empty", fs->keys[f]);
	return 0;
}

/* Where each field's text goes in the struct being filled: a byte offset
 * of a `const char *` member, or NOT_STR for fields parsed otherwise. */
#define NOT_STR ((size_t)-1)

/* Copy every text field's value ("" if absent) into the arena and store
 * it in dst at the member off[] names. */
static void fields_copy(Arena *a, const Fields *fs, const size_t *off, void *dst)
{
	for (int f = 0; f < fs->n; f++) {
		if (off[f] == NOT_STR) continue;
		const char *v = arena_strndup(a, fs->vals[f] ? fs->vals[f] : "", fs->vlen[f]);
		memcpy((char *)dst + off[f], &v, sizeof v);
	}
}

/* A code: 1-64 of a-z, 0-9, '-', '_' (and A-Z if upper_ok). */
static int code_ok(const char *s, size_t n, int upper_ok)
{
	if (n == 0 || n > 64) return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') continue;
		if (upper_ok && c >= 'A' && c <= 'Z') continue;
		return 0;
	}
	return 1;
}

/* Report field f if it is given and not a valid code (code_ok); rule says
 * what a code may hold. */
static void field_check_code(const char *path, const Fields *fs, int f, int upper_ok,
                             const char *rule, Diags *d)
{
	char ex[128];
	if (fs->fline[f] && fs->vlen[f] && !code_ok(fs->vals[f], fs->vlen[f], upper_ok))
		diags_add(d, path, fs->fline[f], "%s '%s' may hold only %s", fs->keys[f],
		          excerpt(fs->vals[f], fs->vlen[f], ex, sizeof ex), rule);
}

/* Field f, if given, as a number from lo to hi into *out; anything else
 * is reported (and *out left alone). */
static void field_int(const char *path, const Fields *fs, int f, long lo, long hi,
                      int *out, Diags *d)
{
	char ex[128];
	long num;
	if (!fs->fline[f] || !fs->vlen[f]) return;
	if (parse_int(fs->vals[f], fs->vlen[f], lo, hi, &num) < 0)
		diags_add(d, path, fs->fline[f], "%s '%s' is not a number from %ld to %ld", fs->keys[f],
		          excerpt(fs->vals[f], fs->vlen[f], ex, sizeof ex), lo, hi);
	else
		*out = (int)num;
}

/* ------------------------------------------------------------ items --- */

enum {
	F_NAME, F_CODE, F_TYPE, F_TARGET, F_DEPT, F_LOCATION, F_HOURS, F_PHONE,
	F_VISITS, F_URL, F_SYNONYMS, F_POPULARITY, F_COUNT
};
static const char *const item_keys[F_COUNT] = {
	"事项名称", "事项编码", "事项类型", "服务对象", "所属部门", "办理地点",
	"办理时间", "咨询电话", "到现场次数", "网上办事指南", "同义词", "热度",
};
static const int item_required[F_COUNT] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0 };
static const size_t item_str[F_COUNT] = {
	offsetof(Item, name), offsetof(Item, code), offsetof(Item, type),
	offsetof(Item, target), offsetof(Item, dept_code), offsetof(Item, location),
	offsetof(Item, hours), offsetof(Item, phone), NOT_STR, offsetof(Item, url),
	offsetof(Item, synonyms), NOT_STR,
};

enum { S_BASIS, S_CONDITIONS, S_MATERIALS, S_PROCEDURE, S_TIME, S_FEES, S_COUNT };
static const char *const section_keys[S_COUNT] = {
	"设定依据", "申请条件", "申请材料", "办理流程", "办理时限", "收费标准",
};

static const char *const forms[] = { "原件", "复印件", "电子", "原件和复印件", "原件及复印件" };

/* Parse "即办", "N", "N个工作日", "N工作日", "N日", "N天", "N个月", and
 * "未规定" (no limit in the law: only 法定时限 may say so). */
static int parse_time_value(const char *s, size_t n, TimeValue *tv)
{
	if (eq(s, n, "即办")) { tv->unit = TL_IMMEDIATE; tv->n = 0; return 0; }
	if (eq(s, n, "未规定")) { tv->unit = TL_UNSET; tv->n = 0; return 0; }
	size_t i = 0;
	long v = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9' && i < 5) v = v * 10 + (s[i++] - '0');
	if (i == 0 || v <= 0 || v > 9999) return -1;
	const char *u = s + i;
	size_t un = n - i;
	trim(&u, &un);
	if (un == 0 || eq(u, un, "个工作日") || eq(u, un, "工作日")) tv->unit = TL_WORKDAYS;
	else if (eq(u, un, "日") || eq(u, un, "天") || eq(u, un, "个自然日") || eq(u, un, "自然日")) tv->unit = TL_DAYS;
	else if (eq(u, un, "个月")) tv->unit = TL_MONTHS;
	else return -1;
	tv->n = (int)v;
	return 0;
}

/* -------------------------------------------------- working days --- */

/* The fewest working days n consecutive calendar days can contain: 5 per
 * whole week, and of the remaining days all but a weekend's two. Public
 * holidays are not counted. */
static long long workdays_in_days(long long n)
{
	return 5 * (n / 7) + (n % 7 > 2 ? n % 7 - 2 : 0);
}

/* W(v): the fewest working days a time value can stand for. N个月 counts
 * as 30*N-2 calendar days, the fewest any N consecutive months hold (a run
 * of months with February has at least 28 + 30*(N-1) days; one without,
 * 30*N). */
static long long workdays_min(TimeValue v)
{
	switch (v.unit) {
	case TL_WORKDAYS: return v.n;
	case TL_DAYS:     return workdays_in_days(v.n);
	case TL_MONTHS:   return workdays_in_days(30LL * v.n - 2);
	default:          return 0;
	}
}

/* A time value for messages: "20个工作日", "即办", "30日, at least 20个工作日". */
static const char *time_desc(TimeValue v, char *buf, size_t n)
{
	char t[32];
	time_value_format(v, t, sizeof t);
	if (v.unit == TL_DAYS || v.unit == TL_MONTHS)
		snprintf(buf, n, "%s, at least %lld个工作日", t, workdays_min(v));
	else
		snprintf(buf, n, "%s", t);
	return buf;
}

/* Is promise p longer than the legal limit l? No legal limit (未规定)
 * bounds nothing; the same units compare counts; a legal 即办 allows only
 * 即办; otherwise W(p) > W(l). */
static int time_longer(TimeValue p, TimeValue l)
{
	if (l.unit == TL_UNSET) return 0;
	if (p.unit == l.unit) return p.n > l.n;
	if (l.unit == TL_IMMEDIATE) return 1;
	return workdays_min(p) > workdays_min(l);
}

/* A step's 时限 counts toward the steps' total only if the whole field is
 * a duration — 即办, 当场, N个工作日, N日, N天, N个月 (or another form
 * parse_time_value takes) — optionally followed by one parenthesised note.
 * Returns 0 and the value, or -1 (e.g. "开始经营之日起30日内": time the
 * applicant has, not the office). */
static int step_duration(const char *s, size_t n, TimeValue *tv)
{
	trim(&s, &n);
	size_t close = 0;
	if (n >= 3 && memcmp(s + n - 3, "）", 3) == 0) close = 3;
	else if (n >= 1 && s[n - 1] == ')') close = 1;
	if (close) {
		size_t m = n - close, open = m;
		for (size_t i = 0; i < m && open == m; i++)
			if (s[i] == '(' || (i + 3 <= m && memcmp(s + i, "（", 3) == 0)) open = i;
		if (open == m) return -1;
		n = open;
		trim(&s, &n);
	}
	if (eq(s, n, "当场")) { tv->unit = TL_IMMEDIATE; tv->n = 0; return 0; }
	return parse_time_value(s, n, tv);
}

/* "line 31", "lines 31-35" or "lines 31-33, 35" for sorted lines v[0..n). */
static const char *format_lines(const int *v, int n, char *buf, size_t bn)
{
	size_t out = (size_t)snprintf(buf, bn, "%s", n == 1 ? "line " : "lines ");
	for (int i = 0; i < n && out < bn; ) {
		int j = i;
		while (j + 1 < n && v[j + 1] == v[j] + 1) j++;
		if (out + 32 > bn) { snprintf(buf + out, bn - out, "…"); break; }
		if (j > i) out += (size_t)snprintf(buf + out, bn - out, "%s%d-%d", i ? ", " : "", v[i], v[j]);
		else out += (size_t)snprintf(buf + out, bn - out, "%s%d", i ? ", " : "", v[i]);
		i = j + 1;
	}
	return buf;
}

/* The steps' working days must fit within the promise (or, without one,
 * the legal limit): error at that line naming the total and the lines of
 * the steps that take any working day. */
static void check_steps_time(const char *path, const Item *it, const int *step_line,
                             int legal_line, int promised_line, Diags *d)
{
	TimeValue lim;
	int lim_line;
	const char *what;
	if (promised_line > 0) { lim = it->time_limit.promised; lim_line = promised_line; what = "承诺时限"; }
	else if (promised_line == 0 && legal_line > 0) { lim = it->time_limit.legal; lim_line = legal_line; what = "法定时限"; }
	else return;
	if (lim.unit == TL_UNSET) return;   /* no limit to fit in */
	long long total = 0;
	int *counted = malloc((it->n_steps + 1) * sizeof *counted);
	if (!counted) return;
	int nc = 0;
	for (int i = 0; i < it->n_steps; i++) {
		TimeValue tv;
		if (step_duration(it->steps[i].time, strlen(it->steps[i].time), &tv) < 0) continue;
		long long w = workdays_min(tv);
		total += w;
		if (w > 0) counted[nc++] = step_line[i];    /* the lines to look at */
	}
	if (total > workdays_min(lim)) {
		char lines[160], l[64], desc[128];
		time_value_format(lim, l, sizeof l);
		if (lim.unit == TL_DAYS || lim.unit == TL_MONTHS)
			snprintf(desc, sizeof desc, "%s (at least %lld个工作日)", l, workdays_min(lim));
		else
			snprintf(desc, sizeof desc, "%s", l);
		diags_add(d, path, lim_line, "办理时限: steps total %lld个工作日 (%s) but %s is %s",
		          total, format_lines(counted, nc, lines, sizeof lines), what, desc);
	}
	free(counted);
}

/* ------------------------------------------------------- item codes --- */

/* 事项类型 and the type segment of 事项编码 that goes with it. */
static const char *const item_types[][2] = {
	{ "行政许可", "XK" }, { "行政备案", "BA" }, { "行政确认", "QR" }, { "行政给付", "JF" },
	{ "行政奖励", "JL" }, { "行政裁决", "CJ" }, { "其他行政权力", "QT" }, { "公共服务", "GG" },
};

/* A 事项编码 of the form 410106-DEPT-TT-NNN (four parts, the first all
 * digits) names its type in TT, which must match 事项类型. Codes of other
 * forms are not checked. */
static void check_code_type(const char *path, int line, const char *code, const char *type, Diags *d)
{
	const char *part[5];
	size_t pn[5];
	int k = 0;
	const char *p = code;
	for (;;) {
		const char *e = strchr(p, '-');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (k < 5) { part[k] = p; pn[k] = n; }
		k++;
		if (!e) break;
		p = e + 1;
	}
	if (k != 4 || pn[0] == 0) return;
	for (size_t i = 0; i < pn[0]; i++)
		if (part[0][i] < '0' || part[0][i] > '9') return;
	int t = -1;
	for (int i = 0; i < (int)(sizeof item_types / sizeof *item_types); i++)
		if (strcmp(type, item_types[i][0]) == 0) t = i;
	if (t < 0)
		diags_add(d, path, line, "事项编码 %s has type segment %.*s but 事项类型 '%s' is none of "
		          "行政许可 (XK), 行政备案 (BA), 行政确认 (QR), 行政给付 (JF), 行政奖励 (JL), "
		          "行政裁决 (CJ), 其他行政权力 (QT), 公共服务 (GG)", code, (int)pn[2], part[2], type);
	else if (!eq(part[2], pn[2], item_types[t][1]))
		diags_add(d, path, line, "事项编码 %s has type segment %.*s but 事项类型 is %s (expected %s)",
		          code, (int)pn[2], part[2], type, item_types[t][1]);
}

/* -------------------------------------------------------- citations --- */

/* A citation is 《NAME》 with NAME ending in one of these. */
static const char *const law_suffixes[] = { "法", "条例", "规定", "办法", "细则", "决定", "规则", "目录" };
#define CITE_MAX_NAME 240       /* bytes; longer 《…》 are not taken for law names */
#define CITE_MAX_VERSION 120    /* bytes of a version parenthesis */
#define CITE_MAX_LAWS 512       /* distinct laws tracked per file */

static int is_law_name(const char *s, size_t n)
{
	if (n == 0 || n > CITE_MAX_NAME) return 0;
	for (size_t i = 0; i < sizeof law_suffixes / sizeof *law_suffixes; i++) {
		size_t k = strlen(law_suffixes[i]);
		if (n >= k && memcmp(s + n - k, law_suffixes[i], k) == 0) return 1;
	}
	return 0;
}

/* The name laws are compared by: without a leading 中华人民共和国, so
 * 《中华人民共和国行政许可法》 and 《行政许可法》 are one law. */
static void law_key(const char **s, size_t *n)
{
	static const char prc[] = "中华人民共和国";
	size_t k = sizeof prc - 1;
	if (*n > k && memcmp(*s, prc, k) == 0) { *s += k; *n -= k; }
}

/* The newest year "YYYY年" (four ASCII digits, not part of a longer
 * number) in s[0..n), or 0. */
static int version_year(const char *s, size_t n)
{
	int best = 0;
	for (size_t i = 0; i + 4 + 3 <= n; i++) {
		if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') continue;
		int y = 0, ok = 1;
		for (int j = 0; j < 4; j++) {
			if (s[i + j] < '0' || s[i + j] > '9') { ok = 0; break; }
			y = y * 10 + (s[i + j] - '0');
		}
		if (ok && memcmp(s + i + 4, "年", 3) == 0 && y > best) best = y;
	}
	return best;
}

/* Find the next citation in s[*pos..n): its name, and its version
 * parenthesis right after 》 (full-width or ASCII, holding a year "YYYY年";
 * vn = 0 and year = 0 if none). Returns 1, or 0 when there is no more. */
static int next_citation(const char *s, size_t n, size_t *pos,
                         const char **name, size_t *nn,
                         const char **ver, size_t *vn, int *year)
{
	size_t i = *pos;
	while (i + 3 <= n) {
		if (memcmp(s + i, "《", 3) != 0) { i++; continue; }
		size_t start = i + 3, j = start, close = 0;
		while (j + 3 <= n) {
			if (memcmp(s + j, "《", 3) == 0) break;              /* a new 《 restarts */
			if (memcmp(s + j, "》", 3) == 0) { close = j; break; }
			j++;
		}
		if (!close) { i = j; continue; }
		i = close + 3;
		if (!is_law_name(s + start, close - start)) continue;
		*pos = i;
		*name = s + start;
		*nn = close - start;
		*ver = NULL; *vn = 0; *year = 0;
		size_t ow = 0;
		if (i < n && s[i] == '(') ow = 1;
		else if (i + 3 <= n && memcmp(s + i, "（", 3) == 0) ow = 3;
		if (ow) {
			for (size_t k = i + ow; k < n && k - i <= CITE_MAX_VERSION; k++) {
				size_t cw = s[k] == ')' ? 1 : (k + 3 <= n && memcmp(s + k, "）", 3) == 0) ? 3 : 0;
				if (!cw) continue;
				int y = version_year(s + i + ow, k - i - ow);
				if (y) { *ver = s + i; *vn = k + cw - i; *year = y; *pos = k + cw; }
				break;
			}
		}
		return 1;
	}
	*pos = n;
	return 0;
}

static const Law *laws_find(const LawList *laws, const char *key, size_t kn)
{
	if (!laws) return NULL;
	for (int i = 0; i < laws->n; i++) {
		const char *k = laws->v[i].name;
		size_t n = strlen(k);
		law_key(&k, &n);
		if (n == kn && memcmp(k, key, kn) == 0) return &laws->v[i];
	}
	return NULL;
}

typedef struct Cite {
	const char *name; size_t nn;    /* as first written */
	const char *key; size_t kn;     /* law_key of the name */
	int line;                       /* of the first mention */
	int versioned;                  /* some mention names a version year */
} Cite;

/* Every citation of the file (comments skipped): a law none of whose
 * mentions names a version year is a warning at its first mention; with
 * laws.txt, a versioned citation of a listed law must name the listed
 * year (error), and an unlisted law is a warning. */
static void check_citations(const char *path, const Lines *L, const LawList *laws, Diags *d)
{
	Cite *c = NULL;
	int nc = 0, cap = 0;
	char ex[128];
	for (int i = 0; i < L->n; i++) {
		const Line *ln = &L->v[i];
		if (is_comment(ln)) continue;
		size_t pos = 0;
		const char *name, *ver;
		size_t nn, vn;
		int year;
		while (next_citation(ln->s, ln->n, &pos, &name, &nn, &ver, &vn, &year)) {
			const char *key = name;
			size_t kn = nn;
			law_key(&key, &kn);
			int f = -1;
			for (int j = 0; j < nc; j++)
				if (c[j].kn == kn && memcmp(c[j].key, key, kn) == 0) { f = j; break; }
			if (f < 0 && nc < CITE_MAX_LAWS) {
				if (nc == cap) {
					cap = cap ? cap * 2 : 16;
					Cite *m = realloc(c, cap * sizeof *m);
					if (!m) { free(c); return; }
					c = m;
				}
				c[nc] = (Cite){ name, nn, key, kn, ln->no, 0 };
				f = nc++;
			}
			if (!year) continue;
			if (f >= 0) c[f].versioned = 1;
			const Law *law = laws_find(laws, key, kn);
			if (!law || year == law->year) continue;
			if (year < law->year)
				diags_add(d, path, ln->no, "《%.*s》%s is not the current text: laws.txt lists %s (%s)",
				          (int)nn, name, excerpt(ver, vn, ex, sizeof ex), law->date, law->version);
			else
				diags_add(d, path, ln->no, "《%.*s》%s is newer than the text laws.txt lists, %s (%s); update laws.txt",
				          (int)nn, name, excerpt(ver, vn, ex, sizeof ex), law->date, law->version);
		}
	}
	for (int j = 0; j < nc; j++) {
		const Law *law = laws_find(laws, c[j].key, c[j].kn);
		if (!c[j].versioned)
			diags_warn(d, path, c[j].line, "《%.*s》 cited without a version year, e.g. 《%.*s》（%s）",
			           (int)c[j].nn, c[j].name, (int)c[j].nn, c[j].name, law ? law->version : "YYYY年修订");
		if (laws && !law)
			diags_warn(d, path, c[j].line, "《%.*s》 is not listed in %s", (int)c[j].nn, c[j].name, laws->path);
	}
	free(c);
}

static void parse_materials(Arena *a, const char *path, const Line *v, int n,
                            Item *it, Diags *d, int header_line)
{
	it->materials = arena_alloc(a, (n ? n : 1) * sizeof *it->materials);
	for (int i = 0; i < n; i++) {
		if (is_blank(&v[i]) || is_comment(&v[i])) continue;
		const char *f[5];
		size_t fn[5];
		char ex[128];
		int k = split_fields(&v[i], f, fn, 5);
		if (k < 0) {
			diags_add(d, path, v[i].no, "申请材料: expected '- 名称 | 形式 | 份数 | 备注', got '%s'",
			          excerpt(v[i].s, v[i].n, ex, sizeof ex));
			continue;
		}
		if (k < 3 || k > 4) {
			diags_add(d, path, v[i].no, "申请材料: expected 3 or 4 fields '名称 | 形式 | 份数 | 备注', got %d", k);
			continue;
		}
		if (fn[0] == 0) { diags_add(d, path, v[i].no, "申请材料: 名称 is empty"); continue; }
		int form_ok = 0;
		for (size_t j = 0; j < sizeof forms / sizeof *forms; j++)
			if (eq(f[1], fn[1], forms[j])) form_ok = 1;
		if (!form_ok) {
			diags_add(d, path, v[i].no, "申请材料 '%s': unknown 形式 '%s' (use 原件, 复印件, 电子 or 原件和复印件)",
			          excerpt(f[0], fn[0], ex, sizeof ex), excerpt(f[1], fn[1], ex + 64, 64));
			continue;
		}
		const char *c = f[2];
		size_t cn = fn[2];
		if (cn >= 3 && memcmp(c + cn - 3, "份", 3) == 0) cn -= 3;
		long copies;
		if (parse_int(c, cn, 1, 99, &copies) < 0) {
			diags_add(d, path, v[i].no, "申请材料 '%s': 份数 '%s' is not a number from 1 to 99",
			          excerpt(f[0], fn[0], ex, sizeof ex), excerpt(f[2], fn[2], ex + 64, 64));
			continue;
		}
		Material *m = &it->materials[it->n_materials++];
		m->name = arena_strndup(a, f[0], fn[0]);
		m->form = eq(f[1], fn[1], "原件及复印件") ? "原件和复印件" : arena_strndup(a, f[1], fn[1]);
		m->copies = (int)copies;
		m->note = k == 4 ? arena_strndup(a, f[3], fn[3]) : "";
	}
	if (it->n_materials == 0)
		diags_add(d, path, header_line, "section 【申请材料】 lists no materials");
}

/* Steps into it->steps; each step's source line into lines[i] (n entries). */
static void parse_steps(Arena *a, const char *path, const Line *v, int n,
                        Item *it, Diags *d, int header_line, int *lines)
{
	it->steps = arena_alloc(a, (n ? n : 1) * sizeof *it->steps);
	for (int i = 0; i < n; i++) {
		if (is_blank(&v[i]) || is_comment(&v[i])) continue;
		const char *f[4];
		size_t fn[4];
		char ex[128];
		int k = split_fields(&v[i], f, fn, 4);
		if (k < 0) {
			diags_add(d, path, v[i].no, "办理流程: expected '- 环节 | 承办人 | 时限', got '%s'",
			          excerpt(v[i].s, v[i].n, ex, sizeof ex));
			continue;
		}
		if (k != 3) {
			diags_add(d, path, v[i].no, "办理流程: expected 3 fields '环节 | 承办人 | 时限', got %d", k);
			continue;
		}
		static const char *const names[3] = { "环节", "承办人", "时限" };
		int empty = -1;
		for (int j = 0; j < 3; j++) if (fn[j] == 0 && empty < 0) empty = j;
		if (empty >= 0) {
			diags_add(d, path, v[i].no, "办理流程: %s is empty", names[empty]);
			continue;
		}
		lines[it->n_steps] = v[i].no;
		Step *s = &it->steps[it->n_steps++];
		s->step = arena_strndup(a, f[0], fn[0]);
		s->who = arena_strndup(a, f[1], fn[1]);
		s->time = arena_strndup(a, f[2], fn[2]);
	}
	if (it->n_steps == 0)
		diags_add(d, path, header_line, "section 【办理流程】 lists no steps");
}

/* Stores the lines of 法定时限 and 承诺时限 in *legal_out and *promised_out:
 * 0 if absent, -1 if present but not a time limit. */
static void parse_time(Arena *a, const char *path, const Line *v, int n,
                       Item *it, Diags *d, int header_line,
                       int *legal_out, int *promised_out)
{
	TimeLimit *t = &it->time_limit;
	int legal_line = 0, promised_line = 0, note_line = 0;
	t->note = "";
	for (int i = 0; i < n; i++) {
		if (is_blank(&v[i]) || is_comment(&v[i])) continue;
		const char *k, *val;
		size_t kn, vn;
		char ex[128];
		if (!split_kv(&v[i], &k, &kn, &val, &vn)) {
			diags_add(d, path, v[i].no, "办理时限: expected '法定时限：…', '承诺时限：…' or '说明：…', got '%s'",
			          excerpt(v[i].s, v[i].n, ex, sizeof ex));
			continue;
		}
		int *seen;
		TimeValue *tv = NULL;
		if (eq(k, kn, "法定时限")) { seen = &legal_line; tv = &t->legal; }
		else if (eq(k, kn, "承诺时限")) { seen = &promised_line; tv = &t->promised; }
		else if (eq(k, kn, "说明")) { seen = &note_line; }
		else {
			diags_add(d, path, v[i].no, "办理时限: unknown field '%s' (use 法定时限, 承诺时限 or 说明)",
			          excerpt(k, kn, ex, sizeof ex));
			continue;
		}
		if (*seen) {
			diags_add(d, path, v[i].no, "办理时限: duplicate field '%s' (first on line %d)",
			          excerpt(k, kn, ex, sizeof ex), *seen);
			continue;
		}
		*seen = v[i].no;
		if (!tv) {
			if (vn == 0) diags_add(d, path, v[i].no, "办理时限: 说明 is empty");
			t->note = arena_strndup(a, val, vn);
			continue;
		}
		if (parse_time_value(val, vn, tv) < 0) {
			diags_add(d, path, v[i].no, "办理时限: %s '%s' is not a time limit (use 即办, N个工作日, N日 or N个月%s)",
			          excerpt(k, kn, ex, sizeof ex), excerpt(val, vn, ex + 64, 64),
			          tv == &t->legal ? ", or 未规定 if the law sets none" : "");
			tv->unit = TL_NONE;
			*seen = -1;          /* present but bad: no "missing" message */
		} else if (tv->unit == TL_UNSET && tv != &t->legal) {
			diags_add(d, path, v[i].no, "办理时限: 承诺时限 cannot be 未规定 (the hall promises a time: 即办 or N个工作日)");
			tv->unit = TL_NONE;
			*seen = -1;
		}
	}
	if (!legal_line)
		diags_add(d, path, header_line, "section 【办理时限】 has no 法定时限");
	if (legal_line > 0 && promised_line > 0 && time_longer(t->promised, t->legal)) {
		char p[64], l[64];
		diags_add(d, path, promised_line, "办理时限: 承诺时限 (%s) is longer than 法定时限 (%s)",
		          time_desc(t->promised, p, sizeof p), time_desc(t->legal, l, sizeof l));
	}
	*legal_out = legal_line;
	*promised_out = promised_line;
}

int source_parse_item(Arena *a, const char *path, const char *text, size_t len,
                      Item *it, Diags *d)
{
	return source_parse_item_laws(a, path, text, len, NULL, it, d);
}

int source_parse_item_laws(Arena *a, const char *path, const char *text, size_t len,
                           const LawList *laws, Item *it, Diags *d)
{
	int before = d->n;
	Lines L = { 0 };
	memset(it, 0, sizeof *it);
	it->path = arena_strdup(a, path);
	/* Every string is valid even when parsing stops early. */
	it->code = it->name = it->type = it->target = it->dept_code = "";
	it->location = it->hours = it->phone = it->url = it->synonyms = "";
	it->basis = it->conditions = it->fees = it->pinyin = it->initials = "";
	it->synonyms_pinyin = "";
	it->time_limit.note = "";
	it->materials = arena_alloc(a, sizeof *it->materials);
	it->steps = arena_alloc(a, sizeof *it->steps);
	if (len > SOURCE_MAX_FILE) {
		diags_add(d, path, 0, "file is larger than %d bytes; is this a guide file?", SOURCE_MAX_FILE);
		return -1;
	}
	if (split_lines(path, text, len, &L, d) < 0) { free(L.v); return -1; }

	const char *vals[F_COUNT] = { 0 };
	size_t vlen[F_COUNT] = { 0 };
	int fline[F_COUNT] = { 0 };
	Fields fields = { item_keys, F_COUNT, vals, vlen, fline };
	int sec_start[S_COUNT], sec_end[S_COUNT], sec_line[S_COUNT];
	for (int s = 0; s < S_COUNT; s++) sec_start[s] = sec_end[s] = sec_line[s] = 0;
	int cur = -1;                   /* current section, -1 = header, -2 = unknown section */
	char ex[128];

	for (int i = 0; i < L.n; i++) {
		const Line *ln = &L.v[i];
		const char *sn;
		size_t snn;
		if (section_name(ln, &sn, &snn)) {
			if (cur >= 0) sec_end[cur] = i;
			cur = -2;
			for (int s = 0; s < S_COUNT; s++)
				if (eq(sn, snn, section_keys[s])) cur = s;
			if (cur == -2) {
				const char *hint = suggest(sn, snn, section_keys, S_COUNT);
				if (hint)
					diags_add(d, path, ln->no, "unknown section '【%s】' (did you mean 【%s】?)",
					          excerpt(sn, snn, ex, sizeof ex), hint);
				else
					diags_add(d, path, ln->no, "unknown section '【%s】' (sections: 设定依据, 申请条件, 申请材料, 办理流程, 办理时限, 收费标准)",
					          excerpt(sn, snn, ex, sizeof ex));
			} else if (sec_line[cur]) {
				diags_add(d, path, ln->no, "duplicate section 【%s】 (first on line %d)",
				          section_keys[cur], sec_line[cur]);
				cur = -2;
			} else {
				sec_line[cur] = ln->no;
				sec_start[cur] = i + 1;
			}
			continue;
		}
		if (cur != -1) continue;        /* section body: handled below */
		if (is_blank(ln) || is_comment(ln)) continue;
		if (header_field(path, ln, &fields, d) < 0)
			diags_add(d, path, ln->no, "expected '字段：内容' or a section heading like 【设定依据】, got '%s'",
			          excerpt(ln->s, ln->n, ex, sizeof ex));
	}
	if (cur >= 0) sec_end[cur] = L.n;

	for (int f = 0; f < F_COUNT; f++)
		if (item_required[f] && !fline[f])
			diags_add(d, path, 1, "missing field '%s'", item_keys[f]);
	for (int s = 0; s < S_COUNT; s++)
		if (!sec_line[s])
			diags_add(d, path, 1, "missing section 【%s】", section_keys[s]);

	/* Field values. */
	fields_copy(a, &fields, item_str, it);
	field_check_code(path, &fields, F_CODE, 1, "letters, digits and '-' (at most 64)", d);
	if (fline[F_TARGET] && vlen[F_TARGET] && !eq(vals[F_TARGET], vlen[F_TARGET], "个人") &&
	    !eq(vals[F_TARGET], vlen[F_TARGET], "法人") && !eq(vals[F_TARGET], vlen[F_TARGET], "个人、法人") &&
	    !eq(vals[F_TARGET], vlen[F_TARGET], "个人和法人"))
		diags_add(d, path, fline[F_TARGET], "服务对象 '%s' must be 个人, 法人 or 个人、法人",
		          excerpt(vals[F_TARGET], vlen[F_TARGET], ex, sizeof ex));
	field_int(path, &fields, F_VISITS, 0, 9, &it->visits, d);
	field_int(path, &fields, F_POPULARITY, 0, 100, &it->popularity, d);
	if (fline[F_URL] && vlen[F_URL]) {
		int ok = (vlen[F_URL] > 8 && memcmp(vals[F_URL], "https://", 8) == 0) ||
		         (vlen[F_URL] > 7 && memcmp(vals[F_URL], "http://", 7) == 0);
		for (size_t j = 0; ok && j < vlen[F_URL]; j++)
			if ((unsigned char)vals[F_URL][j] <= ' ' || (unsigned char)vals[F_URL][j] >= 0x80) ok = 0;
		if (!ok)
			diags_add(d, path, fline[F_URL], "网上办事指南 '%s' is not an http(s) address",
			          excerpt(vals[F_URL], vlen[F_URL], ex, sizeof ex));
	}

	if (fline[F_CODE] && fline[F_TYPE] && *it->code && *it->type && code_ok(vals[F_CODE], vlen[F_CODE], 1))
		check_code_type(path, fline[F_CODE], it->code, it->type, d);

	/* Sections. */
	int *step_line = malloc((L.n + 1) * sizeof *step_line);
	if (!step_line) abort();
	int legal_line = 0, promised_line = 0;
	for (int s = 0; s < S_COUNT; s++) {
		if (!sec_line[s]) continue;
		const Line *v = L.v + sec_start[s];
		int n = sec_end[s] - sec_start[s];
		switch (s) {
		case S_MATERIALS: parse_materials(a, path, v, n, it, d, sec_line[s]); break;
		case S_PROCEDURE: parse_steps(a, path, v, n, it, d, sec_line[s], step_line); break;
		case S_TIME:      parse_time(a, path, v, n, it, d, sec_line[s], &legal_line, &promised_line); break;
		default: {
			const char *t = join_text(a, v, n);
			if (!*t) diags_add(d, path, sec_line[s], "section 【%s】 is empty", section_keys[s]);
			if (s == S_BASIS) it->basis = t;
			else if (s == S_CONDITIONS) it->conditions = t;
			else it->fees = t;
		}
		}
	}
	check_steps_time(path, it, step_line, legal_line, promised_line, d);
	check_citations(path, &L, laws, d);
	free(step_line);
	free(L.v);
	return d->n == before ? 0 : -1;
}

/* ------------------------------------------------------- departments --- */

enum { D_CODE, D_NAME, D_SHORT, D_ICON, D_WINDOW, D_FLOOR, D_PHONE, D_HOURS, D_ORDER, D_COUNT };
static const char *const dept_keys[D_COUNT] = {
	"部门编码", "部门名称", "简称", "图标", "窗口", "楼层", "咨询电话", "办公时间", "排序",
};
static const size_t dept_str[D_COUNT] = {
	offsetof(Dept, code), offsetof(Dept, name), offsetof(Dept, short_name),
	offsetof(Dept, icon), offsetof(Dept, window), offsetof(Dept, floor),
	offsetof(Dept, phone), offsetof(Dept, hours), NOT_STR,
};

int source_parse_dept(Arena *a, const char *path, const char *text, size_t len,
                      Dept *dp, Diags *d)
{
	int before = d->n;
	Lines L = { 0 };
	memset(dp, 0, sizeof *dp);
	dp->path = arena_strdup(a, path);
	dp->code = dp->name = dp->short_name = dp->icon = "";
	dp->window = dp->floor = dp->phone = dp->hours = "";
	if (len > SOURCE_MAX_FILE) {
		diags_add(d, path, 0, "file is larger than %d bytes; is this a department file?", SOURCE_MAX_FILE);
		return -1;
	}
	if (split_lines(path, text, len, &L, d) < 0) { free(L.v); return -1; }
	const char *vals[D_COUNT] = { 0 };
	size_t vlen[D_COUNT] = { 0 };
	int fline[D_COUNT] = { 0 };
	Fields fields = { dept_keys, D_COUNT, vals, vlen, fline };
	char ex[128];
	for (int i = 0; i < L.n; i++) {
		const Line *ln = &L.v[i];
		if (is_blank(ln) || is_comment(ln)) continue;
		if (header_field(path, ln, &fields, d) < 0)
			diags_add(d, path, ln->no, "expected '字段：内容', got '%s'", excerpt(ln->s, ln->n, ex, sizeof ex));
	}
	for (int f = 0; f < D_COUNT; f++)
		if (!fline[f]) diags_add(d, path, 1, "missing field '%s'", dept_keys[f]);
	fields_copy(a, &fields, dept_str, dp);
	field_check_code(path, &fields, D_CODE, 0, "a-z, 0-9, '-' and '_'", d);
	field_int(path, &fields, D_ORDER, 0, 9999, &dp->order, d);
	if (fline[D_ICON] && vlen[D_ICON] &&
	    (vlen[D_ICON] < 5 || memcmp(vals[D_ICON] + vlen[D_ICON] - 4, ".svg", 4) != 0 ||
	     memchr(vals[D_ICON], '/', vlen[D_ICON])))
		diags_add(d, path, fline[D_ICON], "图标 '%s' must be an .svg file name in assets/icons",
		          excerpt(vals[D_ICON], vlen[D_ICON], ex, sizeof ex));
	free(L.v);
	return d->n == before ? 0 : -1;
}

/* ------------------------------------------------------------- laws --- */

/* "YYYY-MM-DD", a real calendar date: stores the year. */
static int parse_date(const char *s, size_t n, int *year)
{
	if (n != 10 || s[4] != '-' || s[7] != '-') return -1;
	long y, m, dd;
	if (parse_int(s, 4, 1000, 9999, &y) < 0 || parse_int(s + 5, 2, 1, 12, &m) < 0 ||
	    parse_int(s + 8, 2, 1, 31, &dd) < 0) return -1;
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (dd > mdays[m - 1] || (m == 2 && dd == 29 && !leap)) return -1;
	*year = (int)y;
	return 0;
}

int source_parse_laws(Arena *a, const char *path, const char *text, size_t len,
                      LawList *laws, Diags *d)
{
	int before = d->n;
	Lines L = { 0 };
	laws->v = arena_alloc(a, sizeof *laws->v);
	laws->n = 0;
	laws->path = arena_strdup(a, path);
	if (len > SOURCE_MAX_FILE) {
		diags_add(d, path, 0, "file is larger than %d bytes; is this a list of laws?", SOURCE_MAX_FILE);
		return -1;
	}
	if (split_lines(path, text, len, &L, d) < 0) { free(L.v); return -1; }
	laws->v = arena_alloc(a, (L.n + 1) * sizeof *laws->v);
	char ex[128];
	for (int i = 0; i < L.n; i++) {
		const Line *ln = &L.v[i];
		if (is_blank(ln) || is_comment(ln)) continue;
		const char *f[3];
		size_t fn[3];
		const char *s = ln->s;
		size_t n = ln->n;
		trim(&s, &n);
		int k = split_bars(s, n, f, fn, 3);
		if (k != 3 || !fn[0] || !fn[1] || !fn[2]) {
			diags_add(d, path, ln->no, "expected 'NAME | YYYY-MM-DD | 版本说明' (e.g. 消耗臭氧层物质管理条例 | 2023-12-29 | 2023年修订), got '%s'",
			          excerpt(s, n, ex, sizeof ex));
			continue;
		}
		if (memmem(f[0], fn[0], "《", 3) || memmem(f[0], fn[0], "》", 3)) {
			diags_add(d, path, ln->no, "write the name without 《》: '%s'", excerpt(f[0], fn[0], ex, sizeof ex));
			continue;
		}
		if (!is_law_name(f[0], fn[0])) {
			diags_add(d, path, ln->no, "'%s' is no law name a citation can have (it must end in 法, 条例, 规定, 办法, 细则, 决定, 规则 or 目录)",
			          excerpt(f[0], fn[0], ex, sizeof ex));
			continue;
		}
		int year;
		if (parse_date(f[1], fn[1], &year) < 0) {
			diags_add(d, path, ln->no, "'%s': date '%s' is not a date YYYY-MM-DD",
			          excerpt(f[0], fn[0], ex, sizeof ex), excerpt(f[1], fn[1], ex + 64, 64));
			continue;
		}
		if (version_year(f[2], fn[2]) != year) {
			diags_add(d, path, ln->no, "'%s': 版本说明 '%s' must name the year of the date, %d年",
			          excerpt(f[0], fn[0], ex, sizeof ex), excerpt(f[2], fn[2], ex + 64, 64), year);
			continue;
		}
		const char *key = f[0];
		size_t kn = fn[0];
		law_key(&key, &kn);
		const Law *dup = laws_find(laws, key, kn);
		if (dup) {
			diags_add(d, path, ln->no, "duplicate law '%s' (first on line %d)",
			          excerpt(f[0], fn[0], ex, sizeof ex), dup->line);
			continue;
		}
		Law *w = &laws->v[laws->n++];
		w->name = arena_strndup(a, f[0], fn[0]);
		w->date = arena_strndup(a, f[1], fn[1]);
		w->year = year;
		w->version = arena_strndup(a, f[2], fn[2]);
		w->line = ln->no;
	}
	free(L.v);
	return d->n == before ? 0 : -1;
}

/* ------------------------------------------------------------- tree --- */

typedef struct Files {
	char **v;
	int n, cap;
} Files;

static void files_add(Files *f, const char *p)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		char **v = realloc(f->v, f->cap * sizeof *v);
		if (!v) { perror("realloc"); abort(); }
		f->v = v;
	}
	f->v[f->n++] = strdup(p);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collect *.txt files under dir (depth <= 4), skipping dot-files and the
 * top folder's laws.txt. */
static void walk(const char *dir, int depth, Files *out, Diags *d)
{
	DIR *dh = opendir(dir);
	if (!dh) { diags_add(d, dir, 0, "cannot read folder: %s", strerror(errno)); return; }
	struct dirent *e;
	while ((e = readdir(dh))) {
		if (e->d_name[0] == '.') continue;
		if (depth == 0 && strcmp(e->d_name, "laws.txt") == 0) continue;
		char p[4096];
		if (snprintf(p, sizeof p, "%s/%s", dir, e->d_name) >= (int)sizeof p) continue;
		struct stat st;
		if (stat(p, &st) < 0) continue;
		if (S_ISDIR(st.st_mode)) {
			if (depth < 4) walk(p, depth + 1, out, d);
		} else if (S_ISREG(st.st_mode)) {
			size_t n = strlen(e->d_name);
			if (n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0) files_add(out, p);
		}
	}
	closedir(dh);
}

static char *read_file(const char *path, size_t *len, Diags *d)
{
	FILE *f = fopen(path, "rb");
	if (!f) { diags_add(d, path, 0, "cannot open: %s", strerror(errno)); return NULL; }
	size_t cap = 8192, n = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (n == cap) {
			if (cap > SOURCE_MAX_FILE) break;
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf) { fclose(f); return NULL; }
		}
		size_t r = fread(buf + n, 1, cap - n, f);
		if (r == 0) break;
		n += r;
	}
	if (ferror(f)) {
		diags_add(d, path, 0, "read error: %s", strerror(errno));
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

static int dept_cmp(const void *a, const void *b)
{
	const Dept *x = a, *y = b;
	if (x->order != y->order) return x->order < y->order ? -1 : 1;
	return strcmp(x->code, y->code);
}

static int item_cmp(const void *a, const void *b)
{
	return strcmp(((const Item *)a)->code, ((const Item *)b)->code);
}

/* Line of "key：" in a file we already parsed (for cross-file messages). */
static int field_line(const char *text, size_t len, const char *key)
{
	int no = 1;
	size_t kl = strlen(key);
	size_t i = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) i = 3;
	while (i < len) {
		const char *s = text + i;
		size_t n = len - i;
		while (n && (*s == ' ' || *s == '\t')) { s++; n--; }
		if (n >= kl && memcmp(s, key, kl) == 0) return no;
		while (i < len && text[i] != '\n') i++;
		i++;
		no++;
	}
	return 1;
}

Guide *source_load_dir(const char *dir, SourceInfo *info, Diags *d)
{
	struct stat st;
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		diags_add(d, dir, 0, "not a folder of guide sources");
		return NULL;
	}
	/* The current law texts, if listed. */
	Arena law_arena = { 0 };
	LawList laws = { 0 };
	int have_laws = 0;
	char lawpath[4096];
	if (snprintf(lawpath, sizeof lawpath, "%s/laws.txt", dir) < (int)sizeof lawpath &&
	    stat(lawpath, &st) == 0 && S_ISREG(st.st_mode)) {
		size_t len = 0;
		char *text = read_file(lawpath, &len, d);
		if (text) {
			source_parse_laws(&law_arena, lawpath, text, len, &laws, d);
			have_laws = 1;
			free(text);
		}
	}

	Files files = { 0 };
	walk(dir, 0, &files, d);
	qsort(files.v, files.n, sizeof *files.v, str_cmp);

	Guide *g = calloc(1, sizeof *g);
	if (!g) abort();
	Item *items = arena_alloc(&g->arena, (files.n + 1) * sizeof *items);
	Dept *depts = arena_alloc(&g->arena, (files.n + 1) * sizeof *depts);
	int *item_line = calloc(files.n + 1, sizeof *item_line);      /* 事项编码 / 所属部门 lines */
	int *dept_line = calloc(files.n + 1, sizeof *dept_line);
	int *ok_item = calloc(files.n + 1, sizeof *ok_item);
	int n_items = 0, n_depts = 0;
	crypto_hash_sha256_state hs;
	crypto_hash_sha256_init(&hs);
	int64_t newest = 0;
	size_t dirlen = strlen(dir);

	for (int i = 0; i < files.n; i++) {
		const char *p = files.v[i];
		size_t len = 0;
		char *text = read_file(p, &len, d);
		if (!text) continue;
		if (stat(p, &st) == 0 && st.st_mtime > newest) newest = st.st_mtime;
		const char *rel = p + dirlen + (p[dirlen] == '/');
		crypto_hash_sha256_update(&hs, (const unsigned char *)rel, strlen(rel) + 1);
		uint64_t l64 = len;
		crypto_hash_sha256_update(&hs, (const unsigned char *)&l64, sizeof l64);
		crypto_hash_sha256_update(&hs, (const unsigned char *)text, len);
		if (strcmp(base_name(p), "department.txt") == 0) {
			Dept *dp = &depts[n_depts];
			source_parse_dept(&g->arena, p, text, len, dp, d);
			dept_line[n_depts] = field_line(text, len, "部门编码");
			n_depts++;
		} else {
			Item *it = &items[n_items];
			int r = source_parse_item_laws(&g->arena, p, text, len, have_laws ? &laws : NULL, it, d);
			ok_item[n_items] = r == 0;
			item_line[n_items] = field_line(text, len, "事项编码");
			/* Second slot: the 所属部门 line, stored negative-free in high bits. */
			item_line[n_items] |= field_line(text, len, "所属部门") << 16;
			n_items++;
		}
		free(text);
	}
	if (n_depts == 0 && files.n > 0)
		diags_add(d, dir, 0, "no department.txt found; each department needs one");
	if (files.n == 0)
		diags_add(d, dir, 0, "no guide sources (*.txt) found");

	/* Cross-file checks. */
	for (int i = 0; i < n_depts; i++)
		for (int j = 0; j < i; j++)
			if (*depts[i].code && strcmp(depts[i].code, depts[j].code) == 0) {
				diags_add(d, depts[i].path, dept_line[i], "duplicate 部门编码 '%s' (also in %s:%d)",
				          depts[i].code, depts[j].path, dept_line[j]);
				break;
			}
	for (int i = 0; i < n_items; i++) {
		if (!*items[i].code) continue;
		for (int j = 0; j < i; j++)
			if (strcmp(items[i].code, items[j].code) == 0) {
				diags_add(d, items[i].path, item_line[i] & 0xFFFF, "duplicate 事项编码 '%s' (also in %s:%d)",
				          items[i].code, items[j].path, item_line[j] & 0xFFFF);
				break;
			}
	}
	int *count = calloc(n_depts + 1, sizeof *count);
	for (int i = 0; i < n_items; i++) {
		if (!*items[i].dept_code) continue;
		int found = -1;
		for (int j = 0; j < n_depts; j++)
			if (strcmp(items[i].dept_code, depts[j].code) == 0) { found = j; break; }
		if (found < 0) {
			char known[512] = "";
			for (int j = 0; j < n_depts && strlen(known) < 400; j++) {
				if (j) strcat(known, ", ");
				strncat(known, depts[j].code, 32);
			}
			diags_add(d, items[i].path, item_line[i] >> 16, "所属部门 '%s' is not a 部门编码 of any department.txt (known: %s)",
			          items[i].dept_code, *known ? known : "none");
		} else {
			count[found]++;
		}
	}
	for (int j = 0; j < n_depts; j++)
		if (*depts[j].code && count[j] == 0)
			diags_add(d, depts[j].path, dept_line[j], "department '%s' has no items", depts[j].code);

	/* Attach items to departments, sorted. */
	qsort(depts, n_depts, sizeof *depts, dept_cmp);
	for (int j = 0; j < n_depts; j++) {
		int c = 0;
		for (int i = 0; i < n_items; i++)
			if (strcmp(items[i].dept_code, depts[j].code) == 0) c++;
		depts[j].items = arena_alloc(&g->arena, (c + 1) * sizeof(Item));
		for (int i = 0; i < n_items; i++)
			if (strcmp(items[i].dept_code, depts[j].code) == 0)
				depts[j].items[depts[j].n_items++] = items[i];
		qsort(depts[j].items, depts[j].n_items, sizeof(Item), item_cmp);
		g->n_items += depts[j].n_items;
	}
	g->depts = depts;
	g->n_depts = n_depts;

	if (info) {
		unsigned char h[crypto_hash_sha256_BYTES];
		crypto_hash_sha256_final(&hs, h);
		for (int i = 0; i < (int)sizeof h; i++) sprintf(info->hash + 2 * i, "%02x", h[i]);
		info->newest_mtime = newest;
		info->n_files = files.n;
	}
	for (int i = 0; i < files.n; i++) free(files.v[i]);
	free(files.v);
	free(item_line);
	free(dept_line);
	free(ok_item);
	free(count);
	arena_free(&law_arena);
	return g;
}
