#!/bin/sh
# The .deb on a minimal Debian 12: dependencies proven, not remembered.
# As root: build the .deb, unpack a cached clean `mmdebstrap --variant=minbase
# bookworm` root (made from the apt sources this machine already uses; no
# other network), `apt-get install --no-install-recommends ./kiosk.deb` in it,
# then in a chroot run the installed kiosk the way kiosk.service does (cage,
# here with the headless backend) as the `kiosk` user the package created,
# until its first frame; then `kioskctl status`. Anything the package forgot
# to depend on fails a check here, named in the message.
# One line per check: "PASS name", "FAIL name: why" or "SKIP minroot: why".
# The base root is cached as the directory $B/minroot-base-KEY (KEY: suite,
# variant, the apt sources) and downloaded .debs in $B/minroot-apt/; every
# run starts from that clean base (an overlay on it), never from a root a
# previous run installed into.
cd "$(dirname "$0")/../.." || exit 1
B=${B:-build}
SUITE=bookworm
VARIANT=minbase
skip() { echo "SKIP minroot: $1"; exit 0; }
ok() { echo "PASS minroot: $1"; }
no() { echo "FAIL minroot: $1: $2"; }

[ "$(id -u)" = 0 ] || skip "needs root (mmdebstrap, chroot, mounts)"
command -v mmdebstrap >/dev/null || skip "needs mmdebstrap (make deps-test installs it)"
# Mounts made below die with this private mount namespace even if the
# script is killed; the trap unmounts them on any ordinary exit too.
if [ -z "${KIOSK_MINROOT_NS:-}" ] && command -v unshare >/dev/null &&
   unshare --mount --propagation private true 2>/dev/null; then
	KIOSK_MINROOT_NS=1 exec unshare --mount --propagation private sh "$0" "$@"
fi
mkdir -p /tmp/kiosk-minroot-probe && mount -t tmpfs none /tmp/kiosk-minroot-probe 2>/dev/null ||
	{ rmdir /tmp/kiosk-minroot-probe; skip "needs mount (CAP_SYS_ADMIN)"; }
umount /tmp/kiosk-minroot-probe; rmdir /tmp/kiosk-minroot-probe

t0=$(date +%s)
W=$PWD/$B/minroot
R=$W/root
mkdir -p "$W" "$PWD/$B/minroot-apt"
mounts=""
cpid=
bgpid=
cleanup() {
	[ -n "$bgpid" ] && kill "$bgpid" 2>/dev/null
	[ -n "$cpid" ] && kill "$cpid" 2>/dev/null && wait "$cpid" 2>/dev/null
	# kill whatever the test started inside the root (cage, Xwayland, kiosk)
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/root" 2>/dev/null)" = "$R" ] && kill -9 "${p#/proc/}" 2>/dev/null
	done
	for m in $mounts; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null; done
	mounts=""
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
# Long steps run in the background and are waited for, so a signal runs
# the trap at once instead of after them.
run_bg() { "$@" & bgpid=$!; wait $bgpid; r=$?; bgpid=; return $r; }

# --- the apt sources this machine uses (deb822 and one-line files) ----------
srcs=""
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] && grep -q '^[^#[:space:]]' "$f" && srcs="$srcs $f"
done
[ -n "$srcs" ] || skip "no apt sources configured on this machine"

# --- the .deb -------------------------------------------------------------------
deb=$(make --no-print-directory -s B="$B" deb DEB_VERSION=1.0.0 2>"$W/deb.err" | tail -1)
[ -f "$deb" ] || { no "make deb builds a package" "$(tail -3 "$W/deb.err")"; exit 0; }

# --- the cached clean base ----------------------------------------------------------
# A directory, never written after mmdebstrap made it: each run mounts a
# fresh overlay on it (or, without overlayfs, copies it), so every run
# starts from the clean minimal root.
key=$( (echo "$SUITE $VARIANT mmdebstrap-2"; cat $srcs) | sha256sum | cut -c1-12)
base=$PWD/$B/minroot-base-$key
umount -R "$R" 2>/dev/null
if [ ! -d "$base" ]; then
	echo "minroot: bootstrapping $SUITE ($VARIANT) from$srcs into $base (first run only)"
	rm -rf --one-file-system "$B"/minroot-base-*
	# apt lists kept, so a warm run needs no `apt-get update`.
	if ! run_bg mmdebstrap --variant=$VARIANT --skip=cleanup/apt/lists --quiet $SUITE "$base.new" $srcs \
	     >"$W/mmdebstrap.log" 2>&1; then
		rm -rf --one-file-system "$base.new"
		no "a minimal $SUITE root can be bootstrapped" "$(tail -3 "$W/mmdebstrap.log")"; exit 0
	fi
	mv "$base.new" "$base"
