#!/usr/bin/env bash
# e2e: the user centre (用户中心, C) and administration from the keyboard —
# 修改密码 ends the user's other sessions and the new password signs in; an
# agent the unit creates (代理人账号管理) signs in; a second factor enrolled
# from the client (QR code and key shown, confirmed with a code this test
# makes with oathtool) is then asked at sign-in, where a fresh code and a
# recovery code are each taken; the administrator imports a units CSV and a
# unit account made for one of them signs in.
. "$(dirname "$0")/lib.sh"

command -v oathtool >/dev/null || { not_ok "oathtool is installed (scripts/deps.sh)"; e2e_done; }
if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi

# a session of USER with PASSWORD (the token, empty when refused)
token_of() {
	curl -ks -X POST "$E2E_URL/api/v1/sessions" -d "{\"username\":\"$1\",\"password\":\"$2\"}" |
		python3 -c 'import json,sys; print(json.load(sys.stdin).get("token",""))'
}
status_with() { # TOKEN PATH: the HTTP status of GET PATH
	curl -ks -o /dev/null -w '%{http_code}' "$E2E_URL/api/v1$2" -H "Authorization: Bearer $1"
}
logout() { keys :; type_text logout; keys Enter; wait_for "$(printf '\xe7\x94\xa8\xe6\x88\xb7\xe5\x90\x8d')" 10 >/dev/null; }
sign_in_as() { # USER PASSWORD
	wait_for "$(printf '\xe7\x94\xa8\xe6\x88\xb7\xe5\x90\x8d')" 10 >/dev/null || return 1
	type_text "$1"; keys Tab; type_text "$2"; keys Enter
}
# the TOTP code of base32 SECRET at unix time T
code_at() { oathtool --totp -b -N "@$2" "$1"; }

# ---- 修改密码: the other session ends, the new password signs in
OLD=$(demo_password xinghe)
other=$(token_of xinghe "$OLD")
check "a second session of xinghe works before" test "$(status_with "$other" /me)" = 200
e2e_start_client
login xinghe
wait_re '业务年度:2025年' 10 >/dev/null
check "the unit sees the filing deadline and the days left" wait_re '申报截止 [0-9]{4}-[0-9]{2}-[0-9]{2},剩 [0-9]+ 天' 10
keys C
check "C opens the user centre" wait_re '用户中心' 10
keys p; wait_for '当前密码' 5 >/dev/null
type_text "$OLD"; keys Enter; wait_for '新密码' 5 >/dev/null
type_text Hongda-2026-pass; keys Enter; wait_for '再次输入新密码' 5 >/dev/null
type_text Hongda-2026-pass; keys Enter
check "the change is confirmed in words" wait_for '密码已修改;您的其他会话均已退出' 10
check "the other session has ended" test "$(status_with "$other" /me)" = 401
check "the old password no longer signs in" test -z "$(token_of xinghe "$OLD")"
check "the new one does" test -n "$(token_of xinghe Hongda-2026-pass)"
keys R
check "this session goes on" wait_re '用户名 +xinghe' 10

# ---- 代理人账号管理: the unit creates an agent, who signs in
keys a
check "a lists the unit's agents" wait_re 'xinghe-agent +宏达商贸 代理人' 10
keys n; wait_for '新代理人的用户名' 5 >/dev/null
type_text xinghe-agent2; keys Enter; wait_for '代理人姓名' 5 >/dev/null
type_text 李代理; keys Enter; wait_for '代理人初始密码' 5 >/dev/null
type_text Agent-2026-pass; keys Enter
check "the agent is created" wait_for '已创建账号 xinghe-agent2' 10
check "and listed" wait_re 'xinghe-agent2 +李代理 +代理人' 10
logout
sign_in_as xinghe-agent2 Agent-2026-pass
check "the new agent signs in to the unit's list" wait_re '业务年度:2025年' 10
keys C; wait_re '用户中心' 10 >/dev/null
keys a
check "an agent may not manage agents, and is told so" wait_re '(角色|不可用)' 5
logout

