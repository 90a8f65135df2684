/* usage.c — the local usage database. Runs SQL on usage.db only (see the
 * exception stated in usage.h); all of this module's SQL is in this file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "usage.h"

struct Usage {
	sqlite3 *db;
	sqlite3_stmt *add_miss, *add_view;
	char path[256];
};

static const char *schema_sql =
	"CREATE TABLE IF NOT EXISTS no_result(t INTEGER NOT NULL, query TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS views(t INTEGER NOT NULL, item_code TEXT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS no_result_by_t ON no_result(t);"
	"CREATE INDEX IF NOT EXISTS views_by_t ON views(t);";

static int fail(Usage *u, char *err, size_t errlen, const char *what)
{
	if (err && errlen)
		snprintf(err, errlen, "%s: %s: %s", u->path, what, u->db ? sqlite3_errmsg(u->db) : "cannot open");
	return -1;
}

Usage *usage_open(const char *path, char *err, size_t errlen)
{
	Usage *u = calloc(1, sizeof *u);
	if (!u) { snprintf(err, errlen, "%s: out of memory", path); return NULL; }
	snprintf(u->path, sizeof u->path, "%s", path);
	if (sqlite3_open_v2(path, &u->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		fail(u, err, errlen, "open");
		goto bad;
	}
	sqlite3_busy_timeout(u->db, 2000);
	sqlite3_db_config(u->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)0);
	sqlite3_stmt *q = NULL;
	int version = -1;
	if (sqlite3_prepare_v2(u->db, "PRAGMA user_version", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		version = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	if (version < 0) { fail(u, err, errlen, "not a usage database"); goto bad; }
	if (version > USAGE_SCHEMA_VERSION) {
		snprintf(err, errlen, "%s: usage schema version %d is newer than this program's %d",
		         path, version, USAGE_SCHEMA_VERSION);
		goto bad;
	}
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d;", USAGE_SCHEMA_VERSION);
	if (sqlite3_exec(u->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(u->db, schema_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(u->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		fail(u, err, errlen, "cannot create tables");
		goto bad;
	}
	if (sqlite3_prepare_v2(u->db, "INSERT INTO no_result(t, query) VALUES(?,?)", -1, &u->add_miss, NULL) ||
	    sqlite3_prepare_v2(u->db, "INSERT INTO views(t, item_code) VALUES(?,?)", -1, &u->add_view, NULL)) {
		fail(u, err, errlen, "prepare");
		goto bad;
	}
	return u;
bad:
	usage_close(u);
	return NULL;
}

void usage_close(Usage *u)
{
	if (!u) return;
	sqlite3_finalize(u->add_miss);
	sqlite3_finalize(u->add_view);
	sqlite3_close(u->db);
	free(u);
}

static int add(Usage *u, sqlite3_stmt *q, int64_t t, const char *text, int len, char *err, size_t errlen)
{
	sqlite3_reset(q);
	sqlite3_bind_int64(q, 1, t);
	sqlite3_bind_text(q, 2, text, len, SQLITE_TRANSIENT);
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : fail(u, err, errlen, "insert");
}

int usage_record_no_result(Usage *u, const char *query, int64_t unix_time, char *err, size_t errlen)
{
	int n = (int)strlen(query);
	if (n == 0) return 0;
	if (n > USAGE_QUERY_MAX) {                      /* cut at a character boundary */
		n = USAGE_QUERY_MAX;
		while (n > 0 && ((unsigned char)query[n] & 0xC0) == 0x80) n--;
	}
	return add(u, u->add_miss, unix_time, query, n, err, errlen);
}

int usage_record_view(Usage *u, const char *item_code, int64_t unix_time, char *err, size_t errlen)
{
	return add(u, u->add_view, unix_time, item_code, -1, err, errlen);
}

static int top(Usage *u, const char *sql, int64_t since, UsageCount *out, int max, char *err, size_t errlen)
{
	sqlite3_stmt *q;
	int n = 0, rc;
	if (sqlite3_prepare_v2(u->db, sql, -1, &q, NULL) != SQLITE_OK) return fail(u, err, errlen, "query");
	sqlite3_bind_int64(q, 1, since);
	sqlite3_bind_int(q, 2, max);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && n < max) {
		const unsigned char *k = sqlite3_column_text(q, 0);
		snprintf(out[n].key, sizeof out[n].key, "%s", k ? (const char *)k : "");
		out[n].count = sqlite3_column_int(q, 1);
		out[n].last = sqlite3_column_int64(q, 2);
		n++;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) return fail(u, err, errlen, "query");
	return n;
}

int usage_top_views(Usage *u, int64_t since, UsageCount *out, int max, char *err, size_t errlen)
{
	return top(u, "SELECT item_code, count(*), max(t) FROM views WHERE t >= ?1"
	              " GROUP BY item_code ORDER BY 2 DESC, 1 LIMIT ?2", since, out, max, err, errlen);
}

int usage_top_no_result(Usage *u, int64_t since, UsageCount *out, int max, char *err, size_t errlen)
{
	return top(u, "SELECT query, count(*), max(t) FROM no_result WHERE t >= ?1"
	              " GROUP BY query ORDER BY 2 DESC, 1 LIMIT ?2", since, out, max, err, errlen);
}

int usage_totals(Usage *u, int64_t since, int *views, int *no_result, char *err, size_t errlen)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(u->db, "SELECT (SELECT count(*) FROM views WHERE t >= ?1),"
	                       " (SELECT count(*) FROM no_result WHERE t >= ?1)", -1, &q, NULL) != SQLITE_OK)
		return fail(u, err, errlen, "query");
	sqlite3_bind_int64(q, 1, since);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*views = sqlite3_column_int(q, 0);
		*no_result = sqlite3_column_int(q, 1);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 0 : fail(u, err, errlen, "query");
}

int usage_prune(Usage *u, int64_t before, char *err, size_t errlen)
{
	sqlite3_stmt *q;
	static const char *const sql[] = { "DELETE FROM views WHERE t < ?", "DELETE FROM no_result WHERE t < ?" };
	for (int i = 0; i < 2; i++) {
		if (sqlite3_prepare_v2(u->db, sql[i], -1, &q, NULL) != SQLITE_OK) return fail(u, err, errlen, "prune");
		sqlite3_bind_int64(q, 1, before);
		int rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc != SQLITE_DONE) return fail(u, err, errlen, "prune");
	}
	return 0;
}
