#!/usr/bin/env bash
# e2e: leaving a form or the month grid with unsaved changes asks — save,
# discard or stay — whatever the way out: Esc in the unit's information (it
# once dropped the edits), Esc, C-p and q in the month grid (q once quit the
# program at once, the ticks with it), logout; a switch to another screen (help)
# and back keeps them.  The question is the engine's, one for every screen.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
USCC=91150924MA0HXD012T
e2e_start_client
login xinghe
check "signed in" wait_re '业务年度:2025年' 10

# ---- unit information: Esc asks; stay keeps the edits; discard leaves them unsaved
keys U
wait_re '经办人电话 +[0-9]' 10 >/dev/null
for _ in $(seq 15); do keys Tab; done      # 经办人电话 (contact_phone)
keys C-u; type_text 13811112222
wait_re '经办人电话 +13811112222' 5 >/dev/null
wait_idle; keys Escape
check "Esc with unsaved edits asks: save, discard or stay" wait_for "有未保存的修改。离开前保存吗?" 5
check "and names the answers" wait_for "s 保存  d 丢弃  Esc 留在此处" 2
keys Escape
check "Esc again stays, the edits kept" wait_re '经办人电话 +13811112222' 5
check "still on the form" wait_for "单位基本信息 *" 2
keys F1
check "a switch to the help screen" wait_for "本界面按键" 5
wait_idle; keys Escape
check "and back keeps the edits" wait_re '经办人电话 +13811112222' 5
wait_idle; keys Escape; wait_for "有未保存的修改" 5 >/dev/null; keys d
check "discard leaves the form" wait_re '安置人员列表' 5
check "and nothing was saved" test "$(jpy 'j["contact_phone"]' "$(api_as xinghe GET "/units/$USCC")")" != 13811112222

# ---- the month grid: q does not quit at once; C-p asks; save from the question
keys Enter
wait_re '\*姓名 +[^ ]' 10 >/dev/null
keys C-n
wait_re '202512' 10 >/dev/null
keys Home Space
check "a month unticked, not saved" wait_re '安置登记月份 — .* \*$' 5
keys q
check "q with unsaved ticks asks instead of quitting" wait_for "有未保存的修改" 5
check "anzhi is still running" client_alive
keys Escape
check "stay: the grid and its tick are still there" wait_re '安置登记月份 — .* \*$' 5
keys C-p
check "C-p asks too" wait_for "有未保存的修改" 5
keys s
check "save from the question saves the ticks" wait_for "已保存" 10
check "and leaves the grid for the person" wait_re '\*姓名 +[^ ]' 10
pid=$(jpy 'j["items"][0]["id"]' "$(api_as xinghe GET "/units/$USCC/years/2025/placements?limit=1")")
jan() { jpy '[m for m in j["months"] if m["month"] == "202501"][0].get("registered")' "$(api_as xinghe GET "/placements/$pid")"; }
check "January is unticked on the service" test "$(jan)" = False

# ---- logout with unsaved ticks asks first
keys C-n
wait_re '202512' 10 >/dev/null
keys Home Space
wait_re '安置登记月份 — .* \*$' 5 >/dev/null
keys :; type_text logout; keys Enter
check "logout with unsaved ticks asks" wait_for "有未保存的修改" 5
keys Escape
check "stay keeps the session" wait_re '安置登记月份 — .* \*$' 5
keys :; type_text logout; keys Enter
wait_for "有未保存的修改" 5 >/dev/null
keys d
check "discard, and the logout goes on" wait_for "用户名" 10
check "January stays as it was saved" test "$(jan)" = False
check "the client is still running" client_alive
e2e_done
