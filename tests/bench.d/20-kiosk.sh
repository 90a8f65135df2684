# The kiosk: start-up, frame times, tap latency, memory, idle CPU,
# instruction counts. Memory and start-up under SDL's software renderer
# (SDL_VIDEODRIVER=dummy); frame times under dummy and offscreen. Start-up
# and memory on the real guides/ and on the synthetic 10,000-item bundle.
K="$B/kiosk --config /dev/null --bundle $W/guides.db"
K10K="$B/kiosk --config /dev/null --bundle $W/10k.db"

# first_frame NAME BUNDLE: from just before exec to SDL_RenderPresent of
# frame 1, median of 7.
printf 'wait 1\n' >"$W/first.script"
first_frame() {
	runs=""
	for i in 1 2 3 4 5 6 7; do
		t0=$(date +%s%N)
		SDL_VIDEODRIVER=dummy $B/kiosk --config /dev/null --bundle "$2" \
			--script "$W/first.script" --shots "$W" 2>"$W/first.err" >/dev/null
		t1=$(sed -n 's/^kiosk: first frame presented at \([0-9]*\) ns.*/\1/p' "$W/first.err")
		[ -n "$t1" ] && runs="$runs $(( (t1 - t0) / 1000 ))"
	done
	if [ -n "$runs" ]; then
		med=$(echo $runs | tr ' ' '\n' | sort -n | awk '{v[NR] = $1} END {printf "%.1f", v[int((NR + 1) / 2)] / 1000}')
		emit "$1" "$med" ms "cold start to first presented frame, median of 7, dummy driver, $(basename "$2")"
	fi
}
first_frame first_frame_ms "$W/guides.db"
first_frame first_frame_10k_ms "$W/10k.db"

# Frame CPU and tap-to-present through the longest guide page. A p99 from
# one run swings 2-6 ms on a shared VM, so under dummy each figure is the
# median of 3 runs. Under offscreen, SDL's OpenGL renderer on Mesa's
# llvmpipe (the kiosk itself would pick the software renderer on a machine
# with no GPU: display.c).
for drv in dummy offscreen; do
	for mode in "" _large; do
		runs=1; [ $drv = dummy ] && runs=3
		rd=""; [ $drv = offscreen ] && rd=opengl
		: >"$W/fling.all"
		r=0
		while [ $r -lt $runs ]; do
			r=$((r + 1))
			env KIOSK_STATS=1 SDL_VIDEODRIVER=$drv ${rd:+SDL_RENDER_DRIVER=$rd} $K --script "tests/ui/bench/fling_longest$mode.script" \
				--shots "$W" 2>/dev/null >>"$W/fling.all" || continue
		done
		# median per metric over the runs, printed in the kiosk's own format
		: >"$W/fling.out"
		for m in $(sed -n 's/.*"metric": "\([a-z0-9_]*\)".*/\1/p' "$W/fling.all" | sort -u); do
			v=$(sed -n "s/.*\"metric\": \"$m\", \"value\": \([0-9.]*\).*/\1/p" "$W/fling.all" | sort -n |
				awk '{ x[NR] = $1 } END { print x[int((NR + 1) / 2)] }')
			echo "{\"metric\": \"$m\", \"value\": $v}" >>"$W/fling.out"
		done
		[ -s "$W/fling.out" ] || continue
		suffix=""; [ $drv = offscreen ] && suffix=_offscreen
		while read -r m v; do
			case "$mode$m" in
			frame_cpu_p50_ms|frame_cpu_p99_ms|tap_present_p50_ms|tap_present_p99_ms) name=$m ;;
			_largeframe_cpu_p99_ms) name=frame_cpu_large_p99_ms ;;
			_largeframe_cpu_p50_ms) name=frame_cpu_large_p50_ms ;;
			*) continue ;;
			esac
			emit "$name$suffix" "$v" ms "fling through the longest guide, 1080x1920, $drv, median of $runs run(s)"
		done <<EOT
$(sed -n 's/.*"metric": "\([a-z0-9_]*\)", "value": \([0-9.]*\).*/\1 \2/p' "$W/fling.out")
EOT
	done
