#!/bin/sh
# Search (issue 5): the scripted runs keep usage statistics in their shots
# directory, never in data.dir. search_noresult.script typed zzzz, zzzzzz,
# qqqxx, wwwqqq: only the final queries are recorded (zzzz was a step on
# the way), each once; the suggestion it opened is counted as a view.
OUT=${OUT:-build/ui-shots}
db=$OUT/search_noresult/usage.db
[ -f "$db" ] || { echo "$db missing (run search_noresult.script first)"; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 not installed (apt-get install sqlite3)"; exit 1; }
got=$(sqlite3 "$db" "SELECT query FROM no_result ORDER BY rowid" | tr '\n' ' ')
[ "$got" = "zzzzzz qqqxx wwwqqq " ] || { echo "no_result holds \"$got\", expected \"zzzzzz qqqxx wwwqqq \""; exit 1; }
views=$(sqlite3 "$db" "SELECT item_code FROM views" | tr '\n' ' ')
[ "$views" = "410106-GAJ-XK-001 " ] || { echo "views hold \"$views\", expected the one 普通护照签发 opened"; exit 1; }
# the record is anonymous: the time and the query, nothing else
cols=$(sqlite3 "$db" "SELECT group_concat(name, ',') FROM pragma_table_info('no_result')")
[ "$cols" = "t,query" ] || { echo "no_result has columns $cols"; exit 1; }
