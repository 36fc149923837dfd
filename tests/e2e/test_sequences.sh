#!/usr/bin/env bash
# e2e: escape sequences the terminfo does not know arrive as one key — the
# client runs with TERM=screen-256color (tmux), whose terminfo lists ESC [ 1 ~
# and ESC [ 4 ~ for Home and End, while an xterm (or PuTTY, Xshell) sends
# ESC [ H / ESC [ F / ESC O F.  Read as Esc plus letters they once left the
# unit-info form (losing its edits) and '[' switched the business year.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
raw() { tmux -L "$E2E_SOCK" send-keys -t e2e -H "$@"; }   # bytes, as a terminal sends them
e2e_start_client
login xinghe
check "signed in on the list of 2025" wait_re '业务年度:2025年' 10
keys U
check "the unit's information opens" wait_for "上年度职工数" 5
for _ in 1 2 3 4 5; do keys Tab; done   # 上年度职工数
keys C-u; type_text 270
check "a number typed into the staff field" wait_re '上年度职工数 +270( |$)' 5
raw 1b 5b 48; type_text 1                # Home, xterm's ESC [ H
check "ESC [ H is Home: the 1 goes first" wait_re '上年度职工数 +1270( |$)' 5
raw 1b 5b 46; type_text 9                # End, xterm's ESC [ F
check "ESC [ F is End: the 9 goes last" wait_re '上年度职工数 +12709( |$)' 5
keys C-a; raw 1b 4f 46; type_text 8      # End, application mode ESC O F
check "ESC O F is End too" wait_re '上年度职工数 +127098( |$)' 5
keys C-a; raw 1b 5b 31 3b 35 46; type_text 7   # Ctrl-End, ESC [ 1 ; 5 F
check "ESC [ 1 ; 5 F (Ctrl-End) is End" wait_re '上年度职工数 +1270987( |$)' 5
raw 1b 5b 39 39 3b 39 71; type_text 6    # ESC [ 99 ; 9 q: no key anyone knows
check "an unknown complete sequence is dropped whole" wait_re '上年度职工数 +12709876( |$)' 5
check "the form is still open with its edits" wait_for "单位基本信息 *" 2
keys Escape
check "Esc alone is Esc: it asks about the unsaved edits" wait_for "有未保存的修改" 5
keys d
check "and discarding them leaves the form" wait_re '安置人员列表' 5
check "and the business year did not change" wait_re '业务年度:2025年' 2
check "the client is still running" client_alive
e2e_done
