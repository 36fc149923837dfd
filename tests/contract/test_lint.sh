#!/usr/bin/env bash
# doc/openapi.yaml lints clean under @redocly/cli's recommended rules, warnings
# included (tests/contract/redocly.yaml: recommended-strict).
set -uo pipefail
. "$(dirname "$0")/lib.sh"
name="doc/openapi.yaml lints without a warning or error (@redocly/cli recommended-strict)"
need_tools "$name"
out=$("$CONTRACT/node_modules/.bin/redocly" lint --config "$CONTRACT/redocly.yaml" doc/openapi.yaml 2>&1)
rc=$?
if [ $rc -eq 0 ] && ! grep -qE '[0-9]+ (warning|error)' <<<"$out"; then
	echo "ok - $name"
else
	echo "not ok - $name"
	sed 's/^/#   /' <<<"$out"
	exit 1
fi
