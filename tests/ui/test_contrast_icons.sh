#!/bin/sh
# 高对比度 recolours the department icons: on its dark tiles the icon ink
# is the bright accent (a dark icon on a dark tile cannot be seen), and in
# the normal theme it stays dark on the white tile. The icon's place comes
# from the draw-list dump; its pixels from the screenshot.
KIOSK=${KIOSK:-build/kiosk}; BUNDLE=${BUNDLE:-build/guides.db}; OUT=${OUT:-build/ui-shots}
O=$OUT/test_contrast_icons; rm -rf "$O"; mkdir -p "$O"
printf 'dump normal\nshot normal\ntap "高对比度"\ndump hc\nshot hc\n' >"$O/icons.script"
SDL_VIDEODRIVER=dummy "$KIOSK" --config /dev/null --bundle "$BUNDLE" --script "$O/icons.script" \
	--shots "$O" >/dev/null 2>"$O/stderr" || { echo "kiosk failed: $(tail -1 "$O/stderr")"; exit 1; }
for mode in normal hc; do
	geo=$(awk -F'\t' '$1 == "image" && $6 == "gaj.svg" { printf "%dx%d+%d+%d", $4, $5, $2, $3; exit }' "$O/$mode.txt")
	[ -n "$geo" ] || { echo "no gaj.svg icon in the $mode dump"; exit 1; }
	# The icon's ink: its extreme luminance within the icon box.
	eval "$mode"_max='$(convert "$O/$mode.png" -crop "$geo" -colorspace Gray -format "%[fx:maxima]" info:)'
	eval "$mode"_min='$(convert "$O/$mode.png" -crop "$geo" -colorspace Gray -format "%[fx:minima]" info:)'
done
# Normal: dark ink on a white tile. High contrast: bright ink on a dark tile.
awk -v lo="$normal_min" 'BEGIN { exit !(lo < 0.35) }' || { echo "normal icon ink is not dark (min $normal_min)"; exit 1; }
awk -v hi="$hc_max" -v lo="$hc_min" 'BEGIN { exit !(hi > 0.6 && lo < 0.15) }' ||
	{ echo "高对比度 icon is not bright on a dark tile (max $hc_max, min $hc_min)"; exit 1; }
