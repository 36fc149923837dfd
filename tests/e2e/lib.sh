# lib.sh: shared helpers of the e2e tests — a real `anzhid --demo` on a free
# loopback port in a temp dir, the real `anzhi` in tmux (its own socket,
# 80x24, LC_ALL=C.UTF-8, LANGUAGE=zh_CN), polling the pane for text with a
# timeout, and TAP-ish "ok - name" / "not ok - name" lines.
# Source it, then call e2e_setup; every function returns non-zero on failure.

set -u
E2E_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
B=${E2E_BUILD:-$E2E_ROOT/build/release}
ANZHI=${E2E_ANZHI:-$B/anzhi}
E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/anzhi-e2e.XXXXXX")
E2E_SOCK=anzhi-e2e-$$
E2E_FAILS=0
E2E_SERVER_PID=
E2E_URL=
E2E_PIN=
export LC_ALL=C.UTF-8 LANGUAGE=zh_CN

e2e_cleanup() {
	tmux -L "$E2E_SOCK" kill-server 2>/dev/null
	[ -s "$E2E_TMP/proxy.pid" ] && kill "$(cat "$E2E_TMP/proxy.pid")" 2>/dev/null
	e2e_stop_server
	rm -rf "$E2E_TMP"
}
trap e2e_cleanup EXIT

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; E2E_FAILS=$((E2E_FAILS + 1)); }
# check NAME COMMAND...: runs the command, prints ok / not ok
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }
e2e_done() { [ "$E2E_FAILS" -eq 0 ]; exit $?; }

# e2e_start_server [anzhid flags…]
e2e_start_server() {
	[ -x "$B/anzhid" ] || { echo "# $B/anzhid is not built"; return 1; }
	mkdir -p "$E2E_TMP/data"
	"$B/anzhid" --demo --data "$E2E_TMP/data" --listen 127.0.0.1:0 "$@" >"$E2E_TMP/anzhid.log" 2>&1 &
	E2E_SERVER_PID=$!
	local i
	for i in $(seq 1 150); do
		[ -s "$E2E_TMP/data/anzhid.port" ] && break
		kill -0 "$E2E_SERVER_PID" 2>/dev/null || { cat "$E2E_TMP/anzhid.log"; return 1; }
		sleep 0.1
	done
	local port
	port=$(tr -dc '0-9' <"$E2E_TMP/data/anzhid.port")
	[ -n "$port" ] || return 1
	E2E_URL=https://127.0.0.1:$port
	E2E_PIN=$("$B/anzhid" pin --data "$E2E_TMP/data")
	for i in $(seq 1 100); do
		curl -ksf "$E2E_URL/api/v1/health" >/dev/null && return 0
		sleep 0.1
	done
	return 1
}

e2e_stop_server() {
	if [ -n "$E2E_SERVER_PID" ]; then
		kill -CONT "$E2E_SERVER_PID" 2>/dev/null   # a frozen one must see the TERM
		kill "$E2E_SERVER_PID" 2>/dev/null
		wait "$E2E_SERVER_PID" 2>/dev/null
		E2E_SERVER_PID=
	fi
}

# e2e_start_client [anzhi flags…]: anzhi in a detached 80x24 tmux session
# (E2E_ENV: more VAR=value words for its environment, e.g. LC_ALL=C)
e2e_start_client() {
	mkdir -p "$E2E_TMP/home"
	# the "viewer" of downloaded materials keeps a copy for the test to compare
	printf '#!/bin/sh\ncp "$1" "%s/viewed.bin"\n' "$E2E_TMP" >"$E2E_TMP/viewer.sh"
	chmod +x "$E2E_TMP/viewer.sh"
	# a server killed just before may still be going away: try again
	local try
	for try in 1 2 3 4 5; do
		tmux -L "$E2E_SOCK" -f /dev/null new-session -d -x 80 -y 24 -s e2e \
			"env HOME=$E2E_TMP/home XDG_CONFIG_HOME=$E2E_TMP/home/.config XDG_STATE_HOME=$E2E_TMP/home/.state \
			 LC_ALL=C.UTF-8 LANGUAGE=zh_CN TERM=screen-256color ANZHI_VIEWER=$E2E_TMP/viewer.sh ANZHI_DEMO_ACCOUNTS=$E2E_TMP/data/demo-accounts.json ${E2E_ENV:-} \
			 $ANZHI --server $E2E_URL --pin '$E2E_PIN' $* 2>$E2E_TMP/anzhi.err; echo ANZHI-EXITED \$?; sleep 600" \
			2>/dev/null && tmux -L "$E2E_SOCK" has-session -t e2e 2>/dev/null && break
		sleep 0.2
	done
	tmux -L "$E2E_SOCK" set-option -g window-size manual >/dev/null 2>&1
}