fi
rm -rf --one-file-system "$R" "$W/upper" "$W/work"
mkdir -p "$R" "$W/upper" "$W/work"
if mount -t overlay overlay -o "lowerdir=$base,upperdir=$W/upper,workdir=$W/work" "$R" 2>/dev/null; then
	mounts="$R"
else
	cp -a "$base/." "$R/" || { no "the cached base root can be copied" "cp failed"; exit 0; }
fi
cp /etc/resolv.conf "$R/etc/resolv.conf" 2>/dev/null
# Speed only: no documentation unpacked (it is not what is being proven).
printf 'path-exclude=/usr/share/doc/*\npath-exclude=/usr/share/man/*\npath-exclude=/usr/share/locale/*\n' \
	>"$R/etc/dpkg/dpkg.cfg.d/kiosk-test-nodoc"
for m in proc sys dev dev/shm var/cache/apt/archives; do mkdir -p "$R/$m"; done
mount -t proc proc "$R/proc" && mounts="$R/proc $mounts"
mount --bind /sys "$R/sys" && mounts="$R/sys $mounts"
mount --bind /dev "$R/dev" && mounts="$R/dev $mounts"
mount -t tmpfs -o mode=1777 shm "$R/dev/shm" && mounts="$R/dev/shm $mounts"
mount --bind "$PWD/$B/minroot-apt" "$R/var/cache/apt/archives" && mounts="$R/var/cache/apt/archives $mounts"
t_base=$(date +%s)

