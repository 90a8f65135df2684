/* kiosk.h — the kiosk's app model, its screens and the frame cycle.
 *
 * One Kiosk is the running program minus the window: the guide index, the
 * item on display, 长辈模式, the pointer state, the current screen and its
 * draw list. The app (src/app/main.c) owns the window and feeds the Kiosk
 * pointer events and time; scripts (script.c) do the same through the same
 * functions, so touch, mouse and scripts share one path.
 *
 * Time: every function takes times from one clock in milliseconds
 * (SDL_GetTicks live, a virtual clock in scripts). */
#ifndef UI_KIOSK_H
#define UI_KIOSK_H

#include <stdint.h>
#include <SDL.h>
#include "base/config.h"
#include "store/bundle.h"
#include "guide/guide.h"
#include "search/search.h"
#include "store/usage.h"
#include "base/arena.h"
#include "text/layout.h"
#include "gfx/font.h"
#include "gfx/atlas.h"
#include "ui/drawlist.h"
#include "ui/input.h"
#include "ui/scroll.h"
#include "ui/theme.h"

typedef struct Kiosk Kiosk;

typedef enum { SCR_HOME = 0, SCR_DEPT, SCR_ITEM, SCR_SAVER, SCR_SEARCH,
               SCR_PIN, SCR_MAINT, SCR_COUNT } ScreenId;

/* Tap-target ids (DrawHit.id). */
enum {
	ACT_BACK = 1, ACT_HOME, ACT_ELDER, ACT_CRUMB_DEPT,
	ACT_SEARCH,                     /* open the search screen (a fresh query) */
	ACT_CONTRAST,                   /* 高对比度 on/off */
	ACT_SPEAK,                      /* item: read the section aloud / stop */
	ACT_PRINT,                      /* item: print the materials checklist */
	ACT_QR,                         /* item: 扫码带走 panel open / back to the guide */
	ACT_DEPT = 100,                 /* + department index */
	ACT_HOT = 300,                  /* + index in Kiosk.hot */
	ACT_ITEM = 1000,                /* + item index in the department */
	ACT_SECTION = 3000,             /* + section index 0..6 */
	ACT_KEY = 4000,                 /* + on-screen key index (keyboard.h) */
	ACT_RESULT = 5000,              /* + index in the search results */
};

typedef enum { EV_ACTION = 1, EV_KEY, EV_TEXT } KioskEventKind;
typedef struct KioskEvent {
	KioskEventKind kind;
	int id;                         /* EV_ACTION */
	const char *str;                /* EV_KEY name / EV_TEXT text */
} KioskEvent;

/* A screen: callbacks over the Kiosk. Any may be NULL. */
typedef struct Screen {
	const char *name;               /* as `expect screen` names it */
	void (*enter)(Kiosk *k);
	void (*leave)(Kiosk *k);
	void (*event)(Kiosk *k, const KioskEvent *e);
	Scroll *(*scroller)(Kiosk *k);  /* what a vertical drag scrolls */
	int (*update)(Kiosk *k, float dt);  /* 1 while animating */
	void (*draw)(Kiosk *k, DrawList *dl);
	uint32_t (*timeout)(const Kiosk *k); /* ms until update must run again (a timer), or UINT32_MAX */
	int (*back)(Kiosk *k);          /* ‹ 返回 inside the screen (a panel): 1 if done; may be NULL */
} Screen;

extern const Screen screen_home, screen_dept, screen_item, screen_saver, screen_search;

/* The search screen's state: query, results, index (screen_search.c). */
typedef struct SearchState SearchState;

#define KIOSK_HOT_MAX 6
#define KIOSK_SECTIONS 7

/* Image ids (drawlist.h) of this app: the kind in the top 4 bits. */
#define IMG_KIND(id)        ((uint32_t)(id) >> 28)
#define IMG_KIND_ICON       1u
#define IMG_KIND_QR         2u
/* Department icon dept at px, recoloured for 高对比度 if hc. */
#define IMG_ICON(dept, px, hc) ((IMG_KIND_ICON << 28) | ((uint32_t)!!(hc) << 27) | \
                             (((uint32_t)(px) & 0x7FFFu) << 12) | ((uint32_t)(dept) & 0xFFFu))
#define IMG_ICON_DEPT(id)   ((int)((id) & 0xFFFu))
#define IMG_ICON_PX(id)     ((int)(((id) >> 12) & 0x7FFFu))
#define IMG_ICON_HC(id)     ((int)(((id) >> 27) & 1u))
/* The QR code of the item on display, module px a module. */
#define IMG_QR(module)      ((IMG_KIND_QR << 28) | ((uint32_t)(module) & 0xFFFFu))
#define IMG_QR_MODULE(id)   ((int)((id) & 0xFFFFu))

typedef struct IconTex {
	SDL_Texture *tex;               /* NULL: not loaded / missing */
	int size;                       /* pixel size it was loaded at */
	int missing;                    /* 1: file absent or unreadable */
	int contrast;                   /* 1: made for 高对比度 (recoloured) */
} IconTex;

