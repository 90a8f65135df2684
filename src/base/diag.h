/* diag.h — a list of "path:line: message" problems found in input.
 *
 * Errors and warnings: errors are msgs[0..n) and make input invalid
 * (n == 0 means valid); warnings ("path:line: warning: message") are
 * warns[0..n_warns) and do not. diags_print prints both in the order they
 * were recorded. */
#ifndef CORE_DIAG_H
#define CORE_DIAG_H

#include <stdio.h>

typedef struct Diags {
	char **msgs;                    /* each "path:line: message", heap-owned */
	int n, cap;
	int limit;                      /* stop recording past this many of each kind (0 = 10000) */
	char **warns;                   /* each "path:line: warning: message", heap-owned */
	int n_warns, cap_warns;
	const char **all;               /* msgs and warns in recording order (borrowed) */
	int n_all, cap_all;
} Diags;

/* Record a problem. line <= 0 omits the line number ("path: message"). */
void diags_add(Diags *d, const char *path, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Record a warning: printed as "path:line: warning: message"; not counted in n. */
void diags_warn(Diags *d, const char *path, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void diags_print(const Diags *d, FILE *f);
void diags_free(Diags *d);          /* frees the messages; d itself is not freed */

#endif
