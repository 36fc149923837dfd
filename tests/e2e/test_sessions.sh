#!/usr/bin/env bash
# e2e (issue 13): `:sessions` lists where the user is signed in — the one in
# use marked, another device's client named — and ends another session (its
# token stops working); the one in use ends only as logging out does, asking
# first about unsaved changes beneath (issue 7); a login the service limits
# (429) says how long to wait.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi

# login_token USER [AGENT]: a token from the API directly (another device)
login_token() {
	curl -ks -A "${2:-curl}" -H 'Content-Type: application/json' \
		-d "{\"username\":\"$1\",\"password\":\"$(demo_password "$1")\"}" \
		"$E2E_URL/api/v1/sessions" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
me_status() { curl -ks -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $1" "$E2E_URL/api/v1/me"; }

OTHER=$(login_token xinghe "desk-pc/2.0")
check "another device is signed in" test "$(me_status "$OTHER")" = 200

e2e_start_client
login xinghe
wait_for "安置人员列表" 15
keys :
type_text sessions
keys Enter
check ":sessions lists the user's sessions" wait_for "我的登录会话" 10
check "the session in use is marked" wait_for "本会话" 10
check "the other device's client is named" wait_for "desk-pc/2.0" 10
# Oldest first: the cursor is on the other device's session.
keys d
check "ending a session asks first" wait_for "结束此会话" 10
keys y
check "the end is confirmed" wait_for "已结束" 10
check "the other device is signed out" wait_until 10 test "$(me_status "$OTHER")" = 401
check "the list no longer shows it" wait_gone "desk-pc/2.0" 10
keys d
check "ending the session in use asks first" wait_for "结束正在使用的会话" 10
keys n
check "no: anzhi still works in it" wait_for "本会话" 5

# The session in use, with a month unticked and not saved beneath :sessions:
# ending it asks about the tick as logging out does.
anzhi_sessions() { # how many of xinghe's sessions the anzhi client holds
	jpy 'sum(1 for s in j["items"] if s["user_agent"].startswith("anzhi/"))' \
		"$(api_as xinghe GET /sessions)"
}
wait_idle; keys Escape
wait_for "安置人员列表" 10 >/dev/null
keys Enter
wait_re '\*姓名 +[^ ]' 10 >/dev/null
keys C-n
wait_re '202512' 10 >/dev/null
keys Home Space
wait_re '安置登记月份 — .* \*$' 5 >/dev/null
keys :; type_text sessions; keys Enter
wait_for "本会话" 10 >/dev/null
keys d
wait_for "结束正在使用的会话" 10 >/dev/null
keys y
check "ending it asks about the unsaved tick beneath" wait_for "有未保存的修改" 5
keys Escape
check "stay: the list of sessions is still there" wait_for "本会话" 5
check "and the session still works on the service" test "$(anzhi_sessions)" = 1
wait_idle; keys Escape
check "the unsaved tick is still there" wait_re '安置登记月份 — .* \*$' 5
keys :; type_text sessions; keys Enter
wait_for "本会话" 10 >/dev/null
keys d
wait_for "结束正在使用的会话" 10 >/dev/null
keys y
wait_for "有未保存的修改" 5 >/dev/null
keys d
check "discard, and the session ends: the login screen" wait_for "用户名" 10
anzhi_signed_out() { test "$(anzhi_sessions)" = 0; }
check "the service no longer has it" wait_until 10 anzhi_signed_out
tmux -L "$E2E_SOCK" kill-server

# Five wrong passwords for caoyuan from this address: the sign-in is limited.
for i in 1 2 3 4 5; do
	curl -ks -o /dev/null -H 'Content-Type: application/json' \
		-d '{"username":"caoyuan","password":"not-the-password"}' "$E2E_URL/api/v1/sessions"
done
e2e_start_client
login caoyuan
check "a limited sign-in says how long to wait" wait_re "登录失败次数过多:请 1[0-9] 分钟后再试" 15
check "the client survives it" client_alive
e2e_done
