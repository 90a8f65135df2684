#!/bin/sh
# kioskctl acceptance checks on the real guides/ and on broken copies of it.
# One line per check: "PASS name" or "FAIL name: why".
cd "$(dirname "$0")/.." || exit 1
K=${B:-build}/kioskctl
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "PASS $1"; }
no() { echo "FAIL $1: $2"; }

if $K check guides >"$T/out" 2>&1; then ok "check guides exits 0"; else no "check guides exits 0" "$(tail -5 "$T/out")"; fi

if $K build guides -o "$T/a.db" >/dev/null 2>&1 && $K build guides -o "$T/b.db" >/dev/null 2>&1 &&
   cmp -s "$T/a.db" "$T/b.db"; then ok "build twice gives identical files"; else no "build twice gives identical files" "differ or failed"; fi

if $K export "$T/a.db" --json >"$T/a.json" 2>"$T/err"; then
	python3 - "$T/a.json" <<'PY' && ok "export has >=16 departments, >=80 items, seven disclosures each" || no "export contents" "see above"
import json, sys
d = json.load(open(sys.argv[1]))
deps = d["departments"]
items = [i for dp in deps for i in dp["items"]]
bad = []
for i in items:
    for k in ("name", "basis", "conditions", "fees"):
        if not i[k].strip(): bad.append((i["code"], k))
    if not i["materials"]: bad.append((i["code"], "materials"))
    if not i["procedure"]: bad.append((i["code"], "procedure"))
    if not i["time_limit"]["text"]: bad.append((i["code"], "time_limit"))
    for m in i["materials"]:
        assert set(("name", "form", "copies")) <= set(m), m
print(len(deps), "departments,", len(items), "items; empty:", bad[:5])
sys.exit(0 if len(deps) >= 16 and len(items) >= 80 and not bad else 1)
PY
else no "export --json" "$(cat "$T/err")"; fi

# A disclosure removed: check names the file and line, build refuses.
cp -r guides "$T/g1"
f=$(ls "$T"/g1/*/*.txt | grep -v department.txt | head -1)
python3 - "$f" <<'PY'
import sys, re
p = sys.argv[1]; s = open(p, encoding="utf-8").read()
s = re.sub(r"【申请条件】.*?(?=【)", "", s, flags=re.S)
open(p, "w", encoding="utf-8").write(s)
PY
$K check "$T/g1" >"$T/out" 2>&1; rc=$?
if [ $rc -eq 1 ] && grep -q "^$f:1: missing section 【申请条件】" "$T/out"; then ok "check reports a removed disclosure at path:line"
else no "check reports a removed disclosure at path:line" "rc=$rc $(head -3 "$T/out")"; fi
if ! $K build "$T/g1" -o "$T/g1.db" >/dev/null 2>&1 && [ ! -e "$T/g1.db" ]; then ok "build refuses sources with a removed disclosure"
else no "build refuses sources with a removed disclosure" "it built"; fi

# Invalid UTF-8 inserted on line 3.
cp -r guides "$T/g2"
f=$(ls "$T"/g2/*/*.txt | grep -v department.txt | tail -1)
awk 'NR==3 { printf "%s\377\376\n", $0; next } { print }' "$f" >"$T/x" && mv "$T/x" "$f"
$K check "$T/g2" >"$T/out" 2>&1; rc=$?
if [ $rc -eq 1 ] && grep -q "^$f:3: invalid UTF-8" "$T/out"; then ok "check reports invalid UTF-8 at path:line"
else no "check reports invalid UTF-8 at path:line" "rc=$rc $(head -3 "$T/out")"; fi
echo old >"$T/keep.db"
if ! $K build "$T/g2" -o "$T/keep.db" >/dev/null 2>&1 && [ "$(cat "$T/keep.db")" = old ]; then ok "failed build leaves the existing output untouched"
else no "failed build leaves the existing output untouched" "changed"; fi

