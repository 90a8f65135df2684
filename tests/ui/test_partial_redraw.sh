#!/bin/sh
# Partial redraw (issue #16): the software renderer draws only what changed
# (a scrolled viewport moved by copying, the strip it exposes and changed
# rectangles drawn). The same session, run once so and once with
# KIOSK_FULL_REDRAW=1, must give byte-identical screenshots; and the first
# run must really have drawn scroll and rect frames (KIOSK_STATS=2), so
# that this cannot pass with partial redraw silently off. The session
# scrolls the longest guide by 1 px, 37 px and (viewport height - 1) px
# steps both ways, flings through it, taps the section bar, lets the
# home clock tick, and scrolls a department's list and search results.
KIOSK=${KIOSK:-build/kiosk}
BUNDLE=${BUNDLE:-build/guides.db}
OUT=${OUT:-build/ui-shots}
D=$OUT/partial_redraw
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
rm -rf "$D"
mkdir -p "$D/partial" "$D/full" "$D/probe"
fail() { echo "$*"; exit 1; }
kiosk() {  # SCRIPT SHOTS-DIR (stderr to SHOTS-DIR/stderr)
	"$KIOSK" --config /dev/null --bundle "$BUNDLE" --size 1080x1920 \
		--script "$1" --shots "$2" >"$2/stdout" 2>"$2/stderr" ||
		fail "kiosk failed on $1: $(grep -v '^kiosk: \|^frame \|^tap ' "$2/stderr" | head -1)"
}

# The height of the guide's viewport, from a scroll frame's report.
cat >"$D/probe.script" <<EOF
tap "市场监管"
tap "食品经营许可"
expect screen item
drag 540 1500 540 1400 320
wait 3000
EOF
KIOSK_STATS=2 kiosk "$D/probe.script" "$D/probe"
h=$(sed -n 's/^frame scroll dy -*[0-9]* region -*[0-9]* -*[0-9]* [0-9]* \([0-9]*\) .*/\1/p' "$D/probe/stderr" | head -1)
[ -n "$h" ] || fail "no scroll frame while dragging the guide (KIOSK_STATS=2)"
big=$((h - 1))

# Drags move the content by (distance / (ms / 16)) px a frame once past
# the 24 px slop; what a release leaves of speed flings on.
cat >"$D/session.script" <<EOF
tap "市场监管"
tap "食品经营许可"
expect screen item
shot top
drag 540 1200 540 1140 960
shot down1
drag 540 1140 540 1200 960
shot up1
wait 3000
shot up1_still
drag 540 1500 540 1130 160
shot down37
wait 3000
shot down37_still
drag 540 700 540 1070 160
shot up37
wait 3000
shot up37_still
drag 540 1800 540 $((1800 - big)) 16
shot down_big
wait 3000
shot down_big_still
drag 540 $((1800 - big)) 540 1800 16
shot up_big
wait 3000
shot up_big_still
drag 540 1700 540 900 80
wait 200
shot fling1
wait 2500
drag 540 1700 540 900 80
wait 2500
drag 540 1700 540 900 80
wait 2500
shot fling_bottom
drag 540 700 540 1700 80
wait 300
shot fling_back
wait 2500
tap "办理流程"
shot section_procedure
tap "申请材料"
shot section_materials
tap "首页"
expect screen home
shot home
wait 60000
shot home_clock
tap "市场监管"
expect screen department
drag 540 1700 540 1000 160
shot dept_drag
wait 3000
shot dept_still
drag 540 1000 540 1700 160
wait 3000
shot dept_back
tap "首页"
tap "搜索事项：输入拼音首字母或汉字"
expect screen search
tap "S"
shot search_results
drag 540 1300 540 1100 320
shot search_drag
wait 3000
shot search_still
drag 540 1000 540 1400 160
wait 3000
shot search_back
EOF
KIOSK_STATS=2 kiosk "$D/session.script" "$D/partial"
KIOSK_STATS=2 KIOSK_FULL_REDRAW=1 kiosk "$D/session.script" "$D/full"

