/* script.h — replay a UI script on the virtual clock (DESIGN.md).
 *
 * One command a line, `#` comments:
 *   tap X Y | tap "visible text" | press X Y MS | drag X1 Y1 X2 Y2 MS
 *   text "abc" | key NAME | wait MS | shot NAME | dump NAME
 *   expect screen NAME | expect text "..." | expect no-text "..."
 *   realtime MS (MS of real time as the live loop runs it; prints frames)
 *
 * The clock moves only when the script says so: `wait MS`, and the MS a
 * `press` or `drag` lasts. Pointer commands go through kiosk_pointer_*,
 * the same path as touch and mouse. */
#ifndef UI_SCRIPT_H
#define UI_SCRIPT_H

#include "kiosk.h"

/* Run the script at path against k, whose clock is at k->app.now. Screenshots
 * (NAME.png) and dumps (NAME.txt) go to shots_dir (NULL = "."). Returns 0
 * when the script ends; 1 with "path:line: message" on stderr at the first
 * failed expectation; 2 for a script that cannot be read or parsed. */
int script_run(Kiosk *k, const char *path, const char *shots_dir);

#endif
