#!/bin/sh
# 长辈模式 makes type at least 1.5x: compare the line pitch of the same
# texts in the normal and the 长辈模式 dumps (home.script, elder.script).
OUT=${OUT:-build/ui-shots}
check() {  # text normal-dump elder-dump
	a=$(awk -F'\t' -v t="$1" '$1 == "text" && $6 == t { print $5; exit }' "$2")
	b=$(awk -F'\t' -v t="$1" '$1 == "text" && $6 == t { print $5; exit }' "$3")
	[ -n "$a" ] && [ -n "$b" ] || { echo "\"$1\" missing from $2 or $3"; exit 1; }
	awk -v a="$a" -v b="$b" 'BEGIN { exit !(b >= 1.5 * a) }' ||
		{ echo "\"$1\": line $a px normal, $b px in 长辈模式 (< 1.5x)"; exit 1; }
}
check "搜索事项：输入拼音首字母或汉字" "$OUT/home/home.txt" "$OUT/elder/home_elder.txt"
check "发展改革" "$OUT/home/home.txt" "$OUT/elder/home_elder.txt"
check "首页 › 公安" "$OUT/three_taps/department.txt" "$OUT/elder/department_elder.txt"
check "普通护照签发" "$OUT/three_taps/department.txt" "$OUT/elder/department_elder.txt"
