/* search.c — in-memory search over item names, synonyms and codes, plus
 * the bundle's trigram index for the text of the guide. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "search.h"
#include "base/utf8.h"

#define FIELD_MAX_CH   512          /* characters of one field that pinyin can reach */
#define PINYIN_MAX_Q   64           /* longest query tried as pinyin */

/* One character of a field. */
typedef struct Ch {
	const char *read;               /* "xing|hang|heng" inside the bundle column; NULL if none */
	uint16_t rlen;                  /* bytes of read */
	uint16_t off;                   /* byte offset of the character in the field text */
	uint64_t init;                  /* initials of its readings: bit 0-25 a-z, 26-35 0-9 */
} Ch;

/* One searchable string: an item's name or one of its synonyms. */
typedef struct Field {
	const char *text;               /* NUL-terminated */
	const char *lower;              /* text with ASCII lower-cased (may be text) */
	int len;                        /* bytes */
	int n;                          /* characters with an entry in ix->chs (<= FIELD_MAX_CH) */
	int ch;                         /* its first character in ix->chs */
	uint64_t letters;               /* every letter/digit of its readings */
} Field;

/* One item, in rank order (popularity descending, code ascending). */
typedef struct Entry {
	const Item *item;
	const Dept *dept;
	const char *code_lower;
	int field;                      /* its name; its synonyms follow */
	int n_fields;
} Entry;

/* A match found by a query, before it becomes a SearchResult. */
typedef struct Hit {
	int entry;
	int field;                      /* the synonym's field for SEARCH_SYNONYM, else -1 */
	int n_ranges;
	SearchRange r[SEARCH_MAX_RANGES];
} Hit;

struct SearchIndex {
	Arena arena;                    /* entries, fields, chs, lower-case copies */
	Bundle *bundle;                 /* for SEARCH_TEXT; NULL = none */
	Entry *entries; int n_entries;
	Field *fields; int n_fields;
	Ch *chs; int n_chs;
	/* Per-query state, reused: no allocation per keystroke. */
	char q[SEARCH_QUERY_MAX + 1];   /* normalised query */
	int qlen;
	uint64_t qbits[PINYIN_MAX_Q];   /* letter bit(s) each query byte accepts */
	uint64_t qmask;                 /* letters of the query but 'u' */
	int q_has_u;                    /* 'u' matches 'u' or 'v' */
	Hit *buckets[SEARCH_NMATCH];    /* per kind of match, in rank order */
	int counts[SEARCH_NMATCH];
	int cap;                        /* capacity of each bucket */
	int max;                        /* results wanted by the current query */
	SearchMatch cut;                /* matches of this kind or worse can no longer show */
	uint32_t *seen;                 /* per entry: == gen if matched by this query */
	uint32_t gen;
	uint32_t *memo;                 /* [PINYIN_MAX_Q][FIELD_MAX_CH] failed states, == memo_gen */
	uint32_t memo_gen;
};

/* ------------------------------------------------------------ helpers --- */

static uint64_t letter_bit(unsigned char c)
{
	if (c >= 'a' && c <= 'z') return 1ULL << (c - 'a');
	if (c >= '0' && c <= '9') return 1ULL << (26 + c - '0');
	return 0;
}

static char *lower_copy(Arena *a, const char *s, int len)
{
	int upper = 0;
	for (int i = 0; i < len; i++) if (s[i] >= 'A' && s[i] <= 'Z') upper = 1;
	if (!upper) return (char *)s;
	char *l = arena_strndup(a, s, (size_t)len);
	for (int i = 0; i < len; i++) if (l[i] >= 'A' && l[i] <= 'Z') l[i] += 'a' - 'A';
	return l;
}

static int cmp_rank(const void *a, const void *b)
{
	const Entry *x = a, *y = b;
	if (x->item->popularity != y->item->popularity)
		return x->item->popularity > y->item->popularity ? -1 : 1;
	return strcmp(x->item->code, y->item->code);
}

/* ------------------------------------------------------------ building --- */

static int grow(void **v, int *cap, int need, size_t size)
{
	if (need <= *cap) return 0;
	int c = *cap ? *cap : 1024;
	while (c < need) c *= 2;
	void *nv = realloc(*v, (size_t)c * size);
	if (!nv) return -1;
	*v = nv;
	*cap = c;
	return 0;
}

/* Add the field text[0..len) (NUL-terminated at len) with reading sets
 * sets[0..slen). Sets that do not have one group per character are
 * ignored: the field then matches as text only. */
