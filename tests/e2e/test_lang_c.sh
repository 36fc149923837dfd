#!/usr/bin/env bash
# e2e: anzhi in a locale that is not UTF-8 (LC_ALL=C, LC_ALL=POSIX).  The
# layout never breaks: nothing but ASCII reaches the terminal, a Chinese
# character of the data is "??" (as wide as it is), so the list's columns and
# the person form's fields stay aligned, ✓/✗ are Y/x, and a one-line hint says
# to use a UTF-8 locale.  (Before, masked names read "?*?" and shifted the
# columns, and the person form printed bytes as M-e garbage.)
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi

ascii_only() { ! screen_text | LC_ALL=C grep -q $'[\x80-\xff]'; }

# aligned HEADER_WORD ROW_REGEX VALUE_REGEX: on every line matching ROW_REGEX
# the text at the column where HEADER_WORD starts in the header matches
# VALUE_REGEX (ASCII only on screen: a byte is a column)
aligned() {
	screen_text | python3 -c '
import re, sys
head, row_re, val_re = sys.argv[1:4]
lines = sys.stdin.read().split("\n")
hdr = next((l for l in lines if re.search(r"\b" + re.escape(head) + r"\b", l) and "No." in l), None)
if hdr is None:
    sys.exit("no header with " + head)
col = hdr.index(head)
rows = [l for l in lines if re.match(row_re, l)]
bad = [l for l in rows if not re.match(val_re, l[col:])]
if not rows or bad:
    print("# column %d: %d rows, misaligned: %r" % (col, len(rows), bad[:3]))
    sys.exit(1)
' "$@"
}

E2E_ENV="LC_ALL=C" e2e_start_client
check "LC_ALL=C: the login form is drawn" wait_for "User name" 10
check "a one-line hint says to use a UTF-8 locale" wait_for "Not a UTF-8 locale: Chinese shows as ??; use e.g. LANG=zh_CN.UTF-8" 5
check "the demo accounts' regions are placeholders two columns a character" \
	wait_re '^  xinghe +unit user +\?{6} 91150924MA0HXD012T$' 5
check "nothing but ASCII reaches the terminal" ascii_only

type_text xinghe; keys Tab; type_text "$(demo_password xinghe)"; keys Enter
check "signed in: the list" wait_for "Placed persons - business year 2025" 10
check "a masked name is ??*?? (张*三 is five columns)" wait_re '^ .? +2 \?\?\*\?\? +150924\*{5}1031033 ' 10
check "every row's ID number starts under its header" \
	aligned "ID number" '^ [ >*]? +[0-9]+ ' '[0-9]{6}\*{5}[0-9]{6}[0-9X] '
check "every row's status starts under its header" \
	aligned "Status" '^ [ >*]? +[0-9]+ ' '(Confirmed|Incomplete|Pending review|Partly rejected|Rejected)'
check "still nothing but ASCII" ascii_only

keys Enter
check "the person form" wait_for "*ID number" 10
check "its Chinese values are placeholders, the columns kept" \
	wait_re '^\*ID number +150924198409151023 +\*Name +\?\?\?\?$' 5
person_aligned() {
	screen_text | python3 -c '
import sys
lines = sys.stdin.read().split("\n")
def value_col(label):
    line = next(l for l in lines if l.startswith(label))
    rest = line[len(label):]
    return len(label) + len(rest) - len(rest.lstrip(" "))
cols = {value_col(x) for x in ("*ID number", "Household type", "Education", "Dispatched", "Contract type")}
first = lambda label: next(l for l in lines if l.startswith(label))
right = {first("*ID number").find("*Name"), first("Household type").find("Household region")}
wide = [l for l in lines if len(l) > 80]
sys.exit(0 if len(cols) == 1 and right == {40} and not wide else "values at %r, right half at %r" % (cols, right))
'
}
check "the form's values line up, the right half at column 40" person_aligned
check "no garbage on the form: ASCII only" ascii_only
keys C-n
check "the month grid" wait_for "Months registered" 10
check "its marks are Y (ASCII for a check passed)" wait_re '^Y +202501 Y +Y +Y ' 10
check "the grid is ASCII only" ascii_only
check "the client is still running" client_alive
tmux -L "$E2E_SOCK" kill-server

E2E_ENV="LC_ALL=POSIX LANG=POSIX" e2e_start_client
check "LC_ALL=POSIX: the same hint" wait_for "Not a UTF-8 locale" 10
check "and ASCII only" ascii_only
e2e_done
