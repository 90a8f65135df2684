/* clreq.h — Chinese line-breaking rules (W3C "Requirements for Chinese Text
 * Layout") on top of UAX #14 break opportunities from libunibreak.
 *
 * Used by layout.c (tests reach it through text_layout()) and by the font
 * chain in src/gfx for clreq_is_ideograph(). No SDL. */
#ifndef TEXT_CLREQ_H
#define TEXT_CLREQ_H

#include <stddef.h>
#include <stdint.h>

enum {
	CLREQ_NOBREAK = 0,              /* no line break after this character */
	CLREQ_ALLOW = 1,                /* a line may end after it */
	CLREQ_MUST = 2                  /* a line ends after it (newline) */
};

/* 1 if no line may start with cp (，。、；：？！）》」』】〕… ”’ , . ; : ? ! ...). */
int clreq_no_line_start(uint32_t cp);
/* 1 if no line may end with cp (（《「『【〔 “‘ ( [ { ...). */
int clreq_no_line_end(uint32_t cp);
/* 1 for CJK ideographs (URO, Ext A-G, compatibility). */
int clreq_is_ideograph(uint32_t cp);
/* 1 for full-width punctuation whose ink sits in the left half of the em
 * (，。、；：？！ and closing brackets/quotes): its right half may be
 * squeezed away at a line end or before other punctuation. */
int clreq_ink_left(uint32_t cp);
/* 1 for full-width opening brackets/quotes (ink in the right half). */
int clreq_ink_right(uint32_t cp);
/* 1 for line-break characters (LF, CR, VT, FF, NEL, LS, PS). */
int clreq_is_newline(uint32_t cp);

/* Fill brk[0..n) with CLREQ_* for the break after each of cps[0..n):
 * UAX #14 (language "zh"), then narrowed so that prohibited characters
 * never start or end a line, runs of printable ASCII (Latin words, numbers,
 * codes such as 410106-FGW-XK-001, URLs) are never split inside, and a
 * number keeps the ideograph after it (its unit: "20个"). brk[n-1] is
 * CLREQ_MUST. */
void clreq_breaks(const uint32_t *cps, size_t n, uint8_t *brk);

#endif
