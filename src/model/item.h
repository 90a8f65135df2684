/* item.h — what the item screen adds beyond the guide: 扫码带走 (the QR
 * code's text and the size it was fitted to), read-aloud of one section
 * with the sentence being heard, and the printed materials checklist (a
 * PDF made through the App's print hook, sent by an `lp` child). */
#ifndef MODEL_ITEM_H
#define MODEL_ITEM_H

#include <sys/types.h>
#include "app.h"
#include "speech.h"

typedef struct ItemExtra {
	ImageId qr;                     /* IMG_QR, 0: not fitted yet (or nothing to encode) */
	int qr_side, qr_module;         /* image side px; module px */
	int qr_fit;                     /* the square (px) it was fitted to */
	int qr_open;                    /* the 扫码带走 panel is shown instead of the guide */
	int qr_is_url;                  /* qr_text is a URL, not the guide as text */
	char qr_text[APP_QR_TEXT_MAX];  /* what the code carries; "" none */
	Speech sp;                      /* read-aloud queue and child */
	int speak_section;              /* section being read, -1 none */
	struct { int row; uint32_t start, end; } sent[SPEECH_MAX];
	                                /* per sentence: row (-2 heading, -1 text
	                                   range [start,end) of the section's text) */
	int active;                     /* section shown at the top (last draw) */
	pid_t print_pid;                /* `lp` child, or 0 */
	char print_path[256];
	const char *print_msg;          /* status line in the action bar, or NULL */
	uint32_t print_msg_until;
} ItemExtra;

extern const char *const item_section_chip[APP_SECTIONS];
extern const char *const item_section_head[APP_SECTIONS];

/* a->item_extra, made on first use; NULL if out of memory. */
ItemExtra *item_extra(App *a);
/* The item screen opens: the QR text of a->item. */
void item_extra_enter(App *a);
/* Time passes: read-aloud and printing children; 1 if the screen changed. */
int item_extra_tick(App *a);
/* ms until item_extra_tick must run again, or UINT32_MAX. */
uint32_t item_extra_timeout(const App *a);
/* Read the active section aloud, or stop. */
void item_speak_toggle(App *a);
void item_speak_stop(App *a, const char *why);
/* Print the materials checklist of a->item. */
void item_print(App *a);
/* Open / close the 扫码带走 panel. */
void item_qr_toggle(App *a);
/* Close it if open: 1, else 0 (‹ 返回 goes back to the guide). */
int item_qr_close(App *a);
/* The sentence being read if it lies in section sec: its row, and its
 * text range in *from..*to; else -3. */
int item_speaking(const App *a, int sec, uint32_t *from, uint32_t *to);
/* The draw fitted a new QR code (ScreenLayout.qr_*). */
void item_extra_qr_made(App *a, const ScreenLayout *out);
/* The section the draw showed active. */
void item_extra_set_active(App *a, int sec);
/* Stop read-aloud and printing children (app_fini). */
void item_extra_fini(App *a);
/* Modules a side (without the border) of text's code at error correction
 * L, and its QR version in *version (may be NULL); 0 if text is empty or
 * too long for any version. */
int qr_width(const char *text, int *version);
/* Spawn `command -d printer path` (command split on blanks). Returns the
 * child's pid, or -1 with err. */
pid_t print_spawn(const char *command, const char *printer, const char *path,
                  char *err, size_t errlen);

#endif
