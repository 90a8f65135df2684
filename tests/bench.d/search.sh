# Search latency per keystroke on the 10,000-item bundle (sourced by
# tests/bench.sh: $B, $W, $OUT are set and $W/10k.db is built).
if [ -x "$B/bench/search_bench" ]; then
	"$B/bench/search_bench" "$W/10k.db" | tee -a "$OUT"
fi
