/* u64map.h — open-addressing hash map from 64-bit keys to 32-bit values,
 * for the per-glyph tables of the font chain and the atlas (lookups on
 * every glyph of every frame, so no allocation on a hit and no chains).
 *
 * Key UINT64_MAX is reserved (marks an empty slot). */
#ifndef UI_U64MAP_H
#define UI_U64MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct U64Map {
	uint64_t *keys;
	uint32_t *vals;
	size_t cap;                     /* power of two, or 0 before first put */
	size_t count;
} U64Map;

/* 1 and *val set if key is present, else 0. */
int u64map_get(const U64Map *m, uint64_t key, uint32_t *val);
/* Insert or replace. Aborts on out-of-memory. */
void u64map_put(U64Map *m, uint64_t key, uint32_t val);
/* Remove key if present. */
void u64map_del(U64Map *m, uint64_t key);
/* Free the tables; m is left empty and reusable. */
void u64map_free(U64Map *m);

#endif
