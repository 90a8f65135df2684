#!/bin/sh
# make deb: build build/kiosk_VERSION_ARCH.deb from `make install` into a
# staging root. Library dependencies come from dpkg-shlibdeps (what the
# binaries really link); the rest are the programs and data it runs with:
#   cage, xwayland     kiosk.service's compositor (Debian 12's cage exits
#                      without Xwayland: "Cannot create XWayland server")
#   fonts-*            the Chinese fonts the screens are drawn with
#   espeak-ng          speech.command (read-aloud is on by default)
#   unicode-data       the character data the search's pinyin table is built from
#   udev               90-kiosk-usb.rules (USB sticks); cage's libinput needs it
#   libpam-systemd     kiosk.service's PAMName=login: the logind session that
#                      gives cage the seat (display, touch screen)
#   adduser            postinst creates the kiosk user
# Recommends: prometheus-node-exporter (metrics), cups-client (print.command
# `lp`, only used when print.printer is set). tests/deploy/minroot.sh proves
# the list on a minimal Debian 12 root.
set -e
B=$1
VERSION=$2
ARCH=$(dpkg --print-architecture)
ROOT=$PWD/$B/deb/root
rm -rf "$B/deb"
mkdir -p "$ROOT/DEBIAN"
make --no-print-directory install DESTDIR="$ROOT" PREFIX=/usr >/dev/null

# Shared-library dependencies, as dpkg-shlibdeps computes them; libcurl4 and
# libsdl2-image-2.0-0 are named in Depends by hand: update/fetch.c and
# gfx/image.c open them with dlopen on first use, which dpkg-shlibdeps
# cannot see.
mkdir -p "$B/deb/shlibs/debian"
printf 'Source: kiosk\n\nPackage: kiosk\nArchitecture: any\n' >"$B/deb/shlibs/debian/control"
shlibs=$(cd "$B/deb/shlibs" && dpkg-shlibdeps -O "$ROOT/usr/bin/kiosk" "$ROOT/usr/bin/kioskctl" 2>/dev/null |
	sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || { echo "make deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

size=$(du -sk "$ROOT" | cut -f1)
cat >"$ROOT/DEBIAN/control" <<CTL
Package: kiosk
Version: $VERSION
Architecture: $ARCH
Maintainer: Service hall IT office <it@localhost>
Installed-Size: $size
Depends: $shlibs, libcurl4, libsdl2-image-2.0-0, adduser, fonts-noto-cjk, fonts-hanazono, cage, xwayland, espeak-ng, unicode-data, udev, libpam-systemd
Recommends: prometheus-node-exporter, cups-client
Section: misc
Priority: optional
Description: touch-screen service-guide kiosk for a government service hall
 A fullscreen SDL2 program that shows the guide of every licensing item of
 a district service hall (the seven disclosures, where to go, hours and
 phone), by department or by search, from a signed SQLite bundle that is
 updated nightly from a USB stick or over the network.
CTL
echo /etc/kiosk/kiosk.conf >"$ROOT/DEBIAN/conffiles"

cat >"$ROOT/DEBIAN/postinst" <<'POST'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
	if ! getent passwd kiosk >/dev/null; then
		adduser --system --group --home /var/lib/kiosk --no-create-home kiosk
	fi
	for g in video input render; do
		getent group $g >/dev/null && adduser kiosk $g >/dev/null 2>&1 || true
	done
	install -d -o kiosk -g kiosk -m 755 /var/lib/kiosk
	if [ -d /var/lib/prometheus/node-exporter ]; then
		chgrp kiosk /var/lib/prometheus/node-exporter && chmod g+w /var/lib/prometheus/node-exporter || true
	fi
	# First install: serve the sample guides until the hall publishes its own.
	if [ ! -e /var/lib/kiosk/current.db ]; then
		runuser -u kiosk -- kioskctl build /usr/share/kiosk/guides -o /var/lib/kiosk/current.db >/dev/null ||
			echo "kiosk: could not build the sample bundle; install one with kioskctl install" >&2
	fi
	if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
fi
exit 0
POST
cat >"$ROOT/DEBIAN/prerm" <<'PRERM'
#!/bin/sh
set -e
if [ -d /run/systemd/system ] && [ "$1" = remove ]; then
	systemctl stop kiosk.service kiosk-sync.timer 2>/dev/null || true
fi
exit 0
PRERM
chmod 755 "$ROOT/DEBIAN/postinst" "$ROOT/DEBIAN/prerm"
out="$B/kiosk_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group --build "$ROOT" "$out" >/dev/null
echo "$out"
