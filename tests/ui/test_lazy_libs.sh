#!/bin/sh
# Libraries the kiosk opens on first use (dlopen) are not linked, so the
# dynamic loader does not map them and what they bring before main():
# libcurl (update/fetch.c, maintenance only) and SDL_image (gfx/image.c:
# icons; screenshots use libpng). The home screen still shows its icons and a
# scripted shot is still a PNG (the run's own checks: home.script,
# test_contrast_icons.sh).
KIOSK=${KIOSK:-build/kiosk}
OUT=${OUT:-build/ui-shots}
needed=$(readelf -d "$KIOSK" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
[ -n "$needed" ] || { echo "readelf found no NEEDED entries in $KIOSK"; exit 1; }
for lib in libSDL2_image libcurl; do
	case "$needed" in
	*"$lib"*) echo "$KIOSK links $lib (it should open it on first use)"; exit 1 ;;
	esac
done
# ... and does open it when it draws the icons: the shot has them.
D=$OUT/lazy_libs
rm -rf "$D"; mkdir -p "$D"
printf 'wait 100\nshot home\n' >"$D/s.script"
SDL_VIDEODRIVER=dummy "$KIOSK" --config /dev/null --bundle "${BUNDLE:-build/guides.db}" \
	--script "$D/s.script" --shots "$D" >/dev/null 2>"$D/err" || { echo "kiosk failed: $(tail -1 "$D/err")"; exit 1; }
if grep -q "icon" "$D/err"; then echo "icon errors: $(grep icon "$D/err" | head -1)"; exit 1; fi
[ "$(head -c 4 "$D/home.png" | od -An -c | tr -d ' ')" = "211PNG" ] || { echo "home.png is not a PNG"; exit 1; }
exit 0
