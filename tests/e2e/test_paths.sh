#!/usr/bin/env bash
# e2e: the list's paths a user walks every day, end to end — the header
# counts (待审核 and 资料待完善 too), sort (its column marked in the header),
# filter, a year switch (the status bar shows the year viewed; a year the
# federation has handled says why W cannot withdraw), import of last year's
# persons, re-register, reading a notice, cancelling a slow request (Esc), a
# 429 on login (how long to wait), logout, the agent's user name in the
# status bar, and tag-then-bulk-delete of more than 256 persons.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
USCC=91150924MA0HXD012T
status_bar() { screen_text | tail -2 | head -1; }
e2e_start_client
login xinghe
check "signed in" wait_re '业务年度:2025年' 10
check "the header counts 待审核 and 资料待完善 too" wait_re '待审核 2 人, 资料待完善' 5
sleep 2.1; keys C-l   # past the "signed in" message
check "the status bar shows the year viewed" wait_re '业务年度 2025' 5

# ---- sort: the column says it is sorted
keys s
check "sort says its column" wait_for "按序排序" 5
check "and the header marks it" wait_re '^ +序\^ +姓名 ' 5
keys s
check "the next column" wait_re '姓名\^' 5

# ---- filter
keys f
check "f filters by the first status" wait_for "筛选:资料待完善" 10
only_incomplete() {
	local rows
	rows=$(screen_text | grep -E '[0-9]{6}\*{5}')
	[ -n "$rows" ] && ! grep -v '资料待完善' <<<"$rows" | grep -q .
}
check "and shows only persons of that status" wait_until 5 only_incomplete
for _ in 1 2 3 4 5; do keys f; done
check "cycling on comes back to everyone" wait_gone "筛选:" 10

# ---- a year switch; a handled year says why W cannot withdraw
sleep 2.1   # a message stays until a key after two seconds
keys [
check "[ shows last year" wait_re '业务年度:2024年' 10
check "the status bar shows the year viewed, not the session's" wait_re '业务年度 2024' 5
check "last year's declaration passed" wait_for "年审申报: 年审通过" 10
keys W
check "W in a year the federation has handled says why" wait_for "无法撤回:残联已审核通过本年度申报" 5
check "instead of asking" no_re 'y = 是'
keys a
check "add in that year says why the list is locked" wait_for "残联已审核通过本年度申报:名单不能再修改" 5
sleep 2.1   # the message above stays until a key after two seconds
keys ]
check "] comes back to this year" wait_re '业务年度:2025年' 10
check "and so does the status bar" wait_re '业务年度 2025' 5

# ---- import of last year's persons, re-register
keys I
check "import asks first" wait_for "导入上一年申报名单" 5
keys y
check "import says how many came and how many were skipped" wait_re '已导入 [0-9]+ 人,跳过 [0-9]+ 人' 10
keys Home
wait_re '^ >   1 .*已审核确认' 10 >/dev/null
version_of_first() { jpy '[i for i in j["items"] if i["name_masked"] == "*嵘"][0]["version"]' \
	"$(api_as xinghe GET "/units/$USCC/years/2025/placements?limit=50")"; }
v0=$(version_of_first)
keys r
check "re-register asks, naming the person" wait_re '重新登记 \*嵘' 5
keys y
check "re-registered" wait_for "已重新登记" 10
check "the person was checked anew on the service" test "$(version_of_first)" -gt "$v0"

# ---- reading a notice
unread() { jpy 'j["unread"]' "$(api_as xinghe GET /notices)"; }
before=$(unread)
keys N
check "the notices" wait_for "通知公告" 10
wait_re '新 ' 5 >/dev/null
keys Enter
check "Enter reads the notice" wait_for "通知 $((before - 1))" 5
check "the service knows it was read" wait_until 5 test "$(unread)" = "$((before - 1))"
wait_idle; keys Escape Escape
wait_re '安置人员列表' 5 >/dev/null

