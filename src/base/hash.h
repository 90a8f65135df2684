/* hash.h — FNV-1a, the one byte hash the kiosk uses for its in-memory
 * tables and keys (text layout cache, redraw keys, the strings an index
 * load shares): start from FNV1A_OFFSET and feed bytes with fnv1a(). Not
 * for anything an attacker chooses to collide. */
#ifndef BASE_HASH_H
#define BASE_HASH_H

#include <stddef.h>
#include <stdint.h>

#define FNV1A_OFFSET 0xcbf29ce484222325ULL

/* h continued over the n bytes at p. */
static inline uint64_t fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

#endif
