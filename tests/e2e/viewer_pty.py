#!/usr/bin/env python3
"""viewer_pty: the material viewer on terminals that draw pictures.

Usage: viewer_pty.py KIND ANZHI URL PIN IDNO RUNTIME_DIR [--bench]
KIND is the terminal played (tests/e2e/ptyterm.py): sixel (DA1 lists 4),
kitty (answers kitty's graphics query) or plain (neither: block art).
Signs in as xinghe, opens the person IDNO's materials (a PNG, then a
two-page A4 PDF uploaded before), and prints "ok - …" / "not ok - …"; with
--bench, "# …" lines with the bytes written per page and the time to the
first picture instead of checks, and the same for a third file, a scanned
A4 page (tests/e2e/make_material.py scan).
"""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ptyterm import KITTY, SIXEL, Term  # noqa: E402

kind, anzhi, url, pin, idno, runtime = sys.argv[1:7]
bench = "--bench" in sys.argv
fails = 0
BLOCKS = re.compile("[\u2580-\u259f]")


def check(name, ok):
    global fails
    if bench:
        return
    print(("ok - " if ok else "not ok - ") + name, flush=True)
    fails += 0 if ok else 1


def note(metric, value, unit):
    """A bench line: "# bench METRIC|VALUE|UNIT" (bench/viewer.sh makes rows of them)."""
    print("# bench %s %s|%s|%s" % (kind, metric, value, unit), flush=True)


env = dict(os.environ, TERM="xterm-256color", LC_ALL="C.UTF-8", LANGUAGE="zh_CN",
           HOME=os.path.join(runtime, "home"), XDG_CONFIG_HOME=os.path.join(runtime, "home"),
           XDG_STATE_HOME=os.path.join(runtime, "home"), XDG_RUNTIME_DIR=runtime)
env.pop("NO_COLOR", None)
env.pop("TMUX", None)
t = Term([anzhi, "--server", url, "--pin", pin], env, kind=kind)
picture = SIXEL if kind == "sixel" else KITTY


def step(keys, pattern, timeout=10):
    m = t.mark()
    t.send(keys)
    return t.wait_text(pattern, m, timeout)


ok = t.wait_text("用户名") and step("xinghe\tdemo1234\r", "安置人员列表")
ok = ok and step("/", "身份证号") and step(idno + "\r", re.escape(idno[-7:]))
ok = ok and step("\r", "残疾人基本信息") and step("\x0e", "安置登记月份") and step("\x0e", "资料上传")
check("%s terminal: signed in and at the person's materials" % kind, ok)
t.settle()

# the PNG: the first uploaded file
m = t.mark()
t0 = time.monotonic()
t.send("\to")
if kind == "plain":
    shown = t.wait_text("第 1/1 页", m)
    t.settle()   # the rest of the frame: curses writes it in more than one piece
    check("a terminal without sixel or kitty gets block art", shown and BLOCKS.search(t.text(m)) is not None)
    check("and no sixel or kitty graphics", not SIXEL.search(t.out, m) and not KITTY.search(t.out, m))
else:
    g = t.wait_bytes(picture, m)
    check("the PNG is drawn as %s graphics" % kind, g is not None)
    t.settle()
    # at the picture's cell: below the title and the line of facts
    check("at row 3, the cursor saved and put back",
          g is not None and t.out.rfind(b"\x1b7\x1b[3;", m, g.start()) >= 0 and
          t.out.find(b"\x1b8", g.end()) >= 0)
    if kind == "sixel" and g:
        check("sized to the area: 800 pixels across, 20 rows of 20 pixels at most",
              g.group(1) == b"800" and int(g.group(2)) <= 400)
check("the terminal was asked once what it draws", t.answered["da1"] == 1)
if bench:
    drawn = t.time_at(g.end() - 1) if kind != "plain" and g else t.time_at(len(t.out) - 1)
    note("PNG 600x800: key to picture drawn", "%.0f" % ((drawn - t0) * 1000), "ms")
    note("PNG 600x800: bytes written (screen + picture)", len(t.out) - m, "bytes")

