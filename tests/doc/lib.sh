# lib.sh: what the document tests share — a real `anzhid --demo` in test mode
# (ANZHID_TEST_CLOCK and ANZHID_TEST_KEY_SEED: its documents are the same
# bytes on every run) for business year 2025, a unit user's token, downloads,
# and "ok - name" / "not ok - name" lines for tests/run.
# Source it, then doc_setup; every function returns non-zero on failure.
set -u
DOC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
B=${DOC_BUILD:-$DOC_ROOT/build/release}
ANZHI=$B/anzhi
ANZHID=$B/anzhid
DOC_TMP=$(mktemp -d "${TMPDIR:-/tmp}/anzhi-doc.XXXXXX")
DOC_FAILS=0
DOC_PID=
URL= PIN= TOKEN=
export LC_ALL=C.UTF-8 LANGUAGE=en
export XDG_STATE_HOME=$DOC_TMP/state
# 2026-01-15 10:00:00 +08:00, and the first key from a fixed seed
export ANZHID_TEST_CLOCK=1768442400
export ANZHID_TEST_KEY_SEED=0101010101010101010101010101010101010101010101010101010101010101
YEAR=2025
UNIT=91150924MA0HXD012T   # the demo's 兴和县宏达商贸有限公司 (user xinghe)

doc_cleanup() {
	[ -n "$DOC_PID" ] && kill "$DOC_PID" 2>/dev/null && wait "$DOC_PID" 2>/dev/null
	rm -rf "$DOC_TMP"
}
trap doc_cleanup EXIT

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; DOC_FAILS=$((DOC_FAILS + 1)); }
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }
doc_done() { [ "$DOC_FAILS" -eq 0 ]; exit $?; }

# the value at a path of the JSON on stdin ("keys.0.id")
jq_path() {
	python3 -c 'import json,sys
v=json.load(sys.stdin)
for k in sys.argv[1].split("."):
    v=v[int(k)] if isinstance(v,list) else v[k]
print(v)' "$1"
}

api() { # METHOD PATH [curl args…] — the answer's body on stdout
	local m=$1 p=$2; shift 2
	curl -sS --cacert "$DOC_TMP/data/tls/cert.pem" -X "$m" "$URL/api/v1$p" "$@"
}

doc_setup() {
	mkdir -p "$DOC_TMP/data"
	"$ANZHID" --demo --data "$DOC_TMP/data" --listen 127.0.0.1:0 --year "$YEAR" \
		>"$DOC_TMP/anzhid.log" 2>&1 &
	DOC_PID=$!
	local i port
	for i in $(seq 1 150); do
		[ -s "$DOC_TMP/data/anzhid.port" ] && break
		kill -0 "$DOC_PID" 2>/dev/null || { cat "$DOC_TMP/anzhid.log"; return 1; }
		sleep 0.1
	done
	port=$(tr -dc '0-9' <"$DOC_TMP/data/anzhid.port")
	URL=https://127.0.0.1:$port
	PIN=$("$ANZHID" pin --data "$DOC_TMP/data")
	for i in $(seq 1 100); do
		api GET /health >/dev/null 2>&1 && break
		sleep 0.1
	done
	TOKEN=$(api POST /sessions -H 'Content-Type: application/json' \
		-d '{"username":"xinghe","password":"demo1234"}' | jq_path token) || return 1
	[ -n "$TOKEN" ]
}

# download KIND OUT — the unit's document for the year
download() {
	api GET "/units/$UNIT/years/$YEAR/documents/$1" -H "Authorization: Bearer $TOKEN" \
		-o "$2" -w '%{http_code}' | grep -q '^200$'
}

# the declaration's status, set in the store as the annual review will
set_status() {
	sqlite3 "$DOC_TMP/data/anzhid.db" "UPDATE declarations SET status = '$1'
		WHERE year = $YEAR AND unit_id = (SELECT id FROM units WHERE uscc = '$UNIT')"
}

# the published public key (base64) named by KEYID
public_key() {
	api GET /keys | python3 -c 'import json,sys
print(next(k["public_key"] for k in json.load(sys.stdin)["keys"] if k["id"]==sys.argv[1]))' "$1"
}

# the key id and code a document names in its signed metadata line
doc_field() { grep -a '^%ANZHI-DOC ' "$1" | tail -n 1 | cut -c 12- | jq_path "$2"; }

# flip FILE OFFSET OUT — a copy with the byte at OFFSET xor 0x01
flip() {
	python3 -c 'import sys
b=bytearray(open(sys.argv[1],"rb").read()); b[int(sys.argv[2])]^=1
open(sys.argv[3],"wb").write(b)' "$1" "$2" "$3"
}
