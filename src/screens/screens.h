/* screens.h — the kiosk's screens and the widgets they share.
 *
 * Each screen is a table of callbacks over the App (model/app.h): events
 * change the App through app_* (and the model's) functions; draw reads the
 * App, appends to a DrawList through a Ui (ui/ui.h) and reports what it
 * measured in a ScreenLayout. Nothing here knows SDL: images are asked for
 * by id (IMG_ICON, IMG_QR) and made by the renderer. */
#ifndef SCREENS_SCREENS_H
#define SCREENS_SCREENS_H

#include "model/app.h"
#include "ui/ui.h"

extern const Screen screen_home, screen_dept, screen_item, screen_saver, screen_search,
	screen_pin, screen_maint;
/* By ScreenId: what app_init takes. */
extern const Screen *const screens_table[SCR_COUNT];

/* The 长辈模式 switch; returns its width. right is its right edge. */
int ui_elder_switch(const App *a, Ui *u, DrawList *dl, int right, int y, int h, int on_dark);
/* The 高对比度 switch; returns its width. right is its right edge. */
int ui_contrast_switch(const App *a, Ui *u, DrawList *dl, int right, int y, int h, int on_dark);
/* Top bar with 返回 / 首页 / 长辈模式 and a breadcrumb below; returns the
 * y where content starts. crumbs: n texts, the first is 首页. */
int ui_header(const App *a, Ui *u, DrawList *dl, const char *const *crumbs, int n);
/* The image id of department icon dept at px size, or 0 if it cannot be
 * drawn (then the screen draws a stand-in). */
ImageId ui_icon(const App *a, Ui *u, int dept, int px);
/* Pixel size of the department icons on the home screen for theme t
 * (what ui_icon is asked for there), to decode them ahead (icons.h). */
int screen_home_icon_px(const Theme *t, int elder);

/* The materials checklist (办事材料清单) of it as an A4 page laid out into
 * dl (theme_page(): its w x h), black on white whatever the screen's theme. */
void print_layout(const App *a, Ui *u, DrawList *dl, const Item *it, const Dept *d);

#endif
