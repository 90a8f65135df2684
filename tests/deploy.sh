#!/bin/sh
# Deployment checks: make install into a DESTDIR, the .deb, the installed
# kiosk under cage, the systemd watchdog protocol, the Prometheus metrics
# files, and the crash-loop rollback of a new bundle.
# One line per check: "PASS name" or "FAIL name: why".
cd "$(dirname "$0")/.." || exit 1
B=${B:-build}
T=$(mktemp -d /tmp/kiosk-deploy-XXXXXX)
chmod 755 "$T"
kpid=
trap '[ -n "$kpid" ] && kill $kpid 2>/dev/null; rm -rf "$T"' EXIT
ok() { echo "PASS $1"; }
no() { echo "FAIL $1: $2"; }

# --- make install -----------------------------------------------------------
D=$T/dest
if make --no-print-directory B="$B" install DESTDIR="$D" PREFIX=/usr >"$T/install.log" 2>&1; then
	missing=""
	for f in usr/bin/kiosk usr/bin/kioskctl etc/kiosk/kiosk.conf lib/systemd/system/kiosk.service \
	         lib/systemd/system/kiosk-sync.service lib/systemd/system/kiosk-sync.timer \
	         lib/udev/rules.d/90-kiosk-usb.rules usr/lib/kiosk/kiosk-usb-sync \
	         usr/share/man/man1/kiosk.1 usr/share/man/man1/kioskctl.1 \
	         usr/share/kiosk/assets/icons/gaj.svg usr/share/kiosk/guides/gaj/department.txt; do
		[ -e "$D/$f" ] || missing="$missing $f"
	done
	[ -z "$missing" ] && ok "make install puts every file under DESTDIR" || no "make install puts every file under DESTDIR" "missing:$missing"
	if grep -q '^ExecStart=/usr/bin/cage -s -- /usr/bin/kiosk --config /etc/kiosk/kiosk.conf' "$D/lib/systemd/system/kiosk.service" &&
	   grep -q '^ExecStart=/usr/bin/kioskctl' "$D/lib/systemd/system/kiosk-sync.service" &&
	   grep -q '^assets = /usr/share/kiosk/assets' "$D/etc/kiosk/kiosk.conf" &&
	   ! grep -rq /usr/local "$D/lib" "$D/usr/lib"; then ok "installed units and config name the PREFIX paths"
	else no "installed units and config name the PREFIX paths" "see $D"; fi
	if "$D/usr/bin/kioskctl" --config "$D/etc/kiosk/kiosk.conf" help >/dev/null &&
	   "$D/usr/bin/kioskctl" --config "$D/etc/kiosk/kiosk.conf" check "$D/usr/share/kiosk/guides" >/dev/null 2>&1; then
		ok "installed kioskctl reads the installed config and guides"
	else no "installed kioskctl reads the installed config and guides" "failed"; fi
	if [ -n "$(find "$D" -newer "$T/install.log" -prune -o -path "$D/*" -print | grep -v "^$D" | head -1)" ]; then :; fi
else
	no "make install puts every file under DESTDIR" "$(tail -3 "$T/install.log")"
fi

# --- make deb ---------------------------------------------------------------
deb=$(make --no-print-directory -s B="$B" deb DEB_VERSION=1.0.0 2>"$T/deb.err" | tail -1)
if [ -f "$deb" ]; then
	info=$(dpkg-deb -I "$deb")
	deps=$(echo "$info" | sed -n 's/^ Depends: //p')
	case "$deps" in
	*libsdl2-2.0-0*libsqlite3-0*fonts-noto-cjk*cage*) ok "deb declares its library and runtime dependencies" ;;
	*) no "deb declares its library and runtime dependencies" "Depends: $deps" ;;
	esac
	# libcurl is opened at run time (dlopen), so only Depends brings it
	case "$deps" in
	*libcurl4*) ok "deb depends on libcurl4 (loaded on first use)" ;;
	*) no "deb depends on libcurl4 (loaded on first use)" "Depends: $deps" ;;
	esac
	case "$deps" in    # SDL_image too (gfx/image.c)
	*libsdl2-image-2.0-0*) ok "deb depends on libsdl2-image-2.0-0 (loaded on first use)" ;;
	*) no "deb depends on libsdl2-image-2.0-0 (loaded on first use)" "Depends: $deps" ;;
	esac
	dpkg-deb -c "$deb" >"$T/contents"
	dpkg-deb --ctrl-tarfile "$deb" | tar -t >"$T/control"
	dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles >"$T/conffiles"
	if grep -q '\./usr/bin/kiosk$' "$T/contents" && grep -q 'lib/systemd/system/kiosk.service' "$T/contents" &&
	   [ "$(dpkg-deb -f "$deb" Package)" = kiosk ] && grep -q postinst "$T/control" &&
	   grep -q '^/etc/kiosk/kiosk.conf$' "$T/conffiles"; then
		ok "deb holds the programs, units, maintainer scripts and conffile"
	else no "deb holds the programs, units, maintainer scripts and conffile" "dpkg-deb -c/-I disagree"; fi
	if [ "$(id -u)" = 0 ] && [ "${KIOSK_TEST_NO_APT:-0}" = 0 ]; then
		# Really install it (as CI, on a throwaway machine), then remove it.
		if ! dpkg -s kiosk >/dev/null 2>&1; then
			if DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$PWD/$deb" >"$T/apt.log" 2>&1 &&
			   getent passwd kiosk >/dev/null && [ -s /var/lib/kiosk/current.db ] &&
			   /usr/bin/kioskctl --config /etc/kiosk/kiosk.conf status >/dev/null; then
				ok "apt install ./kiosk.deb installs cleanly (user, data dir, first bundle)"
			else no "apt install ./kiosk.deb installs cleanly (user, data dir, first bundle)" "$(tail -3 "$T/apt.log")"; fi
			DEBIAN_FRONTEND=noninteractive apt-get purge -y -q kiosk >>"$T/apt.log" 2>&1
			rm -rf /var/lib/kiosk
			if [ ! -e /usr/bin/kiosk ]; then ok "apt purge kiosk removes it again"; else no "apt purge kiosk removes it again" "/usr/bin/kiosk left"; fi
		else
			echo "note: a kiosk package is installed here; not reinstalling it"
		fi
	fi
else
	no "make deb builds a package" "$(tail -3 "$T/deb.err")"
fi

# --- the installed kiosk under cage -------------------------------------------
if [ -x "$D/usr/bin/kiosk" ]; then
	if why=$(KIOSK="$D/usr/bin/kiosk" ASSETS="$D/usr/share/kiosk/assets" BUNDLE="$B/guides.db" OUT="$T/shots" \
	         sh tests/ui/test_cage_session.sh 2>&1); then
		ok "installed kiosk runs under cage as an unprivileged user and draws its first frame"
	else no "installed kiosk runs under cage as an unprivileged user and draws its first frame" "$(echo "$why" | tail -1)"; fi
fi

# --- watchdog -------------------------------------------------------------------
python3 tests/deploy/watchdog.py "$B/kiosk" "$B/guides.db"

# --- metrics --------------------------------------------------------------------
M=$T/metrics
mkdir -p "$M" "$T/data"
SDL_VIDEODRIVER=dummy "$B/kiosk" --config /dev/null --bundle "$B/guides.db" \
	--set service.metrics_dir="$M" --set data.dir="$T/data" >/dev/null 2>&1 &
kpid=$!
i=0; until [ -s "$M/kiosk.prom" ] || [ $i -gt 100 ]; do i=$((i + 1)); sleep 0.1; done
kill $kpid 2>/dev/null; wait $kpid 2>/dev/null; kpid=
"$B/kioskctl" keygen "$T/k" >/dev/null 2>&1
"$B/kioskctl" build guides -o "$T/b.db" --sign "$T/k.key" >/dev/null 2>&1
"$B/kioskctl" --config /dev/null --set data.dir="$T/data" --set sync.pubkey="$T/k.pub" \
	--set service.metrics_dir="$M" install "$T/b.db" >/dev/null 2>&1
check_prom() {  # file, metrics that must be there
	f=$1; shift
	[ -s "$f" ] || { echo "no $f"; return 1; }
	if command -v promtool >/dev/null; then
		promtool check metrics <"$f" >"$T/promtool.out" 2>&1 || { cat "$T/promtool.out"; return 1; }
	else
		python3 tests/deploy/promparse.py "$f" || return 1
	fi
	for m in "$@"; do grep -q "^$m[ {]" "$f" || { echo "$m missing"; return 1; }; done
}
if why=$(check_prom "$M/kiosk.prom" kiosk_up kiosk_uptime_seconds kiosk_bundle_version kiosk_bundle_age_seconds \
         kiosk_restarts_total kiosk_item_views_total kiosk_slow_frames_total); then
	ok "the kiosk's metrics file is valid Prometheus text ($(command -v promtool >/dev/null && echo promtool || echo parser))"
else no "the kiosk's metrics file is valid Prometheus text" "$why"; fi
if why=$(check_prom "$M/kiosk_sync.prom" kiosk_sync_last_attempt_timestamp_seconds kiosk_sync_last_result \
         kiosk_sync_current_bundle_version) && grep -q '^kiosk_sync_last_result{result="installed"} 1$' "$M/kiosk_sync.prom"; then
	ok "the sync job's metrics file is valid and says what happened"
else no "the sync job's metrics file is valid and says what happened" "$why"; fi
ls -a "$M" | grep -q '\.tmp' && no "metrics leave no temporary files" "$(ls -a "$M")" || ok "metrics leave no temporary files"

# --- crash-loop rollback ------------------------------------------------------------
G=$T/guard
mkdir -p "$G/data"
cp -r guides "$G/src"
"$B/kioskctl" build "$G/src" -o "$G/v1.db" --version 20260101000000 --sign "$T/k.key" >/dev/null 2>&1
"$B/kioskctl" build "$G/src" -o "$G/v2.db" --version 20260102000000 --sign "$T/k.key" >/dev/null 2>&1
ctl() { "$B/kioskctl" --config /dev/null --set data.dir="$G/data" --set sync.pubkey="$T/k.pub" "$@"; }
ctl install "$G/v1.db" >/dev/null 2>&1 && ctl install "$G/v2.db" >/dev/null 2>&1
start_and_crash() {   # start the kiosk on data.dir, wait for its first screen, kill -9 it
	SDL_VIDEODRIVER=dummy "$B/kiosk" --config /dev/null --set data.dir="$G/data" \
		--set sync.pubkey="$T/k.pub" --set service.metrics_dir= >"$G/out" 2>"$G/err" &
	kpid=$!
	i=0; until grep -q '^screen home' "$G/out" || [ $i -gt 900 ]; do i=$((i + 1)); sleep 0.1; done
	[ $i -gt 900 ] && echo "note: the kiosk did not reach home in 90 s" >&2
	kill -9 $kpid 2>/dev/null; wait $kpid 2>/dev/null; kpid=
}
for n in 1 2 3; do start_and_crash; done
if grep -q 'version 20260102000000' "$G/err"; then ok "a new bundle is served until it has crashed the kiosk 3 times"
else no "a new bundle is served until it has crashed the kiosk 3 times" "$(grep 'kiosk: bundle' "$G/err")"; fi
start_and_crash
if grep -q 'rolled back to previous.db' "$G/err" && grep -q 'version 20260101000000' "$G/err" &&
   ctl status | grep -q 'rolled back to previous.db'; then
	ok "the 4th start rolls back to the previous bundle and status.json says why"
else no "the 4th start rolls back to the previous bundle and status.json says why" "$(cat "$G/err"; ctl status)"; fi
for n in 1 2 3 4; do start_and_crash; done
if grep -q 'version 20260101000000' "$G/err" && ! grep -q 'rolled back' "$G/err"; then
	ok "the bundle rolled back to is trusted: more crashes do not swing back"
else no "the bundle rolled back to is trusted: more crashes do not swing back" "$(grep 'kiosk:' "$G/err" | tail -2)"; fi
