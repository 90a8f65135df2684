#!/usr/bin/env python3
"""Cross-check the law citations in guides/*/*.txt against guides/laws.txt.

Not part of `make test`; run by hand after editing guides:
    python3 tests/laws_crosscheck.py [GUIDES_DIR]
Reports (exit 1 if any):
  - a cited law not listed in laws.txt;
  - a citation whose version year （YYYY年…） differs from the year of the listed date;
  - an item file whose first mention of a law carries no version parenthesis;
  - a law written with the 中华人民共和国 prefix (the guides use the short form);
  - a laws.txt line no guide cites.
"""
import os, re, sys

root = sys.argv[1] if len(sys.argv) > 1 else "guides"
KIND = r"(?:法|条例|规定|办法|细则|决定|规则|目录)"
CIT = re.compile(r"《([^《》]*?" + KIND + r"(?:（[^）]*）)?)》(（[^）]*）)?")
YEAR = re.compile(r"(\d{4})年")

laws = {}
for n, line in enumerate(open(os.path.join(root, "laws.txt"), encoding="utf-8"), 1):
    line = line.strip()
    # names ending in a parenthesis (…（试行）) are listed as comments: kioskctl
    # check takes no such name for a law; this script still checks them
    m = re.fullmatch(r"#\s*(\S+（[^）]*）)\s*\|(.*)", line)
    if m:
        line = m.group(1) + " |" + m.group(2)
    elif not line or line.startswith("#"):
        continue
    parts = [p.strip() for p in line.split("|")]
    if len(parts) != 3 or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", parts[1]):
        print(f"laws.txt:{n}: bad line: {line}")
        continue
    if parts[0] in laws:
        print(f"laws.txt:{n}: {parts[0]} listed twice")
    laws[parts[0]] = (int(parts[1][:4]), n)

problems = 0
used = set()
cites = 0
for dept in sorted(os.listdir(root)):
    d = os.path.join(root, dept)
    if not os.path.isdir(d):
        continue
    for fn in sorted(os.listdir(d)):
        if not fn.endswith(".txt"):
            continue
        path = os.path.join(d, fn)
        seen = set()
        for ln, text in enumerate(open(path, encoding="utf-8"), 1):
            if text.startswith("#"):
                continue
            for m in CIT.finditer(text):
                name, ver = m.group(1), m.group(2)
                cites += 1
                used.add(name)
                where = f"{path}:{ln}"
                if name.startswith("中华人民共和国"):
                    print(f"{where}: 《{name}》 uses the long form"); problems += 1
                y = YEAR.search(ver) if ver else None
                if name not in seen and not y:
                    print(f"{where}: first mention of 《{name}》 has no version year"); problems += 1
                seen.add(name)
                if name not in laws:
                    print(f"{where}: 《{name}》 not listed in laws.txt"); problems += 1
                elif y and int(y.group(1)) != laws[name][0]:
                    print(f"{where}: 《{name}》{ver}: year differs from laws.txt ({laws[name][0]})"); problems += 1
for name, (_, n) in laws.items():
    if name not in used:
        print(f"laws.txt:{n}: {name} is cited by no guide"); problems += 1
print(f"{cites} citations, {len(used)} laws, {problems} problems")
sys.exit(1 if problems else 0)
