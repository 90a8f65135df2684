/* theme.h — colours and sizes of the kiosk, in one place.
 *
 * A Theme is plain values derived from the screen size and 长辈模式 (elder
 * mode): every size a screen uses comes from here, so switching the mode
 * scales the whole interface at once. Colours are 0xRRGGBBAA. Every text
 * colour is meant to be used on the backgrounds listed beside it; the
 * pairs are checked for WCAG contrast >= 4.5:1 by tests/unit/test_theme.c. */
#ifndef UI_THEME_H
#define UI_THEME_H

#include <stdint.h>

/* Colours (text colour / the backgrounds it is used on). */
#define COL_PAGE        0xF2F5FAFFu  /* page background */
#define COL_CARD        0xFFFFFFFFu  /* cards, tiles, rows */
#define COL_CARD_DOWN   0xDCE7F5FFu  /* a card while pressed */
#define COL_PRIMARY     0x0A4DA2FFu  /* header, buttons; text on white */
#define COL_PRIMARY_DOWN 0x06336EFFu /* a primary button while pressed */
#define COL_ON_PRIMARY  0xFFFFFFFFu  /* text on COL_PRIMARY(_DOWN) */
#define COL_TEXT        0x16202CFFu  /* body text on page/card/tint */
#define COL_TEXT2       0x44505EFFu  /* secondary text on page/card/tint */
#define COL_TINT        0xE6EEF9FFu  /* chips, table header, section bar */
#define COL_LINE        0xC9D3E0FFu  /* dividers (not text) */
#define COL_WARN_BG     0xFFF3E0FFu  /* 办理时限 card */
#define COL_WARN        0x8A3B00FFu  /* text on COL_WARN_BG */
#define COL_OK_BG       0xE7F6EDFFu  /* 收费 card */
#define COL_OK          0x0B5B33FFu  /* text on COL_OK_BG */
#define COL_DISABLED_BG 0xE4E8EEFFu  /* disabled controls */
#define COL_DISABLED    0x4A5563FFu  /* text on COL_DISABLED_BG */
#define COL_MATCH       0xB3261EFFu  /* search highlight; text on card/pressed card */
#define COL_NOTICE_BG   0x0B2E5CFFu  /* notice footer */
#define COL_ON_NOTICE   0xFFFFFFFFu
#define COL_SAVER_BG    0x000000FFu  /* screensaver */
#define COL_SAVER_TEXT  0x7D8C9EFFu  /* dim, still >= 4.5:1 on black */
#define COL_SWITCH_ON   0xFFD25AFFu  /* the 长辈模式 switch when on (bg) */
#define COL_ON_SWITCH   0x16202CFFu  /* text on COL_SWITCH_ON */
#define COL_SWITCH_DOWN 0xE0B23CFFu  /* a switch that is on, while pressed */
#define COL_SPEAK_BG    0xFFF1B8FFu  /* the row being read aloud; COL_TEXT/COL_PRIMARY on it */

