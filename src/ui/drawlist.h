/* drawlist.h — what is on screen, as a list of elements.
 *
 * Screens never draw: they append rectangles, text lines and images to a
 * DrawList. The renderer draws the list, scripts read it (`expect text`,
 * `tap "text"`, `dump`), and the input code hit-tests its tap targets.
 * Nothing else knows what is on screen.
 *
 * A DrawList has fixed capacity, allocated once; appending never
 * allocates. An element that does not intersect the current clip is not
 * added (so the list holds only what can be seen); the geometry stored is
 * the element's rectangle cut to the clip. Text is stored one element per
 * laid-out line; its bytes are copied into the list's own buffer, so the
 * caller's string may die after the call. Overflow drops elements and
 * counts them in `dropped` (a broken invariant for tests to catch). */
#ifndef UI_DRAWLIST_H
#define UI_DRAWLIST_H

#include <stdint.h>
#include <stdio.h>
#include "text/layout.h"

typedef enum { DL_RECT = 1, DL_TEXT, DL_IMAGE } DrawKind;

/* A rectangle in screen pixels (the draw list's own: no SDL here). */
typedef struct DlRect { int x, y, w, h; } DlRect;

/* An image, named by an id the screens make and the renderer resolves to
 * pixels (gfx/render.h): the draw list holds no textures. 0 = none. What
 * the bits mean is the app's (screens.h: department icons, QR codes). */
typedef uint32_t ImageId;

typedef struct DrawCmd {
	uint8_t kind;                   /* DrawKind */
	uint8_t radius;                 /* DL_RECT: rounded corners */
	uint16_t line;                  /* DL_TEXT: line index in layout */
	DlRect r;                       /* geometry, already cut to clip */
	DlRect clip;                   /* clip active when added */
	int x, y;                       /* DL_TEXT: layout origin; DL_IMAGE: full dst x,y */
	uint32_t color;                 /* DL_RECT fill */
	const TextLayout *layout;       /* DL_TEXT (valid until text_cache_end_frame) */
	ImageId image;                  /* DL_IMAGE */
	int tw, th;                     /* DL_IMAGE: full destination size */
	uint32_t text, text_len;        /* DL_TEXT: line text; DL_IMAGE: name (in buf) */
} DrawCmd;

typedef struct DrawHit {
	DlRect r;                       /* target cut to clip */
	int id;                         /* action id, > 0 */
} DrawHit;

/* Text laid out for this frame with lines outside the clip (below or
 * above a scrolled viewport): what to rasterise ahead while idle. */
typedef struct DrawHidden {
	const TextLayout *layout;       /* valid as DrawCmd.layout */
	int dist;                       /* px from the clip to the layout box */
} DrawHidden;

#define DL_HIDDEN_MAX 512

typedef struct DrawList {
	DrawCmd *cmds; int n, cap;
	DrawHit *hits; int n_hits, cap_hits;
	char *buf; uint32_t buf_used, buf_cap;
	DlRect clip;                    /* current clip */
	DlRect screen;                  /* the whole target */
	unsigned long dropped;          /* elements lost to overflow */
	uint32_t (*recolor)(uint32_t);  /* maps rect fills (a theme, 高对比度), or NULL */
	DrawHidden *hidden;             /* DL_HIDDEN_MAX; more are not kept */
	int n_hidden;
	/* The scrolling part of the frame (dl_scroll_begin/end), or
	 * scroll_first < 0. Elements [scroll_first, scroll_end) are drawn
	 * scroll_pos px up from where scroll position 0 puts them
	 * (scroll_end < 0: not ended, the span runs to the end of the list). */
	int scroll_first, scroll_end;
	DlRect scroll_region;           /* the viewport (clip at begin) */
	int scroll_pos;
} DrawList;

/* Allocate a list for a w x h target. NULL on out-of-memory. */
DrawList *dl_new(int w, int h, int cap, int cap_hits, uint32_t buf_cap);
void dl_free(DrawList *dl);                       /* NULL is fine */
void dl_reset(DrawList *dl, int w, int h);        /* empty, clip = screen */

/* Set the clip (cut to the screen); returns the previous one. */
DlRect dl_clip(DrawList *dl, DlRect clip);

void dl_rect(DrawList *dl, int x, int y, int w, int h, uint32_t color, int radius);
/* A frame of thickness t drawn as a filled rect plus an inner fill. */
void dl_frame(DrawList *dl, int x, int y, int w, int h, int t,
              uint32_t line, uint32_t fill, int radius);
/* Append every visible line of l placed with its top-left at (x, y). src
 * holds the paragraph's text (the bytes the lines index). If some lines
 * of l fall outside the clip, l is also noted in dl->hidden (no element,
 * nothing drawn; dropped silently when full). */
void dl_text(DrawList *dl, const TextLayout *l, int x, int y, const char *src);
/* An image at (x, y) scaled to w x h; name is its text for dumps. */
void dl_image(DrawList *dl, ImageId image, int x, int y, int w, int h,
              const char *name);
/* Reserve a slot for a rectangle whose size is known only after its
 * contents are drawn (a card behind text): returns a handle for
 * dl_rect_at(), or -1. An unfilled slot draws nothing. */
int dl_reserve(DrawList *dl);
void dl_rect_at(DrawList *dl, int slot, int x, int y, int w, int h,
                uint32_t color, int radius);
/* Register a tap target (drawn by the caller). */
void dl_hit(DrawList *dl, int id, int x, int y, int w, int h);

/* Mark the elements added from here to dl_scroll_end() as the content of
 * a scrolled viewport: the current clip, showing the content pos px down
 * from its top. The redraw planner (ui/redraw.h) uses it to move last
 * frame's pixels instead of drawing them again. Only the first such span
 * of a frame is kept; later ones are drawn as any other elements. */
void dl_scroll_begin(DrawList *dl, int pos);
void dl_scroll_end(DrawList *dl);

/* The rectangle element c may paint, cut to its clip: its geometry, and
 * for a text line the line box widened by one line height on either side
 * (glyph ink may overhang the advance width, never the line's height:
 * the renderer clips each line to this box). Empty for an unfilled slot. */
DlRect dl_cmd_box(const DrawCmd *c);

/* The intersection of a and b in *out: 1, or 0 (and *out empty) if they
 * do not meet or either is empty. */
int dl_rect_intersect(const DlRect *a, const DlRect *b, DlRect *out);
int dl_rect_equal(const DlRect *a, const DlRect *b);

/* Topmost tap target containing (x, y), or 0. */
int dl_hit_at(const DrawList *dl, int x, int y);

/* The text of element c (NUL-free bytes, length *len). */
const char *dl_cmd_text(const DrawList *dl, const DrawCmd *c, uint32_t *len);

/* Index of the first text element whose line equals s, else the first
 * that contains s; -1 if none. */
int dl_find_text(const DrawList *dl, const char *s);

/* Write the list as `kind x y w h text`, one element a line. */
void dl_dump(const DrawList *dl, FILE *f);

#endif