# --- install ----------------------------------------------------------------------
cp "$deb" "$R/tmp/kiosk.deb"
in_root() { chroot "$R" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
if run_bg in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
     -o Dpkg::Options::=--force-unsafe-io /tmp/kiosk.deb >"$W/apt.log" 2>&1; then
	ok "apt-get install --no-install-recommends ./kiosk.deb on a minimal $SUITE"
else
	no "apt-get install --no-install-recommends ./kiosk.deb on a minimal $SUITE" \
	   "$(grep -E 'Depends:|E: |rror' "$W/apt.log" | head -5 | tr '\n' ' ')"
	exit 0
fi
t_inst=$(date +%s)
grep -q 'could not build the sample bundle' "$W/apt.log" &&
	no "postinst builds the sample bundle" "$(grep -B2 'could not build' "$W/apt.log" | head -3 | tr '\n' ' ')"

# Every shared library the programs link resolves inside the root.
libs=$(in_root ldd /usr/bin/kiosk /usr/bin/kioskctl 2>&1 | sed -n 's/^[[:space:]]*\([^ ]*\) => not found.*/\1/p' | sort -u)
[ -z "$libs" ] && ok "every library kiosk and kioskctl link is installed" ||
	no "every library kiosk and kioskctl link is installed" "missing: $(echo $libs)"

# Every program the installed config and units run is there.
miss=""
for p in $(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$R"/lib/systemd/system/kiosk*.service) \
         $(awk '/^\[speech\]/ { s = 1; next } /^\[/ { s = 0 } s && sub(/^command *= */, "") { print $1; exit }' \
             "$R/etc/kiosk/kiosk.conf") \
         runuser mount umount; do
	in_root sh -c "command -v '$p'" >/dev/null 2>&1 || miss="$miss $p"
done
# kiosk.service's PAMName= opens a logind session only through pam_systemd;
# the USB rule needs udev.
grep -q '^PAMName=' "$R/lib/systemd/system/kiosk.service" &&
	! in_root sh -c 'ls /lib/*/security/pam_systemd.so /usr/lib/*/security/pam_systemd.so' >/dev/null 2>&1 &&
	miss="$miss pam_systemd.so(libpam-systemd)"
[ -e "$R/lib/udev/rules.d/90-kiosk-usb.rules" ] && ! in_root sh -c 'command -v udevadm' >/dev/null 2>&1 &&
	miss="$miss udevadm(udev)"
# A unit whose User=, Group= or SupplementaryGroups= is unknown, or whose
# PAMName= has no /etc/pam.d file, does not start at all (status 216/217).
for u in "$R"/lib/systemd/system/kiosk*.service; do
	for g in $(sed -n 's/^\(Group\|SupplementaryGroups\)=//p' "$u"); do
		in_root getent group "$g" >/dev/null || miss="$miss group:$g(${u##*/})"
	done
	for n in $(sed -n 's/^User=//p' "$u"); do
		in_root getent passwd "$n" >/dev/null || miss="$miss user:$n(${u##*/})"
	done
	for n in $(sed -n 's/^PAMName=//p' "$u"); do
		[ -e "$R/etc/pam.d/$n" ] || miss="$miss /etc/pam.d/$n(${u##*/})"
	done
done
[ -z "$miss" ] && ok "every program, user, group and PAM service the units, the udev rule and the default config need is there" ||
	no "every program, user, group and PAM service the units, the udev rule and the default config need is there" "missing:$miss"

# --- the kiosk under cage, as kiosk.service runs it ------------------------------------
exec_start=$(sed -n 's/^ExecStart=//p' "$R/lib/systemd/system/kiosk.service")
env_lines=$(sed -n 's/^Environment=//p' "$R/lib/systemd/system/kiosk.service" | tr '\n' ' ')
run=/tmp/kiosk-xdg
rm -rf "$R$run"; mkdir -p "$R$run"
in_root chown kiosk:kiosk "$run"; chmod 700 "$R$run"
log=$W/cage
# Gone before the start: the background job truncates them only when it
# gets to run, and a previous run's "first frame presented" must not count.
rm -f "$log.out" "$log.err"
in_root runuser -u kiosk -- env XDG_RUNTIME_DIR=$run $env_lines WLR_BACKENDS=headless \
	WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
	$exec_start --first-frame $run/first.png >"$log.out" 2>"$log.err" &
cpid=$!
i=0; r=1
while [ $i -lt 600 ]; do
	grep -q 'first frame presented' "$log.err" 2>/dev/null && { r=0; break; }
	kill -0 $cpid 2>/dev/null || { wait $cpid; echo "cage exited with status $? before the first frame" >>"$log.err"; cpid=; break; }
	i=$((i + 1)); sleep 0.1
done
t_frame=$(date +%s)
if [ $r = 0 ] && [ -s "$R$run/first.png" ] && grep -q '^screen home' "$log.out"; then
	colours=$(convert "$R$run/first.png" -format %k info: 2>/dev/null || echo 999)
	if [ "$colours" -gt 50 ]; then
		ok "the installed kiosk comes up under cage as user kiosk and draws its first frame (${colours} colours)"
	else no "the installed kiosk comes up under cage as user kiosk and draws its first frame" "blank ($colours colours)"; fi
	cp "$R$run/first.png" "$W/first-frame.png"
else
	why=$(grep -iE 'cannot|failed|error|not found|No such' "$log.err" | grep -v '^\s*$' | head -4 | tr '\n' ' ')
	case "$why" in *"Cannot create XWayland server"*) why="missing: xwayland (Xwayland) — $why" ;; esac
	no "the installed kiosk comes up under cage as user kiosk and draws its first frame" \
	   "${why:-$(tail -3 "$log.err" | tr '\n' ' ')}"
fi
kill $cpid 2>/dev/null; wait $cpid 2>/dev/null; cpid=
# What the kiosk itself said about missing pieces (fonts, speech, icons...).
grep -iE 'kiosk: .*(No such file|not found|missing|cannot open)' "$log.err" | head -3 | sed 's/^/note: /'

# --- kioskctl status as the sync job runs it ---------------------------------------------
if out=$(in_root runuser -u kiosk -- kioskctl --config /etc/kiosk/kiosk.conf status 2>&1) &&
   echo "$out" | grep -qi 'current'; then
	ok "kioskctl status as user kiosk describes the installed bundle"
else no "kioskctl status as user kiosk describes the installed bundle" "$(echo "$out" | tail -2 | tr '\n' ' ')"; fi

cleanup
t_end=$(date +%s)
echo "minroot: $((t_end - t0)) s (base ready $((t_base - t0)) s, install $((t_inst - t_base)) s, first frame $((t_frame - t_inst)) s)"
