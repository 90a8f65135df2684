# xvfb.sh — sourced by the UI tests that need a real X11 window.
#
# xvfb_start LOG: Xvfb 1080x1920 on a free display, DISPLAY exported,
# killed on exit together with the kiosk whose pid is in $kpid.
# xvfb_kiosk OUT ERR ENV...: the kiosk (SDL's x11 driver, windowed
# 1080x1920, $KIOSK on $BUNDLE, with ENV) started in a window moved to 0,0
# of that display; its stdout in OUT, stderr in ERR, its pid in $kpid.
xvfb_start() {
	command -v Xvfb >/dev/null && command -v xdotool >/dev/null || { echo "Xvfb/xdotool missing"; exit 1; }
	n=99
	while [ -e /tmp/.X11-unix/X$n ] || [ -e /tmp/.X$n-lock ]; do n=$((n + 1)); done
	Xvfb :$n -screen 0 1080x1920x24 -nolisten tcp >"$1" 2>&1 &
	xpid=$!
	kpid=
	trap xvfb_stop EXIT
	export DISPLAY=:$n
	i=0; until xdotool getmouselocation >/dev/null 2>&1; do i=$((i + 1)); [ $i -gt 50 ] && { echo "Xvfb did not start"; exit 1; }; sleep 0.1; done
}

xvfb_stop() { [ -n "$kpid" ] && kill "$kpid" 2>/dev/null; kill "$xpid" 2>/dev/null; wait 2>/dev/null; }

xvfb_kiosk() {
	out=$1 err=$2; shift 2
	env "$@" SDL_VIDEODRIVER=x11 "$KIOSK" --config /dev/null --bundle "$BUNDLE" --windowed \
		--size 1080x1920 >"$out" 2>"$err" &
	kpid=$!
	wid=$(timeout 20 xdotool search --sync --pid "$kpid" | head -1)
	[ -n "$wid" ] || { echo "no kiosk window appeared: $(tail -2 "$err")"; exit 1; }
	xdotool windowmove --sync "$wid" 0 0 2>/dev/null
}
