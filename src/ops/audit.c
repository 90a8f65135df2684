/* audit.c — append-only maintenance audit log (see audit.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "audit.h"

void audit_path(char *out, size_t n, const char *data_dir, const char *setting)
{
	if (setting && *setting) snprintf(out, n, "%s", setting);
	else snprintf(out, n, "%s/audit.log", data_dir);
}

int audit_append(const char *path, int64_t unix_time, const char *event,
                 const char *detail, char *err, size_t errlen)
{
	char line[2048], stamp[40];
	time_t t = (time_t)unix_time;
	struct tm tm;
	localtime_r(&t, &tm);
	size_t sn = strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S%z", &tm);
	/* +0800 -> +08:00 (ISO 8601 extended form) */
	if (sn == 24) { memmove(stamp + 23, stamp + 22, 3); stamp[22] = ':'; }
	int n = snprintf(line, sizeof line, "%s %s%s%s", stamp, event,
	                 detail && *detail ? " " : "", detail ? detail : "");
	if (n < 0) n = 0;
	if ((size_t)n >= sizeof line - 1) n = (int)sizeof line - 2;
	for (int i = 0; i < n; i++)
		if (line[i] == '\n' || line[i] == '\r') line[i] = ' ';
	line[n++] = '\n';
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	ssize_t w = write(fd, line, (size_t)n);
	int e = errno;
	close(fd);
	if (w != n) {
		snprintf(err, errlen, "%s: write: %s", path, w < 0 ? strerror(e) : "short write");
		return -1;
	}
	return 0;
}
