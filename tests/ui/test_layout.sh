#!/bin/sh
# Every draw-list dump written by the UI scripts: no text line leaves the
# screen, and no two text lines overlap. Run after the scripts (run.sh).
OUT=${OUT:-build/ui-shots}
n=0
for f in "$OUT"/*/*.txt; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	awk -F'\t' -v file="$f" '
	BEGIN { m = 0; bad = 0 }
	NR == 1 { W = $4; H = $5 }            # the first element is the page
	$1 == "text" {
		if ($2 < 0 || $3 < 0 || $2 + $4 > W || $3 + $5 > H) {
			printf "%s: text off screen: %s\n", file, $0; bad = 1
		}
		for (i = 0; i < m; i++)
			if ($2 < X[i] + WW[i] && X[i] < $2 + $4 && $3 < Y[i] + HH[i] && Y[i] < $3 + $5) {
				printf "%s: text overlaps: \"%s\" and \"%s\"\n", file, T[i], $6; bad = 1
			}
		X[m] = $2; Y[m] = $3; WW[m] = $4; HH[m] = $5; T[m] = $6; m++
	}
	END { exit bad }' "$f" || exit 1
done
[ "$n" -gt 0 ] || { echo "no dumps in $OUT (run the scripts first)"; exit 1; }
