#!/usr/bin/env bash
# Every response the API suite received keeps to doc/openapi.yaml: status,
# content type, headers and body (tests/contract/check.mjs). The API suite
# (tests/run api api-pg) records them, one file per test binary and backend
# (SQLite, then PostgreSQL: name_pg.jsonl), in build/test-logs/api-records;
# every API test binary of the sanitized build (the one both suites run)
# must have left its file on each backend.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
records=build/test-logs/api-records
need_tools "responses keep to doc/openapi.yaml"

files=() missing=()
for b in build/asan/tests/api/test_*; do
	[ -x "$b" ] || continue
	for backend in "" _pg; do
		f="$records/$(tr / _ <<<"${b#build/}")$backend.jsonl"
		if [ -s "$f" ]; then files+=("$f"); else missing+=("${b#build/}$backend"); fi
	done
done
if [ ${#missing[@]} -gt 0 ] || [ ${#files[@]} -eq 0 ]; then
	echo "not ok - every API test binary recorded its exchanges (run tests/run api api-pg first)"
	echo "#   no record from: ${missing[*]:-any API test binary}"
	exit 1
fi
node "$CONTRACT/check.mjs" doc/openapi.yaml "${files[@]}"
