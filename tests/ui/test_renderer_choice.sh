#!/bin/sh
# Which renderer the kiosk picks in a real X11 window (Xvfb):
# - no GPU (no DRM render node): SDL's software renderer, with partial
#   redraw, its pixels put on screen by X11 itself (not through a GL
#   texture): a fling draws scroll frames identical to whole ones, and the
#   window shows exactly what the kiosk drew;
# - a render node present (KIOSK_DRI_DIR stands in for /dev/dri): SDL's
#   OpenGL renderer, as before;
# - SDL_RENDER_DRIVER set: that renderer, whatever the machine has.
KIOSK=${KIOSK:-build/kiosk}
BUNDLE=${BUNDLE:-build/guides.db}
OUT=${OUT:-build/ui-shots}
D=$OUT/renderer_choice
rm -rf "$D"; mkdir -p "$D"; D=$(cd "$D" && pwd)
# This machine's own /dev/dri is not looked at: an empty folder is "no GPU",
# one with a render node in it a GPU.
mkdir -p "$D/nodri" "$D/gpu"; : >"$D/gpu/renderD128"
NODRI=$D/nodri

. tests/ui/xvfb.sh
xvfb_start "$D/xvfb.log"

# renderer_of NAME SCRIPT ENV...: run SCRIPT in an X11 window with ENV,
# print the renderer the kiosk reported.
printf 'wait 1\n' >"$D/first.script"
renderer_of() {
	name=$1 script=$2; shift 2
	env "$@" SDL_VIDEODRIVER=x11 KIOSK_STATS=2 KIOSK_REDRAW_CHECK=1 "$KIOSK" --config /dev/null \
		--bundle "$BUNDLE" --windowed --size 1080x1920 --script "$script" \
		--shots "$D" >"$D/$name.out" 2>"$D/$name.err" || { echo "kiosk failed ($name): $(tail -2 "$D/$name.err")" >&2; return 1; }
	sed -n 's/^kiosk: video x11, renderer \([a-z0-9]*\).*/\1/p' "$D/$name.err"
}

r=$(renderer_of nogpu tests/ui/bench/fling_longest.script KIOSK_DRI_DIR="$NODRI") || exit 1
[ "$r" = software ] || { echo "no GPU: renderer '$r', want software"; exit 1; }
grep -q 'renderer software (no GPU' "$D/nogpu.err" || { echo "no GPU: the log does not say why: $(grep video "$D/nogpu.err")"; exit 1; }
scrolls=$(grep -c '^frame scroll' "$D/nogpu.err")
[ "$scrolls" -gt 100 ] || { echo "no GPU: only $scrolls scroll frames in the fling (partial redraw not used)"; exit 1; }
grep -q 'redraw check: [0-9]* partial frames, 0 differ' "$D/nogpu.err" ||
	{ echo "no GPU: $(grep 'redraw check' "$D/nogpu.err")"; exit 1; }

r=$(renderer_of gpu "$D/first.script" KIOSK_DRI_DIR="$D/gpu") || exit 1
[ "$r" = opengl ] || { echo "render node present: renderer '$r', want opengl"; exit 1; }
r=$(renderer_of forced "$D/first.script" KIOSK_DRI_DIR="$NODRI" SDL_RENDER_DRIVER=opengl) || exit 1
[ "$r" = opengl ] || { echo "SDL_RENDER_DRIVER=opengl: renderer '$r'"; exit 1; }

# What the window shows is what the kiosk drew: the home screen in the
# window (X11 shared-memory images) equals the dummy driver's shot of it,
# below the header (whose clock differs).
printf 'shot home\n' >"$D/home.script"
SDL_VIDEODRIVER=dummy "$KIOSK" --config /dev/null --bundle "$BUNDLE" --size 1080x1920 \
	--script "$D/home.script" --shots "$D" >/dev/null 2>&1 || { echo "dummy shot failed"; exit 1; }
xvfb_kiosk "$D/window.out" "$D/window.err" KIOSK_DRI_DIR="$NODRI"
i=0; until grep -q '^screen home' "$D/window.out" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 50 ] && { echo "kiosk did not reach home"; exit 1; }; sleep 0.1
done
sleep 1
import -window root "$D/window.png" 2>/dev/null || { echo "screenshot failed"; exit 1; }
for f in home window; do
	convert "$D/$f.png" -crop 1080x1700+0+220 +repage -alpha off "$D/$f-body.png" || exit 1
done
ae=$(compare -metric AE "$D/home-body.png" "$D/window-body.png" "$D/diff.png" 2>&1)
[ "$ae" = 0 ] || { echo "the window differs from the kiosk's own frame in $ae pixels (see $D/diff.png)"; exit 1; }
exit 0
