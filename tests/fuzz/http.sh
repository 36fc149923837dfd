#!/usr/bin/env bash
# tests/fuzz/http.sh [SECONDS] — the service's robustness run: starts a fresh
# `anzhid --demo` (the ASan build when there is one, else the release build)
# on 127.0.0.1 and points tests/fuzz/http_fuzz.c at it for SECONDS (default
# 30).  Fails when a request got a 5xx or no answer, when the service died, or
# when its log has a sanitizer report.  Findings: build/fuzz/http/.
# Prints one summary line like tests/fuzz/run's:
#   http  <requests> <req/s> - - ok|FAIL: …
set -uo pipefail
cd "$(dirname "$0")/../.."
SECS=${1:-30}
F=build/fuzz
OUT=$F/http
ANZHID=${ANZHID:-}
if [ -z "$ANZHID" ]; then
	for b in build/asan/anzhid build/release/anzhid; do
		[ -x "$b" ] && { ANZHID=$b; break; }
	done
fi
line() { printf '%-8s %10s %10s %8s %8s  %s\n' http "$1" "$2" - - "$3"; }
if [ -z "$ANZHID" ]; then
	line - - "skipped (no anzhid built: run make or make SAN=1)"
	exit 0
fi
mkdir -p "$F" "$OUT"
rm -f "$OUT"/finding-*.txt
# shellcheck disable=SC2046
if ! ${CC:-cc} -std=c11 -O1 -g -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wvla \
	-Wstrict-prototypes -Wmissing-prototypes $(pkg-config --cflags libcurl jansson) \
	-I. tests/fuzz/http_fuzz.c tests/fuzz/http_mutate.c -o "$F/http_fuzz" $(pkg-config --libs libcurl jansson) >"$F/build_http.log" 2>&1; then
	line - - "BUILD FAILED ($F/build_http.log)"
	exit 2
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/anzhi-httpfuzz.XXXXXX")
PID=
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
	"$ANZHID" --data "$TMP" --demo --listen 127.0.0.1:0 >"$OUT/anzhid.log" 2>&1 &
PID=$!
for _ in $(seq 1 300); do
	[ -s "$TMP/anzhid.port" ] && break
	kill -0 "$PID" 2>/dev/null || break
	sleep 0.1
done
if [ ! -s "$TMP/anzhid.port" ]; then
	line - - "FAIL: $ANZHID --demo did not start ($OUT/anzhid.log)"
	exit 1
fi
PORT=$(tr -dc '0-9' <"$TMP/anzhid.port")
PIN=$("$ANZHID" pin --data "$TMP" 2>/dev/null || build/release/anzhid pin --data "$TMP")
# the first unit account of the demo (pretty-printed JSON: no jq needed)
read -r USER UNIT PASS YEAR < <(awk '
	/"year":/ && !year { y = $0; gsub(/[^0-9]/, "", y); year = y }
	/"username":/ { split($0, a, "\""); u = a[4]; r = ""; un = ""; p = "" }
	/"password":/ { split($0, a, "\""); p = a[4] }
	/"role":/     { split($0, a, "\""); r = a[4] }
	/"unit":/     { split($0, a, "\""); un = a[4] }
	/}/ { if (r == "unit" && un != "" && found == "") found = u " " un " " p }
	END { print found, year }' "$TMP/demo-accounts.json")

"$F/http_fuzz" --base "https://127.0.0.1:$PORT/api/v1" --pin "$PIN" --user "$USER" \
	--password "$PASS" --unit "$UNIT" --year "$YEAR" --corpus tests/fuzz/corpus/wire \
	--out "$OUT" --seconds "$SECS" >"$OUT/run.log" 2>&1
rc=$?
alive=1
kill -0 "$PID" 2>/dev/null || alive=0
kill "$PID" 2>/dev/null
wait "$PID" 2>/dev/null
PID=
n=$(sed -n 's/^requests \([0-9]*\),.*/\1/p' "$OUT/run.log")
rate=$(( ${n:-0} / (SECS > 0 ? SECS : 1) ))
san=$(grep -m1 -E 'ERROR: (Address|Leak)Sanitizer|runtime error' "$OUT/anzhid.log")
if [ $alive = 0 ]; then
	line "${n:--}" "$rate" "FAIL: anzhid died ($OUT/anzhid.log; last request in $OUT/run.log)"
	exit 1
elif [ -n "$san" ]; then
	line "${n:--}" "$rate" "FAIL: $san ($OUT/anzhid.log)"
	exit 1
elif [ $rc -ne 0 ]; then
	line "${n:--}" "$rate" "FAIL: $(grep -c . <(ls "$OUT"/finding-*.txt 2>/dev/null)) findings in $OUT ($(head -1 "$OUT/run.log"))"
	exit 1
fi
line "${n:--}" "$rate" "ok ($(basename "$(dirname "$ANZHID")") anzhid, $(tail -1 "$OUT/run.log"))"
exit 0
