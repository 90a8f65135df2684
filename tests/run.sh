#!/bin/sh
# Run every test suite and end with "N passed, N failed".
# Unit tests (cmocka) count per test case; other suites print one line per
# check, "PASS name" or "FAIL name: why", and count per line; a check the
# machine cannot run prints "SKIP name: why" and counts as skipped, never as
# passed.
cd "$(dirname "$0")/.." || exit 1
B=${B:-build}
pass=0
fail=0
skipped=0
log=$(mktemp)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}

count_cmocka() {   # $1 = label, output in $log, $2 = exit code
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\..*/\1/p' "$log" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s).*/\1/p' "$log" | tail -1)
	s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test(s).*/\1/p' "$log" | tail -1)
	p=${p:-0}; f=${f:-0}; s=${s:-0}
	if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # crashed or sanitizer report
	if [ "$f" -ne 0 ]; then
		echo "FAIL $1 ($f failed)"; grep -E 'FAILED|ERROR|Failure|error|runtime error|Sanitizer' "$log" | head -20
	elif [ "$s" -ne 0 ]; then   # a test met a known bug (it says which)
		echo "ok   $1 ($p tests, $s skipped)"; grep -E '^KNOWN BUG|SKIPPED \] test_' "$log" | sort -u | head -10
	else
		echo "ok   $1 ($p tests)"
	fi
	pass=$((pass + p)); fail=$((fail + f))
}

count_lines() {    # PASS/FAIL/SKIP lines in $log
	grep -E '^(PASS|FAIL|SKIP|minroot: )' "$log"
	p=$(grep -c '^PASS' "$log"); f=$(grep -c '^FAIL' "$log")
	skipped=$((skipped + $(grep -c '^SKIP' "$log")))
	if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then echo "FAIL $1: exited $2"; tail -20 "$log"; f=1; fi
	pass=$((pass + p)); fail=$((fail + f))
}

echo "== unit tests"
for t in "$B"/tests/test_*; do
	[ -x "$t" ] || continue
	SDL_VIDEODRIVER=dummy "$t" >"$log" 2>&1; count_cmocka "$(basename "$t")" $?
done
echo "== unit tests under AddressSanitizer + UndefinedBehaviorSanitizer"
for t in "$B"/asan/tests/test_*; do
	[ -x "$t" ] || continue
	SDL_VIDEODRIVER=dummy "$t" >"$log" 2>&1; count_cmocka "asan/$(basename "$t")" $?
done
echo "== folder rules (check-layers, a planted wrong include)"
B=$B sh tests/layers.sh >"$log" 2>&1; count_lines layers $?
echo "== kioskctl"
B=$B sh tests/cli.sh >"$log" 2>&1; count_lines cli $?
echo "== sync (nginx on loopback)"
B=$B sh tests/sync.sh >"$log" 2>&1; count_lines sync $?
if [ -f tests/ui/run.sh ]; then
	echo "== kiosk UI scripts"
	KIOSK=$B/kiosk BUNDLE=$B/guides.db OUT=$B/ui-shots sh tests/ui/run.sh >"$log" 2>&1; count_lines ui $?
fi
echo "== deployment (install, deb, cage, watchdog, metrics, crash-loop rollback)"
B=$B sh tests/deploy.sh >"$log" 2>&1; count_lines deploy $?
echo "== USB sticks on loop devices (root; udevadm test of the rule)"
B=$B sh tests/deploy/usb.sh >"$log" 2>&1; count_lines usb $?
echo "== the .deb on a minimal Debian 12 root (root; first run bootstraps it)"
B=$B sh tests/deploy/minroot.sh >"$log" 2>&1; count_lines minroot $?
echo "== fuzzing (short run; make fuzz runs longer)"
for f in "$B"/fuzz/fuzz_*; do
	[ -x "$f" ] || continue
	n=$(basename "$f" | sed 's/^fuzz_//')
	mkdir -p "$B/fuzz-corpus/$n"
	if "$f" -max_total_time="${FUZZ_SHORT:-10}" -max_len=8192 "$B/fuzz-corpus/$n" \
	     "tests/fuzz/corpus/$n" "tests/fuzz/seeds/$n" >"$log" 2>&1; then
		echo "PASS fuzz $n"; pass=$((pass + 1))
	else
		echo "FAIL fuzz $n"; tail -30 "$log"; fail=$((fail + 1))
	fi
done
rm -f "$log"
[ "$skipped" -gt 0 ] && echo "$skipped skipped (the SKIP lines above: checks this machine cannot run)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
