/* status.c — status.json: atomic writes, tolerant reads, a lock for
 * read-modify-write. The parser reads objects nested to any depth into
 * dotted keys ("last_attempt.error") and keeps only the keys it knows. */
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "status.h"

/* ------------------------------------------------------------ writing --- */

static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') fprintf(f, "\\%c", *p);
		else if (*p == '\n') fputs("\\n", f);
		else if (*p == '\t') fputs("\\t", f);
		else if (*p < 0x20 || *p == 0x7f) fprintf(f, "\\u%04x", *p);
		else fputc(*p, f);
	}
	fputc('"', f);
}

static void json_bundle(FILE *f, const StatusBundle *b)
{
	if (!b->present) { fputs("null", f); return; }
	fprintf(f, "{\"version\": %lld, \"built_at\": ", (long long)b->version);
	json_string(f, b->built_at);
	fprintf(f, ", \"departments\": %d, \"items\": %d}", b->departments, b->items);
}

void status_write_json(FILE *f, const Status *s)
{
	fputs("{\n  \"current\": ", f);
	json_bundle(f, &s->current);
	fputs(",\n  \"previous\": ", f);
	json_bundle(f, &s->previous);
	fputs(",\n  \"last_attempt\": {\"time\": ", f);
	json_string(f, s->attempt_time);
	fputs(", \"source\": ", f);
	json_string(f, s->attempt_source);
	fputs(", \"result\": ", f);
	json_string(f, s->attempt_result[0] ? s->attempt_result : "none");
	fputs(", \"error\": ", f);
	json_string(f, s->attempt_error);
	fputs("},\n  \"last_success\": {\"time\": ", f);
	json_string(f, s->success_time);
	fputs(", \"source\": ", f);
	json_string(f, s->success_source);
	fprintf(f, ", \"version\": %lld},\n", (long long)s->success_version);
	fprintf(f, "  \"held_version\": %lld,\n", (long long)s->held_version);
	fputs("  \"kiosk\": {\"time\": ", f);
	json_string(f, s->kiosk_time);
	fputs(", \"error\": ", f);
	json_string(f, s->kiosk_error);
	fprintf(f, ", \"version\": %lld}\n}\n", (long long)s->kiosk_version);
}

int status_save(const char *dir, const Status *s, char *err, size_t errlen)
{
	char path[4096], tmp[4200];
	snprintf(path, sizeof path, "%s/status.json", dir);
	snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot create: %s", tmp, strerror(errno));
		return -1;
	}
	fchmod(fd, 0644);
	FILE *f = fdopen(fd, "w");
	if (!f) { close(fd); unlink(tmp); snprintf(err, errlen, "%s: fdopen failed", tmp); return -1; }
	status_write_json(f, s);
	int bad = fflush(f) != 0 || fsync(fileno(f)) != 0;
	bad |= fclose(f) != 0;
	if (bad || rename(tmp, path) < 0) {
		snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ reading --- */

typedef struct Parser {
	const char *p, *end;
	Status *s;
	int depth;
} Parser;

static void ws(Parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\t' || *ps->p == '\r')) ps->p++;
}

/* A JSON string into out (truncated to n); \u escapes below 0x80 only,
 * others become '?' (we never write them). */
static int str(Parser *ps, char *out, size_t n)
{
	size_t k = 0;
	if (ps->p >= ps->end || *ps->p != '"') return -1;
	ps->p++;
	while (ps->p < ps->end && *ps->p != '"') {
		char c = *ps->p++;
		if (c == '\\') {
			if (ps->p >= ps->end) return -1;
			c = *ps->p++;
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'u': {
				if (ps->end - ps->p < 4) return -1;
				char hex[5] = { ps->p[0], ps->p[1], ps->p[2], ps->p[3], 0 };
				char *e;
				long v = strtol(hex, &e, 16);
				if (*e) return -1;
				ps->p += 4;
				c = v > 0 && v < 0x80 ? (char)v : '?';
				break;
			}
			default: break;         /* \" \\ \/ */
			}
		}
		if (k + 1 < n) out[k++] = c;
	}
	if (ps->p >= ps->end) return -1;
	ps->p++;
	if (n) out[k] = 0;
	return 0;
}

