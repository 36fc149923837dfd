"""ptyterm: anzhi in a pseudo-terminal that plays a graphics terminal.

tmux (Debian 12's 3.3a) neither passes sixel nor answers as a sixel
terminal, so the sixel and kitty paths are driven here: the client runs on
a pty of 80x24 cells of 10x20 pixels; this side reads everything it writes,
answers its queries the way the terminal being played would (DA1 "ESC [ c",
the cell size "ESC [ 16 t", kitty's graphics query), and offers waits on
the text it drew (escape sequences stripped) and on graphics it wrote.
Used by tests/e2e/test_viewer.sh and bench/viewer.sh.
"""
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time

DA1_QUERY = b"\x1b[c"
CELL_QUERY = b"\x1b[16t"
KITTY_QUERY = re.compile(rb"\x1b_Gi=31,[^\x1b]*\x1b\\")
# what is not text: CSI, OSC / DCS / APC / PM / SOS strings, two-byte escapes
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]P_^X].*?(?:\x1b\\|\x07)|\x1b[()][0-9A-Za-z]|\x1b[=>78DEHMNOZc]",
                     re.S)
SIXEL = re.compile(rb"\x1bP[0-9;]*q\"1;1;(\d+);(\d+)(.*?)\x1b\\", re.S)
KITTY = re.compile(rb"\x1b_Ga=T,f=24,o=z,s=(\d+),v=(\d+),c=(\d+),r=(\d+)")

TERMINALS = {
    # what each played terminal answers to DA1, and whether it knows kitty's query
    "sixel": (b"\x1b[?62;4;22c", False),
    "kitty": (b"\x1b[?62;22c", True),
    "plain": (b"\x1b[?62;22c", False),
}


class Term:
    def __init__(self, argv, env, kind="sixel", rows=24, cols=80, cell=(10, 20)):
        self.da1, self.kitty = TERMINALS[kind]
        self.cell = cell
        self.out = b""
        self.answered = {"da1": 0, "cell": 0, "kitty": 0}
        self._scan = 0
        self._done = set()
        self.arrivals = []   # (bytes read so far, when)
        pid, fd = pty.fork()
        if pid == 0:
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, cols * cell[0], rows * cell[1]))

    def pump(self, seconds=0.05):
        """Reads what the client wrote for up to `seconds`, answering queries."""
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                break
            r, _, _ = select.select([self.fd], [], [], left)
            if not r:
                break
            try:
                data = os.read(self.fd, 1 << 16)
            except OSError:
                break
            if not data:
                break
            self.out += data
            self.arrivals.append((len(self.out), time.monotonic()))
            self._answer()

    def _answer(self):
        # a query may arrive cut over two reads: look back a little, and
        # answer each one (by where it starts) once
        start = max(0, self._scan - 128)
        queries = [(re.compile(re.escape(CELL_QUERY)), "cell",
                    b"\x1b[6;%d;%dt" % (self.cell[1], self.cell[0])),
                   (KITTY_QUERY, "kitty", b"\x1b_Gi=31;OK\x1b\\" if self.kitty else None),
                   (re.compile(re.escape(DA1_QUERY)), "da1", self.da1)]
        for regex, name, reply in queries:
            for m in regex.finditer(self.out, start):
                if (name, m.start()) in self._done:
                    continue
                self._done.add((name, m.start()))
                if reply:
                    os.write(self.fd, reply)
                    self.answered[name] += 1
        self._scan = len(self.out)

    def resize(self, rows, cols):
        """A new size (the kernel sends the client SIGWINCH)."""
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, cols * self.cell[0], rows * self.cell[1]))

    def send(self, data):
        os.write(self.fd, data.encode() if isinstance(data, str) else data)

    def mark(self):
        return len(self.out)

    def text(self, since=0):
        return ESCAPES.sub(b"", self.out[since:]).decode("utf-8", "replace")

    def wait_text(self, pattern, since=0, timeout=10):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if re.search(pattern, self.text(since)):
                return True
            self.pump(0.05)
        return False

    def wait_bytes(self, regex, since=0, timeout=10):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            m = regex.search(self.out, since)
            if m:
                return m
            self.pump(0.05)
        return None

    def time_at(self, offset):
        """When the byte at `offset` had arrived (monotonic seconds)."""
        for n, when in self.arrivals:
            if n > offset:
                return when
        return time.monotonic()

    def settle(self, quiet=0.3, timeout=10):
        """Reads until the client has written nothing for `quiet` seconds."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            before = len(self.out)
            self.pump(quiet)
            if len(self.out) == before:
                return

    def close(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        end = time.monotonic() + 5
        while time.monotonic() < end:
            self.pump(0.05)
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                break
        os.close(self.fd)
