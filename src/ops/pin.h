/* pin.h — the maintenance PIN: Argon2id hashes (libsodium
 * crypto_pwhash_str) and the lockout after wrong entries.
 *
 * The PIN itself is never stored: kiosk.conf holds only the hash string
 * ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), written by
 * `kioskctl set-pin`. A PinGuard counts wrong entries on the caller's clock
 * (milliseconds; the kiosk's virtual clock in scripts): after max_tries
 * wrong PINs in a row the pad is locked for lockout_ms, and every further
 * lockout lasts twice as long as the one before (capped at PIN_LOCK_MAX_MS).
 * A right PIN resets both the count and the doubling. */
#ifndef CORE_PIN_H
#define CORE_PIN_H

#include <stddef.h>
#include <stdint.h>

#define PIN_MIN_DIGITS 4
#define PIN_MAX_DIGITS 12
#define PIN_HASH_MAX 128                /* >= crypto_pwhash_STRBYTES */
#define PIN_LOCK_MAX_MS (24LL * 3600 * 1000)

/* 1 if pin is PIN_MIN_DIGITS..PIN_MAX_DIGITS ASCII digits, else 0. */
int pin_is_valid(const char *pin);

/* Hash pin into out[PIN_HASH_MAX] with Argon2id at libsodium's
 * "interactive" cost (64 MiB, about 0.1-0.5 s). 0, or -1 with a message
 * (invalid PIN, out of memory). */
int pin_hash(const char *pin, char *out, char *err, size_t errlen);

/* The same at a chosen cost (tests use the minimum). */
int pin_hash_cost(const char *pin, unsigned long long ops, size_t mem,
                  char *out, char *err, size_t errlen);

/* 1 if pin matches hash, 0 if not, -1 if hash is not an Argon2id hash
 * string (then no PIN opens the pad: set one with kioskctl set-pin). */
int pin_verify(const char *hash, const char *pin);

/* 1 if hash looks like an Argon2id hash string libsodium can verify. */
int pin_hash_is_valid(const char *hash);

typedef struct PinGuard {
	int max_tries;                  /* wrong PINs before a lockout (5) */
	int64_t lockout_ms;             /* first lockout (300000) */
	int fails;                      /* wrong PINs since the last lockout/success */
	int lockouts;                   /* lockouts since the last success */
	int64_t locked_until;           /* clock ms; 0 = not locked */
} PinGuard;

void pin_guard_init(PinGuard *g, int max_tries, int64_t lockout_ms);

/* Milliseconds the pad stays locked at now (0 = open). */
int64_t pin_guard_locked_ms(const PinGuard *g, int64_t now);

/* A wrong PIN at now. Returns the lockout it started in ms (0 if none). */
int64_t pin_guard_fail(PinGuard *g, int64_t now);

/* The right PIN: the count and the doubling start over. */
void pin_guard_success(PinGuard *g);

/* Wrong PINs left before the next lockout. */
int pin_guard_tries_left(const PinGuard *g);

#endif
