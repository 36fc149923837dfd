# store.sh — the store's numbers (issue 9), sourced by bench/run (uses its
# row/note/now_ns/ms_since/want_tool/start_server/stop_server, B, TMP):
#   (a) the 10-person unit list over TLS keep-alive, anzhid next to
#       nginx-light serving the same bytes with the same certificate (wrk,
#       16 connections, alternating runs; the best of each);
#   (d) `anzhid seed` of BENCH_PLACEMENTS (default 1,000,000) placements;
#   (b) on that store: the largest unit's list and the first 盟市 reviewer's
#       queue (wrk latency distribution, 16 connections), then the service's
#       memory;
#   (c) `anzhid import` of BENCH_IMPORT_ROWS (default 1,000,000) wage rows of
#       seeded persons (12 months each) and the re-check it triggers;
#   (e) an import of one month for each of BENCH_IMPORT_ROWS different
#       placements, and its re-check (every placement's month moves to the
#       new import: each is saved).
# All of it on SQLite (section "store"), then on PostgreSQL (section
# "store-pg": a throwaway cluster from tests/pglib.sh with fsync on,
# synchronous_commit off as SQLite's synchronous=NORMAL, 1 GB of shared
# buffers; BENCH_STORE_PG=0 leaves it out, BENCH_STORE_PG=only runs it alone).
# wrk, nginx-light and sqlite3 (to list seeded persons for the import file)
# are installed when run as root. Anything missing: "store: not measured".

STORE_SECONDS=${BENCH_STORE_SECONDS:-10}
STORE_PG=${BENCH_STORE_PG:-1}
# set per backend by bench_store: the section name, anzhid's --db arguments,
# and how to run one query on the store (for the import files)
SEC=store
DB_ARGS=()
db_rows() { sqlite3 -separator , "$1/anzhid.db" "$2"; }
STORE_PLACEMENTS=${BENCH_PLACEMENTS:-1000000}
STORE_IMPORT_ROWS=${BENCH_IMPORT_ROWS:-1000000}

# wrk_run URL [TOKEN]: "REQ_PER_S P50_MS P99_MS NON2XX" from one wrk run
wrk_run() {
	local out
	out=$(wrk -t2 -c16 -d"${STORE_SECONDS}s" --latency ${2:+-H "Authorization: Bearer $2"} "$1" 2>&1)
	echo "$out" >>"$TMP/wrk.log"
	echo "$out" | awk '
	function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
			 if (v ~ /s$/) return v * 1000; return v }
	/Requests\/sec:/ { rps = $2 }
	/^ +50%/ { p50 = ms($2) }
	/^ +99%/ { p99 = ms($2) }
	/Non-2xx/ { bad = $NF }
	END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, bad + 0 }'
}

# token BASE USER PASSWORD
token() {
	curl -sk -H 'Content-Type: application/json' \
		-d "{\"username\":\"$2\",\"password\":\"$3\"}" "$1/sessions" |
		sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}

# account FILE N FIELD: a field of the N-th account (0-based) in an accounts
# file that anzhid wrote (pretty-printed: one member per line)
account() {
	awk -v n="$2" -v f="$3" '
	/"username":/ { i++ }
	i == n + 1 && $0 ~ "\"" f "\":" { split($0, a, "\""); print a[4]; exit }' "$1"
}

nginx_start() { # DIR_WITH_TLS ROOT PORT
	cat >"$TMP/nginx.conf" <<-EOF
	$( [ "$(id -u)" = 0 ] && echo "user root;" )
	worker_processes $(nproc);
	pid $TMP/nginx.pid;
	error_log $TMP/nginx-error.log;
	events { worker_connections 1024; }
	http {
	  access_log off;
	  keepalive_requests 10000000;
	  server {
	    listen 127.0.0.1:$3 ssl;
	    ssl_certificate $1/tls/cert.pem;
	    ssl_certificate_key $1/tls/key.pem;
	    ssl_protocols TLSv1.2 TLSv1.3;
	    root $2;
	    default_type application/json;
	  }
	}
	EOF
	nginx -c "$TMP/nginx.conf" 2>>"$TMP/nginx-error.log"
}

nginx_stop() {
	[ -s "$TMP/nginx.pid" ] && kill "$(cat "$TMP/nginx.pid")" 2>/dev/null
	rm -f "$TMP/nginx.pid"
}

