#!/usr/bin/env python3
"""Two anzhid instances on one PostgreSQL database, behind haproxy (TCP, round
robin per connection), behave as one service. Started by
tests/scale/test_two_instances.sh beside a throwaway cluster (PG* set);
prints TAP lines ("ok - …" / "not ok - …").

Instance a seeds the demo; b shares a's TLS identity (as every instance behind
one name does) and nothing else but the database."""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zlib

ANZHID = os.environ.get("ANZHID", "build/release/anzhid")
TLS = ssl._create_unverified_context()  # loopback: the two instances' pins are compared instead
failures = 0


def report(ok, what, detail=""):
    global failures
    print(("ok - " if ok else "not ok - ") + what, flush=True)
    if not ok:
        failures += 1
        if detail:
            print("#   " + str(detail).replace("\n", "\n#   "), flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Instance:
    def __init__(self, name, root, db, demo):
        self.dir = os.path.join(root, name)
        self.log = open(os.path.join(root, name + ".log"), "w")
        args = [ANZHID, "--data", self.dir, "--db", db, "--listen", "127.0.0.1:0",
                "--threads", "4"] + (["--demo"] if demo else [])
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.pin, self.port = None, None
        for line in self.proc.stdout:
            if line.startswith("pin "):
                self.pin = line.split()[1]
            m = re.match(r"listening on https://127\.0\.0\.1:(\d+)", line)
            if m:
                self.port = int(m.group(1))
                break
        if not self.port:
            raise RuntimeError(name + " did not start: see " + self.log.name)
        # keep reading its output so that it never blocks on a full pipe
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def call(port, method, path, token=None, body=None, headers=None, raw=None, ctype=None):
    """One request on a new connection (so that haproxy picks the next instance)."""
    c = http.client.HTTPSConnection("127.0.0.1", port, context=TLS, timeout=30)
    h = dict(headers or {})
    if token:
        h["Authorization"] = "Bearer " + token
    data = raw
    if body is not None:
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    if ctype:
        h["Content-Type"] = ctype
    c.request(method, "/api/v1" + path, body=data, headers=h)
    r = c.getresponse()
    payload = r.read()
    c.close()
    try:
        doc = json.loads(payload) if payload and "json" in (r.getheader("Content-Type") or "") else None
    except ValueError:
        doc = None
    return r.status, doc, payload, r.getheader("ETag")


def login(port, user, password):
    st, doc, _, _ = call(port, "POST", "/sessions", body={"username": user, "password": password})
    return doc["token"] if st == 201 else None


def multipart(kind, filename, data):
    b = "anzhi" + uuid.uuid4().hex
    parts = (f"--{b}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n{kind}\r\n"
             f"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n"
             "Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{b}--\r\n".encode()
    return parts, "multipart/form-data; boundary=" + b


def served_by(inst, method, path_part):
    """How many requests of this method and path the instance logged."""
    inst.log.flush()
    with open(inst.log.name) as f:
        return sum(1 for line in f if method in line and path_part in line)


def main():
    root = tempfile.mkdtemp(prefix="anzhi-scale-")
    subprocess.run(["createdb", "anzhi_scale"], check=True)
    db = "postgresql:///anzhi_scale"
    procs = []
    try:
        a = Instance("a", root, db, demo=True)
        procs.append(a)
        os.makedirs(os.path.join(root, "b"), mode=0o700)
        shutil.copytree(os.path.join(a.dir, "tls"), os.path.join(root, "b", "tls"))
        b = Instance("b", root, db, demo=False)
        procs.append(b)
        report(a.pin == b.pin and a.pin, "both instances serve the one TLS identity")
        lb = free_port()
        cfg = os.path.join(root, "haproxy.cfg")
        with open(cfg, "w") as f:
            f.write(f"""global
  maxconn 512
defaults
  mode tcp
  timeout connect 5s
  timeout client 60s
  timeout server 60s
frontend anzhi
  bind 127.0.0.1:{lb}
  default_backend anzhid
backend anzhid
  balance roundrobin
  server a 127.0.0.1:{a.port}
  server b 127.0.0.1:{b.port}
""")
        hap = subprocess.Popen(["haproxy", "-db", "-f", cfg], stdout=subprocess.DEVNULL,
                               stderr=open(os.path.join(root, "haproxy.log"), "w"))
        procs.append(hap)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", lb), 1).close()
                break
            except OSError:
                time.sleep(0.05)
        checks(root, a, b, lb)
    finally:
        for p in reversed(procs):
            if isinstance(p, Instance):
                p.stop()
            else:
                p.terminate()
                p.wait()
        subprocess.run(["dropdb", "--if-exists", "anzhi_scale"])
        shutil.rmtree(root, ignore_errors=True)


def checks(root, a, b, lb):
    demo = json.load(open(os.path.join(a.dir, "demo-accounts.json")))
    year, unit = demo["year"], demo["addable_unit"]

    # a session made on one instance is known to the other
    tok = login(a.port, "xinghe", "demo1234")
    st, me, _, _ = call(b.port, "GET", "/me", tok)
    report(tok and st == 200 and me["username"] == "xinghe",
           "a token from instance a works on instance b", st)
    st, _, _, _ = call(b.port, "DELETE", "/sessions/current", tok)
    st, _, _, _ = call(a.port, "GET", "/me", tok)
    report(st == 401, "logging out on b ends the session on a too", st)
    tok = login(lb, "xinghe", "demo1234")
    seen = [call(lb, "GET", "/me", tok)[0] for _ in range(6)]
    report(seen == [200] * 6, "through haproxy, the token works on every connection", seen)

    # a placement the writers share
    idno = demo["addable_idnos"][0]
    st, person, _, _ = call(lb, "GET", "/registry/persons/" + idno, tok)
    body = {"person": {"idno": idno, "name": person["name"]},
            "contracts": [{"type": "open_ended", "start": "2020-01-01"}],
            "certificates": person["certificates"]}
    st, p, _, etag = call(lb, "POST", f"/units/{unit}/years/{year}/placements", tok, body)
    report(st == 201, "a placement is registered through haproxy", st)
    pid = p["id"]
    st, p, _, etag = call(lb, "PUT", f"/placements/{pid}/months", tok,
                          {"months": [f"{year}01"]}, {"If-Match": etag})

    # the same stale version through each instance: the second is refused
    st1, _, _, _ = call(a.port, "PUT", f"/placements/{pid}/months", tok,
                        {"months": [f"{year}01", f"{year}02"]}, {"If-Match": etag})
    st2, doc2, _, _ = call(b.port, "PUT", f"/placements/{pid}/months", tok,
                           {"months": [f"{year}01", f"{year}03"]}, {"If-Match": etag})
    report(st1 == 200 and st2 == 412 and doc2["code"] == "precondition_failed",
           "a write on a with version v, then one on b with v: 412", (st1, st2))
    call(a.port, "PUT", f"/placements/{pid}/months", tok, {"months": [f"{year}01"]},
         {"If-Match": call(a.port, "GET", f"/placements/{pid}", tok)[3]})

    # eleven writers through haproxy, each adding its month: read, write with
    # If-Match, on 412 read again; no month may be lost
    before = (served_by(a, "PUT", "/months"), served_by(b, "PUT", "/months"))
    stats = {"ok": 0, "412": 0, "other": []}
    lock = threading.Lock()

    def writer(month):
        for _ in range(200):
            st, cur, _, etag = call(lb, "GET", f"/placements/{pid}", tok)
            months = [m["month"] for m in cur["months"] if m["registered"]]
            st, _, _, _ = call(lb, "PUT", f"/placements/{pid}/months", tok,
                               {"months": sorted(set(months + [month]))}, {"If-Match": etag})
            with lock:
                if st == 200:
                    stats["ok"] += 1
                    return
                if st == 412:
                    stats["412"] += 1
                else:
                    stats["other"].append(st)
        with lock:
            stats["other"].append("gave up")

    threads = [threading.Thread(target=writer, args=(f"{year}{m:02d}",)) for m in range(2, 13)]
    v0 = call(lb, "GET", f"/placements/{pid}", tok)[1]["version"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    st, p, _, _ = call(lb, "GET", f"/placements/{pid}", tok)
    registered = [m["month"] for m in p["months"] if m["registered"]]
    after = (served_by(a, "PUT", "/months"), served_by(b, "PUT", "/months"))
    report(not stats["other"] and stats["ok"] == 11, "every writer's write went through in the end",
           stats)
    report(stats["412"] > 0, "concurrent writers of one version got 412", stats)
    report(len(registered) == 12 and p["version"] == v0 + 11,
           "no lost update: all twelve months registered, one version per write",
           (registered, p["version"], v0))
    report(after[0] > before[0] and after[1] > before[1],
           "the writes went through both instances", (before, after))

    # login limits count failures on every instance
    statuses = []
    for i in range(30):
        inst = a if i % 2 == 0 else b
        st = call(inst.port, "POST", "/sessions",
                  body={"username": "caoyuan", "password": "wrong-password"})[0]
        statuses.append(st)
        if st == 429:
            break
    limited_on = a if len(statuses) % 2 == 1 else b
    other = b if limited_on is a else a
    st_other, doc, _, _ = call(other.port, "POST", "/sessions",
                               body={"username": "caoyuan", "password": "demo1234"})
    report(statuses[-1] == 429 and st_other == 429,
           "failed logins on a and b add up: once limited, the other instance refuses too",
           (statuses, st_other))

    # a file uploaded through one instance downloads through the other
    data = png_with_filler(3 * 1024 * 1024 + 77)
    raw, ctype = multipart("wage", "proof.png", data)
    st, m, _, _ = call(a.port, "POST", f"/placements/{pid}/materials", tok, raw=raw, ctype=ctype)
    ok = st == 201
    st2, _, got, _ = call(b.port, "GET", f"/placements/{pid}/materials/{m['id']}", tok) if ok else (0, 0, b"", 0)
    report(ok and st2 == 200 and got == data,
           "a 3 MiB upload through a downloads byte for byte through b", (st, st2, len(got)))
    st, _, _, _ = call(b.port, "DELETE", f"/placements/{pid}/materials/{m['id']}", tok) if ok else (0,) * 4
    st2 = call(a.port, "GET", f"/placements/{pid}/materials/{m['id']}", tok)[0] if ok else 0
    report(st == 204 and st2 == 404, "deleted on b, gone on a", (st, st2))


def png_chunk(kind, body):
    return (struct.pack(">I", len(body)) + kind + body +
            struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))


def png_with_filler(n):
    """A whole 1x1 PNG (every chunk's CRC right: uploads are judged by their
    structure) carrying n random bytes in a private ancillary chunk."""
    return (b"\x89PNG\r\n\x1a\n" +
            png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)) +
            png_chunk(b"prVt", os.urandom(n)) +
            png_chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00\x00")) +
            png_chunk(b"IEND", b""))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # a setup failure is a failed test, with its reason
        report(False, "two instances behind haproxy", repr(e))
    sys.exit(1 if failures else 0)
