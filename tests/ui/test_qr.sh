#!/bin/sh
# 扫码带走 on a default install (the repo's kiosk.conf: no item.url_template,
# no item URLs), issue 15: on the item screen a fixed 扫码带走 button opens
# the QR code, which zbarimg decodes to exactly the guide text that
# `kioskctl qr-text` computes from the bundle — in portrait, landscape and
# 长辈模式 — with modules of at least 6 px and no text overlapping the code
# or leaving the screen; 返回办事指南 and ‹ 返回 close it. With
# item.url_template set the code is the URL.
KIOSK=${KIOSK:-build/kiosk}; BUNDLE=${BUNDLE:-build/guides.db}; OUT=${OUT:-build/ui-shots}
KIOSKCTL=${KIOSKCTL:-$(dirname "$KIOSK")/kioskctl}
O=$OUT/test_qr; rm -rf "$O"; mkdir -p "$O"
CODE=410106-GAJ-XK-001          # 公安 › 普通护照签发, the item the UI scripts use
"$KIOSKCTL" --config kiosk.conf qr-text "$BUNDLE" "$CODE" >"$O/expected.txt" 2>"$O/kioskctl.err" ||
	{ echo "kioskctl qr-text failed: $(cat "$O/kioskctl.err")"; exit 1; }
head -1 "$O/expected.txt" | grep -q '^事项：普通护照签发$' || { echo "qr-text: $(head -1 "$O/expected.txt")"; exit 1; }
grep -q '^电话：' "$O/expected.txt" && grep -q '^法定时限：' "$O/expected.txt" ||
	{ echo "qr-text lacks 电话/法定时限"; exit 1; }

# run LAYOUT ARGS...: open the item, tap 扫码带走, shoot and dump into $O/LAYOUT.
run() {
	l=$1; shift
	mkdir -p "$O/$l"
	{
		[ "$l" = elder ] && echo 'tap "长辈模式：关"'
		printf 'tap "公安"\ntap "普通护照签发"\nexpect screen item\nexpect text "扫码带走"\n'
		printf 'tap "扫码带走"\nexpect screen item\nexpect text "扫码带走办事指南"\nshot qr\ndump qr\n'
		printf 'tap "返回办事指南"\nexpect text "扫码带走"\nexpect no-text "扫码带走办事指南"\n'
		# ‹ 返回 on the panel goes back to the guide, not to the department
		printf 'tap "扫码带走"\nexpect text "扫码带走办事指南"\ntap "‹ 返回"\nexpect screen item\nexpect no-text "扫码带走办事指南"\n'
	} >"$O/$l.script"
	SDL_VIDEODRIVER=dummy timeout 60 "$KIOSK" --config kiosk.conf --windowed --bundle "$BUNDLE" "$@" \
		--script "$O/$l.script" --shots "$O/$l" >"$O/$l/stdout" 2>"$O/$l/stderr" ||
		{ echo "$l: kiosk failed: $(grep -v '^kiosk: ' "$O/$l/stderr" | head -1)"; return 1; }
}

check() {
	l=$1
	zbarimg -q --raw "$O/$l/qr.png" >"$O/$l/decoded.txt" 2>/dev/null
	cmp -s "$O/$l/decoded.txt" "$O/expected.txt" ||
		{ echo "$l: QR decodes to \"$(head -c 200 "$O/$l/decoded.txt")\""; return 1; }
	line=$(grep '^qr ' "$O/$l/stdout" | tail -1)
	px=$(echo "$line" | sed -n 's/.* module_px \([0-9]*\).*/\1/p')
	[ -n "$px" ] && [ "$px" -ge 6 ] || { echo "$l: modules too small: $line"; return 1; }
	echo "$l: $line" >>"$O/measured.txt"
	# the code is on screen, and no text line overlaps it
	awk -F'\t' -v l="$l" '
	NR == 1 { W = $4; H = $5 }
	$1 == "image" && $6 == "qr" { qx = $2; qy = $3; qw = $4; qh = $5; seen = 1 }
	$1 == "text" { n++; X[n] = $2; Y[n] = $3; WW[n] = $4; HH[n] = $5; T[n] = $6 }
	END {
		if (!seen) { print l ": no qr image in the dump"; exit 1 }
		if (qx < 0 || qy < 0 || qx + qw > W || qy + qh > H) { print l ": qr off screen"; exit 1 }
		for (i = 1; i <= n; i++)
			if (X[i] < qx + qw && qx < X[i] + WW[i] && Y[i] < qy + qh && qy < Y[i] + HH[i]) {
				print l ": text over the qr: " T[i]; exit 1
			}
	}' "$O/$l/qr.txt" || return 1
}

: >"$O/measured.txt"
run portrait --size 1080x1920 && check portrait || exit 1
run landscape --size 1920x1080 && check landscape || exit 1
run elder --size 1080x1920 && check elder || exit 1
OUT=$O sh tests/ui/test_layout.sh || exit 1

# With a URL the code carries the URL.
run url --size 1080x1920 --set 'item.url_template=https://zwfw.example.gov.cn/item/{code}' || exit 1
got=$(zbarimg -q --raw "$O/url/qr.png" 2>/dev/null)
[ "$got" = "https://zwfw.example.gov.cn/item/$CODE" ] || { echo "url: QR decodes to \"$got\""; exit 1; }
