#!/usr/bin/env bash
# e2e: the federation's workbench (issue 10). The reviewer lands on the review
# queue; reviews five cases at no more than three keys each (Enter, then V:
# every pending month and dispatch item 有效, sent, and the next case opens by
# itself); a second reviewer whose case another decided meanwhile gets the
# refusal (412) in the outbox and sees the other's decision — nothing lost;
# three tagged cases are decided in one command, after a confirmation that
# gives the count.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/review_lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
extra1=$(add_pending_case 0)
extra2=$(add_pending_case 1)
check "two more cases at 兴和 await review" \
	bash -c "[ '$(case_status "$extra1")' = pending ] && [ '$(case_status "$extra2")' = pending ]"
five=("$(case_id '李*国')" "$(case_id '黄*峰')" "$(case_id '董*兰')" "$(case_id '程*新')" "$(case_id '曹*英')")
deng=$(case_id '邓*萍')

e2e_start_client
login reviewer
check "the reviewer lands on the review queue" wait_for "安置审核 - 业务年度" 10
check "the header counts both kinds of pending case" wait_re "待审核 7 人，待审核\(合同需审核\) 2 人" 10
check "the cursor's unit is named in full with its credit code" wait_re "单位 兴和县宏达商贸有限公司 +统一社会信用代码 91150924MA0HXD012T" 5

# ---- filters: a county by its name, the registration dates
keys r
check "the region prompt asks for a name" wait_for "地区（盟市或旗县区的名称或代码）" 5
type_text "兴和"; keys Enter
check "the queue keeps 兴和县's cases" wait_re "筛选: 地区 兴和县" 5
check "and the counts follow" wait_re "待审核 3 人，待审核\(合同需审核\) 1 人" 10
no_jining() { ! screen_text | grep -q "集宁"; }
check "no case of 集宁 is listed" no_jining
keys r C-u Enter
keys D
type_text " - 2000-01-01"; keys Enter   # (a leading "-" would be a tmux flag)
check "a date range before every registration leaves nothing" wait_for "没有符合筛选条件的待审核人员" 10
keys D C-u Enter
check "cleared, all nine are back" wait_re "待审核 7 人，待审核\(合同需审核\) 2 人" 10

