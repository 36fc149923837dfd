#!/usr/bin/env bash
# e2e: every 412 path keeps what was typed and shows, field by field, what the
# other person changed (theirs / yours) — never an overwrite unseen.  Someone
# else writes through the API between the client's load and its save: the
# person form (per field, and "decide later" then saving compares again), the
# month grid's ticks (month by month, all theirs at once), a draft older than
# the record it was kept for, and a delete from a list loaded before the
# change.  (The unit form's 412 is in test_engine.sh.)
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
USCC=91150924MA0HXD012T
YEAR=2025
first_id=$(jpy 'j["items"][1]["id"]' "$(api_as xinghe GET "/units/$USCC/years/$YEAR/placements?limit=5")")
placement() { api_as xinghe GET "/placements/$first_id"; }
# write_person FIELD VALUE...: another user's PUT of the person's fields
write_person() {
	local p body
	p=$(placement)
	body=$(python3 - "$p" "$@" <<'PY'
import json, sys
p = json.loads(sys.argv[1]); kv = sys.argv[2:]
for k, v in zip(kv[::2], kv[1::2]): p["person"][k] = v
print(json.dumps({"person": p["person"], "contracts": p["contracts"], "certificates": p["certificates"]}))
PY
)
	api_as xinghe PUT "/placements/$first_id" "$body" "\"$(jpy 'j["version"]' "$p")\"" >/dev/null
}
person_field() { jpy "j['person']['$1']" "$(placement)"; }

e2e_start_client
login xinghe
check "signed in" wait_re '业务年度:2025年' 10

# ---- a delete of a person someone else changed since the list loaded
third=$(jpy 'j["items"][2]["id"]' "$(api_as xinghe GET "/units/$USCC/years/$YEAR/placements?limit=5")")
wait_re '^ +3 王\*英' 10 >/dev/null
p3=$(api_as xinghe GET "/placements/$third")
body=$(jpy 'json.dumps({"person": dict(j["person"], phone="13900000001"), "contracts": j["contracts"], "certificates": j["certificates"]})' "$p3")
api_as xinghe PUT "/placements/$third" "$body" "\"$(jpy 'j["version"]' "$p3")\"" >/dev/null
keys j j d
wait_for "删除 王*英?" 5 >/dev/null
keys y
check "a delete of a person changed meanwhile is refused, and says why" wait_for "此记录已被他人修改" 10
still_there() { test "$(jpy 'j["person"]["phone"]' "$(api_as xinghe GET "/placements/$third")")" = 13900000001; }
check "the person and the other user's change are still there" still_there
keys Home

# ---- the person form: two fields changed meanwhile, one of them also typed
keys j Enter
check "the person opens" wait_re '\*姓名 +景卫东' 10
keys Tab End; type_text 甲
check "the name is edited" wait_re '\*姓名 +景卫东甲' 5
write_person name 景卫东乙 phone 13900000099
check "meanwhile another user saved the name and the phone" test "$(person_field phone)" = 13900000099
keys C-s
check "a 412 keeps the edits and compares" wait_for "期间他人已保存此记录:请逐项选择" 10
check "the name both changed: theirs beside yours, yours kept until chosen" \
	wait_re '姓名 +景卫东乙 +景卫东甲 +我的' 5
check "the phone only they changed: theirs taken" wait_re '联系电话 +13900000099 +[0-9]+ +对方的' 5
check "fields nobody changed are not listed" no_re '户籍地址 '
wait_idle; keys Escape   # decide later
check "back on the form the edits are still there" wait_re '\*姓名 +景卫东甲' 5
check "and the title says someone changed the record" wait_for "(期间已被他人修改)" 5
keys C-s
check "saving again compares again instead of overwriting" wait_for "期间他人已保存此记录:请逐项选择" 10
check "nothing was written over their version" test "$(person_field name)" = 景卫东乙
keys t   # the cursor's field, the name: take theirs
check "t takes theirs for the field under the cursor" wait_re '姓名 +景卫东乙 +景卫东甲 +对方的' 5
keys Enter
check "applied: the form holds their name" wait_re '\*姓名 +景卫东乙' 5
check "and their phone" wait_re '联系电话 +13900000099' 5
check "the form says the result waits to be saved" wait_for "已合并" 5
keys C-s
check "the merged form is saved" wait_for "已保存" 10
check "with the choices made" test "$(person_field name)/$(person_field phone)" = 景卫东乙/13900000099
wait_idle; keys Escape
wait_re '安置人员列表' 5 >/dev/null

# ---- the month grid: ticks against another user's months
months_of() { jpy '",".join(m["month"] for m in j["months"] if m.get("registered"))' "$(placement)"; }
keys Enter
wait_re '\*姓名 +景卫东乙' 10 >/dev/null
keys C-n
check "the month grid opens" wait_for "安置登记月份" 10
wait_re '202512' 5 >/dev/null
keys Home Space   # untick January
check "a tick changes, not saved" wait_re '安置登记月份 — .* \*$' 5
p=$(placement)
api_as xinghe PUT "/placements/$first_id/months" '{"months":["202503","202504","202505"]}' \
	"\"$(jpy 'j["version"]' "$p")\"" >/dev/null
check "meanwhile another user registered only March to May" test "$(months_of)" = 202503,202504,202505
keys C-s
check "a 412 on the months keeps the ticks and compares month by month" \
	wait_for "期间他人已保存此记录:请逐项选择" 10
check "January: theirs not registered, mine unticked too — no row" no_re '^ *202501 '
check "June: theirs not registered, mine still ticked" wait_re '202506 +未登记 +已登记 +(我的|对方的)' 5
keys T
check "T takes theirs for every month" bash -c "! tmux -L $E2E_SOCK capture-pane -p -t e2e | grep -E '^ *2025(0[6-9]|1[0-2]) ' | grep -q '我的 *$'"
keys Enter
check "applied: the grid says the result waits to be saved" wait_for "已合并" 5
keys C-s
check "the months are saved" wait_for "已保存" 10
check "as chosen: theirs" test "$(months_of)" = 202503,202504,202505

# ---- a draft older than the record: compared when it is resumed
wait_idle; keys Escape
wait_re '\*姓名 +景卫东乙' 10 >/dev/null
keys Tab End; type_text 丙
wait_re '\*姓名 +景卫东乙丙' 5 >/dev/null
kill -TERM "$(client_pid)"
wait_until 5 bash -c "tmux -L $E2E_SOCK capture-pane -p -t e2e | grep -q ANZHI-EXITED"
write_person phone 13900000100
tmux -L "$E2E_SOCK" kill-server
e2e_start_client
login xinghe
check "the draft is offered after signing in" wait_for "未保存的草稿:1 份" 10
keys Enter
check "a draft older than the record is compared field by field" \
	wait_for "期间他人已保存此记录:请逐项选择" 10
check "its name beside the record's" wait_re '姓名 +景卫东乙 +景卫东乙丙 +我的' 5
check "the phone changed since the draft, theirs" wait_re '联系电话 +13900000100 +13900000099 +对方的' 5
check "the client is still running" client_alive
e2e_done
