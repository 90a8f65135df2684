/* arena.c — bump allocator. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"

struct ArenaBlock {
	ArenaBlock *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

#define ARENA_BLOCK_MIN (64 * 1024)

/* n bytes at alignment al (a power of two), not zeroed. */
static void *take(Arena *a, size_t n, size_t al)
{
	ArenaBlock *b = a->head;
	size_t at = b ? (b->used + al - 1) & ~(al - 1) : 0;
	if (!b || at > b->size || b->size - at < n) {
		size_t sz = n > ARENA_BLOCK_MIN ? n : ARENA_BLOCK_MIN;
		b = malloc(sizeof *b + sz);
		if (!b) {
			fprintf(stderr, "%s:%d: out of memory (%zu bytes)\n", __FILE__, __LINE__, n);
			abort();
		}
		b->size = sz;
		b->used = 0;
		b->next = a->head;
		a->head = b;
		at = 0;
	}
	void *p = b->data + at;
	b->used = at + n;
	a->used += n;
	return p;
}

void *arena_alloc(Arena *a, size_t n)
{
	void *p = take(a, n, 16);
	memset(p, 0, n);
	return p;
}

/* Strings are packed byte by byte: no alignment padding between them. */
char *arena_strndup(Arena *a, const char *s, size_t n)
{
	char *p = take(a, n + 1, 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *arena_strdup(Arena *a, const char *s)
{
	return arena_strndup(a, s ? s : "", s ? strlen(s) : 0);
}

void arena_free(Arena *a)
{
	if (!a) return;
	ArenaBlock *b = a->head;
	while (b) {
		ArenaBlock *n = b->next;
		free(b);
		b = n;
	}
	a->head = NULL;
	a->used = 0;
}
