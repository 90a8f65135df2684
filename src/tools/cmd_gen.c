/* kioskctl gen N -o DIR — write synthetic guide sources (benchmarks). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "commands.h"
#include "gen.h"

int cmd_gen(int argc, char **argv, const Config *cfg)
{
	const char *out = NULL;
	long n = -1;
	unsigned long seed = 1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc) out = argv[++i];
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc) seed = strtoul(argv[++i], NULL, 10);
		else if (n < 0) n = strtol(argv[i], NULL, 10);
	}
	if (!out || n <= 0 || n > 1000000) { fputs("usage: kioskctl gen N -o DIR [--seed S]   (1 <= N <= 1000000)\n", stderr); return 2; }
	char err[512];
	if (gen_write(out, (int)n, seed, err, sizeof err) < 0) {
		fprintf(stderr, "kioskctl gen: %s\n", err);
		return 1;
	}
	printf("%s: %ld synthetic items in 16 departments\n", out, n);
	return 0;
}
