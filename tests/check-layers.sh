#!/bin/sh
# check-layers.sh SRC "NO-SDL FOLDERS" "folder:dep dep" ... — fail on an
# #include a folder may not use. Run by `make check-layers`, which passes the
# table in the Makefile (LAYER_DEPS_*). A quoted include is either a header
# of the same folder ("bundle.h") or "folder/header.h" of a folder the table
# allows; "../" and folders outside the table are refused, and so is <SDL...>
# in the folders listed as SDL-free. Prints "FILE:LINE: why" per violation.
src=$1; nosdl=$2; shift 2
bad=0
for entry in "$@"; do
	layer=${entry%%:*}; deps=" ${entry#*:} "
	[ -d "$src/$layer" ] || { echo "$src/$layer: folder in the table but not in the tree"; bad=1; continue; }
	sdl_free=0
	case " $nosdl " in *" $layer "*) sdl_free=1 ;; esac
	for f in "$src/$layer"/*.[ch]; do
		[ -f "$f" ] || continue
		out=$(awk -v layer="$layer" -v deps="$deps" -v src="$src" -v sdlfree="$sdl_free" '
		/^[ \t]*#[ \t]*include[ \t]*"/ {
			inc = $0; sub(/^[^"]*"/, "", inc); sub(/".*$/, "", inc)
			if (inc ~ /\.\./) { printf "%s:%d: \"%s\": no ../ in includes; name the folder\n", FILENAME, FNR, inc; next }
			n = split(inc, p, "/")
			if (n == 1) {
				if (system("test -f \"" src "/" layer "/" inc "\"") != 0)
					printf "%s:%d: \"%s\" is not a header of %s/\n", FILENAME, FNR, inc, layer
			} else if (n != 2 || index(deps, " " p[1] " ") == 0) {
				printf "%s:%d: %s/ may not include \"%s\" (allowed: %s)\n", FILENAME, FNR, layer, inc, deps
			} else if (system("test -f \"" src "/" inc "\"") != 0) {
				printf "%s:%d: \"%s\" does not exist\n", FILENAME, FNR, inc
			}
		}
		/^[ \t]*#[ \t]*include[ \t]*<SDL/ {
			if (sdlfree) printf "%s:%d: %s/ is SDL-free: no SDL headers\n", FILENAME, FNR, layer
		}' "$f")
		if [ -n "$out" ]; then echo "$out"; bad=1; fi
	done
done
for d in "$src"/*/; do
	d=${d%/}; d=${d##*/}
	found=0
	for entry in "$@"; do [ "${entry%%:*}" = "$d" ] && found=1; done
	[ $found = 1 ] || { echo "$src/$d: folder not in the Makefile's LAYERS table"; bad=1; }
done
[ $bad = 0 ] && echo "check-layers: every include allowed"
exit $bad
