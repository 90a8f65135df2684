/* pinyin.c — load Unihan readings and annotate text with reading sets.
 * Build-time only (kioskctl build); the kiosk reads the stored columns. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bzlib.h>
#include "pinyin.h"
#include "base/utf8.h"

struct PinyinTable {
	uint32_t *cps;                  /* sorted code points that have readings */
	uint32_t *offs;                 /* readings of cps[i] start at pool + offs[i] */
	int n;
	char *pool;                     /* "xing|hang|heng\0..." */
};

/* ------------------------------------------------------- tone marks --- */

/* The plain letter of a pinyin letter with tone marks; 0 = drop it. */
static char plain_letter(uint32_t c)
{
	if (c >= 'a' && c <= 'z') return (char)c;
	if (c >= 'A' && c <= 'Z') return (char)(c - 'A' + 'a');
	switch (c) {
	case 0x0101: case 0x00E1: case 0x01CE: case 0x00E0: return 'a';
	case 0x0113: case 0x00E9: case 0x011B: case 0x00E8:
	case 0x00EA: case 0x1EBF: case 0x1EC1: return 'e';         /* ê ế ề */
	case 0x012B: case 0x00ED: case 0x01D0: case 0x00EC: return 'i';
	case 0x014D: case 0x00F3: case 0x01D2: case 0x00F2: return 'o';
	case 0x016B: case 0x00FA: case 0x01D4: case 0x00F9: return 'u';
	case 0x00FC: case 0x01D6: case 0x01D8: case 0x01DA: case 0x01DC: return 'v';
	case 0x0144: case 0x0148: case 0x01F9: return 'n';
	case 0x1E3F: return 'm';
	default: return 0;                                     /* combining marks etc. */
	}
}

size_t pinyin_strip_tone(const char *in, size_t len, char *out, size_t outlen)
{
	size_t i = 0, n = 0;
	if (!outlen) return 0;
	while (i < len) {
		uint32_t c;
		utf8_decode(in, len, &i, &c);
		char p = plain_letter(c);
		if (!p) continue;
		if (n + 1 >= outlen) { out[0] = 0; return 0; }
		out[n++] = p;
	}
	out[n] = 0;
	return n;
}

/* ----------------------------------------------------------- loading --- */

typedef struct Reading {
	uint32_t cp;
	uint32_t seq;                   /* order of appearance within its field */
	uint8_t prio;                   /* field priority, 0 = most trusted */
	char syl[PINYIN_MAX_SYLLABLE + 1];
} Reading;

typedef struct Readings {
	Reading *v;
	size_t n, cap;
} Readings;

static const char *const fields[] = {  /* index = priority */
	"kMandarin", "kHanyuPinlu", "kTGHZ2013", "kXHC1983", "kHanyuPinyin",
};
#define PRIO_HANYU_PINYIN 4

static int add_reading(Readings *r, uint32_t cp, int prio, uint32_t seq, const char *s, size_t len)
{
	char syl[PINYIN_MAX_SYLLABLE + 1];
	if (!pinyin_strip_tone(s, len, syl, sizeof syl)) return 0;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 65536;
		Reading *v = realloc(r->v, cap * sizeof *v);
		if (!v) return -1;
		r->v = v;
		r->cap = cap;
	}
	Reading *x = &r->v[r->n++];
	x->cp = cp;
	x->seq = seq;
	x->prio = (uint8_t)prio;
	memcpy(x->syl, syl, sizeof syl);
	return 0;
}

/* One line "U+884C<TAB>kHanyuPinlu<TAB>xíng(2943) háng(218)". Values are
 * space-separated tokens "[location[,location]:]reading[,reading][(count)]". */
static int parse_line(Readings *r, const char *line, size_t len)
{
	if (len < 3 || line[0] != 'U' || line[1] != '+') return 0;
	char *end;
	unsigned long cp = strtoul(line + 2, &end, 16);
	if (*end != '\t' || cp > 0x10FFFF) return 0;
	const char *f = end + 1, *lim = line + len;
	const char *tab = memchr(f, '\t', (size_t)(lim - f));
	if (!tab) return 0;
	int prio = -1;
	for (int k = 0; k < (int)(sizeof fields / sizeof *fields); k++)
		if ((size_t)(tab - f) == strlen(fields[k]) && !memcmp(f, fields[k], (size_t)(tab - f))) prio = k;
	if (prio < 0) return 0;
	uint32_t seq = 0;
	const char *s = tab + 1;
	while (s < lim) {
		while (s < lim && *s == ' ') s++;
		const char *t = s;
		while (t < lim && *t != ' ') t++;
		/* token [s, t): keep what follows the last ':', cut "(count)". */
		const char *b = s;
		for (const char *p = s; p < t; p++) if (*p == ':') b = p + 1;
		const char *e = b;
		while (e < t && *e != '(') e++;
		while (b < e) {
			const char *c = b;
			while (c < e && *c != ',') c++;
			if (add_reading(r, (uint32_t)cp, prio, seq++, b, (size_t)(c - b)) < 0) return -1;
			b = c < e ? c + 1 : e;
		}
		s = t;
	}
	return 0;
}

