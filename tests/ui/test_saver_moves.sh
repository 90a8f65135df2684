#!/bin/sh
# The screensaver moves (against burn-in): its text is elsewhere 8 s later.
OUT=${OUT:-build/ui-shots}
a=$(awk -F'\t' '$1 == "text" { print $2, $3; exit }' "$OUT/screensaver/saver_a.txt")
b=$(awk -F'\t' '$1 == "text" { print $2, $3; exit }' "$OUT/screensaver/saver_b.txt")
[ -n "$a" ] || { echo "no screensaver dump"; exit 1; }
[ "$a" != "$b" ] || { echo "screensaver text stayed at $a"; exit 1; }
