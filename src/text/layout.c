/* layout.c — paragraph layout: UTF-8 text to lines of positioned glyphs.
 *
 * Steps: decode and style every code point, find break opportunities
 * (clreq.c), measure, squeeze adjacent full-width punctuation, break lines
 * greedily, cut to max_lines, then place lines vertically and glyphs
 * horizontally (alignment, justification, hanging list indent). */
#include "layout.h"
#include "clreq.h"
#include "base/utf8.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define ELLIPSIS 0x2026

/* Per code point working state, one malloc per text_layout() call. */
typedef struct Cell {
	uint32_t cp;
	uint32_t byte;                  /* offset in text */
	uint32_t color;
	int32_t adv;                    /* advance after squeezing */
	uint16_t size;
	uint8_t bold;
	uint8_t brk;                    /* CLREQ_* after this code point */
	uint8_t hang;                   /* full-width, ink left, not squeezed */
} Cell;

typedef struct LineRange {
	int start, end;                 /* cells [start, end) shown */
	int hard;                       /* ended by a newline or the text end */
	int indent;                     /* hanging indent of this line */
} LineRange;

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	assert(p && "out of memory");
	return p;
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	assert(p && "out of memory");
	return p;
}

static int is_space(uint32_t cp) { return cp == ' ' || cp == '\t'; }
static int is_ascii_graphic(uint32_t cp) { return cp > 0x20 && cp < 0x7F; }

/* ------------------------------------------------------------ decoding */

/* Decode p->text into cells with their styles. Returns the count. */
static int decode_cells(const TextPara *p, Cell *cells)
{
	size_t i = 0;
	int n = 0, si = 0;
	uint16_t def_size = p->size ? p->size : 16;

	while (i < p->len) {
		Cell *c = &cells[n];
		c->byte = (uint32_t)i;
		utf8_decode(p->text, p->len, &i, &c->cp);
		while (si < p->n_spans && p->spans[si].end <= c->byte)
			si++;
		c->size = def_size;
		c->bold = p->bold;
		c->color = p->color;
		if (si < p->n_spans && p->spans[si].start <= c->byte) {
			const TextSpan *s = &p->spans[si];
			if (s->size) c->size = s->size;
			if (s->bold) c->bold = 1;
			if (s->color) c->color = s->color;
		}
		n++;
	}
	return n;
}

/* Measure cells and squeeze pairs of full-width punctuation (clreq 3.1.6):
 * "》、《" or "。”" would otherwise show a full em of blank between them. */
static void measure_cells(const TextMetrics *m, Cell *c, int n)
{
	for (int i = 0; i < n; i++) {
		if (clreq_is_newline(c[i].cp)) {
			c[i].adv = 0;
			c[i].hang = 0;
			continue;
		}
		c[i].adv = m->advance(m->ctx, c[i].cp, c[i].size, c[i].bold);
		c[i].hang = clreq_ink_left(c[i].cp) &&
		            c[i].adv * 10 >= c[i].size * 9;
	}
	for (int i = 0; i + 1 < n; i++) {
		uint32_t a = c[i].cp, b = c[i + 1].cp;
		int full = c[i].adv * 10 >= c[i].size * 9;
		int b_punct = clreq_ink_left(b) || clreq_ink_right(b);
		if (!full || !b_punct)
			continue;
		if (clreq_ink_left(a) || (clreq_ink_right(a) && clreq_ink_right(b))) {
			c[i].adv -= c[i].adv / 2;
			c[i].hang = 0;
		}
	}
}

/* Number of cells of a leading list marker ("1." "1、" "（1）" "(1)" "一、"
 * "①" "•" "-"), with the spaces after it; 0 if the text has none. */
static int is_cn_numeral(uint32_t cp)
{
	static const uint32_t cn[] = { 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
		0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341 };    /* 一 .. 十 */
	for (size_t k = 0; k < sizeof cn / sizeof cn[0]; k++)
		if (cp == cn[k])
			return 1;
	return 0;
}

