/* qrtext.h — an item's guide as the plain text a QR code carries.
 *
 * 扫码带走 without a network: when an item has no online guide, its QR code
 * holds the guide itself as UTF-8 text with short line labels, which a
 * phone's scanner shows as it is. A QR code holds few bytes at a module size
 * a phone reads at arm's length, so the text is shortened to a byte budget:
 * first the material notes go, then each material's form and copies, then
 * the materials list is cut to its first items and "等N项，详见窗口"; the
 * name, 电话 and 时限 always stay. */
#ifndef CORE_QRTEXT_H
#define CORE_QRTEXT_H

#include <stddef.h>
#include "guide.h"

/* Default budget: what the kiosk encodes when the screen has room for it
 * (QR version 18, 89 modules, holds 718 bytes at error correction L, the
 * level ui/qr.c uses: 6 px modules need 582 px with the quiet zone). */
#define QRTEXT_BUDGET 700

/* How the code is drawn (gfx/qr.c) and measured (model/item.c): error
 * correction L (7%) — a code on a screen is not torn or soiled, and L needs
 * the fewest modules for a text, so each module is biggest — with the
 * 4-module quiet zone the standard asks for. QR_ECLEVEL is libqrencode's
 * QR_ECLEVEL_L. */
#define QR_ECLEVEL 0
#define QR_QUIET 4                      /* modules of white border a side */

/* Write the guide of item it (of department d, which gives 窗口; may be
 * NULL) into buf as at most min(budget, n - 1) bytes of UTF-8, NUL-ended,
 * no trailing newline. Returns the length. Lines, in order:
 *   事项：NAME
 *   材料： then "1.NAME（FORM，N份；NOTE）" per material (shortened: "1.NAME"),
 *         and "等N项，详见窗口" when the list is cut
 *   地点： 窗口： 时间： 电话：  法定时限： 承诺时限：
 * Empty fields are left out. */
size_t qrtext_guide(const Item *it, const Dept *d, char *buf, size_t n, size_t budget);

/* The item's online-guide URL: the item's own url, else tmpl (item.url_template)
 * with every "{code}" replaced by code; "" if neither. Writes into buf. */
const char *qrtext_url(const char *item_url, const char *tmpl, const char *code,
                       char *buf, size_t n);

/* What the item's QR code carries: its URL (qrtext_url) if it has one, else
 * its guide (qrtext_guide) in budget bytes. Returns the length; *is_url
 * (may be NULL) says which. */
size_t qrtext_item(const Item *it, const Dept *d, const char *tmpl, char *buf, size_t n,
                   size_t budget, int *is_url);

#endif