static int add_field(SearchIndex *ix, int *fcap, int *ccap, const char *text, int len,
                     const char *sets, int slen)
{
	if (grow((void **)&ix->fields, fcap, ix->n_fields + 1, sizeof *ix->fields) < 0) return -1;
	Field *f = &ix->fields[ix->n_fields++];
	memset(f, 0, sizeof *f);
	f->text = text;
	f->len = len;
	f->lower = lower_copy(&ix->arena, text, len);
	f->ch = ix->n_chs;
	/* Count characters and groups; use the sets only if they agree. */
	int nch = 0, ngroups = slen > 0 || len > 0 ? 1 : 0;
	for (size_t i = 0; i < (size_t)len; nch++) { uint32_t c; utf8_decode(text, (size_t)len, &i, &c); }
	for (int i = 0; i < slen; i++) if (sets[i] == ' ') ngroups++;
	int use_sets = nch == ngroups && nch > 0;
	int n = nch < FIELD_MAX_CH ? nch : FIELD_MAX_CH;
	if (grow((void **)&ix->chs, ccap, ix->n_chs + n, sizeof *ix->chs) < 0) return -1;
	size_t i = 0;
	const char *g = sets, *send = sets + slen;
	for (int k = 0; k < n; k++) {
		Ch *c = &ix->chs[ix->n_chs + k];
		uint32_t cp;
		memset(c, 0, sizeof *c);
		c->off = (uint16_t)(i < 65535 ? i : 65535);
		utf8_decode(text, (size_t)len, &i, &cp);
		if (!use_sets) continue;
		const char *e = memchr(g, ' ', (size_t)(send - g));
		if (!e) e = send;
		if (e > g && e - g < 65535) {
			c->read = g;
			c->rlen = (uint16_t)(e - g);
			for (const char *r = g; r < e; r++) {
				f->letters |= letter_bit((unsigned char)*r);
				if (r == g || r[-1] == '|') c->init |= letter_bit((unsigned char)*r);
			}
		}
		g = e < send ? e + 1 : send;
	}
	if (i > 65535) f->n = 0;        /* offsets would not fit: text matching only */
	else f->n = n;
	ix->n_chs += n;
	return 0;
}

SearchIndex *search_index_build(const Guide *g, Bundle *b)
{
	SearchIndex *ix = calloc(1, sizeof *ix);
	int fcap = 0, ccap = 0;
	if (!ix) return NULL;
	ix->bundle = b;
	ix->entries = calloc((size_t)g->n_items + 1, sizeof *ix->entries);
	ix->seen = calloc((size_t)g->n_items + 1, sizeof *ix->seen);
	ix->memo = calloc((size_t)PINYIN_MAX_Q * FIELD_MAX_CH, sizeof *ix->memo);
	if (!ix->entries || !ix->seen || !ix->memo) goto fail;
	for (int d = 0; d < g->n_depts; d++)
		for (int i = 0; i < g->depts[d].n_items && ix->n_entries < g->n_items; i++) {
			Entry *e = &ix->entries[ix->n_entries++];
			e->item = &g->depts[d].items[i];
			e->dept = &g->depts[d];
		}
	qsort(ix->entries, (size_t)ix->n_entries, sizeof *ix->entries, cmp_rank);
	for (int k = 0; k < ix->n_entries; k++) {
		Entry *e = &ix->entries[k];
		const Item *it = e->item;
		const char *py = it->pinyin ? it->pinyin : "";
		e->code_lower = lower_copy(&ix->arena, it->code, (int)strlen(it->code));
		e->field = ix->n_fields;
		if (add_field(ix, &fcap, &ccap, it->name, (int)strlen(it->name), py, (int)strlen(py)) < 0) goto fail;
		/* Synonyms: NUL-terminated copies, sets split at ','. */
		const char *cur = it->synonyms ? it->synonyms : "", *s;
		const char *sp = it->synonyms_pinyin ? it->synonyms_pinyin : "";
		size_t n;
		while (guide_synonym_next(&cur, &s, &n)) {
			const char *se = strchr(sp, ',');
			if (!se) se = sp + strlen(sp);
			char *copy = arena_strndup(&ix->arena, s, n);
			if (add_field(ix, &fcap, &ccap, copy, (int)n, sp, (int)(se - sp)) < 0) goto fail;
			sp = *se ? se + 1 : se;
		}
		e->n_fields = ix->n_fields - e->field;
	}
	return ix;
fail:
	search_index_free(ix);
	return NULL;
}

void search_index_free(SearchIndex *ix)
{
	if (!ix) return;
	arena_free(&ix->arena);
	free(ix->entries);
	free(ix->fields);
	free(ix->chs);
	free(ix->seen);
	free(ix->memo);
	for (int t = 0; t < SEARCH_NMATCH; t++) free(ix->buckets[t]);
	free(ix);
}