# (a) the 10-person list against nginx
store_list_vs_nginx() {
	local data=$TMP/store-demo base tok uscc year path www port=18443 i a n bestA=0 bestN=0
	pg_fresh "$data" || return
	if ! start_server "$data" --demo "${DB_ARGS[@]}"; then
		note "$SEC" "list vs nginx: not measured (anzhid --demo did not start)"
		return
	fi
	base=https://127.0.0.1:$PORT/api/v1
	uscc=$(account "$data/demo-accounts.json" 0 unit)
	year=$(awk '/"year":/ { gsub(/[^0-9]/, ""); print; exit }' "$data/demo-accounts.json")
	tok=$(token "$base" "$(account "$data/demo-accounts.json" 0 username)" demo1234)
	path=/api/v1/units/$uscc/years/$year/placements
	www=$TMP/www
	mkdir -p "$www$(dirname "$path")"
	chmod -R a+rX "$TMP"
	curl -sk -H "Authorization: Bearer $tok" "$base/units/$uscc/years/$year/placements" >"$www$path"
	if ! nginx_start "$data" "$www" $port; then
		note "$SEC" "list vs nginx: not measured (nginx did not start: $(tail -1 "$TMP/nginx-error.log"))"
		stop_server
		return
	fi
	sleep 0.5
	if ! curl -sk "https://127.0.0.1:$port$path" | cmp -s - "$www$path"; then
		note "$SEC" "list vs nginx: not measured (nginx does not serve the list's bytes)"
		nginx_stop
		stop_server
		return
	fi
	for i in 1 2; do
		read -r n _ _ _ <<<"$(wrk_run "https://127.0.0.1:$port$path")"
		[ "$n" -gt "$bestN" ] && bestN=$n
		read -r a _ _ _ <<<"$(wrk_run "$base/units/$uscc/years/$year/placements" "$tok")"
		[ "$a" -gt "$bestA" ] && bestA=$a
	done
	nginx_stop
	stop_server
	row "$SEC" "10-person list, nginx-light (same bytes)" "$bestN" req/s \
		"$(wc -c <"$www$path") bytes, TLS keep-alive, wrk 16 conn, best of 2"
	row "$SEC" "10-person list, anzhid" "$bestA" req/s "same run, best of 2"
	row "$SEC" "  anzhid / nginx" "$(awk -v a="$bestA" -v n="$bestN" 'BEGIN { printf "%.0f", n ? 100 * a / n : 0 }')" "%" \
		"goal >= 30%"
}

