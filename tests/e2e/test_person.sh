#!/usr/bin/env bash
# e2e: adding a person as a new user found it — a person already on the
# year's list is caught as soon as the ID number is complete (not after the
# whole form); another ID number clears what the registry filled for the
# previous one (the previous person's name and certificate once stayed); a
# bad checksum says why at the field, as `anzhi check-id` does.  And after
# the declaration is submitted, add and edit say the list is locked, and
# Enter opens a person to read only.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
USCC=91150924MA0HXD012T
listed=$(jpy 'j["items"][0]["id"]' "$(api_as xinghe GET "/units/$USCC/years/2025/placements?limit=1")")
listed_idno=$(jpy 'j["person"]["idno"]' "$(api_as xinghe GET "/placements/$listed")")
free1=$(demo_addable_idno 0)
free2=$(demo_addable_idno 1)
name2=$(jpy 'j["name"]' "$(api_as xinghe GET "/registry/persons/$free2")")
e2e_start_client
login xinghe
wait_re '业务年度:2025年' 10 >/dev/null

# ---- already on the list: said when the 18th character is typed
keys a
wait_for "输入身份证号" 5 >/dev/null
type_text "$listed_idno"
check "a person already on the year's list is said at once" wait_re '已在本年度名单中\(\*嵘\)' 10
check "at the ID number field" wait_re '身份证号: 已在本年度名单中' 5
keys C-s
check "and a save says it again instead of sending" wait_re '身份证号: 已在本年度名单中' 5

# ---- another ID number: the previous autofill goes
for _ in $(seq 18); do keys BSpace; done
type_text "$free1"
check "the registry fills the form" wait_for "已从残疾人库带出" 10
check "with the person's certificate" wait_re '残疾证号 +[0-9]{18}' 5
for _ in $(seq 18); do keys BSpace; done
check "another ID number clears what the registry filled" wait_re '已清除此前从残疾人库带出的 [0-9]+ 项' 5
name_empty() { ! screen_text | grep -qE '\*姓名 +[^ !]'; }
check "the previous person's name is gone" name_empty
cert_empty() { ! screen_text | grep -qE '残疾证号 +[0-9]{6}'; }
check "and their certificate" cert_empty
type_text "$free2"
check "the new person's own data comes instead" wait_re "\\*姓名 +$name2" 10

# ---- a bad checksum says why, in check-id's words
for _ in $(seq 18); do keys BSpace; done
bad=${free1:0:17}$(( (${free1:17:1} + 1) % 10 ))
[ "${free1:17:1}" = X ] && bad=${free1:0:17}0
type_text "$bad"
check "a bad check character is said at the field, why and what was expected" \
	wait_re "身份证号: 身份证号不正确:校验码错误\\(按前 17 位应为 ${free1:17:1}\\)" 5
check "in Chinese: the core's English detail is for the message log" no_re 'checksum'
wait_idle; keys Escape
wait_for "有未保存的修改" 5 >/dev/null; keys d
wait_re '安置人员列表' 5 >/dev/null
keys M
check "where it is" wait_re "详情:idno: checksum: expected '${free1:17:1}'" 5
keys q
wait_re '安置人员列表' 5 >/dev/null

# ---- a submitted year: add and edit say the list is locked; Enter reads
keys :; type_text logout; keys Enter
login beifang
check "a unit whose declaration is submitted" wait_for "年审申报: 已申报" 10
keys a
check "add says the list is locked" wait_for "已完成申报:名单已锁定(按 W 撤回)" 5
keys e
check "edit says the list is locked" wait_for "已完成申报:名单已锁定(按 W 撤回)" 5
keys Enter
check "Enter opens the person to read only" wait_for "(只读:名单已锁定)" 10
keys Tab; type_text x
check "typing says why it cannot change" wait_for "名单已锁定" 5
no_x() { ! screen_text | grep -qE '\*姓名 +[^ ]*x'; }
check "and changes nothing" no_x
keys C-s
check "save says it too" wait_for "名单已锁定" 5
wait_idle; keys Escape
check "leaving asks nothing: nothing was changed" wait_for "审核状态" 5
check "the client is still running" client_alive
e2e_done
