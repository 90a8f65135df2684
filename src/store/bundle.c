/* bundle.c — write and read the SQLite guide bundle. The only module that
 * runs SQL. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sqlite3.h>
#include "base/hash.h"
#include "bundle.h"

static const char *schema_sql =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE departments(code TEXT PRIMARY KEY, seq INTEGER NOT NULL,"
	" name TEXT NOT NULL, short_name TEXT NOT NULL, icon TEXT NOT NULL,"
	" window TEXT NOT NULL, floor TEXT NOT NULL, phone TEXT NOT NULL, hours TEXT NOT NULL);"
	"CREATE TABLE items(code TEXT PRIMARY KEY, dept_code TEXT NOT NULL, seq INTEGER NOT NULL,"
	" name TEXT NOT NULL, type TEXT NOT NULL, target TEXT NOT NULL, location TEXT NOT NULL,"
	" hours TEXT NOT NULL, phone TEXT NOT NULL, visits INTEGER NOT NULL, url TEXT NOT NULL,"
	" synonyms TEXT NOT NULL, popularity INTEGER NOT NULL, basis TEXT NOT NULL,"
	" conditions TEXT NOT NULL, fees TEXT NOT NULL, legal_unit INTEGER NOT NULL,"
	" legal_n INTEGER NOT NULL, promised_unit INTEGER NOT NULL, promised_n INTEGER NOT NULL,"
	" time_note TEXT NOT NULL, pinyin TEXT NOT NULL, initials TEXT NOT NULL,"
	" synonyms_pinyin TEXT NOT NULL);"
	"CREATE INDEX items_by_dept ON items(dept_code, seq);"
	"CREATE TABLE materials(item_code TEXT NOT NULL, seq INTEGER NOT NULL, name TEXT NOT NULL,"
	" form TEXT NOT NULL, copies INTEGER NOT NULL, note TEXT NOT NULL, PRIMARY KEY(item_code, seq));"
	"CREATE TABLE steps(item_code TEXT NOT NULL, seq INTEGER NOT NULL, step TEXT NOT NULL,"
	" who TEXT NOT NULL, time TEXT NOT NULL, PRIMARY KEY(item_code, seq));"
	/* Text of the guide for search (bundle_text_search): contentless, so it
	 * adds only the trigram index; rowid = the item's search rank. */
	"CREATE VIRTUAL TABLE item_text USING fts5(body, tokenize='trigram', content='', columnsize=0);";

#ifndef BUNDLE_CACHE_KIB_STR
#define BUNDLE_CACHE_KIB_STR "512"     /* SQLite page cache, KiB */
#endif

struct Bundle {
	sqlite3 *db;
	sqlite3_stmt *item_q, *mat_q, *step_q;
	sqlite3_stmt *text_q;           /* prepared on first bundle_text_search() */
	BundleMeta meta;
	char *popular;                  /* meta 'popular', or NULL */
};

static void set_err(char *err, size_t n, const char *fmt, const char *a, const char *b)
{
	if (err && n) snprintf(err, n, fmt, a, b);
}

/* ------------------------------------------------------------ writing --- */

static int exec(sqlite3 *db, const char *sql, char *err, size_t errlen)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		set_err(err, errlen, "sqlite: %s (%s)", msg ? msg : "?", "exec");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int fsync_path(const char *path, int dir)
{
	int fd = open(path, dir ? O_RDONLY | O_DIRECTORY : O_RDONLY);
	if (fd < 0) return -1;
	int r = fsync(fd);
	close(fd);
	return r;
}

static void dir_of(const char *path, char *out, size_t n)
{
	const char *s = strrchr(path, '/');
	if (!s) snprintf(out, n, ".");
	else if (s == path) snprintf(out, n, "/");
	else snprintf(out, n, "%.*s", (int)(s - path), path);
}

#define BIND_TEXT(st, i, v) sqlite3_bind_text(st, i, (v) ? (v) : "", -1, SQLITE_STATIC)

static int insert_guide(sqlite3 *db, const Guide *g, char *err, size_t errlen)
{
	sqlite3_stmt *dq = NULL, *iq = NULL, *mq = NULL, *sq = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(db, "INSERT INTO departments VALUES(?,?,?,?,?,?,?,?,?)", -1, &dq, NULL) ||
	    sqlite3_prepare_v2(db, "INSERT INTO items VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &iq, NULL) ||
	    sqlite3_prepare_v2(db, "INSERT INTO materials VALUES(?,?,?,?,?,?)", -1, &mq, NULL) ||
	    sqlite3_prepare_v2(db, "INSERT INTO steps VALUES(?,?,?,?,?)", -1, &sq, NULL)) {
		set_err(err, errlen, "sqlite: %s%s", sqlite3_errmsg(db), "");
		goto done;
	}
	for (int d = 0; d < g->n_depts; d++) {
		const Dept *dp = &g->depts[d];
		sqlite3_reset(dq);
		BIND_TEXT(dq, 1, dp->code);
		sqlite3_bind_int(dq, 2, d);
		BIND_TEXT(dq, 3, dp->name);
		BIND_TEXT(dq, 4, dp->short_name);
		BIND_TEXT(dq, 5, dp->icon);
		BIND_TEXT(dq, 6, dp->window);
		BIND_TEXT(dq, 7, dp->floor);
		BIND_TEXT(dq, 8, dp->phone);
		BIND_TEXT(dq, 9, dp->hours);
		if (sqlite3_step(dq) != SQLITE_DONE) {
			set_err(err, errlen, "department '%s': %s", dp->code, sqlite3_errmsg(db));
			goto done;
		}
		for (int i = 0; i < dp->n_items; i++) {
			const Item *it = &dp->items[i];
			sqlite3_reset(iq);
			BIND_TEXT(iq, 1, it->code);
			BIND_TEXT(iq, 2, dp->code);
			sqlite3_bind_int(iq, 3, i);
			BIND_TEXT(iq, 4, it->name);
			BIND_TEXT(iq, 5, it->type);
			BIND_TEXT(iq, 6, it->target);
			BIND_TEXT(iq, 7, it->location);
			BIND_TEXT(iq, 8, it->hours);
			BIND_TEXT(iq, 9, it->phone);
			sqlite3_bind_int(iq, 10, it->visits);
			BIND_TEXT(iq, 11, it->url);
			BIND_TEXT(iq, 12, it->synonyms);
			sqlite3_bind_int(iq, 13, it->popularity);
			BIND_TEXT(iq, 14, it->basis);
			BIND_TEXT(iq, 15, it->conditions);
			BIND_TEXT(iq, 16, it->fees);
			sqlite3_bind_int(iq, 17, it->time_limit.legal.unit);
			sqlite3_bind_int(iq, 18, it->time_limit.legal.n);
			sqlite3_bind_int(iq, 19, it->time_limit.promised.unit);
			sqlite3_bind_int(iq, 20, it->time_limit.promised.n);
			BIND_TEXT(iq, 21, it->time_limit.note);
			BIND_TEXT(iq, 22, it->pinyin);
			BIND_TEXT(iq, 23, it->initials);
			BIND_TEXT(iq, 24, it->synonyms_pinyin);
			if (sqlite3_step(iq) != SQLITE_DONE) {
				set_err(err, errlen, "item '%s': %s", it->code, sqlite3_errmsg(db));
				goto done;
			}
			for (int m = 0; m < it->n_materials; m++) {
				const Material *mt = &it->materials[m];
				sqlite3_reset(mq);
				BIND_TEXT(mq, 1, it->code);
				sqlite3_bind_int(mq, 2, m);
				BIND_TEXT(mq, 3, mt->name);
				BIND_TEXT(mq, 4, mt->form);
				sqlite3_bind_int(mq, 5, mt->copies);
				BIND_TEXT(mq, 6, mt->note);
				if (sqlite3_step(mq) != SQLITE_DONE) {
					set_err(err, errlen, "item '%s' material: %s", it->code, sqlite3_errmsg(db));
					goto done;
				}
			}
			for (int s = 0; s < it->n_steps; s++) {
				const Step *st = &it->steps[s];
				sqlite3_reset(sq);
				BIND_TEXT(sq, 1, it->code);
				sqlite3_bind_int(sq, 2, s);
				BIND_TEXT(sq, 3, st->step);
				BIND_TEXT(sq, 4, st->who);
				BIND_TEXT(sq, 5, st->time);
				if (sqlite3_step(sq) != SQLITE_DONE) {
					set_err(err, errlen, "item '%s' step: %s", it->code, sqlite3_errmsg(db));
					goto done;
				}
			}
		}
	}
	rc = 0;
done:
	sqlite3_finalize(dq);
	sqlite3_finalize(iq);
	sqlite3_finalize(mq);
	sqlite3_finalize(sq);
	return rc;
}

