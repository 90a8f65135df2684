/* utf8.h — strict UTF-8 decoding (no overlongs, no surrogates, <= U+10FFFF). */
#ifndef CORE_UTF8_H
#define CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode one code point from s[*i..len). On success stores it in *cp,
 * advances *i and returns 0. On invalid or truncated input stores U+FFFD,
 * advances *i by one byte and returns -1. */
int utf8_decode(const char *s, size_t len, size_t *i, uint32_t *cp);

/* Encode cp into out (4 bytes room); returns bytes written (0 if invalid). */
int utf8_encode(uint32_t cp, char *out);

/* 1 if s[0..len) is valid UTF-8; else 0 and *bad = offset of the first bad byte. */
int utf8_valid(const char *s, size_t len, size_t *bad);

/* Number of code points in valid UTF-8 s[0..len). */
size_t utf8_count(const char *s, size_t len);

#endif
