/* test_hugealloc.c — the allocator SDL is given (hugealloc.h): large blocks
 * in 2 MiB-aligned, populated huge-page mappings (the last huge page whole
 * when it is more than half used), small ones and failed mappings from the
 * C library, malloc/calloc/realloc/free semantics across both, and SDL's
 * window-sized surfaces and atlas pages landing in such mappings. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>
#include <cmocka.h>
#include <SDL.h>
#include "base/hugealloc.h"

#define BIG ((size_t)1080 * 1920 * 4)    /* a portrait window surface */

/* 1 if the mapping holding p is marked MADV_HUGEPAGE ("hg" in VmFlags of
 * /proc/self/smaps), 0 if not, -1 if smaps cannot tell. */
static int marked_huge(const void *p)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	int in = 0, found = -1;
	if (!f) return -1;
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' ')) {
			in = (uintptr_t)p >= lo && (uintptr_t)p < hi;
		} else if (in && !strncmp(line, "VmFlags:", 8)) {
			found = strstr(line, " hg") != NULL;
			break;
		}
	}
	fclose(f);
	return found;
}

/* Size and resident kB of the mapping holding p (/proc/self/smaps). */
static void mapping(const void *p, size_t *size, long *rss_kb)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	int in = 0;
	*size = 0;
	*rss_kb = -1;
	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' ')) {
			in = (uintptr_t)p >= lo && (uintptr_t)p < hi;
			if (in) *size = hi - lo;
		} else if (in && sscanf(line, "Rss: %ld kB", rss_kb) == 1) {
			break;
		}
	}
	fclose(f);
}

/* 1 if this kernel has MADV_POPULATE_WRITE (Linux 5.14). */
static int populate_available(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int ok = p != MAP_FAILED && madvise(p, 4096, MADV_POPULATE_WRITE) == 0;
	if (p != MAP_FAILED) munmap(p, 4096);
	return ok;
}

static int thp_available(void)
{
	return access("/sys/kernel/mm/transparent_hugepage/enabled", R_OK) == 0;
}

static void test_hugealloc_should_map_large_blocks_huge_and_aligned(void **state)
{
	unsigned char *p = hugealloc_malloc(BIG);
	assert_non_null(p);
	assert_true(hugealloc_owns(p));
	assert_true(hugealloc_owns(p + BIG - 1));
	assert_int_equal((uintptr_t)p % (2u << 20), 0);
	memset(p, 0x5A, BIG);
	assert_int_equal(p[BIG - 1], 0x5A);
	if (thp_available()) assert_int_equal(marked_huge(p), 1);
	hugealloc_free(p);
	assert_false(hugealloc_owns(p));
}

/* Made resident when mapped (no fault per page on first touch); the
 * window surface's 3.96 huge pages take 4, an atlas page (1 MiB and a
 * little) keeps its size. */
static void test_hugealloc_should_populate_and_round_the_last_huge_page(void **state)
{
	size_t size;
	long rss;
	unsigned char *p = hugealloc_malloc(BIG);
	mapping(p, &size, &rss);
	assert_int_equal(size, 8u << 20);
	if (populate_available()) assert_true(rss * 1024 >= (long)BIG);
	hugealloc_free(p);
	size_t atlas = 512 * 512 * 4 + 64;
	p = hugealloc_malloc(atlas);
	assert_true(hugealloc_owns(p));
	mapping(p, &size, &rss);
	assert_int_equal(size, (atlas + 4095) / 4096 * 4096);
	if (populate_available()) assert_true(rss * 1024 >= (long)atlas);
	hugealloc_free(p);
}

static void test_hugealloc_should_leave_small_blocks_to_libc(void **state)
{
	char *p = hugealloc_malloc(HUGEALLOC_MIN - 1);
	assert_non_null(p);
	assert_false(hugealloc_owns(p));
	memset(p, 1, HUGEALLOC_MIN - 1);
	hugealloc_free(p);
	hugealloc_free(NULL);
	p = hugealloc_malloc(0);        /* as malloc(0): freeable */
	hugealloc_free(p);
}

static void test_hugealloc_should_zero_calloc_and_refuse_overflow(void **state)
{
	unsigned char *p = hugealloc_calloc(1080 * 1920, 4);
	assert_non_null(p);
	assert_true(hugealloc_owns(p));
	for (size_t i = 0; i < BIG; i += 4093) assert_int_equal(p[i], 0);
	assert_int_equal(p[BIG - 1], 0);
	hugealloc_free(p);
	unsigned char *s = hugealloc_calloc(100, 3);
	assert_false(hugealloc_owns(s));
	for (int i = 0; i < 300; i++) assert_int_equal(s[i], 0);
	hugealloc_free(s);
	assert_null(hugealloc_calloc(SIZE_MAX / 2, 3));
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(i * 7 + seed);
}

static void check(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(i * 7 + seed)) fail_msg("byte %zu changed", i);
}

