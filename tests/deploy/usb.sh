#!/bin/sh
# USB sticks on real block devices: loop devices holding filesystem images,
# handed to dist/kiosk-usb-sync (what kiosk-usb-sync@.service runs) exactly
# as the unit does (kernel name as the only argument), with only its paths
# moved by the environment. And `udevadm test` of dist/udev/90-kiosk-usb.rules
# on loop devices, for which and only for which udev's own blkid sets the
# filesystem properties; ID_BUS=usb is the one property a loop device cannot
# have, so a test-only rule sets it (what is and is not proven: README).
# One line per check: "PASS name", "FAIL name: why" or "SKIP usb: why".
cd "$(dirname "$0")/../.." || exit 1
B=${B:-build}
ok() { echo "PASS usb: $1"; }
no() { echo "FAIL usb: $1: $2"; }
skip() { echo "SKIP usb: $1"; }

[ "$(id -u)" = 0 ] || { skip "needs root (loop devices, mount)"; exit 0; }
{ [ -e /dev/loop-control ] && command -v losetup >/dev/null; } || { skip "no loop devices here (/dev/loop-control)"; exit 0; }
command -v mke2fs >/dev/null || { skip "needs mke2fs (e2fsprogs)"; exit 0; }
# Everything mounted below (by the script or for udevadm) stays in this
# private mount namespace and is gone when it ends, whatever happens.
if [ -z "${KIOSK_USB_NS:-}" ] && unshare --mount --propagation private true 2>/dev/null; then
	KIOSK_USB_NS=1 exec unshare --mount --propagation private sh "$0" "$@"
fi

