#!/bin/sh
# Issue 13: the PIN lockout survives a restart. A real kiosk (scripted,
# SDL dummy) takes five wrong PINs and is locked for 20 s; it is killed
# with SIGKILL mid-lockout and started again: the pad is still locked, the
# countdown has gone on from where it was (not back to 20 s, not gone), a
# second kill and a restart after a real pause still find it locked, and
# it ends when it should: a few seconds later the right PIN opens
# maintenance. Then a corrupt state file: the pad starts locked (fail safe)
# and the kiosk says why.
set -e
KIOSK=${KIOSK:-build/kiosk}
BUNDLE=${BUNDLE:-build/guides.db}
DIR=$(realpath -m "${OUT:-build/ui-shots}/pin_restart")
H='$argon2id$v=19$m=65536,t=2,p=1$TFTsnOSWpa8qL3Y7p74XMw$CHIFDsPiTErb5AE98c/h3RjcCW2uAvrQ99N63pKaeCY'   # Argon2id of the test PIN 246810
rm -rf "$DIR"
mkdir -p "$DIR/data"
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} SDL_AUDIODRIVER=dummy

# The pad opens with a 1 s press (the shortest allowed) so little virtual
# time passes before the countdown is read.
open_pad='press 40 40 1100
tap 1040 1880
expect screen pin'
right_pin='tap "2"
tap "4"
tap "6"
tap "8"
tap "1"
tap "0"
tap "确定"'

run() {   # run NAME: the kiosk on $DIR/NAME.script; its exit status in $rc
	rc=0
	timeout 120 "$KIOSK" --config /dev/null --bundle "$BUNDLE" --set "data.dir=$DIR/data" \
	  --set "maintenance.pin_hash=$H" --set maintenance.lockout_s=20 \
	  --set maintenance.gesture_press_ms=1000 \
	  --script "$DIR/$1.script" --shots "$DIR" >"$DIR/stdout.$1" 2>"$DIR/stderr.$1" || rc=$?
}
why() { grep -v '^kiosk: ' "$DIR/stderr.$1" | head -1; }
shown_s() {   # the countdown in dump $1.txt, in seconds
	sed -n 's/.*请 \([0-9]*\) 分 \([0-9]*\) 秒后再试.*/\1 \2/p' "$DIR/$1.txt" | head -1 |
	  awk '{ print $1 * 60 + $2 }'
}

# 1. Five wrong PINs, then SIGKILL while locked.
{
	echo "$open_pad"
	for i in 1 2 3 4 5; do printf 'tap "1"\ntap "1"\ntap "1"\ntap "1"\ntap "确定"\n'; done
	echo 'expect text "已锁定"'
	echo 'expect text "0 分 20 秒"'
	echo 'run "kill -KILL $PPID"'
	echo 'expect text "never reached"'
} >"$DIR/a.script"
run a
[ "$rc" -eq 137 ] || { echo "run a: expected death by SIGKILL (137), got $rc: $(why a)"; exit 1; }
grep -q '^lock_ms 20000$' "$DIR/data/pin-state" || { echo "pin-state lacks the lock: $(cat "$DIR/data/pin-state")"; exit 1; }
t_lock=$(date +%s)

# 2. Restarted: still locked, even for the right PIN; killed again.
{
	echo "$open_pad"
	echo 'expect text "已锁定"'
	echo "$right_pin"
	echo 'expect screen pin'
	echo 'expect text "已锁定"'
	echo 'dump b'
	echo 'run "kill -KILL $PPID"'
} >"$DIR/b.script"
run b
[ "$rc" -eq 137 ] || { echo "run b: expected death by SIGKILL (137), got $rc: $(why b)"; exit 1; }
s=$(shown_s b)
# 20 s, less the 1 s press and the real time since run a locked it.
[ -n "$s" ] && [ "$s" -ge 10 ] && [ "$s" -le 19 ] || { echo "run b: countdown $s s, want 10..19 after a restart"; exit 1; }
grep -q 'lockout kept from the last run' "$DIR/stderr.b" || { echo "run b: no note of the kept lockout"; exit 1; }

# 3. A real pause, then a restart with about 5 s of the lock left: locked;
# 8 s later (virtual) it has run out and the right PIN opens maintenance.
left=$((t_lock + 20 - $(date +%s)))
[ "$left" -gt 7 ] && sleep $((left - 7))
{
	echo "$open_pad"
	echo 'expect text "已锁定"'
	echo 'dump c'
	echo 'wait 8000'
	echo 'expect no-text "已锁定"'
	echo "$right_pin"
	echo 'expect screen maintenance'
} >"$DIR/c.script"
run c
[ "$rc" -eq 0 ] || { echo "run c: $(why c) (exit $rc)"; exit 1; }
s=$(shown_s c)
[ -n "$s" ] && [ "$s" -ge 1 ] && [ "$s" -le 8 ] || { echo "run c: countdown $s s, want 1..8"; exit 1; }
grep -q '^fails 0$' "$DIR/data/pin-state" && grep -q '^lock_ms 0$' "$DIR/data/pin-state" ||
	{ echo "the right PIN did not reset pin-state"; exit 1; }

# 4. A corrupt state file: locked for the lockout period, and said why.
printf 'kiosk-pin-state 1\nfails 0\nlock' >"$DIR/data/pin-state"
{
	echo "$open_pad"
	echo 'expect text "已锁定"'
	echo 'expect text "0 分 19 秒"'
	echo "$right_pin"
	echo 'expect screen pin'
} >"$DIR/d.script"
run d
[ "$rc" -eq 0 ] || { echo "run d: $(why d) (exit $rc)"; exit 1; }
grep -q 'PIN state: .*pin-state: corrupt' "$DIR/stderr.d" || { echo "run d: no reason logged"; exit 1; }
grep -q 'pin-state .*corrupt' "$DIR/data/audit.log" || { echo "run d: audit.log lacks the reason"; exit 1; }
grep -q '^lock_ms 20000$' "$DIR/data/pin-state" || { echo "run d: the file was not rewritten whole"; exit 1; }
echo "countdown after restarts: $(shown_s b) s (run b), ${s} s (run c)"
