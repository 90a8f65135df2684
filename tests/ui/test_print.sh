#!/bin/sh
# 打印材料清单 really prints: a private cupsd (its own config, spool and
# socket in a temp dir) with Debian's cups-pdf virtual printer; the kiosk
# prints the checklist of 普通护照签发 through `lp`, the PDF it sends holds
# the materials as text (pdftotext), and the page cups-pdf writes shows
# them (OCR, since its text layer is lost on the way). Also: without
# print.printer there is no print button.
KIOSK=${KIOSK:-build/kiosk}; BUNDLE=${BUNDLE:-build/guides.db}; OUT=${OUT:-build/ui-shots}
O=$OUT/test_print; rm -rf "$O"; mkdir -p "$O"
D=$(mktemp -d /tmp/kiosk-cups.XXXXXX)
trap '[ -n "$CUPSD" ] && kill "$CUPSD" 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$D"' EXIT
mkdir -p "$D/etc/ppd" "$D/spool/tmp" "$D/cache" "$D/log" "$D/run" "$D/pdf"
# filters run as lp: they must reach the spool and the temp dir
chmod 755 "$D"; chgrp -R lp "$D/spool" "$D/cache"; chmod 0770 "$D/spool" "$D/cache"; chmod 1777 "$D/spool/tmp"
cat >"$D/etc/cupsd.conf" <<CONF
Listen $D/run/cups.sock
LogLevel warn
WebInterface No
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
cat >"$D/etc/cups-files.conf" <<CONF
ServerRoot $D/etc
RequestRoot $D/spool
TempDir $D/spool/tmp
CacheDir $D/cache
StateDir $D/run
ErrorLog $D/log/error_log
AccessLog $D/log/access_log
PageLog $D/log/page_log
ServerBin /usr/lib/cups
DataDir /usr/share/cups
SystemGroup root
CONF
# cups-pdf reads /etc/cups/cups-pdf-NAME.conf for the URI cups-pdf:/NAME
cat >/etc/cups/cups-pdf-kiosktest.conf <<CONF
Out $D/pdf
AnonDirName $D/pdf
Label 0
CONF
command -v cupsd >/dev/null || { echo "cupsd missing (apt-get install cups)"; exit 1; }
/usr/sbin/cupsd -f -c "$D/etc/cupsd.conf" -s "$D/etc/cups-files.conf" 2>"$D/log/stderr" &
CUPSD=$!
export CUPS_SERVER="$D/run/cups.sock"
i=0; while [ ! -S "$CUPS_SERVER" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
lpadmin -p KioskPDF -E -v cups-pdf:/kiosktest -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd ||
	{ echo "lpadmin failed: $(cat "$D/log/error_log" "$D/log/stderr" 2>/dev/null | tail -3)"; exit 1; }
# lp, keeping a copy of the file the kiosk hands it (args: -d QUEUE FILE)
printf '#!/bin/sh\ncp "$3" "%s/sent.pdf"\nexec lp "$@"\n' "$O" >"$O/lp-keep.sh"; chmod +x "$O/lp-keep.sh"
cat >"$O/print.script" <<'SCRIPT'
tap "公安"
tap "普通护照签发"
expect screen item
expect text "打印材料清单"
tap "打印材料清单"
shot printing
SCRIPT
SDL_VIDEODRIVER=dummy timeout 60 "$KIOSK" --config /dev/null --bundle "$BUNDLE" \
	--set print.printer=KioskPDF --set "print.command=$O/lp-keep.sh" --script "$O/print.script" --shots "$O" >"$O/stdout" 2>"$O/stderr" ||
	{ echo "kiosk failed: $(grep -v '^kiosk: ' "$O/stderr" | head -1)"; exit 1; }
grep -q '^print /.*pid' "$O/stdout" || { echo "no print job started"; exit 1; }
pdf=""; i=0
while [ -z "$pdf" ] && [ $i -lt 300 ]; do
	pdf=$(find "$D/pdf" -name '*.pdf' -size +1k 2>/dev/null | head -1); sleep 0.1; i=$((i+1))
done
[ -n "$pdf" ] || { echo "cups-pdf wrote no PDF: $(tail -3 "$D/log/error_log" 2>/dev/null)"; exit 1; }
sleep 0.5; cp "$pdf" "$O/printed.pdf"
# The page the kiosk sent holds the checklist as text ...
pdftotext "$O/sent.pdf" "$O/printed.txt" || { echo "pdftotext failed"; exit 1; }
# ... and what came out of CUPS is that page (its text layer does not
# survive cups-pdf's PostScript round trip, so compare the pixels' ink).
pdftoppm -r 30 -gray "$O/printed.pdf" "$O/out" && pdftoppm -r 30 -gray "$O/sent.pdf" "$O/in" ||
	{ echo "pdftoppm failed"; exit 1; }
convert "$O/out-1.pgm" -resize '124x175!' -blur 0x1 "$O/out.pgm"; convert "$O/in-1.pgm" -resize '124x175!' -blur 0x1 "$O/in.pgm"
m=$(compare -metric RMSE "$O/out.pgm" "$O/in.pgm" null: 2>&1 | sed 's/.*(\(.*\))/\1/')
awk -v m="$m" 'BEGIN { exit !(m < 0.12) }' || { echo "printed page differs from the sent one (RMSE $m)"; exit 1; }
for t in 普通护照签发 410106-GAJ-XK-001 中国公民出入境证件申请表 居民身份证 户口簿 监护人身份证明及监护关系证明 办理地点 办理时间; do
	grep -q "$t" "$O/printed.txt" || { echo "sent PDF lacks \"$t\""; exit 1; }
done
# What really came out of the printer, read back: pdftotext finds no text
# in it (see above), so OCR (tesseract, chi_sim) reads the printed page.
# It must show the item, its code, the places and the materials; OCR may
# misread a character, so at least 6 of the 7 material names must be found
# whole (spaces removed; the names come from the bundle itself).
pdftoppm -r 200 -gray -png "$O/printed.pdf" "$O/ocr" || { echo "pdftoppm failed"; exit 1; }
tesseract "$O/ocr-1.png" "$O/ocr" -l chi_sim >/dev/null 2>&1 || { echo "tesseract failed"; exit 1; }
# Full-width brackets are often read as ASCII ones: compare them as ASCII.
tr -d ' \t' <"$O/ocr.txt" | tr -d '\n' | sed 's/（/(/g; s/）/)/g' >"$O/ocr.flat"
for t in 普通护照签发 410106-GAJ-XK-001 办理地点 办理时间; do
	grep -q -- "$t" "$O/ocr.flat" || { echo "the printed page does not read \"$t\" (OCR: $(head -c 200 "$O/ocr.flat"))"; exit 1; }
done
BIN=$(dirname "$KIOSK")
"$BIN/kioskctl" export "$BUNDLE" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
for dp in d["departments"]:
    for it in dp["items"]:
        if it["code"] == "410106-GAJ-XK-001":
            for m in it["materials"]:
                print(m["name"].replace(" ", "").replace("（", "(").replace("）", ")"))' >"$O/materials.txt"
n=$(wc -l <"$O/materials.txt"); found=0
while read -r name; do grep -q -- "$name" "$O/ocr.flat" && found=$((found + 1)); done <"$O/materials.txt"
[ "$n" -ge 5 ] && [ "$found" -ge $((n - 1)) ] ||
	{ echo "the printed page shows $found of the $n materials"; exit 1; }
# No printer configured: no button.
cat >"$O/noprint.script" <<'SCRIPT'
tap "公安"
tap "普通护照签发"
expect screen item
expect no-text "打印材料清单"
SCRIPT
SDL_VIDEODRIVER=dummy timeout 60 "$KIOSK" --config /dev/null --bundle "$BUNDLE" \
	--script "$O/noprint.script" --shots "$O" >/dev/null 2>"$O/stderr2" ||
	{ echo "print button shown without a printer"; exit 1; }
rm -f /etc/cups/cups-pdf-kiosktest.conf
exit 0
