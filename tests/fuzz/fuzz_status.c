/* fuzz_status.c — libFuzzer target: reading status.json (cJSON and the key
 * walk) never crashes, and what it reads is written as JSON that reads back
 * and is written again byte for byte the same. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "update/status.h"

static char *write_json(const Status *s, size_t *n)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, n);
	if (!f) abort();
	status_write_json(f, s);
	fclose(f);
	return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Status s, back;
	if (status_parse((const char *)data, size, &s) < 0) return 0;
	size_t n1, n2;
	char *a = write_json(&s, &n1);
	if (status_parse(a, n1, &back) < 0) abort();
	char *b = write_json(&back, &n2);
	if (n1 != n2 || memcmp(a, b, n1) != 0) abort();
	free(a);
	free(b);
	return 0;
}
