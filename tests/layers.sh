#!/bin/sh
# The folder rules hold: `make check-layers` passes on the tree, and a
# deliberately wrong include planted in a copy of src/ fails both
# check-layers and the compiler (the folder's include path lacks it).
# One "PASS name" or "FAIL name: why" line per check.
cd "$(dirname "$0")/.." || exit 1
B=${B:-build}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ok() { echo "PASS $1"; }
no() { echo "FAIL $1: $2"; }

if make -s --no-print-directory check-layers >"$tmp/out" 2>&1; then ok "check-layers passes on src/"
else no "check-layers passes on src/" "$(head -5 "$tmp/out")"; fi

plant() {   # $1 = name, $2 = file under src/, $3 = include line, $4 = expected text
	rm -rf "$tmp/src"; cp -R src "$tmp/src"
	printf '%s\n' "$3" | cat - "src/$2" >"$tmp/src/$2"
	if make -s --no-print-directory check-layers LAYER_SRC="$tmp/src" >"$tmp/out" 2>&1; then
		no "$1" "check-layers accepted $3 in $2"
	elif grep -q "$tmp/src/$2:1: .*$4" "$tmp/out"; then ok "$1"
	else no "$1" "check-layers failed without naming $2:1: $(head -3 "$tmp/out")"; fi
}
plant "check-layers refuses screens/ in base/" base/arena.c '#include "screens/screens.h"' 'may not include'
plant "check-layers refuses gfx/ in ui/" ui/theme.c '#include "gfx/font.h"' 'may not include'
plant "check-layers refuses update/ in guide/" guide/source.h '#include "update/install.h"' 'may not include'
plant "check-layers refuses ../ paths" store/usage.c '#include "../screens/screens.h"' 'no \.\./'
plant "check-layers refuses SDL in guide/" guide/guide.c '#include <SDL.h>' 'SDL-free'
plant "check-layers refuses SDL in screens/ (draw is SDL-free)" screens/screen_home.c '#include <SDL.h>' 'SDL-free'
plant "check-layers refuses SDL in model/" model/app.c '#include <SDL.h>' 'SDL-free'
plant "check-layers refuses gfx/ in screens/" screens/screen_item.c '#include "gfx/qr.h"' 'may not include'
plant "check-layers refuses screens/ in model/" model/maint.c '#include "screens/screens.h"' 'may not include'

# The build itself: base/ is compiled with only its own include path.
rm -rf "$tmp/src"; cp -R src "$tmp/src"
printf '#include "screens/screens.h"\n' | cat - src/base/arena.c >"$tmp/src/base/arena.c"
make -s --no-print-directory "$B/inc/base/.stamp" >/dev/null 2>&1
flags=$(make -s --no-print-directory print-layer-cflags L=base)
if ${CC:-cc} $flags -fsyntax-only "$tmp/src/base/arena.c" >"$tmp/out" 2>&1; then
	no "the compiler refuses screens/ in base/" "compiled"
elif grep -q 'screens/screens.h: No such file' "$tmp/out"; then ok "the compiler refuses screens/ in base/"
else no "the compiler refuses screens/ in base/" "$(head -3 "$tmp/out")"; fi
if ${CC:-cc} $flags -fsyntax-only src/base/arena.c >"$tmp/out" 2>&1; then ok "base/arena.c compiles with base/'s flags"
else no "base/arena.c compiles with base/'s flags" "$(head -3 "$tmp/out")"; fi
