#!/usr/bin/env bash
# e2e: messages in the zh UI.  Every screen and error path says its message
# in Chinese (no English fragment: the service's `detail`, curl's words and
# the core's complaints go to the message log only), and the log — M or
# `:messages` — shows every message whole with its time, newest last,
# including what the status bar cut at 80 columns.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi

# English words on screen: runs of 3+ ASCII letters standing alone, less the
# key names, the program's name, the demo's user names, a URL's scheme and
# file types
english() {
	screen_text | grep -oP '(?<![A-Za-z0-9_./:-])[A-Za-z]{3,}(?![A-Za-z0-9_])' |
		grep -vxE 'Enter|Esc|Tab|Space|PgUp|PgDn|Home|End|Del|anzhi|https|jpeg|jpg|png|pdf' |
		grep -vxE 'xinghe|caoyuan|beifang|jining|chayouqian|fengzhen|reviewer|supervisor|admin' |
		sort -u | tr '\n' ' '
}
chinese_only() {
	local e
	e=$(english)
	[ -z "$e" ] && return 0
	echo "# English on screen: $e"
	screen_text | sed 's/^/# | /'
	return 1
}
# zh NAME: the screen as it is now has no English fragment
zh() { check "$1: all in Chinese" chinese_only; }

e2e_start_client
wait_for "用户名" 10 >/dev/null
zh "the login form"
type_text xinghe; keys Tab; type_text wrong-password; keys Enter
check "a wrong password is said in Chinese" wait_for "用户名或密码错误" 10
zh "the refused login"
keys C-u; type_text "$(demo_password xinghe)"; keys Enter
wait_for "安置人员列表" 10 >/dev/null
zh "the placement list"
keys '?'
wait_for "本界面按键" 5 >/dev/null
zh "the help screen"
keys q
keys N
wait_for "通知公告" 10 >/dev/null
zh "the notices"
keys Enter
wait_re '^20[0-9]{2}-' 5 >/dev/null
zh "a notice"
keys Escape; keys Escape
wait_for "安置人员列表" 10 >/dev/null

# ---- the calculator refuses a wage that is no number: in words, at the field
keys c
wait_for "残保金计算器" 10 >/dev/null
wait_re '上年度职工数 +[0-9]' 10 >/dev/null
type_text 80000abc; keys Enter
check "the calculator says the wage is not a number, in Chinese" \
	wait_re '职工年平均工资: 不是所要求格式的数字' 5
zh "the calculator's complaint"
keys Escape

# ---- the service refuses a region code: the field says why, the detail is logged
keys U
wait_re '税务主管部门 +[0-9]' 10 >/dev/null
for _ in 1 2 3 4 5 6 7 8; do keys Tab; done   # from 税务登记证号 to 税务主管部门 (tax_region)
keys C-u; type_text 999999; keys C-s
check "the refusal is marked at the field, in Chinese" wait_re '^税务主管部门: 填写内容不正确' 10
check "the service's English detail is not on the screen" no_re 'unknown region'
zh "the unit's refused save"
keys Escape   # the edits are unsaved: leaving asks; discard them
wait_for "有未保存的修改" 5 >/dev/null
keys d
wait_for "安置人员列表" 10 >/dev/null

# ---- the command line's complaints
keys : ; type_text "bind placements x nosuchaction"; keys Enter
check "a bad bind line is said in Chinese" wait_for "未知动作“nosuchaction”" 5
keys : ; type_text "bind placements <Dwn> delete"; keys Enter
check "an unknown key name is said in Chinese" wait_for "未知按键名“<Dwn>”" 5

# ---- a line the status bar cuts at 80 columns, read whole in the log
keys =
wait_re '序 1 姓名' 5 >/dev/null
check "the status bar cuts the row's text" wait_re '~ *通知 [0-9]+$' 5
keys M
check "M opens the message log" wait_for "本次会话的消息(最新的在最后)" 5
check "the log has each message with its time" wait_re '^[0-9]{2}:[0-9]{2}:[0-9]{2}  错误:用户名或密码错误' 5
check "the cut line is whole in the log, to its last column" wait_re '审核状态 已审核确认 单位申报时间 2026-01-15' 5
check "the calculator's English is in the log only" wait_re '详情:选项 --avg-wage: expected a decimal number' 5
check "the service's detail of the refusal is in the log" \
	wait_re '详情:HTTP 422 invalid_field tax_region: unknown region code 999999' 5
log_order() {
	screen_text | python3 -c '
import sys
t = sys.stdin.read()
a, b = t.find("用户名或密码错误"), t.find("未知按键名")
sys.exit(0 if 0 <= a < b else 1)'
}
check "newest last" log_order
keys q
wait_for "安置人员列表" 10 >/dev/null

# ---- the network goes: a message in Chinese, curl's words in the log
e2e_stop_server
keys R
check "a lost service is said in Chinese" wait_for "无法连接服务" 15
zh "the network failure"
keys : ; type_text messages; keys Enter
check "':messages' opens the log too" wait_for "本次会话的消息" 5
check "curl's own words are in the log" wait_re '详情:curl 7: ' 5
check "the client is still running" client_alive
e2e_done