# the PDF: the second file
step("\x1b", "资料上传")
t.settle()
t.send("j")
t.settle()
m = t.mark()
t0 = time.monotonic()
t.send("o")
if kind == "plain":
    first = t.wait_text("第 1/2 页", m)
    t.settle()
    first_ms = (t.time_at(len(t.out) - 1) - t0) * 1000
else:
    g = t.wait_bytes(picture, m)
    first = g is not None and t.wait_text("第 1/2 页", m)
    first_ms = (t.time_at(g.end() - 1) - t0) * 1000 if g else 0
check("the PDF's first page shows, with the page count", first)
t.settle()
if bench:
    note("A4 PDF: key to first page drawn", "%.0f" % first_ms, "ms")
    note("A4 PDF: bytes written (screen + page)", len(t.out) - m, "bytes")
m = t.mark()
t0 = time.monotonic()
t.send("n")
if kind == "plain":
    nxt = t.wait_text("第 2/2 页", m)
    t.settle()
    next_ms = (t.time_at(len(t.out) - 1) - t0) * 1000
else:
    g = t.wait_bytes(picture, m)
    nxt = g is not None and t.wait_text("第 2/2 页", m)
    next_ms = (t.time_at(g.end() - 1) - t0) * 1000 if g else 0
    t.settle()
check("n draws the next page", nxt)
if kind == "sixel" and not bench:
    # a larger terminal: the terminal cleared, the page drawn again to its width
    m = t.mark()
    t.resize(30, 100)
    g = t.wait_bytes(SIXEL, m)
    t.settle()
    g = list(SIXEL.finditer(t.out, m))
    check("a resize clears the terminal and draws the page again at the new width",
          g != [] and g[-1].group(1) == b"1000" and t.out.find(b"\x1b[H\x1b[2J", m) >= 0)
    m = t.mark()
    t.resize(20, 60)
    check("too small a terminal: the notice, no picture over it",
          t.wait_text("终端太小", m) and (t.settle() or True) and not SIXEL.search(t.out, m))
    t.resize(24, 80)
    t.settle()
if bench:
    note("A4 PDF: next page drawn", "%.0f" % next_ms, "ms")
    note("A4 PDF: bytes per page draw (next page)", len(t.out) - m, "bytes")
    m = t.mark()
    t.send("j")
    t.settle()
    note("A4 PDF: bytes for a pan (j)", len(t.out) - m, "bytes")
    m = t.mark()
    t.send("+")
    t.settle()
    note("A4 PDF: bytes for a zoom in (+, then sharper)", len(t.out) - m, "bytes")
if bench:
    step("\x1b", "资料上传")
    t.settle()
    t.send("j")
    t.settle()
    m = t.mark()
    t0 = time.monotonic()
    t.send("o")
    if kind == "plain":
        t.wait_text("第 1/1 页", m, 60)
        t.settle()
        end = t.time_at(len(t.out) - 1)
    else:
        g = t.wait_bytes(picture, m, 60)
        end = t.time_at(g.end() - 1) if g else time.monotonic()
        t.settle()
    note("scanned A4 (300 dpi): key to first page drawn", "%.0f" % ((end - t0) * 1000), "ms")
    note("scanned A4 (300 dpi): bytes (screen + page)", len(t.out) - m, "bytes")
    m = t.mark()
    t.send("j")
    t.settle()
    note("scanned A4 (300 dpi): bytes for a pan (j)", len(t.out) - m, "bytes")
t.send("q")
t.settle()
t.send("q")
t.close()
left = [n for n in os.listdir(runtime) if n.startswith("anzhi-")]
check("the downloaded files are gone when anzhi ends", left == [])
sys.exit(1 if fails else 0)