static void store(Status *s, const char *key, const char *v, int is_null)
{
	static const struct { const char *key; size_t off; size_t size; } strs[] = {
#define S(k, f) { k, offsetof(Status, f), sizeof(((Status *)0)->f) }
		S("current.built_at", current.built_at), S("previous.built_at", previous.built_at),
		S("last_attempt.time", attempt_time), S("last_attempt.source", attempt_source),
		S("last_attempt.result", attempt_result), S("last_attempt.error", attempt_error),
		S("last_success.time", success_time), S("last_success.source", success_source),
		S("kiosk.time", kiosk_time), S("kiosk.error", kiosk_error),
#undef S
	};
	static const struct { const char *key; size_t off; int is64; } nums[] = {
		{ "current.version", offsetof(Status, current.version), 1 },
		{ "current.departments", offsetof(Status, current.departments), 0 },
		{ "current.items", offsetof(Status, current.items), 0 },
		{ "previous.version", offsetof(Status, previous.version), 1 },
		{ "previous.departments", offsetof(Status, previous.departments), 0 },
		{ "previous.items", offsetof(Status, previous.items), 0 },
		{ "last_success.version", offsetof(Status, success_version), 1 },
		{ "held_version", offsetof(Status, held_version), 1 },
		{ "kiosk.version", offsetof(Status, kiosk_version), 1 },
	};
	if (is_null) return;
	if (!strncmp(key, "current.", 8)) s->current.present = 1;
	if (!strncmp(key, "previous.", 9)) s->previous.present = 1;
	for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
		if (!strcmp(key, strs[i].key)) {
			snprintf((char *)s + strs[i].off, strs[i].size, "%s", v);
			return;
		}
	for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
		if (!strcmp(key, nums[i].key)) {
			long long x = strtoll(v, NULL, 10);
			if (nums[i].is64) *(int64_t *)((char *)s + nums[i].off) = x;
			else *(int *)((char *)s + nums[i].off) = (int)x;
			return;
		}
}

static int value(Parser *ps, const char *key)
{
	char buf[STATUS_STR];
	ws(ps);
	if (ps->p >= ps->end) return -1;
	if (*ps->p == '{') {
		if (++ps->depth > 8) return -1;
		ps->p++;
		ws(ps);
		if (ps->p < ps->end && *ps->p == '}') { ps->p++; ps->depth--; return 0; }
		for (;;) {
			char name[64], full[160];
			ws(ps);
			if (str(ps, name, sizeof name) < 0) return -1;
			ws(ps);
			if (ps->p >= ps->end || *ps->p != ':') return -1;
			ps->p++;
			snprintf(full, sizeof full, "%s%s%s", key, *key ? "." : "", name);
			if (value(ps, full) < 0) return -1;
			ws(ps);
			if (ps->p < ps->end && *ps->p == ',') { ps->p++; continue; }
			if (ps->p < ps->end && *ps->p == '}') { ps->p++; ps->depth--; return 0; }
			return -1;
		}
	}
	if (*ps->p == '"') {
		if (str(ps, buf, sizeof buf) < 0) return -1;
		store(ps->s, key, buf, 0);
		return 0;
	}
	/* number, true, false, null: up to a delimiter */
	size_t k = 0;
	while (ps->p < ps->end && !strchr(",}] \n\t\r", *ps->p)) {
		if (k + 1 < sizeof buf) buf[k++] = *ps->p;
		ps->p++;
	}
	buf[k] = 0;
	if (k == 0) return -1;
	store(ps->s, key, buf, !strcmp(buf, "null"));
	return 0;
}

int status_parse(const char *text, size_t len, Status *s)
{
	Parser ps = { text, text + len, s, 0 };
	memset(s, 0, sizeof *s);
	ws(&ps);
	if (ps.p >= ps.end || *ps.p != '{') return -1;
	return value(&ps, "");
}

void status_load(const char *dir, Status *s)
{
	char path[4096];
	memset(s, 0, sizeof *s);
	snprintf(path, sizeof path, "%s/status.json", dir);
	FILE *f = fopen(path, "rb");
	if (!f) return;
	char *buf = malloc(1 << 16);
	size_t n = buf ? fread(buf, 1, 1 << 16, f) : 0;
	fclose(f);
	if (buf && status_parse(buf, n, s) < 0)
		memset(s, 0, sizeof *s);    /* damaged: keep nothing half-read */
	free(buf);
}

/* ------------------------------------------------------------ locking --- */

int status_lock(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/status.lock", dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) return -1;
	while (flock(fd, LOCK_EX) < 0 && errno == EINTR) {}
	return fd;
}

void status_unlock(int fd)
{
	if (fd >= 0) close(fd);         /* closing releases the flock */
}

void status_now(char buf[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
