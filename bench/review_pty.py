#!/usr/bin/env python3
"""review_pty — the review workbench timed from the terminal's side: anzhi
runs in a pseudo-terminal (80x24) that this script reads byte by byte, so a
key's time to the next case drawn and the bytes each case transition writes
are measured where the user sees them, not by polling a multiplexer.

    review_pty.py ANZHI URL PIN USER PASSWORD NAME1 NAME2 …

Signs in, opens the queue's first case (Enter), then for each next name:
waits until it is fetched ahead (the case on screen names it as the next
one), presses V and measures the time until NAME is written to the terminal
as the case shown, and the bytes written from the key until the case is
drawn and until the screen is quiet (0.5 s without output).
Prints one line per transition: "ms BYTES_DRAWN BYTES_QUIET", then
"keys N cases M"."""
import os
import pty
import select
import sys
import time

anzhi, url, pin, user, password = sys.argv[1:6]
names = sys.argv[6:]

env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="zh_CN", TERM="xterm-256color",
           COLUMNS="80", LINES="24")
pid, fd = pty.fork()
if pid == 0:
    os.execve(anzhi, [anzhi, "--server", url, "--pin", pin], env)

import fcntl
import struct
import termios
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))

out = bytearray()     # everything written since the last mark


def read_for(seconds):
    """Reads what comes within `seconds`; returns the bytes read."""
    got = bytearray()
    end = time.monotonic() + seconds
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return bytes(got)
        r, _, _ = select.select([fd], [], [], left)
        if not r:
            return bytes(got)
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return bytes(got)
        got += chunk
        out.extend(chunk)


def read_once(seconds):
    """One read of what is there, waiting at most `seconds` for it."""
    r, _, _ = select.select([fd], [], [], max(seconds, 0))
    if r:
        try:
            out.extend(os.read(fd, 65536))
        except OSError:
            pass


def wait_for(text, seconds):
    """Reads until text appears in what was read since the last mark; the
    time it took (checked after every read), or None."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < seconds:
        if text in out:
            return time.monotonic() - t0
        read_once(seconds - (time.monotonic() - t0))
    return None


def mark():
    out.clear()


def quiet(gap=0.5, limit=10):
    """Reads until nothing comes for `gap` seconds."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        if not read_for(gap):
            return


keys = 0


def press(b):
    global keys
    keys += 1
    os.write(fd, b)


if wait_for("用户名".encode(), 15) is None:
    sys.exit("no login form")
os.write(fd, user.encode() + b"\t" + password.encode() + b"\r")
mark()
if wait_for("安置审核".encode(), 30) is None or wait_for("*".encode(), 30) is None:
    sys.exit("no queue after signing in")
quiet(1.0)
mark()
press(b"\r")
if wait_for("审核 1/".encode(), 30) is None:
    sys.exit("Enter opened no case")
cases = 0
for name in names:
    # fetched ahead: the case on screen names it as the next one
    if wait_for(name.encode(), 30) is None:
        sys.exit("%s was never fetched ahead" % name)
    quiet(0.5)
    mark()
    t0 = time.monotonic()
    press(b"V")
    took = wait_for(name.encode(), 10)
    if took is None:
        sys.exit("V did not bring %s" % name)
    drawn = len(out)
    quiet(0.5)
    cases += 1
    print("%.1f %d %d" % (took * 1000, drawn, len(out)), flush=True)
print("keys %d cases %d" % (keys, cases))
os.write(fd, b"q")
read_for(1.0)
try:
    os.kill(pid, 15)
    os.waitpid(pid, 0)
except OSError:
    pass
