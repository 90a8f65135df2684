/* pdf.h — a page laid out into a DrawList (the materials checklist,
 * screens/print_page.c) written as a one-page A4 PDF: the page rendered
 * with SDL's software renderer as an image, plus the same lines as
 * invisible text so the PDF can be searched and checked (pdftotext). */
#ifndef GFX_PDF_H
#define GFX_PDF_H

#include <stddef.h>
#include "font.h"
#include "ui/drawlist.h"

/* Render dl (its screen is the page, in px at 150 dpi) with fonts and
 * write it to path. 0, or -1 with err. */
int pdf_write_page(FontSet *fonts, const DrawList *dl, const char *path,
                   char *err, size_t errlen);

#endif
