/* clreq.c — Chinese line-breaking rules on top of libunibreak. */
#include "clreq.h"

#include <stdlib.h>
#include <linebreak.h>

/* ---------------------------------------------------------------- sets */

int clreq_no_line_start(uint32_t cp)
{
	switch (cp) {
	/* ASCII */
	case '!': case ')': case ',': case '.': case ':': case ';': case '?':
	case ']': case '}': case '%':
	/* general punctuation */
	case 0x2019: case 0x201D:                       /* ’ ” */
	case 0x2026: case 0x2025:                       /* … ‥ */
	case 0x203C: case 0x2047: case 0x2048: case 0x2049: /* ‼ ⁇ ⁈ ⁉ */
	case 0x00B7: case 0x30FB:                       /* · ・ */
	case 0x2030: case 0x2103:                       /* ‰ ℃ */
	/* CJK symbols and punctuation */
	case 0x3001: case 0x3002: case 0x3003: case 0x3005: /* 、 。 〃 々 */
	case 0x3009: case 0x300B: case 0x300D: case 0x300F: /* 〉 》 」 』 */
	case 0x3011: case 0x3015: case 0x3017: case 0x3019: /* 】 〕 〗 〙 */
	case 0x301B: case 0x301E: case 0x301F:              /* 〛 〞 〟 */
	/* full-width forms */
	case 0xFF01: case 0xFF09: case 0xFF0C: case 0xFF0E: /* ！ ） ， ． */
	case 0xFF1A: case 0xFF1B: case 0xFF1F: case 0xFF3D: /* ： ； ？ ］ */
	case 0xFF5D: case 0xFF60: case 0xFF05:              /* ｝ ｠ ％ */
	case 0xFE50: case 0xFE51: case 0xFE52: case 0xFE54: /* small forms */
	case 0xFE55: case 0xFE56: case 0xFE57:
		return 1;
	}
	return 0;
}

int clreq_no_line_end(uint32_t cp)
{
	switch (cp) {
	case '(': case '[': case '{':
	case 0x2018: case 0x201C:                       /* ‘ “ */
	case 0x3008: case 0x300A: case 0x300C: case 0x300E: /* 〈 《 「 『 */
	case 0x3010: case 0x3014: case 0x3016: case 0x3018: /* 【 〔 〖 〘 */
	case 0x301A: case 0x301D:                           /* 〚 〝 */
	case 0xFF08: case 0xFF3B: case 0xFF5B: case 0xFF5F: /* （ ［ ｛ ｟ */
		return 1;
	}
	return 0;
}

int clreq_is_ideograph(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0x20000 && cp <= 0x3134F);
}

int clreq_ink_left(uint32_t cp)
{
	switch (cp) {
	case 0x3001: case 0x3002:                       /* 、 。 */
	case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B: /* ， ． ： ； */
	case 0xFF01: case 0xFF1F:                       /* ！ ？ */
	case 0x2019: case 0x201D:                       /* ’ ” */
	case 0x3009: case 0x300B: case 0x300D: case 0x300F: /* 〉 》 」 』 */
	case 0x3011: case 0x3015: case 0x3017: case 0xFF09: /* 】 〕 〗 ） */
	case 0xFF3D: case 0xFF5D:                       /* ］ ｝ */
		return 1;
	}
	return 0;
}

int clreq_ink_right(uint32_t cp)
{
	switch (cp) {
	case 0x2018: case 0x201C:                       /* ‘ “ */
	case 0x3008: case 0x300A: case 0x300C: case 0x300E: /* 〈 《 「 『 */
	case 0x3010: case 0x3014: case 0x3016: case 0xFF08: /* 【 〔 〖 （ */
	case 0xFF3B: case 0xFF5B:                       /* ［ ｛ */
		return 1;
	}
	return 0;
}

int clreq_is_newline(uint32_t cp)
{
	return (cp >= 0x0A && cp <= 0x0D) || cp == 0x85 ||
	       cp == 0x2028 || cp == 0x2029;
}

/* ------------------------------------------------------------- breaks */

static int is_ascii_graphic(uint32_t cp) { return cp > 0x20 && cp < 0x7F; }
static int is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }

void clreq_breaks(const uint32_t *cps, size_t n, uint8_t *brk)
{
	static int inited;
	char *lb;

	if (n == 0)
		return;
	if (!inited) {
		init_linebreak();
		inited = 1;
	}
	/* libunibreak writes one char per code point; reuse brk's storage. */
	lb = (char *)brk;
	set_linebreaks_utf32((const utf32_t *)cps, n, "zh", lb);
	for (size_t i = 0; i < n; i++) {
		int b = lb[i];
		brk[i] = b == LINEBREAK_MUSTBREAK ? CLREQ_MUST :
		         b == LINEBREAK_ALLOWBREAK ? CLREQ_ALLOW : CLREQ_NOBREAK;
	}
	for (size_t i = 0; i + 1 < n; i++) {
		uint32_t a = cps[i], b = cps[i + 1];
		if (clreq_is_newline(a)) {
			/* CR LF is one break, after the LF */
			brk[i] = (a == '\r' && b == '\n') ? CLREQ_NOBREAK : CLREQ_MUST;
			continue;
		}
		if (brk[i] != CLREQ_ALLOW)
			continue;
		if (clreq_no_line_end(a) || clreq_no_line_start(b) ||
		    (is_ascii_graphic(a) && is_ascii_graphic(b)) ||
		    (is_digit(a) && clreq_is_ideograph(b)))
			brk[i] = CLREQ_NOBREAK;
	}
	brk[n - 1] = CLREQ_MUST;
}
