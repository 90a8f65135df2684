/* test_arena.c — the bump allocator: strings are packed without padding,
 * other allocations stay 16-byte aligned and zeroed, large ones get their
 * own block. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "base/arena.h"

static void test_arena_should_pack_strings_without_padding(void **state)
{
	Arena a = { 0 };
	char *s1 = arena_strndup(&a, "甲乙", 6);
	char *s2 = arena_strdup(&a, "abc");
	char *s3 = arena_strdup(&a, "");
	assert_string_equal(s1, "甲乙");
	assert_string_equal(s2, "abc");
	assert_string_equal(s3, "");
	/* each string takes its bytes and a NUL, nothing more */
	assert_ptr_equal(s2, s1 + 7);
	assert_ptr_equal(s3, s2 + 4);
	arena_free(&a);
}

static void test_arena_should_align_and_zero_after_odd_strings(void **state)
{
	Arena a = { 0 };
	for (int i = 0; i < 1000; i++) {
		arena_strndup(&a, "xyz12", (size_t)(i % 5));
		unsigned char *p = arena_alloc(&a, 24);
		assert_int_equal((uintptr_t)p % 16, 0);
		for (int j = 0; j < 24; j++) assert_int_equal(p[j], 0);
		memset(p, 0xAB, 24);
	}
	/* bigger than a block: a block of its own, still aligned and zeroed */
	unsigned char *big = arena_alloc(&a, 200000);
	assert_int_equal((uintptr_t)big % 16, 0);
	assert_int_equal(big[0] | big[199999], 0);
	char *after = arena_strdup(&a, "still here");
	assert_string_equal(after, "still here");
	arena_free(&a);
	assert_null(a.head);
	assert_int_equal(a.used, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena_should_pack_strings_without_padding),
		cmocka_unit_test(test_arena_should_align_and_zero_after_odd_strings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
