#!/usr/bin/env bash
# e2e: the window path (窗口受理) — a reviewer finds a unit of the region by
# part of its name, sees its persons month by month for the data year, types
# the staff count and the bank account (the unit's information filled in)
# and applies on its behalf; the application waits for the supervisor's
# 复审 (no 初审), which approves it. 80x24, NO_COLOR.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
E2E_ENV="NO_COLOR=1" e2e_start_client
logout() { keys :; type_text logout; keys Enter; wait_for "用户名" 10 >/dev/null; }

login reviewer
wait_for "通知公告" 10 >/dev/null
keys B
wait_for "超比例奖励审核" 10 >/dev/null
keys W
check "the window opens for last year's data" wait_re "窗口受理 - 数据年度 20[0-9]{2}" 5
keys /
wait_for "单位名称或统一社会信用代码" 5 >/dev/null
type_text "宏达"; keys Enter
check "a unit is found by part of its name, with its USCC" \
	wait_re "兴和县宏达商贸有限公司 +91150924MA0HXD012T +150924 +120" 10
keys Enter
check "its persons month by month" wait_re "^\*嵘 +150924\*+[0-9X]+ +(✓ +){11}✓" 10
check "what applying would count" wait_re "超比例安置残疾人数 6\.20 +超比例奖励金额\(元\) 68100\.00" 5
keys a
check "the staff count is asked, the unit's filled in" wait_re "上年度在职职工总数: ?120" 5
keys Enter
check "then the payee" wait_re "收款单位名称: ?兴和县宏达商贸有限公司" 5
keys Enter
check "then the account" wait_re "账号: ?6228480000000000001" 5
keys C-u; type_text 6228480000000000099; keys Enter
check "then the bank" wait_re "开户银行: ?中国农业银行" 5
keys Enter
check "applying asks first, with the amount" wait_for "申请 20" 5
keys y
check "a window application awaits the second review at once" wait_for "申请: 待复审" 10
check "with the account typed at the window" wait_re "账号 6228480000000000099" 5
logout

login supervisor
wait_for "通知公告" 10 >/dev/null
keys B
wait_for "超比例奖励审核" 10 >/dev/null
keys f
check "the supervisor's queue has the window application" \
	wait_re "兴和县宏达商贸有限公司 +20[0-9]{2} +窗口 +待复审" 10
keys Enter
wait_for "申请: 待复审" 10 >/dev/null
keys p
check "the supervisor's second review approves it" wait_for "申请: 审核通过" 10
check "anzhi still runs" client_alive
e2e_done