static void test_hugealloc_should_keep_contents_across_realloc(void **state)
{
	/* NULL -> large: a mapping */
	unsigned char *p = hugealloc_realloc(NULL, BIG);
	assert_true(hugealloc_owns(p));
	hugealloc_free(p);
	/* small (libc) -> large: moves into a mapping, contents kept */
	p = hugealloc_malloc(1000);
	fill(p, 1000, 3);
	p = hugealloc_realloc(p, BIG);
	assert_non_null(p);
	assert_true(hugealloc_owns(p));
	check(p, 1000, 3);
	/* large -> larger */
	fill(p, BIG, 5);
	p = hugealloc_realloc(p, 2 * BIG);
	assert_true(hugealloc_owns(p));
	check(p, BIG, 5);
	p[2 * BIG - 1] = 1;
	/* large -> a little smaller: stays */
	unsigned char *q = hugealloc_realloc(p, 2 * BIG - 100);
	assert_ptr_equal(q, p);
	/* large -> small: back to libc, prefix kept */
	p = hugealloc_realloc(q, 500);
	assert_non_null(p);
	assert_false(hugealloc_owns(p));
	check(p, 500, 5);
	/* small -> small: libc's realloc */
	p = hugealloc_realloc(p, 4000);
	check(p, 500, 5);
	hugealloc_free(p);
}

/* A large block whose mapping fails comes from libc: with the address
 * space limited to what is in use plus the block (and a little), the
 * mapping (block + 2 MiB of alignment slack) cannot be made, libc's can. */
static void test_hugealloc_should_fall_back_to_libc_when_mapping_fails(void **state)
{
#if defined(__SANITIZE_ADDRESS__)
	skip();                         /* ASan's shadow needs the address space */
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	skip();
#endif
#endif
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long pages = 0;
	assert_non_null(f);
	assert_int_equal(fscanf(f, "%lu", &pages), 1);
	fclose(f);
	struct rlimit old, lim;
	assert_int_equal(getrlimit(RLIMIT_AS, &old), 0);
	lim = old;
	lim.rlim_cur = pages * (rlim_t)sysconf(_SC_PAGESIZE) + BIG + (1u << 20);
	assert_int_equal(setrlimit(RLIMIT_AS, &lim), 0);
	unsigned char *p = hugealloc_malloc(BIG);
	int owned = p ? hugealloc_owns(p) : -1;
	if (p) memset(p, 7, BIG);
	hugealloc_free(p);
	assert_int_equal(setrlimit(RLIMIT_AS, &old), 0);
	assert_non_null(p);
	assert_int_equal(owned, 0);
}

static void *churn(void *arg)
{
	for (int i = 0; i < 200; i++) {
		unsigned char *b = hugealloc_malloc(HUGEALLOC_MIN + (size_t)i * 4096);
		unsigned char *s = hugealloc_malloc(64);
		if (!b || !s || !hugealloc_owns(b)) return (void *)1;
		b[0] = s[0] = (unsigned char)i;
		hugealloc_free(s);
		hugealloc_free(b);
	}
	return NULL;
}

static void test_hugealloc_should_serve_threads_at_once(void **state)
{
	pthread_t t[4];
	void *r;
	for (int i = 0; i < 4; i++) assert_int_equal(pthread_create(&t[i], NULL, churn, NULL), 0);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], &r), 0);
		assert_null(r);
	}
}

/* What the kiosk's main() sets up: SDL's allocator is this one, so the
 * software renderer's window-sized surface is in a huge-page mapping. */
static void test_hugealloc_should_hold_sdl_window_surfaces(void **state)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 1080, 1920, 32, SDL_PIXELFORMAT_ARGB8888);
	assert_non_null(s);
	assert_true(hugealloc_owns(s->pixels));
	if (thp_available()) assert_int_equal(marked_huge(s->pixels), 1);
	void *pixels = s->pixels;
	SDL_FreeSurface(s);
	assert_false(hugealloc_owns(pixels));
	SDL_Surface *page = SDL_CreateRGBSurfaceWithFormat(0, 512, 512, 32, SDL_PIXELFORMAT_ARGB8888);
	assert_non_null(page);
	assert_true(hugealloc_owns(page->pixels));
	SDL_FreeSurface(page);
	SDL_Surface *small = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
	assert_non_null(small);
	assert_false(hugealloc_owns(small->pixels));
	SDL_FreeSurface(small);
}

int main(void)
{
	/* before any other SDL call, as in the kiosk */
	if (SDL_SetMemoryFunctions(hugealloc_malloc, hugealloc_calloc, hugealloc_realloc,
	                           hugealloc_free) != 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hugealloc_should_map_large_blocks_huge_and_aligned),
		cmocka_unit_test(test_hugealloc_should_populate_and_round_the_last_huge_page),
		cmocka_unit_test(test_hugealloc_should_leave_small_blocks_to_libc),
		cmocka_unit_test(test_hugealloc_should_zero_calloc_and_refuse_overflow),
		cmocka_unit_test(test_hugealloc_should_keep_contents_across_realloc),
		cmocka_unit_test(test_hugealloc_should_fall_back_to_libc_when_mapping_fails),
		cmocka_unit_test(test_hugealloc_should_serve_threads_at_once),
		cmocka_unit_test(test_hugealloc_should_hold_sdl_window_surfaces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