/* ------------------------------------------------------------ matching --- */

/* Length of the common prefix of q[0..m) and reading r[0..rl); a 'u' in
 * the query also matches 'v' (ü). */
static int lcp(const char *q, int m, const char *r, int rl)
{
	int k = 0;
	while (k < m && k < rl && (q[k] == r[k] || (q[k] == 'u' && r[k] == 'v'))) k++;
	return k;
}

/* The reading after r (a position in c->read), or NULL; *rl = its length. */
static const char *reading_at(const Ch *c, const char *r, int *rl)
{
	const char *end = c->read + c->rlen;
	if (r >= end) return NULL;
	const char *e = memchr(r, '|', (size_t)(end - r));
	*rl = (int)((e ? e : end) - r);
	return r;
}
#define FOR_READINGS(c, r, rl) \
	for (const char *r = reading_at((c), (c)->read, &rl); r; r = reading_at((c), r + rl + 1, &rl))

static int next_read(const Ch *c, int n, int j)
{
	while (j < n && !c[j].read) j++;
	return j;
}

/* Full pinyin from character j: every character takes a whole reading but
 * the last, which may take a prefix. Returns 2 if the query ends with a whole
 * reading of the field's last character with one, 1 if it ends elsewhere,
 * 0 if it does not match; *last = the character where it ends. */
static int full_run(const Ch *c, int n, const char *q, int m, int i, int j, int *last)
{
	j = next_read(c, n, j);
	if (j >= n) return 0;
	int best = 0, l2 = j, rl;
	FOR_READINGS(&c[j], r, rl) {
		int L = lcp(q + i, m - i, r, rl), res = 0;
		if (L == m - i) {
			res = L == rl && next_read(c, n, j + 1) >= n ? 2 : 1;
			l2 = j;
		} else if (L == rl) {
			res = full_run(c, n, q, m, i + L, j + 1, &l2);
		}
		if (res > best) {
			best = res;
			*last = l2;
			if (best == 2) return 2;
		}
	}
	return best;
}

/* Initials of consecutive characters (characters without a reading are
 * skipped): 1 and [*first, *last] if found. */
static int initials_run(const Ch *c, int n, const uint64_t *qbits, int m, int *first, int *last)
{
	for (int s = 0; s < n; s++) {
		if (!c[s].read || !(c[s].init & qbits[0])) continue;
		int j = s + 1, k = 1;
		while (k < m) {
			j = next_read(c, n, j);
			if (j >= n || !(c[j].init & qbits[k])) break;
			k++;
			j++;
		}
		if (k == m) { *first = s; *last = j - 1; return 1; }
	}
	return 0;
}

/* Any mix: each character takes a non-empty prefix of one of its
 * readings. Failed (i, j) states are remembered in ix->memo. */
static int any_run(SearchIndex *ix, const Ch *c, int n, const char *q, int m, int i, int j, int *last)
{
	if (i > 0) j = next_read(c, n, j);
	if (j >= n) return 0;
	uint32_t *memo = &ix->memo[(size_t)i * FIELD_MAX_CH + (size_t)j];
	if (*memo == ix->memo_gen) return 0;
	int rl;
	FOR_READINGS(&c[j], r, rl) {
		int L = lcp(q + i, m - i, r, rl);
		if (L == m - i) { *last = j; return 1; }
		for (int k = L; k >= 1; k--)
			if (any_run(ix, c, n, q, m, i + k, j + 1, last)) return 1;
	}
	*memo = ix->memo_gen;
	return 0;
}

static void new_memo_generation(SearchIndex *ix)
{
	if (++ix->memo_gen == 0) {
		memset(ix->memo, 0, (size_t)PINYIN_MAX_Q * FIELD_MAX_CH * sizeof *ix->memo);
		ix->memo_gen = 1;
	}
}

static SearchRange char_range(const Field *f, const Ch *c, int first, int last)
{
	SearchRange r = { c[first].off, last + 1 < f->n ? c[last + 1].off : f->len };
	return r;
}

/* Pinyin match of the query on field f, trying only kinds better than
 * worst; returns SEARCH_EXACT, SEARCH_PREFIX, SEARCH_INITIALS,
 * SEARCH_SUBSTRING or SEARCH_NMATCH, and the matched range. */
