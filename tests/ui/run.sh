#!/bin/sh
# UI tests: run every tests/ui/*.script through build/kiosk on the virtual
# clock (SDL_VIDEODRIVER=dummy, software renderer) against build/guides.db,
# and every tests/ui/test_*.sh. One line per test: `PASS name` or
# `FAIL name: reason`. Exit status 1 if any failed.
#
# A script may ask for extra kiosk options with a comment line
#   # args: --size 1920x1080
# Screenshots and dumps go to build/ui-shots/NAME/; @OUT@ in the args line
# stands for that directory.
cd "$(dirname "$0")/../.." || exit 2
KIOSK=${KIOSK:-build/kiosk}
BUNDLE=${BUNDLE:-build/guides.db}
OUT=${OUT:-build/ui-shots}
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy}
export SDL_AUDIODRIVER=dummy
fails=0
for s in tests/ui/*.script; do
	name=$(basename "$s" .script)
	mkdir -p "$OUT/$name"
	rm -f "$OUT/$name"/usage.db*      # a scripted run's statistics (main.c) start empty
	# @OUT@ in the args is this script's output directory (a scratch data.dir).
	args=$(sed -n 's/^# args: *//p' "$s" | head -1 | sed "s|@OUT@|$OUT/$name|g")
	# shellcheck disable=SC2086
	if timeout 120 "$KIOSK" --config /dev/null --set "hall.notice=办事请携带本人有效身份证件，周六、周日及法定节假日不对外办公。" \
	     --bundle "$BUNDLE" $args \
	     --script "$s" --shots "$OUT/$name" >"$OUT/$name/stdout" 2>"$OUT/$name/stderr"; then
		echo "PASS $name"
	else
		why=$(grep -v '^kiosk: ' "$OUT/$name/stderr" | head -1)
		echo "FAIL $name: ${why:-exit status $?}"
		fails=$((fails + 1))
	fi
done
for t in tests/ui/test_*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	if why=$(KIOSK=$KIOSK BUNDLE=$BUNDLE OUT=$OUT sh "$t" 2>&1); then
		echo "PASS $name"
	else
		echo "FAIL $name: $(echo "$why" | tail -1)"
		fails=$((fails + 1))
	fi
done
[ "$fails" -eq 0 ]
