/* hugealloc.c — large blocks in huge-page mappings (hugealloc.h). */
#include "hugealloc.h"

#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define ALIGN   ((size_t)2 << 20)      /* a huge page on x86-64 and arm64 */
#define PAGE    ((size_t)4096)
#define BLOCKS  64                     /* large blocks alive at once */

/* The large blocks alive: start (ALIGN-aligned) and mapped length. A full
 * table sends further large blocks to the C library. */
static struct { char *base; size_t len; } blocks[BLOCKS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* ------------------------------------------------------------ mappings */

/* A fresh zeroed mapping of at least n bytes starting on an ALIGN
 * boundary, recorded in the table; NULL if it cannot be made. */
static void *map_block(size_t n)
{
	size_t len = (n + PAGE - 1) & ~(PAGE - 1);
	if (len < n || len > SIZE_MAX - 2 * ALIGN) return NULL;
	if (len >= ALIGN && len % ALIGN > ALIGN / 2)
		len = (len + ALIGN - 1) & ~(ALIGN - 1);   /* the last huge page whole */
	char *raw = mmap(NULL, len + ALIGN, PROT_READ | PROT_WRITE,
	                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED) return NULL;
	char *base = (char *)(((uintptr_t)raw + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1));
	if (base > raw) munmap(raw, (size_t)(base - raw));
	munmap(base + len, (size_t)(raw + len + ALIGN - (base + len)));
#ifdef MADV_HUGEPAGE
	madvise(base, len, MADV_HUGEPAGE);   /* THP off or absent: small pages */
#endif
#ifdef MADV_POPULATE_WRITE
	madvise(base, len, MADV_POPULATE_WRITE);  /* Linux < 5.14: faults as usual */
#endif
	pthread_mutex_lock(&lock);
	int i = 0;
	while (i < BLOCKS && blocks[i].base) i++;
	if (i < BLOCKS) {
		blocks[i].base = base;
		blocks[i].len = len;
	}
	pthread_mutex_unlock(&lock);
	if (i == BLOCKS) {
		munmap(base, len);
		return NULL;
	}
	return base;
}

/* The mapped length of the block starting at p, or 0 if p starts none. */
static size_t block_len(const void *p)
{
	size_t len = 0;
	if (!p || ((uintptr_t)p & (ALIGN - 1))) return 0;  /* not ALIGN-aligned: libc's */
	pthread_mutex_lock(&lock);
	for (int i = 0; i < BLOCKS; i++)
		if (blocks[i].base == p) len = blocks[i].len;
	pthread_mutex_unlock(&lock);
	return len;
}

/* Forget and unmap the block starting at p; 0, or -1 if p starts none. */
static int unmap_block(void *p)
{
	size_t len = 0;
	if (!p || ((uintptr_t)p & (ALIGN - 1))) return -1;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < BLOCKS; i++)
		if (blocks[i].base == p) {
			len = blocks[i].len;
			blocks[i].base = NULL;
			blocks[i].len = 0;
		}
	pthread_mutex_unlock(&lock);
	if (!len) return -1;
	munmap(p, len);
	return 0;
}

/* -------------------------------------------------------------- public */

void *hugealloc_malloc(size_t n)
{
	void *p = n >= HUGEALLOC_MIN ? map_block(n) : NULL;
	return p ? p : malloc(n);
}

void *hugealloc_calloc(size_t nmemb, size_t size)
{
	if (size && nmemb > SIZE_MAX / size) return NULL;
	size_t n = nmemb * size;
	void *p = n >= HUGEALLOC_MIN ? map_block(n) : NULL;  /* already zero */
	return p ? p : calloc(nmemb, size);
}

void hugealloc_free(void *p)
{
	if (unmap_block(p) != 0) free(p);
}

void *hugealloc_realloc(void *p, size_t n)
{
	if (!p) return hugealloc_malloc(n);
	size_t len = block_len(p);
	if (!len) {                          /* the C library's */
		void *q = n >= HUGEALLOC_MIN ? map_block(n) : NULL;
		if (!q) return realloc(p, n);
		size_t old = malloc_usable_size(p);
		memcpy(q, p, old < n ? old : n);
		free(p);
		return q;
	}
	if (n <= len && n >= HUGEALLOC_MIN && n >= len / 2)
		return p;                        /* fits, and not much too big */
	void *q = hugealloc_malloc(n);
	if (!q) return NULL;                 /* p is left as it was */
	memcpy(q, p, len < n ? len : n);
	unmap_block(p);
	return q;
}

int hugealloc_owns(const void *p)
{
	int own = 0;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < BLOCKS; i++)
		if (blocks[i].base && (const char *)p >= blocks[i].base &&
		    (const char *)p < blocks[i].base + blocks[i].len)
			own = 1;
	pthread_mutex_unlock(&lock);
	return own;
}
