/* search_bench.c — search latency per keystroke on a large bundle: one JSON
 * object per line.
 *
 *   search_index_build_ms  search_index_build() over every item — once
 *   search_p50_ms          search_query() for one keystroke, max 50 results:
 *   search_p99_ms          typing "yingyezhizhao", "spjy", "食品经营" and
 *                          random names, pinyin, initials, code fragments
 *                          and no-result strings, one character at a time
 *
 * usage: search_bench BUNDLE   (make it with `kioskctl gen 10000 -o DIR &&
 * kioskctl build DIR -o BUNDLE`; tests/bench.d/search.sh does). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "store/bundle.h"
#include "search/search.h"

#define MAX_RESULTS 50
#define MAX_QUERIES 20000
#define ROUNDS 5

static char *queries[MAX_QUERIES];
static int n_queries;

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static unsigned long rnd(unsigned long *s)
{
	*s = *s * 6364136223846793005UL + 1442695040888963407UL;
	return *s >> 33;
}

/* Every prefix of s, one character (UTF-8 code point) longer each time. */
static void type_keys(const char *s)
{
	size_t n = strlen(s);
	for (size_t k = 1; k <= n && n_queries < MAX_QUERIES; k++) {
		if (k < n && ((unsigned char)s[k] & 0xC0) == 0x80) continue;
		queries[n_queries++] = strndup(s, k);
	}
}

/* The first reading of each character of a reading-set column, joined
 * (full = 1) or their first letters (full = 0), at most len characters. */
static void first_readings(const char *sets, int full, int len, char *out, size_t outlen)
{
	size_t o = 0;
	int chars = 0;
	for (const char *s = sets; *s && chars < len && o + 8 < outlen;) {
		const char *e = s;
		while (*e && *e != ' ' && *e != '|') e++;
		if (e > s) {
			size_t k = full ? (size_t)(e - s) : 1;
			memcpy(out + o, s, k);
			o += k;
			chars++;
		}
		while (*e && *e != ' ') e++;
		s = *e ? e + 1 : e;
	}
	out[o] = 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	char err[512];
	if (argc != 2) { fputs("usage: search_bench BUNDLE\n", stderr); return 2; }
	Bundle *b = bundle_open_readonly(argv[1], err, sizeof err);
	if (!b) { fprintf(stderr, "search_bench: %s\n", err); return 1; }
	Guide *g = bundle_load_index(b, err, sizeof err);
	if (!g) { fprintf(stderr, "search_bench: %s\n", err); return 1; }
	double t0 = now_ms();
	SearchIndex *ix = search_index_build(g, b);
	double build_ms = now_ms() - t0;
	if (!ix) { fputs("search_bench: out of memory\n", stderr); return 1; }

	type_keys("yingyezhizhao");
	type_keys("spjy");
	type_keys("食品经营");
	type_keys("shipinjingyingxuke");
	type_keys("410106-GEN-XK-0042");
	unsigned long seed = 7;
	const Item **items = malloc(g->n_items * sizeof *items);
	int n = 0;
	for (int d = 0; d < g->n_depts; d++)
		for (int i = 0; i < g->depts[d].n_items; i++) items[n++] = &g->depts[d].items[i];
	char buf[256];
	for (int k = 0; k < 150 && n; k++) {
		const Item *it = items[rnd(&seed) % n];
		switch (k % 5) {
		case 0: {                                   /* a few characters of the name */
			int len = 2 + (int)(rnd(&seed) % 5);
			const char *s = it->name;
			size_t o = 0;
			for (int c = 0; c < len && s[o]; c++) do o++; while (((unsigned char)s[o] & 0xC0) == 0x80);
			snprintf(buf, sizeof buf, "%.*s", (int)o, s);
			break;
		}
		case 1: first_readings(it->pinyin, 1, 2 + (int)(rnd(&seed) % 3), buf, sizeof buf); break;
		case 2: first_readings(it->pinyin, 0, 2 + (int)(rnd(&seed) % 4), buf, sizeof buf); break;
		case 3: snprintf(buf, sizeof buf, "%s", it->code + strlen(it->code) - 5); break;
		default: {                                  /* letters that match nothing much */
			const char *l = "qxzjwkfv";
			int len = 3 + (int)(rnd(&seed) % 4);
			for (int c = 0; c < len; c++) buf[c] = l[rnd(&seed) % 8];
			buf[len] = 0;
		}
		}
		type_keys(buf);
	}

	/* Each query's time is its best of ROUNDS runs: on a shared machine a
	 * single run also measures whoever else was scheduled; the raw
	 * percentile over all runs is printed in the note. */
	SearchResult res[MAX_RESULTS];
	double *t = malloc((size_t)n_queries * sizeof *t), *raw = malloc((size_t)n_queries * ROUNDS * sizeof *raw);
	long total = 0;
	for (int i = 0; i < n_queries; i++) total += search_query(ix, queries[i], res, MAX_RESULTS);  /* warm-up */
	int m = n_queries, nraw = 0;
	for (int i = 0; i < n_queries; i++) t[i] = 1e9;
	for (int r = 0; r < ROUNDS; r++)
		for (int i = 0; i < n_queries; i++) {
			double a = now_ms();
			total += search_query(ix, queries[i], res, MAX_RESULTS);
			double d = now_ms() - a;
			raw[nraw++] = d;
			if (d < t[i]) t[i] = d;
		}
	qsort(t, (size_t)m, sizeof *t, cmp_double);
	qsort(raw, (size_t)nraw, sizeof *raw, cmp_double);
	printf("{\"metric\": \"search_index_build_ms\", \"value\": %.2f, \"unit\": \"ms\", \"note\": \"%d items\"}\n",
	       build_ms, g->n_items);
	printf("{\"metric\": \"search_p50_ms\", \"value\": %.4f, \"unit\": \"ms\", \"note\": \"%d keystroke queries on %d items, max %d results, best of %d runs each\"}\n",
	       t[m / 2], n_queries, g->n_items, MAX_RESULTS, ROUNDS);
	printf("{\"metric\": \"search_p99_ms\", \"value\": %.4f, \"unit\": \"ms\", \"note\": \"max %.3f ms; over all %d runs p50 %.3f p99 %.3f ms\"}\n",
	       t[(int)(m * 0.99)], t[m - 1], nraw, raw[nraw / 2], raw[(int)(nraw * 0.99)]);
	if (getenv("SEARCH_BENCH_SLOW")) {                  /* which queries are slow */
		for (int i = 0; i < n_queries; i++) {
			double a = now_ms();
			int k = search_query(ix, queries[i], res, MAX_RESULTS);
			double d = now_ms() - a;
			if (d > t[(int)(m * 0.99)]) fprintf(stderr, "%.3f ms  %d  %s\n", d, k, queries[i]);
		}
	}
	for (int i = 0; i < n_queries; i++) free(queries[i]);
	free(t);
	free(raw);
	free(items);
	search_index_free(ix);
	guide_free(g);
	bundle_close(b);
	return total >= 0 ? 0 : 1;
}