# ---- the second factor: enrolled from the client, then asked at sign-in
sign_in_as reviewer "$(demo_password reviewer)"
wait_for '已登录' 10 >/dev/null
keys C; wait_re '用户中心' 10 >/dev/null
keys t
check "the enrolment shows the recovery codes" wait_for '恢复码' 10
check "and a QR code drawn with half blocks" wait_re '▀|▄' 2
secret=$(screen_text | grep -oE '[A-Z2-7]{4}( [A-Z2-7]{4}){3}' | head -2 | tr -d ' \n')
recovery=$(screen_text | grep -A1 '恢复码' | tail -1 | grep -oE '[0-9a-z]{4,}-?[0-9a-z]{4,}' | head -1)
recovery2=$(screen_text | grep -A1 '恢复码' | tail -1 | grep -oE '[0-9a-z]{4,}-?[0-9a-z]{4,}' | sed -n 2p)
check "the key is shown as text" test ${#secret} -eq 32
now=$(date +%s)
keys c; wait_for '验证器中的验证码' 5 >/dev/null
type_text "$(code_at "$secret" $((now - 30)))"; keys Enter   # the step before: the next login's stays fresh
check "a code from the app turns it on" wait_for '已启用:今后登录时需输入验证码' 10
keys Escape
logout
sign_in_as reviewer "$(demo_password reviewer)"
check "sign-in now asks for the code" wait_re '验证码 ' 10
type_text "$(code_at "$secret" "$(date +%s)")"; keys Enter
check "a fresh code signs in" wait_for '已登录' 10
logout
if [ -n "$recovery" ]; then
	sign_in_as reviewer "$(demo_password reviewer)"
	wait_re '验证码 ' 10 >/dev/null
	type_text "$recovery"; keys Enter
	check "a recovery code signs in" wait_for '已登录' 10
	keys C; wait_re '用户中心' 10 >/dev/null
	keys x; wait_for '或恢复码' 5 >/dev/null
	type_text "$recovery"; keys Enter   # used at sign-in: good once
	check "a recovery code is good once" wait_for '验证码不正确:未作修改' 10
	keys x; wait_for '或恢复码' 5 >/dev/null
	type_text "$recovery2"; keys Enter
	check "another one removes the second factor" wait_for '二次验证已关闭' 10
	check "and sign-in asks for no code again" test -n "$(curl -ks -X POST "$E2E_URL/api/v1/sessions" \
		-d "{\"username\":\"reviewer\",\"password\":\"$(demo_password reviewer)\"}" | grep token)"
	logout
else
	not_ok "a recovery code was on the enrolment screen"
fi

# ---- administration: units from a CSV, then an account of one of them
USCC=$(python3 - <<'PY'
chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
first = "91150924MA0TXD011"
c = (31 - sum(chars.index(ch) * w[i] for i, ch in enumerate(first)) % 31) % 31
print(first + chars[c])
PY
)
cat >"$E2E_TMP/units.csv" <<CSV
uscc,name,tax_no,org_code,kind,economic_type,industry,federation_region,tax_region,admin_region,legal_name,legal_idno,legal_phone,phone,staff_last_year,contact_name,contact_phone,business_address,registered_address,bank_payee,bank_account,bank_name,wage_area_class
$USCC,兴和县测试导入有限公司,,,enterprise,私营,制造业,150924,150924,150924,,,,,25,,,,,,,,1
CSV
sign_in_as admin "$(demo_password admin)"
wait_for '已登录' 10 >/dev/null
keys C; wait_re '用户中心' 10 >/dev/null
keys u
check "u lists the accounts" wait_re 'xinghe-agent2' 10
keys i; wait_for '单位 CSV 文件' 5 >/dev/null
type_text "$E2E_TMP/units.csv"; keys Enter
check "the units are imported" wait_for '已导入 1 个单位' 15
keys n; wait_for '用户名:' 5 >/dev/null
type_text testunit; keys Enter; wait_for '姓名:' 5 >/dev/null
type_text 测试导入单位; keys Enter; wait_for '初始密码' 5 >/dev/null
type_text Testunit-2026-pass; keys Enter; wait_for '角色' 5 >/dev/null
type_text unit; keys Enter; wait_for '统一社会信用代码' 5 >/dev/null
type_text "$USCC"; keys Enter
check "the unit's account is created" wait_for '已创建账号 testunit' 10
logout
sign_in_as testunit Testunit-2026-pass
check "the imported unit's account signs in to its list" wait_re '业务年度:2025年' 10
me=$(curl -ks "$E2E_URL/api/v1/me" -H "Authorization: Bearer $(token_of testunit Testunit-2026-pass)")
check "as the imported unit" test "$(jpy 'j["unit"] + " " + j["unit_name"]' "$me")" = "$USCC 兴和县测试导入有限公司"
check "the client is still running" client_alive
e2e_done