/* ------------------------------------------------ text of the guide --- */

static int cmp_rank(const void *a, const void *b)
{
	const Item *x = *(const Item *const *)a, *y = *(const Item *const *)b;
	if (x->popularity != y->popularity) return x->popularity > y->popularity ? -1 : 1;
	return strcmp(x->code, y->code);
}

static void text_put(char **buf, size_t *n, size_t *cap, const char *s)
{
	size_t k = strlen(s ? s : "");
	if (*n + k + 2 > *cap) {
		size_t c = *cap ? *cap : 4096;
		while (c < *n + k + 2) c *= 2;
		char *nb = realloc(*buf, c);
		if (!nb) { fprintf(stderr, "%s:%d: out of memory\n", __FILE__, __LINE__); abort(); }
		*buf = nb;
		*cap = c;
	}
	memcpy(*buf + *n, s ? s : "", k);
	*n += k;
	(*buf)[(*n)++] = '\n';
	(*buf)[*n] = 0;
}

/* Every item of g in rank order (malloc'd, *n of them), or NULL. */
static const Item **by_rank(const Guide *g, int *n)
{
	const Item **v = malloc((g->n_items + 1) * sizeof *v);
	*n = 0;
	if (!v) return NULL;
	for (int d = 0; d < g->n_depts; d++)
		for (int i = 0; i < g->depts[d].n_items && *n < g->n_items; i++) v[(*n)++] = &g->depts[d].items[i];
	qsort(v, *n, sizeof *v, cmp_rank);
	return v;
}

/* meta 'popular': the codes of the first BUNDLE_POPULAR_MAX of the n
 * ranked items v, space-separated (codes have no spaces: source.c).
 * malloc'd, or NULL. */
static char *popular_list(const Item *const *v, int n)
{
	if (n > BUNDLE_POPULAR_MAX) n = BUNDLE_POPULAR_MAX;
	size_t len = 1;
	for (int k = 0; k < n; k++) len += strlen(v[k]->code) + 1;
	char *s = malloc(len);
	if (s) {
		size_t at = 0;
		for (int k = 0; k < n; k++)
			at += (size_t)sprintf(s + at, "%s%s", k ? " " : "", v[k]->code);
		s[at] = 0;
	}
	return s;
}

/* Index basis, conditions and materials (name and note) of the n items v,
 * ranked, in item_text, rowid = 1 + the item's rank (see
 * bundle_text_search). */
static int insert_text(sqlite3 *db, const Item *const *v, int n, char *err, size_t errlen)
{
	sqlite3_stmt *q = NULL;
	char *buf = NULL;
	size_t cap = 0;
	int rc = -1;
	if (sqlite3_prepare_v2(db, "INSERT INTO item_text(rowid, body) VALUES(?,?)", -1, &q, NULL)) {
		set_err(err, errlen, "sqlite: %s%s", sqlite3_errmsg(db), "");
		goto done;
	}
	for (int k = 0; k < n; k++) {
		const Item *it = v[k];
		size_t len = 0;
		text_put(&buf, &len, &cap, it->basis);
		text_put(&buf, &len, &cap, it->conditions);
		for (int m = 0; m < it->n_materials; m++) {
			text_put(&buf, &len, &cap, it->materials[m].name);
			text_put(&buf, &len, &cap, it->materials[m].note);
		}
		sqlite3_reset(q);
		sqlite3_bind_int(q, 1, k + 1);
		sqlite3_bind_text(q, 2, buf, (int)len, SQLITE_STATIC);
		if (sqlite3_step(q) != SQLITE_DONE) {
			set_err(err, errlen, "item '%s' text: %s", it->code, sqlite3_errmsg(db));
			goto done;
		}
	}
	rc = exec(db, "INSERT INTO item_text(item_text) VALUES('optimize');", err, errlen);
done:
	sqlite3_finalize(q);
	free(buf);
	return rc;
}

