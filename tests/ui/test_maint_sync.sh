#!/bin/sh
# Issue 7: maintenance sync from a USB-like directory (bundles signed with a
# test key made here), rollback, and live pickup of a bundle that kioskctl
# installs while the kiosk runs tests/ui/maint/sync.script.
set -e
KIOSK=${KIOSK:-build/kiosk}
CTL=$(realpath "$(dirname "$KIOSK")/kioskctl")
DIR=$(realpath -m "${OUT:-build/ui-shots}/maint_sync")
H='$argon2id$v=19$m=65536,t=2,p=1$TFTsnOSWpa8qL3Y7p74XMw$CHIFDsPiTErb5AE98c/h3RjcCW2uAvrQ99N63pKaeCY'   # Argon2id of the test PIN 246810 (kioskctl set-pin)
rm -rf "$DIR"
mkdir -p "$DIR/data" "$DIR/usb/kiosk"
"$CTL" keygen "$DIR/key" --config /dev/null >/dev/null
for m in 1 2 3; do
	"$CTL" build guides --config /dev/null -o "$DIR/v$m.db" --version 20250${m}01000000 --sign "$DIR/key.key" >/dev/null
done
cp "$DIR/v2.db" "$DIR/usb/kiosk/bundle.db"
cp "$DIR/v2.db.sig" "$DIR/usb/kiosk/bundle.db.sig"
set -- --config /dev/null --set "data.dir=$DIR/data" --set "sync.pubkey=$DIR/key.pub"
"$CTL" "$@" install "$DIR/v1.db" >/dev/null
sed -e "s|@DIR@|$DIR|g" -e "s|@CTL@|$CTL|g" tests/ui/maint/sync.script >"$DIR/sync.script"
if ! SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} timeout 120 "$KIOSK" "$@" --set "sync.usb_glob=$DIR/usb/*" \
     --set "maintenance.pin_hash=$H" --script "$DIR/sync.script" --shots "$DIR" >"$DIR/stdout" 2>"$DIR/stderr"; then
	grep -v '^kiosk: ' "$DIR/stderr" | head -3
	exit 1
fi
# The new bundle came in only after the citizen went home, never under the guide.
order=$(grep -E '^(screen (home|item)|bundle)' "$DIR/stdout" | tr '\n' ' ')
case "$order" in
*"screen item "*"screen home bundle 20250301000000"*) ;;
*) echo "live pickup out of order: $order"; exit 1 ;;
esac
grep -Eq '"version":[[:space:]]*20250301000000' "$DIR/data/status.json" || { echo "status.json: kiosk version not recorded"; exit 1; }
for e in pin-ok 'sync-usb installed' 'rollback done' 'bundle-pickup now serving version 20250301000000'; do
	grep -q "$e" "$DIR/data/audit.log" || { echo "audit.log lacks '$e'"; exit 1; }
done
grep -Eq '"error":[[:space:]]*".*current.db.*still serving the previous bundle' "$DIR/data/status.json" ||
	{ echo "status.json: the refused pickup is not recorded"; exit 1; }
grep -q 'sync-usb failed: .*cancelled' "$DIR/data/audit.log" || { echo "audit.log lacks the cancelled sync"; exit 1; }
