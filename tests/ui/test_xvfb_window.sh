#!/bin/sh
# A real X11 window under Xvfb, clicked with xdotool: the click on the 公安
# tile (found in the home dump) opens that department, and the window shows
# the kiosk (not a blank frame).
KIOSK=${KIOSK:-build/kiosk}
BUNDLE=${BUNDLE:-build/guides.db}
OUT=${OUT:-build/ui-shots}
D=$OUT/xvfb
rm -rf "$D"; mkdir -p "$D"
command -v Xvfb >/dev/null && command -v xdotool >/dev/null || { echo "Xvfb/xdotool missing"; exit 1; }

# Where is the 公安 tile? Ask the kiosk itself, through a one-line script.
printf 'dump home\n' >"$D/where.script"
SDL_VIDEODRIVER=dummy "$KIOSK" --config /dev/null --bundle "$BUNDLE" --size 1080x1920 \
	--script "$D/where.script" --shots "$D" >/dev/null 2>&1 || { echo "dump failed"; exit 1; }
pos=$(awk -F'\t' '$1 == "text" && $6 == "公安" { printf "%d %d", $2 + $4 / 2, $3 + $5 / 2; exit }' "$D/home.txt")
[ -n "$pos" ] || { echo "no 公安 tile in the home dump"; exit 1; }

# A free display number.
n=99
while [ -e /tmp/.X11-unix/X$n ] || [ -e /tmp/.X$n-lock ]; do n=$((n + 1)); done
Xvfb :$n -screen 0 1080x1920x24 -nolisten tcp >"$D/xvfb.log" 2>&1 &
xpid=$!
kpid=
cleanup() { [ -n "$kpid" ] && kill "$kpid" 2>/dev/null; kill "$xpid" 2>/dev/null; wait 2>/dev/null; }
trap cleanup EXIT
export DISPLAY=:$n
i=0; until xdotool getmouselocation >/dev/null 2>&1; do i=$((i + 1)); [ $i -gt 50 ] && { echo "Xvfb did not start"; exit 1; }; sleep 0.1; done

SDL_VIDEODRIVER=x11 "$KIOSK" --config /dev/null --bundle "$BUNDLE" --windowed --size 1080x1920 \
	>"$D/stdout" 2>"$D/stderr" &
kpid=$!
wid=$(timeout 20 xdotool search --sync --pid "$kpid" | head -1)
[ -n "$wid" ] || { echo "no kiosk window appeared"; cat "$D/stderr"; exit 1; }
xdotool windowmove --sync "$wid" 0 0 2>/dev/null
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