/* The meta rows of g, whose n items ranked are v. */
static int insert_meta(sqlite3 *db, const Guide *g, const Item *const *v_ranked, int n,
                       int64_t version, const char *hash, char *err, size_t errlen)
{
	time_t t = 0;
	struct tm tm;
	char built[32], v[32], nd[16], ni[16], sv[16];
	/* version is YYYYMMDDHHMMSS; built_at is the same instant in ISO 8601. */
	snprintf(v, sizeof v, "%lld", (long long)version);
	memset(&tm, 0, sizeof tm);
	if (sscanf(v, "%4d%2d%2d%2d%2d%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	           &tm.tm_hour, &tm.tm_min, &tm.tm_sec) == 6) {
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		t = timegm(&tm);
	}
	gmtime_r(&t, &tm);
	strftime(built, sizeof built, "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(nd, sizeof nd, "%d", g->n_depts);
	snprintf(ni, sizeof ni, "%d", g->n_items);
	snprintf(sv, sizeof sv, "%d", BUNDLE_SCHEMA_VERSION);
	char *popular = popular_list(v_ranked, n);
	if (!popular) {
		set_err(err, errlen, "meta: %s%s", "out of memory", "");
		return -1;
	}
	const char *kv[][2] = {
		{ "schema_version", sv }, { "bundle_version", v }, { "built_at", built },
		{ "source_hash", hash ? hash : "" }, { "departments", nd }, { "items", ni },
		{ "generator", "kioskctl" }, { "popular", popular },
	};
	sqlite3_stmt *q;
	int rc = -1;
	if (sqlite3_prepare_v2(db, "INSERT INTO meta VALUES(?,?)", -1, &q, NULL)) {
		set_err(err, errlen, "sqlite: %s%s", sqlite3_errmsg(db), "");
		free(popular);
		return -1;
	}
	for (size_t i = 0; i < sizeof kv / sizeof *kv; i++) {
		sqlite3_reset(q);
		BIND_TEXT(q, 1, kv[i][0]);
		BIND_TEXT(q, 2, kv[i][1]);
		if (sqlite3_step(q) != SQLITE_DONE) {
			set_err(err, errlen, "meta: %s%s", sqlite3_errmsg(db), "");
			goto done;
		}
	}
	rc = 0;
done:
	sqlite3_finalize(q);
	free(popular);
	return rc;
}

int64_t bundle_version_from_time(int64_t unix_seconds)
{
	time_t t = (time_t)unix_seconds;
	struct tm tm;
	gmtime_r(&t, &tm);
	return (int64_t)(tm.tm_year + 1900) * 10000000000LL + (int64_t)(tm.tm_mon + 1) * 100000000LL +
	       (int64_t)tm.tm_mday * 1000000LL + tm.tm_hour * 10000LL + tm.tm_min * 100LL + tm.tm_sec;
}

int bundle_write(const Guide *g, const char *path, const BundleWriteOpts *o,
                 char *err, size_t errlen)
{
	char tmp[4096], dir[4096];
	sqlite3 *db = NULL;
	if (snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", path) >= (int)sizeof tmp) {
		set_err(err, errlen, "%s: path too long%s", path, "");
		return -1;
	}
	/* the items by rank: item_text's rowids and meta 'popular' */
	int n_ranked;
	const Item **ranked = by_rank(g, &n_ranked);
	if (!ranked) {
		set_err(err, errlen, "%s: out of memory%s", path, "");
		return -1;
	}
	int fd = mkstemp(tmp);
	if (fd < 0) {
		set_err(err, errlen, "%s: cannot create temporary file: %s", path, strerror(errno));
		free(ranked);
		return -1;
	}
	/* Bundles are public data: readable by the kiosk's own user. */
	fchmod(fd, 0644);
	close(fd);
	if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		set_err(err, errlen, "%s: %s", tmp, db ? sqlite3_errmsg(db) : "cannot open");
		goto fail;
	}
	if (exec(db, "PRAGMA page_size=4096; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
	             "PRAGMA encoding='UTF-8'; BEGIN;", err, errlen) < 0 ||
	    exec(db, schema_sql, err, errlen) < 0 ||
	    insert_guide(db, g, err, errlen) < 0 ||
	    insert_text(db, ranked, n_ranked, err, errlen) < 0 ||
	    insert_meta(db, g, ranked, n_ranked, o && o->version ? o->version : 0,
	                o ? o->source_hash : "", err, errlen) < 0 ||
	    exec(db, "COMMIT; VACUUM;", err, errlen) < 0)
		goto fail;
	if (sqlite3_close(db) != SQLITE_OK) {
		db = NULL;
		set_err(err, errlen, "%s: close failed%s", tmp, "");
		goto fail;
	}
	db = NULL;
	if (fsync_path(tmp, 0) < 0) {
		set_err(err, errlen, "%s: fsync: %s", tmp, strerror(errno));
		goto fail;
	}
	if (rename(tmp, path) < 0) {
		set_err(err, errlen, "%s: rename: %s", path, strerror(errno));
		goto fail;
	}
	dir_of(path, dir, sizeof dir);
	fsync_path(dir, 1);
	free(ranked);
	return 0;
fail:
	if (db) sqlite3_close(db);
	unlink(tmp);
	free(ranked);
	return -1;
}

/* ------------------------------------------------------------ reading --- */

static const char *col(sqlite3_stmt *q, int i, Arena *a)
{
	const unsigned char *t = sqlite3_column_text(q, i);
	return arena_strndup(a, t ? (const char *)t : "", t ? (size_t)sqlite3_column_bytes(q, i) : 0);
}

/* One copy of each distinct string of an index load: most item fields
 * repeat (type, target, department, location, hours, phone; "" for every
 * field a guide leaves empty), and at 10,000 items the copies were a third
 * of the index. Open addressing over the strings' bytes; the strings live
 * in the Guide's arena, the table only during the load. */
typedef struct Interned {
	const char **slot;
	size_t cap, n;                  /* cap a power of two, 0: no table (copy) */
} Interned;

static uint64_t str_hash(const char *s, size_t n)
{
	return fnv1a(FNV1A_OFFSET, s, n);
}

static int intern_grow(Interned *t)
{
	size_t cap = t->cap ? t->cap * 2 : 256;
	const char **slot = calloc(cap, sizeof *slot);
	if (!slot) return -1;
	for (size_t i = 0; i < t->cap; i++) {
		const char *s = t->slot[i];
		if (!s) continue;
		size_t j = str_hash(s, strlen(s)) & (cap - 1);
		while (slot[j]) j = (j + 1) & (cap - 1);
		slot[j] = s;
	}
	free(t->slot);
	t->slot = slot;
	t->cap = cap;
	return 0;
}

/* Column i as a string shared with every equal one loaded before. */
static const char *col_shared(sqlite3_stmt *q, int i, Arena *a, Interned *t)
{
	const char *s = (const char *)sqlite3_column_text(q, i);
	size_t n = s ? (size_t)sqlite3_column_bytes(q, i) : 0;
	if (!s) s = "";
	if ((t->n + 1) * 4 > t->cap * 3 && intern_grow(t) < 0)
		return arena_strndup(a, s, n);          /* no table: a copy is still right */
	size_t j = str_hash(s, n) & (t->cap - 1);
	for (; t->slot[j]; j = (j + 1) & (t->cap - 1))
		if (!strncmp(t->slot[j], s, n) && t->slot[j][n] == 0) return t->slot[j];
	t->n++;
	return t->slot[j] = arena_strndup(a, s, n);
}

static TimeValue time_value(int unit, int n)
{
	TimeValue v = { TL_NONE, 0 };
	if (unit >= TL_NONE && unit <= TL_UNSET) { v.unit = (TimeUnit)unit; v.n = n; }
	return v;
}

Bundle *bundle_open_readonly(const char *path, char *err, size_t errlen)
{
	Bundle *b = calloc(1, sizeof *b);
	if (!b) return NULL;
	/* NOMUTEX: a Bundle is used by one thread at a time (the kiosk opens
	 * it on its bundle thread and hands it to the main thread; maintenance
	 * threads open their own), so SQLite need not lock the connection
	 * around every call: the index load takes and gives back that lock for
	 * each column it reads (at 10,000 items: load 61.6 -> 56.4 ms median,
	 * 15 interleaved pairs, start-up threads running). */
	if (sqlite3_open_v2(path, &b->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		set_err(err, errlen, "%s: %s", path, b->db ? sqlite3_errmsg(b->db) : "cannot open");
		goto fail;
	}
	sqlite3_db_config(b->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)0);
	sqlite3_db_config(b->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, (int *)0);
	sqlite3_db_config(b->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)0);
	/* A bounded page cache (SQLite's default is 2 MB per connection):
	 * after the index load (which releases what it read) the kiosk reads
	 * one guide or one search's trigram pages at a time, and the
	 * operating system's page cache keeps the file itself. */
	sqlite3_exec(b->db, "PRAGMA cache_size=-" BUNDLE_CACHE_KIB_STR, NULL, NULL, NULL);
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(b->db, "SELECT key, value FROM meta", -1, &q, NULL) != SQLITE_OK) {
		set_err(err, errlen, "%s: not a guide bundle (%s)", path, sqlite3_errmsg(b->db));
		goto fail;
	}
	b->meta.schema_version = -1;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(q, 0);
		const char *v = (const char *)sqlite3_column_text(q, 1);
		if (!k || !v) continue;
		if (!strcmp(k, "schema_version")) b->meta.schema_version = atoi(v);
		else if (!strcmp(k, "bundle_version")) b->meta.bundle_version = strtoll(v, NULL, 10);
		else if (!strcmp(k, "built_at")) snprintf(b->meta.built_at, sizeof b->meta.built_at, "%s", v);
		else if (!strcmp(k, "source_hash")) snprintf(b->meta.source_hash, sizeof b->meta.source_hash, "%s", v);
		else if (!strcmp(k, "departments")) b->meta.n_departments = atoi(v);
		else if (!strcmp(k, "items")) b->meta.n_items = atoi(v);
		else if (!strcmp(k, "popular")) {
			free(b->popular);
			b->popular = strdup(v);         /* NULL: read as a bundle without one */
		}
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		set_err(err, errlen, "%s: cannot read meta: %s", path, sqlite3_errmsg(b->db));
		goto fail;
	}
	if (b->meta.schema_version != BUNDLE_SCHEMA_VERSION) {
		char want[64];
		snprintf(want, sizeof want, "%d (this program reads %d)", b->meta.schema_version, BUNDLE_SCHEMA_VERSION);
		set_err(err, errlen, "%s: unsupported schema version %s", path, want);
		goto fail;
	}
	if (sqlite3_prepare_v2(b->db,
	        "SELECT code, name, type, target, dept_code, location, hours, phone, visits, url,"
	        " synonyms, popularity, basis, conditions, fees, legal_unit, legal_n,"
	        " promised_unit, promised_n, time_note, pinyin, initials, synonyms_pinyin FROM items WHERE code=?",
	        -1, &b->item_q, NULL) ||
	    sqlite3_prepare_v2(b->db, "SELECT name, form, copies, note FROM materials WHERE item_code=? ORDER BY seq",
	        -1, &b->mat_q, NULL) ||
	    sqlite3_prepare_v2(b->db, "SELECT step, who, time FROM steps WHERE item_code=? ORDER BY seq",
	        -1, &b->step_q, NULL)) {
		set_err(err, errlen, "%s: %s", path, sqlite3_errmsg(b->db));
		goto fail;
	}
	return b;
