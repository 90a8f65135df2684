#!/bin/sh
# Search (issue 5): typing 食品经营 lists 食品经营许可 first (exact name
# before text-of-guide matches), read from search_chinese.script's dump:
# the first text line after the "找到N项事项" count.
OUT=${OUT:-build/ui-shots}
f=$OUT/search_chinese/food.txt
[ -f "$f" ] || { echo "$f missing"; exit 1; }
first=$(awk -F'\t' '$1 == "text" && seen { print $6; exit } $1 == "text" && $6 ~ /^找到[0-9]+项事项$/ { seen = 1 }' "$f")
[ "$first" = "食品经营许可" ] || { echo "first result is \"$first\", expected 食品经营许可"; exit 1; }
