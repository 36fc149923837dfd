# lib.sh — what the contract tests share: the pinned npm tools must be there
# (`make contract-deps` installs them with npm ci), else the test fails.
# shellcheck shell=bash
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
CONTRACT=tests/contract
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true

need_tools() { # what the test is called
	if ! command -v node >/dev/null; then
		echo "not ok - $1: node is not installed (scripts/deps.sh installs it)"
		exit 1
	fi
	if [ ! -f "$CONTRACT/node_modules/.installed" ]; then
		echo "not ok - $1: the npm tools are not installed (run make contract-deps)"
		exit 1
	fi
}
