/* hugealloc.h — malloc, calloc, realloc and free for a library whose
 * allocator can be replaced (SDL_SetMemoryFunctions), giving each large
 * block its own anonymous mapping, 2 MiB-aligned and marked
 * MADV_HUGEPAGE.
 *
 * Why: the first touch of each 4 KiB page costs a fault, and on the
 * kiosk's virtual machines a fault costs ~15 µs. SDL's software renderer
 * zeroes a 1080x1920 window surface (8.3 MB, ~2030 faults, 25-35 ms of
 * start-up); in a huge-page region the same zeroing takes a few faults and
 * about 1-4 ms. Only blocks that are zeroed or filled whole (surfaces,
 * textures: the glyph atlas's 1 MiB pages) are that big, so each mapping
 * is populated when it is made (MADV_POPULATE_WRITE: one call instead of
 * a fault per page, where the kernel has it), and a block whose last
 * huge page would be more than half used gets that page whole (the
 * window surface: 8.3 MB in 4 huge pages, not 3 and 490 small ones).
 *
 * Blocks under HUGEALLOC_MIN come from the C library, unchanged. So does a
 * large block whose mapping fails (address-space limit, no mmap): the
 * functions then behave exactly as malloc & co. Without MADV_HUGEPAGE
 * (another kernel, THP off) a large block is still its own mapping.
 * hugealloc_free() and hugealloc_realloc() accept any pointer these
 * functions returned, or NULL. Thread-safe. */
#ifndef BASE_HUGEALLOC_H
#define BASE_HUGEALLOC_H

#include <stddef.h>

#define HUGEALLOC_MIN ((size_t)1 << 20)  /* bytes */

void *hugealloc_malloc(size_t n);
void *hugealloc_calloc(size_t nmemb, size_t size);   /* NULL on overflow */
void *hugealloc_realloc(void *p, size_t n);
void hugealloc_free(void *p);

/* 1 if p points into a block that has a mapping of its own (not the C
 * library's), else 0. For tests and statistics. */
int hugealloc_owns(const void *p);

#endif
