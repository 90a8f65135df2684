/* diag.h — a list of "path:line: message" problems found in input. */
#ifndef CORE_DIAG_H
#define CORE_DIAG_H

#include <stdio.h>

typedef struct Diags {
	char **msgs;                    /* each "path:line: message", heap-owned */
	int n, cap;
	int limit;                      /* stop recording past this (0 = 10000) */
} Diags;

/* Record a problem. line <= 0 omits the line number ("path: message"). */
void diags_add(Diags *d, const char *path, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void diags_print(const Diags *d, FILE *f);
void diags_free(Diags *d);          /* frees the messages; d itself is not freed */

#endif
