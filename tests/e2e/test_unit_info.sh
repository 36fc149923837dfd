#!/usr/bin/env bash
# e2e: 单位信息维护 as a new user found it — what the unit may not change
# (its name, its credit code, 残联主管部门) is shown and read-only, typing there
# says why; a field the service refuses is marked with the reason beside it,
# in words (what the field should hold; the service's English detail goes to
# the message log), and everything typed stays.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
USCC=91150924MA0HXD012T
e2e_start_client
login xinghe
wait_re '业务年度:2025年' 10 >/dev/null
keys U
check "the unit's information opens" wait_re '残联主管部门 +150924' 10
for _ in $(seq 7); do keys Tab; done   # 残联主管部门
type_text 9
check "typing into 残联主管部门 says it is the federation's" wait_for "残联主管部门由残联维护:单位不能在此修改" 5
check "and changes nothing" wait_re '残联主管部门 +150924( |$)' 2
check "the form is not even dirty" no_re '单位基本信息 \*'
keys Tab   # 税务主管部门
keys C-u; type_text 159999
keys Tab Tab; type_text 测试   # 法人姓名: a second edit that must stay
keys C-s
check "the field says why, in words: what it should hold" \
	wait_re '税务主管部门: 填写内容不正确:应为服务认可的六位行政区划代码\(GB/T 2260\)' 10
check "the service's English detail is not on the screen" no_re 'unknown region'
check "the field is marked" wait_re '税务主管部门 +159999 *!' 5
check "what was typed stays" wait_re '法人姓名 +王建军测试' 2
check "nothing was saved" test "$(jpy 'j["tax_region"]' "$(api_as xinghe GET "/units/$USCC")")" != 159999
check "the client is still running" client_alive
e2e_done
