#!/usr/bin/env python3
"""Strict check of the Prometheus text exposition format (used when promtool
is not installed): HELP/TYPE before samples, known types, metric and label
names and values well formed, one TYPE per name, finite numbers."""
import math, re, sys

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"'
SAMPLE = re.compile(r"^(%s)(\{(%s(,%s)*)?\})? (\S+)( -?\d+)?$" % (NAME, LABEL, LABEL))
errors, typed, helped = [], {}, set()
for no, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if line.startswith("# HELP "):
        parts = line.split(" ", 3)
        if len(parts) < 4 or not re.fullmatch(NAME, parts[2]): errors.append((no, "bad HELP"))
        helped.add(parts[2]); continue
    if line.startswith("# TYPE "):
        parts = line.split(" ")
        if len(parts) != 4 or parts[3] not in ("counter", "gauge", "histogram", "summary", "untyped"):
            errors.append((no, "bad TYPE")); continue
        if parts[2] in typed: errors.append((no, "second TYPE for " + parts[2]))
        typed[parts[2]] = parts[3]; continue
    if line.startswith("#") or not line: continue
    m = SAMPLE.match(line)
    if not m: errors.append((no, "not a sample: " + line)); continue
    name, value = m.group(1), m.group(5)
    if name not in typed: errors.append((no, name + " has no TYPE before it"))
    try:
        v = float(value)
        if math.isnan(v): errors.append((no, "NaN"))
        if typed.get(name) == "counter" and v < 0: errors.append((no, "negative counter"))
    except ValueError:
        errors.append((no, "bad value " + value))
    if typed.get(name) == "counter" and not name.endswith("_total"):
        errors.append((no, "counter %s should end in _total" % name))
for no, e in errors: print("%s:%d: %s" % (sys.argv[1], no, e))
sys.exit(1 if errors else 0)
