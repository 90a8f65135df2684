#!/bin/sh
# The usage statistics (usage.db) open after the first frame is presented,
# not before it (main.c): the first frame does not wait for SQLite. They
# are still kept: test_search_usage.sh reads what a scripted search left.
KIOSK=${KIOSK:-build/kiosk}
OUT=${OUT:-build/ui-shots}
D=$OUT/usage_after_first_frame
rm -rf "$D"; mkdir -p "$D"
printf 'wait 1\n' >"$D/s.script"
SDL_VIDEODRIVER=dummy "$KIOSK" --config /dev/null --bundle "${BUNDLE:-build/guides.db}" \
	--script "$D/s.script" --shots "$D" >/dev/null 2>"$D/err" || { echo "kiosk failed: $(tail -1 "$D/err")"; exit 1; }
ff=$(grep -n "first frame presented" "$D/err" | cut -d: -f1)
us=$(grep -n "usage statistics: " "$D/err" | cut -d: -f1)
[ -n "$ff" ] && [ -n "$us" ] || { echo "missing first-frame or usage line"; exit 1; }
[ "$us" -gt "$ff" ] || { echo "usage statistics opened (line $us) before the first frame (line $ff)"; exit 1; }
[ -f "$D/usage.db" ] || { echo "no usage.db"; exit 1; }
exit 0