T=$(mktemp -d /tmp/kiosk-usb-XXXXXX)
chmod 755 "$T"
loops=""
cleanup() {
	for m in $(awk -v t="$T" 'index($2, t) == 1 { print $2 }' /proc/self/mounts | sort -r); do umount "$m" 2>/dev/null; done
	for l in $loops; do losetup -d "$l" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

U=${KIOSK_TEST_USER:-kiosktest}
id "$U" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$U" ||
	{ no "set-up" "cannot create user $U"; exit 0; }
K=$T/kioskctl
cp "$B/kioskctl" "$K" && chmod 755 "$K" || { no "set-up" "no $B/kioskctl"; exit 0; }
"$K" keygen "$T/k" >/dev/null 2>&1 && "$K" keygen "$T/other" >/dev/null 2>&1
for v in 1 2 3; do
	"$K" build guides -o "$T/v$v.db" --version 2026010${v}000000 --sign "$T/k.key" >/dev/null 2>&1 ||
		{ no "set-up" "kioskctl build v$v failed"; exit 0; }
done
mkdir -p "$T/data" "$T/run" "$T/seen"
chown "$U" "$T/data"; chmod 777 "$T/seen"
cat >"$T/kiosk.conf" <<CONF
[data]
dir = $T/data
[sync]
pubkey = $T/k.pub
[service]
metrics_dir =
CONF
chmod 644 "$T/kiosk.conf" "$T"/*.pub "$T"/v*.db "$T"/v*.db.sig
# What kioskctl sees when the script runs it: the mount's options.
cat >"$T/kioskctl-seen" <<WRAP
#!/bin/sh
awk -v t="$T/run/" 'index(\$2, t) == 1' /proc/self/mounts >"$T/seen/mounts"
exec "$K" "\$@"
WRAP
chmod 755 "$T/kioskctl-seen"
ctl() { runuser -u "$U" -- "$K" --config "$T/kiosk.conf" "$@"; }
# The version of current.db from `kioskctl status` (JSON), or nothing.
current() { ctl status 2>/dev/null | python3 -c 'import json,sys
c = json.load(sys.stdin).get("current")
print(c.get("version", "") if isinstance(c, dict) else "")' 2>/dev/null; }
ctl install "$T/v1.db" >/dev/null 2>&1 && ctl install "$T/v2.db" >/dev/null 2>&1
[ "$(current)" = 20260102000000 ] || { no "set-up" "could not install v1, v2: $(ctl status 2>&1 | head -3)"; exit 0; }

# A stick: an ext4 image made from directory $1 (mke2fs -d keeps symlinks
# and pipes, as a stick formatted elsewhere can hold them).
ext4_stick() { mke2fs -q -F -t ext4 -d "$1" "$2" 16M >/dev/null 2>&1; }
attach() {    # image -> loop device (prints /dev/loopN)
	l=$(losetup -f --show "$1") || return 1
	loops="$loops $l"
	[ -b "$l" ] || mknod "$l" b 7 "${l#/dev/loop}"
	echo "$l"
}
# Plug image $1 in: run the script as the unit does; stdout/stderr in
# $T/out, $T/err; exit code in $rc.
plug() {
	rm -f "$T/seen/mounts"
	l=$(attach "$1") || { rc=99; echo "losetup failed" >"$T/err"; return; }
	KIOSKCTL=$T/kioskctl-seen KIOSK_CONF=$T/kiosk.conf KIOSK_USER=$U KIOSK_USB_MNT=$T/run \
		timeout 60 sh dist/kiosk-usb-sync "${l#/dev/}" >"$T/out" 2>"$T/err"
	rc=$?
	losetup -d "$l"
	stick_dev=${l#/dev/}
}
unmounted() { ! grep -q " $T/run" /proc/self/mounts && [ ! -e "$T/run/$stick_dev" ]; }
err1() { tr '\n' ' ' <"$T/err" | cut -c1-300; }

# --- mount works here? -------------------------------------------------------
mkdir -p "$T/s/ok/kiosk"
cp "$T/v3.db" "$T/s/ok/kiosk/bundle.db"; cp "$T/v3.db.sig" "$T/s/ok/kiosk/bundle.db.sig"
ext4_stick "$T/s/ok" "$T/ok.img" || { no "set-up" "mke2fs -d failed"; exit 0; }
l=$(attach "$T/ok.img") && mkdir -p "$T/probe" && mount -o ro "$l" "$T/probe" 2>"$T/err"
mount_rc=$?
umount "$T/probe" 2>/dev/null; losetup -d "$l" 2>/dev/null
if [ "$mount_rc" != 0 ]; then skip "mount of a loop device fails here: $(err1)"; exit 0; fi

# --- a good stick ---------------------------------------------------------------------
sum0=$(md5sum <"$T/ok.img")
plug "$T/ok.img"
if [ $rc = 0 ] && [ "$(current)" = 20260103000000 ] && unmounted; then
	ok "an ext4 stick with a signed kiosk/bundle.db is installed and unmounted"
else no "an ext4 stick with a signed kiosk/bundle.db is installed and unmounted" "rc=$rc current=$(current) $(err1)"; fi
opts=$(awk '{ print $4 }' "$T/seen/mounts" 2>/dev/null)
case ",$opts," in
*,ro,*) miss=""; for o in nosuid nodev noexec nosymfollow; do case ",$opts," in *,$o,*) ;; *) miss="$miss $o" ;; esac; done
	[ -z "$miss" ] && ok "the stick is mounted ro,nosuid,nodev,noexec,nosymfollow while kioskctl reads it" ||
		no "the stick is mounted ro,nosuid,nodev,noexec,nosymfollow while kioskctl reads it" "missing:$miss ($opts)" ;;
*) no "the stick is mounted read-only while kioskctl reads it" "options: ${opts:-none seen}" ;;
esac
[ "$(md5sum <"$T/ok.img")" = "$sum0" ] && ok "the stick's image is byte-identical afterwards" ||
	no "the stick's image is byte-identical afterwards" "it changed"

# --- two sticks at once: they take turns, both install --------------------------------------
mkdir -p "$T/s/v5/kiosk" "$T/s/v6/kiosk"
for v in 5 6; do
	"$K" build guides -o "$T/v$v.db" --version 2026010${v}000000 --sign "$T/k.key" >/dev/null 2>&1
	cp "$T/v$v.db" "$T/s/v$v/kiosk/bundle.db"; cp "$T/v$v.db.sig" "$T/s/v$v/kiosk/bundle.db.sig"
	ext4_stick "$T/s/v$v" "$T/v$v.img"
done
# kioskctl stays busy a second after it ends, and logs when it ran.
cat >"$T/kioskctl-slow" <<WRAP
echo "start \$(date +%s%N)" >>"$T/seen/order"
"$T/kioskctl-seen" "\$@"; r=\$?
sleep 1
echo "end \$(date +%s%N)" >>"$T/seen/order"
exit \$r
WRAP
chmod 755 "$T/kioskctl-slow"; rm -f "$T/seen/order"
l5=$(attach "$T/v5.img"); l6=$(attach "$T/v6.img")
usb_sync_bg() {
	KIOSKCTL=$T/kioskctl-slow KIOSK_CONF=$T/kiosk.conf KIOSK_USER=$U KIOSK_USB_MNT=$T/run \
		timeout 60 sh dist/kiosk-usb-sync "${1#/dev/}" >"$T/out.${1#/dev/}" 2>"$T/err.${1#/dev/}" &
}
# The older stick goes in first and is mid-install (kioskctl running, so it
# holds the turn) when the newer one arrives: the order is then fixed, and
# both must install. Started together, either could go first, and the older
# one going second is rightly refused as a downgrade.
usb_sync_bg "$l5"
for _ in $(seq 100); do grep -q start "$T/seen/order" 2>/dev/null && break; sleep 0.1; done
usb_sync_bg "$l6"
wait %1; rc5=$?; wait %2; rc6=$?
losetup -d "$l5"; losetup -d "$l6"
order=$(cut -d' ' -f1 "$T/seen/order" 2>/dev/null | tr '\n' ' ')
if [ $rc5 = 0 ] && [ $rc6 = 0 ] && [ "$order" = "start end start end " ] &&
   [ "$(current)" = 20260106000000 ] && grep -q "waiting for the stick before it" "$T/err.${l6#/dev/}"; then
	ok "two sticks plugged at once take turns and both install"
else no "two sticks plugged at once take turns and both install" \
	"rc=$rc5,$rc6 order=$order current=$(current) $(cat "$T/err.${l5#/dev/}" "$T/err.${l6#/dev/}" | tr '\n' ' ' | cut -c1-300)"; fi

# --- FAT32, what halls use -------------------------------------------------------------------
if grep -qw vfat /proc/filesystems && command -v mkfs.vfat >/dev/null && command -v mcopy >/dev/null; then
	"$K" build guides -o "$T/v4.db" --version 20260104000000 --sign "$T/k.key" >/dev/null 2>&1
	truncate -s 40M "$T/fat.img" && mkfs.vfat -F 32 "$T/fat.img" >/dev/null &&
		mmd -i "$T/fat.img" ::kiosk && mcopy -i "$T/fat.img" "$T/v4.db" ::kiosk/bundle.db &&
		mcopy -i "$T/fat.img" "$T/v4.db.sig" ::kiosk/bundle.db.sig
	plug "$T/fat.img"
	if [ $rc = 0 ] && [ "$(current)" = 20260104000000 ] && unmounted; then
		ok "a FAT32 stick (mkfs.vfat) with a signed kiosk/bundle.db is installed and unmounted"
	else no "a FAT32 stick (mkfs.vfat) with a signed kiosk/bundle.db is installed and unmounted" "rc=$rc current=$(current) $(err1)"; fi
else
	skip "FAT32 stick: this kernel has no vfat driver (not in /proc/filesystems), so mount cannot read one; the same script ran on the ext4 sticks here"
fi
want=$(current)

# --- sticks that must change nothing ---------------------------------------------------------
# expect_refused NAME IMAGE WORDS: non-zero exit, WORDS in the message,
# current.db unchanged, the stick unmounted.
expect_refused() {
	plug "$2"
	if [ $rc != 0 ] && [ $rc != 124 ] && grep -q "$3" "$T/err" && [ "$(current)" = "$want" ] && unmounted; then
		ok "$1: refused ('$3'), old bundle kept, unmounted"
	else no "$1" "rc=$rc current=$(current) (want $want) $(err1)"; fi
}
mkdir -p "$T/s/badsig/kiosk" "$T/s/trunc/kiosk"
"$K" build guides -o "$T/v9.db" --version 20260109000000 --sign "$T/other.key" >/dev/null 2>&1
cp "$T/v9.db" "$T/s/badsig/kiosk/bundle.db"; cp "$T/v9.db.sig" "$T/s/badsig/kiosk/bundle.db.sig"
ext4_stick "$T/s/badsig" "$T/badsig.img"
expect_refused "a stick whose bundle is signed with another key" "$T/badsig.img" "signature"

# Pulled mid-copy: the file on it ends early (its .sig is of the whole).
"$K" build guides -o "$T/v8.db" --version 20260108000000 --sign "$T/k.key" >/dev/null 2>&1
head -c $(($(stat -c %s "$T/v8.db") / 2)) "$T/v8.db" >"$T/s/trunc/kiosk/bundle.db"
cp "$T/v8.db.sig" "$T/s/trunc/kiosk/bundle.db.sig"
ext4_stick "$T/s/trunc" "$T/trunc.img"
expect_refused "a stick pulled mid-copy (truncated bundle.db)" "$T/trunc.img" "signature"

# Symbolic links: to /etc/shadow, and to a good signed bundle outside the
# stick (which would install if followed), the kiosk/ folder itself.
mkdir -p "$T/s/shadow/kiosk" "$T/s/outside/kiosk" "$T/s/dirlink" "$T/s/fifo/kiosk"
ln -s /etc/shadow "$T/s/shadow/kiosk/bundle.db"
ext4_stick "$T/s/shadow" "$T/shadow.img"
expect_refused "a stick with kiosk/bundle.db -> /etc/shadow" "$T/shadow.img" "symbolic link"
[ -e "$T/seen/mounts" ] && no "kioskctl never runs for a symlinked bundle" "it ran" ||
	ok "kioskctl never runs for a symlinked bundle"
ln -s "$T/v8.db" "$T/s/outside/kiosk/bundle.db"; ln -s "$T/v8.db.sig" "$T/s/outside/kiosk/bundle.db.sig"
ext4_stick "$T/s/outside" "$T/outside.img"
expect_refused "a stick whose bundle.db links to a good bundle off the stick" "$T/outside.img" "symbolic link"
ln -s "$T/s/ok/kiosk" "$T/s/dirlink/kiosk"
ext4_stick "$T/s/dirlink" "$T/dirlink.img"
expect_refused "a stick whose kiosk/ is a symbolic link" "$T/dirlink.img" "symbolic link"
mkfifo "$T/s/fifo/kiosk/bundle.db"
ext4_stick "$T/s/fifo" "$T/fifo.img"
expect_refused "a stick whose bundle.db is a named pipe (would block a reader)" "$T/fifo.img" "not a regular file"

mkdir -p "$T/s/plain/photos"; echo x >"$T/s/plain/photos/a.txt"
ext4_stick "$T/s/plain" "$T/plain.img"
plug "$T/plain.img"
[ $rc = 0 ] && [ "$(current)" = "$want" ] && unmounted && [ ! -e "$T/seen/mounts" ] &&
	ok "a stick without kiosk/ is mounted, left alone and unmounted" ||
	no "a stick without kiosk/ is mounted, left alone and unmounted" "rc=$rc $(err1)"
KIOSK_USB_MNT=$T/run sh dist/kiosk-usb-sync ../sda >/dev/null 2>&1
[ $? = 2 ] && ok "a device argument with a slash is refused" || no "a device argument with a slash is refused" "accepted"

# --- the udev rule -------------------------------------------------------------------------
command -v udevadm >/dev/null || { skip "udev rule: no udevadm (apt-get install udev)"; exit 0; }
# udevadm test reads /etc/udev/rules.d and writes /run/udev and /dev/disk:
# all private tmpfs here, so the machine's udev is not touched.
for d in /etc/udev/rules.d /run/udev /dev/disk; do mkdir -p "$d" && mount -t tmpfs none "$d"; done
cp dist/udev/90-kiosk-usb.rules /etc/udev/rules.d/
blank=$T/blank.img; truncate -s 8M "$blank"
# rule_case NAME IMAGE ACTION ID_BUS(or -) MATCH(1/0)
rule_case() {
	l=$(attach "$2") || { no "udev: $1" "losetup failed"; return; }
	k=${l#/dev/}
	rm -f /etc/udev/rules.d/10-kiosk-test.rules
	[ "$4" != - ] && echo "SUBSYSTEM==\"block\", KERNEL==\"$k\", ENV{ID_BUS}=\"$4\"" >/etc/udev/rules.d/10-kiosk-test.rules
	udevadm test --action="$3" "/sys/class/block/$k" >"$T/udev.out" 2>&1
	losetup -d "$l"
	got=0; grep -q "^SYSTEMD_WANTS=.*kiosk-usb-sync@$k.service" "$T/udev.out" && got=1
	fs=$(sed -n 's/^ID_FS_USAGE=//p' "$T/udev.out")
	if [ $got = "$5" ]; then ok "udev: $1 ($( [ $got = 1 ] && echo starts || echo does not start) kiosk-usb-sync@$k; ID_FS_USAGE=${fs:-none} from blkid)"
	else no "udev: $1" "SYSTEMD_WANTS: $(grep '^SYSTEMD_WANTS' "$T/udev.out" || echo none); ID_FS_USAGE=${fs:-none}"; fi
}
rule_case "a USB stick's filesystem appears" "$T/ok.img" add usb 1
rule_case "the same filesystem on a non-USB (SATA) disk" "$T/ok.img" add ata 0
rule_case "the same filesystem on a disk with no bus (internal, virtual)" "$T/ok.img" add - 0
rule_case "a USB device with no filesystem (blank, or the partition table's disk)" "$blank" add usb 0
rule_case "a USB stick removed" "$T/ok.img" remove usb 0
rule_case "a USB stick's filesystem changes (change event)" "$T/ok.img" change usb 0