static int cmp_reading(const void *a, const void *b)
{
	const Reading *x = a, *y = b;
	if (x->cp != y->cp) return x->cp < y->cp ? -1 : 1;
	if (x->prio != y->prio) return x->prio < y->prio ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Read all of path into a heap buffer, decompressing bzip2. */
static char *read_all(const char *path, size_t *n, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0;
	if (!f) {
		snprintf(err, errlen, "%s: %s%s", path, strerror(errno),
		         errno == ENOENT ? " (install the Debian package unicode-data)" : "");
		return NULL;
	}
	unsigned char magic[3] = { 0 };
	size_t got = fread(magic, 1, 3, f);
	rewind(f);
	int bz = got == 3 && !memcmp(magic, "BZh", 3), bzerr = BZ_OK;
	BZFILE *z = NULL;
	if (bz && !(z = BZ2_bzReadOpen(&bzerr, f, 0, 0, NULL, 0))) {
		snprintf(err, errlen, "%s: cannot read bzip2 data (error %d)", path, bzerr);
		goto fail;
	}
	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 1 << 22;
			char *nb = realloc(buf, cap + 1);
			if (!nb) { snprintf(err, errlen, "%s: out of memory", path); goto fail; }
			buf = nb;
		}
		size_t k;
		if (bz) {
			int r = BZ2_bzRead(&bzerr, z, buf + len, (int)(cap - len));
			if (bzerr != BZ_OK && bzerr != BZ_STREAM_END) {
				snprintf(err, errlen, "%s: corrupt bzip2 data (error %d)", path, bzerr);
				goto fail;
			}
			len += (size_t)r;
			if (bzerr == BZ_STREAM_END) break;
		} else {
			k = fread(buf + len, 1, cap - len, f);
			len += k;
			if (k == 0) {
				if (ferror(f)) { snprintf(err, errlen, "%s: read error", path); goto fail; }
				break;
			}
		}
	}
	if (z) BZ2_bzReadClose(&bzerr, z);
	fclose(f);
	buf[len] = 0;
	*n = len;
	return buf;
fail:
	if (z) BZ2_bzReadClose(&bzerr, z);
	fclose(f);
	free(buf);
	return NULL;
}

PinyinTable *pinyin_load(const char *path, char *err, size_t errlen)
{
	size_t len;
	Readings r = { 0 };
	PinyinTable *t = NULL;
	char *text = read_all(path, &len, err, errlen);
	if (!text) return NULL;
	for (size_t i = 0; i < len;) {
		char *nl = memchr(text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - text) : len;
		size_t le = e;
		if (le > i && text[le - 1] == '\r') le--;
		if (parse_line(&r, text + i, le - i) < 0) {
			snprintf(err, errlen, "%s: out of memory", path);
			goto fail;
		}
		i = e + 1;
	}
	if (r.n == 0) {
		snprintf(err, errlen, "%s: no Mandarin readings found (is this Unihan_Readings.txt?)", path);
		goto fail;
	}
	qsort(r.v, r.n, sizeof *r.v, cmp_reading);
	/* kHanyuPinyin (Hanyu Da Zidian) lists archaic readings too (能 tai,
	 * xiong); keep it only for code points no modern source covers. */
	size_t kept = 0;
	for (size_t i = 0; i < r.n;) {
		size_t j = i;
		while (j < r.n && r.v[j].cp == r.v[i].cp) j++;
		for (size_t k = i; k < j; k++)
			if (r.v[k].prio != PRIO_HANYU_PINYIN || r.v[i].prio == PRIO_HANYU_PINYIN)
				r.v[kept++] = r.v[k];
		i = j;
	}
	r.n = kept;
	t = calloc(1, sizeof *t);
	size_t ncp = 0;
	for (size_t i = 0; i < r.n; i++)
		if (i == 0 || r.v[i].cp != r.v[i - 1].cp) ncp++;
	t->cps = malloc(ncp * sizeof *t->cps);
	t->offs = malloc(ncp * sizeof *t->offs);
	t->pool = malloc(r.n * (PINYIN_MAX_SYLLABLE + 1) + 1);
	if (!t || !t->cps || !t->offs || !t->pool) { snprintf(err, errlen, "%s: out of memory", path); goto fail; }
	size_t p = 0;
	for (size_t i = 0; i < r.n;) {
		size_t j = i, start = p;
		t->cps[t->n] = r.v[i].cp;
		t->offs[t->n++] = (uint32_t)start;
		for (; j < r.n && r.v[j].cp == r.v[i].cp; j++) {
			/* Skip a reading already listed for this code point. */
			const char *syl = r.v[j].syl;
			size_t sl = strlen(syl);
			int dup = 0;
			for (size_t q = start; q < p && !dup;) {
				size_t e = q;
				while (e < p && t->pool[e] != '|') e++;
				dup = e - q == sl && !memcmp(t->pool + q, syl, sl);
				q = e + 1;
			}
			if (dup) continue;
			if (p > start) t->pool[p++] = '|';
			memcpy(t->pool + p, syl, sl);
			p += sl;
		}
		t->pool[p++] = 0;
		i = j;
	}
	free(r.v);
	free(text);
	return t;
fail:
	free(r.v);
	free(text);
	pinyin_free(t);
	return NULL;
}

