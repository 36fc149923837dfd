#!/usr/bin/env bash
# e2e: a unit's requests on its declaration, both sides — 年审认证反馈: the
# unit of a passed declaration sends its feedback with a file, the reviewer
# reads it in 认证反馈审核, views the file and accepts, and the unit's list is
# open again; 单位注销安置登记: the unit saves the 注销业务申请书, files it
# signed with a reason, the reviewer approves it in 注销审核 and the unit
# reads the outcome.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
E2E_ENV=NO_COLOR=1 e2e_start_client   # 80x24, monochrome

logout_and_login() {
	keys :; type_text logout; keys Enter
	login "$1"
}

# the reviewer's queue number N (1 年审, 2 反馈, 3 注销) from anywhere
reviewer_opens() {
	wait_re "通知公告|已登录" 15 >/dev/null
	wait_re "^ *(新)? *20[0-9]{2}-[0-9]{2}-[0-9]{2}" 15 >/dev/null   # the notices loaded
	local i
	keys F
	wait_for "审核业务" 10 >/dev/null || { echo "# F did not open the menu"; return 1; }
	for ((i = 1; i < $1; i++)); do keys Down; done
	keys Enter
}

scan=$E2E_TMP/scan.png; make_png "$scan"

# ---- 年审认证反馈: the unit of a passed declaration disagrees
login fengzhen
check "signed in" wait_for "审核状态" 10
check "the declaration has passed" wait_for "年审申报: 年审通过" 10
keys F
check "F opens the feedback screen" wait_for "年审认证反馈 - 业务年度" 5
check "nothing filed yet" wait_for "本年度尚未提交" 5
keys a
check "a asks for the text" wait_for "对审核结果的反馈" 5
type_text "第三季度社保缴费记录有误"; keys Enter
check "then for the files" wait_for "附件 1(Tab 补全" 5
type_text "$E2E_TMP/nope.png"; keys Enter
check "a file that cannot be read is said, and asked again" wait_for "无法读取" 5
keys C-u; type_text "$scan"; keys Enter
wait_for "附件 2(Tab 补全" 5 >/dev/null
keys Enter   # empty: send now
check "the feedback is sent" wait_for "反馈已提交" 15
check "and listed, awaiting review" wait_re "待审核 +1" 10

logout_and_login reviewer
reviewer_opens 2
check "认证反馈审核 lists the unit's feedback" wait_for "丰镇市恒信建材有限公司" 10
check "with its text" wait_for "第三季度社保缴费记录有误" 5
check "and its file" wait_re "附件 1: scan.png" 5
keys Enter
check "the file opens in the viewer" wait_for "scan.png" 10
wait_gone "正在下载" 10
keys Escape
wait_for "认证反馈审核 - 业务年度" 5 >/dev/null
keys p
check "accept asks first" wait_for "通过丰镇市恒信建材有限公司的认证反馈?" 5
keys y
check "the acceptance is said" wait_for "认证反馈审核通过:该单位的年审申报已重新开放" 10

logout_and_login fengzhen
check "the unit's list is open again" wait_for "年审申报: 未申报" 10
keys F
check "the feedback shows it was accepted" wait_re "通过 +1" 10
keys Escape

# ---- 单位注销安置登记
logout_and_login jining
check "signed in as the welfare home" wait_for "审核状态" 10
keys X
check "X opens the cancellation screen" wait_for "单位注销安置登记 - 业务年度" 5
out=$E2E_TMP/saved; mkdir -p "$out"
keys s
wait_re "保存到.*cancellation-form-" 5 >/dev/null
keys C-u; type_text "$out/"; keys Enter
check "the cancellation application is saved" wait_for "已保存到" 15
form=$(ls "$out"/cancellation-form-*.pdf 2>/dev/null | head -1)
check "it is a sealed PDF" \
	env XDG_STATE_HOME="$E2E_TMP/state" "$ANZHI" verify --server "$E2E_URL" --pin "$E2E_PIN" "$form"
keys a
wait_for "注销该年度安置登记的原因" 5 >/dev/null
type_text "单位已停业"; keys Enter
wait_for "注销业务申请书,附件 1" 5 >/dev/null
keys Enter
check "the signed application is required: asked again" wait_for "注销业务申请书,附件 1" 5
check "and nothing is sent without it" no_re "注销申请已提交"
type_text "$form"; keys Enter
check "the request is sent" wait_for "注销申请已提交" 15

logout_and_login reviewer
reviewer_opens 3
check "注销审核 lists the request" wait_for "乌兰察布市集宁区社会福利院" 10
check "with its reason" wait_for "单位已停业" 5
keys Enter
check "the signed application opens in the viewer" wait_re "cancellation-form-.*\.pdf" 10
wait_for "第 1/1 页" 20 >/dev/null   # drawn: Esc now leaves (before, it cancels)
keys Escape
wait_for "注销审核 - 业务年度" 5 >/dev/null
keys p; wait_for "y = 是" 5 >/dev/null; keys y
check "the approval is said" wait_for "注销审核通过" 10

logout_and_login jining
check "the unit's year is cancelled" wait_for "年审申报: 已注销" 10
keys X
check "the request shows it was approved" wait_re "通过 +1" 10
check "anzhi still runs" client_alive
e2e_done