fail:
	bundle_close(b);
	return NULL;
}

void bundle_close(Bundle *b)
{
	if (!b) return;
	sqlite3_finalize(b->item_q);
	sqlite3_finalize(b->mat_q);
	sqlite3_finalize(b->step_q);
	sqlite3_finalize(b->text_q);
	sqlite3_close(b->db);
	free(b->popular);
	free(b);
}

const BundleMeta *bundle_meta(const Bundle *b)
{
	return &b->meta;
}

/* Fill it from a row of the item query (columns as in item_q). With t
 * (an index load), fields that repeat across items share one copy. */
static void item_from_row(sqlite3_stmt *q, Item *it, Arena *a, int full, Interned *t)
{
#define S(i) (t ? col_shared(q, i, a, t) : col(q, i, a))
	it->code = col(q, 0, a);
	it->name = col(q, 1, a);
	it->type = S(2);
	it->target = S(3);
	it->dept_code = S(4);
	it->location = S(5);
	it->hours = S(6);
	it->phone = S(7);
	it->visits = sqlite3_column_int(q, 8);
	it->url = S(9);
	it->synonyms = S(10);
	it->popularity = sqlite3_column_int(q, 11);
	it->basis = full ? col(q, 12, a) : "";
	it->conditions = full ? col(q, 13, a) : "";
	it->fees = full ? col(q, 14, a) : "";
	it->time_limit.legal = time_value(sqlite3_column_int(q, 15), sqlite3_column_int(q, 16));
	it->time_limit.promised = time_value(sqlite3_column_int(q, 17), sqlite3_column_int(q, 18));
	it->time_limit.note = S(19);
	it->pinyin = col(q, 20, a);
	it->initials = S(21);
	it->synonyms_pinyin = S(22);
#undef S
}

