#!/bin/sh
# Issue 7: network sync from maintenance mode against a local HTTP server
# (python3 http.server on 127.0.0.1): the HEAD check, the download with
# progress, the new version; and a URL that does not answer.
set -e
KIOSK=${KIOSK:-build/kiosk}
CTL=$(realpath "$(dirname "$KIOSK")/kioskctl")
DIR=$(realpath -m "${OUT:-build/ui-shots}/maint_net")
H='$argon2id$v=19$m=65536,t=2,p=1$TFTsnOSWpa8qL3Y7p74XMw$CHIFDsPiTErb5AE98c/h3RjcCW2uAvrQ99N63pKaeCY'   # Argon2id of the test PIN 246810 (kioskctl set-pin)
rm -rf "$DIR"
mkdir -p "$DIR/data" "$DIR/www"
"$CTL" keygen "$DIR/key" --config /dev/null >/dev/null
"$CTL" build guides --config /dev/null -o "$DIR/v1.db" --version 20250101000000 --sign "$DIR/key.key" >/dev/null
"$CTL" build guides --config /dev/null -o "$DIR/www/bundle.db" --version 20250201000000 --sign "$DIR/key.key" >/dev/null
set -- --config /dev/null --set "data.dir=$DIR/data" --set "sync.pubkey=$DIR/key.pub" --set "sync.usb_glob="
"$CTL" "$@" install "$DIR/v1.db" >/dev/null
port=$((20000 + $$ % 20000))
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$DIR/www" >"$DIR/http.log" 2>&1 &
srv=$!
trap 'kill $srv 2>/dev/null' EXIT
i=0
until curl -sfI "http://127.0.0.1:$port/bundle.db" >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -lt 50 ] || { echo "http.server did not start"; exit 1; }; sleep 0.1
done
for name in net net_down; do
	url="http://127.0.0.1:$port/bundle.db"
	[ $name = net ] || url="http://127.0.0.1:9/bundle.db"
	if ! SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} timeout 120 "$KIOSK" "$@" --set "sync.url=$url" \
	     --set "sync.connect_timeout_s=2" --set "maintenance.pin_hash=$H" \
	     --script "tests/ui/maint/$name.script" --shots "$DIR" >"$DIR/stdout.$name" 2>"$DIR/stderr.$name"; then
		echo "$name: $(grep -v '^kiosk: ' "$DIR/stderr.$name" | head -1)"
		exit 1
	fi
done
grep -q 'HEAD /bundle.db' "$DIR/http.log" || { echo "no HEAD request seen"; exit 1; }
grep -q 'sync-network installed' "$DIR/data/audit.log" || { echo "audit.log lacks the network sync"; exit 1; }
