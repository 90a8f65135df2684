/* keyboard.h — the search screen's on-screen keyboard: a digits row, the
 * QWERTY letters, ⌫ 删除, 清空 and 返回, as big tap targets.
 *
 * The keyboard is a fixed table of keys on a grid of KEYBOARD_COLS columns
 * and KEYBOARD_ROWS rows. keyboard_draw() appends it to the draw list and
 * registers each key as tap target ACT_KEY + its index, so a press comes
 * back through the one input path as an action, and the key under the
 * finger is drawn pressed in the same frame (Ui.pressed). Every label is
 * a visible text no other key shows, so a script can `tap "Y"`. */
#ifndef SCREENS_KEYBOARD_H
#define SCREENS_KEYBOARD_H

#include "screens.h"

#define KEYBOARD_COLS 10
#define KEYBOARD_ROWS 5

typedef enum {
	KEY_CHAR = 0,                   /* types ch */
	KEY_BACKSPACE,                  /* deletes the last character */
	KEY_CLEAR,                      /* empties the query */
	KEY_CLOSE                       /* leaves the search screen */
} KeyboardKeyKind;

typedef struct KeyboardKey {
	const char *label;              /* as drawn (upper-case letters) */
	KeyboardKeyKind kind;
	char ch;                        /* KEY_CHAR: what it types (lower case) */
	uint8_t row;                    /* 0 = digits row */
	float col, span;                /* place and width in key columns */
} KeyboardKey;

/* Where and how big: key sizes for a keyboard at most max_w px wide
 * (keys no smaller than t->touch_min where the screen allows). */
typedef struct KeyboardGeom {
	int key_w, key_h;               /* one column / one row */
	int gap;                        /* between keys */
	int pad;                        /* inside the panel */
	int w, h;                       /* the whole panel */
} KeyboardGeom;

KeyboardGeom keyboard_geom(const Theme *t, int max_w);

/* Draw the panel with its top-left at (x, y) and register the keys. */
void keyboard_draw(Ui *u, DrawList *dl, int x, int y, const KeyboardGeom *g);

/* The key a tap target id belongs to, or NULL. */
const KeyboardKey *keyboard_key(int action);

#endif