static int is_bullet(uint32_t cp)
{
	switch (cp) {
	case '-': case '*': case 0x00B7: case 0x2022: case 0x2014: case 0x25A0:
	case 0x25A1: case 0x25AA: case 0x25C6: case 0x25CB: case 0x25CF:
	case 0x30FB:
		return 1;
	}
	return cp >= 0x2460 && cp <= 0x2473;            /* ① .. ⑳ */
}

static int list_marker_len(const Cell *c, int n)
{
	int i = 0;

	if (n == 0)
		return 0;
	if (is_bullet(c[0].cp)) {
		i = 1;
	} else if (c[0].cp == '(' || c[0].cp == 0xFF08) {   /* (1) （一） */
		uint32_t close = c[0].cp == '(' ? ')' : 0xFF09;
		for (i = 1; i < n && i < 5 && c[i].cp != close; i++)
			if (!(c[i].cp >= '0' && c[i].cp <= '9') &&
			    !is_cn_numeral(c[i].cp))
				return 0;
		if (i == 1 || i >= n || c[i].cp != close)
			return 0;
		i++;
	} else if (c[0].cp >= '0' && c[0].cp <= '9') {      /* 1. 1、 1) */
		while (i < n && i < 3 && c[i].cp >= '0' && c[i].cp <= '9')
			i++;
		if (i >= n || !(c[i].cp == '.' || c[i].cp == 0x3001 ||
		    c[i].cp == 0xFF0E || c[i].cp == ')' || c[i].cp == 0xFF09))
			return 0;
		i++;
	} else if (is_cn_numeral(c[0].cp)) {                /* 一、 */
		while (i < n && i < 3 && is_cn_numeral(c[i].cp))
			i++;
		if (i >= n || c[i].cp != 0x3001)
			return 0;
		i++;
	} else {
		return 0;
	}
	while (i < n && (is_space(c[i].cp) || c[i].cp == 0x3000))
		i++;
	return i < n ? i : 0;
}

/* -------------------------------------------------------- line breaking */

/* Break cells into lines of at most width px (the indent counts against
 * lines after the first). Returns the number of lines; *more is set when
 * max_lines stopped it before the text ended. */
static int break_lines(Cell *c, int n, int width, int indent, int max_lines,
                       LineRange *out, int *more)
{
	int nl = 0, i = 0, soft = 0;

	*more = 0;
	while (i < n) {
		LineRange *L = &out[nl];
		int ind = nl ? indent : 0;
		int avail = width - ind;
		int start, end = -1, next = -1, hard = 0;
		int x = 0, last_ok = -1;

		if (max_lines && nl == max_lines) {
			*more = 1;
			break;
		}
		if (soft)
			while (i < n && is_space(c[i].cp))
				i++;
		if (i == n)
			break;
		start = i;
		for (int j = start; j < n; j++) {
			int w = c[j].adv;
			if (clreq_is_newline(c[j].cp)) {
				end = j;
				next = j + 1;
				if (c[j].cp == '\r' && j + 1 < n && c[j + 1].cp == '\n')
					next++;
				hard = 1;
				break;
			}
			if (x + w > avail && j > start) {
				if (is_space(c[j].cp)) {
					end = next = j;
				} else if (c[j].hang && x + w / 2 <= avail &&
				           c[j].brk != CLREQ_NOBREAK && j > start) {
					/* pull the punctuation in, squeezed */
					c[j].adv = w / 2;
					end = next = j + 1;
				} else if (last_ok >= start) {
					end = next = last_ok + 1;   /* push */
				} else {
					/* last resort: split the unbreakable run, but
					 * not between it and punctuation bound to it */
					end = j;
					while (end > start + 1 &&
					       (clreq_no_line_start(c[end].cp) ||
					        clreq_no_line_end(c[end - 1].cp)))
						end--;
					next = end;
				}
				break;
			}
			x += w;
			if (c[j].brk == CLREQ_ALLOW)
				last_ok = j;
		}
		if (end < 0) {
			end = next = n;
			hard = 1;
		}
		L->start = start;
		L->end = end;
		L->hard = hard;
		L->indent = ind;
		while (L->end > L->start && is_space(c[L->end - 1].cp))
			L->end--;
		nl++;
		soft = !hard;
		i = next;
		if (hard && i == n && n > 0 && clreq_is_newline(c[n - 1].cp)) {
			/* text ends with a newline: an empty last line */
			if (max_lines && nl == max_lines)
				break;
			out[nl].start = out[nl].end = n;
			out[nl].hard = 1;
			out[nl].indent = indent;
			nl++;
		}
	}
	return nl;
}

