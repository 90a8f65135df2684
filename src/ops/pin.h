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

/* Length in ms of the lockout now in force (or of the last one):
 * lockout_ms doubled per earlier lockout, capped at PIN_LOCK_MAX_MS. */
int64_t pin_guard_lock_len(const PinGuard *g);

/* ------------------------------------------- state across restarts
 *
 * The guard's tries and lockout are kept in a small text file in data.dir
 * (PIN_STATE_FILE), rewritten atomically (temp + fsync + rename + fsync of
 * the directory) after every change, so pulling the plug or killing the
 * kiosk does not hand out fresh tries. The guard itself runs on the
 * kiosk's monotonic (in scripts: virtual) clock, so the file holds when the
 * lock ends on clocks that survive a restart: the wall clock (ms since the
 * epoch) and, for a restart within the same boot, CLOCK_BOOTTIME with the
 * kernel's boot id (immune to the wall clock being set). The lock left
 * after a restart is never more than the length of the lockout written
 * (a wall clock set backwards cannot lengthen it beyond that). */
#define PIN_STATE_FILE "pin-state"

typedef struct PinClock {
	int64_t wall_ms;                /* CLOCK_REALTIME, ms since the epoch */
	int64_t boot_ms;                /* CLOCK_BOOTTIME, ms */
	char boot_id[40];               /* /proc/sys/kernel/random/boot_id, "" unknown */
} PinClock;

/* The real clocks now. */
void pin_clock_now(PinClock *c);

/* Write g's state at guard time now (wall/boot clocks c) to path
 * atomically. 0, or -1 with a message. */
int pin_state_save(const char *path, const PinGuard *g, int64_t now, const PinClock *c,
                   char *err, size_t errlen);

/* Read path into g (initialised by pin_guard_init) at guard time now.
 * 1: no file (nothing changes, no lock). 0: loaded. -1: unreadable or
 * corrupt: fail safe, g is locked for g->lockout_ms from now and err says
 * why. */
int pin_state_load(const char *path, PinGuard *g, int64_t now, const PinClock *c,
                   char *err, size_t errlen);

#endif
