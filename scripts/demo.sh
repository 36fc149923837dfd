#!/usr/bin/env bash
# demo: starts `anzhid --demo` on a free loopback port with its data under
# ./demo-data/, waits for /health, then runs anzhi pinned to its key with the
# demo accounts listed on the login screen.  The service stops when anzhi ends.
# Usage: scripts/demo.sh [BUILD_DIR]   (make demo passes build/release)
set -euo pipefail
B=${1:-build/release}
DATA=${ANZHI_DEMO_DATA:-demo-data}
if [ ! -x "$B/anzhid" ]; then
	echo "demo: $B/anzhid does not exist (the service is not built yet); run 'make' first" >&2
	exit 1
fi
if [ ! -x "$B/anzhi" ]; then
	echo "demo: $B/anzhi does not exist; run 'make' first" >&2
	exit 1
fi
mkdir -p "$DATA"
rm -f "$DATA/anzhid.port"
# a demo store left by an older anzhid: bring its schema up to date (the
# demo re-seeds a store the migration emptied)
"$B/anzhid" migrate --data "$DATA" >/dev/null
log="$DATA/anzhid.log"
"$B/anzhid" --demo --data "$DATA" --listen 127.0.0.1:0 >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true' EXIT INT TERM HUP

# the service writes its port once it listens
for _ in $(seq 1 100); do
	[ -s "$DATA/anzhid.port" ] && break
	if ! kill -0 "$pid" 2>/dev/null; then
		echo "demo: anzhid exited; its log ($log):" >&2
		tail -20 "$log" >&2
		exit 1
	fi
	sleep 0.1
done
port=$(tr -dc '0-9' <"$DATA/anzhid.port")
if [ -z "$port" ]; then
	echo "demo: anzhid did not report its port (see $log)" >&2
	exit 1
fi
pin=$("$B/anzhid" pin --data "$DATA")
url="https://127.0.0.1:$port"
for _ in $(seq 1 100); do
	curl -ksf "$url/api/v1/health" >/dev/null 2>&1 && break
	sleep 0.1
done
if ! curl -ksf "$url/api/v1/health" >/dev/null 2>&1; then
	echo "demo: $url/api/v1/health does not answer (see $log)" >&2
	exit 1
fi
echo "demo: anzhid on $url (pin $pin); accounts in $DATA/demo-accounts.json"
case $DATA in /*) acc=$DATA/demo-accounts.json ;; *) acc=$PWD/$DATA/demo-accounts.json ;; esac
ANZHI_DEMO_ACCOUNTS="$acc" "$B/anzhi" --server "$url" --pin "$pin"
