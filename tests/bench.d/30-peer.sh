# peer_chromium: the longest guide in headless Chromium (a static HTML page
# of the same text at 1080x1920, Noto Sans CJK SC) against the kiosk
# showing it (opened from the home screen by a script), in turn, in one
# run. Each side: from just before exec to its 1080x1920 PNG screenshot
# written (file mtime), and the peak PSS summed over its process tree
# (every process's /proc/PID/smaps_rollup, sampled every 10 ms). Ratios
# are kiosk / Chromium, the median over PEER_RUNS pairs.
# Sourced by tests/bench.sh ($B, $W, emit).
PEER_RUNS=${PEER_RUNS:-5}
if ! command -v chromium >/dev/null 2>&1; then
	echo "SKIP peer_chromium: chromium not installed"
elif ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP peer_chromium: python3 not installed"
else
	P="$W/peer"
	rm -rf "$P"
	mkdir -p "$P"
	$B/kioskctl export "$W/guides.db" --json >"$P/export.json"
	set -- $(python3 tests/bench.d/peer_page.py "$P/export.json" "$P")
	guide="$2, $3 characters"
	: >"$P/runs"
	r=0
	while [ $r -lt "$PEER_RUNS" ]; do
		r=$((r + 1))
		u=$(mktemp -d)
		c=$(python3 tests/bench.d/peer_run.py "$P/chromium.png" 120 chromium --headless \
			--no-sandbox --disable-gpu --disable-quic --no-first-run \
			--disable-background-networking --disable-component-update --disable-sync \
			--hide-scrollbars --user-data-dir="$u" --screenshot="$P/chromium.png" \
			--window-size=1080,1920 "file://$(pwd)/$P/peer.html")
		rm -rf "$u"
		k=$(PEER_SMAPS="$P/kiosk$r.smaps" SDL_VIDEODRIVER=dummy python3 tests/bench.d/peer_run.py "$P/peer.png" 60 \
			$B/kiosk --config /dev/null --bundle "$W/guides.db" --script "$P/peer.script" --shots "$P")
		echo "$c $k $r" >>"$P/runs"
	done
	# columns: chromium ms pss procs rc, kiosk ms pss procs rc, run; runs where
	# either side wrote no screenshot are left out
	awk '$1 > 0 && $5 > 0 && $2 > 0 && $6 > 0' "$P/runs" >"$P/ok"
	n=$(wc -l <"$P/ok")
	if [ "$n" -eq 0 ]; then
		echo "SKIP peer_chromium: no run produced both screenshots (see $P/runs)"
	else
		med() { sort -n | awk -v f="${1:-%.3f}" '{v[NR] = $1} END {printf f, v[int((NR + 1) / 2)]}'; }
		note="longest guide ($guide), 1080x1920, median of $n pair(s)"
		emit peer_time_ratio "$(awk '{print $5 / $1}' "$P/ok" | med)" x \
			"kiosk / headless Chromium, exec to screenshot written, $note"
		emit peer_pss_ratio "$(awk '{print $6 / $2}' "$P/ok" | med)" x \
			"kiosk / headless Chromium, peak PSS of the process tree, $note"
		emit peer_kiosk_ms "$(awk '{print $5}' "$P/ok" | med %.1f)" ms "kiosk (dummy driver), exec to screenshot of the guide written"
		emit peer_chromium_ms "$(awk '{print $1}' "$P/ok" | med %.1f)" ms "headless Chromium, exec to screenshot written"
		kpss=$(awk '{print $6}' "$P/ok" | med %d)
		emit peer_kiosk_pss_kib "$kpss" KiB "kiosk, peak PSS"
		emit peer_chromium_pss_kib "$(awk '{print $2}' "$P/ok" | med %d)" KiB \
			"headless Chromium, peak PSS summed over up to $(awk '$3 > m {m = $3} END {print m}' "$P/ok") processes"
		# where the kiosk's PSS goes at its peak, in the run of the median
		mr=$(awk -v m="$kpss" '$6 == m {print $9; exit}' "$P/ok")
		mem_kinds peer_kiosk_pss "$P/kiosk$mr.smaps" \
			"part of peer_kiosk_pss_kib by mapping (smaps at the peak sample)"
	fi
fi
