/* ui.h — the drawing context of a frame and the text and button widgets.
 *
 * A Ui is what a screen's draw may use besides the App it shows: the
 * theme, the text cache (real fonts in the kiosk, fake metrics in tests),
 * the tap target drawn pressed, and a way to ask whether an image id can
 * be drawn. Nothing here knows SDL or the app; widgets only append to a
 * DrawList. */
#ifndef UI_UI_H
#define UI_UI_H

#include <stddef.h>
#include <stdint.h>
#include "text/layout.h"
#include "drawlist.h"
#include "theme.h"

typedef struct Ui {
	Theme th;                       /* sizes and mode of this frame */
	TextCache *tc;                  /* lays the text out */
	int pressed;                    /* tap target drawn pressed, 0 none */
	/* 1 if the image id can be drawn (an icon file is there); NULL: all can. */
	int (*image_ok)(void *ctx, ImageId id);
	void *image_ctx;
} Ui;

typedef struct TextStyle {
	int size;
	uint8_t bold;
	uint32_t color;
	int max_lines;                  /* 0 = no limit */
	uint8_t align;                  /* TEXT_ALIGN_* */
	uint8_t hang;                   /* list markers hang */
} TextStyle;

TextStyle ts(int size, int bold, uint32_t color);
/* 1 if image id can be drawn (Ui.image_ok). */
int ui_image_ok(const Ui *u, ImageId id);
/* Layout s at width w (cached). Valid until the frame ends. */
const TextLayout *ui_layout(Ui *u, const char *s, TextStyle st, int w);
const TextLayout *ui_layout_n(Ui *u, const char *s, size_t len, TextStyle st, int w);
/* The same with highlight spans (n of them, may be 0). */
const TextLayout *ui_layout_spans(Ui *u, const char *s, size_t len, TextStyle st,
                                  const TextSpan *spans, int n, int w);
/* Draw s in a box of width w at (x, y); returns the height used. */
int ui_text(Ui *u, DrawList *dl, int x, int y, int w, const char *s, TextStyle st);
/* The same for len bytes of s (need not end in NUL). */
int ui_text_n(Ui *u, DrawList *dl, int x, int y, int w, const char *s,
              size_t len, TextStyle st);
/* Each non-blank line of s as a paragraph, gap px apart; returns height. */
int ui_paras(Ui *u, DrawList *dl, int x, int y, int w, const char *s,
             TextStyle st, int gap);
/* The next paragraph of *s (a non-blank line, leading blanks skipped):
 * 1 with *p and *n set and *s moved past it, or 0 at the end. */
int ui_para_next(const char **s, const char **p, size_t *n);
/* Natural one-line width of s. */
int ui_text_width(Ui *u, const char *s, int size, int bold);
/* A labelled button registered as tap target id, drawn pressed if it is. */
void ui_button(Ui *u, DrawList *dl, int id, DlRect r, const char *label,
               uint32_t bg, uint32_t bg_down, uint32_t fg, int size, int bold);
/* A section heading: a bar of the theme's accent, then s (size px, bold). */
int ui_heading(Ui *u, DrawList *dl, int x, int y, int w, const char *s, int size, int bar_dy);
/* A tappable row of a list: title over a grey sub line and an arrow
 * (the layouts made by the caller at width ui_row_text_w()). Returns its
 * height; with cull, draws only if it meets the clip. */
int ui_row(Ui *u, DrawList *dl, int id, int x, int y, int w, int cull,
           const TextLayout *title_l, const char *title, const TextLayout *sub_l, const char *sub);
/* Text width left in a ui_row of width w. */
int ui_row_text_w(Ui *u, int w);

#endif
