#!/bin/sh
# make bench: measure, print one JSON object per line, write build/bench.json.
# Benchmarks, not timed tests: nothing here fails on a slow machine.
cd "$(dirname "$0")/.." || exit 1
B=${B:-build}
OUT=$B/bench.json
W=$B/bench-work
mkdir -p "$W"
: >"$OUT"

emit() {  # metric value unit [note]
	line=$(printf '{"metric": "%s", "value": %s, "unit": "%s"%s}' "$1" "$2" "$3" \
		"${4:+, \"note\": \"$4\"}")
	echo "$line"
	echo "$line" >>"$OUT"
}

# mem_kinds PREFIX SMAPS NOTE: where a process's PSS goes, by kind of
# mapping (tests/bench.d/smaps_kinds.awk), from a copy of its
# /proc/PID/smaps: one PREFIX_KIND_kib line per kind.
mem_kinds() {
	[ -s "$2" ] || return 0
	awk -f tests/bench.d/smaps_kinds.awk -v exe="$(readlink -f "$B/kiosk")" \
		-v fb_kib=$((1080 * 1920 * 4 / 1024)) "$2" |
	while read -r kind kib; do
		emit "$1_$kind"_kib "$kib" KiB "$3"
	done
}

# The machine the numbers come from.
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
machine=$(printf '{"machine": {"cpu": "%s", "cores": %s, "memory": "%s", "kernel": "%s", "date": "%s"}}' \
	"$cpu" "$(nproc)" "$mem" "$(uname -r)" "$(date -u +%Y-%m-%dT%H:%M:%SZ)")
echo "$machine"
echo "$machine" >>"$OUT"

now_ms() { date +%s%3N; }

# --- data: a synthetic 10,000-item guide --------------------------------
# (made again by a newer kioskctl: what `gen` writes follows what `check` accepts)
if [ ! -f "$W/g10k/fgw/department.txt" ] || [ "$B/kioskctl" -nt "$W/g10k/fgw/department.txt" ]; then
	rm -rf "$W/g10k"
	$B/kioskctl gen 10000 -o "$W/g10k" >/dev/null
fi
t0=$(now_ms)
$B/kioskctl build "$W/g10k" -o "$W/10k.db" >/dev/null || exit 1
t1=$(now_ms)
emit build_10k_s "$(awk "BEGIN {printf \"%.3f\", ($t1 - $t0) / 1000}")" s "kioskctl build of 10,000 synthetic items"
$B/kioskctl build guides -o "$W/guides.db" >/dev/null || exit 1

# --- further sections: each runs when its program exists ----------------
for part in tests/bench.d/*.sh; do
	[ -f "$part" ] || continue
	. "$part"
done
