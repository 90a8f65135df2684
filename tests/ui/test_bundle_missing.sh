#!/bin/sh
# Without a bundle to serve the kiosk stops with a message naming it, even
# though the bundle opens on a thread of its own while the window comes up
# (main.c): --bundle of a missing file, and an empty data.dir (neither
# current.db nor previous.db).
KIOSK=${KIOSK:-build/kiosk}
OUT=${OUT:-build/ui-shots}
D=$OUT/bundle_missing
rm -rf "$D"; mkdir -p "$D/data"
printf 'wait 1\n' >"$D/s.script"
SDL_VIDEODRIVER=dummy "$KIOSK" --config /dev/null --bundle "$D/missing.db" \
	--script "$D/s.script" --shots "$D" >/dev/null 2>"$D/err1"
rc=$?
[ $rc -eq 1 ] || { echo "--bundle missing.db: exit $rc, not 1"; exit 1; }
grep -q "^kiosk: $D/missing.db: " "$D/err1" || { echo "--bundle missing.db: no message naming it"; exit 1; }
if grep -q "first frame" "$D/err1"; then echo "--bundle missing.db: a frame was drawn"; exit 1; fi
SDL_VIDEODRIVER=dummy "$KIOSK" --config /dev/null --set "data.dir=$D/data" \
	--script "$D/s.script" --shots "$D" >/dev/null 2>"$D/err2"
rc=$?
[ $rc -eq 1 ] || { echo "empty data.dir: exit $rc, not 1"; exit 1; }
grep -q "^kiosk: no usable bundle ($D/data/previous.db: " "$D/err2" ||
	{ echo "empty data.dir: no 'no usable bundle' message"; exit 1; }
exit 0
