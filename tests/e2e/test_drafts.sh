#!/usr/bin/env bash
# e2e: drafts are offered — right after signing in and on the list ("2 unsaved
# drafts") — with resume and discard.  Once a draft came back only when the
# same person was opened, and an unsaveable new person's draft came back on
# every a with no way to discard it.  Here anzhi is ended (SIGTERM, as a
# shutdown does) with a new person's form and then the month grid's ticks
# unsaved; each is its own draft.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
end_client() {
	kill -TERM "$(client_pid)"
	wait_until 5 bash -c "tmux -L $E2E_SOCK capture-pane -p -t e2e | grep -q ANZHI-EXITED"
	tmux -L "$E2E_SOCK" kill-server
}
drafts="$E2E_TMP/home/.state/anzhi/drafts/xinghe"
count_drafts() { ls "$drafts" 2>/dev/null | grep -c '\.json$'; }

e2e_start_client
login xinghe
wait_re '业务年度:2025年' 10 >/dev/null
check "no drafts: the list opens, nothing offered" no_re '未保存的草稿'
keys a
wait_for "输入身份证号" 5 >/dev/null
type_text 1509241986; keys Tab; type_text 未存人
wait_for "未存人" 5 >/dev/null
end_client
check "ending anzhi kept the new person's form as a draft" test "$(count_drafts)" = 1

e2e_start_client
login xinghe
check "the draft is offered right after signing in" wait_for "未保存的草稿:1 份" 10
wait_idle   # the list below is loading: Esc would cancel that first
keys Escape
check "the list counts it" wait_for "有 1 份未保存的草稿:按 P 查看" 5
keys a
check "a opens an empty form, not the draft" wait_for "输入身份证号,残疾人基本信息会自动带出来" 5
check "and says drafts wait on the list" wait_for "在列表中按 P 查看" 5
no_name() { ! screen_text | grep -q "未存人"; }
check "the draft's name is not in it" no_name
wait_idle; keys Escape
wait_re '安置人员列表' 5 >/dev/null
keys Enter
wait_re '\*姓名 +[^ ]' 10 >/dev/null
keys C-n
wait_re '202512' 10 >/dev/null
keys Home Space
wait_re '安置登记月份 — .* \*$' 5 >/dev/null
end_client
check "the grid's unsaved ticks are a draft of their own" test "$(count_drafts)" = 2

e2e_start_client
login xinghe
check "both drafts are offered" wait_for "未保存的草稿:2 份" 10
check "the new person's, by its masked name" wait_re '添加残疾人 +未\*人' 5
check "the ticks', by the person" wait_re '安置登记月份 +\*嵘 +150924\*{5}' 5
first=$(screen_text | grep -E '^(添加残疾人|安置登记月份) ' | head -1 | awk '{print $1}')
[ "$first" = 添加残疾人 ] || keys j   # to the new person's draft
keys d
check "d asks, naming the draft" wait_re '丢弃草稿\(添加残疾人 未\*人' 5
keys y
check "discarded" wait_for "已丢弃草稿" 5
check "one draft left" wait_for "未保存的草稿:1 份" 5
check "and gone from disk" test "$(count_drafts)" = 1
keys Enter
check "Enter resumes the ticks in the grid" wait_for "已恢复未保存的草稿" 10
check "January still unticked, the grid unsaved" wait_re '安置登记月份 — .* \*$' 5
jan_ticked() { screen_text | grep -E '^ *202501 ' >/dev/null; }
check "January shows no tick" jan_ticked
keys C-s
check "saved" wait_for "已保存" 10
wait_idle; keys Escape
check "back on the drafts, none left" wait_for "未保存的草稿:0 份" 10
check "and none on disk" test "$(count_drafts)" = 0
wait_idle; keys Escape
wait_re '安置人员列表' 5 >/dev/null
check "the list no longer counts drafts" no_re '份未保存的草稿'
check "the client is still running" client_alive
e2e_done