static int load_parts(Bundle *b, Item *it, Arena *a, char *err, size_t errlen)
{
	int n = 0, rc;
	sqlite3_reset(b->mat_q);
	sqlite3_bind_text(b->mat_q, 1, it->code, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(b->mat_q)) == SQLITE_ROW) n++;
	it->materials = arena_alloc(a, (n + 1) * sizeof *it->materials);
	it->n_materials = 0;
	sqlite3_reset(b->mat_q);
	while ((rc = sqlite3_step(b->mat_q)) == SQLITE_ROW && it->n_materials < n) {
		Material *m = &it->materials[it->n_materials++];
		m->name = col(b->mat_q, 0, a);
		m->form = col(b->mat_q, 1, a);
		m->copies = sqlite3_column_int(b->mat_q, 2);
		m->note = col(b->mat_q, 3, a);
	}
	sqlite3_reset(b->mat_q);
	n = 0;
	sqlite3_reset(b->step_q);
	sqlite3_bind_text(b->step_q, 1, it->code, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(b->step_q)) == SQLITE_ROW) n++;
	if (rc != SQLITE_DONE) goto fail;
	it->steps = arena_alloc(a, (n + 1) * sizeof *it->steps);
	it->n_steps = 0;
	sqlite3_reset(b->step_q);
	while ((rc = sqlite3_step(b->step_q)) == SQLITE_ROW && it->n_steps < n) {
		Step *s = &it->steps[it->n_steps++];
		s->step = col(b->step_q, 0, a);
		s->who = col(b->step_q, 1, a);
		s->time = col(b->step_q, 2, a);
	}
	sqlite3_reset(b->step_q);
	return 0;
fail:
	set_err(err, errlen, "item '%s': %s", it->code, sqlite3_errmsg(b->db));
	sqlite3_reset(b->step_q);
	return -1;
}

Item *bundle_load_item(Bundle *b, const char *code, Arena *a, char *err, size_t errlen)
{
	sqlite3_reset(b->item_q);
	sqlite3_bind_text(b->item_q, 1, code, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(b->item_q);
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_DONE) set_err(err, errlen, "no item '%s'%s", code, "");
		else set_err(err, errlen, "item '%s': %s", code, sqlite3_errmsg(b->db));
		sqlite3_reset(b->item_q);
		return NULL;
	}
	Item *it = arena_alloc(a, sizeof *it);
	item_from_row(b->item_q, it, a, 1, NULL);
	sqlite3_reset(b->item_q);
	if (load_parts(b, it, a, err, errlen) < 0) return NULL;
	return it;
}

/* The departments into g, in order, each with no items yet. */
static int load_depts(Bundle *b, Guide *g, char *err, size_t errlen)
{
	sqlite3_stmt *dq = NULL;
	int nd = 0, rc;
	if (sqlite3_prepare_v2(b->db, "SELECT code, name, short_name, icon, window, floor, phone, hours"
	                       " FROM departments ORDER BY seq", -1, &dq, NULL))
		goto fail;
	while ((rc = sqlite3_step(dq)) == SQLITE_ROW) nd++;
	if (rc != SQLITE_DONE) goto fail;
	sqlite3_reset(dq);
	g->depts = arena_alloc(&g->arena, (nd + 1) * sizeof *g->depts);
	while ((rc = sqlite3_step(dq)) == SQLITE_ROW && g->n_depts < nd) {
		Dept *dp = &g->depts[g->n_depts];
		dp->order = g->n_depts++;
		dp->code = col(dq, 0, &g->arena);
		dp->name = col(dq, 1, &g->arena);
		dp->short_name = col(dq, 2, &g->arena);
		dp->icon = col(dq, 3, &g->arena);
		dp->window = col(dq, 4, &g->arena);
		dp->floor = col(dq, 5, &g->arena);
		dp->phone = col(dq, 6, &g->arena);
		dp->hours = col(dq, 7, &g->arena);
		dp->items = arena_alloc(&g->arena, sizeof *dp->items);   /* none yet */
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) goto fail;
	sqlite3_finalize(dq);
	return 0;
fail:
	set_err(err, errlen, "bundle: %s%s", sqlite3_errmsg(b->db), "");
	sqlite3_finalize(dq);
	return -1;
}

/* Every department's items into g's arena and out (full: long texts,
 * materials and steps too). */
static int load_items(Bundle *b, Guide *g, int full, BundleItems *out, char *err, size_t errlen)
{
	sqlite3_stmt *iq = NULL, *nq = NULL;
	int rc;
	Interned shared = {0};
	memset(out, 0, sizeof *out);
	out->items = arena_alloc(&g->arena, (g->n_depts + 1) * sizeof *out->items);
	out->n = arena_alloc(&g->arena, (g->n_depts + 1) * sizeof *out->n);
	/* Read through SQLite's (bounded) page cache, not a memory map: a map
	 * saved 12% of the load's CPU at 10,000 items, but every page of the
	 * items table stays mapped until the load ends (10 MB of PSS at 10,000
	 * items), and the kiosk now loads the items after its first frame,
	 * when everything else is resident too: the 10,000-item session's
	 * peak PSS went 33 -> 39-42 MB with the map, and the load is off the
	 * first frame's path. */
	/* The index leaves the long texts out of the query, not just out of
	 * the Items: SQLite then never converts or copies them. */
	if (sqlite3_prepare_v2(b->db, full ?
	        "SELECT code, name, type, target, dept_code, location, hours, phone, visits, url,"
	        " synonyms, popularity, basis, conditions, fees, legal_unit, legal_n,"
	        " promised_unit, promised_n, time_note, pinyin, initials, synonyms_pinyin FROM items"
	        " WHERE dept_code=? ORDER BY seq" :
	        "SELECT code, name, type, target, dept_code, location, hours, phone, visits, url,"
	        " synonyms, popularity, '', '', '', legal_unit, legal_n,"
	        " promised_unit, promised_n, time_note, pinyin, initials, synonyms_pinyin FROM items"
	        " WHERE dept_code=? ORDER BY seq", -1, &iq, NULL) ||
	    /* the count from the index alone: stepping iq twice decoded every
	     * row twice */
	    sqlite3_prepare_v2(b->db, "SELECT count(*) FROM items WHERE dept_code=?", -1, &nq, NULL))
		goto fail;
	for (int d = 0; d < g->n_depts; d++) {
		const Dept *dp = &g->depts[d];
		sqlite3_reset(nq);
		sqlite3_bind_text(nq, 1, dp->code, -1, SQLITE_STATIC);
		if (sqlite3_step(nq) != SQLITE_ROW) goto fail;
		int ni = sqlite3_column_int(nq, 0), n = 0;
		sqlite3_reset(iq);
		sqlite3_bind_text(iq, 1, dp->code, -1, SQLITE_STATIC);
		Item *items = arena_alloc(&g->arena, (ni + 1) * sizeof *items);
		while ((rc = sqlite3_step(iq)) == SQLITE_ROW && n < ni) {
			Item *it = &items[n++];
			item_from_row(iq, it, &g->arena, full, full ? NULL : &shared);
			it->materials = NULL;
			it->steps = NULL;
			if (full && load_parts(b, it, &g->arena, err, errlen) < 0) goto fail_quiet;
		}
		if (rc != SQLITE_DONE && rc != SQLITE_ROW) goto fail;
		out->items[d] = items;
		out->n[d] = n;
		out->total += n;
	}
	sqlite3_finalize(iq);
	sqlite3_finalize(nq);
	free(shared.slot);
	/* The pages the load read stay cached by SQLite until evicted: give
	 * them back now (item pages are read again one guide at a time). */
	sqlite3_db_release_memory(b->db);
	return 0;
fail:
	set_err(err, errlen, "bundle: %s%s", sqlite3_errmsg(b->db), "");
fail_quiet:
	sqlite3_finalize(iq);
	sqlite3_finalize(nq);
	free(shared.slot);
	return -1;
}

