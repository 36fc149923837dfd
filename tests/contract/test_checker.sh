#!/usr/bin/env bash
# The response checker itself: records that keep to doc/openapi.yaml pass, and
# each kind of drift fails, named by test, request and JSON path
# (tests/contract/fixtures: good.jsonl, drift.jsonl).
set -uo pipefail
. "$(dirname "$0")/lib.sh"
need_tools "the response checker"
fx=$CONTRACT/fixtures

out=$(node "$CONTRACT/check.mjs" doc/openapi.yaml "$fx/good.jsonl" 2>&1)
if [ $? -eq 0 ]; then
	echo "ok - records that keep to the document pass"
else
	echo "not ok - records that keep to the document pass"
	sed 's/^/#   /' <<<"$out"
fi

out=$(node "$CONTRACT/check.mjs" doc/openapi.yaml "$fx/drift.jsonl" 2>&1)
rc=$?
expect() { # what drift — the line the checker must print
	if [ $rc -ne 0 ] && grep -qF -- "$2" <<<"$out"; then
		echo "ok - drift is caught: $1"
	else
		echo "not ok - drift is caught: $1"
		echo "#   expected: $2"
		sed 's/^/#   /' <<<"$out"
	fi
}
expect "a missing field" "fixture extra_and_missing_field: GET /me → 200: \$.unread_notices: must have required property 'unread_notices'"
expect "a field the document does not have" "fixture extra_and_missing_field: GET /me → 200: \$.extra: must NOT have additional properties"
expect "a value outside an enum" "fixture extra_and_missing_field: GET /me → 200: \$.role: must be equal to one of the allowed values"
expect "a problem code that is not its status's" "fixture wrong_code_for_status: GET /placements/1 → 404: \$.code: must be equal to constant (\"not_found\")"
expect "an undocumented status" "fixture undocumented_status: GET /me → 418: status 418 is not documented for getMe"
expect "an undocumented content type" "fixture undocumented_content_type: GET /health → 200: content type 'text/plain' is not documented"
expect "a missing required header" "fixture missing_etag: GET /units/91150924MA0HXD012T/years/2025 → 200: header ETag is missing"
expect "an undocumented method that is not 405" "fixture undocumented_method: PATCH /me → 200: PATCH is not documented for /me"
expect "a body where none is documented" "fixture body_where_none_is_documented: DELETE /sessions/current → 204: response 204 documents no body"
