/* pin.c — maintenance PIN hashing and lockout (see pin.h). */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sodium.h>
#include "pin.h"

_Static_assert(PIN_HASH_MAX >= crypto_pwhash_STRBYTES, "PIN_HASH_MAX too small");

int pin_is_valid(const char *pin)
{
	size_t n = strlen(pin);
	if (n < PIN_MIN_DIGITS || n > PIN_MAX_DIGITS) return 0;
	for (size_t i = 0; i < n; i++)
		if (pin[i] < '0' || pin[i] > '9') return 0;
	return 1;
}

int pin_hash_cost(const char *pin, unsigned long long ops, size_t mem,
                  char *out, char *err, size_t errlen)
{
	if (!pin_is_valid(pin)) {
		snprintf(err, errlen, "a PIN is %d to %d digits (0-9)", PIN_MIN_DIGITS, PIN_MAX_DIGITS);
		return -1;
	}
	if (sodium_init() < 0) {
		snprintf(err, errlen, "libsodium failed to initialise");
		return -1;
	}
	char h[crypto_pwhash_STRBYTES];
	if (crypto_pwhash_str_alg(h, pin, strlen(pin), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
		snprintf(err, errlen, "Argon2id hashing failed (out of memory?)");
		return -1;
	}
	snprintf(out, PIN_HASH_MAX, "%s", h);
	sodium_memzero(h, sizeof h);
	return 0;
}

int pin_hash(const char *pin, char *out, char *err, size_t errlen)
{
	return pin_hash_cost(pin, crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
	                     crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE, out, err, errlen);
}

int pin_hash_is_valid(const char *hash)
{
	return strncmp(hash, "$argon2id$", 10) == 0 && strlen(hash) < crypto_pwhash_STRBYTES;
}

int pin_verify(const char *hash, const char *pin)
{
	if (!pin_hash_is_valid(hash) || sodium_init() < 0) return -1;
	if (!pin_is_valid(pin)) return 0;
	return crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0 ? 1 : 0;
}

/* ------------------------------------------------------------- lockout */

void pin_guard_init(PinGuard *g, int max_tries, int64_t lockout_ms)
{
	memset(g, 0, sizeof *g);
	g->max_tries = max_tries > 0 ? max_tries : 1;
	g->lockout_ms = lockout_ms > 0 ? lockout_ms : 1;
}

int64_t pin_guard_locked_ms(const PinGuard *g, int64_t now)
{
	return g->locked_until > now ? g->locked_until - now : 0;
}

static int64_t lock_len_after(const PinGuard *g, int lockouts)
{
	int64_t ms = g->lockout_ms;
	for (int i = 0; i < lockouts && ms < PIN_LOCK_MAX_MS; i++) ms *= 2;
	return ms > PIN_LOCK_MAX_MS ? PIN_LOCK_MAX_MS : ms;
}

int64_t pin_guard_lock_len(const PinGuard *g)
{
	return lock_len_after(g, g->lockouts > 0 ? g->lockouts - 1 : 0);
}

int64_t pin_guard_fail(PinGuard *g, int64_t now)
{
	if (pin_guard_locked_ms(g, now) > 0) return 0;   /* entries while locked are not tried */
	if (++g->fails < g->max_tries) return 0;
	int64_t ms = lock_len_after(g, g->lockouts);
	g->lockouts++;
	g->fails = 0;
	g->locked_until = now + ms;
	return ms;
}

void pin_guard_success(PinGuard *g)
{
	g->fails = 0;
	g->lockouts = 0;
	g->locked_until = 0;
}

int pin_guard_tries_left(const PinGuard *g)
{
	return g->max_tries - g->fails;
}

/* ------------------------------------------------------ state file */

void pin_clock_now(PinClock *c)
{
	struct timespec ts;
	memset(c, 0, sizeof *c);
	clock_gettime(CLOCK_REALTIME, &ts);
	c->wall_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	if (clock_gettime(CLOCK_BOOTTIME, &ts) == 0)
		c->boot_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");
	if (f) {
		if (!fgets(c->boot_id, sizeof c->boot_id, f)) c->boot_id[0] = 0;
		c->boot_id[strcspn(c->boot_id, "\r\n")] = 0;
		fclose(f);
	}
	if (!c->boot_id[0]) c->boot_ms = 0;
}

static int fsync_dir_of(const char *path)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash == dir) slash[1] = 0;
	else if (slash) *slash = 0;
	else snprintf(dir, sizeof dir, ".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) return -1;
	int r = fsync(fd);
	close(fd);
	return r;
}

