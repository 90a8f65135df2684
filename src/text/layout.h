/* layout.h — Chinese paragraph layout: UTF-8 text to lines, no SDL.
 *
 * Break opportunities come from libunibreak (UAX #14) and are then narrowed
 * by the clreq line-start / line-end prohibitions (no line starts with
 * ，。、；：？！）》」』】〕… or a closing quote; no line ends with an
 * opening bracket or quote). Numbers with their units, Latin words, codes
 * and URLs stay whole. A line that would end badly pulls or pushes one
 * character instead of overflowing. Everything is measured against a
 * TextMetrics, so tests run with a fixed-width fake. */
#ifndef TEXT_LAYOUT_H
#define TEXT_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

/* Font metrics in pixels. The UI passes the real font chain; tests pass a
 * fake. advance() must be cheap: the layout calls it once per glyph. */
typedef struct TextMetrics {
	void *ctx;
	int (*advance)(void *ctx, uint32_t cp, int size, int bold);
	int (*ascent)(void *ctx, int size);   /* top of line box to baseline */
	int (*height)(void *ctx, int size);   /* ascent + descent */
} TextMetrics;

/* TEXT_ALIGN_JUSTIFY: lines that wrap are spread to the full width, as
 * printed Chinese text is (the last line and lines ending in a newline stay
 * left-aligned; space never goes inside Latin words, numbers or URLs). */
enum { TEXT_ALIGN_LEFT = 0, TEXT_ALIGN_CENTER = 1, TEXT_ALIGN_RIGHT = 2,
       TEXT_ALIGN_JUSTIFY = 3 };

/* A style run over bytes [start, end) of the paragraph text. Fields left 0
 * take the paragraph's default. Spans are sorted and do not overlap. */
typedef struct TextSpan {
	uint32_t start, end;
	uint16_t size;                  /* pixel size */
	uint8_t bold;
	uint32_t color;                 /* 0xRRGGBBAA */
} TextSpan;

/* One paragraph to lay out. */
typedef struct TextPara {
	const char *text;               /* valid UTF-8, need not end in NUL */
	size_t len;                     /* bytes */
	uint16_t size;                  /* default pixel size */
	uint8_t bold;                   /* default weight */
	uint32_t color;                 /* default colour 0xRRGGBBAA */
	float line_spacing;             /* line pitch / font size; >= 1.0 (0 = 1.5) */
	const TextSpan *spans;          /* may be NULL */
	int n_spans;
	int max_lines;                  /* 0 = no limit; else cut, ending in "…" */
	uint8_t align;                  /* TEXT_ALIGN_* */
	uint8_t list_hang;              /* 1: a leading list marker ("1." "1、"
	                                   "（1）" "•" "-") hangs: wrapped lines
	                                   start under the text after it */
} TextPara;

typedef struct TextGlyph {
	uint32_t cp;                    /* code point */
	int32_t x;                      /* pen x from the layout's left edge */
	uint32_t byte;                  /* offset of the code point in text */
	uint16_t size;
	uint8_t bold;
	uint32_t color;
} TextGlyph;

typedef struct TextLine {
	int first, count;               /* glyph range in TextLayout.glyphs */
	int y;                          /* top of the line box from layout top */
	int baseline;                   /* baseline from layout top */
	int height;                     /* line pitch */
	int width;                      /* ink advance width of the line */
	uint32_t byte_start, byte_end;  /* text bytes on this line */
} TextLine;

/* The result: lines of positioned glyphs. Owned by whoever made it. */
typedef struct TextLayout {
	int width;                      /* the width it was laid out for */
	int height;                     /* sum of line pitches */
	int n_lines;
	TextLine *lines;
	int n_glyphs;
	TextGlyph *glyphs;
	int truncated;                  /* 1 if max_lines cut it */
} TextLayout;

/* Lay p out for width pixels. Never fails on valid UTF-8 (invalid bytes are
 * shown as U+FFFD). Caller frees with text_layout_free(). */
TextLayout *text_layout(const TextMetrics *m, const TextPara *p, int width);
void text_layout_free(TextLayout *l);  /* NULL is fine */

/* Cache of layouts keyed by (text, width, size, bold, colour, spans,
 * spacing, flags). A returned layout stays valid until the next
 * text_cache_end_frame() that evicts it; entries used since the previous
 * end_frame are never evicted. */
typedef struct TextCache TextCache;
TextCache *text_cache_new(const TextMetrics *m, size_t max_bytes);
void text_cache_free(TextCache *c);    /* NULL is fine */
const TextLayout *text_cache_get(TextCache *c, const TextPara *p, int width);
void text_cache_end_frame(TextCache *c);
size_t text_cache_bytes(const TextCache *c);
unsigned long text_cache_misses(const TextCache *c);   /* for tests/bench */
void text_cache_clear(TextCache *c);   /* e.g. when fonts change */
/* Map every colour of a paragraph (default and spans) through fn before
 * it is looked up or laid out — how a theme (高对比度) recolours all text.
 * NULL: colours as given. */
void text_cache_set_recolor(TextCache *c, uint32_t (*fn)(uint32_t));

#endif