void bundle_attach_items(Guide *g, const BundleItems *in)
{
	for (int d = 0; d < g->n_depts; d++) {
		g->depts[d].items = in->items[d];
		g->depts[d].n_items = in->n[d];
	}
	g->n_items = in->total;
}

int bundle_load_items(Bundle *b, Guide *g, BundleItems *out, char *err, size_t errlen)
{
	return load_items(b, g, 0, out, err, errlen);
}

/* A new Guide with the bundle's departments and no items yet, or NULL. */
static Guide *new_with_depts(Bundle *b, char *err, size_t errlen)
{
	Guide *g = calloc(1, sizeof *g);
	if (!g) {
		set_err(err, errlen, "bundle: %s%s", "out of memory", "");
		return NULL;
	}
	if (load_depts(b, g, err, errlen) < 0) {
		guide_free(g);
		return NULL;
	}
	return g;
}

static Guide *load(Bundle *b, int full, char *err, size_t errlen)
{
	Guide *g = new_with_depts(b, err, errlen);
	BundleItems all;
	if (g && load_items(b, g, full, &all, err, errlen) < 0) {
		guide_free(g);
		return NULL;
	}
	if (g) bundle_attach_items(g, &all);
	return g;
}

Guide *bundle_load_index(Bundle *b, char *err, size_t errlen) { return load(b, 0, err, errlen); }
Guide *bundle_load_all(Bundle *b, char *err, size_t errlen) { return load(b, 1, err, errlen); }

/* The first max items of meta 'popular' into popular[], in g's arena: how
 * many, or -1 if the bundle lists none, or its list is short or names an
 * item the bundle does not hold. */
static int load_popular(Bundle *b, Guide *g, const Item **popular, int max)
{
	if (!b->popular) return -1;
	if (max > BUNDLE_POPULAR_MAX) max = BUNDLE_POPULAR_MAX;
	int n = 0;
	for (const char *p = b->popular + strspn(b->popular, " "); *p && n < max; ) {
		size_t len = strcspn(p, " ");
		sqlite3_reset(b->item_q);
		sqlite3_bind_text(b->item_q, 1, p, (int)len, SQLITE_TRANSIENT);
		int rc = sqlite3_step(b->item_q);
		if (rc == SQLITE_ROW) {
			Item *it = arena_alloc(&g->arena, sizeof *it);
			item_from_row(b->item_q, it, &g->arena, 0, NULL);
			popular[n++] = it;
		}
		sqlite3_reset(b->item_q);
		if (rc != SQLITE_ROW) return -1;
		p += len;
		p += strspn(p, " ");
	}
	/* a whole list: max items, or every item the bundle holds */
	return n == max || n == b->meta.n_items ? n : -1;
}

Guide *bundle_load_front(Bundle *b, const Item **popular, int max, int *n_popular,
                         char *err, size_t errlen)
{
	Guide *g = new_with_depts(b, err, errlen);
	if (g) *n_popular = load_popular(b, g, popular, max);
	return g;
}

/* ------------------------------------------- verifying untrusted files --- */
/* Used by install.c on a staged copy of a bundle that has come from a USB
 * stick or the network, before it may replace current.db. Each step stops at
 * the first failure and says which step failed (BundleCheck). */

/* Open path read-only as an untrusted file: defensive mode, no extensions,
 * no triggers or views, untrusted schema, no symlinks, no memory mapping;
 * the schema is parsed here so a malformed one fails this step. */
static sqlite3 *open_untrusted(const char *path, char *err, size_t errlen)
{
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		set_err(err, errlen, "%s: cannot open as SQLite: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)0);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, (int *)0);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)0);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)0);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, (int *)0);
	sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
	char *msg = NULL;
	if (sqlite3_exec(db, "PRAGMA mmap_size=0; PRAGMA cell_size_check=ON;"
	                     "SELECT count(*) FROM sqlite_schema;", NULL, NULL, &msg) != SQLITE_OK) {
		set_err(err, errlen, "%s: cannot read the SQLite schema: %s", path, msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

/* The first row's first column of sql as text into out ("" if no row).
 * 0, or -1 with the SQLite message in err. */
static int query_text(sqlite3 *db, const char *sql, char *out, size_t n, char *err, size_t errlen)
{
	sqlite3_stmt *q = NULL;
	out[0] = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) {
		set_err(err, errlen, "%s%s", sqlite3_errmsg(db), "");
		return -1;
	}
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(q, 0);
		snprintf(out, n, "%s", t ? (const char *)t : "");
	} else if (rc != SQLITE_DONE) {
		set_err(err, errlen, "%s%s", sqlite3_errmsg(db), "");
		sqlite3_finalize(q);
		return -1;
	}
	sqlite3_finalize(q);
	return 0;
}

/* meta 'popular', if there is one, against the items: "" in out if it
 * lists the first BUNDLE_POPULAR_MAX items by rank (all, if fewer), else
 * what is wrong; -1 with err if the check could not run. */
static int check_popular(sqlite3 *db, char *out, size_t n, char *err, size_t errlen)
{
	sqlite3_stmt *m = NULL, *q = NULL;
	int rc, k = 0;
	out[0] = 0;
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'popular'", -1, &m, NULL) ||
	    sqlite3_prepare_v2(db, "SELECT code FROM items ORDER BY popularity DESC, code LIMIT ?", -1, &q, NULL))
		goto fail;
	if ((rc = sqlite3_step(m)) == SQLITE_DONE) goto done;    /* an older bundle */
	if (rc != SQLITE_ROW) goto fail;
	const char *p = (const char *)sqlite3_column_text(m, 0);
	if (!p) p = "";
	p += strspn(p, " ");
	sqlite3_bind_int(q, 1, BUNDLE_POPULAR_MAX);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(q, 0);
		size_t cl = code ? (size_t)sqlite3_column_bytes(q, 0) : 0, len = strcspn(p, " ");
		if (!len) {
			snprintf(out, n, "meta popular lists %d items, not the %d most popular", k, BUNDLE_POPULAR_MAX);
			goto done;
		}
		if (len != cl || memcmp(p, code, cl)) {
			snprintf(out, n, "meta popular lists '%.*s' as popular item %d; by popularity it is '%s'",
			         (int)(len > 64 ? 64 : len), p, k + 1, code ? code : "");
			goto done;
		}
		p += len;
		p += strspn(p, " ");
		k++;
	}
	if (rc != SQLITE_DONE) goto fail;
	if (*p) snprintf(out, n, "meta popular lists more than the %d most popular items", k);
done:
	sqlite3_finalize(m);
	sqlite3_finalize(q);
	return 0;
fail:
	set_err(err, errlen, "%s%s", sqlite3_errmsg(db), "");
	sqlite3_finalize(m);
	sqlite3_finalize(q);
	return -1;
}

