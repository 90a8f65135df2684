/* test_heapwarm.c — the heap warmed ahead of start-up (heapwarm.h): while
 * warm, blocks up to 1 MiB come from the populated heap and writing them
 * takes (almost) no page faults; heapwarm_end gives the unused pages back
 * and large blocks get mappings of their own again. One process, tests in
 * order: the warm state is process-wide. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <cmocka.h>
#include "base/heapwarm.h"

#define WARM ((size_t)4 << 20)
#define BLOCK ((size_t)256 << 10)        /* over glibc's default mmap threshold */
#define NBLOCKS 12                       /* 3 MiB: inside WARM */

static size_t warmed;

static long minor_faults(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/* Resident kB of the [heap] mapping (/proc/self/smaps), -1 if none. */
static long heap_rss_kb(void)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	int in = 0;
	long kb = -1;
	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' '))
			in = strstr(line, "[heap]") != NULL;
		else if (in && sscanf(line, "Rss: %ld kB", &kb) == 1)
			break;
	}
	fclose(f);
	return kb;
}

static int in_heap(const void *p)
{
	return (const char *)p < (const char *)sbrk(0);
}

static int sanitized(void)
{
#if defined(__SANITIZE_ADDRESS__)
	return 1;                       /* ASan's allocator has no brk heap */
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	return 1;
#endif
#endif
	return 0;
}

static void test_heapwarm_should_serve_blocks_from_populated_heap(void **state)
{
	(void)state;
	if (sanitized()) skip();
	warmed = heapwarm_start(WARM);
	assert_true(warmed >= WARM);
	char *b[NBLOCKS];
	long before = minor_faults();
	for (int i = 0; i < NBLOCKS; i++) {
		b[i] = malloc(BLOCK);
		assert_non_null(b[i]);
		memset(b[i], i + 1, BLOCK);
	}
	long faults = minor_faults() - before;
	/* The same blocks unwarmed are each a mapping of their own: 64 faults
	 * a block, 768 in all. */
	assert_true(faults < 32);
	for (int i = 0; i < NBLOCKS; i++) {
		assert_true(in_heap(b[i]));
		assert_int_equal(b[i][BLOCK - 1], i + 1);
		free(b[i]);
	}
}

static void test_heapwarm_should_give_back_unused_pages_at_end(void **state)
{
	(void)state;
	if (sanitized()) skip();
	long warm_kb = heap_rss_kb();
	assert_true(warm_kb >= (long)(WARM >> 10));
	heapwarm_end();
	assert_true(heap_rss_kb() <= warm_kb - (long)(WARM >> 11));
	/* Large blocks are mappings of their own again. */
	char *p = malloc(BLOCK);
	assert_non_null(p);
	assert_false(in_heap(p));
	free(p);
}

static void test_heapwarm_should_refuse_nothing_and_absurd_sizes(void **state)
{
	(void)state;
	assert_int_equal(heapwarm_start(0), 0);
	assert_int_equal(heapwarm_start((size_t)1 << 40), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_heapwarm_should_serve_blocks_from_populated_heap),
		cmocka_unit_test(test_heapwarm_should_give_back_unused_pages_at_end),
		cmocka_unit_test(test_heapwarm_should_refuse_nothing_and_absurd_sizes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
