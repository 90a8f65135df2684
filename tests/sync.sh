#!/bin/sh
# Nightly update against a real nginx on 127.0.0.1 (started here, stopped by
# the trap): signed bundles over HTTP and HTTPS, conditional GET, resumed
# downloads, server faults, tampered bundles, and a read-only USB directory.
# One line per check: "PASS name" or "FAIL name: why".
cd "$(dirname "$0")/.." || exit 1
K=$PWD/${B:-build}/kioskctl
T=$(mktemp -d /tmp/kiosk-sync-XXXXXX)
NGINX_PID=""
cleanup() {
	[ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null
	chmod -R u+w "$T" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
ok() { echo "PASS $1"; }
no() { echo "FAIL $1: $2"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else no "$name" "$(tail -3 "$T/out" 2>/dev/null | tr '\n' ' ')"; fi; }

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$NGINX" ]; then no "nginx available" "install nginx-light (make deps-test)"; exit 0; fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
P=$(free_port); PS=$(free_port); PDEAD=$(free_port)

# --- keys, bundles, a self-signed certificate for 127.0.0.1 -------------
mkdir -p "$T/www/big" "$T/ng/logs" "$T/data"
$K keygen "$T/k" >/dev/null && $K keygen "$T/other" >/dev/null || { no "keygen" "failed"; exit 0; }
$K build guides -o "$T/www/bundle.db" --version 20250101000000 --sign "$T/k.key" >/dev/null 2>"$T/out" ||
	{ no "build --sign" "$(cat "$T/out")"; exit 0; }
$K gen 1500 -o "$T/g" >/dev/null && $K build "$T/g" -o "$T/www/big/bundle.db" --version 20250303000000 --sign "$T/k.key" >/dev/null ||
	{ no "build big bundle" "failed"; exit 0; }
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
	-keyout "$T/ng/tls.key" -out "$T/ng/tls.crt" >/dev/null 2>&1 || no "openssl certificate" "failed"

cat >"$T/ng/nginx.conf" <<CONF
user root;
worker_processes 1;
daemon off;
pid $T/ng/nginx.pid;
error_log $T/ng/logs/error.log;
events { worker_connections 64; }
http {
	log_format t '\$request_method \$uri \$status \$body_bytes_sent range=\$http_range';
	access_log $T/ng/logs/access.log t;
	client_body_temp_path $T/ng/tmp;
	default_type application/octet-stream;
	server {
		listen 127.0.0.1:$P;
		root $T/www;
		location /big/ { limit_rate 2m; }
	}
	server {
		listen 127.0.0.1:$PS ssl;
		ssl_certificate $T/ng/tls.crt;
		ssl_certificate_key $T/ng/tls.key;
		root $T/www;
	}
}
CONF
"$NGINX" -p "$T/ng" -c "$T/ng/nginx.conf" 2>"$T/ng/start.err" &
NGINX_PID=$!
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	curl -s -o /dev/null "http://127.0.0.1:$P/" && break
	sleep 0.1
done
LOG=$T/ng/logs/access.log
if curl -s -o /dev/null "http://127.0.0.1:$P/"; then ok "nginx serves on 127.0.0.1:$P"
else no "nginx serves on 127.0.0.1:$P" "$(cat "$T/ng/start.err")"; exit 0; fi

# Every kioskctl run: this data dir and key, no waiting between retries.
kc() { $K --set data.dir="$T/data" --set sync.pubkey="$T/k.pub" --set sync.usb_glob="$T/none/*" \
	--set sync.retries=0 --set sync.connect_timeout_s=5 "$@" >"$T/out" 2>&1; }
URL=http://127.0.0.1:$P/bundle.db
version() { $K export "$1" --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["meta"]["bundle_version"])' 2>/dev/null; }
lines() { wc -l <"$LOG"; }

# --- first sync, unchanged, new version ----------------------------------
kc --set sync.url="$URL" sync; rc=$?
if [ $rc -eq 0 ] && cmp -s "$T/data/current.db" "$T/www/bundle.db" && cmp -s "$T/data/current.db.sig" "$T/www/bundle.db.sig" &&
   grep -q "GET /bundle.db 200" "$LOG" && grep -q "GET /bundle.db.sig 200" "$LOG"
then ok "first sync downloads and installs the signed bundle"
else no "first sync downloads and installs the signed bundle" "rc=$rc $(cat "$T/out")"; fi

n0=$(lines); ino0=$(stat -c %i "$T/data/current.db")
kc --set sync.url="$URL" sync; rc=$?
n1=$(lines)
if [ $rc -eq 0 ] && [ $((n1 - n0)) -eq 1 ] && tail -1 "$LOG" | grep -q "GET /bundle.db 304 0" &&
   [ "$(stat -c %i "$T/data/current.db")" = "$ino0" ] && grep -q "not modified" "$T/out"
then ok "second sync is one request answered 304, nothing rewritten"
else no "second sync is one request answered 304, nothing rewritten" "rc=$rc requests=$((n1 - n0)) $(tail -1 "$LOG") $(cat "$T/out")"; fi

cp "$T/www/bundle.db" "$T/v1.db"
$K build guides -o "$T/www/bundle.db" --version 20250202000000 --sign "$T/k.key" >/dev/null
kc --set sync.url="$URL" sync; rc=$?
if [ $rc -eq 0 ] && [ "$(version "$T/data/current.db")" = 20250202000000 ] && cmp -s "$T/data/previous.db" "$T/v1.db"
then ok "a new version is installed, the old one kept as previous.db"
else no "a new version is installed, the old one kept as previous.db" "rc=$rc $(cat "$T/out")"; fi

# --- faults: current.db must stay byte-identical -------------------------
cp "$T/data/current.db" "$T/keep.db"
same() { cmp -s "$T/data/current.db" "$T/keep.db"; }

kc --set sync.url="http://127.0.0.1:$P/missing.db" sync; rc=$?
if [ $rc -eq 1 ] && grep -q "missing.db: HTTP 404 Not Found" "$T/out" && same
then ok "HTTP 404 is a clear error, current.db untouched"
else no "HTTP 404 is a clear error, current.db untouched" "rc=$rc $(cat "$T/out")"; fi

kc --set sync.url="http://127.0.0.1:$PDEAD/bundle.db" sync; rc=$?
if [ $rc -eq 1 ] && grep -q "cannot connect to 127.0.0.1" "$T/out" && same
then ok "connection refused is a clear error, current.db untouched"
else no "connection refused is a clear error, current.db untouched" "rc=$rc $(cat "$T/out")"; fi

kc --set sync.url="http://kiosk-bundles.invalid/bundle.db" sync; rc=$?
if [ $rc -eq 1 ] && grep -q "DNS: cannot resolve host name 'kiosk-bundles.invalid'" "$T/out" && same
then ok "an unknown host is a clear DNS error"
else no "an unknown host is a clear DNS error" "rc=$rc $(cat "$T/out")"; fi

mkdir -p "$T/www/t"
cp "$T/www/bundle.db" "$T/www/t/bundle.db"; cp "$T/www/bundle.db.sig" "$T/www/t/bundle.db.sig"
$K build guides -o "$T/www/t/bundle.db" --version 20250404000000 >/dev/null
python3 - "$T/www/t/bundle.db" <<'PY'
import sys
p = sys.argv[1]; b = bytearray(open(p, "rb").read()); b[20000] ^= 1; open(p, "wb").write(b)
PY
kc --set sync.url="http://127.0.0.1:$P/t/bundle.db" sync; rc=$?
if [ $rc -eq 1 ] && grep -q "bad signature" "$T/out" && grep -q "refused at check 'signature'" "$T/out" && same
then ok "a tampered bundle is refused, current.db untouched"
else no "a tampered bundle is refused, current.db untouched" "rc=$rc $(cat "$T/out")"; fi

rm "$T/www/t/bundle.db.sig"
kc --set sync.url="http://127.0.0.1:$P/t/bundle.db" sync; rc=$?
if [ $rc -eq 1 ] && grep -q "no signature" "$T/out" && same
then ok "a bundle without .sig on the server is refused"
else no "a bundle without .sig on the server is refused" "rc=$rc $(cat "$T/out")"; fi

kc --set sync.url="$URL" --set sync.max_bytes=100000 install "http://127.0.0.1:$P/big/bundle.db"; rc=$?
if [ $rc -eq 1 ] && grep -q "larger than sync.max_bytes=100000" "$T/out" && same && [ ! -e "$T/data/staging/download.part" ]
then ok "an oversized download is refused by size before it completes"
else no "an oversized download is refused by size before it completes" "rc=$rc $(cat "$T/out")"; fi

# --- interrupted download, resumed with Range ----------------------------
BIG=http://127.0.0.1:$P/big/bundle.db
timeout -s KILL 1 $K --set data.dir="$T/data" --set sync.pubkey="$T/k.pub" install "$BIG" >/dev/null 2>&1
part=$(stat -c %s "$T/data/staging/download.part" 2>/dev/null || echo 0)
full=$(stat -c %s "$T/www/big/bundle.db")
if [ "$part" -gt 0 ] && [ "$part" -lt "$full" ] && same
then ok "kill -9 mid-download keeps the partial file ($part of $full bytes), current.db untouched"
else no "kill -9 mid-download keeps the partial file" "part=$part full=$full"; fi
# Meanwhile a second install cannot run while one holds the lock.
$K --set data.dir="$T/data" --set sync.pubkey="$T/k.pub" install "$BIG" >"$T/bg.out" 2>&1 &
bg=$!
sleep 0.3
kc install "$URL"; rc=$?
if [ $rc -eq 1 ] && grep -q "another kioskctl install/sync/rollback is running" "$T/out"
then ok "a second install while one runs is refused: another is running"
else no "a second install says another is running" "rc=$rc $(cat "$T/out")"; fi
wait $bg; rc=$?
if [ $rc -eq 0 ] && grep -q "download resumed" "$T/bg.out" && grep -q "GET /big/bundle.db 206 .* range=bytes=$part-" "$LOG" &&
   cmp -s "$T/data/current.db" "$T/www/big/bundle.db"
then ok "the next run resumes with a Range request (206) and installs the verified whole"
else no "the next run resumes with a Range request (206)" "rc=$rc $(cat "$T/bg.out") $(grep big "$LOG" | tail -3)"; fi

# --- HTTPS: verification on; our CA trusted only when configured ---------
mkdir -p "$T/data2"
kc2() { $K --set data.dir="$T/data2" --set sync.pubkey="$T/k.pub" --set sync.usb_glob="$T/none/*" \
	--set sync.retries=0 "$@" >"$T/out" 2>&1; }
kc2 --set sync.url="https://127.0.0.1:$PS/bundle.db" sync; rc=$?
if [ $rc -eq 1 ] && grep -q "TLS: server certificate not trusted" "$T/out" && [ ! -e "$T/data2/current.db" ]
then ok "https with an untrusted certificate is refused"
else no "https with an untrusted certificate is refused" "rc=$rc $(cat "$T/out")"; fi
kc2 --set sync.url="https://127.0.0.1:$PS/bundle.db" --set sync.ca_file="$T/ng/tls.crt" sync; rc=$?
if [ $rc -eq 0 ] && cmp -s "$T/data2/current.db" "$T/www/bundle.db"
then ok "https with sync.ca_file naming the server's CA installs"
else no "https with sync.ca_file naming the server's CA installs" "rc=$rc $(cat "$T/out")"; fi

# --- a USB stick (read-only directory) ------------------------------------
mkdir -p "$T/media/stick/kiosk" "$T/data3"
$K build guides -o "$T/media/stick/kiosk/bundle.db" --version 20250505000000 --sign "$T/k.key" >/dev/null
chmod -R a-w "$T/media"
sum0=$(cd "$T/media" && ls -laR --time-style=+%s.%N . | md5sum)
$K --set data.dir="$T/data3" --set sync.pubkey="$T/k.pub" --set sync.usb_glob="$T/media/*/kiosk" sync >"$T/out" 2>&1; rc=$?
sum1=$(cd "$T/media" && ls -laR --time-style=+%s.%N . | md5sum)
if [ $rc -eq 0 ] && [ "$(version "$T/data3/current.db")" = 20250505000000 ] && [ "$sum0" = "$sum1" ]
then ok "sync installs from a read-only USB directory and leaves it as it was"
else no "sync installs from a read-only USB directory" "rc=$rc $(cat "$T/out")"; fi

# --- SIGKILL at random moments of 50 installs: current.db always whole ----
mkdir -p "$T/data4"
if python3 - "$K" "$T/data4" "$T/k.pub" "$T/www/bundle.db" "$T/media/stick/kiosk/bundle.db" >"$T/out" 2>&1 <<'PY'
import random, sqlite3, subprocess, sys, time
k, data, pub, a, b = sys.argv[1:]
cmd = lambda src: [k, "--set", "data.dir=" + data, "--set", "sync.pubkey=" + pub, "install", src, "--allow-downgrade"]
subprocess.run(cmd(a), check=True, capture_output=True)
t0 = time.time(); subprocess.run(cmd(b), check=True, capture_output=True); full = time.time() - t0
random.seed(6)
seen = set()
for i in range(50):
    p = subprocess.Popen(cmd(a if i % 2 else b), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(random.uniform(0, full * 1.2))
    p.kill(); p.wait()
    db = sqlite3.connect("file:%s/current.db?mode=ro" % data, uri=True)
    ok = db.execute("PRAGMA integrity_check").fetchone()[0]
    v = db.execute("SELECT value FROM meta WHERE key='bundle_version'").fetchone()[0]
    db.close()
    if ok != "ok" or v not in ("20250202000000", "20250505000000"):
        sys.exit("trial %d: integrity %s, version %s" % (i, ok, v))
    seen.add(v)
print("50 trials, one install takes %.0f ms, versions seen: %s" % (full * 1000, sorted(seen)))
PY
then ok "SIGKILL during 50 installs always leaves a current.db that passes integrity_check ($(cat "$T/out"))"
else no "SIGKILL during 50 installs always leaves a whole current.db" "$(cat "$T/out")"; fi

# --- rollback and status --------------------------------------------------
kc rollback; rc=$?
if [ $rc -eq 0 ] && [ "$(version "$T/data/current.db")" = 20250202000000 ] && cmp -s "$T/data/previous.db" "$T/www/big/bundle.db"
then ok "rollback puts previous.db back and keeps the other as previous"
else no "rollback puts previous.db back" "rc=$rc $(cat "$T/out")"; fi
kc --set sync.url="http://127.0.0.1:$P/t/bundle.db" sync
kc status; rc=$?
if [ $rc -eq 0 ] && python3 - "$T/out" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["current"]["version"] == 20250202000000, s["current"]
assert s["previous"]["version"] == 20250303000000, s["previous"]
a = s["last_attempt"]
assert a["result"] == "refused" and a["source"].endswith("/t/bundle.db") and "no signature" in a["error"], a
assert a["time"].endswith("Z"), a
assert s["held_version"] == 20250303000000, s
PY
then ok "status is JSON with versions and the last attempt's time, source, result and error"
else no "status is JSON with versions and the last attempt" "$(cat "$T/out")"; fi
