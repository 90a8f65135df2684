/* qr.c — QR code textures for 扫码带走. */
#include <stdio.h>
#include <string.h>
#include <qrencode.h>
#include "qr.h"

#define QR_QUIET 4                      /* modules of white border */

SDL_Texture *qr_texture(SDL_Renderer *r, const char *text, int module_px, int *side)
{
	if (!text || !*text || module_px < 1) return NULL;
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q) return NULL;
	int n = q->width + 2 * QR_QUIET, px = n * module_px;
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, px, px, 32, SDL_PIXELFORMAT_ARGB8888);
	SDL_Texture *t = NULL;
	if (s) {
		SDL_FillRect(s, NULL, 0xFFFFFFFFu);
		for (int y = 0; y < q->width; y++)
			for (int x = 0; x < q->width; x++)
				if (q->data[y * q->width + x] & 1) {
					SDL_Rect m = {(x + QR_QUIET) * module_px, (y + QR_QUIET) * module_px,
					              module_px, module_px};
					SDL_FillRect(s, &m, 0xFF000000u);
				}
		t = SDL_CreateTextureFromSurface(r, s);
		SDL_FreeSurface(s);
	}
	QRcode_free(q);
	if (t && side) *side = px;
	return t;
}

const char *qr_item_url(const char *item_url, const char *tmpl, const char *code,
                        char *buf, size_t n)
{
	if (!n) return "";
	buf[0] = 0;
	if (item_url && *item_url) {
		snprintf(buf, n, "%s", item_url);
		return buf;
	}
	if (!tmpl || !*tmpl) return buf;
	size_t o = 0;
	for (const char *p = tmpl; *p && o + 1 < n; ) {
		if (!strncmp(p, "{code}", 6)) {
			o += (size_t)snprintf(buf + o, n - o, "%s", code ? code : "");
			if (o >= n) { o = n - 1; break; }
			p += 6;
		} else {
			buf[o++] = *p++;
		}
	}
	buf[o] = 0;
	return buf;
}
