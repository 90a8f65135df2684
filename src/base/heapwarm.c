/* heapwarm.c — the heap grown and populated ahead of start-up (heapwarm.h). */
#include "heapwarm.h"

#include <stdint.h>
#include <stdlib.h>

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE ((uintptr_t)4096)
#define TRIM_DEFAULT (128 * 1024)      /* glibc's M_TRIM_THRESHOLD */

size_t heapwarm_start(size_t bytes)
{
	if (bytes == 0 || bytes > (size_t)1 << 30) return 0;
	/* One block of `bytes` from the heap (the threshold raised above it
	 * for this one malloc), freed back into the heap's top, which stays:
	 * trimming waits for heapwarm_end. */
	mallopt(M_TRIM_THRESHOLD, (int)(2 * bytes));
	mallopt(M_MMAP_THRESHOLD, (int)(bytes + HEAPWARM_MMAP_MIN));
	char *p = malloc(bytes);
	char *brk_end = sbrk(0);
	size_t done = 0;
	if (p && brk_end != (char *)-1 && p < brk_end && (size_t)(brk_end - p) >= bytes) {
		/* In the heap (not a mapping glibc fell back to): populate from
		 * its first whole page to the break. */
		char *from = (char *)(((uintptr_t)p + PAGE - 1) & ~(PAGE - 1));
#ifdef MADV_POPULATE_WRITE
		if (madvise(from, (size_t)(brk_end - from), MADV_POPULATE_WRITE) == 0)
			done = (size_t)(brk_end - from);
#endif
	}
	free(p);
	mallopt(M_MMAP_THRESHOLD, (int)HEAPWARM_MMAP_MIN);
	return done;
}

void heapwarm_end(void)
{
	malloc_trim(0);
	mallopt(M_TRIM_THRESHOLD, TRIM_DEFAULT);
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
}

#else
size_t heapwarm_start(size_t bytes) { (void)bytes; return 0; }
void heapwarm_end(void) {}
#endif
