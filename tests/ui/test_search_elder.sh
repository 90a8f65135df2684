#!/bin/sh
# Search (issue 5): 长辈模式 makes the result text >= 1.5x, the keys stay
# >= 96 px and do not shrink; every key in portrait and landscape is >= 96
# px high and wide (the bottom-row keys are wider).
OUT=${OUT:-build/ui-shots}
normal=$OUT/search_keyboard/results.txt
elder=$OUT/search_elder/results_elder.txt
for f in "$normal" "$elder" "$OUT/search_landscape/results_landscape.txt"; do
	[ -f "$f" ] || { echo "$f missing"; exit 1; }
done
line() { awk -F'\t' -v t="$1" '$1 == "text" && $6 == t { print $5; exit }' "$2"; }
a=$(line "企业设立登记（营业执照）" "$normal")
b=$(line "企业设立登记（营业执照）" "$elder")
[ -n "$a" ] && [ -n "$b" ] || { echo "result line missing"; exit 1; }
awk -v a="$a" -v b="$b" 'BEGIN { exit !(b >= 1.5 * a) }' ||
	{ echo "result line $a px normal, $b px in 长辈模式 (< 1.5x)"; exit 1; }
# A key is the rect right before its one-letter label; check Q..M and digits.
keys() {
	awk -F'\t' '
	$1 == "rect" { rx = $2; ry = $3; rw = $4; rh = $5 }
	$1 == "text" && $6 ~ /^[A-Z0-9]$/ {
		if (rw < 96 || rh < 96) { printf "%s: key %s is %dx%d\n", FILENAME, $6, rw, rh; bad = 1 }
		n++
	}
	END { if (n != 36) { printf "%s: %d keys\n", FILENAME, n; bad = 1 } exit bad }' "$1"
}
keys "$normal" && keys "$elder" && keys "$OUT/search_landscape/results_landscape.txt"
