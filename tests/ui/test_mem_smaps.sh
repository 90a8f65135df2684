#!/bin/sh
# Memory of the running kiosk (dummy driver, 1080x1920), from
# /proc/PID/smaps after the first frame, by kind of mapping
# (tests/bench.d/smaps_kinds.awk, as make bench reports the peak):
# - the kinds add up to the process's PSS, and the window buffer is one
#   1080x1920 frame (the breakdown make bench prints is whole and right);
# - no malloc arena per thread: the start-up threads (fonts, icons)
#   allocate from the one arena, so what they free is reused instead of
#   staying resident in an arena no other thread uses (0.6 MB of the peak).
KIOSK=${KIOSK:-build/kiosk}
BUNDLE=${BUNDLE:-build/guides.db}
OUT=${OUT:-build/ui-shots}
D=$OUT/mem_smaps
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
total=$(awk '/^Pss:/ {t += $2} END {print t + 0}' "$D/smaps")
sum=$(awk '{t += $2} END {print t + 0}' "$D/kinds")
[ "$sum" -eq "$total" ] || { echo "the kinds add up to $sum KiB, smaps to $total (see $D/kinds)"; exit 1; }
for k in binary libs heap; do
	awk -v k=$k '$1 == k && $2 > 0 {f = 1} END {exit !f}' "$D/kinds" || { echo "no $k in $D/kinds"; exit 1; }
done
fb=$(awk '$1 == "window_buffer" {print $2}' "$D/kinds")
# (in huge pages, base/hugealloc: rounded up to less than one more 2 MiB page)
[ "$fb" -ge $((1080 * 1920 * 4 / 1024)) ] && [ "$fb" -lt $((1080 * 1920 * 4 / 1024 + 2048)) ] ||
	{ echo "window buffer $fb KiB, not one 1080x1920 frame (see $D/kinds)"; exit 1; }
arenas=$(awk '$1 == "thread_arenas" {print $2}' "$D/kinds")
[ -n "$arenas" ] || { echo "no breakdown of $D/smaps"; exit 1; }
[ "$arenas" -eq 0 ] || { echo "thread malloc arenas hold $arenas KiB (want 0; see $D/kinds)"; exit 1; }
