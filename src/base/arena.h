/* arena.h — a bump allocator: many small allocations freed at once.
 *
 * An Arena is a chain of blocks. arena_alloc() never fails (it aborts with
 * file:line on out-of-memory, which on a kiosk is a broken invariant), and
 * everything allocated is released by arena_free(). */
#ifndef CORE_ARENA_H
#define CORE_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
	ArenaBlock *head;               /* newest block first */
	size_t used;                    /* bytes handed out, for statistics */
} Arena;

void *arena_alloc(Arena *a, size_t n);            /* zeroed, 16-byte aligned */
/* Strings are packed (no alignment): a copy of s[0..n) plus a NUL. */
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, size_t n);
void arena_free(Arena *a);                         /* a itself is not freed */

#endif
