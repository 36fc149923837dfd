#!/usr/bin/env python3
"""slowproxy: a TCP relay on loopback that lets the service's answers
through at RATE bytes a second once a connection has carried FREE bytes
(256 KB: signing in and moving between screens go at full speed, a large
download crawls).  TLS passes through untouched: the client still pins the
service's key.  Prints its port, then relays until killed.

Usage: slowproxy.py UPSTREAM_PORT RATE
"""
import socket
import sys
import threading
import time

upstream, rate = int(sys.argv[1]), int(sys.argv[2])


FREE = 256 << 10


def pipe(src, dst, limit):
    carried = 0
    try:
        while True:
            slow = limit and carried >= FREE
            data = src.recv(max(1, limit // 20) if slow else 16384)
            if not data:
                break
            dst.sendall(data)
            carried += len(data)
            if slow:
                time.sleep(len(data) / limit)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(client):
    up = socket.create_connection(("127.0.0.1", upstream))
    threading.Thread(target=pipe, args=(client, up, 0), daemon=True).start()
    threading.Thread(target=pipe, args=(up, client, rate), daemon=True).start()


listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(16)
print(listener.getsockname()[1], flush=True)
while True:
    conn, _ = listener.accept()
    serve(conn)