/* Cut the last line so that "…" fits after it. */
static void add_ellipsis(const TextMetrics *m, Cell *c, int n, LineRange *L,
                         int width, Cell *ell)
{
	int avail = width - L->indent;
	int last = L->end > L->start ? L->end - 1 : (L->start < n ? L->start : -1);
	Cell style = last >= 0 ? c[last] : (Cell){ .size = 16 };
	int w = 0;

	*ell = style;
	ell->cp = ELLIPSIS;
	ell->adv = m->advance(m->ctx, ELLIPSIS, style.size, style.bold);
	ell->hang = 0;
	for (int j = L->start; j < L->end; j++)
		w += c[j].adv;
	while (L->end > L->start &&
	       (w + ell->adv > avail || is_space(c[L->end - 1].cp) ||
	        clreq_no_line_end(c[L->end - 1].cp))) {
		L->end--;
		w -= c[L->end].adv;
	}
	/* the ellipsis stands for the text from here on */
	ell->byte = c[L->end < n ? L->end : n - 1].byte;
}

/* ------------------------------------------------------------ placement */

/* 1 if extra space may go between a and b when justifying. */
static int stretchable(uint32_t a, uint32_t b)
{
	if (is_ascii_graphic(a) && is_ascii_graphic(b))
		return 0;                       /* inside a word, number, URL */
	if (a == b && (a == ELLIPSIS || a == 0x2014 || a == 0x2E3A))
		return 0;                       /* …… —— */
	return 1;
}

/* Fill tl and its glyphs (from *g on) for line L at top y. ell is the
 * ellipsis appended to the line if with_ell; marker_len > 0 on the first
 * line of a hanging list item. */
static void place_line(const TextMetrics *m, const TextPara *p, int width,
                       const Cell *c, int n, const LineRange *L,
                       const Cell *ell, int with_ell, int marker_len, int y,
                       TextLine *tl, TextGlyph *glyphs, int *g)
{
	float spacing = p->line_spacing >= 1.0f ? p->line_spacing : 1.5f;
	int def_size = p->size ? p->size : 16;
	int shown = L->end - L->start;
	int count = shown + with_ell;
	int above = 0, below = 0, w = 0, last_size = -1;
	int avail = width - L->indent;
	int x, extra = 0, gaps = 0;
	/* no space goes before the first text glyph after a list marker: it
	 * stays in line with the hanging indent of the lines below */
	int gap_from = marker_len + 1;

#define CELL(j) ((j) < shown ? &c[L->start + (j)] : ell)
	/* vertical: the tallest size on the line sets its box */
	for (int j = 0; j < count || (count == 0 && j == 0); j++) {
		int size = count ? CELL(j)->size : def_size;
		if (count)
			w += CELL(j)->adv;
		if (size == last_size)
			continue;
		last_size = size;
		int pitch = (int)(size * spacing + 0.5f);
		int base = (pitch - m->height(m->ctx, size)) / 2 +
		           m->ascent(m->ctx, size);
		if (base > above) above = base;
		if (pitch - base > below) below = pitch - base;
	}
	tl->first = *g;
	tl->count = count;
	tl->y = y;
	tl->baseline = y + above;
	tl->height = above + below;
	tl->width = w;
	tl->byte_start = L->start < n ? c[L->start].byte : (uint32_t)p->len;
	tl->byte_end = with_ell ? ell->byte :
	               L->end < n ? c[L->end].byte : (uint32_t)p->len;

	/* horizontal */
	x = L->indent;
	if (p->align == TEXT_ALIGN_CENTER)
		x += (avail - w) / 2;
	else if (p->align == TEXT_ALIGN_RIGHT)
		x += avail - w;
	if (p->align == TEXT_ALIGN_JUSTIFY && !L->hard && !with_ell &&
	    w < avail) {
		for (int j = gap_from; j < count; j++)
			gaps += stretchable(CELL(j - 1)->cp, CELL(j)->cp);
		extra = avail - w;
		/* more than a quarter em per gap (a long URL or word pushed to
		 * the next line) would tear the line apart: leave it ragged */
		if (!gaps || extra * 4 > gaps * def_size)
			extra = gaps = 0;
		else
			tl->width = avail;
	}
	for (int j = 0, gi = 0; j < count; j++) {
		const Cell *cj = CELL(j);
		TextGlyph *tg = &glyphs[(*g)++];
		if (gaps && j >= gap_from && stretchable(CELL(j - 1)->cp, cj->cp)) {
			/* spread extra evenly, rounding cumulatively */
			int before = (int)((long)extra * gi / gaps);
			gi++;
			x += (int)((long)extra * gi / gaps) - before;
		}
		tg->cp = cj->cp;
		tg->x = x;
		tg->byte = cj->byte;
		tg->size = cj->size;
		tg->bold = cj->bold;
		tg->color = cj->color;
		x += cj->adv;
	}
#undef CELL
}

