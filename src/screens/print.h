/* print.h — the materials checklist (办事材料清单) as a printable A4 page.
 *
 * The page is laid out by the kiosk's own text engine into a DrawList,
 * rendered with SDL's software renderer and written as a one-page PDF: the
 * rendered page as an image, plus the same lines as invisible text so the
 * PDF can be searched and checked (pdftotext). Sending it is a child
 * process (`lp -d QUEUE FILE`); print_poll() reaps it without blocking. */
#ifndef UI_PRINT_H
#define UI_PRINT_H

#include <stdio.h>
#include <sys/types.h>
#include "kiosk.h"

#define PRINT_W 1240                    /* A4 at 150 dpi */
#define PRINT_H 1754

/* Lay out the checklist of item it (department d) into dl (PRINT_W x
 * PRINT_H), black on white whatever the screen's theme. */
void print_layout(Kiosk *k, DrawList *dl, const Item *it, const Dept *d);

/* Render the page for it to a PDF at path. If dump is not NULL the page's
 * draw list is written there too (dl_dump format). 0, or -1 with err. */
int print_write_pdf(Kiosk *k, const Item *it, const Dept *d, const char *path,
                    FILE *dump, char *err, size_t errlen);

/* Spawn `command -d printer path` (command split on blanks). Returns the
 * child's pid, or -1 with err. */
pid_t print_spawn(const char *command, const char *printer, const char *path,
                  char *err, size_t errlen);

#endif
