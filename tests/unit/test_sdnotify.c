/* test_sdnotify.c — the notify protocol reaches a real datagram socket, by
 * path and in the abstract namespace, and the watchdog interval is read
 * from the environment as systemd sets it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <cmocka.h>
#include "ops/sdnotify.h"

static int listen_on(const char *name, int abstract)
{
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t n = strlen(name);
	memcpy(sa.sun_path, name, n);
	if (abstract) sa.sun_path[0] = 0;
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n)), 0);
	return fd;
}

static void expect_datagram(int fd, const char *want)
{
	char buf[256];
	struct timeval tv = { .tv_sec = 2 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
	assert_true(n > 0);
	buf[n] = 0;
	assert_string_equal(buf, want);
}

static void test_sdnotify_should_send_to_a_socket_path(void **state)
{
	char path[64];
	snprintf(path, sizeof path, "/tmp/kiosk-notify-%d", (int)getpid());
	unlink(path);
	int fd = listen_on(path, 0);
	setenv("NOTIFY_SOCKET", path, 1);
	assert_int_equal(sdnotify_send("READY=1"), 0);
	expect_datagram(fd, "READY=1");
	assert_int_equal(sdnotify_send("WATCHDOG=1"), 0);
	expect_datagram(fd, "WATCHDOG=1");
	close(fd);
	unlink(path);
	unsetenv("NOTIFY_SOCKET");
}

static void test_sdnotify_should_send_to_an_abstract_socket(void **state)
{
	char name[64];
	snprintf(name, sizeof name, "@kiosk-notify-%d", (int)getpid());
	int fd = listen_on(name, 1);
	setenv("NOTIFY_SOCKET", name, 1);
	assert_int_equal(sdnotify_send("READY=1"), 0);
	expect_datagram(fd, "READY=1");
	close(fd);
	unsetenv("NOTIFY_SOCKET");
}

static void test_sdnotify_should_do_nothing_outside_systemd(void **state)
{
	unsetenv("NOTIFY_SOCKET");
	assert_int_equal(sdnotify_send("READY=1"), 0);
	setenv("NOTIFY_SOCKET", "/nonexistent/socket", 1);
	assert_int_equal(sdnotify_send("READY=1"), -1);
	unsetenv("NOTIFY_SOCKET");
}

static void test_sdnotify_should_read_the_watchdog_interval(void **state)
{
	char pid[32];
	unsetenv("WATCHDOG_PID");
	unsetenv("WATCHDOG_USEC");
	assert_true(sdnotify_watchdog_usec() == 0);
	setenv("WATCHDOG_USEC", "30000000", 1);
	assert_true(sdnotify_watchdog_usec() == 30000000);
	snprintf(pid, sizeof pid, "%d", 1);
	setenv("WATCHDOG_PID", pid, 1);             /* meant for another process */
	assert_true(sdnotify_watchdog_usec() == 0);
	snprintf(pid, sizeof pid, "%d", (int)getppid());
	setenv("WATCHDOG_PID", pid, 1);             /* cage, our parent, is the main process */
	assert_true(sdnotify_watchdog_usec() == 30000000);
	snprintf(pid, sizeof pid, "%d", (int)getpid());
	setenv("WATCHDOG_PID", pid, 1);
	assert_true(sdnotify_watchdog_usec() == 30000000);
	setenv("WATCHDOG_USEC", "30s", 1);
	assert_true(sdnotify_watchdog_usec() == 0);
	unsetenv("WATCHDOG_USEC");
	unsetenv("WATCHDOG_PID");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sdnotify_should_send_to_a_socket_path),
		cmocka_unit_test(test_sdnotify_should_send_to_an_abstract_socket),
		cmocka_unit_test(test_sdnotify_should_do_nothing_outside_systemd),
		cmocka_unit_test(test_sdnotify_should_read_the_watchdog_interval),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
