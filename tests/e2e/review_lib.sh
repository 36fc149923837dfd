# review_lib.sh: what the review workbench's e2e tests share beside lib.sh —
# the service's API from the shell (curl, python3 for the JSON), to set cases
# up and to check what the client sent, and the client's outbox file.
# Source it after lib.sh.

# api METHOD PATH TOKEN [BODY [HEADER]]: the answer's body on stdout
api() {
	local args=(-sk -X "$1" -H "Authorization: Bearer $3" -H 'Content-Type: application/json')
	[ -n "${4:-}" ] && args+=(--data "$4")
	[ -n "${5:-}" ] && args+=(-H "$5")
	curl "${args[@]}" "$E2E_URL/api/v1$2"
}

# jval PATH: the value at a dotted path ("items.0.id") of the JSON on stdin
jval() {
	python3 -c '
import json, sys
v = json.load(sys.stdin)
for k in sys.argv[1].split("."):
    if k == "": continue
    v = v[int(k)] if isinstance(v, list) else v.get(k) if isinstance(v, dict) else None
print("" if v is None else json.dumps(v) if isinstance(v, (dict, list)) else v)' "$1"
}

# api_login USER [PASSWORD]: a session token — one per user and password,
# kept in $E2E_TMP while the service still takes it (a sign-in per call would
# soon pass the service's sessions per user and end the oldest: the client's)
api_login() {
	local pw=${2:-$(demo_password "$1")} f tok
	f="$E2E_TMP/api-login.$1.$(printf '%s' "$pw" | md5sum | cut -c1-8)"
	tok=$(cat "$f" 2>/dev/null)
	if [ -n "$tok" ] && [ "$(curl -sk -o /dev/null -w '%{http_code}' \
		-H "Authorization: Bearer $tok" "$E2E_URL/api/v1/me")" = 200 ]; then
		echo "$tok"
		return
	fi
	tok=$(curl -sk -X POST -H 'Content-Type: application/json' \
		--data "{\"username\":\"$1\",\"password\":\"$pw\"}" "$E2E_URL/api/v1/sessions" | jval token)
	[ -n "$tok" ] && echo "$tok" >"$f"
	echo "$tok"
}

# case_id MASKED: the id of the queue's case whose masked name is MASKED
case_id() {
	api GET "/review/placements?limit=500" "$(api_login reviewer)" | python3 -c '
import json, sys
for it in json.load(sys.stdin)["items"]:
    if it["name_masked"] == sys.argv[1]: print(it["id"])' "$1"
}

# case_status ID: the placement's status as the service has it
case_status() { api GET "/placements/$1" "$(api_login reviewer)" | jval status; }

# add_pending_case N: the N-th addable registry person at 兴和 for the whole
# year, with the materials the failed checks need: a case awaiting review
add_pending_case() {
	local tok idno year body id needs k
	tok=$(api_login xinghe)
	idno=$(demo_addable_idno "$1")
	year=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["year"])' "$E2E_TMP/data/demo-accounts.json")
	body=$(api GET "/registry/persons/$idno" "$tok" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print(json.dumps({"person": {"idno": r["idno"], "name": r["name"]},
                  "contracts": [{"type": "open_ended", "start": "2020-01-01"}],
                  "certificates": r["certificates"]}))')
	id=$(api POST "/units/$(demo_unit_of xinghe)/years/$year/placements" "$tok" "$body" | jval id)
	needs=$(api PUT "/placements/$id/months" "$tok" \
		"{\"months\":[$(seq -f "\"$year%02g\"" -s, 1 12)]}" 'If-Match: "1"' | jval needs)
	make_png "$E2E_TMP/proof.png"
	for k in $(echo "$needs" | python3 -c 'import json,sys; print(" ".join(json.load(sys.stdin)))'); do
		curl -sk -H "Authorization: Bearer $tok" -F "kind=$k" -F "file=@$E2E_TMP/proof.png" \
			"$E2E_URL/api/v1/placements/$id/materials" >/dev/null
	done
	echo "$id"
}

# demo_unit_of USER: the unit (USCC) of a demo account
demo_unit_of() {
	python3 - "$E2E_TMP/data/demo-accounts.json" "$1" <<'PY'
import json, sys
for a in json.load(open(sys.argv[1]))["accounts"]:
    if a["username"] == sys.argv[2]: print(a.get("unit", ""))
PY
}

# outbox_file: the client's outbox (one file per server and user)
outbox_file() { ls "$E2E_TMP"/home/.state/anzhi/outbox-*.json 2>/dev/null | head -1; }
outbox_entries() { local f; f=$(outbox_file); [ -n "$f" ] && jval entries <"$f" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' || echo 0; }

# server_port: the running service's port
server_port() { tr -dc '0-9' <"$E2E_TMP/data/anzhid.port"; }

# restart_server_same_port: the service killed outright (no goodbye), then
# started again on its data and port — to the client, the same service
restart_server_same_port() {
	local port i
	port=$(server_port)
	kill -KILL "$E2E_SERVER_PID" 2>/dev/null
	wait "$E2E_SERVER_PID" 2>/dev/null
	"$B/anzhid" --data "$E2E_TMP/data" --listen "127.0.0.1:$port" >>"$E2E_TMP/anzhid.log" 2>&1 &
	E2E_SERVER_PID=$!
	for i in $(seq 1 100); do
		curl -ksf "$E2E_URL/api/v1/health" >/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# start_delay_proxy MS: a proxy adding MS of latency each way in front of the
# service (tests/tools/delayproxy.py); its URL in PROXY_URL, its pid in PROXY_PID
start_delay_proxy() {
	local i
	python3 "$E2E_ROOT/tests/tools/delayproxy.py" "$(server_port)" "$1" "$E2E_TMP/proxy.port" &
	PROXY_PID=$!
	for i in $(seq 1 100); do
		[ -s "$E2E_TMP/proxy.port" ] && break
		sleep 0.05
	done
	PROXY_URL=https://127.0.0.1:$(cat "$E2E_TMP/proxy.port")
	[ -s "$E2E_TMP/proxy.port" ]
}
stop_delay_proxy() { [ -n "${PROXY_PID:-}" ] && kill -CONT "$PROXY_PID" 2>/dev/null; kill "$PROXY_PID" 2>/dev/null; wait "$PROXY_PID" 2>/dev/null; PROXY_PID=; }
