/* diag.c — problem lists. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "diag.h"

/* Append s to a growable list; returns 0, or -1 (s not stored) on no memory. */
static int list_push(char ***v, int *n, int *cap, char *s)
{
	if (*n == *cap) {
		int c = *cap ? *cap * 2 : 16;
		char **m = realloc(*v, c * sizeof *m);
		if (!m) return -1;
		*v = m;
		*cap = c;
	}
	(*v)[(*n)++] = s;
	return 0;
}

static void record(Diags *d, int warn, const char *path, int line, const char *fmt, va_list ap)
{
	int limit = d->limit ? d->limit : 10000;
	if ((warn ? d->n_warns : d->n) >= limit) return;
	char msg[1024], head[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	const char *kind = warn ? "warning: " : "";
	if (line > 0) snprintf(head, sizeof head, "%s:%d: %s", path, line, kind);
	else snprintf(head, sizeof head, "%s: %s", path, kind);
	/* Reserve the place in the ordered list first, so a stored message is
	 * always printed. */
	if (d->n_all == d->cap_all) {
		int c = d->cap_all ? d->cap_all * 2 : 16;
		const char **m = realloc(d->all, c * sizeof *m);
		if (!m) return;
		d->all = m;
		d->cap_all = c;
	}
	size_t n = strlen(head) + strlen(msg) + 1;
	char *s = malloc(n);
	if (!s) return;
	snprintf(s, n, "%s%s", head, msg);
	int r = warn ? list_push(&d->warns, &d->n_warns, &d->cap_warns, s)
	             : list_push(&d->msgs, &d->n, &d->cap, s);
	if (r < 0) { free(s); return; }
	d->all[d->n_all++] = s;
}

void diags_add(Diags *d, const char *path, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	record(d, 0, path, line, fmt, ap);
	va_end(ap);
}

void diags_warn(Diags *d, const char *path, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	record(d, 1, path, line, fmt, ap);
	va_end(ap);
}

void diags_print(const Diags *d, FILE *f)
{
	for (int i = 0; i < d->n_all; i++) fprintf(f, "%s\n", d->all[i]);
}

void diags_free(Diags *d)
{
	if (!d) return;
	for (int i = 0; i < d->n; i++) free(d->msgs[i]);
	for (int i = 0; i < d->n_warns; i++) free(d->warns[i]);
	free(d->msgs);
	free(d->warns);
	free(d->all);
	d->msgs = d->warns = NULL;
	d->all = NULL;
	d->n = d->cap = d->n_warns = d->cap_warns = d->n_all = d->cap_all = 0;
}
