/* sdnotify.h — the systemd notify protocol without libsystemd.
 *
 * systemd passes a datagram socket in $NOTIFY_SOCKET (a path, or an
 * abstract name starting with '@') and, for a service with WatchdogSec=,
 * the interval in $WATCHDOG_USEC. The service sends "READY=1" once it is up
 * and "WATCHDOG=1" more often than that interval; a service that stops
 * pinging is killed and restarted. Without $NOTIFY_SOCKET every call is a
 * no-op returning 0. */
#ifndef CORE_SDNOTIFY_H
#define CORE_SDNOTIFY_H

#include <stdint.h>

/* Send one state string (e.g. "READY=1", "WATCHDOG=1", "STATUS=..."). 0 on
 * success or when not under systemd; -1 if the socket cannot be reached. */
int sdnotify_send(const char *state);

/* The watchdog interval in microseconds from $WATCHDOG_USEC, or 0 when
 * there is no watchdog. $WATCHDOG_PID, when set, must name this process or
 * its parent (the kiosk runs as the child of cage, the service's main
 * process). */
uint64_t sdnotify_watchdog_usec(void);

#endif
