/* fuzz_source.c — libFuzzer target: the guide item and department parsers
 * must never crash, leak or read out of bounds on any input. */
#include <stddef.h>
#include <stdint.h>
#include "guide/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Arena a = { 0 };
	Diags d = { 0 };
	Item it;
	Dept dp;
	source_parse_item(&a, "fuzz.txt", (const char *)data, size, &it, &d);
	source_parse_dept(&a, "department.txt", (const char *)data, size, &dp, &d);
	diags_free(&d);
	arena_free(&a);
	return 0;
}
