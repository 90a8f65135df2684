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
	d=$(sed -n 's/^[[:space:]]*dir[[:space:]]*=[[:space:]]*//p' "$conf" | head -1)
	[ -n "$d" ] && datadir=$d
fi
set --
[ -f "$datadir/current.db" ] || set -- --bundle build/guides.db
if [ -n "$DISPLAY" ] || [ -n "$WAYLAND_DISPLAY" ]; then
	set -- "$@" --windowed
	# a window that fits a laptop screen unless told otherwise
	[ -n "$KIOSK_SIZE" ] && set -- "$@" --size "$KIOSK_SIZE"
fi
echo "run: build/kiosk $*" >&2
exec build/kiosk "$@"
