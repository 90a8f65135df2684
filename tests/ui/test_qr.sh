#!/bin/sh
# 扫码带走: the QR code on an item screen decodes (zbarimg) to the item's
# URL from item.url_template; without a URL there is no code.
KIOSK=${KIOSK:-build/kiosk}; BUNDLE=${BUNDLE:-build/guides.db}; OUT=${OUT:-build/ui-shots}
O=$OUT/test_qr; mkdir -p "$O"
printf 'tap "公安"\ntap "普通护照签发"\nexpect screen item\nexpect text "扫码带走办事指南"\nshot item_qr\n' >"$O/qr.script"
SDL_VIDEODRIVER=dummy timeout 60 "$KIOSK" --config /dev/null --bundle "$BUNDLE" \
	--set 'item.url_template=https://zwfw.example.gov.cn/item/{code}' \
	--script "$O/qr.script" --shots "$O" >/dev/null 2>"$O/stderr" || { echo "kiosk failed: $(grep -v '^kiosk: ' "$O/stderr" | head -1)"; exit 1; }
got=$(zbarimg -q --raw "$O/item_qr.png" 2>/dev/null)
[ "$got" = "https://zwfw.example.gov.cn/item/410106-GAJ-XK-001" ] || { echo "QR decodes to \"$got\""; exit 1; }
printf 'tap "公安"\ntap "普通护照签发"\nexpect screen item\nexpect no-text "扫码带走办事指南"\n' >"$O/noqr.script"
SDL_VIDEODRIVER=dummy timeout 60 "$KIOSK" --config /dev/null --bundle "$BUNDLE" \
	--script "$O/noqr.script" --shots "$O" >/dev/null 2>"$O/stderr2" || { echo "QR shown for an item without URL"; exit 1; }
