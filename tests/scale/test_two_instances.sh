#!/usr/bin/env bash
# Several anzhid instances behind a load balancer behave as one service: two
# instances on one PostgreSQL database behind haproxy (tests/scale/two_instances.py)
# share sessions, writes (412, never a lost update), login limits and
# materials. A throwaway cluster of its own (tests/pglib.sh).
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/pglib.sh
trap pg_stop EXIT
if ! command -v haproxy >/dev/null; then
	echo "not ok - haproxy is installed (scripts/deps.sh)"
	exit 1
fi
if ! pg_start; then
	echo "not ok - a throwaway PostgreSQL cluster starts"
	exit 1
fi
python3 tests/scale/two_instances.py
