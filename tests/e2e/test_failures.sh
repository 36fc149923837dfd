#!/usr/bin/env bash
# e2e: what the network can do wrong, each a clear translated message and
# never a crash — the service unreachable, a wrong pinned key, a 5xx, and an
# answer that is not JSON (a fake HTTPS service using the demo's certificate).
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi

try_login() { # expected-text
	login xinghe
	wait_for "$1" 15
}

# 1. a wrong pin: refused before any password is sent
REAL_PIN=$E2E_PIN
E2E_PIN=sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
e2e_start_client
check "a wrong pinned key is refused with a clear message" try_login "固定的公钥"
check "the client survives a wrong pin" client_alive
tmux -L "$E2E_SOCK" kill-server
E2E_PIN=$REAL_PIN

# 2. a fake service with the demo's own certificate: 500, then garbage
FAKE_PORT_FILE=$E2E_TMP/fake.port
python3 - "$E2E_TMP/data/tls/cert.pem" "$E2E_TMP/data/tls/key.pem" "$FAKE_PORT_FILE" <<'PY' &
import http.server, ssl, sys, threading
mode = {"n": 0}
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        mode["n"] += 1
        if mode["n"] <= 3:           # a POST is retried (it has an Idempotency-Key); all fail
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers(); return
        body = b"<html>not json \x1b[31m</html>"
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers(); self.wfile.write(body)
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
open(sys.argv[3], "w").write(str(srv.server_address[1]))
threading.Timer(120, srv.shutdown).start()
srv.serve_forever()
PY
FAKE_PID=$!
for _ in $(seq 1 50); do [ -s "$FAKE_PORT_FILE" ] && break; sleep 0.1; done
REAL_URL=$E2E_URL
E2E_URL=https://127.0.0.1:$(cat "$FAKE_PORT_FILE")
e2e_start_client
check "a 5xx answer says the service failed" try_login "服务出错"
keys Enter
check "an answer that is not JSON says so" wait_for "无法识别的应答" 15
check "the client survives bad answers" client_alive
tmux -L "$E2E_SOCK" kill-server
kill "$FAKE_PID" 2>/dev/null; wait "$FAKE_PID" 2>/dev/null
E2E_URL=$REAL_URL

# 3. nothing listens
E2E_URL=https://127.0.0.1:9
e2e_start_client
check "an unreachable service is named in the message" try_login "无法连接服务 https://127.0.0.1:9"
check "the client survives an unreachable service" client_alive
e2e_done