int pin_state_save(const char *path, const PinGuard *g, int64_t now, const PinClock *c,
                   char *err, size_t errlen)
{
	int64_t left = pin_guard_locked_ms(g, now);
	char buf[512], tmp[4200];
	int n = snprintf(buf, sizeof buf,
	                 "kiosk-pin-state 1\n"
	                 "fails %d\n"
	                 "lockouts %d\n"
	                 "lock_ms %" PRId64 "\n"
	                 "until_wall_ms %" PRId64 "\n"
	                 "boot_id %s\n"
	                 "until_boot_ms %" PRId64 "\n"
	                 "end\n",
	                 g->fails, g->lockouts, left > 0 ? pin_guard_lock_len(g) : (int64_t)0,
	                 left > 0 ? c->wall_ms + left : (int64_t)0,
	                 c->boot_id[0] ? c->boot_id : "-",
	                 left > 0 && c->boot_id[0] ? c->boot_ms + left : (int64_t)0);
	if (n < 0 || (size_t)n >= sizeof buf) {
		snprintf(err, errlen, "%s: state too long", path);
		return -1;
	}
	if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
		snprintf(err, errlen, "%s: path too long", path);
		return -1;
	}
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	if (write(fd, buf, (size_t)n) != n || fsync(fd) < 0) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno ? errno : EIO));
		close(fd);
		unlink(tmp);
		return -1;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	if (fsync_dir_of(path) < 0) {
		snprintf(err, errlen, "%s: fsync of the directory: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* "key value" where value is a decimal in [lo, hi]; 0 or -1. */
static int parse_num(char **p, const char *key, int64_t lo, int64_t hi, int64_t *out)
{
	size_t kl = strlen(key);
	if (strncmp(*p, key, kl) != 0 || (*p)[kl] != ' ') return -1;
	char *s = *p + kl + 1, *e;
	if (!((*s >= '0' && *s <= '9') || *s == '-')) return -1;
	errno = 0;
	long long v = strtoll(s, &e, 10);
	if (errno || e == s || *e != '\n' || v < lo || v > hi) return -1;
	*out = v;
	*p = e + 1;
	return 0;
}

static int fail_safe(PinGuard *g, int64_t now, char *err, size_t errlen, const char *path, const char *why)
{
	snprintf(err, errlen, "%s: %s; locked for %" PRId64 " s to be safe", path, why,
	         g->lockout_ms / 1000);
	g->fails = 0;
	if (g->lockouts < 1) g->lockouts = 1;
	g->locked_until = now + g->lockout_ms;
	return -1;
}

int pin_state_load(const char *path, PinGuard *g, int64_t now, const PinClock *c,
                   char *err, size_t errlen)
{
	char buf[1024];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT) return 1;
		return fail_safe(g, now, err, errlen, path, strerror(errno));
	}
	ssize_t n = read(fd, buf, sizeof buf - 1);
	int e = errno;
	close(fd);
	if (n < 0) return fail_safe(g, now, err, errlen, path, strerror(e));
	if (n == (ssize_t)sizeof buf - 1) return fail_safe(g, now, err, errlen, path, "too long");
	buf[n] = 0;
	if (strlen(buf) != (size_t)n) return fail_safe(g, now, err, errlen, path, "not text");
	char *p = buf;
	const char magic[] = "kiosk-pin-state 1\n";
	if (strncmp(p, magic, sizeof magic - 1) != 0)
		return fail_safe(g, now, err, errlen, path, "not a PIN state file (corrupt?)");
	p += sizeof magic - 1;
	int64_t fails, lockouts, lock_ms, until_wall, until_boot;
	char boot_id[40];
	if (parse_num(&p, "fails", 0, 1000, &fails) < 0 ||
	    parse_num(&p, "lockouts", 0, 1000, &lockouts) < 0 ||
	    parse_num(&p, "lock_ms", 0, PIN_LOCK_MAX_MS, &lock_ms) < 0 ||
	    parse_num(&p, "until_wall_ms", 0, INT64_MAX / 2, &until_wall) < 0)
		return fail_safe(g, now, err, errlen, path, "corrupt (bad or missing field)");
	size_t bl;
	if (strncmp(p, "boot_id ", 8) != 0 || (bl = strcspn(p + 8, "\n")) == 0 ||
	    bl >= sizeof boot_id || p[8 + bl] != '\n')
		return fail_safe(g, now, err, errlen, path, "corrupt (bad boot_id)");
	memcpy(boot_id, p + 8, bl);
	boot_id[bl] = 0;
	p += 8 + bl + 1;
	if (parse_num(&p, "until_boot_ms", 0, INT64_MAX / 2, &until_boot) < 0 || strcmp(p, "end\n") != 0)
		return fail_safe(g, now, err, errlen, path, "corrupt (truncated?)");

	/* Fewer tries allowed now than counted then: one try is left. */
	g->fails = fails < g->max_tries ? (int)fails : g->max_tries - 1;
	g->lockouts = (int)(lockouts > 64 ? 64 : lockouts);
	g->locked_until = 0;
	if (lock_ms > 0) {
		int same_boot = c->boot_id[0] && strcmp(boot_id, c->boot_id) == 0 && until_boot > 0;
		int64_t left = same_boot ? until_boot - c->boot_ms : until_wall - c->wall_ms;
		if (left > lock_ms) left = lock_ms;         /* wall clock set backwards */
		if (left > 0) g->locked_until = now + left;
	}
	return 0;
}
