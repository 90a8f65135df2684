/* qr.h — a QR code as an SDL texture (libqrencode).
 *
 * One texture per item, made when the item screen is entered, never per
 * frame. Dark modules are black on white with the 4-module quiet zone the
 * standard asks for, whatever the theme: phone scanners read dark-on-light. */
#ifndef UI_QR_H
#define UI_QR_H

#include <SDL.h>

/* Encode text (error correction L) and draw it module_px pixels per module
 * plus a 4-module white border. Returns a texture the caller destroys, its
 * side length in *side; NULL if text is empty or encoding fails. */
SDL_Texture *qr_texture(SDL_Renderer *r, const char *text, int module_px, int *side);

/* Modules a side (without the border) of text's code at error correction
 * L, and its QR version in *version (may be NULL); 0 if text is empty or
 * too long for any version. */
int qr_width(const char *text, int *version);

#define QR_QUIET 4                      /* modules of white border a side */

#endif