static SearchMatch pinyin_match(SearchIndex *ix, const Field *f, SearchMatch worst, SearchRange *range)
{
	const Ch *c = &ix->chs[f->ch];
	int n = f->n, m = ix->qlen, first, last;
	if (!n) return SEARCH_NMATCH;
	/* Every query letter must occur somewhere in the readings. */
	if ((f->letters & ix->qmask) != ix->qmask ||
	    (ix->q_has_u && !(f->letters & (letter_bit('u') | letter_bit('v')))))
		return SEARCH_NMATCH;
	int s = next_read(c, n, 0);
	if (s < n) {
		int res = full_run(c, n, ix->q, m, 0, s, &last);
		if (res) {
			*range = char_range(f, c, s, last);
			return res == 2 ? SEARCH_EXACT : SEARCH_PREFIX;
		}
	}
	if (worst > SEARCH_INITIALS && initials_run(c, n, ix->qbits, m, &first, &last)) {
		*range = char_range(f, c, first, last);
		return SEARCH_INITIALS;
	}
	if (worst > SEARCH_SUBSTRING) {
		new_memo_generation(ix);
		for (first = 0; first < n; first++)
			if (c[first].read && (c[first].init & ix->qbits[0]) &&
			    any_run(ix, c, n, ix->q, m, 0, first, &last)) {
				*range = char_range(f, c, first, last);
				return SEARCH_SUBSTRING;
			}
	}
	return SEARCH_NMATCH;
}

/* Text match of the query on field f: every occurrence (up to
 * SEARCH_MAX_RANGES) into h->r. */
static SearchMatch text_match(const SearchIndex *ix, const Field *f, SearchRange *r, int *nr)
{
	const char *p = memmem(f->lower, (size_t)f->len, ix->q, (size_t)ix->qlen);
	if (!p) return SEARCH_NMATCH;
	SearchMatch m = ix->qlen == f->len ? SEARCH_EXACT : p == f->lower ? SEARCH_PREFIX : SEARCH_SUBSTRING;
	*nr = 0;
	while (p && *nr < SEARCH_MAX_RANGES) {
		int at = (int)(p - f->lower);
		r[(*nr)++] = (SearchRange){ at, at + ix->qlen };
		at += ix->qlen;
		p = memmem(f->lower + at, (size_t)(f->len - at), ix->q, (size_t)ix->qlen);
	}
	return m;
}

/* Record entry k as a match of kind t if it can still be shown. */
static void add_hit(SearchIndex *ix, SearchMatch t, const Hit *h)
{
	if (t >= ix->cut) return;
	ix->buckets[t][ix->counts[t]++] = *h;
	int sum = 0;
	for (int x = 0; x < SEARCH_NMATCH; x++) {
		sum += ix->counts[x];
		if (sum >= ix->max) { ix->cut = (SearchMatch)x; break; }
	}
}

static void match_entry(SearchIndex *ix, int k, int pinyin, int code_fragment)
{
	const Entry *e = &ix->entries[k];
	const Field *name = &ix->fields[e->field];
	Hit h = { .entry = k, .field = -1 };
	SearchMatch best = SEARCH_NMATCH, t;
	SearchRange r[SEARCH_MAX_RANGES];
	int nr;

	if ((t = text_match(ix, name, r, &nr)) < best) {
		best = t;
		h.n_ranges = nr;
		memcpy(h.r, r, sizeof r);
	}
	if (pinyin && best > SEARCH_EXACT && (t = pinyin_match(ix, name, best < ix->cut ? best : ix->cut, r)) < best) {
		best = t;
		h.n_ranges = 1;
		h.r[0] = r[0];
	}
	if (best > SEARCH_EXACT && !strcmp(e->code_lower, ix->q)) {
		best = SEARCH_EXACT;
		h.n_ranges = 0;
	}
	if (code_fragment && best > SEARCH_CODE && ix->cut > SEARCH_CODE && strstr(e->code_lower, ix->q)) {
		best = SEARCH_CODE;
		h.n_ranges = 0;
	}
	if (best > SEARCH_SYNONYM && ix->cut > SEARCH_SYNONYM)
		for (int s = 1; s < e->n_fields; s++) {
			const Field *f = &ix->fields[e->field + s];
			if (text_match(ix, f, r, &nr) == SEARCH_NMATCH &&
			    !(pinyin && pinyin_match(ix, f, SEARCH_NMATCH, r) != SEARCH_NMATCH))
				continue;
			best = SEARCH_SYNONYM;
			h.field = e->field + s;
			h.n_ranges = 1;
			h.r[0] = r[0];
			break;
		}
	if (best == SEARCH_NMATCH) return;
	ix->seen[k] = ix->gen;
	add_hit(ix, best, &h);
}

