#!/bin/sh
# The kiosk inside cage (the Wayland kiosk compositor, headless wlroots
# backend) as an unprivileged user: it comes up on the home screen through
# Wayland and its first presented frame (read back by the kiosk with
# --first-frame) shows the kiosk, not a blank surface. (grim's capture of
# cage 0.1.4's headless output is black whatever the client draws, so the
# frame is taken from the kiosk's side.)
KIOSK=${KIOSK:-build/kiosk}
BUNDLE=${BUNDLE:-build/guides.db}
OUT=${OUT:-build/ui-shots}
D=$OUT/cage
U=${KIOSK_TEST_USER:-kiosktest}
command -v cage >/dev/null || { echo "cage missing (apt-get install cage)"; exit 1; }
if ! id "$U" >/dev/null 2>&1; then
	[ "$(id -u)" = 0 ] || { echo "user $U missing and not root to create it"; exit 1; }
	useradd --system --no-create-home --shell /usr/sbin/nologin "$U" || exit 1
fi
rm -rf "$D"; mkdir -p "$D"; D=$(cd "$D" && pwd)
# cage refuses root, and the user needs its own copy it can read.
W=$(mktemp -d /tmp/kiosk-cage-XXXXXX)
R=$(mktemp -d /tmp/kiosk-cage-run-XXXXXX)
cp "$KIOSK" "$BUNDLE" "$W/" && cp -r "${ASSETS:-assets}" "$W/assets" || exit 1
chown -R "$U" "$W" "$R"; chmod 700 "$R"
as_user() { runuser -u "$U" -- env XDG_RUNTIME_DIR="$R" "$@"; }
cpid=
cleanup() { [ -n "$cpid" ] && kill "$cpid" 2>/dev/null; wait 2>/dev/null; rm -rf "$W" "$R"; }
trap cleanup EXIT
( cd "$W" && exec runuser -u "$U" -- env XDG_RUNTIME_DIR="$R" WLR_BACKENDS=headless \
	WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman SDL_VIDEODRIVER=wayland \
	cage -- ./kiosk --config /dev/null --set hall.assets=assets --bundle "$(basename "$BUNDLE")" --first-frame first.png \
	>"$D/stdout" 2>"$D/stderr" ) &
cpid=$!
i=0; until grep -q '^screen home' "$D/stdout" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 100 ] && { echo "kiosk did not reach home under cage: $(tail -2 "$D/stderr")"; exit 1; }
	sleep 0.1
done
grep -q 'video wayland' "$D/stderr" || { echo "kiosk did not use Wayland: $(grep video "$D/stderr")"; exit 1; }
i=0; until grep -q 'first frame presented' "$D/stderr"; do
	i=$((i + 1)); [ $i -gt 100 ] && { echo "no first frame under cage"; exit 1; }
	sleep 0.1
done
# Fullscreen on cage's headless 1280x720 output: laid out for that size.
grep -qE 'kiosk: (video wayland.*screen|screen resized to) 1280x720' "$D/stderr" ||
	{ echo "kiosk did not take the output's size: $(grep 'kiosk: ' "$D/stderr" | tail -2)"; exit 1; }
cp "$W/first.png" "$D/first-frame.png" || { echo "first frame not saved: $(grep first-frame "$D/stderr")"; exit 1; }
size=$(convert "$D/first-frame.png" -format %wx%h info:)
[ "$size" = 1280x720 ] || { echo "first frame is $size, not the output's 1280x720"; exit 1; }
colours=$(convert "$D/first-frame.png" -format %k info:)
[ "$colours" -gt 50 ] || { echo "first frame looks blank ($colours colours)"; exit 1; }