n=0
for f in "$D/full"/*.png; do
	name=$(basename "$f")
	[ -f "$D/partial/$name" ] || fail "$name: missing from the partial-redraw run"
	if ! cmp -s "$f" "$D/partial/$name"; then
		ae=$(compare -metric AE "$f" "$D/partial/$name" null: 2>&1)
		fail "$name: partial redraw differs from full redraw ($ae pixels)"
	fi
	n=$((n + 1))
done
[ "$n" -ge 26 ] || fail "only $n screenshots"

count() { grep -c "$1" "$D/$2/stderr"; }
[ "$(count '^frame full' full)" -gt 0 ] && [ "$(count '^frame [^f]' full)" -eq 0 ] ||
	fail "KIOSK_FULL_REDRAW=1 drew partial frames"
for dy in 1 -1 37 -37 $big -$big; do
	grep -q "^frame scroll dy $dy " "$D/partial/stderr" ||
		fail "no scroll frame of dy $dy px"
done
[ "$(count '^frame scroll' partial)" -ge 100 ] || fail "only $(count '^frame scroll' partial) scroll frames"
[ "$(count '^frame rects rects [1-9]' partial)" -ge 3 ] || fail "only $(count '^frame rects rects [1-9]' partial) rect frames"

# Every partial frame, not only those shot (a pressed button is never
# shot): KIOSK_REDRAW_CHECK=1 draws each partial frame whole again and
# counts the frames whose pixels differ; this session and other scripts.
checked=0
for s in "$D/session.script" tests/ui/search_keyboard.script tests/ui/search_landscape.script \
	tests/ui/sections.script tests/ui/long_press.script tests/ui/soft_edge.script tests/ui/elder.script; do
	name=$(basename "$s" .script)
	mkdir -p "$D/check_$name"
	args=$(sed -n 's/^# args: *//p' "$s" | head -1 | sed "s|@OUT@|$D/check_$name|g")
	# shellcheck disable=SC2086
	KIOSK_REDRAW_CHECK=1 "$KIOSK" --config /dev/null --bundle "$BUNDLE" $args \
		--script "$s" --shots "$D/check_$name" >/dev/null 2>"$D/check_$name/stderr" ||
		fail "kiosk failed on $s under KIOSK_REDRAW_CHECK=1"
	line=$(grep '^redraw check: [0-9]* partial frames' "$D/check_$name/stderr")
	[ -n "$line" ] || fail "$name: no redraw check summary"
	bad=$(grep '^redraw check: frame' "$D/check_$name/stderr" | head -1)
	[ -z "$bad" ] || fail "$name: $bad"
	checked=$((checked + $(echo "$line" | sed 's/^redraw check: \([0-9]*\).*/\1/')))
done
[ "$checked" -ge 500 ] || fail "only $checked partial frames checked"

# A bundle picked up live on home may give a department another icon
# under the same image id: that frame is drawn whole, not left with the
# old icon (KIOSK_REDRAW_CHECK would see the old pixels).
CTL=$(realpath "$(dirname "$KIOSK")/kioskctl")
L=$(realpath -m "$D/live")
mkdir -p "$L/data"
cp -r guides "$L/guides"
sed -i 's/^图标：gaj.svg/图标：fgw.svg/' "$L/guides/gaj/department.txt"
"$CTL" keygen "$L/key" --config /dev/null >/dev/null || fail "kioskctl keygen failed"
"$CTL" build guides --config /dev/null -o "$L/v1.db" --version 20250101000000 --sign "$L/key.key" >/dev/null &&
"$CTL" build "$L/guides" --config /dev/null -o "$L/v2.db" --version 20250201000000 --sign "$L/key.key" >/dev/null ||
	fail "kioskctl build failed"
set -- --config /dev/null --set "data.dir=$L/data" --set "sync.pubkey=$L/key.pub"
"$CTL" "$@" install "$L/v1.db" >/dev/null || fail "kioskctl install failed"
cat >"$L/live.script" <<EOF
expect screen home
wait 1000
run "$CTL --config /dev/null --set data.dir=$L/data --set sync.pubkey=$L/key.pub install $L/v2.db >/dev/null"
wait 10000
expect screen home
EOF
KIOSK_REDRAW_CHECK=1 "$KIOSK" "$@" --script "$L/live.script" --shots "$L" >"$L/stdout" 2>"$L/stderr" ||
	fail "kiosk failed on the live pickup: $(grep -v '^kiosk: ' "$L/stderr" | head -1)"
grep -q '^bundle 20250201000000' "$L/stdout" || fail "the new bundle was not picked up: $(cat "$L/stdout")"
bad=$(grep '^redraw check: frame' "$L/stderr" | head -1)
[ -z "$bad" ] || fail "live pickup: $bad"
echo "$n screenshots equal; $(count '^frame scroll' partial) scroll, $(count '^frame rects' partial) rect frames; $checked partial frames equal to whole ones"
