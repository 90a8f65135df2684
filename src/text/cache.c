/* cache.c — laid-out paragraphs kept by (text, width, style), LRU-evicted
 * at frame ends when over the byte budget. */
#include "layout.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include "base/hash.h"

/* One cached layout with a private copy of everything in its key. */
typedef struct Entry Entry;
struct Entry {
	Entry *chain;                   /* next in hash bucket */
	Entry *newer, *older;           /* LRU list, newest at c->newest */
	uint64_t hash;
	unsigned long frame;            /* c->frame when last returned */
	size_t bytes;                   /* entry + key copies + layout */
	TextPara key;                   /* text and spans point into the entry */
	int width;
	TextLayout *layout;
};

struct TextCache {
	TextMetrics m;
	size_t max_bytes, bytes;
	Entry **buckets;
	size_t n_buckets, count;        /* n_buckets is a power of two */
	Entry *newest, *oldest;
	unsigned long frame, misses;
	uint32_t (*recolor)(uint32_t);  /* colour map (a theme), or NULL */
};

static size_t layout_bytes(const TextLayout *l)
{
	return sizeof *l + l->n_lines * sizeof *l->lines +
	       l->n_glyphs * sizeof *l->glyphs;
}

/* ----------------------------------------------------------- key hash */

/* Hash of every field that changes the layout (colours included: glyphs
 * carry them). Field by field, so struct padding never enters. */
static uint64_t key_hash(const TextPara *p, int width)
{
	uint64_t h = FNV1A_OFFSET;
	if (p->len)
		h = fnv1a(h, p->text, p->len);
	h = fnv1a(h, &width, sizeof width);
	h = fnv1a(h, &p->size, sizeof p->size);
	h = fnv1a(h, &p->bold, sizeof p->bold);
	h = fnv1a(h, &p->color, sizeof p->color);
	h = fnv1a(h, &p->line_spacing, sizeof p->line_spacing);
	h = fnv1a(h, &p->max_lines, sizeof p->max_lines);
	h = fnv1a(h, &p->align, sizeof p->align);
	h = fnv1a(h, &p->list_hang, sizeof p->list_hang);
	for (int i = 0; i < p->n_spans; i++) {
		const TextSpan *s = &p->spans[i];
		h = fnv1a(h, &s->start, sizeof s->start);
		h = fnv1a(h, &s->end, sizeof s->end);
		h = fnv1a(h, &s->size, sizeof s->size);
		h = fnv1a(h, &s->bold, sizeof s->bold);
		h = fnv1a(h, &s->color, sizeof s->color);
	}
	return h;
}

static int span_eq(const TextSpan *a, const TextSpan *b)
{
	return a->start == b->start && a->end == b->end && a->size == b->size &&
	       a->bold == b->bold && a->color == b->color;
}

static int key_eq(const Entry *e, const TextPara *p, int width)
{
	const TextPara *k = &e->key;
	if (e->width != width || k->len != p->len || k->size != p->size ||
	    k->bold != p->bold || k->color != p->color ||
	    k->line_spacing != p->line_spacing || k->max_lines != p->max_lines ||
	    k->align != p->align || k->list_hang != p->list_hang ||
	    k->n_spans != p->n_spans ||
	    (p->len && memcmp(k->text, p->text, p->len) != 0))
		return 0;
	for (int i = 0; i < p->n_spans; i++)
		if (!span_eq(&k->spans[i], &p->spans[i]))
			return 0;
	return 1;
}

/* ------------------------------------------------------------ lists */

