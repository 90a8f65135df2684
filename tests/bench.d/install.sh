# install_10k_s: `kioskctl install` of the signed 10,000-item bundle into an
# empty data dir and then over it (every check: size, signature, header,
# open, integrity_check, schema, content, version; stage, fsync, rename).
# Sourced by tests/bench.sh ($B, $W, emit, now_ms).
if [ -x "$B/kioskctl" ] && [ -f "$W/g10k/fgw/department.txt" ]; then
	rm -rf "$W/inst" "$W/bkey.pub" "$W/bkey.key"
	$B/kioskctl keygen "$W/bkey" >/dev/null
	$B/kioskctl build "$W/g10k" -o "$W/10k-a.db" --version 29991230000000 >/dev/null
	$B/kioskctl sign "$W/10k-a.db" --key "$W/bkey.key" >/dev/null
	$B/kioskctl build "$W/g10k" -o "$W/10k-b.db" --version 29991231000000 --sign "$W/bkey.key" >/dev/null
	ik() { $B/kioskctl --set data.dir="$W/inst" --set sync.pubkey="$W/bkey.pub" install "$@" >/dev/null; }
	t0=$(now_ms); ik "$W/10k-a.db" || echo "install_10k: install failed" >&2
	t1=$(now_ms); ik "$W/10k-b.db" || echo "install_10k: upgrade install failed" >&2
	t2=$(now_ms)
	emit install_10k_s "$(awk "BEGIN {printf \"%.3f\", ($t1 - $t0) / 1000}")" s \
		"kioskctl install of the signed 10,000-item bundle, $(stat -c %s "$W/10k-a.db") bytes, into an empty data dir"
	emit install_10k_upgrade_s "$(awk "BEGIN {printf \"%.3f\", ($t2 - $t1) / 1000}")" s \
		"the same over an installed one (previous.db kept)"
	rm -rf "$W/inst" "$W/10k-a.db" "$W/10k-a.db.sig" "$W/10k-b.db" "$W/10k-b.db.sig"
fi
