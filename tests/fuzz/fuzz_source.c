/* fuzz_source.c — libFuzzer target: the guide item, department and
 * laws.txt parsers and the item checks against a laws list must never
 * crash, leak or read out of bounds on any input. */
#include <stddef.h>
#include <stdint.h>
#include "guide/source.h"

/* A fixed list, so citations in the input meet listed laws too. */
static const char laws_txt[] =
	"某某条例 | 2023-12-29 | 2023年修订\n"
	"中华人民共和国行政许可法 | 2019-04-23 | 2019年修正\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Arena a = { 0 };
	Diags d = { 0 };
	Item it;
	Dept dp;
	LawList laws, fixed;
	source_parse_item(&a, "fuzz.txt", (const char *)data, size, &it, &d);
	source_parse_dept(&a, "department.txt", (const char *)data, size, &dp, &d);
	source_parse_laws(&a, "laws.txt", (const char *)data, size, &laws, &d);
	source_parse_laws(&a, "laws.txt", laws_txt, sizeof laws_txt - 1, &fixed, &d);
	source_parse_item_laws(&a, "fuzz.txt", (const char *)data, size, &laws, &it, &d);
	source_parse_item_laws(&a, "fuzz.txt", (const char *)data, size, &fixed, &it, &d);
	diags_free(&d);
	arena_free(&a);
	return 0;
}