struct Kiosk {
	const Config *cfg;
	SDL_Renderer *ren;
	FontSet *fonts;
	Atlas *atlas;
	TextCache *tc;
	Bundle *bundle;
	Guide *index;                   /* departments + item summaries */
	int w, h;                       /* logical screen size */
	Theme th;
	int elder;                      /* 长辈模式 */
	int contrast;                   /* 高对比度 */
	struct ItemExtra *item_extra;   /* QR code, read-aloud, printing (screen_item.c) */

	ScreenId screen;
	const Screen *scr;
	ScreenId back_stack[8];
	int n_back;

	/* Department and item being shown. */
	int dept;                       /* index into index->depts */
	Item *item;                     /* full item, in item_arena; NULL if failed */
	const Item *item_summary;       /* its index entry */
	Arena item_arena;
	char item_err[256];
	const Item *hot[KIOSK_HOT_MAX];
	int n_hot;

	Scroll home_scroll, dept_scroll, item_scroll;
	int section_y[KIOSK_SECTIONS];  /* item content y of each section (last draw) */
	int item_view_h;                /* height of the item viewport (last draw) */
	int item_anchor;                /* section to return to after a reflow, or -1 */

	/* Pointer and idle state. */
	Input input;
	int pressed;                    /* target shown pressed, 0 = none */
	int swallow;                    /* this pointer woke the screensaver */
	uint32_t now, last_input;
	uint32_t saver_since;
	uint32_t saver_step;            /* position index drawn last */

	/* Clock shown on home and the screensaver. */
	int64_t clock_base;             /* wall time (s) at now == 0 */
	int shown_minute;               /* minute drawn last, to redraw on change */

	IconTex *icons;                 /* per department */
	SDL_Texture *qr_tex;            /* the QR code drawn last (IMG_QR), or NULL */
	int qr_tex_module;
	char qr_tex_text[2048];
	struct IconsLoading *icons_loading; /* icons decoded at start-up (icons.h; k frees it), or NULL */
	DrawList *dl;                   /* the frame on screen */
	int dirty;                      /* draw list out of date */
	int animating;                  /* last update asked for more frames */
	int warm_next;                  /* next dl->hidden entry to warm; -1: done */
	unsigned long frames;           /* frames drawn */
	int trace;                      /* print `screen NAME` lines on stdout */
	char assets[CONFIG_STR];
	/* Frame statistics for `make bench` (KIOSK_STATS=1): CPU ms per drawn
	 * frame and from a pointer going down to its frame being presented. */
	int stats;
	float *frame_ms; int n_frame_ms;
	unsigned long n_views;          /* item screens opened since start (metrics) */
	float *tap_ms; int n_tap_ms;
	double tap_start;               /* CPU time of the pending pointer-down, or 0 */
	/* Shows a drawn frame (the app copies/rotates it to the window). */
	void (*present)(void *ctx);
	void *present_ctx;
	SearchState *search;            /* the search screen (kiosk_search_init) */
	Usage *usage;                   /* anonymous statistics, or NULL: off (set by the app) */
	struct Maint *maint;            /* maintenance mode and live pickup (maint.h) */
	int scripted;                   /* driven by a script (virtual clock) */
	int quit;                       /* the app should exit with exit_code */
	int exit_code;
};

/* Set up k (zeroed by the caller) for a w x h screen. The index must stay
 * alive as long as k. Returns 0, or -1 with err. */
int kiosk_init(Kiosk *k, const Config *cfg, SDL_Renderer *ren, FontSet *fs,
               Atlas *atlas, TextCache *tc, Bundle *b, Guide *index,
               int w, int h, uint32_t now, int64_t clock_base,
               char *err, size_t errlen);
void kiosk_fini(Kiosk *k);

/* Pointer input (touch, mouse and scripts all come through here). */
void kiosk_pointer_down(Kiosk *k, int64_t id, float x, float y);
void kiosk_pointer_move(Kiosk *k, int64_t id, float x, float y);
void kiosk_pointer_up(Kiosk *k, int64_t id, float x, float y);
void kiosk_key(Kiosk *k, const char *name);
void kiosk_text(Kiosk *k, const char *utf8);

/* Advance the clock to now: idle timers, long press, animation. */
void kiosk_advance(Kiosk *k, uint32_t now);
/* If anything changed, rebuild the draw list and render it. Returns 1 if
 * a frame was drawn (the caller presents it). */
int kiosk_draw(Kiosk *k);
/* Milliseconds until kiosk_advance must run again (0 = animating). */
uint32_t kiosk_timeout(const Kiosk *k);

/* Warming the glyph atlas while idle: text the frame on screen laid out
 * but cannot show (below or above a scrolled viewport) is rasterised ahead,
 * nearest first, so scrolling to it does not pay for its glyphs.
 * kiosk_warm_pending: 1 while there is such work and the frame on screen
 * is current (nothing to redraw, nothing animating); it turns 0 once all
 * is warm or the atlas has no room left without evicting, and again with
 * each new frame until that frame's text is warm. kiosk_warm does up to
 * about budget_ms of that work (at least a few glyphs) and returns
 * kiosk_warm_pending(). It draws nothing and never changes what a later
 * frame shows; it may allocate (atlas slots), as a glyph miss does. */
