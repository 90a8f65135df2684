/* pin.c — maintenance PIN hashing and lockout (see pin.h). */
#include <stdio.h>
#include <string.h>
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

int64_t pin_guard_fail(PinGuard *g, int64_t now)
{
	if (pin_guard_locked_ms(g, now) > 0) return 0;   /* entries while locked are not tried */
	if (++g->fails < g->max_tries) return 0;
	int64_t ms = g->lockout_ms;
	for (int i = 0; i < g->lockouts && ms < PIN_LOCK_MAX_MS; i++) ms *= 2;
	if (ms > PIN_LOCK_MAX_MS) ms = PIN_LOCK_MAX_MS;
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
