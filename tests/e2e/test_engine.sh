#!/usr/bin/env bash
# e2e: the engine's rules a user relies on — a 412 on save keeps what was
# typed (the other version is loaded underneath and compared field by field;
# what each side alone changed is kept), a bulk delete acts on every tagged
# person (sent a few at a time), and an action whose need fails says why
# instead of doing nothing.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
USCC=91150924MA0HXD012T

# api METHOD PATH [BODY] [IF-MATCH]: the service as xinghe, JSON on stdout
api() {
	local tok
	tok=$(curl -ks -X POST "$E2E_URL/api/v1/sessions" \
		-d "{\"username\":\"xinghe\",\"password\":\"$(demo_password xinghe)\"}" |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
	curl -ks -X "$1" "$E2E_URL/api/v1$2" -H "Authorization: Bearer $tok" \
		${3:+-d "$3"} ${4:+-H "If-Match: $4"}
}

e2e_start_client
login xinghe
check "signed in" wait_re '业务年度:2025年' 10

# ---- 412: someone else saves the unit while it is being edited
keys U
wait_re '经办人电话 +[0-9]' 10 >/dev/null
for _ in $(seq 15); do keys Tab; done      # 经办人电话 (contact_phone)
keys C-u; type_text 13800000001
check "the contact phone is edited" wait_re '经办人电话 +13800000001' 5
unit=$(api GET "/units/$USCC")
version=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["version"])' "$unit")
body=$(python3 -c 'import json,sys; u=json.loads(sys.argv[1]); [u.pop(k) for k in ("uscc","version")]; u["phone"]="0474-0000000"; print(json.dumps(u))' "$unit")
saved=$(api PUT "/units/$USCC" "$body" "\"$version\"")
check "meanwhile the service took another user's change" \
	test "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1]).get("phone"))' "$saved")" = 0474-0000000
keys C-s
check "a 412 says the edits are kept" wait_for "您的修改仍保留" 10
check "the other version is compared with them field by field" wait_for "期间他人已保存此记录:请逐项选择" 10
check "their change, which I did not touch, is taken" wait_re '单位电话 +0474-0000000 +[0-9-]+ +对方的' 5
check "my edit, which they did not touch, is kept" wait_re '经办人电话 +[0-9]+ +13800000001 +我的' 5
keys Enter
check "applied: the form keeps what was typed" wait_re '经办人电话 +13800000001' 5
check "and takes their phone" wait_re '单位电话 +0474-0000000' 5
keys C-s
check "saving the merge keeps both" wait_for "已保存" 10
after=$(api GET "/units/$USCC")
both() { python3 -c 'import json,sys; u=json.loads(sys.argv[1]); sys.exit(not (u.get("contact_phone") == "13800000001" and u.get("phone") == "0474-0000000"))' "$after"; }
check "the saved record has the typed contact phone and their phone" both
keys Escape
wait_re '安置人员列表' 5 >/dev/null

# ---- a bulk delete takes every tagged person
keys A
check "A tags every person" wait_re '^ ?\*' 5
keys d
check "delete asks about all of them" wait_for "删除已标记的 10 人?" 5
keys y
check "every tagged person is deleted" wait_for "暂无数据" 15
check "and the list says so" wait_for "已删除" 5

# ---- a need that fails is said, not ignored
keys d
check "delete on an empty list says no line is selected" wait_for "未选中任何行" 5
check "the client is still running" client_alive
e2e_done
