# Text engine: layout of a 3,000-character page, warm draw of a full
# screen, atlas size (build/bench/bench_text prints its own JSON lines).
if [ -x "$B/bench/bench_text" ]; then
	SDL_VIDEODRIVER=dummy "$B/bench/bench_text" | grep '"metric"' | tee -a "$OUT"
fi