void pinyin_free(PinyinTable *t)
{
	if (!t) return;
	free(t->cps);
	free(t->offs);
	free(t->pool);
	free(t);
}

int pinyin_count(const PinyinTable *t)
{
	return t->n;
}

const char *pinyin_readings(const PinyinTable *t, uint32_t cp)
{
	int lo = 0, hi = t->n;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (t->cps[mid] < cp) lo = mid + 1;
		else hi = mid;
	}
	return lo < t->n && t->cps[lo] == cp ? t->pool + t->offs[lo] : NULL;
}

/* -------------------------------------------------------- annotation --- */

/* A growing heap string, copied into the arena when done. */
typedef struct Buf {
	char *s;
	size_t n, cap;
} Buf;

static void buf_put(Buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->n + n + 1) cap *= 2;
		char *ns = realloc(b->s, cap);
		if (!ns) { fprintf(stderr, "%s:%d: out of memory\n", __FILE__, __LINE__); abort(); }
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = 0;
}

static void annotate_into(const PinyinTable *t, const char *text, size_t len, Buf *b)
{
	size_t i = 0;
	int first = 1;
	while (i < len) {
		uint32_t c;
		utf8_decode(text, len, &i, &c);
		if (!first) buf_put(b, " ", 1);
		first = 0;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			char ch = (char)c;
			buf_put(b, &ch, 1);
		} else if (c >= 'A' && c <= 'Z') {
			char ch = (char)(c - 'A' + 'a');
			buf_put(b, &ch, 1);
		} else {
			const char *r = pinyin_readings(t, c);
			if (r) buf_put(b, r, strlen(r));
		}
	}
}

char *pinyin_annotate(const PinyinTable *t, const char *text, size_t len, Arena *a)
{
	Buf b = { 0 };
	annotate_into(t, text, len, &b);
	char *s = arena_strndup(a, b.s ? b.s : "", b.n);
	free(b.s);
	return s;
}

char *pinyin_initials(const char *sets, Arena *a)
{
	size_t n = strlen(sets);
	char *out = arena_alloc(a, n + 1), *o = out;
	const char *s = sets;
	for (;;) {
		/* one group: [s, e) */
		const char *e = s;
		while (*e && *e != ' ') e++;
		char *g = o;
		for (const char *r = s; r < e;) {
			if (!memchr(g, *r, (size_t)(o - g))) *o++ = *r;
			while (r < e && *r != '|') r++;
			if (r < e) r++;
		}
		if (!*e) break;
		*o++ = ' ';
		s = e + 1;
	}
	*o = 0;
	return out;
}

void pinyin_fill_guide(const PinyinTable *t, Guide *g)
{
	Buf b = { 0 };
	for (int d = 0; d < g->n_depts; d++)
		for (int i = 0; i < g->depts[d].n_items; i++) {
			Item *it = &g->depts[d].items[i];
			it->pinyin = pinyin_annotate(t, it->name, strlen(it->name), &g->arena);
			it->initials = pinyin_initials(it->pinyin, &g->arena);
			const char *cur = it->synonyms, *s;
			size_t n;
			int k = 0;
			b.n = 0;
			buf_put(&b, "", 0);
			while (guide_synonym_next(&cur, &s, &n)) {
				if (k++) buf_put(&b, ",", 1);
				annotate_into(t, s, n, &b);
			}
			it->synonyms_pinyin = arena_strndup(&g->arena, b.s, b.n);
		}
	free(b.s);
}