# Every byte of a guide file truncated: check never crashes (exit 0 or 1 only).
cp -r guides "$T/g3"
f=$(ls "$T"/g3/*/*.txt | grep -v department.txt | head -1)
crash=0
size=$(wc -c <"$f")
for n in 0 1 7 50 200 333 $((size / 2)) $((size - 1)); do
	head -c "$n" "$T/g1.src" 2>/dev/null >/dev/null
	head -c "$n" "guides/$(echo "$f" | sed "s|$T/g3/||")" >"$f"
	$K check "$T/g3" >/dev/null 2>&1; rc=$?
	[ $rc -le 1 ] || crash=$rc
done
if [ $crash -eq 0 ]; then ok "check survives truncated files"; else no "check survives truncated files" "exit $crash"; fi

# The generator writes sources that pass check and build.
if $K gen 200 -o "$T/gen" >/dev/null && $K check "$T/gen" >/dev/null 2>&1 && $K build "$T/gen" -o "$T/gen.db" >/dev/null 2>&1 &&
   [ "$($K export "$T/gen.db" --json | python3 -c 'import json,sys; print(sum(i["code"].startswith("410106-GEN") for d in json.load(sys.stdin)["departments"] for i in d["items"]))')" = 200 ]; then ok "gen 200 builds a 200-item bundle"
else no "gen 200 builds a 200-item bundle" "failed"; fi

# Issue 15: warnings (citations without a version year) do not fail check or
# build; an error in laws.txt fails both; build ignores a valid laws.txt.
cp -r tests/data/guides/ok "$T/w"
$K check "$T/w" >"$T/out" 2>&1; rc=$?
if [ $rc -eq 0 ] && grep -q "^$T/w/a/one.txt:15: warning: 《某某条例》 cited without a version year" "$T/out" &&
   grep -q "^$T/w: 2 departments, 3 items, 5 files; 0 errors, 3 warnings$" "$T/out"
then ok "check exits 0 on warnings and counts errors and warnings"; else no "check exits 0 on warnings and counts errors and warnings" "rc=$rc $(cat "$T/out")"; fi
if $K build "$T/w" -o "$T/w0.db" --version 20250101000000 >/dev/null 2>"$T/out" &&
   grep -q "^kioskctl build: 3 warnings in $T/w" "$T/out"
then ok "build succeeds on warnings and says how many"; else no "build succeeds on warnings and says how many" "$(cat "$T/out")"; fi
printf '某某条例 | 2023-12-29 | 2023年修订\n某某法 | 2019-04-23 | 2019年修正\n乙法 | 2020-01-01 | 2020年公布\n' >"$T/w/laws.txt"
if $K build "$T/w" -o "$T/w1.db" --version 20250101000000 >/dev/null 2>&1 && cmp -s "$T/w0.db" "$T/w1.db"
then ok "build ignores laws.txt (same bundle with and without it)"; else no "build ignores laws.txt (same bundle with and without it)" "differ or failed"; fi
printf '某某条例 | 2023-02-30 | 2023年修订\n' >"$T/w/laws.txt"
$K check "$T/w" >"$T/out" 2>&1; rc=$?
if [ $rc -eq 1 ] && grep -q "^$T/w/laws.txt:1: '某某条例': date '2023-02-30' is not a date YYYY-MM-DD" "$T/out" &&
   ! $K build "$T/w" -o "$T/w2.db" >/dev/null 2>&1 && [ ! -e "$T/w2.db" ]
then ok "a malformed laws.txt line fails check and build"; else no "a malformed laws.txt line fails check and build" "rc=$rc $(cat "$T/out")"; fi
printf '某某条例 | 2023-12-29 | 2023年修订\n' >"$T/w/laws.txt"
sed -i 's/《某某条例》第十条/《某某条例》（2018年修订）第十条/' "$T/w/a/one.txt"
$K check "$T/w" >"$T/out" 2>&1; rc=$?
if [ $rc -eq 1 ] && grep -q "^$T/w/a/one.txt:15: 《某某条例》（2018年修订） is not the current text: laws.txt lists 2023-12-29 (2023年修订)$" "$T/out" &&
   ! $K build "$T/w" -o "$T/w2.db" >/dev/null 2>&1 && [ ! -e "$T/w2.db" ]
then ok "a citation of an old text fails check and build"; else no "a citation of an old text fails check and build" "rc=$rc $(cat "$T/out")"; fi

# Search (issue 5): no bundle without pinyin; pinyin columns of the real guides.
rm -f "$T/np.db"
$K build guides -o "$T/np.db" --unihan "$T/no/Unihan_Readings.txt.bz2" >"$T/out" 2>&1; rc=$?
if [ $rc -eq 1 ] && [ ! -e "$T/np.db" ] && grep -q "$T/no/Unihan_Readings.txt.bz2" "$T/out" && grep -q "unicode-data" "$T/out"
then ok "build without Unihan readings fails naming the file"; else no "build without Unihan readings fails naming the file" "rc=$rc $(cat "$T/out")"; fi
if [ "$(sqlite3 "$T/a.db" "SELECT pinyin || '/' || initials FROM items WHERE code='410106-SCJG-XK-001'")" = "shi|si|yi pin jing ying xu ke/sy p j y x k" ] &&
   [ "$(sqlite3 "$T/a.db" "SELECT count(*) FROM items WHERE pinyin = '' OR initials = ''")" = 0 ]
then ok "build stores the pinyin of every item name"; else no "build stores the pinyin of every item name" "$(sqlite3 "$T/a.db" "SELECT pinyin FROM items LIMIT 1")"; fi

# kioskctl usage reads data.dir/usage.db.
mkdir -p "$T/ud"
sqlite3 "$T/ud/usage.db" "CREATE TABLE no_result(t INTEGER NOT NULL, query TEXT NOT NULL);
 CREATE TABLE views(t INTEGER NOT NULL, item_code TEXT NOT NULL); PRAGMA user_version=1;
 INSERT INTO no_result VALUES(strftime('%s','now'), '健康证'), (strftime('%s','now'), '健康证');
 INSERT INTO views VALUES(strftime('%s','now'), '410106-SCJG-XK-001'), (strftime('%s','now') - 90*86400, 'OLD');"
cp "$T/a.db" "$T/ud/current.db"
$K usage --since 30 --set data.dir="$T/ud" >"$T/out" 2>&1; rc=$?
if [ $rc -eq 0 ] && grep -q "1 item view, 2 searches without result" "$T/out" && grep -q "2  健康证" "$T/out" &&
   grep -q "410106-SCJG-XK-001  食品经营许可" "$T/out" && ! grep -q OLD "$T/out"
then ok "usage reports views and searches without result since N days"; else no "usage reports views and searches without result since N days" "rc=$rc $(cat "$T/out")"; fi

# kioskctl set-pin (issue 7): the PIN from stdin becomes an Argon2id hash in
# the --config file; other lines, comments and the mode stay; bad PINs change nothing.
printf '# kiosk\n[hall]\nname = 测试大厅  # inline\n\n[maintenance]\n# PIN below\npin_hash = old\n[idle]\nreset_s = 60\n' >"$T/pin.conf"
chmod 640 "$T/pin.conf"
cp "$T/pin.conf" "$T/pin.orig"
echo 246810 | $K set-pin --config "$T/pin.conf" --set data.dir="$T" >"$T/out" 2>&1; rc=$?
h=$(sed -n 's/^pin_hash = //p' "$T/pin.conf")
if [ $rc -eq 0 ] && case "$h" in '$argon2id$'*) true;; *) false;; esac && ! grep -q 246810 "$T/pin.conf" &&
   [ "$(grep -v '^pin_hash' "$T/pin.conf")" = "$(grep -v '^pin_hash' "$T/pin.orig")" ] &&
   [ "$(stat -c %a "$T/pin.conf")" = 640 ] && grep -q ' pin-set ' "$T/audit.log" && ! grep -q 246810 "$T/audit.log"
then ok "set-pin writes an Argon2id hash, keeps the rest of the file"; else no "set-pin writes an Argon2id hash, keeps the rest of the file" "rc=$rc $(cat "$T/out") $(cat "$T/pin.conf")"; fi
# A saved lockout counted tries against the old PIN: a new PIN clears it.
printf 'kiosk-pin-state 1\nfails 0\nlockouts 3\n' >"$T/pin-state"
echo 246810 | $K set-pin --config "$T/pin.conf" --set data.dir="$T" >"$T/out" 2>&1; rc=$?
if [ $rc -eq 0 ] && [ ! -e "$T/pin-state" ] && grep -q 'pin-state cleared' "$T/audit.log"
then ok "set-pin clears a saved lockout"; else no "set-pin clears a saved lockout" "rc=$rc $(cat "$T/out")"; fi
cp "$T/pin.conf" "$T/pin.before"
printf 'kiosk-pin-state 1\nfails 0\nlockouts 3\n' >"$T/pin-state"
echo 12a4 | $K set-pin --config "$T/pin.conf" >"$T/out" 2>&1; rc=$?
if [ $rc -ne 0 ] && cmp -s "$T/pin.conf" "$T/pin.before" && grep -q "4 to 12 digits" "$T/out" && [ -e "$T/pin-state" ]
then ok "set-pin refuses a PIN that is not 4-12 digits"; else no "set-pin refuses a PIN that is not 4-12 digits" "rc=$rc"; fi
printf '[hall]\nname = x' >"$T/pin2.conf"
echo 1357 | $K set-pin --config "$T/pin2.conf" --set data.dir="$T" >/dev/null 2>&1
if grep -q '^\[maintenance\]$' "$T/pin2.conf" && grep -q '^pin_hash = \$argon2id\$' "$T/pin2.conf" &&
   head -2 "$T/pin2.conf" | grep -q '^name = x$'
then ok "set-pin adds [maintenance] when the file has none"; else no "set-pin adds [maintenance] when the file has none" "$(cat "$T/pin2.conf")"; fi

# libcurl is opened on first use (dlopen), not linked: neither program maps
# its 24 libraries at start-up (sync.sh shows downloads still work).
linked=""
for p in kiosk kioskctl; do
	[ -x "${B:-build}/$p" ] || continue
	readelf -d "${B:-build}/$p" | grep NEEDED | grep -q libcurl && linked="$linked $p"
done
if [ -z "$linked" ]; then ok "kiosk and kioskctl do not link libcurl"; else no "kiosk and kioskctl do not link libcurl" "linked:$linked"; fi