# (d)(b)(c) a province
store_province() {
	local data=$TMP/$SEC-province out secs base tok rtok uscc year reviewer r p50 p99 bad hwm rss csv n
	pg_fresh "$data" || return
	if ! out=$(/usr/bin/time -f "cpu %U %S" "$B/anzhid" seed --data "$data" "${DB_ARGS[@]}" \
		--placements "$STORE_PLACEMENTS" 2>&1); then
		note "$SEC" "province: not measured (seed failed: $(echo "$out" | tail -1))"
		return
	fi
	secs=$(echo "$out" | sed -n 's/.* in \([0-9.]*\) s (placements.*/\1/p')
	row "$SEC" "seed $STORE_PLACEMENTS placements" "$secs" s \
		"$(echo "$out" | sed -n 's/.*(\(placements [^)]*\)).*/\1/p'); $(cpu_of "$out"); goal < 300 s for 1,000,000"
	note "$SEC" "$(echo "$out" | grep 'placements at' | sed 's/ in .*//')"
	if ! start_server "$data" "${DB_ARGS[@]}"; then
		note "$SEC" "province: not served ($(tail -1 "$TMP/anzhid.log"))"
		return
	fi
	base=https://127.0.0.1:$PORT/api/v1
	year=$(awk '/"year":/ { gsub(/[^0-9]/, ""); print; exit }' "$data/seed-accounts.json")
	uscc=$(account "$data/seed-accounts.json" 0 unit)
	reviewer=$(account "$data/seed-accounts.json" 1 username)
	tok=$(token "$base" "$(account "$data/seed-accounts.json" 0 username)" seed1234)
	rtok=$(token "$base" "$reviewer" seed1234)
	n=$(curl -sk -H "Authorization: Bearer $tok" "$base/units/$uscc/years/$year/placements?limit=1" |
		sed -n 's/.*"total":\([0-9]*\).*/\1/p')
	read -r r p50 p99 bad <<<"$(wrk_run "$base/units/$uscc/years/$year/placements" "$tok")"
	row "$SEC" "largest unit's list (page of 50)" "$p99" "ms p99" \
		"p50 $p50 ms, $r req/s, non-2xx $bad; $n persons; goal p99 <= 20 ms"
	n=$(curl -sk -H "Authorization: Bearer $rtok" "$base/review/placements?limit=1" |
		sed -n 's/.*"total":\([0-9]*\).*/\1/p')
	read -r r p50 p99 bad <<<"$(wrk_run "$base/review/placements" "$rtok")"
	row "$SEC" "$reviewer queue (page of 50)" "$p99" "ms p99" \
		"p50 $p50 ms, $r req/s, non-2xx $bad; $n cases; goal p99 <= 20 ms"
	hwm=$(awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER_PID/status" 2>/dev/null)
	rss=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER_PID/status" 2>/dev/null)
	row "$SEC" "anzhid peak RSS, province served" "$hwm" MiB \
		"VmHWM after both runs (now $rss MiB; 2 logins of argon2id's 64 MiB); goal <= 200 MiB"
	stop_server
	if ! want_tool sqlite3 sqlite3; then
		note "$SEC" "import: not measured (sqlite3 lists the seeded persons for the file)"
		return
	fi
	csv=$TMP/wages.csv
	echo "idno,month,uscc,amount" >"$csv"
	db_rows "$data" \
		"SELECT p.idno, u.uscc FROM placements p JOIN units u ON u.id = p.unit_id
		 ORDER BY p.id LIMIT $(( (STORE_IMPORT_ROWS + 11) / 12 ))" |
		awk -F, -v y="$year" -v want="$STORE_IMPORT_ROWS" '
		{ for (m = 1; m <= 12 && n < want; m++) { n++; printf "%s,%d%02d,%s,%d.00\n", $1, y, m, $2, 3000 + m } }' \
		>>"$csv"
	store_import "$data" "$csv" "$((year + 1))-01-31" "wage rows (12 months of each person)"
	# (e) one month of each of as many different placements
	echo "idno,month,uscc,amount" >"$csv"
	db_rows "$data" \
		"SELECT p.idno, p.id % 12 + 1, u.uscc FROM placements p JOIN units u ON u.id = p.unit_id
		 ORDER BY p.id LIMIT $STORE_IMPORT_ROWS" |
		awk -F, -v y="$year" '{ printf "%s,%d%02d,%s,3150.00\n", $1, y, $2, $3 }' >>"$csv"
	store_import "$data" "$csv" "$((year + 1))-02-28" "rows, one month of each placement"
}

# store_import DATA CSV AS_OF WHAT: the import's and its re-check's rows
store_import() {
	local out secs n
	n=$(( $(wc -l <"$2") - 1 ))
	out=$(/usr/bin/time -f "cpu %U %S" "$B/anzhid" import --data "$1" "${DB_ARGS[@]}" wages "$2" \
		--as-of "$3" 2>&1)
	secs=$(echo "$out" | sed -n 's/^imported .* in \([0-9.]*\) s$/\1/p')
	row "$SEC" "import $n $4" "${secs:--}" s "one transaction, service stopped; goal <= 60 s"
	secs=$(echo "$out" | sed -n 's/^re-checked .* in \([0-9.]*\) s$/\1/p')
	row "$SEC" "  re-check of the months it named" "${secs:--}" s \
		"$(echo "$out" | sed -n 's/^re-checked \(.*\) in .*/\1/p'); import and re-check $(cpu_of "$out"); goal <= 60 s"
	[ -n "$secs" ] || note "$SEC" "import: $(echo "$out" | tail -2 | tr '\n' ' ')"
}

# cpu_of OUTPUT: "CPU U+S s" from /usr/bin/time's last "cpu U S" line
cpu_of() {
	echo "$1" | awk '/^cpu / { c = $2 + $3 } END { printf "CPU %.0f s", c }'
}

# pg_fresh DIR: on PostgreSQL, a new database for DIR (DB_ARGS names it)
pg_fresh() {
	[ "$SEC" = store-pg ] || return 0
	local name
	name=anzhi_bench_$(basename "$1" | tr -c 'a-z0-9\n' _)
	dropdb --if-exists "$name" >/dev/null 2>&1
	if ! createdb "$name"; then
		note "$SEC" "not measured (createdb $name failed)"
		return 1
	fi
	DB_ARGS=(--db "postgresql:///$name")
	PG_BENCH_DB=$name
	db_rows() { psql -X -Atq -F , -d "$PG_BENCH_DB" -c "$2"; }
}

store_sections() {
	if want_tool nginx nginx-light; then
		store_list_vs_nginx
	else
		note "$SEC" "list vs nginx: not measured (nginx-light missing)"
	fi
	store_province
	nginx_stop
}

bench_store() {
	if [ ! -x "$B/anzhid" ]; then
		note store "not measured ($B/anzhid missing: run make)"
		return
	fi
	if ! want_tool wrk wrk; then
		note store "not measured (wrk missing)"
		return
	fi
	if [ ! -x /usr/bin/time ] && ! { [ "$(id -u)" = 0 ] && apt-get install -y -qq time >&2; }; then
		note store "not measured (/usr/bin/time missing: apt-get install time)"
		return
	fi
	SEC=store DB_ARGS=()
	[ "$STORE_PG" = only ] || store_sections
	[ "$STORE_PG" = 0 ] && return
	. tests/pglib.sh
	SEC=store-pg
	if ! pg_start bench; then
		note store-pg "not measured (no PostgreSQL cluster: scripts/deps.sh installs it)"
		return
	fi
	store_sections
	stop_server
	pg_stop
}
