/* utf8.c — strict UTF-8 decoding. */
#include "utf8.h"

int utf8_decode(const char *str, size_t len, size_t *i, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t p = *i;
	unsigned char c = s[p];
	uint32_t v, min;
	int n;

	if (c < 0x80) { *cp = c; *i = p + 1; return 0; }
	if (c >= 0xC2 && c <= 0xDF) { n = 1; v = c & 0x1F; min = 0x80; }
	else if (c >= 0xE0 && c <= 0xEF) { n = 2; v = c & 0x0F; min = 0x800; }
	else if (c >= 0xF0 && c <= 0xF4) { n = 3; v = c & 0x07; min = 0x10000; }
	else goto bad;
	if (p + (size_t)n >= len) goto bad;           /* truncated */
	for (int k = 1; k <= n; k++) {
		if (p + k >= len || (s[p + k] & 0xC0) != 0x80) goto bad;
		v = (v << 6) | (s[p + k] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) goto bad;
	*cp = v;
	*i = p + n + 1;
	return 0;
bad:
	*cp = 0xFFFD;
	*i = p + 1;
	return -1;
}

int utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) { o[0] = cp; return 1; }
	if (cp < 0x800) { o[0] = 0xC0 | (cp >> 6); o[1] = 0x80 | (cp & 0x3F); return 2; }
	if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
	if (cp < 0x10000) {
		o[0] = 0xE0 | (cp >> 12); o[1] = 0x80 | ((cp >> 6) & 0x3F);
		o[2] = 0x80 | (cp & 0x3F); return 3;
	}
	if (cp <= 0x10FFFF) {
		o[0] = 0xF0 | (cp >> 18); o[1] = 0x80 | ((cp >> 12) & 0x3F);
		o[2] = 0x80 | ((cp >> 6) & 0x3F); o[3] = 0x80 | (cp & 0x3F); return 4;
	}
	return 0;
}

int utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t i = 0;
	uint32_t cp;
	while (i < len) {
		size_t at = i;
		if ((unsigned char)s[i] < 0x80) { i++; continue; }
		if (utf8_decode(s, len, &i, &cp) < 0) {
			if (bad) *bad = at;
			return 0;
		}
	}
	return 1;
}

size_t utf8_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
	return n;
}
