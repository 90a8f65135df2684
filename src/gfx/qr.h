/* qr.h — a QR code as an SDL texture (libqrencode).
 *
 * Made by the renderer for an IMG_QR id when the code or its size changes,
 * never per frame (the code's size is found by qr_width, model/item.h). Dark modules are black on white with the 4-module quiet zone the
 * standard asks for, whatever the theme: phone scanners read dark-on-light. */
#ifndef UI_QR_H
#define UI_QR_H

#include <SDL.h>
#include "guide/qrtext.h"

/* Encode text (error correction L) and draw it module_px pixels per module
 * plus a 4-module white border. Returns a texture the caller destroys, its
 * side length in *side; NULL if text is empty or encoding fails. */
SDL_Texture *qr_texture(SDL_Renderer *r, const char *text, int module_px, int *side);



#endif
