#!/usr/bin/env bash
# e2e: the year's declaration from the list — a submitted list is locked (a
# delete is refused at once with the reason: the action needs an open list),
# 年审申报撤回 reopens it, and 完成申报 checks the list before asking and names
# the persons not yet confirmed.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
e2e_start_client
login beifang   # the demo's unit whose 2025 declaration is submitted
check "signed in" wait_for "审核状态" 10
check "the list says the declaration is submitted" wait_for "年审申报: 已申报" 5
keys d
check "a submitted list refuses a delete at once and says why" wait_for "名单已锁定" 10
check "without asking first" bash -c "! tmux -L $E2E_SOCK capture-pane -p -t e2e | grep -q 'y = 是'"
keys W; wait_for "y = 是" 5 >/dev/null; keys y
check "年审申报撤回 reopens the declaration" wait_for "年审申报: 未申报" 10
keys S
check "完成申报 checks first: it names who is not confirmed" wait_re '无法完成申报:有 [0-9]+ 人尚未审核确认:.*\*.*\(' 10
check "and asks nothing" bash -c "! tmux -L $E2E_SOCK capture-pane -p -t e2e | grep -q 'y = 是'"

# 单位信息维护: 上年度职工数 edited and saved with If-Match
keys U
check "the unit's information opens" wait_for "上年度职工数" 5
wait_re '上年度职工数 +[0-9]' 10 >/dev/null   # loaded: Tab goes over its fields
for _ in 1 2 3 4 5; do keys Tab; done
keys C-u; type_text 270; keys C-s
check "the unit's staff count is saved" wait_for "已保存" 10
keys Escape
wait_for "审核状态" 5 >/dev/null

# the levy calculator previews with the unit's staff and placed persons filled in
keys c
check "the calculator opens with the unit's numbers" wait_re '上年度职工数 +270( |$)' 10
type_text 72000; keys Enter
check "the calculator shows the levy and its steps" wait_for "应缴残保金" 10
e2e_done
