#!/bin/sh
# 语音播报: 朗读本节 starts one child per sentence with the section's
# text (captured by a stand-in for espeak-ng that then "plays" for 30 s);
# that text through espeak-ng's Mandarin voice is non-silent audio (sox);
# a second tap kills the child, and so does leaving the screen.
KIOSK=${KIOSK:-build/kiosk}; BUNDLE=${BUNDLE:-build/guides.db}; OUT=${OUT:-build/ui-shots}
O=$(cd "$(dirname "$OUT/x")" && pwd)/$(basename "$OUT")/test_speech; rm -rf "$O"; mkdir -p "$O"
printf '#!/bin/sh\necho "$$|$*" >>"%s/said"\nexec sleep 30\n' "$O" >"$O/speak.sh"; chmod +x "$O/speak.sh"
cat >"$O/s.script" <<'S'
tap "公安"
tap "普通护照签发"
tap "申请材料"
wait 1500
tap "▶ 朗读本节"
expect text "■ 停止朗读"
expect text "正在朗读：申请材料"
shot speaking
tap "■ 停止朗读"
expect text "▶ 朗读本节"
tap "▶ 朗读本节"
tap "‹ 返回"
expect screen department
S
SDL_VIDEODRIVER=dummy timeout 60 "$KIOSK" --config /dev/null --bundle "$BUNDLE" --set "speech.command=$O/speak.sh" \
	--set speech.volume=150 --script "$O/s.script" --shots "$O" >"$O/stdout" 2>"$O/stderr" ||
	{ echo "kiosk failed: $(grep -v '^kiosk: ' "$O/stderr" | head -1)"; exit 1; }
grep -q 'speech stop pid .* (tap)' "$O/stdout" || { echo "second tap did not stop the speech"; exit 1; }
grep -q 'speech stop pid .* (leave)' "$O/stdout" || { echo "leaving did not stop the speech"; exit 1; }
for p in $(cut -d'|' -f1 "$O/said"); do kill -0 "$p" 2>/dev/null && { echo "speech child $p still running"; exit 1; }; done
line=$(head -1 "$O/said" | cut -d'|' -f2-)
case "$line" in "-a 150 四、申请材料") ;; *) echo "first sentence was \"$line\""; exit 1;; esac
espeak-ng -v cmn -a 150 -w "$O/s.wav" "四、申请材料" || { echo "espeak-ng failed"; exit 1; }
rms=$(sox "$O/s.wav" -n stat 2>&1 | awk '/RMS +amplitude/ { print $3; exit }')
awk -v r="$rms" 'BEGIN { exit !(r > 0.001) }' || { echo "silent audio (RMS $rms)"; exit 1; }
# Without the speech program the button is not offered (a tap would do
# nothing), and stderr says why.
cat >"$O/n.script" <<'S'
tap "公安"
tap "普通护照签发"
expect screen item
expect no-text "▶ 朗读本节"
S
SDL_VIDEODRIVER=dummy timeout 60 "$KIOSK" --config /dev/null --bundle "$BUNDLE" --set "speech.command=no-such-speaker -v cmn" \
	--script "$O/n.script" --shots "$O" >"$O/n.stdout" 2>"$O/n.stderr" ||
	{ echo "without a speech program: $(grep -v '^kiosk: ' "$O/n.stderr" | head -1)"; exit 1; }
grep -q 'speech.command: no-such-speaker: not found on PATH; the 朗读本节 button is hidden' "$O/n.stderr" ||
	{ echo "no reason on stderr for the hidden button"; exit 1; }
exit 0
