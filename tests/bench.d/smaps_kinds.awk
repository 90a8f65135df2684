# smaps_kinds.awk — a /proc/PID/smaps read by kind of mapping: prints
# "KIND PSS_KIB" per kind (every kind, 0 if absent), kinds in a fixed order.
# Variables: exe (the program's path), fb_kib (the size of one window
# buffer, w * h * 4 / 1024). Sourced by tests/bench.d/20-kiosk.sh.
#
#   binary         the program's own file mappings
#   libs           shared libraries, their .bss included (the anonymous
#                  mapping right after a library's last mapping)
#   heap           the main malloc arena ([heap], brk)
#   window_buffer  anonymous mappings of one or more whole window buffers:
#                  the window surface, and any whole-frame copy (screenshots),
#                  up to one 2 MiB huge page of rounding
#   thread_arenas  malloc arenas of other threads (64 MiB-aligned heaps)
#   stacks         [stack] and thread stacks (after a guard page)
#   fonts          font files mapped (.ttf .ttc .otf .otc)
#   fontconfig     fontconfig's cache files
#   files          other files mapped (SQLite's -shm, locale, ...)
#   anon_other     other anonymous mappings: malloc blocks above the mmap
#                  threshold, library allocations
#   kernel         [vdso], [vvar] ...
function hex(s,    i, n, c) {
	n = 0
	for (i = 1; i <= length(s); i++) {
		c = index("0123456789abcdef", substr(s, i, 1)) - 1
		n = n * 16 + c
	}
	return n
}
function kind_of(start, end, perms, path) {
	if (path == exe) return "binary"
	if (path ~ /\.so(\.[0-9]+)*$/ || path ~ /\.so\./ || path ~ /\/ld-linux/) return "libs"
	if (path == "[heap]") return "heap"
	if (path == "[stack]" || path ~ /^\[stack:/) return "stacks"
	if (path ~ /^\[/) return "kernel"
	if (path ~ /\.(ttf|ttc|otf|otc|TTF|TTC|OTF)$/) return "fonts"
	if (path ~ /fontconfig/) return "fontconfig"
	if (path != "") return "files"
	# anonymous: thread stacks (8 MiB, after a guard page), then whole
	# frames (next to each other they are one mapping; a frame from
	# base/hugealloc is rounded up to whole 2 MiB huge pages and is
	# 2 MiB-aligned, so it may sit right after a library or on a 64 MiB
	# boundary, like the two kinds after it)
	if (start == prev_end && prev_perms == "---p" && prev_path == "" && \
	    prev_size <= 65536) return "stacks"
	frames = int((end - start) / 1024 / fb_kib)
	if (frames >= 1 && (end - start) / 1024 < frames * (fb_kib + 64) + 2048) return "window_buffer"
	if (start == prev_end && prev_kind == "libs" && prev_path != "") return "libs"
	if (start % 67108864 == 0) return "thread_arenas"
	return "anon_other"
}
BEGIN {
	n = split("binary libs heap window_buffer thread_arenas stacks fonts fontconfig files anon_other kernel", order, " ")
	for (i = 1; i <= n; i++) pss[order[i]] = 0
}
/^[0-9a-f]+-[0-9a-f]+ / {
	split($1, r, "-")
	start = hex(r[1]); end = hex(r[2])
	path = $6
	for (i = 7; i <= NF; i++) path = path " " $i
	cur = kind_of(start, end, $2, path)
	prev_end = end; prev_kind = cur; prev_perms = $2; prev_path = path
	prev_size = end - start
	next
}
/^Pss:/ { pss[cur] += $2 }
END { for (i = 1; i <= n; i++) print order[i], pss[order[i]] }
