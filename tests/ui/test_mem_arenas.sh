#!/bin/sh
# Memory: the running kiosk (dummy driver) keeps no malloc arena per
# thread. The start-up threads (fonts, icons) allocate from the one arena,
# so what they free is reused instead of staying resident in an arena no
# other thread uses (the icons thread's: 0.6 MB of the peak).
# Read from /proc/PID/smaps after the first frame, by kind of mapping
# (tests/bench.d/smaps_kinds.awk, as make bench reports the peak).
KIOSK=${KIOSK:-build/kiosk}
BUNDLE=${BUNDLE:-build/guides.db}
OUT=${OUT:-build/ui-shots}
D=$OUT/mem_arenas
rm -rf "$D"; mkdir -p "$D"

SDL_VIDEODRIVER=dummy "$KIOSK" --config /dev/null --bundle "$BUNDLE" \
	--windowed --size 1080x1920 --set "data.dir=$D" >"$D/stdout" 2>"$D/stderr" &
kpid=$!
trap 'kill $kpid 2>/dev/null; wait 2>/dev/null' EXIT
i=0
until grep -q 'first frame presented' "$D/stderr"; do
	i=$((i + 1))
	[ $i -gt 200 ] && { echo "no first frame in 20 s"; cat "$D/stderr"; exit 1; }
	kill -0 $kpid 2>/dev/null || { echo "kiosk exited"; cat "$D/stderr"; exit 1; }
	sleep 0.1
done
sleep 0.5                       # the home screen's icons are textures by now
cat /proc/$kpid/smaps >"$D/smaps" || { echo "cannot read smaps"; exit 1; }
awk -f tests/bench.d/smaps_kinds.awk -v exe="$(readlink -f "$KIOSK")" \
	-v fb_kib=$((1080 * 1920 * 4 / 1024)) "$D/smaps" >"$D/kinds"
arenas=$(awk '$1 == "thread_arenas" {print $2}' "$D/kinds")
[ -n "$arenas" ] || { echo "no breakdown of $D/smaps"; exit 1; }
[ "$arenas" -eq 0 ] || { echo "thread malloc arenas hold $arenas KiB (want 0; see $D/kinds)"; exit 1; }