/* Every schema object as one text "type name tbl sql\n...", in a fixed
 * order, so two databases can be compared exactly. */
static int schema_text(sqlite3 *db, char *out, size_t n, char *err, size_t errlen)
{
	sqlite3_stmt *q = NULL;
	size_t len = 0;
	out[0] = 0;
	/* sqlite_stat* (from ANALYZE) only guide the query planner. */
	if (sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema"
	                       " WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name", -1, &q, NULL) != SQLITE_OK) {
		set_err(err, errlen, "%s%s", sqlite3_errmsg(db), "");
		return -1;
	}
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int w = snprintf(out + len, n - len, "%s %s %s %s\n", sqlite3_column_text(q, 0),
		                 sqlite3_column_text(q, 1), sqlite3_column_text(q, 2), sqlite3_column_text(q, 3));
		if (w < 0 || (size_t)w >= n - len) { rc = SQLITE_TOOBIG; break; }
		len += (size_t)w;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		set_err(err, errlen, "schema too large or unreadable (%s)%s", sqlite3_errstr(rc), "");
		return -1;
	}
	return 0;
}

/* Read the meta table into m; 0 or -1. */
static int read_meta(sqlite3 *db, BundleMeta *m, char *err, size_t errlen)
{
	sqlite3_stmt *q = NULL;
	memset(m, 0, sizeof *m);
	m->schema_version = -1;
	if (sqlite3_prepare_v2(db, "SELECT key, value FROM meta", -1, &q, NULL) != SQLITE_OK) {
		set_err(err, errlen, "no meta table (%s)%s", sqlite3_errmsg(db), "");
		return -1;
	}
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(q, 0);
		const char *v = (const char *)sqlite3_column_text(q, 1);
		if (!k || !v) continue;
		if (!strcmp(k, "schema_version")) m->schema_version = atoi(v);
		else if (!strcmp(k, "bundle_version")) m->bundle_version = strtoll(v, NULL, 10);
		else if (!strcmp(k, "built_at")) snprintf(m->built_at, sizeof m->built_at, "%s", v);
		else if (!strcmp(k, "source_hash")) snprintf(m->source_hash, sizeof m->source_hash, "%s", v);
		else if (!strcmp(k, "departments")) m->n_departments = atoi(v);
		else if (!strcmp(k, "items")) m->n_items = atoi(v);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		set_err(err, errlen, "cannot read meta: %s%s", sqlite3_errmsg(db), "");
		return -1;
	}
	return 0;
}

/* Content sanity: the first problem found, as text, or "" if none. One
 * query per rule; each names the department or item it found. */
static const char *const content_rules[] = {
	"SELECT 'no departments' WHERE NOT EXISTS (SELECT 1 FROM departments)",
	"SELECT 'no items' WHERE NOT EXISTS (SELECT 1 FROM items)",
	"SELECT 'department ' || code || ' has no items' FROM departments d"
	" WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.dept_code = d.code) LIMIT 1",
	"SELECT 'item ' || code || ' belongs to unknown department ' || dept_code FROM items i"
	" WHERE NOT EXISTS (SELECT 1 FROM departments d WHERE d.code = i.dept_code) LIMIT 1",
	"SELECT 'item ' || code || ' has an empty ' || CASE"
	" WHEN trim(name) = '' THEN '事项名称 (name)'"
	" WHEN trim(basis) = '' THEN '设定依据 (basis)'"
	" WHEN trim(conditions) = '' THEN '申请条件 (conditions)'"
	" WHEN legal_unit NOT BETWEEN 1 AND 5 THEN '办理时限 (time_limit: no 法定时限)'"
	" ELSE '收费标准 (fees)' END FROM items"
	" WHERE trim(name) = '' OR trim(basis) = '' OR trim(conditions) = '' OR trim(fees) = ''"
	" OR legal_unit NOT BETWEEN 1 AND 5 LIMIT 1",
	"SELECT 'item ' || code || ' has no 申请材料 (materials)' FROM items i"
	" WHERE NOT EXISTS (SELECT 1 FROM materials m WHERE m.item_code = i.code) LIMIT 1",
	"SELECT 'item ' || code || ' has no 办理流程 (procedure steps)' FROM items i"
	" WHERE NOT EXISTS (SELECT 1 FROM steps s WHERE s.item_code = i.code) LIMIT 1",
	"SELECT 'material of unknown item ' || item_code FROM materials m"
	" WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.code = m.item_code) LIMIT 1",
	"SELECT 'step of unknown item ' || item_code FROM steps s"
	" WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.code = s.item_code) LIMIT 1",
	"SELECT 'meta says ' || (SELECT value FROM meta WHERE key = 'departments') || ' departments, the"
	" bundle holds ' || (SELECT count(*) FROM departments) WHERE CAST((SELECT value FROM meta WHERE key ="
	" 'departments') AS INTEGER) IS NOT (SELECT count(*) FROM departments)",
	"SELECT 'meta says ' || (SELECT value FROM meta WHERE key = 'items') || ' items, the"
	" bundle holds ' || (SELECT count(*) FROM items) WHERE CAST((SELECT value FROM meta WHERE key ="
	" 'items') AS INTEGER) IS NOT (SELECT count(*) FROM items)",
};

