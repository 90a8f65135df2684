/* metrics.h — Prometheus node_exporter textfile metrics.
 *
 * node_exporter's textfile collector reads every *.prom file in one folder
 * (Debian: /var/lib/prometheus/node-exporter). A file is written whole to a
 * temporary name in that folder and renamed, so the collector never reads
 * half a file. The metric names, their meaning and the file names are
 * listed in README.md ("Fleet monitoring"). */
#ifndef CORE_METRICS_H
#define CORE_METRICS_H

#include <stddef.h>
#include <stdint.h>
#include "update/status.h"

typedef struct Metric {
	const char *name;               /* e.g. "kiosk_uptime_seconds" */
	const char *type;               /* "gauge" or "counter" */
	const char *help;               /* one line, no newline */
	const char *labels;             /* e.g. "result=\"installed\"", or NULL */
	double value;
} Metric;

/* Write metrics to dir/file atomically. dir "" or a folder that does not
 * exist (node_exporter not installed) means metrics are off: does nothing
 * and returns 0. 0, or -1 with "path: reason" in err. */
int metrics_write(const char *dir, const char *file, const Metric *m, int n,
                  char *err, size_t errlen);

/* "2026-11-27T16:33:12Z" -> Unix seconds; 0 if empty or malformed. */
int64_t metrics_iso_to_unix(const char *iso);

/* The sync job's metrics from status.json, to dir/kiosk_sync.prom. */
int metrics_write_sync(const char *dir, const Status *s, char *err, size_t errlen);

#endif
