/* app.h — the kiosk's application model: everything the screens show and
 * every change to it, without SDL.
 *
 * One App is the running program minus the window and the pixels: the
 * guide index, the department and item on display, 长辈模式 and 高对比度,
 * the back stack, scroll positions, the pointer state, the search and
 * maintenance state, the idle timers and the clock. Touch, mouse, keys and
 * scripts come in through app_pointer_* / app_key / app_text; time through
 * app_advance. Screens (screens/) are a table of callbacks over the App:
 * events change it through app_* functions, and draw reads it
 * (`const App *`) and reports what it measured in a ScreenLayout, which the
 * frame loop hands back with app_apply_layout.
 *
 * Time: every function takes times from one clock in milliseconds
 * (SDL_GetTicks live, a virtual clock in scripts). */
#ifndef MODEL_APP_H
#define MODEL_APP_H

#include <stdint.h>
#include "base/arena.h"
#include "base/config.h"
#include "guide/guide.h"
#include "store/bundle.h"
#include "store/usage.h"
#include "ui/drawlist.h"
#include "ui/input.h"
#include "ui/scroll.h"
#include "ui/theme.h"
#include "ui/ui.h"

typedef struct App App;

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
	ACT_HOT = 300,                  /* + index in App.hot */
	ACT_ITEM = 1000,                /* + item index in the department */
	ACT_SECTION = 3000,             /* + section index 0..6 */
	ACT_KEY = 4000,                 /* + on-screen key index (keyboard.h) */
	ACT_RESULT = 5000,              /* + index in the search results */
};

/* Image ids (drawlist.h) of this app: the kind in the top 4 bits. The
 * renderer's resolver (app/kiosk.c) turns them into textures. */
#define IMG_KIND(id)        ((uint32_t)(id) >> 28)
#define IMG_KIND_ICON       1u
#define IMG_KIND_QR         2u
/* Department icon dept at px, recoloured for 高对比度 if hc. */
#define IMG_ICON(dept, px, hc) ((IMG_KIND_ICON << 28) | ((uint32_t)!!(hc) << 27) | \
                             (((uint32_t)(px) & 0x7FFFu) << 12) | ((uint32_t)(dept) & 0xFFFu))
#define IMG_ICON_DEPT(id)   ((int)((id) & 0xFFFu))
#define IMG_ICON_PX(id)     ((int)(((id) >> 12) & 0x7FFFu))
#define IMG_ICON_HC(id)     ((int)(((id) >> 27) & 1u))
/* The QR code of the item on display (App.item_extra), module px a module. */
#define IMG_QR(module)      ((IMG_KIND_QR << 28) | ((uint32_t)(module) & 0xFFFFu))
#define IMG_QR_MODULE(id)   ((int)((id) & 0xFFFFu))

#define APP_HOT_MAX 6
#define APP_SECTIONS 7
#define APP_BACK_MAX 8
#define APP_QR_TEXT_MAX 2048
#define APP_SAVER_STEP_MS 8000u       /* the screensaver's text moves this often */

typedef enum { EV_ACTION = 1, EV_KEY, EV_TEXT } AppEventKind;
typedef struct AppEvent {
	AppEventKind kind;
	int id;                         /* EV_ACTION */
	const char *str;                /* EV_KEY name / EV_TEXT text */
} AppEvent;

/* What a screen's draw measured, for the App (app_apply_layout). The frame
 * loop zeroes it before each draw; a draw sets only what it measured. */
typedef struct ScreenLayout {
	int has_scroll_max;
	float scroll_max;               /* the screen's scroller's new maximum */
	int has_sections;               /* item: the next four are set */
	int section_y[APP_SECTIONS];    /* item: scroll position of each heading */
	int view_h;                     /* item: height of the scrolled viewport */
	int active_section;             /* item: the chip drawn active */
	int content_h;                  /* height of the scrolled content, px */
	int qr_made;                    /* item: a QR code was fitted to qr_fit: */
	int qr_fit, qr_module, qr_side, qr_version, qr_modules;
	char qr_text[APP_QR_TEXT_MAX];  /* what it carries */
} ScreenLayout;

/* A screen: callbacks over the App. Any may be NULL but draw. */
typedef struct Screen {
	const char *name;               /* as `expect screen` names it */
	void (*enter)(App *a);
	void (*leave)(App *a);
	void (*event)(App *a, const AppEvent *e);
	Scroll *(*scroller)(App *a);    /* what a vertical drag scrolls */
	int (*update)(App *a, float dt);  /* 1 while animating */
	void (*draw)(const App *a, Ui *u, DrawList *dl, ScreenLayout *out);
	uint32_t (*timeout)(const App *a); /* ms until update must run again, or UINT32_MAX */
	int (*back)(App *a);            /* ‹ 返回 inside the screen (a panel): 1 if done */
} Screen;

/* What the App asks of the program around it (app/kiosk.c); any may be NULL. */
typedef struct AppHooks {
	void *ctx;
	/* The bundle is about to be replaced by one with index next: drop what
	 * reads the old index. 0, or -1 (out of memory: nothing changes). */
	int (*bundle_swap)(void *ctx, const Guide *next);
	/* Write the materials checklist of it as a PDF at path: 0, or -1 with err. */
	int (*print_pdf)(void *ctx, const Item *it, const Dept *d, const char *path,
	                 char *err, size_t errlen);
	/* The departments' items are still loading (start-up draws the home
	 * screen before they are there; the bundle is the loader's until
	 * then): wait for them (block) or only look (not), and attach them to
	 * the index. 1 once attached; then it is never called again. */
	int (*items_arrive)(void *items_ctx, int block);
	void *items_ctx;
} AppHooks;

