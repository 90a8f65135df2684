/* heapwarm.h — the C library's heap grown ahead of start-up in one
 * populated piece, and given back once start-up is over.
 *
 * Why: on the kiosk's virtual machines the first touch of a 4 KiB page
 * costs a fault of ~15 µs, against ~1 µs a page when the kernel populates
 * a whole range in one call (MADV_POPULATE_WRITE). Start-up writes
 * megabytes of fresh heap: FreeType reads ~1.7 MB of tables per Noto CJK
 * face into new buffers (each over glibc's 128 KiB mmap threshold: a
 * mapping of its own, faulted in page by page), SQLite fills its page
 * cache, the layouts their arenas. Warming 6 MiB took the kiosk's
 * start-up from ~2,500 page faults to ~1,100 and its first frame from 54
 * to 46 ms on the sample guides, 81 to 72 ms at 10,000 items (medians of
 * 11 interleaved runs), for +0.6 MB of peak PSS.
 *
 * hugealloc.h does the same for SDL's blocks of 1 MiB and more; this is
 * for everything else. Linux and glibc; elsewhere (or on a kernel without
 * MADV_POPULATE_WRITE) the functions change nothing or only the C
 * library's thresholds, and memory faults in as usual. */
#ifndef BASE_HEAPWARM_H
#define BASE_HEAPWARM_H

#include <stddef.h>

/* Blocks under this many bytes come from the heap while warm, not from a
 * mapping of their own. */
#define HEAPWARM_MMAP_MIN ((size_t)1 << 20)

/* Grow the heap by `bytes` and populate it, and keep it: no trimming, and
 * blocks under HEAPWARM_MMAP_MIN from the heap. Call before any other
 * thread runs. Returns the bytes populated (0 if none could be). */
size_t heapwarm_start(size_t bytes);

/* Start-up is over: give back the warmed pages nothing has used, and trim
 * the heap as the C library does by default. */
void heapwarm_end(void);

#endif