done

# peak_mem SUFFIX BUNDLE SCRIPT: peak memory over a scripted session
# (sampled every 10 ms); /proc/PID/smaps at the peak kept in
# $W/peakSUFFIX.smaps.
peak_mem() {
	smaps=$W/peak$1.smaps
	rm -f "$smaps"
	SDL_VIDEODRIVER=dummy $B/kiosk --config /dev/null --bundle "$2" --script "$3" \
		--shots "$W" >/dev/null 2>&1 &
	pid=$!
	peak_pss=0; peak_rss=0
	while kill -0 $pid 2>/dev/null; do
		if [ -r /proc/$pid/smaps_rollup ]; then
			set -- $(awk '/^Rss:/ {r = $2} /^Pss:/ {p = $2} END {print r + 0, p + 0}' /proc/$pid/smaps_rollup 2>/dev/null)
			[ "${1:-0}" -gt $peak_rss ] && peak_rss=$1
			if [ "${2:-0}" -gt $peak_pss ]; then
				peak_pss=$2
				cat /proc/$pid/smaps >"$smaps.new" 2>/dev/null && mv "$smaps.new" "$smaps"
			fi
		fi
		sleep 0.01
	done
	wait $pid
	rm -f "$smaps.new"
}
peak_mem "" "$W/guides.db" tests/ui/bench/fling_longest.script
emit peak_rss_kib $peak_rss KiB "scripted fling session, dummy driver"
emit peak_pss_kib $peak_pss KiB "scripted fling session, dummy driver"
mem_kinds peak_pss "$smaps" "part of peak_pss_kib by mapping (smaps at the peak sample)"
peak_mem _10k "$W/10k.db" tests/ui/bench/session_10k.script
emit peak_rss_10k_kib $peak_rss KiB "scripted session on the 10,000-item bundle, dummy driver"
emit peak_pss_10k_kib $peak_pss KiB "scripted session on the 10,000-item bundle, dummy driver"
mem_kinds peak_pss_10k "$smaps" "part of peak_pss_10k_kib by mapping (smaps at the peak sample)"

# Idle CPU: the live kiosk with nothing happening for 10 s, under the
# dummy driver and, where Xvfb is installed, in a real X11 window (SDL's
# dummy driver cannot block for events; X11 and Wayland can).
idle_cpu() {  # NAME DRIVER NOTE
	SDL_VIDEODRIVER=$2 $K >/dev/null 2>&1 &
	pid=$!
	sleep 2
	a=$(awk '{print $14 + $15}' /proc/$pid/stat)
	sleep 10
	b=$(awk '{print $14 + $15}' /proc/$pid/stat)
	kill $pid; wait $pid 2>/dev/null
	hz=$(getconf CLK_TCK)
	emit "$1" "$(awk "BEGIN {printf \"%.2f\", ($b - $a) * 100 / $hz / 10}")" "%" "$3"
}
idle_cpu idle_cpu_pct dummy "10 s untouched, % of one core, dummy driver"
if command -v Xvfb >/dev/null; then
	n=90
	while [ -e /tmp/.X11-unix/X$n ] || [ -e /tmp/.X$n-lock ]; do n=$((n + 1)); done
	Xvfb :$n -screen 0 1080x1920x24 -nolisten tcp >/dev/null 2>&1 &
	xpid=$!
	sleep 1
	(export DISPLAY=:$n; idle_cpu idle_cpu_pct_x11 x11 "10 s untouched, % of one core, X11 window under Xvfb")
	kill $xpid; wait $xpid 2>/dev/null
fi

# Instructions for one scripted session (repeatable on a noisy machine).
if command -v valgrind >/dev/null; then
	SDL_VIDEODRIVER=dummy valgrind --tool=callgrind --callgrind-out-file="$W/callgrind.out" \
		$K --script tests/ui/three_taps.script --shots "$W" >/dev/null 2>"$W/callgrind.err"
	n=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$W/callgrind.err")
	[ -n "$n" ] && emit session_instructions "$n" instructions "callgrind, tests/ui/three_taps.script, dummy driver"
fi
