# bench/lib.sh — shell helpers shared by bench/run and bench/soak/run: time,
# starting and stopping anzhid on loopback, reading the demo's accounts and
# a unit's placements. The caller sets B (build dir) and TMP (scratch dir).

now_ns() { date +%s%N; }
ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }

stop_server() {
	if [ -n "$SERVER_PID" ]; then
		kill "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
		SERVER_PID=
	fi
}

# start_server DIR [ARGS…]: starts anzhid, waits for DIR/anzhid.port; sets
# SERVER_PID, PORT and START_MS (launch to port file).  False on failure.
start_server() {
	local dir=$1 t0 i
	shift
	mkdir -p "$dir"
	rm -f "$dir/anzhid.port"
	t0=$(now_ns)
	"$B/anzhid" --data "$dir" --listen 127.0.0.1:0 "$@" >>"$TMP/anzhid.log" 2>&1 &
	SERVER_PID=$!
	for i in $(seq 1 3000); do
		[ -s "$dir/anzhid.port" ] && break
		kill -0 "$SERVER_PID" 2>/dev/null || { SERVER_PID=; return 1; }
		sleep 0.01
	done
	START_MS=$(ms_since "$t0")
	PORT=$(tr -dc '0-9' <"$dir/anzhid.port")
	[ -n "$PORT" ]
}

# demo_unit_user FILE: "USER USCC PASSWORD YEAR" of the first unit account in
# demo-accounts.json (pretty-printed by anzhid; no jq/python needed).
demo_unit_user() {
	awk '
	/"year":/ && !year { y = $0; gsub(/[^0-9]/, "", y); year = y }
	/"username":/ { split($0, a, "\""); u = a[4]; r = ""; un = ""; p = "" }
	/"password":/ { split($0, a, "\""); p = a[4] }
	/"role":/     { split($0, a, "\""); r = a[4] }
	/"unit":/     { split($0, a, "\""); un = a[4] }
	/}/ { if (r == "unit" && un != "" && found == "") found = u " " un " " p }
	END { print found, year }' "$1"
}

# login_token BASE PIN USER PASS: a session token ("" when the login fails).
login_token() {
	curl -sk --pinnedpubkey "$2" -H 'Content-Type: application/json' \
		-d "{\"username\":\"$3\",\"password\":\"$4\"}" "$1/sessions" |
		sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}

# placement_ids BASE PIN USER PASS UNIT YEAR [COUNT]: COUNT (default 2: one
# per load thread) placement ids of the unit's year, comma-separated; ""
# when none.
placement_ids() {
	local tok
	tok=$(login_token "$1" "$2" "$3" "$4")
	[ -n "$tok" ] || return 0
	curl -sk --pinnedpubkey "$2" -H "Authorization: Bearer $tok" \
		"$1/units/$5/years/$6/placements?limit=100" | grep -o '"id":[0-9]*' |
		head -"${7:-2}" | cut -d: -f2 | paste -sd, -
}
