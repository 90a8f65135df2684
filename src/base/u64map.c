/* u64map.c — linear probing with backward-shift deletion. */
#include "u64map.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define EMPTY UINT64_MAX

static size_t slot_of(uint64_t key, size_t cap)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdULL;   /* murmur3 finaliser */
	key ^= key >> 33;
	return (size_t)key & (cap - 1);
}

int u64map_get(const U64Map *m, uint64_t key, uint32_t *val)
{
	if (!m->cap)
		return 0;
	for (size_t i = slot_of(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == key) {
			*val = m->vals[i];
			return 1;
		}
		if (m->keys[i] == EMPTY)
			return 0;
	}
}

static void grow(U64Map *m)
{
	U64Map n = { 0 };
	n.cap = m->cap ? m->cap * 2 : 256;
	n.keys = malloc(n.cap * sizeof *n.keys);
	n.vals = malloc(n.cap * sizeof *n.vals);
	assert(n.keys && n.vals && "out of memory");
	memset(n.keys, 0xff, n.cap * sizeof *n.keys);
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i] != EMPTY)
			u64map_put(&n, m->keys[i], m->vals[i]);
	u64map_free(m);
	*m = n;
}

void u64map_put(U64Map *m, uint64_t key, uint32_t val)
{
	assert(key != EMPTY);
	if ((m->count + 1) * 2 > m->cap)
		grow(m);
	for (size_t i = slot_of(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == key) {
			m->vals[i] = val;
			return;
		}
		if (m->keys[i] == EMPTY) {
			m->keys[i] = key;
			m->vals[i] = val;
			m->count++;
			return;
		}
	}
}

void u64map_del(U64Map *m, uint64_t key)
{
	size_t mask = m->cap - 1, i, j;

	if (!m->cap)
		return;
	for (i = slot_of(key, m->cap); m->keys[i] != key; i = (i + 1) & mask)
		if (m->keys[i] == EMPTY)
			return;
	/* shift later members of the probe run back into the hole */
	for (j = (i + 1) & mask; m->keys[j] != EMPTY; j = (j + 1) & mask) {
		size_t home = slot_of(m->keys[j], m->cap);
		/* move j to i unless home lies cyclically in (i, j] */
		if (((j - home) & mask) >= ((j - i) & mask)) {
			m->keys[i] = m->keys[j];
			m->vals[i] = m->vals[j];
			i = j;
		}
	}
	m->keys[i] = EMPTY;
	m->count--;
}

void u64map_free(U64Map *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}