/* bundle_text_search callback: rank = entry index. */
static int text_hit(void *ctx, int rank)
{
	SearchIndex *ix = ctx;
	if (rank < 0 || rank >= ix->n_entries || ix->seen[rank] == ix->gen) return 0;
	Hit h = { .entry = rank, .field = -1 };
	ix->seen[rank] = ix->gen;
	add_hit(ix, SEARCH_TEXT, &h);
	return ix->cut <= SEARCH_TEXT;
}

/* Normalise query into ix->q: ASCII lower case, full-width ASCII to ASCII,
 * no spaces or apostrophes, invalid UTF-8 dropped, at most
 * SEARCH_QUERY_MAX bytes. */
static void normalise(SearchIndex *ix, const char *query)
{
	size_t len = strlen(query), i = 0;
	int n = 0;
	while (i < len) {
		uint32_t c;
		if (utf8_decode(query, len, &i, &c) < 0) continue;
		if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;        /* full-width ASCII */
		if (c == ' ' || c == '\t' || c == '\'' || c == 0x3000 || c == 0x2019 || c < 0x20) continue;
		if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
		char buf[4];
		int k = utf8_encode(c, buf);
		if (n + k > SEARCH_QUERY_MAX) break;
		memcpy(ix->q + n, buf, (size_t)k);
		n += k;
	}
	ix->q[n] = 0;
	ix->qlen = n;
}

int search_query(SearchIndex *ix, const char *query, SearchResult *out, int max)
{
	normalise(ix, query ? query : "");
	if (!ix->qlen || max <= 0) return 0;
	if (max > ix->cap) {
		for (int t = 0; t < SEARCH_NMATCH; t++) {
			Hit *b = realloc(ix->buckets[t], (size_t)max * sizeof *b);
			if (!b) return 0;
			ix->buckets[t] = b;
		}
		ix->cap = max;
	}
	memset(ix->counts, 0, sizeof ix->counts);
	ix->max = max;
	ix->cut = SEARCH_NMATCH;
	if (++ix->gen == 0) {
		memset(ix->seen, 0, (size_t)ix->n_entries * sizeof *ix->seen);
		ix->gen = 1;
	}
	/* Pinyin only for a-z/0-9 queries; code fragments need a digit or '-'. */
	int pinyin = ix->qlen <= PINYIN_MAX_Q, code_fragment = 0, ncp = 0;
	for (int k = 0; k < ix->qlen; k++) {
		unsigned char c = (unsigned char)ix->q[k];
		if ((c >= '0' && c <= '9') || c == '-') code_fragment = 1;
		if (!letter_bit(c)) pinyin = 0;
		if ((c & 0xC0) != 0x80) ncp++;
	}
	ix->qmask = 0;
	ix->q_has_u = 0;
	if (pinyin)
		for (int k = 0; k < ix->qlen; k++) {
			ix->qbits[k] = letter_bit((unsigned char)ix->q[k]) | (ix->q[k] == 'u' ? letter_bit('v') : 0);
			if (ix->q[k] == 'u') ix->q_has_u = 1;
			else ix->qmask |= letter_bit((unsigned char)ix->q[k]);
		}
	for (int k = 0; k < ix->n_entries && ix->cut > SEARCH_EXACT; k++)
		match_entry(ix, k, pinyin, code_fragment);
	if (ix->cut > SEARCH_TEXT && ix->bundle && ncp >= 3) {
		char err[256];
		bundle_text_search(ix->bundle, ix->q, text_hit, ix, err, sizeof err);
		/* A failed text search only loses the lowest kind of match. */
	}
	int n = 0;
	for (int t = 0; t < SEARCH_NMATCH && n < max; t++)
		for (int k = 0; k < ix->counts[t] && n < max; k++) {
			const Hit *h = &ix->buckets[t][k];
			const Entry *e = &ix->entries[h->entry];
			SearchResult *r = &out[n++];
			memset(r, 0, sizeof *r);
			r->item = e->item;
			r->dept = e->dept;
			r->code = e->item->code;
			r->name = e->item->name;
			r->dept_code = e->dept->code;
			r->dept_short_name = e->dept->short_name;
			r->popularity = e->item->popularity;
			r->match = (SearchMatch)t;
			if (h->field >= 0) {
				r->synonym = ix->fields[h->field].text;
				r->synonym_range = h->r[0];
			} else {
				r->n_name_ranges = h->n_ranges;
				memcpy(r->name_ranges, h->r, sizeof h->r);
			}
		}
	return n;
}

const char *search_last_query(const SearchIndex *ix)
{
	return ix->q;
}
