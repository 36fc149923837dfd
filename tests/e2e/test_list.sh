#!/usr/bin/env bash
# e2e: what a newcomer meets first — the login form advertises only keys that
# act there (q types a letter; Enter signs in) and names the demo accounts'
# roles in words; the list pages through next_cursor, wraps its header at the
# ", " separators, n finds the next person matching the last search, and the
# 待审核 filter shows both statuses awaiting review.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
mkdir -p "$E2E_TMP/home/.config/anzhi"
echo "page_size = 3" >"$E2E_TMP/home/.config/anzhi/config"
e2e_start_client
check "login hint bar: Enter signs in (登录), not 保存" wait_for "Enter 登录" 10
check "login hint bar: no q (it types into the field), Esc quits" \
	bash -c "$(declare -f screen_text); E2E_SOCK=$E2E_SOCK; s=\$(screen_text | tail -1); [[ \$s == *'Esc 退出'* && \$s != *'q 退出'* && \$s != *'? 帮助'* ]]"
demo_line() { screen_text | grep -qE "$1"; }
check "demo accounts: roles in words with the region" demo_line "reviewer +审核员 +乌兰察布市"
check "demo accounts: a unit account shows its county and USCC" \
	demo_line "xinghe +单位用户 +兴和县 91150924MA0HXD012T"
keys F1
check "help on login names the sign-in key" wait_for "用用户名和密码登录" 5
check "help on login lists no dead keys (no search)" no_re '搜索'
keys Escape
login xinghe
check "signed in" wait_for "150924*****" 10
check "pages of 3 are fetched through next_cursor until the screen is full" wait_for "10 黄*峰" 10
check "the header wraps at a separator, not inside 审核不通过" wait_for "审核不通过 0 人" 5
check "no header line ends inside a phrase" bash -c "! tmux -L $E2E_SOCK capture-pane -p -t e2e | grep -q ', 审$'"
keys n
check "n before any search says so" wait_for "请先搜索" 5
keys /
type_text "无此人"; keys Enter
check "a search that finds nobody says why" wait_for "没有符合条件的人员" 5
keys / C-u
type_text "杨"; keys Enter
check "a surname finds the person who has it" wait_for "1 杨*军" 5
check "and no one else" bash -c "! tmux -L $E2E_SOCK capture-pane -p -t e2e | grep -q '黄\*峰'"
keys / C-u Enter
wait_for "10 黄*峰" 10 >/dev/null
keys n
check "n jumps to the next loaded person matching the last search" wait_re '^ >   8 杨\*军' 5
# the 待审核 filter: every person awaiting review, the dispatched worker's
# 待审核(合同需审核) included (the client once retyped the status words)
keys f f
check "the filter shows 待审核" wait_for "筛选:待审核" 5
check "the 待审核 filter lists a 待审核 person" wait_for "李*国" 10
check "and the 待审核(合同需审核) person" wait_for "待审核(合同需审核)" 5
check "and no one confirmed" bash -c "! tmux -L $E2E_SOCK capture-pane -p -t e2e | grep '[0-9]\{6\}\*\{5\}' | grep -q '已审核确认'"
check "the client is still running" client_alive
e2e_done
