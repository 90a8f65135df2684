#!/bin/sh
# Start-up loads the index in two steps (serve.c): the home screen from the
# departments and the bundle's popular list (meta 'popular'), the items of
# every department behind the first frame. The home screen is the same as
# the one drawn from the whole index (a copy of the bundle without the
# list loads that way, and says so), and a tap on a department straight
# away, before anything has attached the items, shows all of its items.
KIOSK=${KIOSK:-build/kiosk}
OUT=${OUT:-build/ui-shots}
BUNDLE=${BUNDLE:-build/guides.db}
D=$OUT/items_after_front
rm -rf "$D"; mkdir -p "$D/two" "$D/one"
cp "$BUNDLE" "$D/old.db"
sqlite3 "$D/old.db" "DELETE FROM meta WHERE key = 'popular'" || exit 1
n=$(sqlite3 "$BUNDLE" "SELECT count(*) FROM items i JOIN departments d ON d.code = i.dept_code WHERE d.short_name = '公安'")
[ "${n:-0}" -gt 1 ] || { echo "no 公安 items in $BUNDLE"; exit 1; }
cat >"$D/s.script" <<EOS
shot home
dump home
tap "公安"
expect screen department
expect text "本部门办理事项（${n}项）"
shot dept
dump dept
EOS
for v in two one; do
	b=$BUNDLE; [ $v = one ] && b=$D/old.db
	SDL_VIDEODRIVER=dummy "$KIOSK" --config /dev/null --bundle "$b" --script "$D/s.script" \
		--shots "$D/$v" >"$D/$v.out" 2>"$D/$v.err" || { echo "kiosk ($v) failed: $(tail -1 "$D/$v.err")"; exit 1; }
done
grep -q "lists no popular items" "$D/two.err" && { echo "the two-step load read the whole index first"; exit 1; }
grep -q "lists no popular items" "$D/one.err" || { echo "no word that a bundle without a popular list loads whole"; exit 1; }
for f in home.png home.txt dept.png dept.txt; do
	cmp -s "$D/two/$f" "$D/one/$f" || { echo "$f differs between the two-step load and the whole index"; exit 1; }
done
exit 0