screen_text() { tmux -L "$E2E_SOCK" capture-pane -p -t e2e; }
keys() { tmux -L "$E2E_SOCK" send-keys -t e2e "$@"; }
# type_text TEXT: literal characters (no key names)
type_text() { tmux -L "$E2E_SOCK" send-keys -t e2e -l "$1"; }

# wait_for TEXT [SECONDS]: polls the pane until TEXT shows up
wait_for() {
	local text=$1 secs=${2:-10} i
	for i in $(seq 1 $((secs * 20))); do
		screen_text | grep -qF -- "$text" && return 0
		sleep 0.05
	done
	echo "# timed out waiting for: $text"
	screen_text | sed 's/^/# | /'
	return 1
}

# wait_re REGEX [SECONDS]: polls the pane until a line matches REGEX (grep -E)
wait_re() {
	local re=$1 secs=${2:-10} i
	for i in $(seq 1 $((secs * 20))); do
		screen_text | grep -qE -- "$re" && return 0
		sleep 0.05
	done
	echo "# timed out waiting for /$re/"
	screen_text | sed 's/^/# | /'
	return 1
}

# wait_until SECONDS COMMAND…: polls COMMAND until it succeeds
wait_until() {
	local secs=$1 i
	shift
	for i in $(seq 1 $((secs * 20))); do
		"$@" && return 0
		sleep 0.05
	done
	return 1
}

# A picture drawn as block art (the viewer without sixel or kitty): one of
# these, e.g. "$BLOCKS{8}" for eight in a row
BLOCKS='[▀▄▌▐▖▗▘▙▚▛▜▝▞▟▁▂▃▅▆▇▉▊▋▍▎▏▕]'

# no_re REGEX: true when no line of the pane matches REGEX now
no_re() { ! screen_text | grep -qE -- "$1"; }

# wait_gone TEXT [SECONDS]
wait_gone() {
	local text=$1 secs=${2:-10} i
	for i in $(seq 1 $((secs * 20))); do
		screen_text | grep -qF -- "$text" || return 0
		sleep 0.05
	done
	return 1
}

client_alive() { ! screen_text | grep -q "ANZHI-EXITED"; }

resize() { tmux -L "$E2E_SOCK" resize-window -t e2e -x "$1" -y "$2"; }

# demo_password USER: from demo-accounts.json (the service writes it)
demo_password() {
	python3 - "$E2E_TMP/data/demo-accounts.json" "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
accts = d if isinstance(d, list) else d.get("accounts") or d.get("users") or []
for a in accts:
    if a.get("username") == sys.argv[2]:
        print(a.get("password", "")); break
PY
}

# demo_addable_idno N: the N-th registry person the demo placed nowhere this
# year (demo-accounts.json "addable_idnos"), empty when the file has none
demo_addable_idno() {
	python3 - "$E2E_TMP/data/demo-accounts.json" "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ids = d.get("addable_idnos", []) if isinstance(d, dict) else []
n = int(sys.argv[2])
print(ids[n] if n < len(ids) else "")
PY
}

# login USER: types the user name and password and waits for the list
login() {
	local pw
	pw=$(demo_password "$1")
	wait_for "$(printf '\xe7\x94\xa8\xe6\x88\xb7\xe5\x90\x8d')" 10 || return 1   # 用户名
	type_text "$1"; keys Tab; type_text "$pw"; keys Enter
}

# a tiny valid PNG (1x1) for uploads
make_png() {
	python3 - "$1" <<'PY'
import struct, sys, zlib
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
}

# display column where TEXT starts on LINE (CJK = 2 columns)
display_col() {
	python3 - "$1" "$2" <<'PY'
import sys, unicodedata
line, text = sys.argv[1], sys.argv[2]
i = line.find(text)
if i < 0: print(-1); sys.exit()
print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line[:i]))
PY
}

