/* status.c — status.json: atomic writes, tolerant reads, a lock for
 * read-modify-write. JSON is cJSON's; the reader walks nested objects as
 * dotted keys ("last_attempt.error") and keeps only the keys it knows. */
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cJSON.h>
#include "status.h"

/* ------------------------------------------------------------ writing --- */

static void add_bundle(cJSON *o, const char *name, const StatusBundle *b)
{
	if (!b->present) { cJSON_AddNullToObject(o, name); return; }
	cJSON *j = cJSON_AddObjectToObject(o, name);
	cJSON_AddNumberToObject(j, "version", (double)b->version);
	cJSON_AddStringToObject(j, "built_at", b->built_at);
	cJSON_AddNumberToObject(j, "departments", b->departments);
	cJSON_AddNumberToObject(j, "items", b->items);
}

void status_write_json(FILE *f, const Status *s)
{
	cJSON *o = cJSON_CreateObject();
	add_bundle(o, "current", &s->current);
	add_bundle(o, "previous", &s->previous);
	cJSON *a = cJSON_AddObjectToObject(o, "last_attempt");
	cJSON_AddStringToObject(a, "time", s->attempt_time);
	cJSON_AddStringToObject(a, "source", s->attempt_source);
	cJSON_AddStringToObject(a, "result", s->attempt_result[0] ? s->attempt_result : "none");
	cJSON_AddStringToObject(a, "error", s->attempt_error);
	cJSON *ok = cJSON_AddObjectToObject(o, "last_success");
	cJSON_AddStringToObject(ok, "time", s->success_time);
	cJSON_AddStringToObject(ok, "source", s->success_source);
	cJSON_AddNumberToObject(ok, "version", (double)s->success_version);
	cJSON_AddNumberToObject(o, "held_version", (double)s->held_version);
	cJSON *k = cJSON_AddObjectToObject(o, "kiosk");
	cJSON_AddStringToObject(k, "time", s->kiosk_time);
	cJSON_AddStringToObject(k, "error", s->kiosk_error);
	cJSON_AddNumberToObject(k, "version", (double)s->kiosk_version);
	char *text = cJSON_Print(o);
	if (text) { fputs(text, f); fputc('\n', f); }
	cJSON_free(text);
	cJSON_Delete(o);
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

/* One value at dotted key ("last_attempt.error") into s, if s has that key
 * and the value has its type; anything else is ignored. */
static void store(Status *s, const char *key, const cJSON *v)
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
	if (cJSON_IsNull(v)) return;
	if (!strncmp(key, "current.", 8)) s->current.present = 1;
	if (!strncmp(key, "previous.", 9)) s->previous.present = 1;
	if (cJSON_IsString(v)) {
		for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
			if (!strcmp(key, strs[i].key)) {
				snprintf((char *)s + strs[i].off, strs[i].size, "%s", v->valuestring);
				return;
			}
	}
	if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		/* Out of range (or NaN) reads as 0, never as undefined behaviour. */
		long long x = d >= -9.2e18 && d <= 9.2e18 ? (long long)d : 0;
		for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
			if (!strcmp(key, nums[i].key)) {
				if (nums[i].is64) *(int64_t *)((char *)s + nums[i].off) = x;
				else *(int *)((char *)s + nums[i].off) = x >= INT_MIN && x <= INT_MAX ? (int)x : 0;
				return;
			}
	}
}

/* Every member of object o, nested objects as dotted keys (two levels are
 * all the format has; deeper ones cannot match a key and are skipped). */
static void walk(Status *s, const char *prefix, const cJSON *o, int depth)
{
	const cJSON *v;
	cJSON_ArrayForEach(v, o) {
		char key[160];
		if (!v->string) continue;
		snprintf(key, sizeof key, "%s%s%s", prefix, *prefix ? "." : "", v->string);
		if (cJSON_IsObject(v)) {
			if (depth < 2) walk(s, key, v, depth + 1);
		} else store(s, key, v);
	}
}

int status_parse(const char *text, size_t len, Status *s)
{
	memset(s, 0, sizeof *s);
	cJSON *o = cJSON_ParseWithLength(text, len);
	if (!o) return -1;
	int rc = cJSON_IsObject(o) ? 0 : -1;
	if (!rc) walk(s, "", o, 0);
	cJSON_Delete(o);
	return rc;
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
