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

void *arena_alloc(Arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	ArenaBlock *b = a->head;
	if (!b || b->size - b->used < n) {
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
	}
	void *p = b->data + b->used;
	b->used += n;
	a->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
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
