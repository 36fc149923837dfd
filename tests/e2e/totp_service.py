"""A stand-in for the login of a service whose account has a second factor
(doc/api.md of the admin issue: POST /sessions answers 401 totp_required to
a right password without a code, then 201 with {"totp"}), over plain HTTP on
loopback, for test_cli.sh. Prints its port, then serves until killed."""
import http.server
import json
import sys

PASSWORD, CODE = "pw-2fa-2025", "123456"


class Handler(http.server.BaseHTTPRequestHandler):
    def answer(self, status, body, kind="application/json"):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def problem(self, code):
        self.answer(401, {"status": 401, "code": code, "detail": code},
                    "application/problem+json")

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if self.path != "/api/v1/sessions" or body.get("password") != PASSWORD:
            self.problem("unauthorized")
        elif "totp" not in body:
            self.problem("totp_required")
        elif body["totp"] != CODE:
            self.problem("unauthorized")
        else:
            self.answer(201, {"token": "t" * 43, "expires_in": 28800,
                              "user": {"username": body["username"], "role": "reviewer",
                                       "display_name": "2FA", "totp": True}})

    def do_GET(self):
        self.answer(200, {"keys": []})

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
sys.stdout.close()
server.serve_forever()
