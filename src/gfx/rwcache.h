/* rwcache.h — a read-only file as an SDL_RWops with a small page cache.
 *
 * Why: SDL_ttf hands FreeType a stream that seeks and reads its file for
 * every access, and SDL_RWFromFile's stdio stream makes each seek an
 * lseek() and each read a read() of 4 KiB. Rasterising one Noto CJK glyph
 * (its charstring and the subroutines it calls, all over a 16 MB CFF)
 * took ~40 lseeks and ~15 reads: ~90 of its ~140 µs on the kiosk's
 * virtual machines (a system call costs 1.3-2.3 µs there), and the first
 * frame rasterises ~130 glyphs. Here a seek only moves a number, and a
 * read is served from a cache of the file's 4 KiB pages, each read once
 * with pread(). Mapping the file instead cost 14.7 MB of PSS (every page
 * FreeType touches, and the kernel's read-around, stays mapped); the
 * cache is a fixed RWCACHE_PAGES pages. The first frame's main thread made
 * ~5,400 lseeks and ~2,000 reads through stdio, ~450 preads through this;
 * pages read in the scripted fling session by cache size: 16 pages 4,169,
 * 32 2,996, 64 2,026, 128 1,499. First frame 76.8 -> 64.7 ms (sample
 * guides) and 80.3 -> 66.2 ms (10,000 items), medians of 15 interleaved
 * runs.
 *
 * Reads of a whole table (RWCACHE_DIRECT bytes or more) go straight to
 * the file. Not thread-safe: one thread at a time, like the font. */
#ifndef GFX_RWCACHE_H
#define GFX_RWCACHE_H

#include <SDL.h>

#define RWCACHE_PAGE 4096
#define RWCACHE_PAGES 64                /* 256 KiB per open file */
#define RWCACHE_DIRECT (4 * RWCACHE_PAGE)

/* path opened read-only; NULL with SDL_GetError() set if it cannot be.
 * SDL_RWclose() closes it. */
SDL_RWops *rwcache_open(const char *path);

/* Pages read from the file so far (for tests and statistics). */
unsigned long rwcache_reads(SDL_RWops *rw);

#endif