TextLayout *text_layout(const TextMetrics *m, const TextPara *p, int width)
{
	size_t n_max = p->len;
	Cell *c = xmalloc((n_max + 1) * sizeof *c);
	LineRange *lines = xmalloc((n_max + 2) * sizeof *lines);
	uint8_t *brk = xmalloc(n_max + 1);
	uint32_t *cps = xcalloc(n_max + 1, sizeof *cps);
	int n, nl, more, marker_len = 0, indent = 0, n_glyphs = 0, y = 0, g = 0;
	Cell ell;
	TextLayout *l;

	if (width < 1)
		width = 1;
	n = decode_cells(p, c);
	for (int i = 0; i < n; i++)
		cps[i] = c[i].cp;
	clreq_breaks(cps, (size_t)n, brk);
	for (int i = 0; i < n; i++)
		c[i].brk = brk[i];
	measure_cells(m, c, n);
	if (p->list_hang) {
		marker_len = list_marker_len(c, n);
		for (int i = 0; i < marker_len; i++)
			indent += c[i].adv;
		if (indent > width / 2)
			indent = marker_len = 0;
	}
	nl = break_lines(c, n, width, indent, p->max_lines, lines, &more);
	if (more && nl > 0)
		add_ellipsis(m, c, n, &lines[nl - 1], width, &ell);
	for (int k = 0; k < nl; k++)
		n_glyphs += lines[k].end - lines[k].start;
	n_glyphs += more && nl > 0;

	/* one block: freed by text_layout_free(), sized by the cache */
	l = xmalloc(sizeof *l + nl * sizeof *l->lines +
	            n_glyphs * sizeof *l->glyphs);
	l->width = width;
	l->n_lines = nl;
	l->lines = (TextLine *)(l + 1);
	l->n_glyphs = n_glyphs;
	l->glyphs = (TextGlyph *)(l->lines + nl);
	l->truncated = more;
	for (int k = 0; k < nl; k++) {
		place_line(m, p, width, c, n, &lines[k], &ell,
		           more && k == nl - 1, k == 0 ? marker_len : 0, y,
		           &l->lines[k], l->glyphs, &g);
		y += l->lines[k].height;
	}
	l->height = y;
	assert(g == n_glyphs);

	free(c);
	free(lines);
	free(brk);
	free(cps);
	return l;
}

void text_layout_free(TextLayout *l)
{
	free(l);
}