# ---- five cases, the keys counted
nkeys=0
press() { keys "$@"; nkeys=$((nkeys + $#)); }
press Enter
check "Enter opens the oldest case" wait_re "审核 1/9 - 李建国" 10
check "its failed months show why, with the import used" wait_re "工资信息: 本单位当月无工资发放记录 \(.*[0-9]{4}-12-31\)" 5
check "the next case is fetched while this one is read" wait_re "下一位： ?黄晓峰" 10
keys Tab
check "Tab lists the unit's materials" wait_re "工资发放证明 +wage-证明.png" 5
keys Enter
check "Enter shows the material inside the terminal" wait_for "材料查看 — wage-证明.png" 10
check "the reviewer sees it drawn, as block art in tmux" wait_re "$BLOCKS{8}" 10
keys Escape
check "Esc comes back to the case" wait_re "审核 1/9 - 李建国" 5
keys Tab
check "Tab goes back to the months" wait_gone "单位上传的资料" 5
keys o
check "o from the months goes to the materials" wait_re "工资发放证明 +wage-证明.png" 5
keys o
check "and o on a material row shows it drawn too" wait_re "$BLOCKS{8}" 10
keys Escape
check "Esc comes back to the case again" wait_re "审核 1/9 - 李建国" 5
keys Tab
wait_gone "单位上传的资料" 5 >/dev/null
# a decision chosen and not sent is asked about on the way out (issue 7)
keys v
keys Escape
check "leaving with a decision not sent asks first" wait_for "有未保存的修改。离开前保存吗?" 5
keys Escape
check "Esc stays on the case" wait_gone "有未保存的修改" 5
next=(黄晓峰 董秀兰 程立新 曹凤英 邓丽萍)
for i in 0 1 2 3 4; do
	press V
	check "V decides case $((i + 1)) and the next one opens by itself" wait_re "审核 1/[0-9]+ - ${next[i]}" 10
	if [ "$i" -eq 0 ]; then
		check "a dispatch case shows its three items" \
			bash -c "$(declare -f screen_text); E2E_SOCK=$E2E_SOCK; s=\$(screen_text); [[ \$s == *劳务派遣资质* && \$s == *三方协议* && \$s == *劳动合同* ]]"
		keys Enter Enter   # the first item awaiting review: its material, opened
		check "Enter on an item opens the material that proves it" \
			wait_for "材料查看 — dispatch_licence-证明.png — 劳务派遣资质" 10
		wait_re "$BLOCKS{8}" 10 >/dev/null   # drawn: Esc now leaves (during the download it cancels)
		keys Escape; wait_for "单位上传的资料" 5 >/dev/null
		keys Tab; wait_gone "单位上传的资料" 5 >/dev/null
	fi
	[ "$i" -lt 4 ] && wait_for "下一位：" 10 >/dev/null
done
echo "# five cases took $nkeys keys ($(python3 -c "print(round($nkeys / 5, 2))") per case)"
check "five cases cost at most 3 keys each ($nkeys keys)" test "$nkeys" -le 15
all_confirmed() {
	local id
	for id in "$@"; do [ "$(case_status "$id")" = confirmed ] || return 1; done
}
check "the five decisions reached the service in the background: all confirmed" \
	wait_until 20 all_confirmed "${five[@]}"

# ---- a second reviewer: the supervisor decides 邓丽萍 while she is on screen
sup=$(api_login supervisor)
body=$(api GET "/placements/$deng" "$sup" | python3 -c '
import json, sys
p = json.load(sys.stdin)
print(json.dumps({"months": [{"month": m["month"], "result": "valid"} for m in p["months"] if m["result"] == "pending"]}))')
ver=$(api GET "/placements/$deng" "$sup" | jval version)
check "the supervisor decides the case first" \
	bash -c "[ '$(api PUT "/placements/$deng/review" "$sup" "$body" "If-Match: \"$ver\"" | jval status)' = confirmed ]"
press V
check "the refused decision comes back as a visible failure" wait_for "有审核决定被拒绝" 15
check "and the reviewer has moved on meanwhile" wait_re "审核 1/[0-9]+ - 孟和" 5
keys O
check "the outbox lists it as decided by another" wait_for "他人已审核" 5
keys Enter
check "Enter shows the case as it is now: nothing of it awaits review" wait_for "此人已无待审核项" 10
check "with the first reviewer's decision and name" wait_re "审核结果：有效，审核人员 内蒙古残联 业务主管" 5
check "the first decision was not lost" \
	bash -c "[ '$(api GET "/placements/$deng" "$sup" | jval months.9.reviewer)' = '内蒙古残联 业务主管' ]"
keys Escape
check "back in the outbox" wait_for "发件箱 -" 5
keys d
check "dropping asks first" wait_for "放弃这些审核决定" 5
keys y
check "and the outbox is empty then" wait_for "所有审核决定均已送达服务" 5
keys Escape Escape
check "back on the queue with three cases" wait_re "待审核 3 人，待审核\(合同需审核\) 0 人" 10

# ---- three tagged, one command
three=("$(case_id '*和')" "$extra1" "$extra2")
keys Space Space Space
tagged() { [ "$(screen_text | grep -cE '^\*')" -eq 3 ]; }
check "three cases tagged" wait_until 5 tagged
keys V
check "the confirmation gives the count" wait_for "将已标记的 3 人全部待审核项标为有效" 5
keys y
check "the three go into the outbox" wait_for "3 人已审核为有效" 10
check "the header counts them no more, as the rows" wait_re "待审核 0 人，待审核\(合同需审核\) 0 人" 10
check "and reach the service: all three confirmed" wait_until 20 all_confirmed "${three[@]}"
check "the client is still running" client_alive
e2e_done
