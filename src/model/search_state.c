/* search_state.c — the search screen's model (search_state.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "search_state.h"

/* ------------------------------------------------------------ recording */

/* Record the pending no-result query, once. */
void search_record_pending(App *a)
{
	SearchState *s = a->search;
	if (!s || !s->pending[0]) return;
	char err[256];
	if (a->usage && usage_record_no_result(a->usage, s->pending,
	                                       a->clock_base + a->now / 1000, err, sizeof err) < 0)
		fprintf(stderr, "kiosk: usage: %s\n", err);
	s->pending[0] = 0;
}

/* ------------------------------------------------------------- querying */

static int cmp_range(const void *a, const void *b)
{
	return ((const SearchRange *)a)->start - ((const SearchRange *)b)->start;
}

/* Prepare what a row draws from result r: the text and its highlight. */
static void make_row(ResultRow *row, const SearchResult *r)
{
	size_t nl = strlen(r->name);
	row->n_spans = 0;
	if (r->synonym) {
		snprintf(row->line, sizeof row->line, "%s（%s）", r->name, r->synonym);
	} else {
		snprintf(row->line, sizeof row->line, "%s", r->name);
	}
	size_t used = strlen(row->line);
	/* Name ranges, sorted and merged so the spans never overlap. */
	SearchRange rg[SEARCH_MAX_RANGES];
	int n = r->n_name_ranges < SEARCH_MAX_RANGES ? r->n_name_ranges : SEARCH_MAX_RANGES;
	memcpy(rg, r->name_ranges, sizeof rg[0] * (size_t)n);
	qsort(rg, (size_t)n, sizeof rg[0], cmp_range);
	for (int i = 0; i < n; i++) {
		if (rg[i].start < 0 || rg[i].end > (int)nl || rg[i].start >= rg[i].end) continue;
		TextSpan *last = row->n_spans ? &row->spans[row->n_spans - 1] : NULL;
		if (last && (uint32_t)rg[i].start <= last->end) {
			if ((uint32_t)rg[i].end > last->end) last->end = (uint32_t)rg[i].end;
			continue;
		}
		TextSpan sp = {(uint32_t)rg[i].start, (uint32_t)rg[i].end, 0, 1, COL_MATCH};
		row->spans[row->n_spans++] = sp;
	}
	if (r->synonym && r->synonym_range.end > r->synonym_range.start) {
		uint32_t off = (uint32_t)nl + (uint32_t)strlen("（");
		TextSpan sp = {off + (uint32_t)r->synonym_range.start,
		               off + (uint32_t)r->synonym_range.end, 0, 1, COL_MATCH};
		if (sp.end <= used) row->spans[row->n_spans++] = sp;
	}
	row->line_br[0] = 0;
	if (r->synonym) {
		snprintf(row->line_br, sizeof row->line_br, "%s\n（%s）", r->name, r->synonym);
		for (int i = 0; i < row->n_spans; i++) {
			row->spans_br[i] = row->spans[i];
			if (row->spans[i].start >= nl) { row->spans_br[i].start++; row->spans_br[i].end++; }
		}
	}
	const char *dept = r->dept_short_name ? r->dept_short_name : "";
	switch (r->match) {
	case SEARCH_CODE:
		snprintf(row->sub, sizeof row->sub, "%s · 事项编码 %s", dept, r->code);
		break;
	case SEARCH_TEXT:
		snprintf(row->sub, sizeof row->sub, "%s · 办事指南中提到", dept);
		break;
	default:
		snprintf(row->sub, sizeof row->sub, "%s", dept);
	}
}

/* The index is built on the first visit to the search screen, not before
 * the first frame: ~25 ms and ~6 MB for 10,000 items that a kiosk whose
 * citizens only browse never pays. 0, or -1 if it cannot be built. */
static int ensure_index(App *a)
{
	SearchState *s = a->search;
	if (s->ix) return 0;
	s->ix = search_index_build(a->index, a->bundle);
	if (!s->ix) fprintf(stderr, "kiosk: search index: out of memory\n");
	return s->ix ? 0 : -1;
}

/* The query changed: run it once and keep what the rows show. */
static void run_query(App *a)
{
	SearchState *s = a->search;
	if (s->len && ensure_index(a) < 0) s->len = 0;
	s->n_res = s->len ? search_query(s->ix, s->query, s->res, SEARCH_RESULTS_MAX) : 0;
	for (int i = 0; i < s->n_res; i++) make_row(&s->rows[i], &s->res[i]);
	scroll_jump(&s->scroll, 0);
	/* A query that found nothing may be the one the citizen stops at. */
	if (s->len && s->n_res == 0) {
		snprintf(s->pending, sizeof s->pending, "%s", search_last_query(s->ix));
		s->pending_at = a->now;
	} else {
		s->pending[0] = 0;
	}
	app_mark_dirty(a);
}

/* Append utf8 (whole characters only; ASCII letters lower-cased). */
void search_type(App *a, const char *utf8)
{
	SearchState *s = a->search;
	int changed = 0;
	for (const unsigned char *p = (const unsigned char *)utf8; *p;) {
		int n = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
		int ok = 1;
		for (int i = 1; i < n; i++) if ((p[i] & 0xC0) != 0x80) ok = 0;
		if (!ok) { p++; continue; }     /* not UTF-8: skip the byte */
		if (n == 1 && (*p < 0x20 || *p == 0x7F)) { p++; continue; }
		if (s->len + n >= (int)sizeof s->query) break;
		for (int i = 0; i < n; i++) {
			unsigned char c = p[i];
			s->query[s->len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
		p += n;
		changed = 1;
	}
	s->query[s->len] = 0;
	if (changed) run_query(a);
}

void search_backspace(App *a)
{
	SearchState *s = a->search;
	if (!s->len) return;
	do s->len--; while (s->len > 0 && ((unsigned char)s->query[s->len] & 0xC0) == 0x80);
	s->query[s->len] = 0;
	run_query(a);
}

void search_clear(App *a)
{
	SearchState *s = a->search;
	search_record_pending(a);
	s->len = 0;
	s->query[0] = 0;
	run_query(a);
}

/* ------------------------------------------------------------ lifecycle */

int search_state_init(App *a)
{
	SearchState *s = calloc(1, sizeof *s);
	if (!s) return -1;
	a->search = s;                  /* the index comes with the first visit */
	return 0;
}

void search_state_fini(App *a)
{
	if (!a->search) return;
	search_record_pending(a);
	search_index_free(a->search->ix);
	free(a->search);
	a->search = NULL;
}

void search_state_reset(App *a)
{
	if (a->search) search_clear(a);
}

void search_state_open(App *a)
{
	if (!a->search || ensure_index(a) < 0) return;  /* out of memory: browse only */
	search_clear(a);
	app_go(a, SCR_SEARCH);
}

void search_tick(App *a)
{
	SearchState *s = a->search;
	if (s->pending[0] && a->now - s->pending_at >= SEARCH_IDLE_RECORD_MS)
		search_record_pending(a);
}

uint32_t search_timeout(const App *a)
{
	const SearchState *s = a->search;
	if (!s->pending[0]) return UINT32_MAX;
	uint32_t since = a->now - s->pending_at;
	return since >= SEARCH_IDLE_RECORD_MS ? 0 : SEARCH_IDLE_RECORD_MS - since;
}