struct App {
	const Config *cfg;
	Bundle *bundle;
	Guide *index;                   /* departments + item summaries */
	Usage *usage;                   /* anonymous statistics, or NULL: off */
	int w, h;                       /* logical screen size */
	int elder;                      /* 长辈模式 */
	int contrast;                   /* 高对比度 */
	int speech_ok;                  /* speech.enabled and its command is there */
	const Screen *const *screens;   /* the table (screens.h), by ScreenId */
	AppHooks hooks;

	ScreenId screen;
	const Screen *scr;
	ScreenId back_stack[APP_BACK_MAX];
	int n_back;

	/* Department and item being shown. */
	int dept;                       /* index into index->depts */
	Item *item;                     /* full item, in item_arena; NULL if failed */
	const Item *item_summary;       /* its index entry */
	Arena item_arena;
	char item_err[256];
	const Item *hot[APP_HOT_MAX];
	int n_hot;
	struct ItemExtra *item_extra;   /* QR code, read-aloud, printing (model/item.h) */

	Scroll home_scroll, dept_scroll, item_scroll;
	int section_y[APP_SECTIONS];    /* item content y of each section (last draw) */
	int item_view_h;                /* height of the item viewport (last draw) */
	int item_anchor;                /* section to return to after a reflow, or -1 */

	/* Pointer and idle state. */
	Input input;
	const DrawList *targets;        /* the frame on screen: its tap targets */
	int pressed;                    /* target shown pressed, 0 = none */
	int swallow;                    /* this pointer woke the screensaver */
	uint32_t now, last_input;
	uint32_t saver_since;
	uint32_t saver_step;            /* position index drawn last */

	/* Clock shown on home and the screensaver. */
	int64_t clock_base;             /* wall time (s) at now == 0 */
	int shown_minute;               /* minute drawn last, to redraw on change */

	int dirty;                      /* what is on screen is out of date */
	int animating;                  /* last update asked for more frames */
	int trace;                      /* print `screen NAME` lines on stdout */
	int scripted;                   /* driven by a script (virtual clock) */
	int quit;                       /* the program should exit with exit_code */
	int exit_code;
	unsigned long n_views;          /* item screens opened since start (metrics) */
	struct SearchState *search;     /* the search screen (model/search_state.h) */
	struct Maint *maint;            /* maintenance mode and live pickup (model/maint.h) */
};

/* Set up a (zeroed by the caller) for a w x h screen with the screen table
 * screens (SCR_COUNT entries). The index must stay alive as long as a.
 * Returns 0, or -1 with err. */
int app_init(App *a, const Config *cfg, Bundle *b, Guide *index,
             const Screen *const *screens, int w, int h, uint32_t now,
             int64_t clock_base, char *err, size_t errlen);
void app_fini(App *a);

/* The index's items, if they are still loading (AppHooks.items_arrive):
 * with block, wait for them; 1 once they are there. Input, a bundle
 * switch and app_fini wait for them themselves. */
int app_items(App *a, int block);
/* The home screen's popular items, when the index has none yet (n at most
 * APP_HOT_MAX; the items must live as long as the index). */
void app_set_hot(App *a, const Item *const *items, int n);

/* Pointer input (touch, mouse and scripts all come through here). */
void app_pointer_down(App *a, int64_t id, float x, float y);
void app_pointer_move(App *a, int64_t id, float x, float y);
void app_pointer_up(App *a, int64_t id, float x, float y);
void app_key(App *a, const char *name);
void app_text(App *a, const char *utf8);

/* Advance the clock to now: idle timers, long press, animation. */
void app_advance(App *a, uint32_t now);
/* Milliseconds until app_advance must run again (0 = now). */
uint32_t app_timeout(const App *a);
/* A frame is being drawn of what the App is now (clears dirty). */
void app_frame_begin(App *a);
/* Take what the screen's draw measured (scroll maximum, section places). */
void app_apply_layout(App *a, const ScreenLayout *out);

/* Switch screens (trace line, enter/leave, back stack). */
void app_go(App *a, ScreenId s);
/* Back to the home screen with an empty back stack. */
void app_home(App *a);
/* Print the trace line "screen NAME ..." for the current screen (when
 * a->trace is set); done on every change and once at start. */
void app_trace(const App *a);
void app_resize(App *a, int w, int h);
void app_back(App *a);
void app_open_dept(App *a, int dept_index);
void app_open_item(App *a, const Item *summary);
void app_set_elder(App *a, int on);
void app_set_contrast(App *a, int on);
void app_mark_dirty(App *a);
/* Counts as the citizen's input: the idle timers start again. */
void app_touched(App *a);
/* Serve another bundle (live pickup, maint.c): a takes b and index and
 * frees the old ones; everything that pointed into the old index (item on
 * display, hot list, search index, back stack) is reset, so call it only
 * where no guide is on screen. 0, or -1 with err (a unchanged). */
int app_replace_bundle(App *a, Bundle *b, Guide *index, char *err, size_t errlen);

/* The item screen: scroll to section sec's heading. */
void app_item_jump(App *a, int sec);
/* The screensaver: the place index of its text now (one per
 * APP_SAVER_STEP_MS since it started); app_saver_tick marks the screen
 * dirty when it changes. */
uint32_t app_saver_step(const App *a);
void app_saver_tick(App *a);

/* Format the clock: "3月3日 星期一" into date, "09:05" into time. */
void app_clock(const App *a, char *date, size_t dn, char *time, size_t tn);

#endif