const char *bundle_check_name(BundleCheck c)
{
	switch (c) {
	case BUNDLE_CHECK_OK: return "ok";
	case BUNDLE_CHECK_OPEN: return "open";
	case BUNDLE_CHECK_INTEGRITY: return "integrity";
	case BUNDLE_CHECK_SCHEMA: return "schema";
	case BUNDLE_CHECK_CONTENT: return "content";
	}
	return "?";
}

BundleCheck bundle_verify_file(const char *path, BundleMeta *meta, char *err, size_t errlen)
{
	char why[512], text[512];
	BundleCheck stage = BUNDLE_CHECK_OPEN;
	sqlite3 *db = open_untrusted(path, err, errlen), *ref = NULL;
	char *want = NULL, *got = NULL;
	if (meta) memset(meta, 0, sizeof *meta);
	if (!db) return BUNDLE_CHECK_OPEN;

	stage = BUNDLE_CHECK_INTEGRITY;
	if (query_text(db, "PRAGMA integrity_check(1)", text, sizeof text, why, sizeof why) < 0) {
		set_err(err, errlen, "%s: integrity_check could not run: %s", path, why);
		goto fail;
	}
	if (strcmp(text, "ok") != 0) {
		set_err(err, errlen, "%s: integrity_check failed: %s", path, text);
		goto fail;
	}

	stage = BUNDLE_CHECK_SCHEMA;
	BundleMeta m;
	if (read_meta(db, &m, why, sizeof why) < 0) {
		set_err(err, errlen, "%s: not a guide bundle: %s", path, why);
		goto fail;
	}
	if (m.schema_version != BUNDLE_SCHEMA_VERSION) {
		snprintf(why, sizeof why, "%d (this program reads exactly %d)", m.schema_version, BUNDLE_SCHEMA_VERSION);
		set_err(err, errlen, "%s: wrong schema version %s", path, why);
		goto fail;
	}
	/* The tables, indexes and nothing else (no triggers, views, extra
	 * tables): compare with a database made by our own schema_sql. */
	want = malloc(65536);
	got = malloc(65536);
	if (!want || !got || sqlite3_open_v2(":memory:", &ref, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(ref, schema_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    schema_text(ref, want, 65536, why, sizeof why) < 0) {
		set_err(err, errlen, "%s: cannot build the reference schema%s", path, "");
		goto fail;
	}
	if (schema_text(db, got, 65536, why, sizeof why) < 0) {
		set_err(err, errlen, "%s: %s", path, why);
		goto fail;
	}
	if (strcmp(want, got) != 0) {
		/* Name the first object that differs. */
		const char *a = want, *b = got;
		while (*a && *a == *b) { a++; b++; }
		while (b > got && b[-1] != '\n') b--;
		const char *e = strchr(b, '\n');
		snprintf(why, sizeof why, "%.*s", e ? (int)(e - b > 200 ? 200 : e - b) : 200, *b ? b : "(object missing)");
		snprintf(text, sizeof text, "%s: schema differs from schema version %d at", path, BUNDLE_SCHEMA_VERSION);
		set_err(err, errlen, "%s: %s", text, why);
		goto fail;
	}

	stage = BUNDLE_CHECK_CONTENT;
	for (size_t i = 0; i < sizeof content_rules / sizeof *content_rules; i++) {
		if (query_text(db, content_rules[i], text, sizeof text, why, sizeof why) < 0) {
			set_err(err, errlen, "%s: content check could not run: %s", path, why);
			goto fail;
		}
		if (text[0]) {
			set_err(err, errlen, "%s: incomplete content: %s", path, text);
			goto fail;
		}
	}
	if (check_popular(db, text, sizeof text, why, sizeof why) < 0) {
		set_err(err, errlen, "%s: content check could not run: %s", path, why);
		goto fail;
	}
	if (text[0]) {
		set_err(err, errlen, "%s: inconsistent content: %s", path, text);
		goto fail;
	}
	if (m.bundle_version <= 0) {
		set_err(err, errlen, "%s: incomplete content: meta has no bundle_version%s", path, "");
		goto fail;
	}
	if (meta) *meta = m;
	stage = BUNDLE_CHECK_OK;
fail:
	free(want);
	free(got);
	sqlite3_close(ref);
	sqlite3_close(db);
	return stage;
}

/* ------------------------------------------------- text search --------- */

int bundle_text_search(Bundle *b, const char *query,
                       int (*fn)(void *ctx, int rank), void *ctx,
                       char *err, size_t errlen)
{
	/* An FTS5 string literal: the query in double quotes, each '"' doubled.
	 * Trigram phrase match = the query occurs as a substring. */
	char lit[2 * BUNDLE_TEXT_QUERY_MAX + 3];
	size_t n = 0, ncp = 0;
	if (strlen(query) > BUNDLE_TEXT_QUERY_MAX) {
		set_err(err, errlen, "text search: query longer than %s bytes%s", "256", "");
		return -1;
	}
	for (const char *p = query; *p; p++) if ((*p & 0xC0) != 0x80) ncp++;
	if (ncp < 3) return 0;                      /* trigrams need 3 characters */
	lit[n++] = '"';
	for (const char *p = query; *p; p++) {
		if (*p == '"') lit[n++] = '"';
		lit[n++] = *p;
	}
	lit[n++] = '"';
	lit[n] = 0;
	if (!b->text_q &&
	    sqlite3_prepare_v2(b->db, "SELECT rowid FROM item_text WHERE item_text MATCH ? ORDER BY rowid",
	                       -1, &b->text_q, NULL) != SQLITE_OK) {
		set_err(err, errlen, "text search: %s%s", sqlite3_errmsg(b->db), "");
		return -1;
	}
	sqlite3_reset(b->text_q);
	sqlite3_bind_text(b->text_q, 1, lit, (int)n, SQLITE_STATIC);
	int rc, count = 0;
	while ((rc = sqlite3_step(b->text_q)) == SQLITE_ROW) {
		count++;
		if (fn(ctx, sqlite3_column_int(b->text_q, 0) - 1)) { rc = SQLITE_DONE; break; }
	}
	sqlite3_reset(b->text_q);
	sqlite3_clear_bindings(b->text_q);
	if (rc != SQLITE_DONE) {
		set_err(err, errlen, "text search: %s%s", sqlite3_errmsg(b->db), "");
		return -1;
	}
	return count;
}