# ---- the service directly, beside the client (a second user's write between
# the client's load and save, a slow or stopped service)

# api_as USER METHOD PATH [BODY] [IF-MATCH]: the service as USER, JSON on stdout.
# USER is another device with one session, kept in $E2E_TMP (a sign-in per
# call would soon pass the service's sessions per user and end the client's,
# the oldest); signed in again if that session has ended.
api_as() {
	local f="$E2E_TMP/api-token.$1" body tok code try
	body=$(mktemp "$E2E_TMP/api-body.XXXXXX")
	for try in 1 2; do
		tok=$(cat "$f" 2>/dev/null)
		if [ -z "$tok" ]; then
			tok=$(curl -ks -X POST "$E2E_URL/api/v1/sessions" \
				-d "{\"username\":\"$1\",\"password\":\"$(demo_password "$1")\"}" |
				python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
			echo "$tok" >"$f"
		fi
		code=$(curl -ks -o "$body" -w '%{http_code}' -X "$2" "$E2E_URL/api/v1$3" \
			-H "Authorization: Bearer $tok" ${4:+-d "$4"} ${5:+-H "If-Match: $5"})
		[ "$code" = 401 ] && [ "$try" = 1 ] && { rm -f "$f"; continue; }
		break
	done
	cat "$body"
	rm -f "$body"
}

# jpy EXPR JSON: a Python expression over the parsed JSON `j`, printed
jpy() { python3 -c 'import json,sys; j=json.loads(sys.argv[2]); print(eval(sys.argv[1]))' "$1" "$2"; }

# the anzhi process of this test (for signals)
client_pid() {
	pgrep -f -- "--server $E2E_URL" | while read -r p; do
		[ "$(cat /proc/"$p"/comm 2>/dev/null)" = anzhi ] && echo "$p"; done | head -1
}

# stop_service / resume_service: the service freezes (SIGSTOP): requests hang
stop_service() { kill -STOP "$E2E_SERVER_PID"; }
resume_service() { kill -CONT "$E2E_SERVER_PID"; }

# slow_proxy BYTES_PER_S: a TCP proxy to the service that forwards what the
# client sends at most that fast (TLS passes through: the pin still holds);
# prints its URL.  Stopped with the test.
slow_proxy() {
	local target=${E2E_URL#https://}
	python3 - "$1" "${target%:*}" "${target##*:}" "$E2E_TMP/proxy.port" >/dev/null 2>&1 <<'PY' &
import asyncio, sys
rate, host, port, portfile = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
async def pipe(r, w, limit):
    try:
        while True:
            data = await r.read(16384)
            if not data:
                break
            w.write(data)
            await w.drain()
            if limit:
                await asyncio.sleep(len(data) / limit)
    except Exception:
        pass
    finally:
        w.close()
async def serve(cr, cw):
    ur, uw = await asyncio.open_connection(host, port)
    await asyncio.gather(pipe(cr, uw, rate), pipe(ur, cw, 0))
async def main():
    srv = await asyncio.start_server(serve, "127.0.0.1", 0)
    open(portfile, "w").write(str(srv.sockets[0].getsockname()[1]))
    async with srv:
        await srv.serve_forever()
asyncio.run(main())
PY
	echo $! >"$E2E_TMP/proxy.pid"
	wait_until 5 test -s "$E2E_TMP/proxy.port" || return 1
	echo "https://127.0.0.1:$(cat "$E2E_TMP/proxy.port")"
}

# wait_idle [SECONDS]: no request running (the status bar's spinner gone) —
# before Esc, which cancels a running request rather than leave the screen
wait_idle() {
	local secs=${1:-10} i
	for i in $(seq 1 $((secs * 20))); do
		screen_text | tail -2 | head -1 | grep -q '加载中' || return 0
		sleep 0.05
	done
	return 1
}

# make_big_png FILE MB: a real PNG (random pixels, stored uncompressed) of
# about MB megabytes, for uploads whose progress is to be seen
make_big_png() {
	python3 - "$1" "$2" <<'PY'
import os, struct, sys, zlib
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
w = 1024
h = int(float(sys.argv[2]) * 1024 * 1024) // (w * 3 + 1)
raw = b"".join(b"\x00" + os.urandom(w * 3) for _ in range(h))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(raw, 0)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
}
