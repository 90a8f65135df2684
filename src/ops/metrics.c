/* metrics.c — Prometheus textfile metrics, written atomically. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "metrics.h"

int metrics_write(const char *dir, const char *file, const Metric *m, int n,
                  char *err, size_t errlen)
{
	if (!dir || !*dir) return 0;
	/* No such folder: node_exporter is not installed here; metrics are off. */
	if (access(dir, F_OK) != 0 && errno == ENOENT) return 0;
	char path[1024], tmp[1100];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	snprintf(tmp, sizeof tmp, "%s/.%s.%d.tmp", dir, file, (int)getpid());
	FILE *f = fopen(tmp, "w");
	if (!f) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	const char *last = "";
	for (int i = 0; i < n; i++) {
		/* HELP and TYPE once per metric name (labelled series share them). */
		if (strcmp(last, m[i].name) != 0) {
			fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", m[i].name, m[i].help, m[i].name, m[i].type);
			last = m[i].name;
		}
		if (m[i].labels && *m[i].labels) fprintf(f, "%s{%s} %.17g\n", m[i].name, m[i].labels, m[i].value);
		else fprintf(f, "%s %.17g\n", m[i].name, m[i].value);
	}
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		fclose(f);
		unlink(tmp);
		return -1;
	}
	fclose(f);
	if (rename(tmp, path) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

int64_t metrics_iso_to_unix(const char *iso)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	                   &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (int64_t)timegm(&tm);
}

int metrics_write_sync(const char *dir, const Status *s, char *err, size_t errlen)
{
	/* As status.json writes attempt_result (install_result_name, rollback). */
	static const char *results[] = { "installed", "unchanged", "refused", "failed", "none", "rolled_back" };
	char labels[6][32];
	Metric m[12];
	int n = 0;
	m[n++] = (Metric){ "kiosk_sync_last_attempt_timestamp_seconds", "gauge",
		"When the last install, sync or rollback ran (Unix time).", NULL,
		(double)metrics_iso_to_unix(s->attempt_time) };
	m[n++] = (Metric){ "kiosk_sync_last_success_timestamp_seconds", "gauge",
		"When a bundle was last installed (Unix time).", NULL,
		(double)metrics_iso_to_unix(s->success_time) };
	for (int i = 0; i < 6; i++) {
		snprintf(labels[i], sizeof labels[i], "result=\"%s\"", results[i]);
		m[n++] = (Metric){ "kiosk_sync_last_result", "gauge",
			"1 for the result of the last attempt, 0 for the others.", labels[i],
			strcmp(s->attempt_result, results[i]) == 0 ? 1.0 : 0.0 };
	}
	m[n++] = (Metric){ "kiosk_sync_current_bundle_version", "gauge",
		"bundle_version of data.dir/current.db (YYYYMMDDHHMMSS), 0 if none.", NULL,
		s->current.present ? (double)s->current.version : 0.0 };
	m[n++] = (Metric){ "kiosk_sync_previous_bundle_version", "gauge",
		"bundle_version of data.dir/previous.db, 0 if none.", NULL,
		s->previous.present ? (double)s->previous.version : 0.0 };
	return metrics_write(dir, "kiosk_sync.prom", m, n, err, errlen);
}