static void lru_unlink(TextCache *c, Entry *e)
{
	if (e->newer) e->newer->older = e->older; else c->newest = e->older;
	if (e->older) e->older->newer = e->newer; else c->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void lru_push(TextCache *c, Entry *e)
{
	e->older = c->newest;
	e->newer = NULL;
	if (c->newest) c->newest->newer = e; else c->oldest = e;
	c->newest = e;
}

static void bucket_remove(TextCache *c, Entry *e)
{
	Entry **pp = &c->buckets[e->hash & (c->n_buckets - 1)];
	while (*pp != e)
		pp = &(*pp)->chain;
	*pp = e->chain;
}

static void grow_buckets(TextCache *c)
{
	size_t nb = c->n_buckets * 2;
	Entry **b = calloc(nb, sizeof *b);
	assert(b && "out of memory");
	for (size_t i = 0; i < c->n_buckets; i++) {
		Entry *e = c->buckets[i], *next;
		for (; e; e = next) {
			next = e->chain;
			e->chain = b[e->hash & (nb - 1)];
			b[e->hash & (nb - 1)] = e;
		}
	}
	free(c->buckets);
	c->buckets = b;
	c->n_buckets = nb;
}

static void entry_free(TextCache *c, Entry *e)
{
	bucket_remove(c, e);
	lru_unlink(c, e);
	c->bytes -= e->bytes;
	c->count--;
	text_layout_free(e->layout);
	free(e);
}

/* ------------------------------------------------------------- public */

TextCache *text_cache_new(const TextMetrics *m, size_t max_bytes)
{
	TextCache *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->m = *m;
	c->max_bytes = max_bytes;
	c->n_buckets = 64;
	c->buckets = calloc(c->n_buckets, sizeof *c->buckets);
	if (!c->buckets) {
		free(c);
		return NULL;
	}
	return c;
}

void text_cache_free(TextCache *c)
{
	if (!c)
		return;
	text_cache_clear(c);
	free(c->buckets);
	free(c);
}

void text_cache_set_recolor(TextCache *c, uint32_t (*fn)(uint32_t))
{
	c->recolor = fn;
}

const TextLayout *text_cache_get(TextCache *c, const TextPara *p, int width)
{
	TextPara q;
	TextSpan sp[64];
	if (c->recolor) {
		/* Map the colours first: the mapped ones are the key. */
		q = *p;
		q.color = c->recolor(p->color);
		if (p->n_spans > 0 && p->n_spans <= (int)(sizeof sp / sizeof *sp)) {
			for (int i = 0; i < p->n_spans; i++) {
				sp[i] = p->spans[i];
				if (sp[i].color) sp[i].color = c->recolor(sp[i].color);
			}
			q.spans = sp;
		}
		p = &q;
	}
	uint64_t h = key_hash(p, width);
	Entry *e = c->buckets[h & (c->n_buckets - 1)];
	size_t extra;
	char *mem;

	for (; e; e = e->chain) {
		if (e->hash == h && key_eq(e, p, width)) {
			e->frame = c->frame;
			lru_unlink(c, e);
			lru_push(c, e);
			return e->layout;
		}
	}

	c->misses++;
	extra = p->len + p->n_spans * sizeof(TextSpan);
	e = malloc(sizeof *e + extra);
	assert(e && "out of memory");
	memset(e, 0, sizeof *e);
	mem = (char *)(e + 1);
	e->key = *p;
	if (p->n_spans) {
		memcpy(mem, p->spans, p->n_spans * sizeof(TextSpan));
		e->key.spans = (TextSpan *)mem;
		mem += p->n_spans * sizeof(TextSpan);
	} else {
		e->key.spans = NULL;
	}
	if (p->len)
		memcpy(mem, p->text, p->len);
	e->key.text = mem;
	e->width = width;
	e->hash = h;
	e->frame = c->frame;
	e->layout = text_layout(&c->m, p, width);
	e->bytes = sizeof *e + extra + layout_bytes(e->layout);

	e->chain = c->buckets[h & (c->n_buckets - 1)];
	c->buckets[h & (c->n_buckets - 1)] = e;
	lru_push(c, e);
	c->bytes += e->bytes;
	if (++c->count > c->n_buckets)
		grow_buckets(c);
	return e->layout;
}

void text_cache_end_frame(TextCache *c)
{
	/* entries returned during this frame (frame == c->frame) stay */
	while (c->bytes > c->max_bytes && c->oldest &&
	       c->oldest->frame != c->frame)
		entry_free(c, c->oldest);
	c->frame++;
}

size_t text_cache_bytes(const TextCache *c)
{
	return c->bytes;
}

unsigned long text_cache_misses(const TextCache *c)
{
	return c->misses;
}

void text_cache_clear(TextCache *c)
{
	while (c->oldest)
		entry_free(c, c->oldest);
}
