/* guide.c — helpers over the guide model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "guide.h"

void guide_free(Guide *g)
{
	if (!g) return;
	arena_free(&g->arena);
	free(g);
}

char *time_value_format(TimeValue v, char *buf, size_t n)
{
	switch (v.unit) {
	case TL_IMMEDIATE: snprintf(buf, n, "即办"); break;
	case TL_WORKDAYS:  snprintf(buf, n, "%d个工作日", v.n); break;
	case TL_DAYS:      snprintf(buf, n, "%d日", v.n); break;
	case TL_MONTHS:    snprintf(buf, n, "%d个月", v.n); break;
	case TL_UNSET:     snprintf(buf, n, "法律法规未规定"); break;
	default:           snprintf(buf, n, "%s", ""); break;
	}
	return buf;
}

char *time_legal_short(TimeValue legal, char *buf, size_t n)
{
	char v[64];
	if (legal.unit == TL_UNSET) snprintf(buf, n, "无法定时限");
	else snprintf(buf, n, "法定%s", time_value_format(legal, v, sizeof v));
	return buf;
}

const Item *guide_find_item(const Guide *g, const char *code)
{
	for (int d = 0; d < g->n_depts; d++)
		for (int i = 0; i < g->depts[d].n_items; i++)
			if (strcmp(g->depts[d].items[i].code, code) == 0)
				return &g->depts[d].items[i];
	return NULL;
}

const Dept *guide_find_dept(const Guide *g, const char *code)
{
	for (int d = 0; d < g->n_depts; d++)
		if (strcmp(g->depts[d].code, code) == 0)
			return &g->depts[d];
	return NULL;
}

/* Length of the synonym separator at s, 0 if none. */
static size_t synonym_sep(const char *s)
{
	if (*s == ',' || *s == ';') return 1;
	if (!strncmp(s, "，", 3) || !strncmp(s, "、", 3) || !strncmp(s, "；", 3)) return 3;
	return 0;
}

static size_t blank_len(const char *s)
{
	if (*s == ' ' || *s == '\t') return 1;
	if (!strncmp(s, "\u3000", 3)) return 3;     /* ideographic space */
	return 0;
}

int guide_synonym_next(const char **cursor, const char **start, size_t *len)
{
	const char *s = *cursor;
	if (!s) return 0;
	for (;;) {
		size_t k;
		while ((k = synonym_sep(s)) || (k = blank_len(s))) s += k;
		if (!*s) { *cursor = s; return 0; }
		const char *b = s, *e = s;
		while (*s && !synonym_sep(s)) {
			if ((k = blank_len(s))) s += k;
			else { s++; e = s; }
		}
		*cursor = s;
		if (e > b) { *start = b; *len = (size_t)(e - b); return 1; }
	}
}