typedef struct Theme {
	int elder;                      /* 长辈模式 on */
	int landscape;                  /* width > height */
	int w, h;                       /* logical screen size */
	float scale;                    /* 1.0, or 1.5 in 长辈模式 */
	float line_spacing;             /* line pitch / size, >= 1.3 */
	int small, body, h2, h1, title; /* type sizes in px */
	int margin;                     /* page side margin */
	int gap;                        /* space between blocks */
	int pad;                        /* padding inside cards */
	int header_h;                   /* top bar of department/item screens */
	int button_h;                   /* >= 96: smallest touch target */
	int radius;                     /* corner radius of cards */
	int content_w;                  /* readable column width (landscape caps it) */
	int content_x;                  /* its left edge */
	/* Fixed details (px, not scaled with the mode). */
	int button_inset;               /* label inset at each side of a button */
	int accent_bar_w;               /* the accent bar left of headings, cards */
	int accent_bar_radius;
	int arrow_slack;                /* spare width given to one-glyph layouts */
	int frame_line;                 /* outline of search bar / query box */
	int divider;                    /* thickness of divider lines */
	int highlight_radius;           /* the read-aloud highlight behind a row */
	int caret_w;                    /* the query box's caret */
	int touch_min;                  /* smallest touch target side (button_h, chips) */
	int scroll_snap;                /* a heading this near the top counts as reached */
	int card_bar_w;                 /* the accent bar on the department card */
	int tile_icon_max;              /* department icon on a tile, at most (scaled) */
	int step_line_w;                /* the line joining the procedure's steps */
	int checkbox_line, checkbox_radius;  /* the checklist's empty boxes */
	int pin_field_line;             /* the outline of the PIN dots field */
	int spinner_dot_min;            /* the PIN check spinner's dots, at least */
	int key_gap, key_pad;           /* on-screen keyboard: between keys, panel edge */
	int key_w_min, key_w_max, key_h_max;  /* key sizes */
	int keyboard_w_max;             /* landscape: the keyboard's width at most */
	int key_hint_min;               /* type size of the hint between the keys, at least */
	int keyboard_edge;              /* portrait: space around the keyboard */
	int cross_arm, cross_w;         /* maintenance touch test: the cross drawn */
	int cross_label_dx, cross_label_dy;  /* where its coordinates go */
	int test_grid;                  /* touch test grid pitch */
	int test_grid_fine, test_line;  /* test pattern: fine grid pitch, its lines */
} Theme;

/* The printed materials checklist: an A4 page at 150 dpi, black on white
 * (screens/print_page.c). Sizes in page pixels. */
typedef struct PageTheme {
	int w, h;                       /* the page */
	int margin;
	int body, small, h2, title;     /* type sizes (body: 14.4 pt) */
	uint32_t ink, grey, line, paper;
	int rule, rule_thick, hairline; /* line thicknesses */
	int title_lift;                 /* the first line sits this far above the margin */
	int line_gap;                   /* between rows of the place and time table */
	int head_gap;                   /* below the page heading and the thick rule */
	int heading_gap;                /* below a section heading */
	int subtitle_gap;               /* below the item code line */
	int section_gap;                /* between the two sections */
	int cell_pad;                   /* above a table header / an empty table */
	int row_pad;                    /* above and below each material */
	int header_gap;                 /* below the table header */
	int name_inset;                 /* right of a material's name and note */
	int form_inset;                 /* right of its form */
	int col_box, col_form, col_copies;   /* table columns (the name takes the rest) */
	int box, box_line, box_dx, box_dy;   /* the empty checkbox */
	int more_gap;                   /* above "另有N项材料" */
	int room_below;                 /* what the table leaves for where and when */
	int place_gap;                  /* below the place section's rule */
	int label_pad;                  /* right of the place table's labels */
	int footer_rule, footer_text;   /* above the bottom margin */
} PageTheme;

PageTheme theme_page(void);

/* A width no line reaches: lays a text out on one line to measure it. */
#define THEME_UNBOUNDED_W 100000

/* 高对比度 (high contrast): the same colour names, recoloured at the two
 * points every colour passes (text layout, rectangle fills) to light text
 * on black, yellow accents and dark-on-yellow buttons. Text and fills map
 * separately because one value plays both parts (COL_CARD is white as a
 * fill, COL_ON_PRIMARY white as text). Each pair is >= 7:1 (tested).
 * Colours not in the tables: light fills darken and dark text lightens. */
uint32_t theme_text_color(uint32_t c, int high_contrast);
uint32_t theme_fill_color(uint32_t c, int high_contrast);
/* The same with high contrast on, as TextCache / DrawList hooks. */
uint32_t theme_hc_text(uint32_t c);
uint32_t theme_hc_fill(uint32_t c);

/* Derive every size from the screen size and the mode. */
Theme theme_make(int w, int h, int elder);

/* WCAG 2 contrast ratio of two opaque colours (1.0 .. 21.0). */
double theme_contrast(uint32_t fg, uint32_t bg);

#endif