# ---- cancelling a slow request
stop_service
keys R
check "a request the service does not answer shows it is loading" wait_re '加载中 [0-9]+秒' 5
keys Escape
check "Esc cancels it" wait_for "已取消" 5
check "and the list stays on screen" wait_re '安置人员列表' 2
resume_service
sleep 2.1
keys R
loaded() { ! screen_text | grep -qE '已取消|加载中'; }
check "the next request goes through" wait_until 10 loaded

# ---- logout; a 429 says how long to wait; the agent's status bar
keys :; type_text logout; keys Enter
check "logout returns to the login screen" wait_for "用户名" 10
for _ in 1 2 3 4 5; do
	curl -ks -X POST "$E2E_URL/api/v1/sessions" -d '{"username":"jining","password":"wrong"}' >/dev/null
done
type_text jining; keys Tab; type_text wrong; keys Enter
check "a login the service limits says for how long" wait_re '登录失败次数过多:请 [0-9]+ 分钟后再试' 10
keys C-u BTab C-u
type_text xinghe-agent; keys Tab; type_text "$(demo_password xinghe-agent)"; keys Enter
check "the agent signs in" wait_re '业务年度:2025年' 10
agent_named() { status_bar | grep -q "(xinghe-agent)"; }
sleep 2.1; keys C-l   # past the "signed in" message
check "the agent's status bar shows the user name" wait_until 5 agent_named

# ---- tag-then-bulk-delete beyond 256 (caoyuan's unit, 300 more persons)
python3 - "$E2E_URL" "$(demo_password caoyuan)" <<'PY'
import http.client, json, ssl, sys
url, pw = sys.argv[1], sys.argv[2]
host, port = url[len("https://"):].split(":")
c = http.client.HTTPSConnection(host, int(port), context=ssl._create_unverified_context())
def call(m, p, body=None, tok=None):
    h = {"Content-Type": "application/json"}
    if tok: h["Authorization"] = "Bearer " + tok
    c.request(m, "/api/v1" + p, json.dumps(body) if body is not None else None, h)
    r = c.getresponse(); return r.status, json.loads(r.read() or "null")
_, s = call("POST", "/sessions", {"username": "caoyuan", "password": pw})
tok, unit = s["token"], s["user"]["unit"]
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
for i in range(300):
    first = "150105198%01d%02d%02d%03d" % (i % 10, 1 + i % 12, 1 + i % 28, 100 + i)
    first = first[:17]
    check = "10X98765432"[sum(int(a) * w for a, w in zip(first, W)) % 11]
    st, _ = call("POST", "/units/%s/years/2025/placements" % unit,
                 {"person": {"idno": first + check, "name": "批量%03d" % i}, "contracts": [], "certificates": []}, tok)
    if st != 201: sys.exit("POST %d: %s" % (i, st))
PY
check "300 more persons are registered for the test" test $? -eq 0
mkdir -p "$E2E_TMP/home/.config/anzhi"
echo "page_size = 500" >"$E2E_TMP/home/.config/anzhi/config"
tmux -L "$E2E_SOCK" kill-server
e2e_start_client
login caoyuan
wait_re '业务年度:2025年' 10 >/dev/null
CAOYUAN=$(jpy '[a["unit"] for a in j["accounts"] if a["username"] == "caoyuan"][0]' "$(cat "$E2E_TMP/data/demo-accounts.json")")
total=$(jpy 'j["total"]' "$(api_as caoyuan GET "/units/$CAOYUAN/years/2025/placements?limit=1")")
check "all of them are on the list" wait_re "已登记 $total 人" 10
keys A
check "A tags every person" wait_re '^ ?\*' 5
keys d
check "delete asks about every tagged person, beyond 256" wait_for "删除已标记的 $total 人?" 10
keys y
check "every tagged person is deleted" wait_for "暂无数据" 60
check "the service has nobody left" test "$(jpy 'j["total"]' "$(api_as caoyuan GET "/units/$CAOYUAN/years/2025/placements?limit=1")")" = 0
check "the client is still running" client_alive
e2e_done
