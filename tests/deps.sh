#!/bin/sh
# Install the Debian packages named as arguments if any are missing.
# As root: apt-get install them. Otherwise: print the exact command, exit 1.
missing=""
for p in "$@"; do
	s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case "$s" in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -q --no-install-recommends $missing >/tmp/kiosk-apt.log 2>&1 || {
		apt-get update -q >/tmp/kiosk-apt.log 2>&1
		apt-get install -y -q --no-install-recommends $missing >>/tmp/kiosk-apt.log 2>&1
	} || { echo "deps: apt-get install failed; see /tmp/kiosk-apt.log" >&2; tail -20 /tmp/kiosk-apt.log >&2; exit 1; }
else
	echo "deps: missing Debian packages. Run:" >&2
	echo "  sudo apt-get install$missing" >&2
	exit 1
fi
