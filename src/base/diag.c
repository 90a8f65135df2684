/* diag.c — problem lists. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "diag.h"

void diags_add(Diags *d, const char *path, int line, const char *fmt, ...)
{
	int limit = d->limit ? d->limit : 10000;
	if (d->n >= limit) return;
	char msg[1024], head[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (line > 0) snprintf(head, sizeof head, "%s:%d: ", path, line);
	else snprintf(head, sizeof head, "%s: ", path);
	if (d->n == d->cap) {
		int cap = d->cap ? d->cap * 2 : 16;
		char **m = realloc(d->msgs, cap * sizeof *m);
		if (!m) return;
		d->msgs = m;
		d->cap = cap;
	}
	size_t n = strlen(head) + strlen(msg) + 1;
	char *s = malloc(n);
	if (!s) return;
	snprintf(s, n, "%s%s", head, msg);
	d->msgs[d->n++] = s;
}

void diags_print(const Diags *d, FILE *f)
{
	for (int i = 0; i < d->n; i++) fprintf(f, "%s\n", d->msgs[i]);
}

void diags_free(Diags *d)
{
	if (!d) return;
	for (int i = 0; i < d->n; i++) free(d->msgs[i]);
	free(d->msgs);
	d->msgs = NULL;
	d->n = d->cap = 0;
}
