#!/bin/sh
# `make run`: start the kiosk. Serves data.dir/current.db when installed;
# otherwise the sample bundle build/guides.db built from guides/. Windowed
# when there is an X/Wayland display, fullscreen otherwise.
cd "$(dirname "$0")/.." || exit 1
conf=""
[ -f kiosk.conf ] && conf=kiosk.conf
[ -z "$conf" ] && [ -f /etc/kiosk/kiosk.conf ] && conf=/etc/kiosk/kiosk.conf
datadir=/var/lib/kiosk
if [ -n "$conf" ]; then
	# [data] dir = ... (the only "dir" key), without an inline comment
	d=$(sed -n 's/^[[:space:]]*dir[[:space:]]*=[[:space:]]*//p' "$conf" | sed 's/[[:space:]]*#.*//' | head -1)
	[ -n "$d" ] && datadir=$d
fi
set --
[ -f "$datadir/current.db" ] || set -- --bundle build/guides.db
if [ -n "$DISPLAY" ] || [ -n "$WAYLAND_DISPLAY" ]; then
	set -- "$@" --windowed
	# the configured screen size; KIOSK_SIZE=WxH for another (e.g. 1920x1080)
	[ -n "$KIOSK_SIZE" ] && set -- "$@" --size "$KIOSK_SIZE"
else
	echo "run: no X or Wayland display: the kiosk goes fullscreen on the console" \
	     "(from a desktop session it opens a window; headless: xvfb-run make run)" >&2
fi
echo "run: build/kiosk $*" >&2
exec build/kiosk "$@"
