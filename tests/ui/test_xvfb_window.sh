#!/bin/sh
# A real X11 window under Xvfb, clicked with xdotool: the click on the 公安
# tile (found in the home dump) opens that department, and the window shows
# the kiosk (not a blank frame).
KIOSK=${KIOSK:-build/kiosk}
BUNDLE=${BUNDLE:-build/guides.db}
OUT=${OUT:-build/ui-shots}
D=$OUT/xvfb
rm -rf "$D"; mkdir -p "$D"

# Where is the 公安 tile? Ask the kiosk itself, through a one-line script.
printf 'dump home\n' >"$D/where.script"
SDL_VIDEODRIVER=dummy "$KIOSK" --config /dev/null --bundle "$BUNDLE" --size 1080x1920 \
	--script "$D/where.script" --shots "$D" >/dev/null 2>&1 || { echo "dump failed"; exit 1; }
pos=$(awk -F'\t' '$1 == "text" && $6 == "公安" { printf "%d %d", $2 + $4 / 2, $3 + $5 / 2; exit }' "$D/home.txt")
[ -n "$pos" ] || { echo "no 公安 tile in the home dump"; exit 1; }

. tests/ui/xvfb.sh
xvfb_start "$D/xvfb.log"
xvfb_kiosk "$D/stdout" "$D/stderr"
sleep 1
grep -q '^screen home' "$D/stdout" || { echo "kiosk did not reach home"; exit 1; }
# shellcheck disable=SC2086
xdotool mousemove --sync $pos click 1
i=0; until grep -q '^screen department gaj' "$D/stdout"; do
	i=$((i + 1)); [ $i -gt 50 ] && { echo "click on 公安 ($pos) did not open the department"; cat "$D/stdout"; exit 1; }
	sleep 0.1
done
sleep 0.5
import -window root "$D/window.png" 2>/dev/null || { echo "screenshot failed"; exit 1; }
# The frame is not blank: many distinct colours (text, tiles, header).
colours=$(convert "$D/window.png" -format %k info:)
[ "$colours" -gt 50 ] || { echo "window looks blank ($colours colours)"; exit 1; }