int kiosk_warm_pending(const Kiosk *k);
int kiosk_warm(Kiosk *k, double budget_ms);

/* Switch screens (trace line, enter/leave, back stack). */
void kiosk_go(Kiosk *k, ScreenId s);
/* Print the trace line "screen NAME ..." for the current screen (when
 * k->trace is set); done on every change and once at start. */
void kiosk_trace(Kiosk *k);
/* The screen changed size (a compositor's fullscreen configure, a rotated
 * panel): lay everything out again for w x h logical pixels. */
void kiosk_resize(Kiosk *k, int w, int h);
void kiosk_back(Kiosk *k);
void kiosk_open_dept(Kiosk *k, int dept_index);
void kiosk_open_item(Kiosk *k, const Item *summary);
/* The search screen with an empty query (screen_search.c). */
void kiosk_open_search(Kiosk *k);
/* Build the search index of k->index once, at start; 0 or -1 (out of
 * memory). kiosk_search_fini records a pending no-result query in
 * k->usage and frees the index; kiosk_search_reset (idle reset) records
 * it and clears the query. */
int kiosk_search_init(Kiosk *k);
void kiosk_search_fini(Kiosk *k);
void kiosk_search_reset(Kiosk *k);
void kiosk_set_elder(Kiosk *k, int on);
/* 高对比度: recolour text and fills from the next frame. */
void kiosk_set_contrast(Kiosk *k, int on);
/* Stop read-aloud and printing children (kiosk_fini). */
void screen_item_fini(Kiosk *k);
/* What the QR code on the item screen carries, or NULL if none is shown. */
const char *screen_item_qr_text(const Kiosk *k);
void kiosk_mark_dirty(Kiosk *k);
/* Serve another bundle (live pickup, maint.c): k takes b and index and
 * frees the old ones; everything that pointed into the old index (item on
 * display, hot list, icons, search index, back stack) is reset, so call it
 * only where no guide is on screen. 0, or -1 with err (k unchanged). */
int kiosk_replace_bundle(Kiosk *k, Bundle *b, Guide *index, char *err, size_t errlen);

/* ---- drawing helpers shared by the screens (widgets.c) ---- */

typedef struct TextStyle {
	int size;
	uint8_t bold;
	uint32_t color;
	int max_lines;                  /* 0 = no limit */
	uint8_t align;                  /* TEXT_ALIGN_* */
	uint8_t hang;                   /* list markers hang */
} TextStyle;

TextStyle ts(int size, int bold, uint32_t color);
/* Layout s at width w (cached). Valid until the frame ends. */
const TextLayout *ui_layout(Kiosk *k, const char *s, TextStyle st, int w);
const TextLayout *ui_layout_n(Kiosk *k, const char *s, size_t len, TextStyle st, int w);
/* Draw s in a box of width w at (x, y); returns the height used. */
int ui_text(Kiosk *k, DrawList *dl, int x, int y, int w, const char *s, TextStyle st);
/* The same for len bytes of s (need not end in NUL). */
int ui_text_n(Kiosk *k, DrawList *dl, int x, int y, int w, const char *s,
              size_t len, TextStyle st);
/* Each non-blank line of s as a paragraph, gap px apart; returns height. */
int ui_paras(Kiosk *k, DrawList *dl, int x, int y, int w, const char *s,
             TextStyle st, int gap);
/* The next paragraph of *s (a non-blank line, leading blanks skipped):
 * 1 with *p and *n set and *s moved past it, or 0 at the end. */
int ui_para_next(const char **s, const char **p, size_t *n);
/* Natural one-line width of s. */
int ui_text_width(Kiosk *k, const char *s, int size, int bold);
/* A labelled button registered as tap target id, drawn pressed if it is. */
void ui_button(Kiosk *k, DrawList *dl, int id, DlRect r, const char *label,
               uint32_t bg, uint32_t bg_down, uint32_t fg, int size, int bold);
/* The 长辈模式 switch; returns its width. x is its right edge. */
int ui_elder_switch(Kiosk *k, DrawList *dl, int right, int y, int h, int on_dark);
/* The 高对比度 switch; returns its width. x is its right edge. */
int ui_contrast_switch(Kiosk *k, DrawList *dl, int right, int y, int h, int on_dark);
/* Top bar with 返回 / 首页 / 长辈模式 and a breadcrumb below; returns the
 * y where content starts. crumbs: n texts, the first is 首页. */
int ui_header(Kiosk *k, DrawList *dl, const char *const *crumbs, int n);
/* The image id of department icon dept at px size, or 0 if it has no
 * icon file (then the screen draws a stand-in). */
ImageId ui_icon(Kiosk *k, int dept, int px);
/* Pixel size of the department icons on the home screen for theme t
 * (what ui_icon is asked for there), to decode them ahead (icons.h). */
int screen_home_icon_px(const Theme *t, int elder);
/* Format the clock: "3月3日 星期一" into date, "09:05" into time. */
void ui_clock(const Kiosk *k, char *date, size_t dn, char *time, size_t tn);

#endif
