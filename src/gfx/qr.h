/* qr.h — a QR code as an SDL texture (libqrencode).
 *
 * One texture per item, made when the item screen is entered, never per
 * frame. Dark modules are black on white with the 4-module quiet zone the
 * standard asks for, whatever the theme: phone scanners read dark-on-light. */
#ifndef UI_QR_H
#define UI_QR_H

#include <SDL.h>

/* Encode text (error correction M) and draw it module_px pixels per module
 * plus a 4-module white border. Returns a texture the caller destroys, its
 * side length in *side; NULL if text is empty or encoding fails. */
SDL_Texture *qr_texture(SDL_Renderer *r, const char *text, int module_px, int *side);

/* The item's online-guide URL: the item's own url, else the template with
 * every "{code}" replaced by code; "" if neither. Writes into buf. */
const char *qr_item_url(const char *item_url, const char *tmpl, const char *code,
                        char *buf, size_t n);

#endif
