/* sdnotify.c — systemd notify protocol over a Unix datagram socket. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "sdnotify.h"

int sdnotify_send(const char *state)
{
	const char *path = getenv("NOTIFY_SOCKET");
	if (!path || !*path) return 0;
	size_t n = strlen(path);
	struct sockaddr_un sa;
	if (n >= sizeof sa.sun_path || (path[0] != '/' && path[0] != '@')) return -1;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, path, n);
	if (path[0] == '@') sa.sun_path[0] = 0;        /* abstract namespace */
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) return -1;
	socklen_t len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
	ssize_t r = sendto(fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *)&sa, len);
	close(fd);
	return r < 0 ? -1 : 0;
}

uint64_t sdnotify_watchdog_usec(void)
{
	const char *us = getenv("WATCHDOG_USEC");
	if (!us || !*us) return 0;
	/* systemd names the service's main process in WATCHDOG_PID. Under
	 * cage (kiosk.service, NotifyAccess=all) that is cage, our parent: the
	 * watchdog is then ours to feed. Any other process: not for us. */
	const char *pid = getenv("WATCHDOG_PID");
	if (pid && *pid) {
		long p = strtol(pid, NULL, 10);
		if (p != (long)getpid() && p != (long)getppid()) return 0;
	}
	char *end;
	unsigned long long v = strtoull(us, &end, 10);
	return *end ? 0 : (uint64_t)v;
}
